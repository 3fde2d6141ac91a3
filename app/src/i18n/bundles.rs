//! The Fluent messages. The server has both languages built in; the browser fetches what a page needs in
//! its language (`load`): the shell's messages before hydrating (preloaded by `<link id="locales">`), the
//! other pages' the first time one opens, and the same parts of the other language when the resident
//! switches. The WebAssembly bundle carries no text, and a first visit to the home page fetches a third of it.
//!
//! The `.ftl` files are read by `ftl.rs`, and `format` writes what our locales use: text, `{ $variable }`
//! and selections on a variable (`[one]`, `[0]`, `*[other]`, or a word such as `[pm]`). We do not use
//! `fluent-bundle` and `fluent-syntax` for this: their plural rules for every language of the world,
//! decimal number parsing and printing, language tags and full grammar were a third of the browser
//! bundle's first download (docs/PERFORMANCE.md). A unit test formats every message of both languages
//! with both and compares (`tests.rs`), so the two cannot drift apart.

use super::ftl::{self, Element, Key, Pattern};
use super::{Arg, Lang};
use std::collections::HashMap;

/// The messages as the browser fetches them: what the home and search pages show, and the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Header, footer, city, home, search and category pages, and error pages.
    Shell,
    /// Every other page (requests, accounts, staff, survey...), loaded with the first of them.
    Pages,
}

impl Part {
    pub const ALL: [Part; 2] = [Part::Shell, Part::Pages];

    /// Its name in the address of its file (`/locales/{version}/{name}.{lang}.ftl`).
    pub fn name(self) -> &'static str {
        match self {
            Part::Shell => "shell",
            Part::Pages => "pages",
        }
    }

    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|part| part.name() == name)
    }

    /// Its place in `Part::ALL` and in the arrays of this module and of `ssr.rs`.
    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Lists every `.ftl` file once, for both languages, by part: a file missing from one language fails the
/// build.
macro_rules! locale_files {
    ($($part:ident: [$($name:literal),+ $(,)?]),+ $(,)?) => {
        #[cfg(test)]
        pub(crate) const FILE_NAMES: &[&str] = &[$($($name),+),+];
        #[cfg(feature = "ssr")]
        const FR: &[(Part, &str)] =
            &[$($((Part::$part, include_str!(concat!("../../../locales/fr/", $name, ".ftl")))),+),+];
        #[cfg(feature = "ssr")]
        const EN: &[(Part, &str)] =
            &[$($((Part::$part, include_str!(concat!("../../../locales/en/", $name, ".ftl")))),+),+];
    };
}

locale_files!(
    Shell: ["shell", "city", "catalogue", "errors"],
    Pages: ["service", "forms", "requests", "lifecycle", "staff", "survey", "accounts", "privacy", "accessibility", "feedback", "chat", "intake", "open311"],
);

type Messages = HashMap<&'static str, Pattern>;

#[cfg(feature = "ssr")]
static MESSAGES: std::sync::LazyLock<[Messages; 2]> =
    std::sync::LazyLock::new(|| Lang::ALL.map(|lang| parse(sources(lang).iter().map(|(_, source)| *source))));

#[cfg(feature = "ssr")]
fn find(lang: Lang, key: &str) -> Option<&'static Pattern> {
    MESSAGES[index(lang)].get(key)
}

/// A part of a language's `.ftl` files as one text, as the browser fetches it (joined once), without the
/// translators' comments (`#` lines): the first visit downloads the shell's part.
#[cfg(feature = "ssr")]
pub fn source(lang: Lang, part: Part) -> &'static str {
    static SOURCES: std::sync::LazyLock<[[String; 2]; 2]> = std::sync::LazyLock::new(|| {
        Lang::ALL.map(|lang| {
            Part::ALL.map(|part| {
                let lines = part_sources(lang, part).flat_map(str::lines);
                lines.filter(|line| !line.starts_with('#')).collect::<Vec<_>>().join("\n")
            })
        })
    });
    &SOURCES[index(lang)][part.index()]
}

#[cfg(feature = "ssr")]
fn part_sources(lang: Lang, part: Part) -> impl Iterator<Item = &'static str> {
    sources(lang).iter().filter(move |(of, _)| *of == part).map(|(_, source)| *source)
}

