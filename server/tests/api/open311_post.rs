//! POST requests through the Open311 API (issue 17), over HTTP: keys (made, hashed, rate-limited,
//! revoked, as IT's commands do), each form of location, attributes of every datatype checked as the
//! wizard checks them, reporters' profiles and receipts, photos cleaned, and refusals that save nothing.

use crate::helpers::{outbox_mails, settings_of, spawn_portal, wait_for_files, TestPortal};
use crate::open311::{errors, from_xml, get};
use crate::requests::{count, fixture, signed_in, suggest};
use reqwest::{header, multipart, StatusCode};
use serde_json::Value;

/// Makes a key as `server create-api-key` does; returns the key the client is given.
async fn new_key(portal: &TestPortal, name: &str, rate: Option<&str>) -> String {
    let mut args = vec!["--name".to_string(), name.to_string()];
    if let Some(rate) = rate {
        args.extend(["--rate".to_string(), rate.to_string()]);
    }
    let printed = server::api_keys::create(&settings_of(portal), &args).await.unwrap();
    printed.lines().last().unwrap().to_string()
}

/// POSTs `fields` form-encoded to requests.`format`, from another site (an app's server); the status and
/// the answer as JSON (XML read with the parser).
async fn post(portal: &TestPortal, format: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let request = portal.http().post(format!("{}/open311/v2/requests.{format}", portal.base)).form(fields);
    sent(format, request).await
}

async fn sent(format: &str, request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.header(header::ORIGIN, "https://fixmystreet.example").send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    match format {
        "xml" => (status, from_xml(&text)),
        _ => (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: {text}"))),
    }
}

/// A pothole at a point on Brady St, with `more`.
fn pothole<'a>(key: &'a str, more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("api_key", key),
        ("service_code", "pothole"),
        ("lat", "46.4906"),
        ("long", "-80.9928"),
        ("attribute[size]", "large"),
        ("description", "Deep, right lane."),
    ];
    fields.extend_from_slice(more);
    fields
}

/// The id of a filed request, from its answer.
fn filed(status: StatusCode, answer: &Value) -> String {
    assert_eq!(status, StatusCode::OK, "{answer}");
    let filed = &answer[0];
    assert!(!filed["service_notice"].as_str().unwrap().is_empty(), "{answer}");
    filed["service_request_id"].as_str().unwrap().to_string()
}

/// The first error's code, as either format writes it (XML's is text).
fn code(answer: &Value) -> String {
    let code = &answer[0]["code"];
    code.as_str().map_or_else(|| code.to_string(), str::to_string)
}

async fn scalar(portal: &TestPortal, sql: &str) -> String {
    let pool = portal.database().await;
    let value: String = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    value
}

#[tokio::test]
async fn filing_needs_a_key_in_use_within_its_rate() {
    let portal = spawn_portal().await;
    // No key, or one nobody made: 403 in either format, and nothing saved.
    for format in ["json", "xml"] {
        let (status, answer) = post(&portal, format, &pothole("", &[])).await;
        assert_eq!((status, code(&answer)), (StatusCode::FORBIDDEN, "403".into()));
    }
    let (status, answer) = post(&portal, "json", &pothole("made-up", &[("locale", "fr")])).await;
    assert_eq!(
        (status, errors(&answer)),
        (StatusCode::FORBIDDEN, vec![(403, "api_key\u{a0}: cette clé est inconnue ou révoquée.".to_string())])
    );

    let key = new_key(&portal, "FixMyStreet", Some("2")).await;
    // Only its SHA-256 is kept; a second key of the same name is refused while the first is in use.
    let pool = portal.database().await;
    let hashes: Vec<Vec<u8>> = sqlx::query_scalar("SELECT key_hash FROM api_keys").fetch_all(&pool).await.unwrap();
    pool.close().await;
    assert_eq!(hashes.len(), 1);
    assert!(hashes.iter().all(|hash| hash.len() == 32 && !hash.windows(key.len()).any(|part| part == key.as_bytes())));
    let again = server::api_keys::create(&settings_of(&portal), &["--name".into(), "FixMyStreet".into()]).await;
    assert!(again.unwrap_err().to_string().contains("in use"));

    // From another site, with no cookie: the key is what counts. Two a minute, then 429.
    let (status, answer) = post(&portal, "json", &pothole(&key, &[])).await;
    filed(status, &answer);
    let (status, answer) = post(&portal, "xml", &pothole(&key, &[])).await;
    assert!(filed(status, &answer).contains('-'));
    let (status, answer) = post(&portal, "json", &pothole(&key, &[])).await;
    assert_eq!((status, errors(&answer)[0].0), (StatusCode::TOO_MANY_REQUESTS, 429));
    assert_eq!(count(&portal, "SELECT count(*) FROM requests WHERE channel = 'open311'").await, 2);

    let listed = server::api_keys::list(&settings_of(&portal)).await.unwrap();
    assert!(listed.lines().nth(1).unwrap().starts_with("FixMyStreet\t2\t"), "{listed}");
    assert!(listed.lines().nth(1).unwrap().ends_with("\t-\t2"), "{listed}");
    server::api_keys::revoke(&settings_of(&portal), &["--name".into(), "FixMyStreet".into()]).await.unwrap();
    let (status, _) = post(&portal, "json", &pothole(&key, &[])).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let listed = server::api_keys::list(&settings_of(&portal)).await.unwrap();
    assert!(!listed.lines().nth(1).unwrap().contains("\t-\t"), "revoked on a date: {listed}");
}

