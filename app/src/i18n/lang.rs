crate::codes::coded! {
    /// The two languages of the portal, as `<html lang>`, the cookie and the language switch write them.
    /// English is the fallback when nothing tells us otherwise.
    #[derive(Default)]
    pub enum Lang {
        Fr = "fr",
        #[default]
        En = "en",
    }
}

impl Lang {
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// Reads a language tag such as `fr`, `fr-CA` or `EN_us`; anything else is not one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        if primary.eq_ignore_ascii_case("fr") {
            Some(Lang::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_with_regions_and_any_case() {
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag(" fr "), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag("français"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn codes_are_exact() {
        assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        for code in ["FR", "fr-CA", " en", "de", ""] {
            assert_eq!(Lang::parse(code), None, "{code}");
        }
    }
}
