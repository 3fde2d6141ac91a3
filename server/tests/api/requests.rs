//! Submitting a request over HTTP: address suggestions, each step of the wizard, uploads and every refusal,
//! exactly-once submission under concurrent duplicates, the receipt, who may see a draft, and a failure
//! in the middle of a submission leaving nothing half-saved.

use crate::helpers::{outbox_mails, registered, spawn_portal, spawn_portal_with, TestPortal, PASSWORD};
use app::requests::model::FILES_MAX;
use reqwest::{header, multipart, StatusCode};
use serde_json::{json, Value};

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// This year in the city, as reference numbers count it.
pub fn year() -> i16 {
    jiff::Timestamp::now().in_tz("America/Toronto").unwrap().year()
}

pub async fn signed_in(portal: &TestPortal, email: &str) {
    registered(portal, email).await;
    let (status, _) = portal.call("sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
}

/// Starts a request for `service`; returns the draft's id.
pub async fn start(portal: &TestPortal, service: &str) -> String {
    let (status, path) = portal.call_api("requests/start", &[("service", service)]).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let path = path.as_str().unwrap();
    assert!(path.starts_with("/requests/drafts/") && path.ends_with("/where"), "{path}");
    path.split('/').nth(3).unwrap().to_string()
}

pub async fn suggest(portal: &TestPortal, query: &str) -> Vec<Value> {
    let (status, found) = portal.call_api("addresses/suggest", &[("query", query)]).await;
    assert_eq!(status, StatusCode::OK);
    found.as_array().unwrap().clone()
}

/// A draft with its address and details saved: ready for photos and submission.
pub async fn filled(portal: &TestPortal) -> (String, Value) {
    filled_for(portal, "pothole", ("answers[size][0]", "large")).await
}

/// A draft of `service` at 200 Brady St, its one required question answered, up to its files.
pub async fn filled_for(portal: &TestPortal, service: &str, answer: (&str, &str)) -> (String, Value) {
    let draft = start(portal, service).await;
    let address = suggest(portal, "200 brady").await.remove(0);
    let id = address["value"].as_str().unwrap();
    let (status, next) = portal.call_api("requests/place", &[("draft", &draft), ("address", id)]).await;
    assert_eq!((status, next), (StatusCode::OK, json!(format!("/requests/drafts/{draft}/details"))));
    let form = [("draft", draft.as_str()), answer, ("description", "Profond, voie de droite.")];
    let (status, next) = portal.call_api("requests/details", &form).await;
    assert_eq!((status, next), (StatusCode::OK, json!(format!("/requests/drafts/{draft}/files"))));
    (draft, address)
}

/// Marie, signed in, files a request with a photo: its reference and the photo's id.
pub async fn filed_with_photo(portal: &TestPortal) -> (String, String) {
    signed_in(portal, "marie@example.ca").await;
    let (draft, _) = filled(portal).await;
    let (status, added) = upload(portal, &draft, &[("trou.jpg", fixture("phone-photo.jpg"))]).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    let file = added[0]["id"].as_str().unwrap().to_string();
    let (status, page) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    (page.as_str().unwrap().trim_start_matches("/requests/").to_string(), file)
}

/// Uploads files as the page's script does (one request, JSON answer).
pub async fn upload(portal: &TestPortal, draft: &str, files: &[(&str, Vec<u8>)]) -> (StatusCode, Value) {
    let response = upload_request(portal, draft, files, "application/json").await;
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn upload_request(
    portal: &TestPortal,
    draft: &str,
    files: &[(&str, Vec<u8>)],
    accept: &str,
) -> reqwest::Response {
    let mut form = multipart::Form::new();
    for (name, bytes) in files {
        form = form.part("file", multipart::Part::bytes(bytes.clone()).file_name(name.to_string()));
    }
    portal
        .http()
        .post(format!("{}/requests/uploads/{draft}", portal.base))
        .header(header::ORIGIN, crate::helpers::PUBLIC_URL)
        .header(header::ACCEPT, accept)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub async fn count(portal: &TestPortal, sql: &str) -> i64 {
    let pool = portal.database().await;
    let n = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn addresses_are_suggested_as_one_types_and_found_near_a_location() {
    let portal = spawn_portal().await;
    let found = suggest(&portal, "brady").await;
    assert!(!found.is_empty() && found.len() <= 8);
    assert!(found.iter().all(|a| a["label"].as_str().unwrap().contains(" Brady St, ")), "{found:?}");
    let azilda = suggest(&portal, "notre-dame azilda").await;
    assert!(azilda.iter().all(|a| a["label"].as_str().unwrap().ends_with(", Azilda")) && !azilda.is_empty());
    assert!(suggest(&portal, "rue qui n'existe pas").await.is_empty());

    let here = &found[0];
    let position = [("latitude", here["latitude"].to_string()), ("longitude", here["longitude"].to_string())];
    let form: Vec<(&str, &str)> = position.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, nearest) = portal.call_api("addresses/nearest", &form).await;
    assert_eq!((status, &nearest["value"]), (StatusCode::OK, &here["value"]));

    // Toronto City Hall is not in Greater Sudbury.
    let (status, refusal) =
        portal.call_api("addresses/nearest", &[("latitude", "43.6534"), ("longitude", "-79.3841")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal, json!({ "Invalid": [{ "field": "address", "problem": "address-outside-city" }] }));
}

#[tokio::test]
async fn a_resident_submits_a_request_with_photos_and_gets_a_receipt() {
    let portal = spawn_portal().await;
    signed_in(&portal, "marie@example.ca").await;
    let (draft, address) = filled(&portal).await;

    let photo = fixture("phone-photo.jpg");
    assert!(photo.windows(10).any(|w| w == b"GPS-MARKER"));
    let (status, added) =
        upload(&portal, &draft, &[("IMG_2041.jpg", photo), ("screen.png", fixture("screenshot.png"))]).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    assert_eq!(added.as_array().unwrap().len(), 2);
    let photo_id = added[0]["id"].as_str().unwrap().to_string();
    let (status, _) = upload(&portal, &draft, &[("avis.pdf", fixture("notice.pdf"))]).await;
    assert_eq!(status, StatusCode::OK);

    // What is kept has no EXIF (no GPS), stands upright, and is what the file address serves.
    let stored = std::fs::read(portal.data_dir().join(format!("files/files/{photo_id}"))).unwrap();
    assert!(!stored.windows(10).any(|w| w == b"GPS-MARKER") && !stored.windows(4).any(|w| w == b"Exif"));
    let served = portal.get(&format!("/requests/files/{photo_id}"), "fr").await;
    assert_eq!(served.headers()[header::CONTENT_TYPE], "image/jpeg");
    assert_eq!(served.bytes().await.unwrap().to_vec(), stored);
    for _ in 0..100 {
        if portal.get(&format!("/requests/files/{photo_id}/thumbnail"), "fr").await.status() == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(portal.get(&format!("/requests/files/{photo_id}/thumbnail"), "fr").await.status(), StatusCode::OK);
    // A file removed from the draft is gone from the disk too.
    let (status, extra) = upload(&portal, &draft, &[("extra.pdf", fixture("notice.pdf"))]).await;
    assert_eq!(status, StatusCode::OK);
    let extra = extra[0]["id"].as_str().unwrap().to_string();
    let on_disk = portal.data_dir().join(format!("files/files/{extra}"));
    assert!(on_disk.exists());
    let (status, _) = portal.call_api("requests/remove_file", &[("draft", &draft), ("file", &extra)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!on_disk.exists());

    // Every step's page shows what was saved (a reload, the back button, a language switch).
    let (status, html) = portal.page(&format!("/requests/drafts/{draft}/review"), "en").await;
    assert_eq!(status, StatusCode::OK);
    let label = address["label"].as_str().unwrap().to_string();
    for expected in
        ["Check and submit", "Step 4 of 4", &label, "Large (over 60 cm)", "Profond, voie de droite.", "3 files"]
    {
        assert!(html.contains(expected), "review lacks {expected}");
    }
    let (_, html) = portal.page(&format!("/requests/drafts/{draft}/details"), "fr").await;
    assert!(html.contains("Étape 2 de 4") && html.contains("Profond, voie de droite."));
    // In French, the address as Canada Post writes it.
    let french = label.replace(" Brady St", ", rue Brady");
    let (_, html) = portal.page(&format!("/requests/drafts/{draft}/review"), "fr").await;
    assert!(html.contains(&french), "{french} in {html}");

    let reference = format!("{}-000001", year());
    let (status, next) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!((status, next), (StatusCode::OK, json!(format!("/requests/{reference}"))));
    // A second click, or a retry after a lost answer: the same request, nothing more.
    let (status, next) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!((status, next), (StatusCode::OK, json!(format!("/requests/{reference}"))));
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, 1);
    assert_eq!(count(&portal, "SELECT count(*) FROM request_answers").await, 1);
    assert_eq!(count(&portal, "SELECT count(*) FROM attachments WHERE request_id IS NOT NULL").await, 3);
    assert_eq!(count(&portal, "SELECT count(*) FROM drafts").await, 0);

    let (status, html) = portal.page(&format!("/requests/{reference}"), "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Demande reçue") && html.contains(&reference) && html.contains("courriel"));

    // The receipt, in the resident's language (French), with the reference and a link to the request.
    let mails = outbox_mails(&portal, 2).await;
    let receipt = mails.iter().find(|m| m.subject.contains(&reference)).expect("a receipt");
    assert_eq!(receipt.to, "marie@example.ca");
    assert!(receipt.subject.starts_with("Demande") && receipt.subject.contains("Nid-de-poule"), "{}", receipt.subject);
    assert!(receipt.text.contains(&format!("http://portal.test/requests/{reference}")));
    assert!(receipt.text.contains(&format!("http://portal.test/requests/{reference}/survey")), "the survey");
    assert!(receipt.text.contains(&french), "the receipt in French: {}", receipt.text);

    // The resident's data download lists it.
    let export: Value = portal.get("/account/export", "fr").await.json().await.unwrap();
    assert_eq!(
        (&export["requests"][0]["reference"], &export["requests"][0]["status"]),
        (&json!(reference), &json!("received"))
    );

    // The photo still belongs to its author only.
    let stranger = portal.another_browser();
    assert_eq!(stranger.get(&format!("/requests/files/{photo_id}"), "fr").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_refusal_is_explained_and_saves_nothing() {
    let portal = spawn_portal().await;
    signed_in(&portal, "refus@example.ca").await;
    let (status, error) = portal.call_api("requests/start", &[("service", "no-such-service")]).await;
    assert_eq!((status, error), (StatusCode::NOT_FOUND, json!("NotFound")));
    let (status, error) = portal.call_api("requests/start", &[("service", "property-tax")]).await;
    assert_eq!((status, error), (StatusCode::BAD_REQUEST, json!("NotOnline")));

    let draft = start(&portal, "pothole").await;
    let (status, error) = portal.call_api("requests/place", &[("draft", &draft), ("address", "200 Brady")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error, json!({ "Invalid": [{ "field": "address", "problem": "address-not-chosen" }] }));
    let (status, error) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, json!({ "Invalid": [{ "field": "address", "problem": "required" }] }))
    );

    let long = "x".repeat(4001);
    let form = [("draft", draft.as_str()), ("answers[size][0]", "enormous"), ("description", long.as_str())];
    let (status, error) = portal.call_api("requests/details", &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error,
        json!({ "Invalid": [
            { "field": "answer-0", "problem": "choice-invalid" },
            { "field": "description", "problem": "too-long" },
        ] })
    );
    let (status, error) = portal.call_api("requests/details", &[("draft", &draft), ("description", "")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["Invalid"][0], json!({ "field": "answer-0", "problem": "choice-invalid" }));

    // Files: judged by their bytes, whatever their name; damaged, too large, too many.
    let refusals = [
        (vec![("photo.jpg", fixture("program.jpg"))], "file-type"),
        (vec![("photo.jpg", fixture("truncated.jpg"))], "file-unreadable"),
        (vec![("big.pdf", [b"%PDF-1.4\n".as_slice(), &vec![b' '; 10 * 1024 * 1024]].concat())], "file-too-large"),
    ];
    for (files, problem) in refusals {
        let (status, answer) = upload(&portal, &draft, &files).await;
        assert_eq!((status, answer), (StatusCode::UNPROCESSABLE_ENTITY, json!({ "problem": problem })));
    }
    assert_eq!(count(&portal, "SELECT count(*) FROM attachments").await, 0);
    assert_eq!(std::fs::read_dir(portal.data_dir().join("files")).unwrap().count(), 0, "nothing stored");

    // The name is only shown, never used as a path.
    let (status, added) = upload(&portal, &draft, &[("../../etc/passwd.pdf", fixture("notice.pdf"))]).await;
    assert_eq!((status, &added[0]["name"]), (StatusCode::OK, &json!("passwd.pdf")));
    let five: Vec<(&str, Vec<u8>)> = (0..4).map(|_| ("a.pdf", fixture("notice.pdf"))).collect();
    assert_eq!(upload(&portal, &draft, &five).await.0, StatusCode::OK);
    let (status, answer) = upload(&portal, &draft, &[("six.pdf", fixture("notice.pdf"))]).await;
    assert_eq!((status, answer), (StatusCode::UNPROCESSABLE_ENTITY, json!({ "problem": "too-many-files" })));
    assert_eq!(count(&portal, "SELECT count(*) FROM attachments").await, 5);

    // Without JavaScript, the browser comes back to the step, which names the problem in its language.
    let response = upload_request(&portal, &draft, &[("x.jpg", fixture("program.jpg"))], "text/html").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    assert_eq!(location, format!("/requests/drafts/{draft}/files?problem=too-many-files"));
    let (_, html) = portal.page(&location, "en").await;
    assert!(html.contains("you already have 5 files"), "the files page explains the refusal");
}

#[tokio::test]
async fn concurrent_duplicate_submissions_make_one_request() {
    let portal = spawn_portal().await;
    signed_in(&portal, "double@example.ca").await;
    let (draft, _) = filled(&portal).await;
    // Eight clicks at once from the same browser, each on its own connection.
    let submissions: Vec<_> = (0..8)
        .map(|_| {
            let (browser, draft) = (portal.clone(), draft.clone());
            tokio::spawn(async move { browser.call_api("requests/submit", &[("draft", &draft)]).await })
        })
        .collect();
    let reference = format!("/requests/{}-000001", year());
    for submission in submissions {
        assert_eq!(submission.await.unwrap(), (StatusCode::OK, json!(reference)));
    }
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, 1);
    assert_eq!(count(&portal, "SELECT last FROM reference_counters").await, 1);
    // One receipt (after the welcome e-mail), not one per click.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let receipts = outbox_mails(&portal, 2).await.into_iter().filter(|m| m.subject.contains("000001")).count();
    assert_eq!(receipts, 1);
}

#[tokio::test]
async fn a_failure_in_the_middle_of_a_submission_leaves_nothing_half_saved() {
    let portal = spawn_portal().await;
    signed_in(&portal, "panne@example.ca").await;
    let (draft, _) = filled(&portal).await;
    assert_eq!(upload(&portal, &draft, &[("p.jpg", fixture("phone-photo.jpg"))]).await.0, StatusCode::OK);
    // The disk fills up (say) after the request row is written, while its answers are.
    if portal.is_postgres() {
        let fail = "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'disk full'; END $$";
        portal.sql(fail).await;
        portal.sql("CREATE TRIGGER disk_full BEFORE INSERT ON request_answers EXECUTE FUNCTION disk_full()").await;
    } else {
        portal
            .sql(
                "CREATE TRIGGER disk_full BEFORE INSERT ON request_answers BEGIN SELECT RAISE(ABORT, 'disk full'); END",
            )
            .await;
    }
    let (status, error) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!((status, error), (StatusCode::INTERNAL_SERVER_ERROR, json!("Internal")));
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, 0);
    assert_eq!(count(&portal, "SELECT count(*) FROM reference_counters").await, 0);
    assert_eq!(
        count(&portal, "SELECT count(*) FROM attachments WHERE draft_id IS NOT NULL").await,
        1,
        "the draft keeps its photo"
    );

    portal
        .sql(if portal.is_postgres() { "DROP TRIGGER disk_full ON request_answers" } else { "DROP TRIGGER disk_full" })
        .await;
    let (status, next) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!((status, next), (StatusCode::OK, json!(format!("/requests/{}-000001", year()))), "no number was lost");
}

#[tokio::test]
async fn a_draft_started_signed_out_survives_sign_in_and_stays_private() {
    let portal = spawn_portal().await;
    let draft = start(&portal, "pothole").await;
    let address = suggest(&portal, "paris").await.remove(0)["value"].as_str().unwrap().to_string();
    let (status, _) = portal.call_api("requests/place", &[("draft", &draft), ("address", &address)]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, error) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!((status, error), (StatusCode::UNAUTHORIZED, json!("SignInRequired")));
    let (_, html) = portal.page(&format!("/requests/drafts/{draft}/review"), "en").await;
    assert!(
        html.contains(&format!("/sign-in?next=/requests/drafts/{draft}/review")),
        "asks to sign in, then come back"
    );

    signed_in(&portal, "plus-tard@example.ca").await;
    let (status, view) = portal.call_api("requests/draft", &[("draft", &draft), ("step", "review")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((view["place"]["address_id"].to_string(), &view["signed_in"]), (address, &json!(true)));

    // Now it is theirs: another resident, or nobody, cannot open it.
    let other = portal.another_browser();
    let (status, _) = other.call_api("requests/draft", &[("draft", &draft), ("step", "review")]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    signed_in(&other, "voisin@example.ca").await;
    let (status, _) = other.call_api("requests/draft", &[("draft", &draft), ("step", "review")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_open_request_nearby_is_pointed_out_before_submitting() {
    let portal = spawn_portal().await;
    signed_in(&portal, "premier@example.ca").await;
    let (draft, _) = filled(&portal).await;
    let (status, _) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK);

    let (second, _) = filled(&portal).await;
    let (_, view) = portal.call_api("requests/draft", &[("draft", &second), ("step", "review")]).await;
    assert_eq!(view["nearby"]["reference"], json!(format!("{}-000001", year())));
    let (_, html) = portal.page(&format!("/requests/drafts/{second}/review"), "en").await;
    assert!(html.contains("already open nearby"));
    let (_, elsewhere) = portal.call_api("requests/draft", &[("draft", &second), ("step", "where")]).await;
    assert_eq!(elsewhere["nearby"], Value::Null, "only the review step looks");

    // Another resident at the same place follows that request instead of making a second one.
    let neighbour = portal.another_browser();
    signed_in(&neighbour, "voisine@example.ca").await;
    let (third, _) = filled(&neighbour).await;
    assert_eq!(upload(&neighbour, &third, &[("p.jpg", fixture("phone-photo.jpg"))]).await.0, StatusCode::OK);
    let first = format!("{}-000001", year());
    let (status, next) = neighbour.call_api("requests/follow", &[("draft", &third)]).await;
    assert_eq!((status, next), (StatusCode::OK, json!(format!("/requests/{first}"))));
    assert_eq!(count(&portal, "SELECT count(*) FROM request_followers").await, 1);
    // Staff writing a note the resident sees are told it reaches the follower too.
    let agent = crate::lifecycle::staff(&portal, "agent@grandsudbury.ca", "agent").await;
    let (_, view) = agent.call_api("staff/request", &[("reference", &first)]).await;
    assert_eq!(view["followers"], json!(1));
    let (_, html) = agent.page(&format!("/staff/requests/{first}"), "en").await;
    assert!(html.contains("One other resident follows this request"), "{html}");
    assert_eq!(
        count(&portal, "SELECT count(*) FROM attachments WHERE draft_id IS NULL AND request_id IS NULL").await,
        0
    );
    let (status, html) = neighbour.page(&format!("/requests/{first}"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("You are following this request") && !html.contains("premier@example.ca"));
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, 1, "no second report");

    // "My requests" lists it under those followed, and the follower can let it go; nobody else can.
    let (_, mine) = neighbour.call_api("requests/mine", &[]).await;
    assert_eq!((mine["made"].clone(), mine["followed"][0]["reference"].clone()), (json!([]), json!(first)));
    let (_, html) = neighbour.page("/account", "en").await;
    assert!(html.contains("Requests I follow") && html.contains(&first), "{html}");
    let unfollow = [("reference", first.as_str())];
    assert_eq!(portal.another_browser().call_api("requests/unfollow", &unfollow).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        portal.call_api("requests/unfollow", &unfollow).await.0,
        StatusCode::NOT_FOUND,
        "the author follows nothing"
    );
    let forged = neighbour
        .http()
        .post(format!("{}/api/requests/unfollow", neighbour.base))
        .header(reqwest::header::ORIGIN, "https://elsewhere.example")
        .form(&unfollow)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "another site cannot make them stop");
    assert_eq!(count(&portal, "SELECT count(*) FROM request_followers").await, 1);
    let (status, mine) = neighbour.call_api("requests/unfollow", &unfollow).await;
    assert_eq!((status, mine["followed"].clone()), (StatusCode::OK, json!([])));
    assert_eq!(count(&portal, "SELECT count(*) FROM request_followers").await, 0);
    assert_eq!(neighbour.call_api("requests/unfollow", &unfollow).await.0, StatusCode::NOT_FOUND);
    assert_eq!(neighbour.call_api("requests/unfollow", &[("reference", "nonsense")]).await.0, StatusCode::NOT_FOUND);

    // Without an account, nobody learns what is open where.
    let stranger = portal.another_browser();
    let draft = start(&stranger, "pothole").await;
    let id = suggest(&stranger, "200 brady").await.remove(0)["id"].to_string();
    stranger.call_api("requests/place", &[("draft", &draft), ("address", &id)]).await;
    let (_, view) = stranger.call_api("requests/draft", &[("draft", &draft), ("step", "review")]).await;
    assert_eq!(view["nearby"], Value::Null);
}

#[tokio::test]
async fn drafts_anyone_can_make_are_limited_and_kept_a_day() {
    let stoppable = crate::helpers::Stoppable::start("").await;
    let portal = &stoppable.portal.another_browser();
    // Signed out, one address: twenty drafts, then a wait.
    for n in 0..20 {
        assert_eq!(portal.call_api("requests/start", &[("service", "pothole")]).await.0, StatusCode::OK, "{n}");
    }
    let (status, error) = portal.call_api("requests/start", &[("service", "pothole")]).await;
    assert_eq!((status, error["TooManyAttempts"].is_object()), (StatusCode::TOO_MANY_REQUESTS, true), "{error}");
    // A signed-in resident's draft: counted for them, not for the address's signed-out drafts.
    let resident = portal.another_browser();
    signed_in(&resident, "marie@example.ca").await;
    assert_eq!(resident.call_api("requests/start", &[("service", "pothole")]).await.0, StatusCode::OK);

    // Two days untouched: the signed-out drafts go at the next purge (the portal runs one at start), the
    // resident's stays its week.
    portal.sql("UPDATE drafts SET updated_at = updated_at - 2 * 24 * 3600").await;
    portal.sql("UPDATE jobs SET started_at = started_at - 2 * 24 * 3600").await;
    stoppable.stop().await;
    let again = crate::helpers::Stoppable::on(portal, "").await;
    let mut left = 21;
    for _ in 0..50 {
        left = count(&again.portal, "SELECT count(*) FROM drafts").await;
        if left == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, 1);
    assert_eq!(count(&again.portal, "SELECT count(*) FROM drafts WHERE account_id IS NOT NULL").await, 1);
}

#[tokio::test]
async fn uploads_have_an_hourly_quota_and_stop_before_the_disk_fills() {
    let portal = spawn_portal().await;
    let draft = start(&portal, "pothole").await;
    let pdf = || vec![("note.pdf", b"%PDF-1.4\n%%EOF\n".to_vec())];
    // Each upload counts at least a megabyte: 150 an hour for one draft, whatever happens to them.
    for n in 0..150 {
        let (status, answer) = upload(&portal, &draft, &pdf()).await;
        let expected = if n < FILES_MAX { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        assert_eq!(status, expected, "{n}: {answer}");
    }
    let (status, answer) = upload(&portal, &draft, &pdf()).await;
    assert_eq!((status, answer), (StatusCode::TOO_MANY_REQUESTS, json!({"problem": "upload-quota"})));
    assert_eq!(count(&portal, "SELECT count(*) FROM attachments").await, FILES_MAX as i64, "nothing more kept");

    // A disk under the floor takes no file; the request can still go without.
    let full = spawn_portal_with("[server]\nmin_free_disk_mb = 1000000000\n").await;
    let draft = start(&full, "pothole").await;
    let (status, answer) = upload(&full, &draft, &pdf()).await;
    assert_eq!((status, answer), (StatusCode::INSUFFICIENT_STORAGE, json!({"problem": "storage-full"})));
    assert_eq!(count(&full, "SELECT count(*) FROM attachments").await, 0);
    let stored = std::fs::read_dir(full.data_dir().join("files")).map_or(0, |folder| folder.count());
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_complaint_made_nearby_is_never_pointed_out() {
    let portal = spawn_portal().await;
    signed_in(&portal, "premier@example.ca").await;
    let noise = ("answers[source][0]", "music-party");
    let (draft, _) = filled_for(&portal, "noise", noise).await;
    assert_eq!(portal.call_api("requests/submit", &[("draft", &draft)]).await.0, StatusCode::OK);

    // The neighbour complained about, filing their own at the same address, learns nothing of it.
    let neighbour = portal.another_browser();
    signed_in(&neighbour, "voisine@example.ca").await;
    let (second, _) = filled_for(&neighbour, "noise", noise).await;
    let (_, view) = neighbour.call_api("requests/draft", &[("draft", &second), ("step", "review")]).await;
    assert_eq!(view["nearby"], Value::Null);
    let (status, _) = neighbour.call_api("requests/follow", &[("draft", &second)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nor can they follow it by asking");
    assert_eq!(count(&portal, "SELECT count(*) FROM request_followers").await, 0);
}