#[tokio::test]
async fn each_form_of_location_files_a_request_read_back_through_the_api() {
    let portal = spawn_portal().await;
    let key = new_key(&portal, "Community app", None).await;
    let brady = suggest(&portal, "200 brady").await.remove(0);
    let id = brady["value"].as_str().unwrap();

    // A point, with address_string kept as "where exactly".
    let near = [("address_string", "In front of the library")];
    let (status, answer) = post(&portal, "json", &pothole(&key, &near)).await;
    let by_point = filed(status, &answer);
    let (status, _, read) = get(&portal, &format!("requests/{by_point}.json?extensions=true"), "en").await;
    assert_eq!(status, StatusCode::OK);
    let read: Value = serde_json::from_str(&read).unwrap();
    assert!(read[0]["address"].as_str().unwrap().starts_with("Near "), "{read}");
    assert_eq!(read[0]["extended_attributes"]["channel"], "open311");
    assert_eq!(read[0]["extended_attributes"]["client"], "Community app");
    assert_eq!(read[0]["status"], "open");
    let note = format!("SELECT place_note FROM requests WHERE reference = '{by_point}'");
    assert_eq!(scalar(&portal, &note).await, "In front of the library");

    // An address point's id; a civic address or a corner typed as the wizard's box takes them.
    let by_id = [("api_key", key.as_str()), ("service_code", "graffiti"), ("address_id", id)];
    let answers = [("attribute[surface]", "bridge"), ("attribute[offensive]", "no")];
    let (status, answer) = post(&portal, "json", &[&by_id[..], &answers[..]].concat()).await;
    let reference = filed(status, &answer);
    let stored = format!("SELECT address_id FROM requests WHERE reference = '{reference}'");
    assert_eq!(count(&portal, &stored).await.to_string(), id);
    for (typed, label) in [("200 brady", "200 Brady St"), ("Brady & Paris", " & ")] {
        let fields = [("api_key", key.as_str()), ("service_code", "pothole"), ("address_string", typed)];
        let (status, answer) =
            post(&portal, "json", &[&fields[..], &[("attribute[size]", "small")][..]].concat()).await;
        let reference = filed(status, &answer);
        let address = scalar(&portal, &format!("SELECT address FROM requests WHERE reference = '{reference}'")).await;
        assert!(address.contains(label), "{typed}: {address}");
    }

    // Outside the city, nowhere, or not said: 400 in the client's language; every problem at once.
    let before = count(&portal, "SELECT count(*) FROM requests").await;
    let toronto = [("api_key", key.as_str()), ("service_code", "pothole"), ("lat", "43.6532"), ("long", "-79.3832")];
    let (status, answer) =
        post(&portal, "json", &[&toronto[..], &[("locale", "fr"), ("attribute[size]", "small")][..]].concat()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(errors(&answer)[0].1.starts_with("lat\u{a0}: cet endroit n'est pas dans la ville"), "{answer}");
    let nowhere = [("api_key", key.as_str()), ("service_code", "pothole"), ("address_string", "zzqx 99999")];
    let (status, answer) = post(&portal, "xml", &[&nowhere[..], &[("attribute[size]", "small")][..]].concat()).await;
    assert_eq!((status, code(&answer)), (StatusCode::BAD_REQUEST, "400".into()), "{answer}");
    let wrong = [("api_key", key.as_str()), ("service_code", "unicorns"), ("email", "not-an-address")];
    let (status, answer) = post(&portal, "json", &wrong).await;
    let parameters: Vec<String> =
        errors(&answer).into_iter().map(|(_, d)| d.split(':').next().unwrap().to_string()).collect();
    assert_eq!(
        (status, parameters),
        (StatusCode::BAD_REQUEST, vec!["service_code".into(), "lat".into(), "email".into()])
    );
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, before, "refusals save nothing");
}

