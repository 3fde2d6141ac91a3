//! Accounts over HTTP: register → e-mailed link → password → sign in → profile → sign out, and every refusal.

use crate::helpers::{outbox_mails, registered, registration, spawn_portal, TestPortal, PASSWORD};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_resident_registers_chooses_a_password_signs_in_edits_and_signs_out() {
    let portal = spawn_portal().await;
    let (status, body) = portal.call("register", &registration("Marie@Example.ca", "fr", "email", "")).await;
    assert_eq!((status, body), (StatusCode::OK, json!(null)));

    let mail = outbox_mails(&portal, 1).await.remove(0);
    assert_eq!(mail.to, "marie@example.ca");
    assert_eq!(mail.subject, "Choisissez votre mot de passe pour le Portail de service à la clientèle");
    assert!(mail.text.starts_with("Bonjour Marie Tremblay,"), "{}", mail.text);
    assert!(mail.html.contains("<html lang=\"fr\""));
    let link = mail.link_path();

    // The link opens the password page; the password is chosen there.
    let (status, html) = portal.page(&link, "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"new_password\""));
    let token = link.split("token=").nth(1).unwrap();
    let (status, _) = portal.call("set_password", &[("token", token), ("new_password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);

    // Signing in sets an HttpOnly, SameSite=Lax session cookie.
    let response = portal.post("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    assert_eq!(
        response.json::<serde_json::Value>().await.unwrap(),
        json!({"name": "Marie Tremblay", "role": "resident"})
    );

    let (status, html) = portal.page("/account", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Marie Tremblay") && html.contains("My requests") && html.contains("href=\"/account\""));

    let (status, profile) = portal
        .call(
            "update_profile",
            &[("name", "Marie-Ève Tremblay"), ("mobile", "(705) 555-0123"), ("lang", "en"), ("updates_by", "email")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(profile["name"], "Marie-Ève Tremblay");
    assert_eq!(profile["mobile"], "+17055550123");
    assert_eq!(profile["lang"], "en");

    let (status, _) = portal.call("sign_out", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = portal.page("/account", "en").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        html.contains("Please sign in") && html.contains("<a href=\"/sign-in\" class=\"button\">Sign in</a>"),
        "{html}"
    );
    // Signed out, a profile change is refused as such, whatever the form says, and changes nothing.
    let bad = [("name", ""), ("mobile", "12"), ("lang", "xx"), ("updates_by", "sms")];
    let (status, error) = portal.call("update_profile", &bad).await;
    assert_eq!((status, error), (StatusCode::UNAUTHORIZED, json!("SignInRequired")));
}

#[tokio::test]
async fn registration_and_reset_answer_the_same_whether_or_not_the_account_exists() {
    let portal = spawn_portal().await;
    registered(&portal, "paul@example.ca").await;
    let again = portal.call("register", &registration("paul@example.ca", "en", "email", "")).await;
    let new = portal.call("register", &registration("nouveau@example.ca", "en", "email", "")).await;
    assert_eq!(again, new);
    let known = portal.call("forgot_password", &[("email", "paul@example.ca")]).await;
    let unknown = portal.call("forgot_password", &[("email", "personne@example.ca")]).await;
    assert_eq!(known, unknown);
    assert_eq!(known, (StatusCode::OK, json!(null)));

    // The owner hears about it by e-mail: one welcome, one "already registered", one for the new address,
    // one reset; nothing for the unknown address.
    let mails = outbox_mails(&portal, 4).await;
    let mut subjects: Vec<_> = mails.iter().map(|m| (m.to.as_str(), m.subject.as_str())).collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            ("nouveau@example.ca", "Choose your password for the Customer Service Portal"),
            ("paul@example.ca", "Choisissez un nouveau mot de passe pour le Portail de service à la clientèle"),
            ("paul@example.ca", "Choisissez votre mot de passe pour le Portail de service à la clientèle"),
            ("paul@example.ca", "Votre compte du Portail de service à la clientèle"),
        ]
    );
    // Signing in with a wrong password and with an unknown address get the same answer.
    let wrong = portal.call("sign_in", &[("email", "paul@example.ca"), ("password", "not the password at all")]).await;
    let unknown =
        portal.call("sign_in", &[("email", "nobody@example.ca"), ("password", "not the password at all")]).await;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong, (StatusCode::UNAUTHORIZED, json!("SignInFailed")));
}

