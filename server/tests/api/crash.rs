//! The portal killed with SIGKILL in the middle of its work, as a power cut, the kernel's out-of-memory
//! killer or a careless operator would, then started again on the same data folder: every answer given
//! before the kill still holds, nothing is half-saved, and the browser's retry finishes what was cut.
//!
//! These run the server binary itself (a process of its own, so that it can be killed), configured by
//! `PORTAL_*` variables as an operator would.

use crate::helpers::{registered, Data, TestPortal, PASSWORD, PUBLIC_URL, SMS_TOKEN};
use crate::lifecycle::change;
use crate::release::Release;
use crate::requests::{count, filled, fixture, upload};
use reqwest::{header, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How many submissions (and then staff changes) are in flight when the portal is killed.
/// Fewer than a resident may start in a burst (`Action::StartDraft`).
const REQUESTS: usize = 18;

/// A portal running as its own process.
struct Process {
    portal: TestPortal,
    binary: Release,
    child: std::process::Child,
}

impl Process {
    async fn start() -> Process {
        let data = Data::new();
        let settings = [
            ("PORTAL_SERVER__DATABASE_URL", data.database_url()),
            ("PORTAL_SERVER__PUBLIC_URL", PUBLIC_URL.to_string()),
            ("PORTAL_SMS__PROVIDER", "outbox".to_string()),
            ("PORTAL_SMS__AUTH_TOKEN", SMS_TOKEN.to_string()),
        ];
        let binary = Release::new(data.path().to_path_buf(), &settings);
        let portal = TestPortal::new(binary.base.clone(), data);
        let child = binary.start();
        binary.up().await;
        Process { portal, binary, child }
    }

    /// SIGKILL (no shutdown, no flush), then the same binary on the same data and port.
    async fn kill_and_restart(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.child = self.binary.start();
        self.binary.up().await;
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Posts a form to a server function as the page does; `None` when the connection broke (the kill).
async fn try_call(portal: &TestPortal, path: &str, form: &[(&str, &str)]) -> Option<Value> {
    let response = portal
        .http()
        .post(format!("{}/api/{path}", portal.base))
        .header(header::ORIGIN, PUBLIC_URL)
        .header(header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .ok()?;
    let status = response.status();
    let answer = response.json().await.ok()?;
    assert_eq!(status, StatusCode::OK, "{answer}");
    Some(answer)
}

/// Runs `work` in `browser` for each of `items` at once, and kills the portal once a third have been
/// answered. Returns the answers given before the kill, by item.
async fn kill_midway<F, Fut>(
    process: &mut Process,
    browser: &TestPortal,
    items: &[String],
    work: F,
) -> Vec<Option<Value>>
where
    F: Fn(TestPortal, String) -> Fut,
    Fut: std::future::Future<Output = Option<Value>> + Send + 'static,
{
    let answered = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = items
        .iter()
        .map(|item| {
            let (call, answered) = (work(browser.clone(), item.clone()), answered.clone());
            tokio::spawn(async move {
                let answer = call.await;
                answered.fetch_add(usize::from(answer.is_some()), Ordering::SeqCst);
                answer
            })
        })
        .collect();
    let waited = std::time::Instant::now();
    while answered.load(Ordering::SeqCst) < items.len() / 3 {
        assert!(waited.elapsed() < Duration::from_secs(60), "the work was not answered: {tasks:?}");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    process.kill_and_restart().await;
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    let cut = answers.iter().filter(|answer| answer.is_none()).count();
    assert!(cut > 0 && cut < items.len(), "the kill came in the middle: {cut} of {} cut", items.len());
    answers
}

#[tokio::test]
async fn killed_during_submissions_and_staff_changes_nothing_answered_is_lost_or_doubled() {
    let mut process = Process::start().await;
    let resident = process.portal.clone();
    registered(&resident, "marie@example.ca").await;
    let (status, _) = resident.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    let mut drafts = Vec::new();
    for _ in 0..REQUESTS {
        drafts.push(filled(&resident).await.0);
    }

    // Submissions, each keyed by its draft: those answered before the kill keep their reference, the
    // others are sent again (as the page does when the network failed) and each gets exactly one.
    let before = kill_midway(&mut process, &resident, &drafts, |portal, draft| async move {
        try_call(&portal, "requests/submit", &[("draft", &draft)]).await
    })
    .await;
    let mut references = BTreeSet::new();
    for (draft, answered) in drafts.iter().zip(&before) {
        let page = try_call(&resident, "requests/submit", &[("draft", draft)]).await.expect("the portal is back");
        if let Some(answered) = answered {
            assert_eq!(&page, answered, "an answered submission keeps its reference");
        }
        references.insert(page.as_str().unwrap().trim_start_matches("/requests/").to_string());
    }
    let year = jiff::Zoned::now().year();
    let expected: BTreeSet<String> = (1..=REQUESTS).map(|n| format!("{year}-{n:06}")).collect();
    assert_eq!(references, expected, "one reference each, none skipped");
    assert_eq!(count(&resident, "SELECT count(*) FROM requests").await, REQUESTS as i64);
    assert_eq!(count(&resident, "SELECT count(*) FROM drafts").await, 0);

    // Staff changes, each a status, a public note and a notification written together, or none of them.
    let token = process.binary.create_account(&["create-staff", "--email", "agent@example.ca", "--name", "Agent"]);
    let agent = resident.another_browser();
    let (status, _) = agent.call("set_password", &[("token", &token), ("new_password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = agent.call("sign_in", &[("email", "agent@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    crate::helpers::enrol(&agent).await;
    let references: Vec<String> = references.into_iter().collect();
    let fields = [("status", "in_progress"), ("note", "Équipe en route"), ("visibility", "public")];
    let changed = kill_midway(&mut process, &agent, &references, |agent, reference| async move {
        let view = try_call(&agent, "staff/request", &[("reference", &reference)]).await?;
        let version = view["request"]["version"].to_string();
        let mut form = vec![("reference", reference.as_str()), ("version", version.as_str())];
        form.extend_from_slice(&fields);
        try_call(&agent, "staff/update", &form).await
    })
    .await;
    let half_saved = "SELECT count(*) FROM requests r WHERE (r.status = 'in_progress') <> EXISTS \
         (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'status' AND e.status = 'in_progress')";
    assert_eq!(count(&agent, half_saved).await, 0, "a status and its event are saved together");
    let unannounced = "SELECT count(*) FROM request_events e WHERE e.kind = 'status' \
         AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_id = e.id)";
    assert_eq!(count(&agent, unannounced).await, 0, "every change has its notification");
    for (reference, answered) in references.iter().zip(&changed) {
        let in_progress =
            format!("SELECT count(*) FROM requests WHERE reference = '{reference}' AND status = 'in_progress'");
        if answered.is_some() {
            assert_eq!(count(&agent, &in_progress).await, 1, "an answered change is kept");
        } else if count(&agent, &in_progress).await == 0 {
            let (status, answer) = change(&agent, reference, &fields).await;
            assert_eq!(status, StatusCode::OK, "{answer}");
        }
    }
    let events = "SELECT count(*) FROM request_events WHERE kind = 'status' AND status = 'in_progress'";
    assert_eq!(count(&agent, events).await, REQUESTS as i64, "one change each, none twice");

    // Each receipt and each update goes out once: the outbox names its files after the notification.
    let sent = "SELECT count(*) FROM notifications WHERE state = 'sent'";
    // What the killed worker had claimed goes once its claim lapses (`CLAIM_SECONDS`), when the kill
    // came mid-batch; otherwise at once.
    let wait = (app::notifications::CLAIM_SECONDS as u64 + 30) * 10;
    for _ in 0..wait {
        if count(&agent, sent).await == 2 * REQUESTS as i64 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&agent, sent).await, 2 * REQUESTS as i64);
    let folder = agent.data_dir().join("outbox/email");
    let mails: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("notification-"))
        .collect();
    assert_eq!(mails.len(), 2 * REQUESTS, "{mails:?}");
}

#[tokio::test]
async fn killed_during_an_upload_no_half_file_remains_and_the_upload_can_be_sent_again() {
    let mut process = Process::start().await;
    let visitor = process.portal.clone();
    let (draft, _) = filled(&visitor).await;
    let photo = fixture("phone-photo.jpg");
    let (status, kept) = upload(&visitor, &draft, &[("avant.jpg", photo.clone())]).await;
    assert_eq!(status, StatusCode::OK, "{kept}");
    let files = visitor.data_dir().join("files/files");
    let stored = || std::fs::read_dir(&files).unwrap().count();
    assert_eq!(stored(), 1);

    // What a crash between a file and its row leaves: a file nothing refers to. Once an hour old, the
    // sweep at start deletes it; a younger one may be an upload finishing, and stays until the next.
    let old = files.join("orphan-from-a-crash");
    std::fs::write(&old, b"left behind").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(two_hours_ago).unwrap();
    std::fs::write(files.join("upload-in-flight"), b"row coming").unwrap();
    // The daily sweep last ran when the portal started, a day ago as far as it knows.
    visitor.sql("UPDATE jobs SET started_at = started_at - 86400").await;

    // Half of a second photo is sent, then the portal dies.
    let mut socket = half_an_upload(&process.portal, &draft, &photo).await;
    process.kill_and_restart().await;
    let mut rest = Vec::new();
    let _ = tokio::io::AsyncReadExt::read_to_end(&mut socket, &mut rest).await;
    assert!(!String::from_utf8_lossy(&rest).starts_with("HTTP/1.1 200"), "no answer for a cut upload");

    for _ in 0..50 {
        if !old.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!old.exists(), "an old file without a row is swept at start");
    assert!(files.join("upload-in-flight").exists(), "a young one is left for the next sweep");
    assert_eq!(stored(), 2, "the photo kept, and nothing of the cut upload");
    assert_eq!(count(&visitor, "SELECT count(*) FROM attachments").await, 1);

    let (status, added) = upload(&visitor, &draft, &[("apres.jpg", photo)]).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    assert_eq!(count(&visitor, "SELECT count(*) FROM attachments").await, 2);
}

/// Opens a connection and sends an upload's headers and the first half of its body, then stops.
async fn half_an_upload(portal: &TestPortal, draft: &str, photo: &[u8]) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let boundary = "crash-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"apres.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(photo);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let host = portal.base.trim_start_matches("http://");
    let head = format!(
        "POST /requests/uploads/{draft} HTTP/1.1\r\nHost: {host}\r\nOrigin: {PUBLIC_URL}\r\nAccept: application/json\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut socket = tokio::net::TcpStream::connect(host).await.unwrap();
    socket.write_all(head.as_bytes()).await.unwrap();
    socket.write_all(&body[..body.len() / 2]).await.unwrap();
    socket.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    socket
}