#[tokio::test]
async fn attributes_of_every_datatype_are_checked_as_the_wizard_checks_them() {
    let portal = spawn_portal().await;
    let key = new_key(&portal, "Partner", None).await;
    let at = |service: &'static str| {
        vec![
            ("api_key", key.clone()),
            ("service_code", service.to_string()),
            ("address_string", "200 brady".to_string()),
        ]
    };
    let send = |mut fields: Vec<(&'static str, String)>, more: &[(&'static str, &str)]| {
        fields.extend(more.iter().map(|(k, v)| (*k, v.to_string())));
        fields
    };
    let post_owned = |fields: Vec<(&'static str, String)>| {
        let portal = &portal;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(portal, "json", &fields).await
        }
    };
    // A multiple choice (attribute[CODE][]) and a number; a date; a line; a text.
    let large = send(
        at("large-item"),
        &[("attribute[items][]", "furniture"), ("attribute[items][]", "mattress"), ("attribute[count]", "3")],
    );
    let (status, answer) = post_owned(large).await;
    let reference = filed(status, &answer);
    let answers = format!(
        "SELECT a.question || '=' || a.value FROM request_answers a JOIN requests r ON r.id = a.request_id \
         WHERE r.reference = '{reference}' ORDER BY a.question, a.position"
    );
    let pool = portal.database().await;
    let answers: Vec<String> = sqlx::query_scalar(&answers).fetch_all(&pool).await.unwrap();
    pool.close().await;
    assert_eq!(answers.join(" "), "count=3 items=furniture items=mattress");
    for good in [
        send(at("plow-damage"), &[("attribute[damaged-item]", "mailbox"), ("attribute[date]", "2026-11-30")]),
        send(at("streetlight-out"), &[("attribute[problem]", "out"), ("attribute[pole-number]", "P-1234")]),
        send(at("dog-at-large"), &[("attribute[behaviour]", "calm"), ("attribute[dog-description]", "Brown,\nsmall")]),
    ] {
        let (status, answer) = post_owned(good).await;
        filed(status, &answer);
    }

    // Each wrong answer is named by its attribute; a required one missing too.
    let long = "x".repeat(300);
    for (bad, expected) in [
        (send(at("large-item"), &[("attribute[count]", "three")]), vec!["attribute[items]", "attribute[count]"]),
        (
            send(at("plow-damage"), &[("attribute[damaged-item]", "mailbox"), ("attribute[date]", "yesterday")]),
            vec!["attribute[date]"],
        ),
        (
            send(at("streetlight-out"), &[("attribute[problem]", "out"), ("attribute[pole-number]", &long)]),
            vec!["attribute[pole-number]"],
        ),
        (send(at("pothole"), &[("attribute[size]", "huge")]), vec!["attribute[size]"]),
    ] {
        let (status, answer) = post_owned(bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        let named: Vec<String> =
            errors(&answer).into_iter().map(|(_, d)| d.split(':').next().unwrap().to_string()).collect();
        assert_eq!(named, expected, "{answer}");
    }
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, 4);
}