#[tokio::test]
async fn bad_input_names_each_field_and_saves_nothing() {
    let portal = spawn_portal().await;
    let (status, body) = portal
        .call(
            "register",
            &[("name", " "), ("email", "marie@"), ("mobile", "555-1234"), ("lang", "de"), ("updates_by", "pigeon")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"Invalid": [
            {"field": "name", "problem": "required"},
            {"field": "mobile", "problem": "mobile-invalid"},
            {"field": "lang", "problem": "choice-invalid"},
            {"field": "updates_by", "problem": "choice-invalid"},
            {"field": "email", "problem": "email-invalid"},
        ]})
    );
    let (_, body) = portal.call("register", &registration("marie@example.ca", "fr", "sms", "")).await;
    assert_eq!(body, json!({"Invalid": [{"field": "mobile", "problem": "mobile-needed-for-sms"}]}));
    assert!(!portal.data_dir().join("outbox/email").read_dir().unwrap().any(|_| true), "nothing sent");
}

#[tokio::test]
async fn a_link_posted_twice_at_once_sets_one_password() {
    let portal = spawn_portal().await;
    portal.call("register", &registration("marie@example.ca", "en", "email", "")).await;
    let link = outbox_mails(&portal, 1).await.remove(0).link_path();
    let token = link.split("token=").nth(1).unwrap().to_string();
    // Both pass the link's check while their passwords are hashed; only one may spend it.
    let one = [("token", token.as_str()), ("new_password", PASSWORD)];
    let other = [("token", token.as_str()), ("new_password", "another good passphrase")];
    let (first, second) = tokio::join!(portal.call("set_password", &one), portal.call("set_password", &other));
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::BAD_REQUEST], "{first:?} {second:?}");
    let refused = if first.0 == StatusCode::OK { second.1 } else { first.1 };
    assert_eq!(refused, json!("LinkInvalid"));
}

