//! Live chat over HTTP: a resident and an agent talk through the real event streams; a dropped connection
//! resumes with nothing lost or repeated; the Chat button follows the hours and the desk; missed chats,
//! ratings and transcripts; every refusal (signed out, resident, another resident, another agent).

use crate::helpers::{outbox_mails, spawn_portal_with, TestPortal};
use crate::lifecycle::staff;
use crate::requests::{count, signed_in};
use reqwest::{header, StatusCode};
use serde_json::Value;
use std::time::Duration;

/// Chat open every day, all day, with no holidays: the tests do not depend on when they run.
pub const ALWAYS_OPEN: &str = "[city]\nchat_hours = \"mon-sun 00:00-24:00\"\nholidays = []\n";

/// A stream of server-sent events, read as a browser's `EventSource` does.
pub struct Events {
    response: reqwest::Response,
    buffer: String,
}

/// One event: its id (the last message it holds, if any), its name and its JSON.
#[derive(Debug)]
pub struct Event {
    pub id: Option<String>,
    pub data: Value,
}

impl Events {
    pub async fn open(portal: &TestPortal, path: &str, last_event_id: Option<&str>) -> Events {
        let mut request = portal.http().get(format!("{}{path}", portal.base));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/event-stream"));
        Events { response, buffer: String::new() }
    }

    /// The next event (keep-alive comments skipped), waiting at most `TIMEOUT`.
    pub async fn next(&mut self) -> Event {
        tokio::time::timeout(TIMEOUT, self.read()).await.expect("an event in time")
    }

    async fn read(&mut self) -> Event {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    block.lines().find_map(|line| line.strip_prefix(name).map(|v| v.trim_start().to_string()))
                };
                if let Some(data) = field("data:") {
                    return Event { id: field("id:"), data: serde_json::from_str(&data).unwrap() };
                }
                continue;
            }
            let chunk = self.response.chunk().await.unwrap().expect("the stream stays open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Events until one satisfies `until`; returns it.
    pub async fn until(&mut self, until: impl Fn(&Value) -> bool) -> Event {
        loop {
            let event = self.next().await;
            if until(&event.data) {
                return event;
            }
        }
    }
}

const TIMEOUT: Duration = Duration::from_secs(12);

