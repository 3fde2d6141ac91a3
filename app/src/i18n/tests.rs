//! The locale checks: both languages have the same keys, every key the code uses exists, and no component
//! shows text that is not in the locales.

use super::{bundles, Arg, Lang, Part};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

fn keys(lang: Lang) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (name, (_, source)) in bundles::FILE_NAMES.iter().zip(bundles::sources(lang)) {
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, errors)| panic!("locales/{}/{name}.ftl does not parse: {errors:?}", lang.code()));
        for entry in resource.entries() {
            if let Entry::Message(message) = entry {
                assert!(message.value.is_some(), "{name}.ftl: {} has no value", message.id.name);
                assert!(
                    keys.insert(message.id.name.to_string()),
                    "locales/{}: {} is defined twice",
                    lang.code(),
                    message.id.name
                );
            }
        }
    }
    keys
}

fn rust_sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn french_and_english_have_the_same_keys() {
    let (fr, en) = (keys(Lang::Fr), keys(Lang::En));
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(only_fr.is_empty() && only_en.is_empty(), "only in fr: {only_fr:?}; only in en: {only_en:?}");
}

#[test]
fn every_key_used_in_the_code_exists() {
    let used = regex::Regex::new(r#"\bt(?:_args)?\(\s*"([a-z0-9-]+)""#).unwrap();
    let known = keys(Lang::En);
    let mut missing = Vec::new();
    for path in rust_sources() {
        let source = std::fs::read_to_string(&path).unwrap();
        for capture in used.captures_iter(&source) {
            if !known.contains(&capture[1]) {
                missing.push(format!("{}: {}", path.display(), &capture[1]));
            }
        }
    }
    assert!(missing.is_empty(), "keys used but not in locales: {missing:#?}");
}

/// In `view!`, text is a quoted literal between tags (`<p>"Hello"</p>`) or an attribute a person reads.
/// Either must come from the locales instead. A literal that is a locale key (a prop such as
/// `title="request-new-title"`) is a reference to the locales, not text.
#[test]
fn components_show_no_text_outside_the_locales() {
    let known = keys(Lang::En);
    let text_node = regex::Regex::new(r#"(?:>|^)\s*"([^"\n]*\p{L}[^"\n]*)"\s*(?:<|$)"#).unwrap();
    let attribute = regex::Regex::new(r#"\b(?:aria-label|placeholder|title|alt)="([^"]*\p{L}[^"]*)""#).unwrap();
    let mut found = Vec::new();
    // This file quotes examples of what it looks for.
    for path in rust_sources().into_iter().filter(|path| !path.ends_with("i18n/tests.rs")) {
        let source = std::fs::read_to_string(&path).unwrap();
        let lines = source.lines().enumerate().skip_while(|(_, line)| !line.contains("view!"));
        for (number, line) in lines {
            let code = line.trim_start();
            if code.starts_with("//") || code.starts_with("#[") || code.contains("format!") {
                continue;
            }
            for capture in text_node.captures_iter(line).chain(attribute.captures_iter(line)) {
                if known.contains(&capture[1]) {
                    continue;
                }
                found.push(format!("{}:{}: {}", path.display(), number + 1, &capture[1]));
            }
        }
    }
    assert!(found.is_empty(), "text written in components instead of locales/: {found:#?}");
}

/// French is set as French is printed (the guide, the Translation Bureau): a space that never breaks before
/// « : » (U+00A0) and « ; ? ! » (U+00A0 or the narrow U+202F), inside « guillemets » and around the h of
/// « 7 h 30 ». Checked in every French message and in the French texts of the city profile (services,
/// questions, canned replies), which residents read as much.
#[test]
fn french_is_set_as_french_is_printed() {
    let mut found = Vec::new();
    for (name, (_, source)) in bundles::FILE_NAMES.iter().zip(bundles::sources(Lang::Fr)) {
        for (number, line) in source.lines().enumerate().filter(|(_, line)| !line.trim_start().starts_with('#')) {
            let value = line.split_once(" = ").map_or(line, |(_, value)| value);
            let place = format!("locales/fr/{name}.ftl:{}", number + 1);
            found.extend(typography_problems(value).into_iter().map(|problem| format!("{place}: {problem}")));
        }
    }
    let french = regex::Regex::new(r#"\bfr = "((?:[^"\\]|\\.)*)""#).unwrap();
    for file in ["catalogue.toml", "city.toml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/city-profile").join(file);
        for (number, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            for value in french.captures_iter(line) {
                let place = format!("server/city-profile/{file}:{}", number + 1);
                found.extend(typography_problems(&value[1]).into_iter().map(|problem| format!("{place}: {problem}")));
            }
        }
    }
    assert!(found.is_empty(), "French typography: {found:#?}");
}

/// What is wrong in one French text, each with the text around it.
fn typography_problems(text: &str) -> Vec<String> {
    static RULES: std::sync::LazyLock<Vec<(regex::Regex, &str)>> = std::sync::LazyLock::new(|| {
        [
            (r" [:;?!»]", "a plain space before the mark (use U+00A0 or U+202F)"),
            (r"«[^\u{a0}\u{202f}]", "no space that never breaks after «"),
            (r"[^ \u{a0}\u{202f}][:;?!](?:\s|$)", "no space before the mark"),
            (r"[^ \u{a0}\u{202f}]»", "no space that never breaks before »"),
            (r"(?:\d|\}) h\b|\bh (?:\d|\{)", "a plain space around the h of a time"),
        ]
        .into_iter()
        .map(|(pattern, problem)| (regex::Regex::new(pattern).unwrap(), problem))
        .collect()
    });
    RULES
        .iter()
        .flat_map(|(rule, problem)| rule.find_iter(text).map(move |at| (at.start(), *problem)))
        .map(|(start, problem)| {
            let from = text.floor_char_boundary(start.saturating_sub(20));
            format!("{problem}: …{}…", &text[from..text.ceil_char_boundary((start + 20).min(text.len()))])
        })
        .collect()
}

#[test]
fn the_typography_check_finds_what_it_should() {
    assert_eq!(
        typography_problems("Où est-ce\u{202f}? « Rue\u{a0}» de 7\u{a0}h\u{a0}30\u{a0}: ici; https://x?a=b").len(),
        2
    );
    assert!(typography_problems("Où est-ce\u{202f}? «\u{a0}Rue\u{a0}» de 7\u{a0}h\u{a0}30\u{a0}: ici\u{202f}; x?a=b")
        .is_empty());
    assert_eq!(typography_problems("Où ? Quand ! « x » 7 h 30").len(), 5);
}

/// The header, the footer, the home and search pages and the error pages are in the main bundle and hydrate
/// with the shell's messages only (`Part::Shell`; the other pages fetch the rest first): every key their
/// code names must be among those.
#[test]
fn the_shells_code_needs_only_the_shells_messages() {
    const SHELL_CODE: &[&str] = &["layout", "city", "catalogue/home_page.rs", "errors/mod.rs", "i18n/toggle.rs"];
    let all = keys(Lang::En);
    let shell: BTreeSet<&str> = bundles::sources(Lang::En)
        .iter()
        .filter(|(part, _)| *part == Part::Shell)
        .flat_map(|(_, source)| fluent_syntax::parser::parse(*source).unwrap().body)
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some(message.id.name),
            _ => None,
        })
        .collect();
    let literal = regex::Regex::new(r#""([a-z0-9]+(?:-[a-z0-9]+)+)""#).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut elsewhere = Vec::new();
    for path in rust_sources().into_iter().filter(|path| SHELL_CODE.iter().any(|code| path.starts_with(src.join(code))))
    {
        let source = std::fs::read_to_string(&path).unwrap();
        for capture in literal.captures_iter(&source) {
            if all.contains(&capture[1]) && !shell.contains(&capture[1]) {
                elsewhere.push(format!("{}: {}", path.display(), &capture[1]));
            }
        }
    }
    assert!(elsewhere.is_empty(), "keys the shell uses from files outside its part: {elsewhere:#?}");
}

/// Variables of a pattern, with the variant keys of the selections they drive.
fn variables(pattern: &Pattern<&str>, found: &mut BTreeMap<String, Vec<String>>) {
    fn expression(expr: &Expression<&str>, found: &mut BTreeMap<String, Vec<String>>) {
        match expr {
            Expression::Inline(inline) => inline_expression(inline, found),
            Expression::Select { selector, variants } => {
                if let InlineExpression::VariableReference { id } = selector {
                    let keys = found.entry(id.name.to_string()).or_default();
                    keys.extend(variants.iter().filter_map(|variant| match variant.key {
                        VariantKey::Identifier { name } => Some(name.to_string()),
                        VariantKey::NumberLiteral { .. } => None,
                    }));
                }
                for variant in variants {
                    variables(&variant.value, found);
                }
            }
        }
    }
    fn inline_expression(inline: &InlineExpression<&str>, found: &mut BTreeMap<String, Vec<String>>) {
        match inline {
            InlineExpression::VariableReference { id } => {
                found.entry(id.name.to_string()).or_default();
            }
            InlineExpression::Placeable { expression: inner } => expression(inner, found),
            _ => {}
        }
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression: expr } = element {
            expression(expr, found);
        }
    }
}

/// What is outside the subset of Fluent our reader reads (`locales/README.md`), in a pattern: anything
/// but text, `{ $variable }`, and a selection on a variable whose variants are one line of those.
fn outside_the_subset(pattern: &Pattern<&str>, in_variant: bool) -> Option<String> {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } if in_variant && value.contains('\n') => {
                return Some("a variant over several lines".into())
            }
            PatternElement::TextElement { .. } => {}
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { .. }),
            } => {}
            PatternElement::Placeable {
                expression: Expression::Select { selector: InlineExpression::VariableReference { .. }, variants },
            } if !in_variant => {
                if let Some(found) = variants.iter().find_map(|variant| outside_the_subset(&variant.value, true)) {
                    return Some(found);
                }
            }
            PatternElement::Placeable { expression } => return Some(format!("{expression:?}")),
        }
    }
    None
}

