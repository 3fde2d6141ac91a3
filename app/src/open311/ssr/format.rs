//! One model, two serialisers: an answer is a serde value, written as JSON, or as the XML the
//! specification shows — no namespace, every list an element named after its items
//! (`<services><service>…</service></services>`), `true`/`false` and numbers as text.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use serde_json::Value;

/// What the address's suffix asks for: `services.xml`, `services.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    /// `"requests.json"` → `("requests", Json)`; any other suffix names nothing.
    pub fn split(name: &str) -> Option<(&str, Format)> {
        let (stem, suffix) = name.rsplit_once('.')?;
        let format = match suffix {
            "xml" => Format::Xml,
            "json" => Format::Json,
            _ => return None,
        };
        Some((stem, format))
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "text/xml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }

    /// `value` as this format: in XML under `root`, which JSON does not have. JSON is written straight
    /// from the records; XML walks their serde value.
    pub fn write(self, root: &str, value: &impl Serialize) -> Vec<u8> {
        match self {
            Format::Json => serde_json::to_vec(value).unwrap_or_default(),
            Format::Xml => xml(root, &serde_json::to_value(value).unwrap_or(Value::Null)),
        }
    }

    /// The HTTP answer: `status`, this format's content type, `value` under `root`.
    pub fn respond(self, status: StatusCode, root: &str, value: &impl Serialize) -> Response {
        let mut response = (status, self.write(root, value)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type()));
        response
    }
}

/// The element each item of a list is written as, by the list's name.
pub fn item_name(list: &str) -> &'static str {
    match list {
        "services" => "service",
        "service_requests" => "request",
        "service_request_updates" => "request_update",
        "attributes" => "attribute",
        "values" => "value",
        "endpoints" => "endpoint",
        "formats" => "format",
        "errors" => "error",
        "notes" => "note",
        _ => "item",
    }
}

fn xml(root: &str, value: &Value) -> Vec<u8> {
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(4096));
    // Writing into a Vec cannot fail.
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
    element(&mut writer, root, value);
    writer.into_inner()
}

fn element(writer: &mut quick_xml::Writer<Vec<u8>>, name: &str, value: &Value) {
    if value.is_null() {
        let _ = writer.write_event(Event::Empty(BytesStart::new(name)));
        return;
    }
    let _ = writer.write_event(Event::Start(BytesStart::new(name)));
    match value {
        Value::Array(items) => items.iter().for_each(|item| element(writer, item_name(name), item)),
        Value::Object(fields) => fields.iter().for_each(|(field, value)| element(writer, field, value)),
        Value::String(text) => {
            let _ = writer.write_event(Event::Text(BytesText::new(text)));
        }
        other => {
            let _ = writer.write_event(Event::Text(BytesText::new(&other.to_string())));
        }
    }
    let _ = writer.write_event(Event::End(BytesEnd::new(name)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suffix_names_the_format() {
        assert_eq!(Format::split("services.xml"), Some(("services", Format::Xml)));
        assert_eq!(Format::split("2026-000042.json"), Some(("2026-000042", Format::Json)));
        assert_eq!(Format::split("services.html"), None);
        assert_eq!(Format::split("services"), None);
    }

    #[test]
    fn lists_are_elements_named_after_their_items_and_text_is_escaped() {
        let value = serde_json::json!([{ "service_code": "pothole", "metadata": true, "keywords": "a & b <c>" }]);
        let written = String::from_utf8(Format::Xml.write("services", &value)).unwrap();
        assert_eq!(
            written,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service><service_code>pothole</service_code>\
             <metadata>true</metadata><keywords>a &amp; b &lt;c&gt;</keywords></service></services>"
        );
        let json = String::from_utf8(Format::Json.write("services", &value)).unwrap();
        assert_eq!(json, r#"[{"service_code":"pothole","metadata":true,"keywords":"a & b <c>"}]"#);
    }
}
