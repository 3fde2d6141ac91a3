//! The Open311 GeoReport v2 API (issue 17) over HTTP: every endpoint in XML and JSON (the XML read
//! with an XML parser and compared with the JSON), both languages, every filter and its bad values,
//! pagination, the public timeline, and the no-personal-data rule on requests that have a name, an
//! e-mail address and a phone number.

use crate::helpers::{spawn_portal, TestPortal};
use crate::lifecycle::{change, staff};
use crate::requests::{filled, filled_for, fixture, signed_in, upload};
use quick_xml::events::Event;
use reqwest::{header, StatusCode};
use serde_json::{json, Map, Value};

/// GET `path` under /open311/v2 in `lang`; the status, the content type and the body.
pub(crate) async fn get(portal: &TestPortal, path: &str, lang: &str) -> (StatusCode, String, String) {
    let response = portal.get(&format!("/open311/v2/{path}"), lang).await;
    let status = response.status();
    let kind = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
    assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}: readable from any page");
    (status, kind, response.text().await.unwrap())
}

/// `path.json` and `path.xml` (`path` may carry a query), checked to say the same; the status and the JSON.
pub(crate) async fn both(portal: &TestPortal, path: &str, lang: &str) -> (StatusCode, Value) {
    let (stem, query) = path.split_once('?').map_or((path, String::new()), |(s, q)| (s, format!("?{q}")));
    let (status, kind, json) = get(portal, &format!("{stem}.json{query}"), lang).await;
    assert_eq!(kind, "application/json; charset=utf-8");
    let (xml_status, kind, xml) = get(portal, &format!("{stem}.xml{query}"), lang).await;
    assert_eq!(kind, "text/xml; charset=utf-8");
    assert_eq!(status, xml_status, "{path}");
    assert!(xml.starts_with(r#"<?xml version="1.0" encoding="utf-8"?>"#), "{xml}");
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(as_text(&json), from_xml(&xml), "{path}: XML and JSON differ");
    (status, json)
}

/// The JSON with every number and boolean as the text XML writes, absent values left out.
pub(crate) fn as_text(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(as_text).collect()),
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), as_text(v))).collect()),
        Value::String(text) => Value::String(text.clone()),
        Value::Null => Value::String(String::new()),
        other => Value::String(other.to_string()),
    }
}

