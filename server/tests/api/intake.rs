//! Agent intake over HTTP: a profile made for a caller, a request filed for them by phone (its receipt,
//! its audit row, its channel on the queue), the caller claiming it by registering; the duplicate guard,
//! every refusal (saving nothing), inquiries and the day's counts, the text-message opt-in for a number an
//! agent typed, and who may call these functions at all.

use crate::helpers::{outbox_mails, registered, spawn_portal, wait_for_files, TestPortal, PASSWORD, SMS_TOKEN};
use crate::lifecycle::staff;
use crate::requests::count;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The caller's id in the contact page's address a profile function answered with.
fn caller_in(path: &Value) -> String {
    let path = path.as_str().unwrap_or_else(|| panic!("not an address: {path}"));
    path.split("caller=").nth(1).unwrap().split('&').next().unwrap().to_string()
}

fn profile<'a>(name: &'a str, email: &'a str, mobile: &'a str, updates_by: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("channel", "phone"),
        ("name", name),
        ("email", email),
        ("mobile", mobile),
        ("lang", "fr"),
        ("updates_by", updates_by),
    ]
}

async fn contact_page(agent: &TestPortal, q: &str) -> Value {
    let (status, page) = agent.call_api("staff/intake/page", &[("q", q)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page
}

fn names(page: &Value) -> Vec<&str> {
    page["matches"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect()
}

/// The agent files a pothole for `caller` on the one-page form; returns the reference.
async fn file_pothole(agent: &TestPortal, caller: &str, channel: &str) -> String {
    file_pothole_from(agent, caller, channel, "").await
}

/// Starts the request the one-page form files (`staff/intake/file`); returns the draft's id.
async fn start_pothole(agent: &TestPortal, caller: &str, channel: &str, chat: &str) -> String {
    let form = [("caller", caller), ("channel", channel), ("lang", "fr"), ("service", "pothole"), ("chat", chat)];
    let (status, path) = agent.call_api("staff/intake/file", &form).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    path.as_str().unwrap().strip_prefix("/staff/contact/").unwrap().to_string()
}

/// [`file_pothole`], from the agent's live chat `chat` ("" for none).
async fn file_pothole_from(agent: &TestPortal, caller: &str, channel: &str, chat: &str) -> String {
    let draft = start_pothole(agent, caller, channel, chat).await;
    let (status, view) = agent.call_api("staff/intake/draft", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["for_caller"]["channel"], json!(channel));
    let (_, found) = agent.call_api("addresses/suggest", &[("query", "200 brady")]).await;
    let address = found[0]["value"].as_str().unwrap().to_string();
    let form = [
        ("draft", draft.as_str()),
        ("address", &address),
        ("answers[size][0]", "large"),
        ("description", "Appel : trou profond."),
    ];
    let (status, page) = agent.call_api("staff/intake/request", &form).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // The agent lands on the console's page of the request, to read its reference back.
    page.as_str().unwrap().strip_prefix("/staff/requests/").unwrap().to_string()
}

#[tokio::test]
async fn the_one_page_form_lists_every_problem_at_once_and_keeps_each_agent_to_their_own_draft() {
    let portal = spawn_portal().await;
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    let (_, path) = agent.call_api("staff/intake/profile", &profile("Rose Dubé", "rose@example.ca", "", "email")).await;
    let caller = caller_in(&path);
    let draft = start_pothole(&agent, &caller, "email", "").await;
    // No address chosen, no size, a description too long: all three at once, and nothing saved.
    let long = "x".repeat(4001);
    let form = [("draft", draft.as_str()), ("address", ""), ("description", long.as_str())];
    let (status, error) = agent.call_api("staff/intake/request", &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error["Invalid"],
        json!([
            { "field": "address", "problem": "address-not-chosen" },
            { "field": "answer-0", "problem": "choice-invalid" },
            { "field": "description", "problem": "too-long" },
        ])
    );
    let saved = "SELECT count(*) FROM drafts WHERE address_id IS NULL AND answers = '{}' AND description = ''";
    assert_eq!(count(&portal, saved).await, 1);
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, 0);

    // Another agent cannot read or send this agent's draft; a resident and a signed-out browser neither.
    let colleague = staff(&portal, "colleague@example.ca", "agent").await;
    let resident = portal.another_browser();
    crate::requests::signed_in(&resident, "marie@example.ca").await;
    let whole = [("draft", draft.as_str()), ("address", "1"), ("answers[size][0]", "large")];
    for function in ["staff/intake/draft", "staff/intake/request"] {
        let (status, _) = colleague.call_api(function, &whole).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{function} by a colleague");
        assert_eq!(resident.call_api(function, &whole).await.0, StatusCode::FORBIDDEN, "{function} by a resident");
        assert_eq!(portal.call_api(function, &whole).await.0, StatusCode::UNAUTHORIZED, "{function} signed out");
    }
    assert_eq!(count(&portal, "SELECT count(*) FROM requests").await, 0);
    // The agent's own draft started online (not for a caller) is the wizard's, not the one-page form's.
    let (_, own) = agent.call_api("requests/start", &[("service", "pothole")]).await;
    let own = own.as_str().unwrap().split('/').nth(3).unwrap().to_string();
    assert_eq!(agent.call_api("staff/intake/draft", &[("draft", &own)]).await.0, StatusCode::NOT_FOUND);

    assert!(file_pothole(&agent, &caller, "email").await.starts_with("20"));
}

#[tokio::test]
async fn an_agent_files_a_phone_request_for_a_new_caller_who_later_claims_it() {
    let portal = spawn_portal().await;
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    assert!(names(&contact_page(&agent, "Lavoie").await).is_empty());

    let (status, path) =
        agent.call_api("staff/intake/profile", &profile("Léa Côté-Lavoie", "lea@example.ca", "", "email")).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    assert!(path.as_str().unwrap().starts_with("/staff/contact?channel=phone&lang=fr&caller="), "{path}");
    let caller = caller_in(&path);
    // Find-the-caller: any word's beginning, accents or not, or the start of the e-mail address.
    for typed in ["cote", "LAVOIE lé", "lea@EX"] {
        assert_eq!(names(&contact_page(&agent, typed).await), ["Léa Côté-Lavoie"], "{typed}");
    }
    assert_eq!(contact_page(&agent, "lea").await["matches"][0]["no_account"], true);
    assert_eq!(
        count(&portal, "SELECT count(*) FROM accounts WHERE created_by IS NOT NULL AND created_channel = 'phone'")
            .await,
        1
    );

    let reference = file_pothole(&agent, &caller, "phone").await;
    // The receipt goes by the caller's chosen means, to the caller.
    let mails = outbox_mails(&portal, 2).await;
    let receipt = mails.iter().find(|m| m.to == "lea@example.ca").expect("the caller's receipt");
    assert!(receipt.text.contains(&reference), "{}", receipt.text);
    // The audit log says which agent filed it for whom; the contacts log counts it under phone.
    let filed = "SELECT count(*) FROM request_events e JOIN requests r ON r.id = e.request_id \
                 JOIN accounts a ON a.id = e.actor_id WHERE a.email = 'agent@example.ca' AND e.on_behalf_of = r.account_id \
                 AND e.public = 0 AND r.channel = 'phone'";
    assert_eq!(count(&portal, filed).await, 1);
    assert_eq!(count(&portal, "SELECT count(*) FROM contacts WHERE kind = 'request' AND channel = 'phone'").await, 1);

    // Staff see the channel on the request, the filing on its timeline, and can filter the queue by it.
    let (_, view) = agent.call_api("staff/request", &[("reference", &reference)]).await;
    assert_eq!(view["channel"], "phone");
    assert_eq!(view["request"]["events"][1]["kind"], json!({ "Filed": { "channel": "phone" } }));
    let (_, queue) = agent.call_api("staff/queue", &[("filter[channel]", "phone")]).await;
    assert_eq!(queue["rows"][0]["reference"], json!(reference));
    assert_eq!(queue["rows"][0]["channel"], "phone");
    let (_, queue) = agent.call_api("staff/queue", &[("filter[channel]", "email")]).await;
    assert_eq!(queue["total"], 0);
    assert_eq!(contact_page(&agent, "").await["today"], json!([{ "channel": "phone", "requests": 1, "inquiries": 0 }]));

    // The caller registers with the same address: the e-mailed link proves it, and their request is there.
    let lea = portal.another_browser();
    registered(&lea, "lea@example.ca").await;
    let (status, _) = lea.call("sign_in", &[("email", "lea@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, mine) = lea.call_api("requests/mine", &[]).await;
    assert_eq!(mine["made"][0]["reference"], json!(reference));
    // The resident's page leaves out the audit row; their data download has the contact and the channel.
    let (_, page) = lea.call_api("requests/page", &[("reference", &reference)]).await;
    assert!(!page.to_string().contains("Filed"), "{page}");
    let export: Value = lea.get("/account/export", "fr").await.json().await.unwrap();
    assert_eq!(export["requests"][0]["channel"], "phone");
    assert_eq!(export["contacts"][0]["reference"], json!(reference));
    assert_eq!(export["contacts"][0]["kind"], "request");
}

#[tokio::test]
async fn a_profile_is_never_made_twice_and_bad_details_save_nothing() {
    let portal = spawn_portal().await;
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    let (_, first) =
        agent.call_api("staff/intake/profile", &profile("Jean Roy", "jean@example.ca", "705 555 0142", "none")).await;
    let accounts = count(&portal, "SELECT count(*) FROM accounts").await;

    // The same e-mail address (any case), or the same number however typed: the existing profile, unchanged.
    for (email, mobile) in [("JEAN@example.ca", ""), ("", "(705) 555-0142")] {
        let (status, again) = agent.call_api("staff/intake/profile", &profile("J. Roy", email, mobile, "none")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(caller_in(&again), caller_in(&first));
        assert!(again.as_str().unwrap().ends_with("&existing=true"), "{again}");
    }
    // A resident who registered online is found the same way.
    registered(&portal.another_browser(), "marie@example.ca").await;
    let (_, found) = agent.call_api("staff/intake/profile", &profile("Marie", "marie@example.ca", "", "email")).await;
    assert!(found.as_str().unwrap().ends_with("&existing=true"));

    let accounts = accounts + 1;
    let refusals = [
        (profile("Léa", "", "", "none"), json!([{ "field": "mobile", "problem": "contact-needed" }])),
        (profile("Léa", "", "12", "none"), json!([{ "field": "mobile", "problem": "mobile-invalid" }])),
        (profile("Léa", "lea@", "", "email"), json!([{ "field": "email", "problem": "email-invalid" }])),
        (
            profile("Léa", "", "705 555 0199", "email"),
            json!([{ "field": "email", "problem": "email-needed-for-updates" }]),
        ),
        (
            profile("", "lea@example.ca", "", "sms"),
            json!([
                { "field": "name", "problem": "required" },
                { "field": "mobile", "problem": "mobile-needed-for-sms" }
            ]),
        ),
    ];
    for (form, problems) in refusals {
        let (status, error) = agent.call_api("staff/intake/profile", &form).await;
        assert_eq!((status, error), (StatusCode::BAD_REQUEST, json!({ "Invalid": problems })));
    }
    let mut web = profile("Léa", "lea@example.ca", "", "email");
    web[0] = ("channel", "web");
    let (_, error) = agent.call_api("staff/intake/profile", &web).await;
    assert_eq!(error, json!({ "Invalid": [{ "field": "channel", "problem": "choice-invalid" }] }));
    assert_eq!(count(&portal, "SELECT count(*) FROM accounts").await, accounts);

    // Filing needs an online service, a real caller; a staff member is not a caller.
    let caller = caller_in(&first);
    let (status, error) = agent
        .call_api(
            "staff/intake/file",
            &[("caller", &caller), ("channel", "phone"), ("lang", "fr"), ("service", "property-tax")],
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, json!({ "Invalid": [{ "field": "service", "problem": "choice-invalid" }] }))
    );
    let staff_id = count(&portal, "SELECT id FROM accounts WHERE email = 'agent@example.ca'").await.to_string();
    for who in [staff_id.as_str(), "999999", "not-a-number"] {
        let form = [("caller", who), ("channel", "phone"), ("lang", "fr"), ("service", "pothole")];
        assert_eq!(agent.call_api("staff/intake/file", &form).await.0, StatusCode::NOT_FOUND, "{who}");
    }
    assert_eq!(count(&portal, "SELECT count(*) FROM drafts").await, 0);
}

#[tokio::test]
async fn inquiries_are_counted_by_channel_without_personal_data() {
    let portal = spawn_portal().await;
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    let inquiry = |channel: &'static str, topic: &'static str, outcome: &'static str| {
        vec![
            ("channel", channel),
            ("lang", "en"),
            ("topic", topic),
            ("outcome", outcome),
            ("note", "Tax bill due date"),
        ]
    };
    for form in [
        inquiry("phone", "property-tax", "resolved"),
        inquiry("phone", "", "referred"),
        inquiry("counter", "dog-licence", "resolved"),
    ] {
        let (status, answer) = agent.call_api("staff/intake/inquiry", &form).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    let (status, error) = agent.call_api("staff/intake/inquiry", &inquiry("fax", "no-such-topic", "maybe")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let fields: Vec<&str> = error["Invalid"].as_array().unwrap().iter().map(|p| p["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["channel", "topic", "outcome"]);
    let long = "x".repeat(501);
    let mut too_long = inquiry("email", "", "resolved");
    too_long[4] = ("note", &long);
    assert_eq!(agent.call_api("staff/intake/inquiry", &too_long).await.0, StatusCode::BAD_REQUEST);

    assert_eq!(count(&portal, "SELECT count(*) FROM contacts WHERE kind = 'inquiry' AND account_id IS NULL").await, 3);
    let today = contact_page(&agent, "").await["today"].clone();
    assert_eq!(
        today,
        json!([
            { "channel": "phone", "requests": 0, "inquiries": 2 },
            { "channel": "counter", "requests": 0, "inquiries": 1 }
        ])
    );
}

#[tokio::test]
async fn texts_to_a_number_an_agent_typed_wait_for_the_residents_oui() {
    let portal = spawn_portal().await;
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    let (_, path) = agent.call_api("staff/intake/profile", &profile("Luc Morin", "", "705 555 0177", "sms")).await;
    let sms = wait_for_files(&portal.data_dir().join("outbox/sms"), 1).await;
    let sms: Value = serde_json::from_slice(&std::fs::read(&sms[0]).unwrap()).unwrap();
    assert_eq!(sms["to"], "+17055550177");
    let status = "SELECT count(*) FROM accounts WHERE mobile = '+17055550177' AND sms_status = ";
    assert_eq!(count(&portal, &format!("{status} 'pending'")).await, 1);

    // Until the OUI, a phone-only caller's receipt has no way to go (the agent reads the reference back):
    // it is skipped, never texted.
    file_pothole(&agent, &caller_in(&path), "phone").await;
    let skipped = "SELECT count(*) FROM notifications WHERE state = 'skipped'";
    for _ in 0..100 {
        if count(&portal, skipped).await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(count(&portal, skipped).await, 1);
    assert_eq!(wait_for_files(&portal.data_dir().join("outbox/sms"), 1).await.len(), 1);
    let (answer, _) = crate::messages::text_back(&portal, SMS_TOKEN, "+17055550177", "oui").await;
    assert_eq!(answer, StatusCode::OK);
    assert_eq!(count(&portal, &format!("{status} 'confirmed'")).await, 1);
}

#[tokio::test]
async fn only_staff_serve_callers() {
    let portal = spawn_portal().await;
    let resident = portal.another_browser();
    crate::requests::signed_in(&resident, "marie@example.ca").await;
    let calls: [(&str, Vec<(&str, &str)>); 4] = [
        ("staff/intake/page", vec![("q", "marie")]),
        ("staff/intake/profile", profile("Léa", "lea@example.ca", "", "email")),
        ("staff/intake/file", vec![("caller", "1"), ("channel", "phone"), ("lang", "fr"), ("service", "pothole")]),
        ("staff/intake/inquiry", vec![("channel", "phone"), ("lang", "fr"), ("outcome", "resolved")]),
    ];
    for (function, form) in &calls {
        let (status, error) = portal.call_api(function, form).await;
        assert_eq!((status, error), (StatusCode::UNAUTHORIZED, json!("SignInRequired")), "{function} signed out");
        let (status, error) = resident.call_api(function, form).await;
        assert_eq!((status, error), (StatusCode::FORBIDDEN, json!("Forbidden")), "{function} as a resident");
    }
    // From another site, even for staff: the Origin check refuses before anything is read.
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    let refused = agent
        .http()
        .post(format!("{}/api/staff/intake/inquiry", agent.base))
        .header("origin", "https://evil.example")
        .form(&calls[3].1)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(&portal, "SELECT count(*) FROM contacts").await
            + count(&portal, "SELECT count(*) FROM accounts WHERE created_by IS NOT NULL").await,
        0
    );
}

#[tokio::test]
async fn an_agent_links_a_phone_only_profile_by_e_mail_and_never_takes_an_account() {
    let portal = spawn_portal().await;
    let agent = staff(&portal, "agent@example.ca", "agent").await;
    let link = |caller: String, email: &'static str| {
        let agent = agent.clone();
        async move {
            let form = [("caller", caller.as_str()), ("channel", "phone"), ("lang", "fr"), ("email", email)];
            agent.call_api("staff/intake/link", &form).await
        }
    };
    // A caller with a phone number only; later they give their address: they can register and claim.
    let (_, path) = agent.call_api("staff/intake/profile", &profile("Paul Roy", "", "705 555 0150", "none")).await;
    let paul = caller_in(&path);
    let first = file_pothole(&agent, &paul, "phone").await;
    let (status, path) = link(paul.clone(), "paul@example.ca").await;
    assert_eq!((status, caller_in(&path)), (StatusCode::OK, paul.clone()));
    let browser = portal.another_browser();
    crate::requests::signed_in(&browser, "paul@example.ca").await;
    assert_eq!(browser.call_api("requests/mine", &[]).await.1["made"][0]["reference"], json!(first));
    // Claimed now (it has a password): the agent cannot change its address any more.
    assert_eq!(link(paul.clone(), "other@example.ca").await.0, StatusCode::FORBIDDEN);

    // Another phone-only caller who had registered online meanwhile: the profile joins their account.
    let marie = portal.another_browser();
    crate::requests::signed_in(&marie, "marie@example.ca").await;
    let (_, path) = agent.call_api("staff/intake/profile", &profile("Marie T.", "", "705 555 0151", "none")).await;
    let profile_id = caller_in(&path);
    let second = file_pothole(&agent, &profile_id, "counter").await;
    let (status, path) = link(profile_id.clone(), "MARIE@example.ca").await;
    assert_eq!(status, StatusCode::OK);
    let account = count(&portal, "SELECT id FROM accounts WHERE email = 'marie@example.ca'").await.to_string();
    assert_eq!(caller_in(&path), account);
    assert_eq!(marie.call_api("requests/mine", &[]).await.1["made"][0]["reference"], json!(second));
    let closed =
        format!("SELECT count(*) FROM accounts WHERE id = {profile_id} AND closed_at IS NOT NULL AND name IS NULL");
    assert_eq!(count(&portal, &closed).await, 1);
    assert_eq!(count(&portal, &format!("SELECT count(*) FROM contacts WHERE account_id = {account}")).await, 1);

    // A staff member's address is never linked; a bad address is named.
    let (_, path) = agent.call_api("staff/intake/profile", &profile("Luc", "", "705 555 0152", "none")).await;
    assert_eq!(link(caller_in(&path), "agent@example.ca").await.0, StatusCode::FORBIDDEN);
    let (status, error) = link(caller_in(&path), "not an address").await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, json!({ "Invalid": [{ "field": "email", "problem": "email-invalid" }] }))
    );
    // Residents and the signed-out may not.
    assert_eq!(
        marie
            .call_api(
                "staff/intake/link",
                &[("caller", "1"), ("channel", "phone"), ("lang", "fr"), ("email", "x@example.ca")]
            )
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        portal
            .call_api(
                "staff/intake/link",
                &[("caller", "1"), ("channel", "phone"), ("lang", "fr"), ("email", "x@example.ca")]
            )
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_request_filed_from_a_chat_carries_its_transcript_and_the_resident_reads_its_reference_there() {
    let portal = crate::helpers::spawn_portal_with(crate::chat::ALWAYS_OPEN).await;
    let agent = crate::chat::available_agent(&portal, "ana@grandsudbury.ca").await;
    let resident = crate::chat::resident_chatting(&portal, "Un nid-de-poule énorme devant chez moi.").await;
    let (status, taken) = agent.call_api("staff/chat/take", &[]).await;
    assert_eq!(status, StatusCode::OK, "{taken}");
    let chat = taken.as_i64().unwrap().to_string();
    let (_, path) =
        agent.call_api("staff/intake/profile", &profile("Marie Tremblay", "marie@example.ca", "", "email")).await;
    let caller = caller_in(&path);

    // Another agent cannot file from a chat that is not theirs: nothing is started.
    let other = staff(&portal, "luc@grandsudbury.ca", "agent").await;
    let form = [
        ("caller", caller.as_str()),
        ("channel", "chat"),
        ("lang", "fr"),
        ("service", "pothole"),
        ("chat", chat.as_str()),
    ];
    assert_eq!(other.call_api("staff/intake/file", &form).await.0, StatusCode::NOT_FOUND);
    assert_eq!(count(&portal, "SELECT count(*) FROM drafts").await, 0);

    let reference = file_pothole_from(&agent, &caller, "chat", &chat).await;
    // The resident reads the reference in the chat, in their language (this browser's: English), from
    // the agent.
    let (_, current) = resident.call_api("chat/current", &[]).await;
    let said = current["messages"].as_array().unwrap().iter().any(|m| {
        m["author"] == "agent" && m["body"].as_str().unwrap().contains(&format!("registered as number {reference}"))
    });
    assert!(said, "{current}");
    // The filing's internal note is the transcript so far; the request came in by chat.
    let note: String = {
        let pool = portal.database().await;
        let note = sqlx::query_scalar(
            "SELECT e.note FROM request_events e JOIN requests r ON r.id = e.request_id \
             WHERE r.reference = $1 AND e.on_behalf_of IS NOT NULL AND r.channel = 'chat'",
        )
        .bind(&reference)
        .fetch_one(&pool)
        .await
        .unwrap();
        pool.close().await;
        note
    };
    // In the agent's language (English here): « : » would be French.
    assert!(note.contains("Marie Tremblay: Un nid-de-poule énorme devant chez moi."), "{note}");
}
