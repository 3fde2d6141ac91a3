//! A request's life over HTTP: who may see and do what (each refusal), every staff transition and its
//! checks, a stale form, the timeline each side sees, residents' updates, notifications (one per event,
//! none lost or repeated across restarts), the survey's rules and portal feedback.

use crate::helpers::{spawn_portal, ReadMail, Stoppable, TestPortal, PASSWORD};
use crate::requests::{count, filled, fixture, signed_in};
use reqwest::{header, multipart, StatusCode};
use serde_json::{json, Value};

/// A signed-in resident with a submitted request; returns its reference.
pub async fn resident_with_request(portal: &TestPortal, email: &str) -> String {
    signed_in(portal, email).await;
    let (draft, _) = filled(portal).await;
    let (status, path) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    path.as_str().unwrap().trim_start_matches("/requests/").to_string()
}

/// A staff member (`role`) signed in, in a browser of their own.
pub async fn staff(portal: &TestPortal, email: &str, role: &str) -> TestPortal {
    let browser = portal.another_browser();
    crate::helpers::registered(&browser, email).await;
    browser.sql(&format!("UPDATE accounts SET role = '{role}', name = 'Agent Lavoie' WHERE email = '{email}'")).await;
    let (status, _) = browser.call("sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    crate::helpers::enrol(&browser).await;
    browser
}

async fn staff_view(staff: &TestPortal, reference: &str) -> Value {
    let (status, view) = staff.call_api("staff/request", &[("reference", reference)]).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

/// Sends the staff form; `fields` adds to the reference and the version read just before.
pub async fn change(staff: &TestPortal, reference: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let version = staff_view(staff, reference).await["request"]["version"].to_string();
    change_at(staff, reference, &version, fields).await
}

async fn change_at(staff: &TestPortal, reference: &str, version: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut form = vec![("reference", reference), ("version", version)];
    form.extend_from_slice(fields);
    staff.call_api("staff/update", &form).await
}

fn problems(error: &Value) -> Vec<(String, String)> {
    error["Invalid"]
        .as_array()
        .unwrap_or_else(|| panic!("not a form error: {error}"))
        .iter()
        .map(|p| (p["field"].as_str().unwrap().to_string(), p["problem"].as_str().unwrap().to_string()))
        .collect()
}

fn problem(field: &str, problem: &str) -> Vec<(String, String)> {
    vec![(field.to_string(), problem.to_string())]
}

/// The timeline's events as (kind, note) pairs, the kind being the event's variant name.
fn timeline(view: &Value) -> Vec<(String, Option<String>)> {
    view["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            let kind = match &event["kind"] {
                Value::String(kind) => kind.clone(),
                Value::Object(map) => {
                    let (name, inner) = map.iter().next().unwrap();
                    match inner.get("status") {
                        Some(status) => format!("{name}:{}", status.as_str().unwrap()),
                        None => name.clone(),
                    }
                }
                other => panic!("{other}"),
            };
            (kind, event["note"].as_str().map(String::from))
        })
        .collect()
}

fn event(kind: &str, note: Option<&str>) -> (String, Option<String>) {
    (kind.to_string(), note.map(String::from))
}

/// The notification e-mails in the outbox (their files are named after their row).
fn notification_files(portal: &TestPortal) -> Vec<std::path::PathBuf> {
    let folder = portal.data_dir().join("outbox/email");
    let mut files: Vec<_> =
        std::fs::read_dir(folder).map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|f| f.file_name().unwrap().to_string_lossy().starts_with("notification-"));
    files.sort();
    files
}

