//! A statement built from pieces (a filter per chosen option, a list of values), its values numbered
//! `$1`, `$2`… as both SQLite and PostgreSQL read them. sqlx's `QueryBuilder` writes `?` for the `Any`
//! driver, which PostgreSQL does not read.

use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, Type};
use std::fmt::Write;

pub(super) struct Statement<'q> {
    text: String,
    values: AnyArguments<'q>,
    count: usize,
}

impl<'q> Statement<'q> {
    pub(super) fn new(text: impl Into<String>) -> Statement<'q> {
        Statement { text: text.into(), values: AnyArguments::default(), count: 0 }
    }

    pub(super) fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends the next placeholder, bound to `value`.
    pub(super) fn bind<T: Encode<'q, Any> + Type<Any> + 'q>(&mut self, value: T) -> &mut Self {
        self.count += 1;
        write!(self.text, "${}", self.count).expect("writing to a String");
        self.values.add(value).expect("the Any driver encodes strings and numbers");
        self
    }

    /// ` IN ($n, $n+1, …)`, one placeholder per value. The list must not be empty (SQL has no `IN ()`).
    pub(super) fn bind_in<T, I>(&mut self, values: I) -> &mut Self
    where
        T: Encode<'q, Any> + Type<Any> + 'q,
        I: IntoIterator<Item = T>,
    {
        self.push(" IN (");
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(value);
        }
        self.push(")")
    }

    /// The text and its values, for `sqlx::query_with` and friends.
    pub(super) fn parts(self) -> (String, AnyArguments<'q>) {
        (self.text, self.values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut sql = Statement::new("SELECT 1 WHERE a = ");
        sql.bind(1_i64).push(" AND b").bind_in(["x".to_string(), "y".to_string()]);
        let (text, _) = sql.parts();
        assert_eq!(text, "SELECT 1 WHERE a = $1 AND b IN ($2, $3)");
    }
}
