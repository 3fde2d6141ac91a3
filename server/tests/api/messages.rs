//! E-mail over a real SMTP conversation, text messages through the outbox and a Twilio-compatible HTTP
//! provider, the inbound SMS webhook and its signature, and the create-admin command.

use crate::helpers::{
    outbox_mails, spawn_portal, spawn_portal_with, wait_for_files, ReadMail, TestPortal, PUBLIC_URL, SMS_TOKEN,
};
use app::accounts::model::Role;
use axum::{extract::State, http::HeaderMap, routing::post, Form, Router};
use reqwest::StatusCode;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

const PASSWORD: &str = "lampadaire vert du lac Ramsey";

/// What a loopback SMTP server received: one raw message per DATA.
#[derive(Clone, Default)]
struct Inbox {
    current: Vec<u8>,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl mailin_embedded::Handler for Inbox {
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        self.received.lock().unwrap().push(std::mem::take(&mut self.current));
        mailin_embedded::response::OK
    }
}

/// Starts an SMTP server on a free loopback port; returns its port and what it receives.
fn smtp_server() -> (u16, Arc<Mutex<Vec<Vec<u8>>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Inbox::default();
    let received = inbox.received.clone();
    let mut server = mailin_embedded::Server::new(inbox);
    server.with_name("smtp.test").with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, received)
}

