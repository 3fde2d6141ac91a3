use super::Lang;
use serde::{Deserialize, Serialize};

/// A piece of city data that residents read, in both languages (service names, descriptions, hours...).
/// Interface strings live in `locales/`; this is for data that comes from the city's files or database.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// A list of short items in both languages (things to prepare, keywords).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextList {
    pub fr: Vec<String>,
    pub en: Vec<String>,
}

impl TextList {
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}
