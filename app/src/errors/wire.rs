//! How server functions' answers and errors travel: JSON, as Leptos sends it, but read as text.
//!
//! Leptos reads the data that comes with a page (resources, shared values) with `serde_json::from_str`,
//! and server functions' answers with `serde_json::from_slice`. Each reader is its own copy of the decoder
//! of every type it reads, and both copies were in the first download: 28 kB of WebAssembly before
//! compression (docs/PERFORMANCE.md). Reading answers as text shares the first copy. What goes over the
//! wire is unchanged.

use leptos::server_fn::{codec::Post, Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// Every server function answers with this: `#[server(endpoint = "…", output = Json)]`.
pub type Json = Post<JsonText>;

/// JSON, decoded from text (see the module's comment).
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = leptos::serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        leptos::serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = leptos::serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        leptos::serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::{AppError, Field, Problem};

    #[test]
    fn errors_read_back_as_they_were_sent() {
        let error = AppError::field(Field::Email, Problem::Required);
        let bytes = <JsonText as Encodes<AppError>>::encode(&error).unwrap();
        assert_eq!(<JsonText as Decodes<AppError>>::decode(bytes).unwrap(), error);
    }

    #[test]
    fn codes_travel_as_words_and_unknown_ones_are_refused() {
        use crate::i18n::Lang;
        let error = AppError::Invalid(vec![
            crate::errors::FieldError { field: Field::Answer(3), problem: Problem::FileType },
            crate::errors::FieldError { field: Field::UpdatesBy, problem: Problem::Required },
        ]);
        let json = leptos::serde_json::to_string(&error).unwrap();
        assert_eq!(
            json,
            r#"{"Invalid":[{"field":"answer-3","problem":"file-type"},{"field":"updates_by","problem":"required"}]}"#
        );
        assert_eq!(leptos::serde_json::from_str::<AppError>(&json).unwrap(), error);
        assert_eq!(leptos::serde_json::to_string(&Lang::Fr).unwrap(), r#""fr""#);
        assert!(leptos::serde_json::from_str::<Lang>(r#""de""#).is_err());
        assert!(leptos::serde_json::from_str::<Problem>("3").is_err());
    }

    #[test]
    fn an_answer_that_is_not_text_is_an_error_not_a_panic() {
        let bytes = Bytes::from_static(b"\"\xff\"");
        assert!(<JsonText as Decodes<String>>::decode(bytes).is_err());
    }
}
