//! The catalogue's types: categories, services (online) and topics (not online yet), and the questions a
//! request form asks, shaped like Open311 service attributes.

use crate::i18n::{Text, TextList};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// A category, service, question or choice code: 1 to 64 of `a-z`, `0-9` and `-`.
/// Codes appear in URLs and in the Open311 API, so nothing else gets in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Code(String);

impl Code {
    pub fn parse(code: &str) -> Option<Code> {
        let valid = (1..=64).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        valid.then(|| Code(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Code {
    type Error = String;
    fn try_from(code: String) -> Result<Self, String> {
        Code::parse(&code).ok_or_else(|| format!("\"{code}\" is not a code (a-z, 0-9 and -, at most 64)"))
    }
}

impl From<Code> for String {
    fn from(code: Code) -> String {
        code.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// The serde attributes make these types the format of `server/city-profile/catalogue.toml` too: unknown
// keys there are typos, refused with their name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub code: Code,
    pub name: Text,
    pub description: Text,
}

/// A service residents can request online, or a topic (`online == false`) that only 311 agents handle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub code: Code,
    pub category: Code,
    pub online: bool,
    /// Working days to complete a request; online services only.
    #[serde(default)]
    pub service_level_days: Option<u16>,
    /// A complaint about people or their property (noise, by-law, a neighbour's dog): the portal never
    /// suggests following one made nearby, so that nobody learns of a complaint about their own address.
    #[serde(default)]
    pub private: bool,
    /// The Open311 API may show a thumbnail of a request's first photo (`media_url`). Off unless the city
    /// says so: a photo can show people, plates or a home. Never for a private service.
    #[serde(default)]
    pub public_photos: bool,
    pub name: Text,
    pub summary: Text,
    pub description: Text,
    #[serde(default)]
    pub prepare: TextList,
    #[serde(default)]
    pub keywords: TextList,
    /// `[[service.question]]` in the catalogue file.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub code: Code,
    pub datatype: Datatype,
    #[serde(default)]
    pub required: bool,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub choices: Vec<Choice>,
}

crate::codes::coded! {
    /// The Open311 GeoReport v2 attribute datatypes; the code is the Open311 name, as stored and as the
    /// API shows it.
    pub enum Datatype {
        String = "string",
        Number = "number",
        Datetime = "datetime",
        Text = "text",
        Singlevaluelist = "singlevaluelist",
        Multivaluelist = "multivaluelist",
    }
}

impl Datatype {
    pub fn has_choices(self) -> bool {
        matches!(self, Datatype::Singlevaluelist | Datatype::Multivaluelist)
    }
}

/// `{ key = "small", fr = "Petit", en = "Small" }` in the catalogue file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: Code,
    #[serde(flatten)]
    pub name: Text,
}

/// A consistent catalogue: codes unique, every service in a known category, choices where a question needs
/// them. Only [`Catalogue::new`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    categories: Vec<Category>,
    services: Vec<Service>,
}

/// What is wrong with a catalogue, naming the code at fault so that the city can fix its file.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("category \"{0}\" is defined twice")]
    DuplicateCategory(Code),
    #[error("service \"{0}\" is defined twice")]
    DuplicateService(Code),
    #[error("service \"{service}\" is in category \"{category}\", which does not exist")]
    UnknownCategory { service: Code, category: Code },
    #[error("service \"{service}\", question \"{question}\": {problem}")]
    BadQuestion { service: Code, question: Code, problem: &'static str },
    #[error("service \"{0}\": {1}")]
    BadService(Code, &'static str),
}

impl Catalogue {
    pub fn new(categories: Vec<Category>, services: Vec<Service>) -> Result<Catalogue, CatalogueError> {
        let mut category_codes = HashSet::new();
        for category in &categories {
            if !category_codes.insert(&category.code) {
                return Err(CatalogueError::DuplicateCategory(category.code.clone()));
            }
        }
        let mut service_codes = HashSet::new();
        for service in &services {
            if !service_codes.insert(&service.code) {
                return Err(CatalogueError::DuplicateService(service.code.clone()));
            }
            if !category_codes.contains(&service.category) {
                return Err(CatalogueError::UnknownCategory {
                    service: service.code.clone(),
                    category: service.category.clone(),
                });
            }
            check_service(service)?;
        }
        Ok(Catalogue { categories, services })
    }

    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    pub fn services(&self) -> &[Service] {
        &self.services
    }

    pub fn category(&self, code: &Code) -> Option<&Category> {
        self.categories.iter().find(|category| &category.code == code)
    }

    pub fn service(&self, code: &Code) -> Option<&Service> {
        self.services.iter().find(|service| &service.code == code)
    }
}

fn check_service(service: &Service) -> Result<(), CatalogueError> {
    let bad = |problem| Err(CatalogueError::BadService(service.code.clone(), problem));
    let texts = [&service.name, &service.summary, &service.description];
    if texts.iter().any(|text| text.fr.trim().is_empty() || text.en.trim().is_empty()) {
        return bad("name, summary and description are needed in French and in English");
    }
    if !service.online && (!service.questions.is_empty() || service.service_level_days.is_some()) {
        return bad("a topic that is not online has no questions and no service level");
    }
    if service.private && service.public_photos {
        return bad("a private service never has public photos");
    }
    if service.questions.len() > crate::errors::MAX_QUESTIONS {
        return bad("a service asks at most 12 questions");
    }
    let mut question_codes = HashSet::new();
    for question in &service.questions {
        let bad = |problem| {
            Err(CatalogueError::BadQuestion { service: service.code.clone(), question: question.code.clone(), problem })
        };
        if !question_codes.insert(&question.code) {
            return bad("defined twice");
        }
        if question.datatype.has_choices() && question.choices.len() < 2 {
            return bad("a list question needs at least two choices");
        }
        if !question.datatype.has_choices() && !question.choices.is_empty() {
            return bad("only list questions have choices");
        }
        let mut keys = HashSet::new();
        if !question.choices.iter().all(|choice| keys.insert(&choice.key)) {
            return bad("two choices have the same key");
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn text(s: &str) -> Text {
        Text { fr: s.into(), en: s.into() }
    }

    pub fn service(code: &str, category: &str) -> Service {
        Service {
            code: Code::parse(code).unwrap(),
            category: Code::parse(category).unwrap(),
            online: true,
            service_level_days: Some(5),
            private: false,
            public_photos: false,
            name: text(code),
            summary: text("summary"),
            description: text("description"),
            prepare: TextList::default(),
            keywords: TextList::default(),
            questions: vec![],
        }
    }

    pub fn category(code: &str) -> Category {
        Category { code: Code::parse(code).unwrap(), name: text(code), description: text("d") }
    }

    #[test]
    fn datatype_names_match_their_serde_form() {
        for datatype in Datatype::ALL {
            assert_eq!(serde_json::to_value(datatype).unwrap(), datatype.code());
            assert_eq!(Datatype::parse(datatype.code()), Some(datatype));
        }
    }

    #[test]
    fn codes_are_url_safe() {
        assert!(Code::parse("green-cart-2").is_some());
        for bad in ["", "Pothole", "nid de poule", "../etc", "é", &"a".repeat(65)] {
            assert!(Code::parse(bad).is_none(), "{bad} was accepted");
        }
    }

    #[test]
    fn refuses_inconsistent_catalogues() {
        let roads = || vec![category("roads")];
        assert!(Catalogue::new(roads(), vec![service("pothole", "roads")]).is_ok());
        assert_eq!(
            Catalogue::new(roads(), vec![service("pothole", "roads"), service("pothole", "roads")]),
            Err(CatalogueError::DuplicateService(Code::parse("pothole").unwrap()))
        );
        assert!(matches!(
            Catalogue::new(roads(), vec![service("pothole", "parks")]),
            Err(CatalogueError::UnknownCategory { .. })
        ));
        let mut list = service("pothole", "roads");
        list.questions.push(Question {
            code: Code::parse("size").unwrap(),
            datatype: Datatype::Singlevaluelist,
            required: true,
            label: text("size"),
            help: None,
            choices: vec![],
        });
        assert!(matches!(Catalogue::new(roads(), vec![list]), Err(CatalogueError::BadQuestion { .. })));
        let mut topic = service("tax", "roads");
        topic.online = false;
        assert!(matches!(Catalogue::new(roads(), vec![topic]), Err(CatalogueError::BadService(..))));
    }
}