#[tokio::test]
async fn reporters_get_a_profile_a_receipt_and_stay_private() {
    let portal = spawn_portal().await;
    // A resident with an account, before any receipt is sent (the registration's mail is the last one).
    signed_in(&portal, "marie@example.ca").await;
    let key = new_key(&portal, "FixMyStreet", None).await;
    let sent_before = std::fs::read_dir(portal.data_dir().join("outbox/email")).unwrap().count();

    let reporter = [
        ("email", "Jeanne.Cote@example.ca"),
        ("first_name", "Jeanne"),
        ("last_name", "Côté"),
        ("phone", "705-555-0142"),
    ];
    let (status, answer) = post(&portal, "json", &pothole(&key, &reporter)).await;
    let first = filed(status, &answer);
    let mails = outbox_mails(&portal, sent_before + 1).await;
    let receipt = mails.last().unwrap();
    assert!(receipt.to.contains("jeanne.cote@example.ca"), "{}", receipt.to);
    assert!(receipt.text.contains(&first), "{}", receipt.text);
    let profile = "SELECT count(*) FROM accounts WHERE email = 'jeanne.cote@example.ca' AND password_hash IS NULL \
         AND name = 'Jeanne Côté' AND created_by_key IS NOT NULL AND updates_by = 'email'";
    assert_eq!(count(&portal, profile).await, 1);
    // The same reporter again: the same profile. A resident's own address: their account.
    let (status, answer) = post(&portal, "json", &pothole(&key, &[("email", "jeanne.cote@example.ca")])).await;
    filed(status, &answer);
    let theirs = "SELECT count(*) FROM requests r JOIN accounts a ON a.id = r.account_id WHERE a.email = 'jeanne.cote@example.ca'";
    assert_eq!(count(&portal, theirs).await, 2);
    let (status, answer) = post(&portal, "json", &pothole(&key, &[("email", "marie@example.ca")])).await;
    let maries = filed(status, &answer);
    let (status, mine) = portal.call_api("requests/mine", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(mine["made"].as_array().unwrap().iter().any(|r| r["reference"] == maries.as_str()), "{mine}");

    // A phone number only: texts once they answer OUI, which they are asked.
    let (status, answer) = post(&portal, "json", &pothole(&key, &[("phone", "(705) 555-0177")])).await;
    filed(status, &answer);
    assert_eq!(wait_for_files(&portal.data_dir().join("outbox/sms"), 1).await.len(), 1);
    let pending =
        "SELECT count(*) FROM accounts WHERE mobile = '+17055550177' AND sms_status = 'pending' AND updates_by = 'sms'";
    assert_eq!(count(&portal, pending).await, 1);
    // No contact: the key's own profile, which nothing is ever sent to.
    let (status, answer) = post(&portal, "json", &pothole(&key, &[])).await;
    let anonymous = filed(status, &answer);
    let owner = format!(
        "SELECT a.name FROM requests r JOIN accounts a ON a.id = r.account_id WHERE r.reference = '{anonymous}'"
    );
    assert_eq!(scalar(&portal, &owner).await, "FixMyStreet");

    // Nothing of theirs leaves through a GET.
    for format in ["json", "xml"] {
        let (_, _, list) = get(&portal, &format!("requests.{format}?extensions=true"), "en").await;
        assert!(list.contains(&first), "{list}");
        for private in ["jeanne", "Jeanne", "Côté", "7055550", "555-01", "marie@"] {
            assert!(!list.contains(private), "{private} in {list}");
        }
    }
}

#[tokio::test]
async fn photos_are_cleaned_and_a_bad_file_saves_nothing() {
    let portal = spawn_portal().await;
    let key = new_key(&portal, "FixMyStreet", None).await;
    let form = |files: Vec<(&str, Vec<u8>)>| {
        let mut form = multipart::Form::new();
        for (name, value) in pothole(&key, &[]) {
            form = form.text(name.to_string(), value.to_string());
        }
        for (name, bytes) in files {
            form = form.part("media[]", multipart::Part::bytes(bytes).file_name(name.to_string()));
        }
        portal.http().post(format!("{}/open311/v2/requests.json", portal.base)).multipart(form)
    };

    let (status, answer) = sent("json", form(vec![("IMG_2041.jpg", fixture("phone-photo.jpg"))])).await;
    let reference = filed(status, &answer);
    let id = format!(
        "SELECT a.id FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.reference = '{reference}' AND a.kind = 'photo'"
    );
    let photo = scalar(&portal, &id).await;
    let stored = std::fs::read(portal.data_dir().join(format!("files/files/{photo}"))).unwrap();
    assert!(!stored.windows(10).any(|w| w == b"GPS-MARKER") && !stored.windows(4).any(|w| w == b"Exif"));
    // Potholes publish their first photo's thumbnail, once it is made.
    let mut media_url = Value::Null;
    for _ in 0..100 {
        let (_, _, read) = get(&portal, &format!("requests/{reference}.json"), "en").await;
        media_url = serde_json::from_str::<Value>(&read).unwrap()[0]["media_url"].clone();
        if media_url.is_string() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(media_url.as_str().unwrap().ends_with(&format!("/open311/v2/media/{photo}.jpg")), "{media_url}");

    // A file that is not a photo or a PDF, or six files: refused, and neither request nor file is kept.
    let requests = count(&portal, "SELECT count(*) FROM requests").await;
    let files = std::fs::read_dir(portal.data_dir().join("files/files")).unwrap().count();
    let (status, answer) = sent("json", form(vec![("notes.txt", b"just text".to_vec())])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(errors(&answer)[0].1.starts_with("media: only photos"), "{answer}");
    let six = (0..6).map(|_| ("p.png", fixture("screenshot.png"))).collect();
    let (status, answer) = sent("json", form(six)).await;
    assert_eq!((status, errors(&answer)[0].0), (StatusCode::BAD_REQUEST, 400), "{answer}");
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, requests);
    assert_eq!(std::fs::read_dir(portal.data_dir().join("files/files")).unwrap().count(), files);
}
