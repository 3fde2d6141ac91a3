//! How small types are written down: enums as their codes, checked text as itself. One macro each, so that
//! every enum has the same `ALL`, `code`, `parse` (and `key`, the locale key of its words), and every
//! checked type is parsed when it is read back, from JSON, a form or the database alike.
//!
//! Both travel as plain strings: the browser reads them all with one string decoder instead of one
//! serde-derived decoder each (1 to 2 kB of the first download apiece, docs/PERFORMANCE.md).

/// An enum written as its codes:
///
/// ```text
/// coded! {
///     /// Why a request was closed.
///     pub enum CloseReason in "reason" {
///         Duplicate = "duplicate",
///         NotCity = "not_city",
///     }
/// }
/// ```
///
/// gives `CloseReason::ALL`, `code()`, `parse()`, serde as the code, and, with `in "prefix"`, `key()`:
/// the locale key `prefix-code` (`reason-not_city`).
macro_rules! coded {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $prefix:literal {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $crate::codes::coded! {
            $(#[$meta])*
            $vis enum $name {
                $( $(#[$variant_meta])* $variant = $code ),+
            }
        }

        impl $name {
            /// Its words' key in the locales.
            pub fn key(self) -> &'static str {
                match self {
                    $( $name::$variant => concat!($prefix, "-", $code) ),+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order they are declared (the order forms list them).
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// How it is written: in forms, addresses, the database and JSON.
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            /// The value written `code`, exactly.
            pub fn parse(code: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|value| value.code() == code)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <String as serde::Deserialize>::deserialize(deserializer)?;
                // The same words as a derived enum's: "unknown variant `x`, expected one of `a`, `b`".
                $name::parse(&code).ok_or_else(|| serde::de::Error::unknown_variant(&code, &[$($code),+]))
            }
        }
    };
}
pub(crate) use coded;

/// Serde for a type that travels as a word of its own: `serde_as_code!(Lang, Lang::code, Lang::parse)`.
/// Reading it back goes through the parser: an unknown word is refused.
macro_rules! serde_as_code {
    ($type:ty, $code:path, $parse:path) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($code(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <String as serde::Deserialize>::deserialize(deserializer)?;
                $parse(&code).ok_or_else(|| serde::de::Error::custom(format_args!("unknown code {code:?}")))
            }
        }
    };
}
pub(crate) use serde_as_code;

/// Serde for checked text (`Email`, `Reference`...): written as its text, read back through its `parse`, so
/// that deserialising can never make a value its parser would refuse. The type has
/// `parse(&str) -> Option<Self>`, and `Display` or an `as_str` named as the second argument.
macro_rules! serde_as_text {
    ($type:ty) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        $crate::codes::serde_as_text!(@read $type);
    };
    ($type:ty, $as_str:path) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($as_str(self))
            }
        }
        $crate::codes::serde_as_text!(@read $type);
    };
    (@read $type:ty) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                <$type>::parse(&text).ok_or_else(|| serde::de::Error::custom(format_args!("invalid {text:?}")))
            }
        }
    };
}
pub(crate) use serde_as_text;

#[cfg(test)]
mod tests {
    coded! {
        /// A test enum.
        #[derive(Default)]
        enum Colour in "colour" {
            #[default]
            Red = "red",
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn checked_text_is_parsed_when_read_back() {
        use crate::accounts::model::Email;
        use crate::requests::model::Reference;
        let reference = Reference::parse("2026-000042").unwrap();
        assert_eq!(serde_json::to_string(&reference).unwrap(), r#""2026-000042""#);
        assert_eq!(serde_json::from_str::<Reference>(r#""2026-000042""#).unwrap(), reference);
        assert!(serde_json::from_str::<Reference>(r#""2026-42""#).is_err());
        assert!(serde_json::from_str::<Reference>(r#"{"year":2026,"number":4000000}"#).is_err());
        assert!(serde_json::from_str::<Email>(r#""lea@example.ca""#).is_ok());
        assert!(serde_json::from_str::<Email>(r#""not an address""#).is_err());
    }

    #[test]
    fn every_value_has_its_code_and_key_and_reads_back() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue]);
        for colour in Colour::ALL {
            assert_eq!(Colour::parse(colour.code()), Some(colour));
            let json = serde_json::to_string(&colour).unwrap();
            assert_eq!(json, format!("\"{}\"", colour.code()));
            assert_eq!(serde_json::from_str::<Colour>(&json).unwrap(), colour);
        }
        assert_eq!(Colour::DarkBlue.key(), "colour-dark_blue");
        assert_eq!(Colour::default(), Colour::Red);
        assert_eq!(Colour::parse("Red"), None, "codes are exact");
        let error = serde_json::from_str::<Colour>("\"green\"").unwrap_err().to_string();
        assert!(error.contains("unknown variant `green`, expected `red` or `dark_blue`"), "{error}");
    }
}