#[tokio::test]
async fn with_an_smtp_server_configured_the_mail_goes_through_smtp() {
    let (port, received) = smtp_server();
    let portal = spawn_portal_with(&format!("[mail]\nsmtp_url = \"smtp://127.0.0.1:{port}\"\n")).await;
    let form = [
        ("name", "Paul Martin"),
        ("email", "paul@example.ca"),
        ("mobile", ""),
        ("lang", "en"),
        ("updates_by", "email"),
    ];
    assert_eq!(portal.call("register", &form).await.0, StatusCode::OK);
    let mut mail = None;
    for _ in 0..100 {
        if let Some(raw) = received.lock().unwrap().first() {
            mail = Some(ReadMail::parse(raw));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mail = mail.expect("the SMTP server received the message");
    assert_eq!(mail.to, "paul@example.ca");
    assert_eq!(mail.subject, "Choose your password for the Customer Service Portal");
    assert!(
        mail.text.contains("Hello Paul Martin,")
            && mail.text.contains(&format!("{PUBLIC_URL}/account/password?token="))
    );
    assert!(mail.html.contains("<html lang=\"en\"") && mail.html.contains("Choose my password"));
    assert!(!portal.data_dir().join("outbox/email").exists(), "nothing in the outbox");
}

/// Registers with text-message updates and chooses the password: the opt-in text goes out then.
async fn registered_for_texts(portal: &TestPortal, mobile: &str) {
    let form = [
        ("name", "Marie Tremblay"),
        ("email", "marie@example.ca"),
        ("mobile", mobile),
        ("lang", "fr"),
        ("updates_by", "sms"),
    ];
    assert_eq!(portal.call("register", &form).await.0, StatusCode::OK);
    let link = outbox_mails(portal, 1).await.remove(0).link_path();
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(portal.call("set_password", &[("token", token), ("new_password", PASSWORD)]).await.0, StatusCode::OK);
    assert_eq!(
        portal.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await.0,
        StatusCode::OK
    );
}

/// Calls the inbound webhook as the provider does, signed with `secret`, as a new message.
pub async fn text_back(portal: &TestPortal, secret: &str, from: &str, body: &str) -> (StatusCode, String) {
    static SENT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let sid = format!("SM{}", SENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    text_back_as(portal, secret, from, body, &sid).await
}

/// [`text_back`], with the provider's message id `sid` (the same twice: a replay).
async fn text_back_as(portal: &TestPortal, secret: &str, from: &str, body: &str, sid: &str) -> (StatusCode, String) {
    let form: BTreeMap<String, String> = [("From", from), ("To", "+17055550100"), ("Body", body), ("MessageSid", sid)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let signature = server::notify::sms::signature(secret, &format!("{PUBLIC_URL}/sms/inbound"), &form);
    let response = crate::helpers::client()
        .post(format!("{}/sms/inbound", portal.base))
        .header("x-twilio-signature", signature)
        .form(&form)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn texts_start_only_after_the_resident_replies_oui_and_stop_at_arret() {
    let portal = spawn_portal().await;
    registered_for_texts(&portal, "705-555-0123").await;
    let sms = wait_for_files(&portal.data_dir().join("outbox/sms"), 1).await;
    let sms: serde_json::Value = serde_json::from_slice(&std::fs::read(&sms[0]).unwrap()).unwrap();
    assert_eq!(sms["to"], "+17055550123");
    assert!(sms["body"].as_str().unwrap().contains("répondez OUI"), "{sms}");
    assert_eq!(portal.call("get_profile", &[]).await.1["sms_status"], "pending");

    // Forged, unsigned or malformed calls change nothing.
    assert_eq!(text_back(&portal, "not the secret", "+17055550123", "OUI").await.0, StatusCode::FORBIDDEN);
    let unsigned = crate::helpers::client()
        .post(format!("{}/sms/inbound", portal.base))
        .form(&[("From", "+17055550123"), ("Body", "OUI")])
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), StatusCode::FORBIDDEN);
    assert_eq!(text_back(&portal, SMS_TOKEN, "not a number", "OUI").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(portal.call("get_profile", &[]).await.1["sms_status"], "pending");

    let (status, answer) = text_back(&portal, SMS_TOKEN, "+17055550123", "Oui").await;
    assert_eq!(status, StatusCode::OK);
    assert!(answer.contains("<Response><Message>") && answer.contains("sont activées"), "{answer}");
    assert_eq!(portal.call("get_profile", &[]).await.1["sms_status"], "confirmed");

    let (_, answer) = text_back(&portal, SMS_TOKEN, "+17055550123", "AIDE").await;
    assert!(answer.contains("311@grandsudbury.ca"), "{answer}");
    let (_, answer) = text_back(&portal, SMS_TOKEN, "+17055550123", "arrêt").await;
    assert!(answer.contains("ne recevrez plus"), "{answer}");
    assert_eq!(portal.call("get_profile", &[]).await.1["sms_status"], "stopped");

    // A signed message sent again (its id seen before) changes nothing and is answered with no text;
    // a message without an id is refused.
    assert_eq!(text_back_as(&portal, SMS_TOKEN, "+17055550123", "OUI", "SMreplayed").await.0, StatusCode::OK);
    assert_eq!(text_back(&portal, SMS_TOKEN, "+17055550123", "ARRET").await.0, StatusCode::OK);
    let (status, answer) = text_back_as(&portal, SMS_TOKEN, "+17055550123", "OUI", "SMreplayed").await;
    assert_eq!((status, answer.contains("<Response></Response>")), (StatusCode::OK, true), "{answer}");
    assert_eq!(portal.call("get_profile", &[]).await.1["sms_status"], "stopped");
    assert_eq!(text_back_as(&portal, SMS_TOKEN, "+17055550123", "OUI", "").await.0, StatusCode::BAD_REQUEST);

    // A number nobody registered gets help in both languages, and learns nothing else.
    let (status, answer) = text_back(&portal, SMS_TOKEN, "+16135550000", "YES").await;
    assert_eq!(status, StatusCode::OK);
    assert!(answer.contains("composez le") && answer.contains("call 311"), "{answer}");
}

#[tokio::test]
async fn a_request_receipt_and_its_updates_go_by_text_once_the_resident_replied_oui() {
    let portal = spawn_portal().await;
    registered_for_texts(&portal, "705-555-0199").await;
    assert_eq!(text_back(&portal, SMS_TOKEN, "+17055550199", "OUI").await.0, StatusCode::OK);
    let (draft, _) = crate::requests::filled(&portal).await;
    let (status, _) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK);

    let texts = wait_for_files(&portal.data_dir().join("outbox/sms"), 2).await;
    let receipt: serde_json::Value = serde_json::from_slice(&std::fs::read(&texts[1]).unwrap()).unwrap();
    let reference = format!("{}-000001", crate::requests::year());
    assert_eq!(receipt["to"], "+17055550199");
    let body = receipt["body"].as_str().unwrap();
    assert!(body.contains(&reference) && body.contains("reçue") && body.contains("Nid-de-poule"), "{body}");
    assert!(body.contains(&format!("{PUBLIC_URL}/requests/{reference}")), "{body}");
    assert!(body.contains(&format!("{PUBLIC_URL}/requests/{reference}/survey")), "the survey, as by e-mail: {body}");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(outbox_mails(&portal, 1).await.len(), 1, "no e-mail receipt besides the text");

    // Updates go the same way: the completion, by text, in French, with the link.
    let agent = crate::lifecycle::staff(&portal, "agent@grandsudbury.ca", "agent").await;
    assert_eq!(crate::lifecycle::change(&agent, &reference, &[("status", "completed")]).await.0, StatusCode::OK);
    wait_for_files(&portal.data_dir().join("outbox/sms"), 3).await;
    // The receipt was notification 1; the completion is the second.
    let text = std::fs::read(portal.data_dir().join("outbox/sms/notification-2.json")).unwrap();
    let text: serde_json::Value = serde_json::from_slice(&text).unwrap();
    let body = text["body"].as_str().unwrap();
    assert_eq!(text["to"], "+17055550199");
    assert!(body.contains(&reference) && body.contains("Terminée"), "{body}");
    assert!(body.contains(&format!("{PUBLIC_URL}/requests/{reference}")), "{body}");
}

/// A Twilio-compatible provider on loopback: records each Messages API call.
async fn fake_provider() -> (String, Arc<Mutex<Vec<(String, BTreeMap<String, String>)>>>) {
    let calls: Arc<Mutex<Vec<_>>> = Default::default();
    let app = Router::new()
        .route(
            "/2010-04-01/Accounts/{sid}/Messages.json",
            post(
                |State(calls): State<Arc<Mutex<Vec<_>>>>,
                 headers: HeaderMap,
                 Form(form): Form<BTreeMap<String, String>>| async move {
                    let auth =
                        headers.get("authorization").map(|a| a.to_str().unwrap().to_string()).unwrap_or_default();
                    calls.lock().unwrap().push((auth, form));
                    (StatusCode::CREATED, axum::Json(json!({"sid": "SM123", "status": "queued"})))
                },
            ),
        )
        .with_state(calls.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), calls)
}

#[tokio::test]
async fn with_twilio_configured_texts_go_through_its_rest_api() {
    let (api_base, calls) = fake_provider().await;
    let portal = spawn_portal_with(&format!(
        "[sms]\nprovider = \"twilio\"\naccount_sid = \"AC42\"\nfrom = \"+17055550100\"\napi_base = \"{api_base}\"\n"
    ))
    .await;
    registered_for_texts(&portal, "705 555 0199").await;
    let (auth, form) = calls.lock().unwrap().first().cloned().expect("the provider was called");
    // Basic authentication with the account SID and the auth token.
    use base64::Engine;
    let expected = base64::engine::general_purpose::STANDARD.encode(format!("AC42:{SMS_TOKEN}"));
    assert_eq!(auth, format!("Basic {expected}"));
    assert_eq!(form["To"], "+17055550199");
    assert_eq!(form["From"], "+17055550100");
    assert!(form["Body"].contains("OUI"));
}

#[tokio::test]
async fn create_staff_makes_a_staff_account_whose_owner_chooses_a_password() {
    let portal = spawn_portal().await;
    let settings = crate::helpers::settings_of(&portal);
    let args: Vec<String> =
        ["--email", "it@example.ca", "--name", "Équipe TI", "--lang", "fr"].map(String::from).into();
    let admin = server::admin::CreateStaff::parse(&args, Role::Admin).unwrap();
    let links = server::admin::create_staff(&settings, admin).await.unwrap();
    let link = links.password;
    assert!(link.starts_with(&format!("{PUBLIC_URL}/account/password?token=")));
    assert_eq!(links.enrolment, format!("{PUBLIC_URL}/staff/verify"));
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(portal.call("set_password", &[("token", token), ("new_password", PASSWORD)]).await.0, StatusCode::OK);
    let (status, user) = portal.call("sign_in", &[("email", "it@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!((status, user), (StatusCode::OK, json!({"name": "Équipe TI", "role": "admin"})));
    // The same address twice is refused.
    let again = server::admin::CreateStaff::parse(&args, Role::Agent).unwrap();
    assert!(server::admin::create_staff(&settings, again)
        .await
        .unwrap_err()
        .to_string()
        .contains("already has an account"));
}