/// An XML document as JSON: the root's content; an element of lists (by GeoReport's plural names) an
/// array, one with children an object, a leaf its text.
pub(crate) fn from_xml(xml: &str) -> Value {
    let mut reader = quick_xml::Reader::from_str(xml);
    // The elements open: each one's name, children read so far and text.
    type Open = (String, Vec<(String, Value)>, String);
    let mut stack: Vec<Open> = vec![(String::new(), Vec::new(), String::new())];
    loop {
        match reader.read_event().unwrap() {
            Event::Start(start) => {
                stack.push((String::from_utf8(start.name().as_ref().to_vec()).unwrap(), Vec::new(), String::new()))
            }
            Event::Empty(empty) => {
                let name = String::from_utf8(empty.name().as_ref().to_vec()).unwrap();
                stack.last_mut().unwrap().1.push((name.clone(), close(&name, Vec::new(), String::new())));
            }
            Event::Text(text) => stack.last_mut().unwrap().2.push_str(&text.decode().unwrap()),
            Event::GeneralRef(entity) => {
                let name = String::from_utf8(entity.to_vec()).unwrap();
                let character = match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                };
                stack.last_mut().unwrap().2.push_str(character);
            }
            Event::End(_) => {
                let (name, children, text) = stack.pop().unwrap();
                stack.last_mut().unwrap().1.push((name.clone(), close(&name, children, text)));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap().1.remove(0).1
}

const LISTS: [&str; 10] = [
    "services",
    "service_requests",
    "service_request_updates",
    "attributes",
    "values",
    "endpoints",
    "formats",
    "errors",
    "notes",
    "item",
];

fn close(name: &str, children: Vec<(String, Value)>, text: String) -> Value {
    if LISTS.contains(&name) {
        Value::Array(children.into_iter().map(|(_, value)| value).collect())
    } else if children.is_empty() {
        Value::String(text)
    } else {
        Value::Object(children.into_iter().collect::<Map<_, _>>())
    }
}

pub(crate) fn errors(answer: &Value) -> Vec<(u64, String)> {
    let list = answer.as_array().unwrap_or_else(|| panic!("not an error list: {answer}"));
    list.iter().map(|e| (e["code"].as_u64().unwrap(), e["description"].as_str().unwrap().to_string())).collect()
}

#[tokio::test]
async fn discovery_services_and_definitions_in_both_formats_and_languages() {
    let portal = spawn_portal().await;
    let (status, discovery) = both(&portal, "discovery", "en").await;
    assert_eq!(status, StatusCode::OK);
    // What the public validators check: a contact, where keys come from, one endpoint with a past
    // changeset and both formats.
    assert!(
        !discovery["contact"].as_str().unwrap().is_empty() && !discovery["key_service"].as_str().unwrap().is_empty()
    );
    let endpoint = &discovery["endpoints"][0];
    assert_eq!(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert_eq!(endpoint["url"], "http://portal.test/open311/v2");
    assert_eq!(endpoint["formats"], json!(["text/xml", "application/json"]));
    let changeset: jiff::Timestamp = endpoint["changeset"].as_str().unwrap().parse().unwrap();
    assert!(changeset < jiff::Timestamp::now());

    let (status, services) = both(&portal, "services", "en").await;
    assert_eq!(status, StatusCode::OK);
    let services = services.as_array().unwrap();
    let pothole = services.iter().find(|s| s["service_code"] == "pothole").unwrap();
    assert_eq!(pothole["service_name"], "Pothole");
    assert_eq!(pothole["group"], "Roads and sidewalks");
    assert_eq!((&pothole["metadata"], &pothole["type"]), (&json!(true), &json!("realtime")));
    assert!(pothole["keywords"].as_str().unwrap().split(',').any(|k| k == "pothole"), "{pothole}");
    assert!(services.iter().all(|s| s["service_code"] != "property-tax"), "topics only agents handle are not services");
    // French by Accept-Language, or by `locale` whatever the header says.
    let (_, french) = both(&portal, "services", "fr-CA,fr;q=0.9").await;
    assert_eq!(
        french.as_array().unwrap().iter().find(|s| s["service_code"] == "pothole").unwrap()["service_name"],
        "Nid-de-poule"
    );
    let (_, french) = both(&portal, "services?locale=fr", "en").await;
    assert_eq!(
        french.as_array().unwrap().iter().find(|s| s["service_code"] == "pothole").unwrap()["group"],
        "Routes et trottoirs"
    );

    // Every online service's definition: attributes of GeoReport's datatypes, orders unique from 1.
    for service in services {
        let code = service["service_code"].as_str().unwrap();
        let (status, definition) = both(&portal, &format!("services/{code}"), "en").await;
        assert_eq!(status, StatusCode::OK, "{code}");
        assert_eq!(definition["service_code"], code);
        let attributes = definition["attributes"].as_array().unwrap();
        assert_eq!(service["metadata"], json!(!attributes.is_empty()), "{code}");
        for (i, attribute) in attributes.iter().enumerate() {
            assert_eq!(attribute["order"], json!(i + 1));
            let datatype = attribute["datatype"].as_str().unwrap();
            let kinds = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"];
            assert!(kinds.contains(&datatype), "{code}: {datatype}");
            assert_eq!(datatype.ends_with("valuelist"), !attribute["values"].as_array().unwrap().is_empty());
            assert!(!attribute["description"].as_str().unwrap().is_empty());
        }
    }
    let (_, definition) = both(&portal, "services/noise", "fr").await;
    assert_eq!(definition["attributes"][0]["description"], "D'où vient le bruit\u{202f}?");
    assert_eq!(definition["attributes"][0]["values"][0], json!({ "key": "music-party", "name": "Musique ou fête" }));

    // Refusals, in the errors' own shape and the reader's language.
    let (status, answer) = both(&portal, "services/unicorns", "fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(errors(&answer), [(404, "service_code\u{a0}: «\u{a0}unicorns\u{a0}» est introuvable.".to_string())]);
    let (status, _) = both(&portal, "services?jurisdiction_id=greatersudbury.ca", "en").await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = both(&portal, "services?jurisdiction_id=toronto.ca", "en").await;
    assert_eq!((status, errors(&answer)[0].0), (StatusCode::NOT_FOUND, 404));
    let (status, kind, _) = get(&portal, "services.html", "en").await;
    assert_eq!((status, kind.as_str()), (StatusCode::NOT_FOUND, "text/xml; charset=utf-8"));
}

/// Five requests by one resident (newest last); the first in progress with a public note and an
/// internal one, the second closed as not the city's.
async fn five_requests() -> (TestPortal, Vec<String>) {
    let portal = spawn_portal().await;
    // Both accounts first: a registration's link is the outbox's last e-mail only before receipts are sent.
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    signed_in(&portal, "marie@example.ca").await;
    let mut references = Vec::new();
    for _ in 0..5 {
        let (draft, _) = filled(&portal).await;
        let (status, path) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        references.push(path.as_str().unwrap().trim_start_matches("/requests/").to_string());
    }
    let public = [("status", "in_progress"), ("note", "Équipe demain"), ("visibility", "public")];
    assert_eq!(change(&agent, &references[0], &public).await.0, StatusCode::OK);
    let internal = [("note", "Appeler le contremaître"), ("visibility", "internal")];
    assert_eq!(change(&agent, &references[0], &internal).await.0, StatusCode::OK);
    assert_eq!(change(&agent, &references[1], &[("status", "closed"), ("reason", "not_city")]).await.0, StatusCode::OK);
    (portal, references)
}

#[tokio::test]
async fn requests_with_every_filter_pages_and_the_public_timeline() {
    let (portal, references) = five_requests().await;
    // The default: the last 90 days, newest first.
    let (status, all) = both(&portal, "requests", "en").await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&str> = all.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap()).collect();
    let newest_first: Vec<&str> = references.iter().rev().map(String::as_str).collect();
    assert_eq!(ids, newest_first);
    let first = all.as_array().unwrap().iter().find(|r| r["service_request_id"] == references[0].as_str()).unwrap();
    assert_eq!(
        (&first["status"], &first["service_code"], &first["service_name"]),
        (&json!("open"), &json!("pothole"), &json!("Pothole"))
    );
    assert_eq!(first["address"], "200 Brady St, Sudbury");
    assert_eq!(first["description"], "Profond, voie de droite.");
    assert!(
        first["requested_datetime"].as_str().unwrap().ends_with("-05:00")
            || first["requested_datetime"].as_str().unwrap().ends_with("-04:00")
    );
    assert!(first.get("expected_datetime").is_some() && first.get("notes").is_none());
    let closed = all.as_array().unwrap().iter().find(|r| r["service_request_id"] == references[1].as_str()).unwrap();
    assert_eq!(
        (&closed["status"], &closed["status_notes"]),
        (&json!("closed"), &json!("not the city's responsibility"))
    );

    // Each filter.
    let ids_of = |answer: &Value| -> Vec<String> {
        answer.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap().to_string()).collect()
    };
    let (_, some) = both(
        &portal,
        &format!("requests?service_request_id={},{}&status=closed&service_code=noise", references[2], references[3]),
        "en",
    )
    .await;
    assert_eq!(ids_of(&some), [references[3].clone(), references[2].clone()], "ids override every other filter");
    let (_, open) = both(&portal, "requests?status=open", "en").await;
    assert_eq!(ids_of(&open).len(), 4);
    let (_, closed) = both(&portal, "requests?status=closed&service_code=pothole", "en").await;
    assert_eq!(ids_of(&closed), [references[1].clone()]);
    let (_, none) = both(&portal, "requests?service_code=noise", "en").await;
    assert_eq!(none, json!([]));
    let (_, past) = both(&portal, "requests?start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z", "en").await;
    assert_eq!(past, json!([]));
    let (_, updated) = both(
        &portal,
        &format!(
            "requests?updated_after={}",
            jiff::Timestamp::now().checked_sub(jiff::SignedDuration::from_secs(60)).unwrap()
        ),
        "en",
    )
    .await;
    assert_eq!(ids_of(&updated).len(), 5);
    let (_, later) = both(&portal, "requests?updated_after=2099-01-01", "en").await;
    assert_eq!(later, json!([]));

    // Pages: stable, no request twice or missed.
    let mut paged = Vec::new();
    for page in 1..=3 {
        let (_, answer) = both(&portal, &format!("requests?page_size=2&page={page}"), "en").await;
        paged.extend(ids_of(&answer));
    }
    assert_eq!(paged, ids_of(&all));

    // The public timeline: the public note, never the internal one.
    let (_, one) = both(&portal, &format!("requests/{}?extensions=true", references[0]), "fr").await;
    let record = &one[0];
    assert_eq!(record["extended_attributes"]["channel"], "web");
    assert_eq!(record["extended_attributes"]["detailed_status"], "in_progress");
    let notes = serde_json::to_string(&record["notes"]).unwrap();
    assert!(notes.contains("Équipe demain") && notes.contains("En cours"), "{notes}");
    assert!(!notes.contains("contremaître"), "internal notes stay inside: {notes}");
}

#[tokio::test]
async fn one_request_a_token_and_my_societys_updates() {
    let (portal, references) = five_requests().await;
    let (status, answer) = both(&portal, "requests/2026-999999", "en").await;
    assert_eq!((status, errors(&answer)[0].0), (StatusCode::NOT_FOUND, 404));
    let (status, token) = both(&portal, &format!("tokens/{}", references[4]), "en").await;
    assert_eq!((status, &token[0]["service_request_id"]), (StatusCode::OK, &json!(references[4])));
    let (_, updates) = both(&portal, "servicerequestupdates", "en").await;
    let statuses: Vec<(&str, &str)> = updates
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["service_request_id"].as_str().unwrap(), u["status"].as_str().unwrap()))
        .collect();
    assert!(statuses.contains(&(references[0].as_str(), "in_progress")), "{updates}");
    assert!(statuses.contains(&(references[1].as_str(), "not_councils_responsibility")), "{updates}");
    assert!(!serde_json::to_string(&updates).unwrap().contains("contremaître"));
}