async fn wait_for_notifications(portal: &TestPortal, count: usize) -> Vec<std::path::PathBuf> {
    for _ in 0..300 {
        let files = notification_files(portal);
        if files.len() >= count {
            return files;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("expected {count} notifications, found {}", notification_files(portal).len());
}

#[tokio::test]
async fn staff_screens_refuse_residents_and_requests_stay_private() {
    let portal = spawn_portal().await;
    let reference = resident_with_request(&portal, "marie@example.ca").await;
    let reference = reference.as_str();
    let stranger = portal.another_browser();
    let resident_b = portal.another_browser();
    signed_in(&resident_b, "paul@example.ca").await;

    let staff_calls: [(&str, Vec<(&str, &str)>); 4] = [
        ("staff/queue", vec![]),
        ("staff/request", vec![("reference", reference)]),
        ("staff/update", vec![("reference", reference), ("version", "1"), ("status", "under_review")]),
        ("staff/feedback", vec![]),
    ];
    for (path, form) in &staff_calls {
        assert_eq!(stranger.call_api(path, form).await.0, StatusCode::UNAUTHORIZED, "{path} signed out");
        let (status, error) = portal.call_api(path, form).await;
        assert_eq!((status, error), (StatusCode::FORBIDDEN, json!("Forbidden")), "{path} as a resident");
    }
    // The console's pages too, rendered on the server.
    let (status, html) = portal.page("/staff", "fr").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("réservée au personnel"));
    assert_eq!(count(&portal, "SELECT count(*) FROM request_events").await, 0, "nothing was changed");

    // Another resident learns nothing about the request: not its page, its survey, nor can they add to it.
    for (path, form) in [
        ("requests/page", vec![("reference", reference)]),
        ("survey/get", vec![("reference", reference)]),
        ("survey/save", vec![("reference", reference), ("ease", "5"), ("satisfaction", "5")]),
    ] {
        assert_eq!(resident_b.call_api(path, &form).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let update = multipart::Form::new().text("note", "Hello");
    let response = resident_b
        .http()
        .post(format!("{}/requests/{reference}/updates", resident_b.base))
        .header(header::ORIGIN, crate::helpers::PUBLIC_URL)
        .multipart(update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;
    assert_eq!(agent.call_api("staff/queue", &[]).await.0, StatusCode::OK);
    assert_eq!(agent.page("/staff", "fr").await.0, StatusCode::OK);
}

#[tokio::test]
async fn staff_move_a_request_along_and_each_side_sees_its_timeline() {
    let portal = spawn_portal().await;
    let reference = resident_with_request(&portal, "marie@example.ca").await;
    let reference = reference.as_str();
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;

    // Triage: an internal note and a team; nobody is told.
    let (status, answer) = change(
        &agent,
        reference,
        &[("status", "under_review"), ("team", "roads"), ("note", "Vérifier le secteur"), ("visibility", "internal")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // Work starts, with a note for the resident: one notification.
    let (status, _) = change(
        &agent,
        reference,
        &[("status", "in_progress"), ("note", "Équipe sur place demain"), ("visibility", "public")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // The receipt was the first notification; this change is the second.
    let notifications = wait_for_notifications(&portal, 2).await;
    let mail = ReadMail::parse(&std::fs::read(&notifications[1]).unwrap());
    assert!(mail.subject.contains(reference), "{}", mail.subject);
    assert!(mail.text.contains("En cours") && mail.text.contains("Équipe sur place demain"), "{}", mail.text);
    assert!(mail.text.contains(&format!("/requests/{reference}")));

    // The resident sees the status changes and the public note, not the internal note nor the team.
    let (status, page) = portal.call_api("requests/page", &[("reference", reference)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        timeline(&page["request"]),
        [
            event("Created", None),
            event("Status:under_review", None),
            event("Status:in_progress", Some("Équipe sur place demain")),
        ]
    );
    assert!(!page.to_string().contains("Agent Lavoie") && !page.to_string().contains("Vérifier"));
    assert!(page["request"]["expected_on"].is_string(), "the service level gives a date: {page}");
    // Staff see everything, with who did it: the audit log.
    let view = staff_view(&agent, reference).await;
    assert_eq!(
        timeline(&view["request"]),
        [
            event("Created", None),
            event("Status:under_review", Some("Vérifier le secteur")),
            event("Assigned", None),
            event("Status:in_progress", Some("Équipe sur place demain")),
        ]
    );
    assert_eq!(view["request"]["events"][1]["actor"], json!({ "Staff": { "name": "Agent Lavoie" } }));
    assert_eq!(view["team"], json!("roads"));

    // Bad input: each is refused with its reason, and nothing is written.
    let events = count(&portal, "SELECT count(*) FROM request_events").await;
    let long = "x".repeat(2001);
    for (fields, expected) in [
        (vec![("status", "received")], problem("status", "transition-not-allowed")),
        (vec![("status", "closed")], problem("reason", "required")),
        (
            vec![("status", "closed"), ("reason", "duplicate"), ("duplicate_of", "2026-999999")],
            problem("duplicate_of", "reference-unknown"),
        ),
        (
            vec![("status", "closed"), ("reason", "duplicate"), ("duplicate_of", reference)],
            problem("duplicate_of", "reference-unknown"),
        ),
        (vec![("status", "finished")], problem("status", "choice-invalid")),
        (vec![("team", "mars")], problem("team", "choice-invalid")),
        (vec![("note", long.as_str())], problem("note", "too-long")),
        (vec![], problem("status", "nothing-changed")),
    ] {
        let (status, error) = change(&agent, reference, &fields).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{fields:?}");
        assert_eq!(problems(&error), expected, "{fields:?}");
    }
    // A form read before another agent's change: refused, nothing overwritten.
    let version = staff_view(&agent, reference).await["request"]["version"].to_string();
    let supervisor = staff(&portal, "chef@grandsudbury.ca", "supervisor").await;
    assert_eq!(change(&supervisor, reference, &[("status", "scheduled")]).await.0, StatusCode::OK);
    let (status, error) = change_at(&agent, reference, &version, &[("status", "completed")]).await;
    assert_eq!((status, error), (StatusCode::CONFLICT, json!("Conflict")));
    assert_eq!(count(&portal, "SELECT count(*) FROM request_events").await, events + 1);
    assert_eq!(staff_view(&agent, reference).await["request"]["status"], json!("scheduled"));

    // Completed: the resident is told; a completed request cannot be closed, only reopened.
    assert_eq!(change(&agent, reference, &[("status", "completed")]).await.0, StatusCode::OK);
    let notifications = wait_for_notifications(&portal, 3).await;
    let completed = ReadMail::parse(&std::fs::read(&notifications[2]).unwrap());
    assert!(completed.text.contains("Terminée"), "{}", completed.text);
    let (status, error) = change(&agent, reference, &[("status", "closed"), ("reason", "cancelled")]).await;
    assert_eq!((status, problems(&error)), (StatusCode::BAD_REQUEST, problem("status", "transition-not-allowed")));
    let told = "SELECT count(*) FROM notifications WHERE event_id IS NOT NULL";
    assert_eq!(count(&portal, told).await, 2, "one per event that tells the resident");
    assert_eq!(count(&portal, "SELECT count(*) FROM notifications WHERE event_id IS NULL").await, 1, "the receipt");

    // A cancelled request cannot be completed.
    let second = resident_with_request(&portal, "luc@example.ca").await;
    assert_eq!(change(&agent, &second, &[("status", "closed"), ("reason", "cancelled")]).await.0, StatusCode::OK);
    let (status, error) = change(&agent, &second, &[("status", "completed")]).await;
    assert_eq!((status, problems(&error)), (StatusCode::BAD_REQUEST, problem("status", "transition-not-allowed")));
    // The audit log cannot be rewritten, even by someone with the database.
    let pool = portal.database().await;
    assert!(sqlx::query("UPDATE request_events SET note = 'x'").execute(&pool).await.is_err());
    assert!(sqlx::query("DELETE FROM request_events").execute(&pool).await.is_err());
}

#[tokio::test]
async fn the_queue_filters_and_searches() {
    let portal = spawn_portal().await;
    let first = resident_with_request(&portal, "marie@example.ca").await;
    let second = resident_with_request(&portal.another_browser(), "luc@example.ca").await;
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;
    assert_eq!(change(&agent, &second, &[("status", "in_progress")]).await.0, StatusCode::OK);
    portal.sql(&format!("UPDATE requests SET due_on = '2020-01-02' WHERE reference = '{first}'")).await;

    let queue = |filter: Vec<(&'static str, String)>| {
        let agent = agent.clone();
        async move {
            let form: Vec<(String, String)> = filter.into_iter().map(|(k, v)| (format!("filter[{k}]"), v)).collect();
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let (status, page) = agent.call_api("staff/queue", &form).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            page["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["reference"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(queue(vec![]).await, [first.as_str(), second.as_str()], "open requests, oldest first");
    assert_eq!(queue(vec![("status", "in_progress".into())]).await, [second.as_str()]);
    assert_eq!(queue(vec![("overdue", "true".into())]).await, [first.as_str()]);
    assert_eq!(queue(vec![("q", second.clone())]).await, [second.as_str()]);
    assert_eq!(queue(vec![("q", "brady".into())]).await.len(), 2, "by address");
    assert_eq!(queue(vec![("q", "Tremblay".into())]).await.len(), 2, "by the resident's name");
    assert_eq!(queue(vec![("q", "100%_".into())]).await.len(), 0, "LIKE's wildcards are plain text");
    assert_eq!(queue(vec![("service", "pothole".into())]).await.len(), 2);
    assert_eq!(queue(vec![("service", "graffiti".into())]).await.len(), 0);
    assert_eq!(queue(vec![("category", "roads".into())]).await.len(), 2);
    assert_eq!(queue(vec![("age", "30".into())]).await.len(), 0);
    // The page works without JavaScript: a GET form with the filters in the address.
    let (status, html) = agent.page(&format!("/staff?q={second}"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&second) && !html.contains(&format!(">{first}<")));
}

async fn post_update(portal: &TestPortal, reference: &str, note: &str, files: &[(&str, Vec<u8>)]) -> reqwest::Response {
    let mut form = multipart::Form::new().text("note", note.to_string());
    for (name, bytes) in files {
        form = form.part("file", multipart::Part::bytes(bytes.clone()).file_name(name.to_string()));
    }
    portal
        .http()
        .post(format!("{}/requests/{reference}/updates", portal.base))
        .header(header::ORIGIN, crate::helpers::PUBLIC_URL)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn residents_add_information_that_staff_see_in_their_queue() {
    let portal = spawn_portal().await;
    let reference = resident_with_request(&portal, "marie@example.ca").await;
    let reference = reference.as_str();
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;

    let read_before_the_update = staff_view(&agent, reference).await["request"]["version"].to_string();
    let response =
        post_update(&portal, reference, "Le trou s'agrandit", &[("trou.jpg", fixture("phone-photo.jpg"))]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], format!("/requests/{reference}?updated=1#timeline"));
    let (_, page) = portal.call_api("requests/page", &[("reference", reference)]).await;
    let update = &page["request"]["events"][1];
    assert_eq!((update["kind"].as_str(), update["note"].as_str()), (Some("Update"), Some("Le trou s'agrandit")));
    let photo = update["files"][0]["id"].as_str().unwrap().to_string();
    // Staff see it flagged in the queue, and the photo.
    let (_, queue) = agent.call_api("staff/queue", &[("filter[attention]", "true")]).await;
    assert_eq!(queue["rows"][0]["reference"], json!(reference));
    assert_eq!(queue["rows"][0]["attention"], json!("update"));
    assert_eq!(agent.get(&format!("/requests/files/{photo}"), "fr").await.status(), StatusCode::OK);
    // An agent who had the request open before the update is told to look again.
    let (status, _) = change_at(&agent, reference, &read_before_the_update, &[("status", "completed")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Someone following the request sees its progress, not what its author wrote or sent.
    let follower = portal.another_browser();
    signed_in(&follower, "voisin@example.ca").await;
    portal.sql("INSERT INTO request_followers (request_id, account_id, created_at) SELECT 1, id, 0 FROM accounts WHERE email = 'voisin@example.ca'").await;
    let (status, seen) = follower.call_api("requests/page", &[("reference", reference)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!seen.to_string().contains("agrandit") && !seen.to_string().contains(&photo), "{seen}");
    // Acting on the request clears the flag.
    assert_eq!(change(&agent, reference, &[("status", "under_review")]).await.0, StatusCode::OK);
    let (_, queue) = agent.call_api("staff/queue", &[("filter[attention]", "true")]).await;
    assert_eq!(queue["total"], json!(0));

    // Refusals: an empty update, a fourth file, a wrong file type, an update to a finished request.
    let refused = |response: reqwest::Response| {
        response.headers()[header::LOCATION].to_str().unwrap().split("problem=").nth(1).unwrap_or("").to_string()
    };
    assert_eq!(refused(post_update(&portal, reference, "  ", &[]).await), "required#update");
    let four: Vec<(&str, Vec<u8>)> = (0..4).map(|_| ("p.png", fixture("screenshot.png"))).collect();
    assert_eq!(refused(post_update(&portal, reference, "", &four).await), "too-many-files#update");
    assert_eq!(
        refused(post_update(&portal, reference, "", &[("x.jpg", b"MZ\x90\x00".to_vec())]).await),
        "file-type#update"
    );
    assert_eq!(count(&portal, "SELECT count(*) FROM attachments").await, 1, "only the first update's photo");
    assert_eq!(change(&agent, reference, &[("status", "closed"), ("reason", "no_action")]).await.0, StatusCode::OK);
    assert_eq!(refused(post_update(&portal, reference, "Encore", &[]).await), "request-not-open#update");
    assert_eq!(count(&portal, "SELECT count(*) FROM request_events WHERE kind = 'update'").await, 1);
    let export: Value = portal.get("/account/export", "fr").await.json().await.unwrap();
    let update = &export["requests"][0]["updates"][0];
    assert_eq!((&update["note"], &update["files"]), (&json!("Le trou s'agrandit"), &json!(["trou.jpg"])));
}

#[tokio::test]
async fn the_survey_is_answered_once_changed_for_two_weeks_and_reopens_an_unresolved_request() {
    let portal = spawn_portal().await;
    let reference = resident_with_request(&portal, "marie@example.ca").await;
    let reference = reference.as_str();
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;
    let survey = |fields: Vec<(&'static str, &'static str)>| {
        let portal = portal.clone();
        let reference = reference.to_string();
        async move {
            let mut form = vec![("reference", reference.as_str())];
            form.extend(fields);
            portal.call_api("survey/save", &form).await
        }
    };

    // Offered from the start: no "resolved?" question yet.
    let (_, view) = portal.call_api("survey/get", &[("reference", reference)]).await;
    assert_eq!((view["ask_resolved"].as_bool(), view["answer"].is_null()), (Some(false), true));
    assert_eq!(
        survey(vec![("ease", "4"), ("satisfaction", "5"), ("comment", "Simple")]).await,
        (StatusCode::OK, json!(false))
    );
    let (status, error) = survey(vec![("ease", "9"), ("satisfaction", "")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        problems(&error),
        [problem("ease", "rating-invalid"), problem("satisfaction", "rating-invalid")].concat()
    );
    // A second answer changes the first: still one per request.
    assert_eq!(survey(vec![("ease", "5"), ("satisfaction", "5")]).await.0, StatusCode::OK);
    assert_eq!(count(&portal, "SELECT count(*) FROM surveys").await, 1);
    // After 14 days the answer is kept as it is.
    portal.sql("UPDATE surveys SET created_at = created_at - 15 * 86400").await;
    let (status, error) = survey(vec![("ease", "1"), ("satisfaction", "1")]).await;
    assert_eq!((status, problems(&error)), (StatusCode::BAD_REQUEST, problem("ease", "survey-closed")));
    assert_eq!(count(&portal, "SELECT ease FROM surveys").await, 5);

    // Completed (late): "Was it resolved?" is asked, and can be answered for 14 days from the completion
    // however early the rest was; "no" reopens the request for staff, with the comment and a new date.
    portal.sql("UPDATE requests SET due_on = '2020-01-02'").await;
    assert_eq!(change(&agent, reference, &[("status", "completed")]).await.0, StatusCode::OK);
    let (_, view) = portal.call_api("survey/get", &[("reference", reference)]).await;
    assert_eq!((&view["ask_resolved"], &view["editable"]), (&json!(true), &json!(true)));
    let (status, error) = survey(vec![("ease", "5"), ("satisfaction", "2")]).await;
    assert_eq!((status, problems(&error)), (StatusCode::BAD_REQUEST, problem("resolved", "choice-invalid")));
    let answer = vec![("ease", "5"), ("satisfaction", "2"), ("resolved", "no"), ("comment", "Le trou est revenu")];
    assert_eq!(survey(answer).await, (StatusCode::OK, json!(true)));
    let view = staff_view(&agent, reference).await;
    assert_eq!((&view["request"]["status"], &view["attention"]), (&json!("under_review"), &json!("reopened")));
    assert_eq!(timeline(&view["request"]).last().unwrap(), &event("Reopened", Some("Le trou est revenu")));
    assert_eq!(view["request"]["overdue"], json!(false), "reopened with a new expected date");
    // The answer is part of the resident's data download.
    let export: Value = portal.get("/account/export", "fr").await.json().await.unwrap();
    assert_eq!(export["requests"][0]["survey"]["comment"], json!("Le trou est revenu"));
}

#[tokio::test]
async fn a_receipt_waits_for_the_mail_server_and_is_sent_once() {
    // The resident fills in a request while mail works (the welcome e-mail), then submits while it is down.
    let first = Stoppable::start("").await;
    let portal = first.portal.clone();
    signed_in(&portal, "marie@example.ca").await;
    let (draft, _) = filled(&portal).await;
    first.stop().await;
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let down = Stoppable::on(&portal, &format!("[mail]\nsmtp_url = \"smtp://127.0.0.1:{closed_port}\"\n")).await;
    let (status, path) = down.portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "the request is saved whatever the mail server does");
    let reference = path.as_str().unwrap().trim_start_matches("/requests/").to_string();
    let tried = "SELECT count(*) FROM notifications WHERE event_id IS NULL AND state = 'pending' AND attempts >= 1";
    for _ in 0..100 {
        if count(&portal, tried).await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(count(&portal, tried).await, 1, "the receipt was tried, and kept");
    down.stop().await;
    assert!(notification_files(&portal).is_empty());

    // Back with a working mail path (a restart): sent once, and not again at the next restart.
    let up = Stoppable::on(&portal, "").await;
    let files = wait_for_notifications(&portal, 1).await;
    up.stop().await;
    let again = Stoppable::on(&portal, "").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(notification_files(&portal), files);
    again.stop().await;
    assert_eq!(count(&portal, "SELECT count(*) FROM notifications WHERE state = 'sent'").await, 1);
    let receipt = ReadMail::parse(&std::fs::read(&files[0]).unwrap());
    assert_eq!(receipt.to, "marie@example.ca");
    assert!(receipt.subject.contains(&reference), "{}", receipt.subject);
    assert!(receipt.text.contains(&format!("/requests/{reference}/survey")), "the survey: {}", receipt.text);
}

#[tokio::test]
async fn notifications_are_neither_lost_nor_repeated_across_restarts() {
    // Every portal of this test is stopped before the next starts: one worker at a time, as in production.
    let first = Stoppable::start("").await;
    let portal = first.portal.clone();
    let reference = resident_with_request(&portal, "marie@example.ca").await;
    let reference = reference.as_str();
    let follower = portal.another_browser();
    signed_in(&follower, "voisin@example.ca").await;
    portal.sql("INSERT INTO request_followers (request_id, account_id, created_at) SELECT 1, id, 0 FROM accounts WHERE email = 'voisin@example.ca'").await;
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;
    // The receipt went out at once.
    let receipt = wait_for_notifications(&portal, 1).await;
    first.stop().await;

    // The mail server is down: the notifications wait in the outbox table.
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let down = Stoppable::on(&agent, &format!("[mail]\nsmtp_url = \"smtp://127.0.0.1:{closed_port}\"\n")).await;
    let (status, _) =
        change(&down.portal, reference, &[("status", "in_progress"), ("note", "Demain"), ("visibility", "public")])
            .await;
    assert_eq!(status, StatusCode::OK);
    let tried = "SELECT count(*) FROM notifications WHERE state = 'pending' AND attempts >= 1";
    for _ in 0..100 {
        if count(&portal, tried).await == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(count(&portal, tried).await, 2, "one per person (author and follower), tried and kept");
    down.stop().await;
    assert_eq!(notification_files(&portal), receipt);

    // Back with a working mail path: each is sent, once.
    let up = Stoppable::on(&agent, "").await;
    let files = wait_for_notifications(&portal, 3).await;
    assert_eq!(count(&portal, "SELECT count(*) FROM notifications WHERE state = 'sent'").await, 3);
    up.stop().await;
    // Restarted again, nothing is sent twice.
    let again = Stoppable::on(&agent, "").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(notification_files(&portal), files);
    let attempts = "SELECT CAST(sum(attempts) AS BIGINT) FROM notifications WHERE event_id IS NOT NULL";
    assert_eq!(count(&portal, attempts).await, 4, "one failure and one success each");
    again.stop().await;
    let files: Vec<_> = files.into_iter().filter(|file| !receipt.contains(file)).collect();
    let to: Vec<String> = files.iter().map(|f| ReadMail::parse(&std::fs::read(f).unwrap()).to).collect();
    assert_eq!(to.len(), 2);
    assert!(to.contains(&"marie@example.ca".to_string()) && to.contains(&"voisin@example.ca".to_string()));
}

#[tokio::test]
async fn anyone_can_send_portal_feedback_and_staff_read_it() {
    let portal = spawn_portal().await;
    let visitor = portal.another_browser();
    let (status, error) = visitor.call_api("feedback/send", &[("easy", "maybe"), ("improve", "")]).await;
    assert_eq!((status, problems(&error)), (StatusCode::BAD_REQUEST, problem("easy", "choice-invalid")));
    let form = [("easy", "partly"), ("improve", "Le plan des adresses pourrait être plus grand")];
    assert_eq!(visitor.call_api("feedback/send", &form).await.0, StatusCode::OK);

    assert_eq!(visitor.call_api("staff/feedback", &[]).await.0, StatusCode::UNAUTHORIZED);
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;
    let (status, rows) = agent.call_api("staff/feedback", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rows[0]["easy"], json!("partly"));
    assert_eq!(rows[0]["signed_in"], json!(false));
    assert!(rows[0]["improve"].as_str().unwrap().contains("plan des adresses"));
}

#[tokio::test]
async fn a_barrier_reported_from_the_accessibility_statement_reaches_staff_flagged() {
    let portal = spawn_portal().await;
    let (status, html) = portal.page("/accessibility", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("WCAG) 2.0, niveau AA") && html.contains("705\u{a0}671-2489"), "{html}");
    let (_, home) = portal.page("/", "en").await;
    assert!(home.contains("href=\"/accessibility\">Accessibility</a>"), "linked from every footer");

    // Nothing said, or a contact too long: refused, nothing kept.
    let (status, error) = portal.call_api("feedback/barrier", &[("barrier", "  "), ("contact", "")]).await;
    assert_eq!((status, problems(&error)), (StatusCode::BAD_REQUEST, problem("barrier", "required")));
    let long = "x".repeat(201);
    let (status, error) = portal.call_api("feedback/barrier", &[("barrier", "Le bouton"), ("contact", &long)]).await;
    assert_eq!((status, problems(&error)), (StatusCode::BAD_REQUEST, problem("contact", "too-long")));
    assert_eq!(crate::requests::count(&portal, "SELECT count(*) FROM portal_feedback").await, 0);
    let forged = portal
        .http()
        .post(format!("{}/api/feedback/barrier", portal.base))
        .header(header::ORIGIN, "https://elsewhere.example")
        .form(&[("barrier", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    let form = [("barrier", "Le lecteur d'écran ne lit pas la carte."), ("contact", "705-555-0123")];
    assert_eq!(portal.call_api("feedback/barrier", &form).await.0, StatusCode::OK);
    let resident = portal.another_browser();
    crate::requests::signed_in(&resident, "marie@example.ca").await;
    assert_eq!(resident.call_api("staff/feedback", &[]).await.0, StatusCode::FORBIDDEN, "residents read none");
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;
    let (_, rows) = agent.call_api("staff/feedback", &[]).await;
    assert_eq!((rows[0]["barrier"].clone(), rows[0]["easy"].clone()), (json!("705-555-0123"), Value::Null));
    let (_, html) = agent.page("/staff/feedback", "en").await;
    assert!(html.contains("Accessibility barrier") && html.contains("705-555-0123"), "{html}");
}

#[tokio::test]
async fn without_javascript_a_refused_staff_form_comes_back_to_its_page_with_the_problem() {
    let portal = spawn_portal().await;
    let reference = resident_with_request(&portal, "marie@example.ca").await;
    let agent = staff(&portal, "agent@grandsudbury.ca", "agent").await;
    let page = format!("{}/staff/requests/{reference}", agent.base);
    let post = |form: Vec<(&'static str, String)>| {
        let (agent, page) = (agent.clone(), page.clone());
        async move {
            agent
                .http()
                .post(format!("{}/api/staff/update", agent.base))
                .header(header::ORIGIN, crate::helpers::PUBLIC_URL)
                .header(header::REFERER, &page)
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    let refused =
        post(vec![("reference", reference.clone()), ("version", "1".into()), ("status", "closed".into())]).await;
    assert!(refused.status().is_redirection(), "{}", refused.status());
    let location = refused.headers()[header::LOCATION].to_str().unwrap().to_string();
    assert!(location.starts_with(&page) && location.contains("__err="), "{location}");
    let (status, html) = agent.page(location.trim_start_matches(&agent.base), "fr").await;
    assert_eq!(status, StatusCode::OK);
    let summary = html.split("error-summary").nth(1).unwrap_or_default();
    assert!(summary.contains("Raison de la fermeture"), "the problem is on the page: {summary:.400}");

    let saved =
        post(vec![("reference", reference.clone()), ("version", "1".into()), ("status", "under_review".into())]).await;
    assert!(saved.status().is_redirection());
    assert_eq!(saved.headers()[header::LOCATION], format!("/staff/requests/{reference}"));
    assert_eq!(staff_view(&agent, &reference).await["request"]["status"], json!("under_review"));
}