/// Every file uses only what our reader reads: comments and messages with a value, no terms, attributes,
/// functions, references or literals. A translator who reaches for more of Fluent is told here, not by a
/// page showing wrong text.
#[test]
fn the_files_use_only_the_syntax_our_reader_reads() {
    let mut outside = Vec::new();
    for lang in Lang::ALL {
        for (part, source) in bundles::sources(lang) {
            let resource = match fluent_syntax::parser::parse(*source) {
                Ok(resource) => resource,
                Err((_, errors)) => panic!("{} {part:?}: not Fluent: {errors:?}", lang.code()),
            };
            for entry in &resource.body {
                let problem = match entry {
                    Entry::Message(message) if !message.attributes.is_empty() => {
                        Some(format!("{}: attributes", message.id.name))
                    }
                    Entry::Message(message) => match &message.value {
                        None => Some(format!("{}: no value", message.id.name)),
                        Some(pattern) => {
                            outside_the_subset(pattern, false).map(|what| format!("{}: {what}", message.id.name))
                        }
                    },
                    Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => None,
                    Entry::Term(term) => Some(format!("-{}: a term", term.id.name)),
                    Entry::Junk { content } => Some(format!("unreadable: {content}")),
                };
                outside.extend(problem.map(|problem| format!("{} {part:?}: {problem}", lang.code())));
            }
        }
    }
    assert!(outside.is_empty(), "outside the Fluent our reader reads (locales/README.md): {outside:#?}");
}