#[tokio::test]
async fn every_bad_parameter_is_refused_at_once_in_the_readers_language() {
    let portal = spawn_portal().await;
    let path =
        "requests?service_request_id=42&service_code=pothole,unicorns&start_date=hier&status=pending&page_size=5000";
    let (status, answer) = both(&portal, path, "fr").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let refused = errors(&answer);
    assert_eq!(refused.len(), 5, "{refused:?}");
    assert!(refused.iter().all(|(code, _)| *code == 400));
    assert!(refused[0].1.starts_with("start_date\u{a0}: «\u{a0}hier\u{a0}» n'est pas une date"), "{refused:?}");
    let (status, answer) = both(&portal, "requests?start_date=2026-01-01&end_date=2026-06-01", "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(errors(&answer)[0].1, "start_date and end_date may be at most 90 days apart.");
    let (status, _) = both(&portal, "servicerequestupdates?start_date=2026-01-01&end_date=2026-06-01", "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn no_personal_data_leaves_and_private_services_are_only_a_street() {
    let portal = spawn_portal().await;
    signed_in(&portal, "gabrielle.tremblay@example.ca").await;
    let (status, _) = portal
        .call(
            "update_profile",
            &[("name", "Gabrielle Tremblay"), ("mobile", "705 555 0142"), ("lang", "fr"), ("updates_by", "email")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (draft, _) = filled_for(&portal, "noise", ("answers[source][0]", "music-party")).await;
    let (status, noise) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{noise}");
    let noise = noise.as_str().unwrap().trim_start_matches("/requests/").to_string();
    let (draft, _) = filled_for(&portal, "pothole", ("answers[size][0]", "large")).await;
    assert_eq!(portal.call_api("requests/submit", &[("draft", &draft)]).await.0, StatusCode::OK);

    for format in ["json", "xml"] {
        for lang in ["fr", "en"] {
            let (_, _, body) = get(&portal, &format!("requests.{format}?extensions=true"), lang).await;
            for personal in ["Gabrielle", "Tremblay", "gabrielle.tremblay", "555", "0142", "+1705"] {
                assert!(!body.contains(personal), "{personal} in {body}");
            }
        }
    }
    let (_, answer) = both(&portal, &format!("requests/{noise}"), "fr").await;
    let record = &answer[0];
    assert_eq!(record["address"], "rue Brady, Sudbury", "{record}");
    assert!(record.get("description").is_none() && record.get("address_id").is_none(), "{record}");
    let lat = record["lat"].as_f64().unwrap();
    assert_eq!(lat, (lat * 1000.0).round() / 1000.0, "rounded to about a block");
}

#[tokio::test]
async fn a_photo_is_published_as_its_thumbnail_only_for_services_that_allow_it() {
    let portal = spawn_portal().await;
    signed_in(&portal, "photo@example.ca").await;
    let mut photos = Vec::new();
    for (service, answer) in
        [("pothole", ("answers[size][0]", "large")), ("noise", ("answers[source][0]", "music-party"))]
    {
        let (draft, _) = filled_for(&portal, service, answer).await;
        let (status, added) = upload(&portal, &draft, &[("trou.jpg", fixture("phone-photo.jpg"))]).await;
        assert_eq!(status, StatusCode::OK, "{added}");
        let id = added[0]["id"].as_str().unwrap().to_string();
        // The thumbnail is made in the background; the API links only a photo that has one.
        for _ in 0..100 {
            if portal.get(&format!("/requests/files/{id}/thumbnail"), "fr").await.status() == StatusCode::OK {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let (status, path) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        photos.push((path.as_str().unwrap().trim_start_matches("/requests/").to_string(), id));
    }
    let [(pothole, photo), (noise, private_photo)] = photos.try_into().unwrap();

    // Potholes allow it (the Sudbury profile): the link is to the thumbnail, which anyone may fetch.
    let (_, answer) = both(&portal, &format!("requests/{pothole}"), "en").await;
    let media = answer[0]["media_url"].as_str().unwrap_or_else(|| panic!("no media_url: {answer}"));
    assert_eq!(media, format!("http://portal.test/open311/v2/media/{photo}.jpg"));
    let anyone = portal.another_browser();
    let thumbnail = anyone.get(&format!("/open311/v2/media/{photo}.jpg"), "en").await;
    assert_eq!(
        (thumbnail.status(), &thumbnail.headers()[header::CONTENT_TYPE]),
        (StatusCode::OK, &"image/jpeg".parse().unwrap())
    );
    let original = std::fs::read(portal.data_dir().join(format!("files/files/{photo}"))).unwrap();
    assert_ne!(thumbnail.bytes().await.unwrap().to_vec(), original, "never the original");

    // A private service's photo is neither linked nor served.
    let (_, answer) = both(&portal, &format!("requests/{noise}"), "en").await;
    assert!(answer[0].get("media_url").is_none(), "{answer}");
    assert_eq!(
        anyone.get(&format!("/open311/v2/media/{private_photo}.jpg"), "en").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(anyone.get("/open311/v2/media/..%2Fportal.jpg", "en").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_client_over_its_reads_per_minute_is_told_to_wait_in_the_apis_shape() {
    let portal = crate::helpers::spawn_portal_with("[open311]\nreads_per_minute = 2\n").await;
    for _ in 0..2 {
        assert_eq!(get(&portal, "services.json", "fr").await.0, StatusCode::OK);
    }
    let (status, kind, body) = get(&portal, "services.xml", "fr").await;
    assert_eq!((status, kind.as_str()), (StatusCode::TOO_MANY_REQUESTS, "text/xml; charset=utf-8"));
    let errors = from_xml(&body);
    assert_eq!(errors[0]["code"], "429");
    assert_eq!(errors[0]["description"], "Trop de demandes de cette adresse. Attendez une minute, puis réessayez.");
}

#[tokio::test]
async fn lists_are_kept_for_the_next_reader_and_sent_in_brotli() {
    let portal = crate::helpers::spawn_portal_with("[open311]\ncache_seconds = 1\n").await;
    signed_in(&portal, "marie@example.ca").await;
    let portal = &portal;
    let submit = || async {
        let (draft, _) = filled(portal).await;
        let (status, _) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
        assert_eq!(status, StatusCode::OK);
    };
    let list = move |encoding: &'static str| async move {
        let response = portal.get_with("/open311/v2/requests.json", &[(header::ACCEPT_ENCODING, encoding)]).await;
        let encoded = response.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        (encoded, response.bytes().await.unwrap().to_vec())
    };
    let count = |body: &[u8]| serde_json::from_slice::<Value>(body).unwrap().as_array().unwrap().len();
    submit().await;
    let (encoded, plain) = list("identity").await;
    assert_eq!((encoded, count(&plain)), (None, 1));
    let (encoded, compressed) = list("gzip, br").await;
    assert_eq!(encoded.as_deref(), Some("br"));
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &compressed[..], &mut unpacked).unwrap();
    assert_eq!(unpacked, plain, "the same answer, compressed");
    // A new request shows once the kept list is a second old.
    submit().await;
    assert_eq!(count(&list("identity").await.1), 1, "kept");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(count(&list("identity").await.1), 2);
}
