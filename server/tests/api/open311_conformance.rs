//! Our own conformance check of the Open311 API, mirroring the rules the public GeoReport v2 validators
//! apply, over every endpoint in both formats (`both` parses the XML and compares it with the JSON):
//! discovery's fields and a changeset in the past, the formats, each service's fields, each definition's
//! attributes (datatypes, unique codes and orders from 1, values for lists only), requests' fields and
//! W3C datetimes, POST's answer, mySociety's updates, and the error list's shape for 400, 403 and 404.

use crate::helpers::{settings_of, spawn_portal, TestPortal};
use crate::lifecycle::{change, staff};
use crate::open311::{both, from_xml};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::HashSet;

const DATATYPES: [&str; 6] = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"];
const MY_SOCIETY: [&str; 9] = [
    "investigating",
    "action_scheduled",
    "in_progress",
    "fixed",
    "duplicate",
    "not_councils_responsibility",
    "no_further_action",
    "closed",
    "reopen",
];

/// A W3C datetime with its offset (2026-12-01T08:30:00-05:00), as a moment.
fn w3c(value: &Value, what: &str) -> jiff::Timestamp {
    let text = value.as_str().unwrap_or_else(|| panic!("{what}: not text: {value}"));
    assert!(text.len() == 25 && text.as_bytes()[10] == b'T', "{what}: not W3C with an offset: {text}");
    text.parse().unwrap_or_else(|_| panic!("{what}: {text}"))
}

fn text<'v>(value: &'v Value, field: &str) -> &'v str {
    let found = value[field].as_str().unwrap_or_else(|| panic!("{field} is not text in {value}"));
    assert!(!found.is_empty(), "{field} is empty in {value}");
    found
}

fn list<'v>(value: &'v Value, what: &str) -> &'v Vec<Value> {
    value.as_array().unwrap_or_else(|| panic!("{what}: not a list: {value}"))
}

/// An error answer: a list of `{code, description}`, each code the answer's status.
fn error_list(status: StatusCode, answer: &Value, expected: StatusCode) {
    assert_eq!(status, expected, "{answer}");
    for error in list(answer, "errors") {
        assert_eq!(error["code"].as_u64(), Some(u64::from(expected.as_u16())), "{error}");
        text(error, "description");
    }
}

