//! The catalogue file a city edits (`city-profile/catalogue.toml`): read, checked, turned into a
//! [`Catalogue`]. Its layout is documented at the top of the file itself.

use app::catalogue::{Catalogue, Category, Service};
use serde::Deserialize;
use std::path::Path;

#[cfg(test)]
mod search_cases;

/// The built-in catalogue of Greater Sudbury's online services and topics.
pub const DEFAULT_CATALOGUE: &str = include_str!("../../city-profile/catalogue.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    category: Vec<Category>,
    service: Vec<Service>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogueFileError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{origin}: {source}")]
    Syntax { origin: String, source: toml::de::Error },
    #[error("{origin}: {source}")]
    Inconsistent { origin: String, source: app::catalogue::CatalogueError },
}

/// Reads `path`, or the built-in catalogue when `None`.
pub fn load(path: Option<&Path>) -> Result<Catalogue, CatalogueFileError> {
    match path {
        None => parse(DEFAULT_CATALOGUE, "built-in catalogue.toml"),
        Some(path) => {
            let origin = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|source| CatalogueFileError::Read { path: origin.clone(), source })?;
            parse(&text, &origin)
        }
    }
}

pub fn parse(text: &str, origin: &str) -> Result<Catalogue, CatalogueFileError> {
    let file: CatalogueFile =
        toml::from_str(text).map_err(|source| CatalogueFileError::Syntax { origin: origin.into(), source })?;
    Catalogue::new(file.category, file.service)
        .map_err(|source| CatalogueFileError::Inconsistent { origin: origin.into(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    static INDEX: std::sync::LazyLock<app::catalogue::SearchIndex> =
        std::sync::LazyLock::new(|| app::catalogue::SearchIndex::new(load(None).unwrap().search_docs()));

    proptest::proptest! {
        /// A city's catalogue file with any line cut, doubled or changed, and any search typed: the file is
        /// read or refused with a message naming the fault; the search answers. Never a panic.
        #[test]
        fn fuzz_the_catalogue_and_its_search(
            edits in proptest::collection::vec((0usize..1400, 0u8..3, "\\PC{0,30}"), 1..6),
            query in "\\PC{0,40}",
            near in "[a-zé' -]{0,30}",
        ) {
            let mut lines: Vec<String> = DEFAULT_CATALOGUE.lines().map(String::from).collect();
            for (at, edit, text) in edits {
                let at = at % lines.len();
                match edit {
                    0 => lines[at] = text,
                    1 => {
                        let line = lines[at].clone();
                        lines.insert(at, line);
                    }
                    _ => lines[at] = lines[at].chars().take(text.len()).collect(),
                }
            }
            let _ = parse(&lines.join("\n"), "fuzz");
            for query in [&query, &near] {
                proptest::prop_assert!(INDEX.search(query, 10).len() <= 10);
            }
        }
    }

    #[test]
    fn the_built_in_catalogue_has_28_online_services_and_some_topics() {
        let catalogue = load(None).unwrap();
        let online = catalogue.services().iter().filter(|service| service.online).count();
        assert_eq!(online, 28);
        assert!(catalogue.services().len() > online, "topics that are not online");
        for service in catalogue.services() {
            assert_eq!(service.prepare.fr.len(), service.prepare.en.len(), "{}: prepare lists differ", service.code);
            assert!(!service.keywords.fr.is_empty() && !service.keywords.en.is_empty(), "{}: keywords", service.code);
        }
    }

    #[test]
    fn mistakes_in_the_file_are_named() {
        let unknown_field = DEFAULT_CATALOGUE.replacen("summary.fr =", "sumary.fr =", 1);
        assert!(parse(&unknown_field, "x").is_err_and(|error| error.to_string().contains("sumary")));
        let bad_code = DEFAULT_CATALOGUE.replacen("code = \"", "code = \"Bad Code ", 1);
        assert!(parse(&bad_code, "x").is_err_and(|error| error.to_string().contains("Bad Code")));
    }
}
