//! Two portal processes on one PostgreSQL database, as a city runs them behind a load balancer (issue
//! 18): a session made on one holds on the other; submissions on both at once get unique references with
//! no gap; each receipt goes out once with both notification workers running; sign-in attempts on both
//! count against one limit; a chat message sent through one reaches a browser connected to the other.
//! It runs on the tests' PostgreSQL server in both runs of the suite (`PORTAIL311_TEST_POSTGRES`).

use crate::chat::{available_agent, Events};
use crate::helpers::{written_files, Data, TestPortal, PUBLIC_URL, SMS_TOKEN};
use crate::release::Release;
use crate::requests::{count, filled, signed_in};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use std::time::Duration;

/// How many submissions go in at once, half through each instance.
const SUBMISSIONS: usize = 12;

struct Instance {
    binary: Release,
    child: std::process::Child,
}

impl Instance {
    async fn start(data: &std::path::Path, database_url: &str) -> Instance {
        let settings = [
            ("PORTAL_SERVER__DATABASE_URL", database_url.to_string()),
            ("PORTAL_SERVER__PUBLIC_URL", PUBLIC_URL.to_string()),
            ("PORTAL_SMS__PROVIDER", "outbox".to_string()),
            ("PORTAL_SMS__AUTH_TOKEN", SMS_TOKEN.to_string()),
            ("PORTAL_CITY__CHAT_HOURS", "mon-sun 00:00-24:00".to_string()),
            ("PORTAL_CITY__HOLIDAYS", "[]".to_string()),
        ];
        let binary = Release::new(data.to_path_buf(), &settings);
        let child = binary.start();
        binary.up().await;
        Instance { binary, child }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn two_instances_on_one_database_act_as_one_portal() {
    let Some(data) = Data::postgres() else {
        eprintln!("two_instances…: skipped, PORTAIL311_TEST_POSTGRES names no PostgreSQL server");
        return;
    };
    let other = tempfile::tempdir().unwrap();
    let url = data.database_url();
    let first = Instance::start(data.path(), &url).await;
    let second = Instance::start(other.path(), &url).await;
    let one = TestPortal::new(first.binary.base.clone(), data);
    let two = one.at(&second.binary.base);

    // A session made on one instance is valid on the other.
    signed_in(&one, "marie@example.ca").await;
    assert_eq!(two.call("get_profile", &[]).await.0, StatusCode::OK);

    // Submissions on both at once: unique references, none skipped.
    let mut drafts = Vec::new();
    for n in 0..SUBMISSIONS {
        let portal = if n % 2 == 0 { &one } else { &two };
        drafts.push((portal, filled(portal).await.0));
    }
    let submissions = drafts
        .iter()
        .map(|(portal, draft)| async move { portal.call_api("requests/submit", &[("draft", draft.as_str())]).await });
    let mut references = BTreeSet::new();
    for (status, path) in futures::future::join_all(submissions).await {
        assert_eq!(status, StatusCode::OK, "{path}");
        references.insert(path.as_str().unwrap().rsplit('-').next().unwrap().to_string());
    }
    let expected: BTreeSet<String> = (1..=SUBMISSIONS).map(|n| format!("{n:06}")).collect();
    assert_eq!(references, expected);

    // Each receipt goes out once, by whichever worker claimed it.
    let outboxes = [one.data_dir().join("outbox/email"), other.path().join("outbox/email")];
    let receipts = || {
        outboxes
            .iter()
            .flat_map(|folder| written_files(folder))
            .filter_map(|file| file.file_name()?.to_str().map(str::to_string))
            .filter(|name| name.starts_with("notification-"))
            .collect::<Vec<_>>()
    };
    for _ in 0..300 {
        if receipts().len() >= SUBMISSIONS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sent = receipts();
    assert_eq!(sent.len(), SUBMISSIONS, "{sent:?}");
    assert_eq!(sent.iter().collect::<BTreeSet<_>>().len(), SUBMISSIONS, "no receipt twice");
    let pending = "SELECT count(*) FROM notifications WHERE state <> 'sent'";
    assert_eq!(count(&one, pending).await, 0);

    // Wrong passwords on both instances count against one limit: five attempts (the sign-in above and
    // four guesses, two on each), then a wait.
    let guesser = one.another_browser();
    for n in 0..4 {
        let portal = if n % 2 == 0 { guesser.clone() } else { guesser.at(&second.binary.base) };
        let (status, _) = portal.call("sign_in", &[("email", "marie@example.ca"), ("password", "pas le bon")]).await;
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "attempt {n}");
    }
    let (status, error) =
        guesser.at(&second.binary.base).call("sign_in", &[("email", "marie@example.ca"), ("password", "x")]).await;
    assert_eq!((status, error["TooManyAttempts"].is_object()), (StatusCode::TOO_MANY_REQUESTS, true), "{error}");

    // An agent on one instance, a resident on the other: the message crosses.
    let agent = available_agent(&one, "ana@grandsudbury.ca").await;
    let visitor = one.another_browser().at(&second.binary.base);
    // The other instance learns of the agent from the database (a signal, or its next look).
    let mut resident = None;
    for _ in 0..50 {
        let form = [("name", "Marie Tremblay"), ("email", ""), ("message", "Bonjour")];
        if visitor.call_api("chat/start", &form).await.0 == StatusCode::OK {
            resident = Some(visitor.clone());
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let resident = resident.unwrap_or_else(|| panic!("the second instance never saw the agent"));
    let mut stream = Events::open(&resident, "/chat/events", None).await;
    stream.until(|update| update["state"] == "waiting").await;
    let (status, taken) = agent.call_api("staff/chat/take", &[]).await;
    assert_eq!(status, StatusCode::OK, "{taken}");
    let id = taken.as_i64().unwrap().to_string();
    stream.until(|update| update["state"] == "active").await;
    let message = [("conversation", id.as_str()), ("message", "Bonjour Marie, ici Ana.")];
    assert_eq!(agent.call_api("staff/chat/send", &message).await.0, StatusCode::OK);
    let hello = stream
        .until(|update| {
            update["messages"].as_array().is_some_and(|m| m.iter().any(|m| m["body"] == "Bonjour Marie, ici Ana."))
        })
        .await;
    assert!(hello.id.is_some());
}
