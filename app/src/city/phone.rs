use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A phone number as people dial it: "311", "705-671-2489", "+1 (705) 671-2489".
/// Configuration may give it as text or, from an environment variable, as a bare number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PhoneInput", into = "String")]
pub struct PhoneNumber(String);

#[derive(Deserialize)]
#[serde(untagged)]
enum PhoneInput {
    Text(String),
    Number(u64),
}

impl PhoneNumber {
    pub fn parse(text: &str) -> Option<PhoneNumber> {
        let text = text.trim();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let allowed = |c: char| c.is_ascii_digit() || " -().+".contains(c);
        ((3..=15).contains(&digits) && text.chars().all(allowed)).then(|| PhoneNumber(text.to_string()))
    }

    /// The number as a page or message in `lang` writes it. French writes a North American number as the
    /// guide does, « 705 671-2489 », with a space that never breaks; short numbers (311) and numbers in
    /// another shape stay as configured.
    pub fn written(&self, lang: Lang) -> String {
        let digits: String = self.0.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            11 if digits.starts_with('1') => &digits[1..],
            _ => digits.as_str(),
        };
        match (lang, national.len()) {
            (Lang::Fr, 10) => format!("{}\u{a0}{}-{}", &national[..3], &national[3..6], &national[6..]),
            _ => self.0.clone(),
        }
    }

    /// The `tel:` link a phone opens to dial it.
    pub fn tel_href(&self) -> String {
        let digits: String = self.0.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        format!("tel:{digits}")
    }
}

impl TryFrom<PhoneInput> for PhoneNumber {
    type Error = String;
    fn try_from(input: PhoneInput) -> Result<Self, String> {
        let text = match input {
            PhoneInput::Text(text) => text,
            PhoneInput::Number(number) => number.to_string(),
        };
        PhoneNumber::parse(&text).ok_or_else(|| format!("\"{text}\" is not a phone number"))
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_writes_numbers_as_the_guide_does() {
        let written = |text: &str, lang| PhoneNumber::parse(text).unwrap().written(lang);
        assert_eq!(written("705-671-2489", Lang::Fr), "705\u{a0}671-2489");
        assert_eq!(written("+1 (705) 671-2489", Lang::Fr), "705\u{a0}671-2489");
        assert_eq!(written("705-671-2489", Lang::En), "705-671-2489");
        assert_eq!(written("311", Lang::Fr), "311");
    }

    #[test]
    fn accepts_what_people_dial() {
        assert_eq!(PhoneNumber::parse("705-671-2489").unwrap().tel_href(), "tel:7056712489");
        assert_eq!(PhoneNumber::parse("+1 (705) 671-2489").unwrap().tel_href(), "tel:+17056712489");
        assert!(PhoneNumber::parse("311").is_some());
        for bad in ["", "31", "call us", "705-671-2489 ext. 4", "1234567890123456"] {
            assert!(PhoneNumber::parse(bad).is_none(), "{bad} was accepted");
        }
    }

    #[test]
    fn reads_numbers_as_well_as_text() {
        let phone: PhoneNumber = serde_json::from_str("311").unwrap();
        assert_eq!(phone.to_string(), "311");
        assert!(serde_json::from_str::<PhoneNumber>("\"x\"").is_err());
    }
}