/// Discovery: a contact, where keys come from, endpoints with a past changeset and GeoReport's formats.
async fn discovery(portal: &TestPortal, now: jiff::Timestamp) {
    let (status, discovery) = both(portal, "discovery", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(w3c(&discovery["changeset"], "changeset") < now);
    text(&discovery, "contact");
    text(&discovery, "key_service");
    for endpoint in list(&discovery["endpoints"], "endpoints") {
        assert!(text(endpoint, "specification").starts_with("http://wiki.open311.org/GeoReport_v2"));
        assert!(text(endpoint, "url").starts_with("http") && text(endpoint, "url").ends_with("/open311/v2"));
        assert!(w3c(&endpoint["changeset"], "endpoint changeset") < now);
        assert!(["production", "test"].contains(&text(endpoint, "type")));
        let formats: Vec<&str> = list(&endpoint["formats"], "formats").iter().map(|f| f.as_str().unwrap()).collect();
        assert!(formats.contains(&"text/xml") && formats.iter().all(|f| ["text/xml", "application/json"].contains(f)));
    }
}

/// Every service and its definition; returns the services' codes.
async fn services(portal: &TestPortal) -> HashSet<String> {
    let (status, services) = both(portal, "services", "fr").await;
    assert_eq!(status, StatusCode::OK);
    let mut codes = HashSet::new();
    for service in list(&services, "services") {
        let code = text(service, "service_code").to_string();
        assert!(codes.insert(code.clone()), "{code} twice");
        text(service, "service_name");
        assert!(["realtime", "batch", "blackbox"].contains(&text(service, "type")));
        assert!(service["description"].is_string() && service["keywords"].is_string() && service["group"].is_string());
        let (status, definition) = both(portal, &format!("services/{code}"), "fr").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(text(&definition, "service_code"), code);
        let attributes = list(&definition["attributes"], "attributes");
        assert_eq!(service["metadata"].as_bool(), Some(!attributes.is_empty()), "{code}");
        let (mut orders, mut attribute_codes) = (HashSet::new(), HashSet::new());
        for attribute in attributes {
            assert!(attribute["variable"].is_boolean() && attribute["required"].is_boolean(), "{attribute}");
            assert!(attribute_codes.insert(text(attribute, "code").to_string()), "{code}: an attribute code twice");
            let order = attribute["order"].as_u64().unwrap_or_else(|| panic!("order: {attribute}"));
            assert!(order >= 1 && orders.insert(order), "{code}: order {order}");
            text(attribute, "description");
            assert!(attribute["datatype_description"].is_string());
            let datatype = text(attribute, "datatype");
            assert!(DATATYPES.contains(&datatype), "{datatype}");
            let values = list(&attribute["values"], "values");
            assert_eq!(datatype.ends_with("valuelist"), !values.is_empty(), "{code}: values for lists only");
            let keys: HashSet<&str> = values.iter().map(|v| text(v, "key")).collect();
            assert_eq!(keys.len(), values.len(), "{code}: a value key twice");
            values.iter().for_each(|v| _ = text(v, "name"));
        }
    }

    codes
}

#[tokio::test]
async fn every_endpoint_passes_the_validators_rules_in_both_formats() {
    let portal = spawn_portal().await;
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    let now = jiff::Timestamp::now();

    discovery(&portal, now).await;
    let codes = services(&portal).await;
    assert!(codes.len() > 20, "the catalogue's online services: {}", codes.len());

    // POST: the request's id (or a token) and a notice.
    let key = server::api_keys::create(&settings_of(&portal), &["--name".into(), "Validator".into()]).await.unwrap();
    let key = key.lines().last().unwrap();
    let form = [
        ("api_key", key),
        ("service_code", "pothole"),
        ("address_string", "200 brady"),
        ("attribute[size]", "large"),
        ("description", "Conformance"),
    ];
    let url = format!("{}/open311/v2/requests.xml", portal.base);
    let response = portal.http().post(url).form(&form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let filed = from_xml(&response.text().await.unwrap());
    let filed = &list(&filed, "POST answer")[0];
    assert!(filed["service_request_id"].is_string() || filed["token"].is_string(), "{filed}");
    text(filed, "service_notice");
    let id = text(filed, "service_request_id").to_string();
    let (status, _) =
        change(&agent, &id, &[("status", "in_progress"), ("note", "Crew tomorrow"), ("visibility", "public")]).await;
    assert_eq!(status, StatusCode::OK);

    let (status, requests) = both(&portal, "requests", "en").await;
    assert_eq!(status, StatusCode::OK);
    let requests = list(&requests, "requests");
    assert!(requests.iter().any(|r| r["service_request_id"] == id.as_str()));
    for request in requests {
        text(request, "service_request_id");
        assert!(["open", "closed"].contains(&text(request, "status")));
        assert!(codes.contains(text(request, "service_code")));
        text(request, "service_name");
        let requested = w3c(&request["requested_datetime"], "requested_datetime");
        assert!(w3c(&request["updated_datetime"], "updated_datetime") >= requested);
        if !request["expected_datetime"].is_null() {
            assert!(w3c(&request["expected_datetime"], "expected_datetime") > requested);
        }
        assert!(
            request["lat"].as_f64().is_some_and(f64::is_finite) && request["long"].as_f64().is_some_and(f64::is_finite)
        );
    }
    let (status, one) = both(&portal, &format!("requests/{id}"), "en").await;
    assert_eq!((status, list(&one, "one request").len()), (StatusCode::OK, 1));
    let (status, token) = both(&portal, &format!("tokens/{id}"), "en").await;
    assert_eq!((status, text(&token[0], "service_request_id")), (StatusCode::OK, id.as_str()));

    let (status, updates) = both(&portal, "servicerequestupdates", "en").await;
    assert_eq!(status, StatusCode::OK);
    let updates = list(&updates, "updates");
    assert!(!updates.is_empty());
    let mut ids = HashSet::new();
    for update in updates {
        assert!(ids.insert(text(update, "update_id").to_string()));
        text(update, "service_request_id");
        assert!(MY_SOCIETY.contains(&text(update, "status")), "{update}");
        w3c(&update["updated_datetime"], "updated_datetime");
        assert!(update["description"].is_string());
    }

    // Errors: the list's shape, with each answer's status as each error's code.
    let (status, answer) = both(&portal, "services/unicorns", "en").await;
    error_list(status, &answer, StatusCode::NOT_FOUND);
    let (status, answer) = both(&portal, "requests?start_date=yesterday&status=maybe", "fr").await;
    error_list(status, &answer, StatusCode::BAD_REQUEST);
    assert_eq!(list(&answer, "errors").len(), 2, "every bad parameter");
    let response =
        portal.http().post(format!("{}/open311/v2/requests.json", portal.base)).form(&form[1..]).send().await.unwrap();
    let status = response.status();
    error_list(status, &response.json().await.unwrap(), StatusCode::FORBIDDEN);
}
