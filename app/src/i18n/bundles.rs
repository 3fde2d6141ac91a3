//! The Fluent messages. The server has both languages built in; the browser fetches the page's language
//! with the page (`load`, preloaded by `<link id="locales">`) and the other one when the resident switches,
//! so that the WebAssembly bundle carries no text.
//!
//! The `.ftl` files are parsed by `fluent-syntax`, Fluent's own parser; `resolve` formats what our locales
//! use: text, `{ $variable }` and selections on a variable (`[one]`, `[0]`, `*[other]`, or a word such as
//! `[pm]`). We do not use `fluent-bundle` for this: its plural rules for every language of the world, its
//! decimal number parsing and printing and its language tags were a third of the browser bundle's
//! first download (docs/PERFORMANCE.md). A unit test formats every message of both languages with both
//! and compares (`tests.rs`), so the two cannot drift apart.

use super::{Arg, Lang};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey};
use std::collections::HashMap;

/// Lists every `.ftl` file once, for both languages: a file missing from one language fails the build.
macro_rules! locale_files {
    ($($name:literal),+ $(,)?) => {
        #[cfg(test)]
        pub(crate) const FILE_NAMES: &[&str] = &[$($name),+];
        #[cfg(feature = "ssr")]
        const FR: &[&str] = &[$(include_str!(concat!("../../../locales/fr/", $name, ".ftl"))),+];
        #[cfg(feature = "ssr")]
        const EN: &[&str] = &[$(include_str!(concat!("../../../locales/en/", $name, ".ftl"))),+];
    };
}

locale_files!(
    "shell",
    "city",
    "catalogue",
    "requests",
    "lifecycle",
    "staff",
    "survey",
    "accounts",
    "privacy",
    "feedback",
    "errors",
);

type Messages = HashMap<&'static str, Pattern<&'static str>>;

#[cfg(feature = "ssr")]
static MESSAGES: std::sync::LazyLock<[Messages; 2]> = std::sync::LazyLock::new(|| [parse(FR), parse(EN)]);

#[cfg(feature = "ssr")]
fn messages(lang: Lang) -> Option<&'static Messages> {
    Some(&MESSAGES[index(lang)])
}

/// A language's `.ftl` files as one text, as the browser fetches it (joined once).
#[cfg(feature = "ssr")]
pub fn source(lang: Lang) -> &'static str {
    static SOURCES: std::sync::LazyLock<[String; 2]> =
        std::sync::LazyLock::new(|| Lang::ALL.map(|lang| sources(lang).join("\n")));
    &SOURCES[index(lang)]
}

#[cfg(not(feature = "ssr"))]
static LOADED: [std::sync::OnceLock<Messages>; 2] = [const { std::sync::OnceLock::new() }; 2];

#[cfg(not(feature = "ssr"))]
fn messages(lang: Lang) -> Option<&'static Messages> {
    LOADED[index(lang)].get()
}

/// Takes a language's messages as the server sent them. The first text of a language is kept for the life
/// of the page (the parsed messages borrow from it); a second one, fetched by a double click, is dropped.
#[cfg(not(feature = "ssr"))]
pub fn install(lang: Lang, source: String) {
    LOADED[index(lang)].get_or_init(|| parse(&[source.leak()]));
}

#[cfg(not(feature = "ssr"))]
pub fn is_loaded(lang: Lang) -> bool {
    messages(lang).is_some()
}

/// Where a language sits in the arrays of this module and of `ssr.rs`: its place in `Lang::ALL`.
pub(super) fn index(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

fn parse(sources: &[&'static str]) -> Messages {
    let mut messages = HashMap::new();
    for source in sources {
        // A syntax error is caught by the locale tests; here we keep what parsed.
        let resource = fluent_syntax::parser::parse(*source).unwrap_or_else(|(partial, _)| partial);
        for entry in resource.body {
            if let Entry::Message(message) = entry {
                if let Some(value) = message.value {
                    messages.insert(message.id.name, value);
                }
            }
        }
    }
    messages
}

/// Formats a message. A missing key shows the key itself, so that it is visible on the page and caught by
/// the locale tests rather than breaking the render.
pub fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let Some(pattern) = messages(lang).and_then(|messages| messages.get(key)) else {
        return key.to_string();
    };
    let mut out = String::new();
    write_pattern(&mut out, pattern, lang, args);
    out
}

fn write_pattern(out: &mut String, pattern: &Pattern<&str>, lang: Lang, args: &[(&str, Arg)]) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression } => write_expression(out, expression, lang, args),
        }
    }
}

fn write_expression(out: &mut String, expression: &Expression<&str>, lang: Lang, args: &[(&str, Arg)]) {
    match expression {
        Expression::Inline(inline) => write_inline(out, inline, lang, args),
        Expression::Select { selector, variants } => {
            let value = match selector {
                InlineExpression::VariableReference { id } => arg(args, id.name),
                _ => None,
            };
            let chosen = value
                .and_then(|value| variants.iter().find(|variant| value.matches(&variant.key, lang)))
                .or_else(|| variants.iter().find(|variant| variant.default));
            if let Some(variant) = chosen {
                write_pattern(out, &variant.value, lang, args);
            }
        }
    }
}

/// Writes what Fluent writes: literals as they are, a missing variable as `{$name}`, and anything our
/// locales do not use (functions, terms, references to other messages) as `{name}`, visible on the page.
fn write_inline(out: &mut String, inline: &InlineExpression<&str>, lang: Lang, args: &[(&str, Arg)]) {
    match inline {
        InlineExpression::StringLiteral { value } | InlineExpression::NumberLiteral { value } => out.push_str(value),
        InlineExpression::VariableReference { id } => match arg(args, id.name) {
            Some(value) => value.write(out),
            None => out.push_str(&format!("{{${}}}", id.name)),
        },
        InlineExpression::Placeable { expression } => write_expression(out, expression, lang, args),
        InlineExpression::FunctionReference { id, .. }
        | InlineExpression::MessageReference { id, .. }
        | InlineExpression::TermReference { id, .. } => out.push_str(&format!("{{{}}}", id.name)),
    }
}

fn arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(key, _)| *key == name).map(|(_, value)| value)
}

impl Arg {
    /// Whether a selection's variant `[key]` is this value: the same word, the same number, or the
    /// number's plural category in `lang`.
    fn matches(&self, key: &VariantKey<&str>, lang: Lang) -> bool {
        match (self, key) {
            (Arg::Text(text), VariantKey::Identifier { name }) => text == name,
            (Arg::Number(n), VariantKey::NumberLiteral { value }) => value.parse() == Ok(*n),
            (Arg::Number(n), VariantKey::Identifier { name }) => plural_category(lang, *n) == *name,
            (Arg::Text(_), VariantKey::NumberLiteral { .. }) => false,
        }
    }
}

/// The CLDR cardinal plural category of a whole number. French: 0 and 1 are "one", exact millions are
/// "many" ("1 million de demandes"); English: 1 is "one". Everything else is "other".
fn plural_category(lang: Lang, n: i64) -> &'static str {
    let n = n.unsigned_abs();
    match lang {
        Lang::Fr if n == 0 || n == 1 => "one",
        Lang::Fr if n.is_multiple_of(1_000_000) => "many",
        Lang::En if n == 1 => "one",
        _ => "other",
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn sources(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// The browser parses a language as one text; the server, file by file.
    #[test]
    fn one_text_per_language_parses_as_its_files() {
        for lang in Lang::ALL {
            assert_eq!(parse(&[source(lang)]), parse(sources(lang)));
        }
    }
}