/// What the browser has fetched, by language and part.
#[cfg(not(feature = "ssr"))]
static LOADED: [[std::sync::OnceLock<Messages>; 2]; 2] = [const { [const { std::sync::OnceLock::new() }; 2] }; 2];

#[cfg(not(feature = "ssr"))]
fn find(lang: Lang, key: &str) -> Option<&'static Pattern> {
    LOADED[index(lang)].iter().find_map(|part| part.get()?.get(key))
}

/// Takes a part of a language's messages as the server sent them. The first text is kept for the life of
/// the page (the parsed messages borrow from it); a second one, fetched by a double click, is dropped.
#[cfg(not(feature = "ssr"))]
pub fn install(lang: Lang, part: Part, source: String) {
    LOADED[index(lang)][part.index()].get_or_init(|| parse([&*source.leak()]));
}

/// Whether a part of a language is there to format from: always on the server.
pub fn is_loaded(lang: Lang, part: Part) -> bool {
    #[cfg(feature = "ssr")]
    let loaded = {
        let _ = (lang, part);
        true
    };
    #[cfg(not(feature = "ssr"))]
    let loaded = LOADED[index(lang)][part.index()].get().is_some();
    loaded
}

/// Where a language sits in the arrays of this module and of `ssr.rs`: its place in `Lang::ALL`.
pub(super) fn index(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

fn parse(sources: impl IntoIterator<Item = &'static str>) -> Messages {
    sources.into_iter().flat_map(ftl::messages).collect()
}

/// Formats a message. A missing key shows the key itself, so that it is visible on the page and caught by
/// the locale tests rather than breaking the render.
pub fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let Some(pattern) = find(lang, key) else {
        return key.to_string();
    };
    let mut out = String::new();
    write_pattern(&mut out, pattern, lang, args);
    out
}

fn write_pattern(out: &mut String, pattern: &Pattern, lang: Lang, args: &[(&str, Arg)]) {
    for element in pattern {
        match element {
            Element::Text(text) => out.push_str(text),
            // A missing variable shows as Fluent shows it: `{$name}`.
            Element::Variable(name) => match arg(args, name) {
                Some(value) => value.write(out),
                None => out.push_str(&format!("{{${name}}}")),
            },
            Element::Select { variable, variants } => {
                let value = arg(args, variable);
                let chosen = value
                    .and_then(|value| variants.iter().find(|variant| value.matches(&variant.key, lang)))
                    .or_else(|| variants.iter().find(|variant| variant.default));
                if let Some(variant) = chosen {
                    write_pattern(out, &variant.pattern, lang, args);
                }
            }
        }
    }
}

fn arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(key, _)| *key == name).map(|(_, value)| value)
}

impl Arg {
    /// Whether a selection's variant `[key]` is this value: the same word, the same number, or the
    /// number's plural category in `lang`.
    fn matches(&self, key: &Key, lang: Lang) -> bool {
        match (self, key) {
            (Arg::Text(text), Key::Word(word)) => text == word,
            (Arg::Number(n), Key::Number(number)) => n == number,
            (Arg::Number(n), Key::Word(word)) => plural_category(lang, *n) == *word,
            (Arg::Text(_), Key::Number(_)) => false,
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
pub(crate) fn sources(lang: Lang) -> &'static [(Part, &'static str)] {
    match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// The browser parses a language part by part, each as one text without comments; the server, file by
    /// file.
    #[test]
    fn the_parts_parse_as_their_files() {
        for lang in Lang::ALL {
            let mut parts = Messages::new();
            for part in Part::ALL {
                assert!(!source(lang, part).lines().any(|line| line.starts_with('#')), "comments stay in the files");
                parts.extend(parse([source(lang, part)]));
            }
            assert_eq!(parts, MESSAGES[index(lang)]);
        }
    }

    #[test]
    fn every_file_is_in_one_part() {
        assert_eq!(sources(Lang::En).len(), FILE_NAMES.len());
        assert_eq!(Part::ALL.map(|part| Part::from_name(part.name())), Part::ALL.map(Some));
    }
}
