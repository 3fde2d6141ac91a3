use std::borrow::Cow;

/// A value given to a message: `i18n.t_args("search-count", &[("count", found.len().into())])`.
/// Numbers choose plural forms (`[one]`, `*[other]`) and are written as they are; text is written as is
/// and can choose a variant by name (`[pm]`).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(Cow<'static, str>),
    Number(i64),
}

impl Arg {
    pub(super) fn write(&self, out: &mut String) {
        match self {
            Arg::Text(text) => out.push_str(text),
            Arg::Number(n) => out.push_str(&n.to_string()),
        }
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

impl From<&'static str> for Arg {
    fn from(text: &'static str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

/// Counts and clock times, from whichever integer type the caller has.
macro_rules! number_from {
    ($($t:ty),+) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::from(n))
            }
        }
    )+};
}

number_from!(u8, u16, u32, i32, i64);

impl From<usize> for Arg {
    /// No count on a page comes near `i64::MAX`; one that did would be written as the largest `i64`.
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
