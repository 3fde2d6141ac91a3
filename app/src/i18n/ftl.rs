//! Reads the part of Fluent's syntax that our `.ftl` files use: comments, messages of text over one or
//! more lines (indented continuation lines, blank lines kept inside), `{ $variable }`, and selections on a
//! variable whose variants are one line each. `fluent-syntax`, Fluent's own parser, was 17 kB of the
//! browser's first download (docs/PERFORMANCE.md) for a grammar our files use a tenth of.
//!
//! What this reads must read as Fluent reads it: a unit test (`tests.rs`) formats every message of both
//! languages with this and with `fluent-bundle` and compares. A file that uses more of Fluent (terms,
//! attributes, functions, multi-line variants) fails that test rather than showing wrong text.

/// A message's value: text and placeables, in order.
pub type Pattern = Vec<Element>;

#[derive(Debug, PartialEq)]
pub enum Element {
    Text(String),
    Variable(&'static str),
    Select { variable: &'static str, variants: Vec<Variant> },
}

#[derive(Debug, PartialEq)]
pub struct Variant {
    pub key: Key,
    /// The `*[other]` variant, chosen when no other matches.
    pub default: bool,
    pub pattern: Pattern,
}

#[derive(Debug, PartialEq)]
pub enum Key {
    Word(&'static str),
    Number(i64),
}

/// The messages of a file: (key, value). A message this cannot read is left out, as Fluent leaves out
/// what it cannot parse; the locale tests catch it.
pub fn messages(source: &'static str) -> impl Iterator<Item = (&'static str, Pattern)> {
    let mut lines = source.lines().peekable();
    std::iter::from_fn(move || loop {
        let line = lines.next()?;
        let Some((key, first)) = line.split_once('=') else { continue };
        let key = key.trim_end();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            continue;
        }
        // The value goes on over the lines that are indented, blank, or close a selection (`}`).
        let mut block = Vec::new();
        while let Some(next) = lines.next_if(|next| next.is_empty() || next.starts_with([' ', '}'])) {
            block.push(next);
        }
        if let Some(pattern) = pattern(&join(first, &block)) {
            return Some((key, pattern));
        }
    })
}

/// The value's text as Fluent sees it: the first line without its leading spaces, then the continuation
/// lines without the indentation they share, blank lines kept inside but not at either end.
fn join(first: &str, block: &[&'static str]) -> String {
    let text_line = |line: &str| !line.trim().is_empty() && !line.trim_start().starts_with(['[', '*', '}']);
    let indent =
        block.iter().copied().filter(|line| text_line(line)).map(|line| line.len() - line.trim_start().len()).min();
    let indent = indent.unwrap_or(0);
    let mut lines = vec![first.trim_start()];
    lines.extend(block.iter().copied().map(|line| match text_line(line) {
        true => &line[indent..],
        false => line.trim_start(),
    }));
    let text = lines.join("\n");
    text.trim_start_matches('\n').trim_end().to_string()
}

fn pattern(text: &str) -> Option<Pattern> {
    let (pattern, rest) = elements(text, false)?;
    rest.is_empty().then_some(pattern)
}

/// Text and placeables up to the end, or the end of the line in a variant; returns what is left.
fn elements(mut text: &str, one_line: bool) -> Option<(Pattern, &str)> {
    let mut out = Vec::new();
    loop {
        let end = text.find(|c: char| c == '{' || c == '}' || (one_line && c == '\n')).unwrap_or(text.len());
        if end > 0 {
            out.push(Element::Text(text[..end].to_string()));
        }
        text = &text[end..];
        match text.strip_prefix('{') {
            Some(inside) => {
                let (element, rest) = placeable(inside)?;
                out.push(element);
                text = rest;
            }
            None => return Some((out, text)),
        }
    }
}

/// `{ $name }` or `{ $name -> [key] text … *[key] text }`, after its `{`.
fn placeable(text: &str) -> Option<(Element, &str)> {
    let text = text.trim_start().strip_prefix('$')?;
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(text.len());
    let (variable, text) = text.split_at(end);
    let variable: &'static str = leak(variable);
    let text = text.trim_start();
    if let Some(rest) = text.strip_prefix('}') {
        return Some((Element::Variable(variable), rest));
    }
    let mut text = text.strip_prefix("->")?;
    let mut variants = Vec::new();
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix('}') {
            return variants
                .iter()
                .any(|variant: &Variant| variant.default)
                .then_some((Element::Select { variable, variants }, rest));
        }
        let default = text.starts_with('*');
        let (key, rest) = text.trim_start_matches('*').strip_prefix('[')?.split_once(']')?;
        let key = key.trim();
        let key = match key.parse() {
            Ok(number) => Key::Number(number),
            Err(_) => Key::Word(leak(key)),
        };
        let (mut pattern, rest) = elements(rest.trim_start_matches(' '), true)?;
        if let Some(Element::Text(last)) = pattern.last_mut() {
            last.truncate(last.trim_end().len());
        }
        variants.push(Variant { key, default, pattern });
        text = rest;
    }
}

/// Names of variables and variant keys live as long as the messages, which live as long as the page.
fn leak(name: &str) -> &'static str {
    String::leak(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Element {
        Element::Text(value.to_string())
    }

    /// Fluent's pieces, which a file made of them in any order puts in every state the reader has.
    const PIECES: [&str; 16] = [
        "key = ",
        "\n",
        "    ",
        "{ $n ->",
        "[one] ",
        "*[other] ",
        "[2] ",
        "}",
        "{ $x }",
        "{",
        "# ",
        "=",
        "-term",
        ".attr",
        "é mot ",
        "   *[",
    ];

    proptest::proptest! {
        /// Any file, and files made of Fluent's pieces in any order (a translator's typo): the reader
        /// skips what it cannot read, never panics.
        #[test]
        fn fuzz_the_fluent_reader(
            text in "\\PC{0,200}",
            pieces in proptest::collection::vec(proptest::sample::select(&PIECES[..]), 0..30),
        ) {
            for source in [text, pieces.concat()] {
                // The reader borrows its file for the program's life, as the locales compiled in are.
                let source: &'static str = Box::leak(source.into_boxed_str());
                for (key, _) in messages(source) {
                    proptest::prop_assert!(source.contains(key));
                }
            }
        }
    }

    #[test]
    fn continuation_lines_lose_their_shared_indent_and_keep_blank_lines() {
        let source = "# a comment\nkey = First line.\n\n    Second { $name }\n      indented more\n\nnext = x\n";
        let messages: Vec<_> = messages(source).collect();
        assert_eq!(
            messages[0],
            ("key", vec![text("First line.\n\nSecond "), Element::Variable("name"), text("\n  indented more")])
        );
        assert_eq!(messages[1], ("next", vec![text("x")]));
    }

    #[test]
    fn selections_read_their_variants() {
        let source = "count = { $n ->\n    [0] None\n    [one] One { $what }\n   *[other] { $n } things\n} left\n";
        let (_, pattern) = messages(source).next().unwrap();
        let Element::Select { variable, variants } = &pattern[0] else { panic!("{pattern:?}") };
        assert_eq!(*variable, "n");
        assert_eq!(variants[0], Variant { key: Key::Number(0), default: false, pattern: vec![text("None")] });
        assert_eq!(variants[1].pattern, vec![text("One "), Element::Variable("what")]);
        assert!(variants[2].default && variants[2].key == Key::Word("other"));
        assert_eq!(pattern[1], text(" left"));
    }

    #[test]
    fn what_it_cannot_read_is_left_out() {
        let source = "bad = { -term }\nno-default = { $n ->\n    [one] x\n}\nunclosed = { $n\ngood = yes\n";
        let keys: Vec<_> = messages(source).map(|(key, _)| key).collect();
        assert_eq!(keys, ["good"]);
    }
}