#[test]
fn the_subset_check_refuses_what_our_reader_does_not_read() {
    let refused = [
        "a = { -brand }",
        "a = { NUMBER($n) }",
        "a = { other-message }",
        "a = { \"literal\" }",
        "a = { $n ->\n    [one] one\n        line\n   *[other] many\n}",
    ];
    for source in refused {
        let resource = fluent_syntax::parser::parse(source).unwrap();
        let Entry::Message(message) = &resource.body[0] else { panic!("{source}") };
        assert!(outside_the_subset(message.value.as_ref().unwrap(), false).is_some(), "{source}");
    }
    let resource =
        fluent_syntax::parser::parse("a = Bonjour { $name }, { $n ->\n    [one] un\n   *[other] { $n }\n}").unwrap();
    let Entry::Message(message) = &resource.body[0] else { panic!() };
    assert_eq!(outside_the_subset(message.value.as_ref().unwrap(), false), None);
}

/// Our formatter and Fluent's own give the same text for every message of both languages, with numbers
/// of every plural form, every word a selection names, text, and a variable left out.
#[test]
fn messages_format_as_fluent_formats_them() {
    for lang in Lang::ALL {
        let mut reference = FluentBundle::new(vec![lang.code().parse::<LanguageIdentifier>().unwrap()]);
        reference.set_use_isolating(false);
        for (_, source) in bundles::sources(lang) {
            reference.add_resource(FluentResource::try_new(source.to_string()).unwrap()).unwrap();
        }
        let mut checked = 0;
        for (_, source) in bundles::sources(lang) {
            let resource = fluent_syntax::parser::parse(*source).unwrap();
            for entry in &resource.body {
                let Entry::Message(message) = entry else { continue };
                let Some(pattern) = &message.value else { continue };
                let mut found = BTreeMap::new();
                variables(pattern, &mut found);
                let candidates: Vec<(String, Vec<Arg>)> = found
                    .into_iter()
                    .map(|(name, keys)| {
                        let mut values: Vec<Arg> = [0, 1, 2, 5, 21, 1_000_000].map(Arg::from).into();
                        values.push(Arg::from("«texte»"));
                        values.extend(keys.into_iter().map(Arg::from));
                        (name, values)
                    })
                    .collect();
                let rounds = candidates.iter().map(|(_, values)| values.len()).max().unwrap_or(1);
                for round in 0..=rounds {
                    // The last round leaves every variable out.
                    let ours: Vec<(&str, Arg)> = candidates
                        .iter()
                        .filter(|_| round < rounds)
                        .map(|(name, values)| (name.as_str(), values[round % values.len()].clone()))
                        .collect();
                    let theirs: FluentArgs<'_> = ours
                        .iter()
                        .map(|(name, value)| {
                            let value = match value {
                                Arg::Text(text) => FluentValue::from(text.to_string()),
                                Arg::Number(n) => FluentValue::from(*n),
                            };
                            (*name, value)
                        })
                        .collect();
                    let mut errors = Vec::new();
                    let expected = reference.format_pattern(
                        reference.get_message(message.id.name).unwrap().value().unwrap(),
                        Some(&theirs),
                        &mut errors,
                    );
                    assert_eq!(
                        bundles::format(lang, message.id.name, &ours),
                        expected,
                        "{}: {} with {ours:?}",
                        lang.code(),
                        message.id.name
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 700, "only {checked} formats compared in {}", lang.code());
    }
}

#[test]
fn lower_latin_lowers_french_and_english_letters_only() {
    let lowered: String = "AZÀÉÎÕÜÇÑØÞŒŸ×ß·Ω1".chars().map(super::lower_latin).collect();
    assert_eq!(lowered, "azàéîõüçñøþœÿ×ß·Ω1");
    let all_latin1_upper = ('À'..='Þ').filter(|c| *c != '×');
    assert!(all_latin1_upper.clone().all(|c| c.to_lowercase().eq([super::lower_latin(c)])));
}