#[tokio::test]
async fn password_rules_and_single_use_links() {
    let portal = spawn_portal().await;
    portal.call("register", &registration("marie@example.ca", "en", "email", "")).await;
    let link = outbox_mails(&portal, 1).await.remove(0).link_path();
    let token = link.split("token=").nth(1).unwrap().to_string();
    for (password, problem) in [
        ("short", "password-too-short"),
        ("Password2024!", "password-common"),
        ("marie.tremblay!", "password-personal"),
        ("MarieTremblay2024", "password-personal"),
    ] {
        let (status, body) = portal.call("set_password", &[("token", &token), ("new_password", password)]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{password}");
        assert_eq!(body, json!({"Invalid": [{"field": "new_password", "problem": problem}]}), "{password}");
    }
    let (status, _) = portal.call("set_password", &[("token", &token), ("new_password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    // Used: the link and any altered one are refused, and the page says so.
    let tampered = format!("{}x", &token[..token.len() - 1]);
    for token in [token.as_str(), tampered.as_str(), "", "../../etc/passwd"] {
        let (status, body) =
            portal.call("set_password", &[("token", token), ("new_password", "another good passphrase")]).await;
        assert_eq!((status, body), (StatusCode::BAD_REQUEST, json!("LinkInvalid")), "{token}");
    }
    let (status, html) = portal.page(&link, "fr").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("Ce lien ne fonctionne plus")
            && html.contains("<a href=\"/account/forgot\" class=\"button\">Demander un nouveau lien</a>")
    );
    // The first password still works.
    let (status, _) = portal.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let portal = spawn_portal().await;
    registered(&portal, "marie@example.ca").await;
    let phone = portal.another_browser();
    for browser in [&portal, &phone] {
        let (status, _) = browser.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, body) = portal
        .call(
            "change_password",
            &[("current_password", "wrong guess here"), ("new_password", "une autre phrase de passe")],
        )
        .await;
    assert_eq!(
        (status, body),
        (StatusCode::BAD_REQUEST, json!({"Invalid": [{"field": "current_password", "problem": "password-wrong"}]}))
    );
    let (status, _) = portal
        .call("change_password", &[("current_password", PASSWORD), ("new_password", "une autre phrase de passe")])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(portal.call("get_profile", &[]).await.0, StatusCode::OK, "this session goes on");
    assert_eq!(phone.call("get_profile", &[]).await, (StatusCode::UNAUTHORIZED, json!("SignInRequired")));
    // The resident is told by e-mail.
    let mails = outbox_mails(&portal, 2).await;
    assert_eq!(mails[1].subject, "Le mot de passe de votre compte du Portail de service à la clientèle a été changé");
}

#[tokio::test]
async fn repeated_sign_in_failures_are_slowed_down_with_a_clear_wait() {
    let portal = spawn_portal().await;
    for _ in 0..5 {
        let (status, _) =
            portal.call("sign_in", &[("email", "marie@example.ca"), ("password", "guess guess guess")]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) =
        portal.call("sign_in", &[("email", "marie@example.ca"), ("password", "guess guess guess")]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body, json!({"TooManyAttempts": {"minutes": 3}}));
}

#[tokio::test]
async fn requests_from_other_sites_are_refused() {
    let portal = spawn_portal().await;
    let form = [("email", "marie@example.ca")];
    let url = format!("{}/api/accounts/forgot_password", portal.base);
    let client = crate::helpers::client();
    let foreign = client.post(&url).header("origin", "https://evil.example").form(&form).send().await.unwrap();
    let unsaid = client.post(&url).form(&form).send().await.unwrap();
    assert_eq!((foreign.status(), unsaid.status()), (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN));
    // The portal's own host, but not its public address (here https, or the socket it listens on).
    for origin in ["https://portal.test", portal.base.as_str()] {
        let near = client.post(&url).header("origin", origin).form(&form).send().await.unwrap();
        assert_eq!(near.status(), StatusCode::FORBIDDEN, "{origin}");
    }
    let ours = client.post(&url).header("origin", crate::helpers::PUBLIC_URL).form(&form).send().await.unwrap();
    assert_eq!(ours.status(), StatusCode::OK);
}

#[tokio::test]
async fn residents_download_their_data_and_close_their_account() {
    let portal = spawn_portal().await;
    registered(&portal, "marie@example.ca").await;
    portal.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;

    let response = portal.get("/account/export", "fr").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let data: serde_json::Value = response.json().await.unwrap();
    assert_eq!(data["account"]["email"], "marie@example.ca");
    assert_eq!(data["account"]["name"], "Marie Tremblay");
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    assert!(!data.to_string().contains("argon2"), "no password hash in the export");

    let (status, _) = portal.call("close_account", &[("confirm_password", "not my password")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = portal.call("close_account", &[("confirm_password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(portal.get("/account/export", "fr").await.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = portal.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The address is free again.
    let (status, _) = portal.call("register", &registration("marie@example.ca", "fr", "email", "")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn pages_show_the_forms_in_both_languages() {
    let portal = spawn_portal().await;
    for (lang, texts) in [
        ("fr", ["Créer un compte", "Pourquoi nous demandons ces renseignements", "Loi de 2001 sur les municipalités"]),
        ("en", ["Create an account", "Why we ask for this information", "Municipal Act, 2001"]),
    ] {
        let (status, html) = portal.page("/account/register", lang).await;
        assert_eq!(status, StatusCode::OK);
        for text in texts {
            assert!(html.contains(text), "{lang}: {text}");
        }
    }
    let (_, html) = portal.page("/sign-in", "fr").await;
    assert!(html.contains("Mot de passe oublié\u{202f}?") && html.contains("name=\"password\""));
    let (_, html) = portal.page("/account/forgot", "en").await;
    assert!(html.contains("Send me a link"));
}

#[tokio::test]
async fn links_expire_after_a_day_and_sessions_after_an_idle_hour_or_half_hour_for_staff() {
    let portal = spawn_portal().await;
    portal.call("register", &registration("marie@example.ca", "fr", "email", "")).await;
    let link = outbox_mails(&portal, 1).await.remove(0).link_path();
    let token = link.split("token=").nth(1).unwrap().to_string();
    portal.sql("UPDATE account_links SET expires_at = expires_at - 24 * 3600").await;
    let (status, body) = portal.call("set_password", &[("token", &token), ("new_password", PASSWORD)]).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, json!("LinkInvalid")));

    registered_again(&portal).await;
    assert_eq!(
        portal.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await.0,
        StatusCode::OK
    );
    assert_eq!(portal.call("get_profile", &[]).await.0, StatusCode::OK);
    portal.sql("UPDATE sessions SET last_seen_at = last_seen_at - 3601").await;
    assert_eq!(portal.call("get_profile", &[]).await, (StatusCode::UNAUTHORIZED, json!("SignInRequired")));
    assert_eq!(
        portal.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await.0,
        StatusCode::OK
    );
    portal.sql("UPDATE sessions SET created_at = created_at - 12 * 3600 - 1").await;
    assert_eq!(portal.call("get_profile", &[]).await, (StatusCode::UNAUTHORIZED, json!("SignInRequired")));

    // Staff: half an hour without use ends the session; a resident's lasts the hour.
    let agent = crate::lifecycle::staff(&portal, "agent@example.ca", "agent").await;
    let resident = portal.another_browser();
    resident.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    portal.sql("UPDATE sessions SET last_seen_at = last_seen_at - 30 * 60 - 1").await;
    assert_eq!(agent.call("get_profile", &[]).await, (StatusCode::UNAUTHORIZED, json!("SignInRequired")));
    assert_eq!(resident.call("get_profile", &[]).await.0, StatusCode::OK);
}

/// Asks for a new link ("forgot your password?") and uses it.
async fn registered_again(portal: &TestPortal) {
    assert_eq!(portal.call("forgot_password", &[("email", "marie@example.ca")]).await.0, StatusCode::OK);
    let link = outbox_mails(portal, 2).await.remove(1).link_path();
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(portal.call("set_password", &[("token", token), ("new_password", PASSWORD)]).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_registration_by_someone_else_never_decides_where_texts_go() {
    let portal = spawn_portal().await;
    // Someone registers Marie's address first, with their own number and texts.
    let attacker = portal.another_browser();
    attacker.call("register", &registration("marie@example.ca", "fr", "sms", "705-555-0666")).await;
    // Marie registers herself; both links reach her inbox.
    portal.call("register", &registration("marie@example.ca", "fr", "sms", "705-555-0123")).await;
    let links: Vec<String> = outbox_mails(&portal, 2).await.iter().map(|mail| mail.link_path()).collect();
    let token = |link: &String| link.split("token=").nth(1).unwrap().to_string();
    // The earlier link is replaced by hers; hers applies what she typed.
    let (status, _) = portal.call("set_password", &[("token", &token(&links[0])), ("new_password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the first registration's link no longer works");
    // Her page says where texts will go, by the number's last digits.
    let (status, link) = portal.call("check_link", &[("token", &token(&links[1]))]).await;
    assert_eq!((status, link), (StatusCode::OK, json!({ "texts_to": "0123" })));
    let (status, _) = portal.call("set_password", &[("token", &token(&links[1])), ("new_password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    let texts = crate::helpers::wait_for_files(&portal.data_dir().join("outbox/sms"), 1).await;
    let text: serde_json::Value = serde_json::from_slice(&std::fs::read(&texts[0]).unwrap()).unwrap();
    assert_eq!(text["to"], "+17055550123", "the OUI question goes to Marie's number");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(portal.data_dir().join("outbox/sms").read_dir().unwrap().count(), 1, "nothing to the other number");
    portal.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(portal.call("get_profile", &[]).await.1["mobile"], "+17055550123");
}

/// The problems of a form refused with 400, as (field, problem) pairs.
fn form_problems(error: &serde_json::Value) -> Vec<(String, String)> {
    let problems = error["Invalid"].as_array().unwrap_or_else(|| panic!("not a form error: {error}"));
    problems.iter().map(|p| (p["field"].as_str().unwrap().into(), p["problem"].as_str().unwrap().into())).collect()
}

#[tokio::test]
async fn a_resident_changes_their_e_mail_address_through_a_link_sent_to_it_and_the_old_one_is_told() {
    let portal = spawn_portal().await;
    crate::requests::signed_in(&portal, "marie@example.ca").await;
    let change = |new: &'static str, password: &'static str| {
        let portal = portal.clone();
        async move { portal.call("change_email", &[("new_email", new), ("email_password", password)]).await }
    };

    // Refusals name the field, change nothing and send nothing.
    let bad = |field: &str, problem: &str| vec![(field.to_string(), problem.to_string())];
    let (status, error) = change("marie.t@example.ca", "not my password").await;
    assert_eq!((status, form_problems(&error)), (StatusCode::BAD_REQUEST, bad("email_password", "password-wrong")));
    let (_, error) = change("not an address", "").await;
    let both = [bad("new_email", "email-invalid"), bad("email_password", "required")].concat();
    assert_eq!(form_problems(&error), both);
    let (_, error) = change("Marie@Example.ca", PASSWORD).await;
    assert_eq!(form_problems(&error), bad("new_email", "email-unchanged"));
    let form = [("new_email", "marie.t@example.ca"), ("email_password", PASSWORD)];
    assert_eq!(portal.another_browser().call("change_email", &form).await.0, StatusCode::UNAUTHORIZED);
    let forged = portal
        .http()
        .post(format!("{}/api/accounts/change_email", portal.base))
        .header(reqwest::header::ORIGIN, "https://elsewhere.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(crate::requests::count(&portal, "SELECT count(*) FROM email_changes").await, 0);

    // The link goes to the new address; until it is followed, nothing changes.
    assert_eq!(change("marie.t@example.ca", PASSWORD).await.0, StatusCode::OK);
    let mail = outbox_mails(&portal, 2).await.pop().unwrap();
    assert_eq!((mail.to.as_str(), mail.subject.contains("Confirmez")), ("marie.t@example.ca", true));
    let start = mail.text.find("/account/email?token=").expect("a confirmation link");
    let link = mail.text[start..].split_whitespace().next().unwrap().to_string();
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(portal.call("get_profile", &[]).await.1["email"], "marie@example.ca");
    let (status, html) = portal.another_browser().page(&link, "fr").await;
    assert_eq!(status, StatusCode::OK, "opening the link (a mail scanner does) changes nothing");
    assert!(html.contains("marie.t@example.ca") && html.contains("Confirmer cette adresse"), "{html}");
    assert_eq!(portal.call("get_profile", &[]).await.1["email"], "marie@example.ca");

    // Confirmed: the account's address is the new one, and the old one is told.
    let stranger = portal.another_browser();
    let (status, address) = stranger.call("confirm_email", &[("token", token)]).await;
    assert_eq!((status, address), (StatusCode::OK, json!("marie.t@example.ca")));
    assert_eq!(portal.call("get_profile", &[]).await.1["email"], "marie.t@example.ca");
    let told = outbox_mails(&portal, 3).await.pop().unwrap();
    assert_eq!(told.to, "marie@example.ca");
    assert!(told.text.contains("marie.t@example.ca") && told.text.contains("sans tarder"), "{}", told.text);
    assert_eq!(stranger.call("confirm_email", &[("token", token)]).await.0, StatusCode::BAD_REQUEST, "once");
    let (status, _) = stranger.call("sign_in", &[("email", "marie.t@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = stranger.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // An address another account has: the same answer, and that address is told it is taken.
    registered(&portal.another_browser(), "paul@example.ca").await;
    assert_eq!(change("paul@example.ca", PASSWORD).await.0, StatusCode::OK);
    let taken = outbox_mails(&portal, 5).await.pop().unwrap();
    assert_eq!((taken.to.as_str(), taken.subject.contains("déjà un compte")), ("paul@example.ca", true));
    assert_eq!(crate::requests::count(&portal, "SELECT count(*) FROM email_changes WHERE used_at IS NULL").await, 0);

    // Taken between the link and the click: the click is refused, the address stays.
    assert_eq!(change("lea@example.ca", PASSWORD).await.0, StatusCode::OK);
    let mail = outbox_mails(&portal, 6).await.pop().unwrap();
    let token = mail.text.split("token=").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    registered(&portal.another_browser(), "lea@example.ca").await;
    let (status, error) = portal.call("confirm_email", &[("token", &token)]).await;
    assert_eq!((status, form_problems(&error)), (StatusCode::BAD_REQUEST, bad("new_email", "email-taken")));
    assert_eq!(portal.call("get_profile", &[]).await.1["email"], "marie.t@example.ca");
}

#[tokio::test]
async fn expired_sessions_links_and_text_message_ids_are_forgotten_as_the_privacy_statement_says() {
    let first = crate::helpers::Stoppable::start("").await;
    let portal = first.portal.clone();
    crate::requests::signed_in(&portal, "marie@example.ca").await;
    let sessions = || async {
        let pool = portal.database().await;
        let hashes: Vec<Vec<u8>> =
            sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(&pool).await.unwrap();
        pool.close().await;
        hashes
    };
    let before = sessions().await;
    let other = portal.another_browser();
    assert_eq!(other.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await.0, StatusCode::OK);
    let others = sessions().await.into_iter().find(|hash| !before.contains(hash)).unwrap();
    assert_eq!(portal.call("forgot_password", &[("email", "marie@example.ca")]).await.0, StatusCode::OK);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    portal
        .sql(&format!("INSERT INTO sms_inbound (message_sid, received_at) VALUES ('SMold', 0), ('SMnew', {now})"))
        .await;
    first.stop().await;

    // Time passes: the other browser has not been used for two hours; the links expired yesterday.
    let pool = portal.database().await;
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now as i64 - 7200)
        .bind(others)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    portal.sql(&format!("UPDATE account_links SET expires_at = {now} - 86400")).await;
    portal.sql("UPDATE jobs SET started_at = started_at - 7200").await;
    let again = crate::helpers::Stoppable::on(&portal, "").await;
    let count = |sql: &'static str| {
        let portal = portal.clone();
        async move { crate::requests::count(&portal, sql).await }
    };
    // The job runs in the background at start; a loaded machine may take some seconds to get to it.
    for _ in 0..200 {
        if count("SELECT count(*) FROM account_links").await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(count("SELECT count(*) FROM account_links").await, 0, "expired links are gone");
    assert_eq!(count("SELECT count(*) FROM sessions").await, 1, "the idle session is gone");
    assert_eq!(count("SELECT count(*) FROM sms_inbound").await, 1, "a week-old message id is gone");
    let portal = again.portal.clone();
    assert_eq!(portal.call("get_profile", &[]).await.0, StatusCode::OK, "the session in use stays");
    let (_, html) = portal.page("/privacy", "en").await;
    assert!(html.contains("session: keeps you signed in") && html.contains("after 7 days"), "{html}");
    again.stop().await;
}
