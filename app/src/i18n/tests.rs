//! The locale checks: both languages have the same keys, every key the code uses exists, and no component
//! shows text that is not in the locales.

use super::{bundles, Lang};
use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn keys(lang: Lang) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (name, source) in bundles::FILE_NAMES.iter().zip(bundles::sources(lang)) {
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
