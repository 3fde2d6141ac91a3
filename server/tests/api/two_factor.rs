//! Staff's second step of signing in (an authenticator app's code, recovery codes, IT's reset) and the
//! devices list every account has.

use crate::authenticator::app_code;
use crate::helpers::{enrol, registered, settings_of, spawn_portal, TestPortal, PASSWORD, PUBLIC_URL};
use crate::lifecycle::resident_with_request;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// A staff account signed in with its password only, in a browser of its own.
async fn password_only(portal: &TestPortal, email: &str) -> TestPortal {
    let browser = portal.another_browser();
    registered(&browser, email).await;
    browser.sql(&format!("UPDATE accounts SET role = 'agent' WHERE email = '{email}'")).await;
    sign_in(&browser, email).await;
    browser
}

async fn sign_in(browser: &TestPortal, email: &str) {
    let (status, user) = browser.call("sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK, "{user}");
}

async fn prove(browser: &TestPortal, code: &str) -> (StatusCode, Value) {
    browser.call("two_factor/prove", &[("code", code)]).await
}

fn problem(error: &Value) -> &str {
    error["Invalid"][0]["problem"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn the_console_opens_after_the_authenticator_code_which_works_once() {
    let portal = spawn_portal().await;
    let reference = resident_with_request(&portal, "marie@example.ca").await;
    let agent = password_only(&portal, "agent@grandsudbury.ca").await;

    // The password alone opens neither the console nor residents' requests.
    let (status, error) = agent.call_api("staff/queue", &[]).await;
    assert_eq!((status, error), (StatusCode::FORBIDDEN, json!("SecondFactorRequired")));
    let (status, html) = agent.page("/staff", "en").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("href=\"/staff/verify\""), "the way on: {html}");
    let (status, _) = agent.call_api("requests/page", &[("reference", &reference)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another resident's request");

    // Who may open the page: signed out 401, a resident 403.
    assert_eq!(portal.another_browser().call("two_factor", &[]).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(portal.call("two_factor", &[]).await, (StatusCode::FORBIDDEN, json!("Forbidden")));
    assert_eq!(portal.call("two_factor/prove", &[("code", "123456")]).await.0, StatusCode::FORBIDDEN);

    // Enrolment: the same key until it is confirmed, as a QR code and a link for the app.
    let (status, page) = agent.call("two_factor", &[]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let key = page["Enrol"]["key"].as_str().unwrap().to_string();
    assert_eq!(agent.call("two_factor", &[]).await.1["Enrol"]["key"], key);
    let link = page["Enrol"]["link"].as_str().unwrap();
    assert!(
        link.starts_with("otpauth://totp/") && link.contains(&format!("secret={}", key.replace(' ', ""))),
        "{link}"
    );
    assert!(page["Enrol"]["qr_svg"].as_str().unwrap().starts_with("<svg"));

    // Nothing that is not a code is counted; a wrong code is refused, then the right one enrols.
    let (status, error) = prove(&agent, "12345").await;
    assert_eq!((status, problem(&error)), (StatusCode::BAD_REQUEST, "code-invalid"));
    let wrong = format!("{:06}", (app_code(&key, 0).parse::<u32>().unwrap() + 1) % 1_000_000);
    let (status, error) = prove(&agent, &wrong).await;
    assert_eq!((status, problem(&error)), (StatusCode::BAD_REQUEST, "code-wrong"));
    let first = app_code(&key, 0);
    let (status, verified) = prove(&agent, &first).await;
    assert_eq!(status, StatusCode::OK, "{verified}");
    let codes: Vec<String> = serde_json::from_value(verified["recovery_codes"].clone()).unwrap();
    assert_eq!(codes.len(), 10);
    assert_eq!(agent.call_api("staff/queue", &[]).await.0, StatusCode::OK);
    assert_eq!(agent.call("two_factor", &[]).await.1, json!("Done"));
    assert_eq!(agent.call_api("requests/page", &[("reference", &reference)]).await.0, StatusCode::OK);

    // Another sign-in asks for a code again; the one already used is refused, a fresh one accepted.
    let phone = portal.another_browser();
    sign_in(&phone, "agent@grandsudbury.ca").await;
    assert_eq!(phone.call("two_factor", &[]).await.1, json!("Verify"));
    let (status, error) = prove(&phone, &first).await;
    assert_eq!((status, problem(&error)), (StatusCode::BAD_REQUEST, "code-wrong"), "a replay");
    let (status, verified) = prove(&phone, &app_code(&key, 1)).await;
    assert_eq!((status, verified), (StatusCode::OK, json!({"recovery_codes": [], "recovery_left": null})));

    // A recovery code, typed as printed, once.
    let laptop = portal.another_browser();
    sign_in(&laptop, "agent@grandsudbury.ca").await;
    let (status, verified) = prove(&laptop, &codes[0].to_uppercase()).await;
    assert_eq!((status, verified["recovery_left"].clone()), (StatusCode::OK, json!(9)));
    assert_eq!(laptop.call_api("staff/queue", &[]).await.0, StatusCode::OK);

    // Five tries per account, then one every five minutes.
    let tablet = portal.another_browser();
    sign_in(&tablet, "agent@grandsudbury.ca").await;
    let (status, error) = prove(&tablet, &codes[0]).await;
    assert_eq!((status, error), (StatusCode::TOO_MANY_REQUESTS, json!({"TooManyAttempts": {"minutes": 5}})));

    // Another site cannot post a code.
    let url = format!("{}/api/accounts/two_factor/prove", portal.base);
    let foreign = tablet.http().post(&url).header(header::ORIGIN, "https://evil.example").form(&[("code", &codes[1])]);
    assert_eq!(foreign.send().await.unwrap().status(), StatusCode::FORBIDDEN);

    // A lost phone: IT resets it; every session ends, and the next sign-in enrols a new key. (Another
    // agent: this one has used up their tries.)
    let lea = password_only(&portal, "lea@grandsudbury.ca").await;
    let (key, _) = enrol(&lea).await;
    let settings = settings_of(&portal);
    let args = ["--email", "lea@grandsudbury.ca"].map(String::from);
    server::admin::reset_two_factor(&settings, &args).await.unwrap();
    assert_eq!(lea.call_api("staff/queue", &[]).await.0, StatusCode::UNAUTHORIZED);
    sign_in(&lea, "lea@grandsudbury.ca").await;
    let (new_key, _) = enrol(&lea).await;
    assert_ne!(new_key, key);
    assert!(server::admin::reset_two_factor(&settings, &["--email".into(), "nobody@example.ca".into()]).await.is_err());
}

/// Signs `browser` in as `email` from a device that names itself `user_agent`.
async fn sign_in_from(browser: &TestPortal, email: &str, user_agent: &str) {
    let url = format!("{}/api/accounts/sign_in", browser.base);
    let response = browser
        .http()
        .post(&url)
        .header(header::ORIGIN, PUBLIC_URL)
        .header(header::ACCEPT, "application/json")
        .header(header::USER_AGENT, user_agent)
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_resident_sees_their_devices_and_signs_out_of_the_others() {
    let portal = spawn_portal().await;
    registered(&portal, "marie@example.ca").await;
    let desk = portal.another_browser();
    let phone = portal.another_browser();
    sign_in_from(&desk, "marie@example.ca", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
        .await;
    let iphone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Safari/604.1";
    sign_in_from(&phone, "marie@example.ca", iphone).await;
    let paul = portal.another_browser();
    registered(&paul, "paul@example.ca").await;
    sign_in_from(&paul, "paul@example.ca", "curl/8.5.0").await;

    let (status, devices) = desk.call("devices", &[]).await;
    assert_eq!(status, StatusCode::OK, "{devices}");
    let seen: Vec<(&str, bool)> = devices
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["device"].as_str().unwrap(), d["this_device"].as_bool().unwrap()))
        .collect();
    assert_eq!(seen, [("Firefox · Linux", true), ("Safari · iPhone", false)], "this device first, nobody else's");
    assert_eq!(paul.call("devices", &[]).await.1.as_array().unwrap().len(), 1);

    // Signed out: nothing to list or end. Another site cannot sign a resident out of their devices.
    let stranger = portal.another_browser();
    assert_eq!(stranger.call("devices", &[]).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(stranger.call("sign_out_others", &[]).await.0, StatusCode::UNAUTHORIZED);
    let url = format!("{}/api/accounts/sign_out_others", desk.base);
    let foreign = desk.http().post(&url).header(header::ORIGIN, "https://evil.example").send().await.unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert_eq!(phone.call("get_profile", &[]).await.0, StatusCode::OK);

    let (status, left) = desk.call("sign_out_others", &[]).await;
    assert_eq!((status, left.as_array().unwrap().len()), (StatusCode::OK, 1));
    assert_eq!(phone.call("get_profile", &[]).await.0, StatusCode::UNAUTHORIZED, "the phone is signed out");
    assert_eq!(desk.call("get_profile", &[]).await.0, StatusCode::OK, "this device stays");
    assert_eq!(paul.call("get_profile", &[]).await.0, StatusCode::OK, "another account is untouched");
}