fn bodies(update: &Value) -> Vec<String> {
    update["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap().to_string()).collect()
}

/// An agent signed in and available.
pub async fn available_agent(portal: &TestPortal, email: &str) -> TestPortal {
    let agent = staff(portal, email, "agent").await;
    let (status, answer) = agent.call_api("staff/chat/available", &[("available", "true")]).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    agent
}

/// A signed-out resident who started a chat with `first` as their first message.
pub async fn resident_chatting(portal: &TestPortal, first: &str) -> TestPortal {
    let resident = portal.another_browser();
    let form = [("name", "Marie Tremblay"), ("email", ""), ("message", first)];
    let (status, answer) = resident.call_api("chat/start", &form).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    resident
}

fn has_chat_button(html: &str) -> bool {
    html.contains("href=\"/chat\"")
}

#[tokio::test]
async fn a_resident_and_an_agent_chat_and_a_dropped_connection_loses_nothing() {
    let portal = spawn_portal_with(ALWAYS_OPEN).await;
    let (_, home) = portal.page("/", "fr").await;
    assert!(!has_chat_button(&home), "no agent: no Chat button");
    let agent = available_agent(&portal, "ana@grandsudbury.ca").await;
    let (_, home) = portal.page("/", "fr").await;
    assert!(has_chat_button(&home), "an agent with room: the button shows");

    let resident = resident_chatting(&portal, "Bonjour, ma poubelle n'a pas été ramassée.").await;
    let (status, chat) = resident.call_api("chat/current", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(chat["state"], "waiting");
    assert_eq!(chat["queue"]["position"], 1);
    assert_eq!(chat["queue"]["wait_minutes"], Value::Null, "no recent chats: the wait is not guessed");
    let mut resident_events = Events::open(&resident, "/chat/events", None).await;
    let first = resident_events.next().await;
    assert_eq!(bodies(&first.data), ["Bonjour, ma poubelle n'a pas été ramassée."]);

    let mut desk = Events::open(&agent, "/staff/chat/events", None).await;
    let waiting = desk.until(|d| !d["waiting"].as_array().unwrap().is_empty()).await;
    assert_eq!(waiting.data["waiting"][0]["lang"], "en");
    let (status, taken) = agent.call_api("staff/chat/take", &[]).await;
    assert_eq!(status, StatusCode::OK, "{taken}");
    let id = taken.as_i64().unwrap().to_string();
    let joined = resident_events.until(|u| u["state"] == "active").await;
    assert_eq!(bodies(&joined.data), ["joined"], "the agent joining, as an event in the reader's language");

    let (status, _) = agent.call_api("staff/chat/send", &[("conversation", &id), ("message", "Bonjour Marie!")]).await;
    assert_eq!(status, StatusCode::OK);
    let hello = resident_events.next().await;
    assert_eq!(bodies(&hello.data), ["Bonjour Marie!"]);
    assert_eq!(hello.data["messages"][0]["name"], "Agent", "residents see the agent's first name only");
    let (status, _) = resident.call_api("chat/send", &[("message", "Au 200, rue Brady.")]).await;
    assert_eq!(status, StatusCode::OK);
    let on_desk =
        desk.until(|d| d["messages"].as_array().unwrap().iter().any(|m| m[1]["body"] == "Au 200, rue Brady.")).await;
    assert_eq!(on_desk.data["chats"][0]["name"], "Marie Tremblay");

    // The resident's phone drops off; two messages arrive meanwhile; it comes back where it stopped.
    let last = hello.id.unwrap();
    drop(resident_events);
    for text in ["Je vérifie.", "C'est noté pour jeudi."] {
        let (status, _) = agent.call_api("staff/chat/send", &[("conversation", &id), ("message", text)]).await;
        assert_eq!(status, StatusCode::OK);
    }
    let mut resumed = Events::open(&resident, "/chat/events", Some(&last)).await;
    let caught_up = resumed.next().await;
    assert_eq!(bodies(&caught_up.data), ["Au 200, rue Brady.", "Je vérifie.", "C'est noté pour jeudi."]);
    let (status, _) = agent.call_api("staff/chat/send", &[("conversation", &id), ("message", "Autre chose?")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bodies(&resumed.next().await.data), ["Autre chose?"], "nothing repeated");

    let (status, _) = agent.call_api("staff/chat/close", &[("conversation", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    let closed = resumed.until(|u| u["state"] == "closed").await;
    assert_eq!(bodies(&closed.data), ["closed"]);
    let (status, error) = resident.call_api("chat/send", &[("message", "Encore là?")]).await;
    assert_eq!((status, error), (StatusCode::CONFLICT, Value::from("ChatEnded")));
    let (status, _) = resident.call_api("chat/rate", &[("rating", "5"), ("comment", "Rapide!")]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = resident.call_api("chat/rate", &[("rating", "1"), ("comment", "")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "asked once");
    assert_eq!(count(&portal, "SELECT COUNT(*) FROM chat_ratings WHERE rating = 5").await, 1);
    assert_eq!(
        count(&portal, "SELECT COUNT(*) FROM chat_messages").await,
        8,
        "nothing saved twice, nothing after the end"
    );
}

#[tokio::test]
async fn refusals_save_nothing() {
    let portal = spawn_portal_with(ALWAYS_OPEN).await;
    let agent = available_agent(&portal, "ana@grandsudbury.ca").await;
    let stranger = portal.another_browser();
    // Signed out, a resident: the agents' functions and stream are refused.
    let resident = portal.another_browser();
    signed_in(&resident, "marie@example.ca").await;
    for (who, status) in [(&stranger, StatusCode::UNAUTHORIZED), (&resident, StatusCode::FORBIDDEN)] {
        for (function, form) in [
            ("staff/chat/desk", vec![]),
            ("staff/chat/available", vec![("available", "true")]),
            ("staff/chat/take", vec![]),
            ("staff/chat/send", vec![("conversation", "1"), ("message", "x")]),
            ("staff/chat/transfer", vec![("conversation", "1")]),
            ("staff/chat/close", vec![("conversation", "1")]),
            ("staff/chat/missed", vec![]),
            ("staff/chat/followed-up", vec![("conversation", "1")]),
        ] {
            let (got, _) = who.call_api(function, &form).await;
            assert_eq!(got, status, "{function}");
        }
        assert_eq!(who.get("/staff/chat/events", "fr").await.status(), status);
    }
    // Bad input: every problem at once, in the user's language, and no conversation.
    let (status, error) = stranger
        .call_api("chat/start", &[("name", ""), ("email", "pas-une-adresse"), ("message", &"x".repeat(2001))])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let problems: Vec<_> = error["Invalid"].as_array().unwrap().iter().map(|p| p["problem"].clone()).collect();
    assert_eq!(problems, ["name-invalid", "email-invalid", "too-long"]);
    assert_eq!(count(&portal, "SELECT COUNT(*) FROM chat_conversations").await, 0);
    // Without a chat of its own, a browser reaches none.
    assert_eq!(stranger.call_api("chat/send", &[("message", "Allô")]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(stranger.get("/chat/events", "fr").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(stranger.call_api("chat/current", &[]).await.1, Value::Null);

    let marie = resident_chatting(&portal, "").await;
    let (status, error) = marie.call_api("chat/send", &[("message", "   ")]).await;
    assert_eq!((status, error["Invalid"][0]["problem"].clone()), (StatusCode::BAD_REQUEST, Value::from("required")));
    // Another resident's browser sees its own (none), never Marie's.
    assert_eq!(resident.call_api("chat/current", &[]).await.1, Value::Null);
    let (_, id) = agent.call_api("staff/chat/take", &[]).await;
    let id = id.as_i64().unwrap().to_string();
    // Another agent cannot write in, hand over or close Ana's chat.
    let other = available_agent(&portal, "luc@grandsudbury.ca").await;
    for (function, form) in [
        ("staff/chat/send", vec![("conversation", id.as_str()), ("message", "Bonjour")]),
        ("staff/chat/transfer", vec![("conversation", id.as_str())]),
        ("staff/chat/close", vec![("conversation", id.as_str())]),
    ] {
        assert_eq!(other.call_api(function, &form).await.0, StatusCode::NOT_FOUND, "{function}");
    }
    // Too fast: a burst of ten, then refused.
    let mut statuses = Vec::new();
    for n in 0..12 {
        statuses.push(marie.call_api("chat/send", &[("message", &format!("message {n}"))]).await.0);
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 2, "{statuses:?}");
    // Handed to a colleague, the chat is theirs and no longer Ana's.
    let luc: i64 = count(&portal, "SELECT id FROM accounts WHERE email = 'luc@grandsudbury.ca'").await;
    let form = [("conversation", id.as_str()), ("to", &luc.to_string()), ("note", "Question de collecte")];
    assert_eq!(agent.call_api("staff/chat/transfer", &form).await.0, StatusCode::OK);
    assert_eq!(agent.call_api("staff/chat/close", &[("conversation", &id)]).await.0, StatusCode::NOT_FOUND);
    let (_, desk) = other.call_api("staff/chat/desk", &[]).await;
    let notes: Vec<_> = desk[0]["messages"].as_array().unwrap().iter().filter(|m| m[1]["author"] == "note").collect();
    assert_eq!(notes.len(), 1, "the note travels with the chat");
    let (_, seen) = marie.call_api("chat/current", &[]).await;
    assert!(!bodies(&seen).iter().any(|b| b.contains("collecte")), "the resident never sees internal notes");
}

#[tokio::test]
async fn the_button_follows_hours_and_a_chat_nobody_takes_is_missed() {
    // Closed hours: even with an agent, no button, and starting is refused with the other channels.
    let closed = spawn_portal_with("[city]\nchat_hours = \"mon-fri 00:00-00:01\"\nholidays = []\n").await;
    available_agent(&closed, "ana@grandsudbury.ca").await;
    let (_, home) = closed.page("/", "en").await;
    assert!(!has_chat_button(&home));
    let (_, page) = closed.page("/chat", "fr").await;
    assert!(page.contains("Le clavardage n’est pas offert en ce moment") && page.contains("705-671-2489"), "{page}");
    let form = [("name", "Marie Tremblay"), ("email", ""), ("message", "Allô")];
    let (status, error) = closed.another_browser().call_api("chat/start", &form).await;
    assert_eq!((status, error), (StatusCode::CONFLICT, Value::from("ChatUnavailable")));

    // Open, but nobody takes the chat in time: it is missed, its message kept for 311.
    let portal = spawn_portal_with(&format!("{ALWAYS_OPEN}[chat]\nanswer_within_minutes = 1\n")).await;
    let agent = available_agent(&portal, "ana@grandsudbury.ca").await;
    let resident = resident_chatting(&portal, "Qui ramasse les branches?").await;
    portal.sql("UPDATE chat_conversations SET queued_at = queued_at - 61").await;
    let mut events = Events::open(&resident, "/chat/events", None).await;
    let missed = events.until(|u| u["state"] == "missed").await;
    assert!(bodies(&missed.data).contains(&"missed".to_string()));
    let (_, list) = agent.call_api("staff/chat/missed", &[]).await;
    assert_eq!(list[0]["messages"][0], "Qui ramasse les branches?");
    let id = list[0]["id"].to_string();
    assert_eq!(agent.call_api("staff/chat/followed-up", &[("conversation", &id)]).await.0, StatusCode::OK);
    assert_eq!(agent.call_api("staff/chat/missed", &[]).await.1, Value::Array(vec![]));

    // The agent's console closes: within a minute the button is gone.
    portal.sql("UPDATE chat_agents SET seen_at = seen_at - 120").await;
    for _ in 0..60 {
        if !has_chat_button(&portal.page("/", "fr").await.1) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the button stayed after the agent left");
}

#[tokio::test]
async fn a_signed_in_resident_keeps_the_transcript_and_gets_it_only_at_their_own_address() {
    let portal = spawn_portal_with(ALWAYS_OPEN).await;
    let agent = available_agent(&portal, "ana@grandsudbury.ca").await;
    let resident = portal.another_browser();
    signed_in(&resident, "marie@example.ca").await;
    // The address typed in the form is ignored when signed in: the account's is used.
    let form = [("name", ""), ("email", "someone-else@example.ca"), ("message", "Mon bac est brisé.")];
    assert_eq!(resident.call_api("chat/start", &form).await.0, StatusCode::OK);
    let (_, id) = agent.call_api("staff/chat/take", &[]).await;
    let id = id.as_i64().unwrap().to_string();
    let (_, desk) = agent.call_api("staff/chat/desk", &[]).await;
    assert_eq!(desk[0]["chats"][0]["email"], "marie@example.ca");
    let account = crate::requests::count(&portal, "SELECT id FROM accounts WHERE email = 'marie@example.ca'").await;
    assert_eq!(desk[0]["chats"][0]["account"], account, "signed in: the agent can file for the account");
    agent.call_api("staff/chat/send", &[("conversation", &id), ("message", "Un nouveau bac arrive.")]).await;
    agent.call_api("staff/chat/close", &[("conversation", &id)]).await;
    let (_, chat) = resident.call_api("chat/current", &[]).await;
    assert_eq!(chat["can_email"], true);
    let sent_before = outbox_mails(&resident, 1).await.len();
    assert_eq!(resident.call_api("chat/transcript", &[]).await.0, StatusCode::OK);
    let mails = outbox_mails(&resident, sent_before + 1).await;
    let mail = mails.last().unwrap();
    assert_eq!(mail.to, "marie@example.ca");
    assert!(mail.text.contains("Mon bac est brisé.") && mail.text.contains("Un nouveau bac arrive."), "{}", mail.text);
    let (_, mine) = resident.call_api("chat/mine", &[]).await;
    assert_eq!(mine[0]["state"], "closed");
    // Signed out, no transcript and no list.
    let stranger = portal.another_browser();
    assert_eq!(stranger.call_api("chat/transcript", &[]).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(stranger.call_api("chat/mine", &[]).await.0, StatusCode::UNAUTHORIZED);
}
