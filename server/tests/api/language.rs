use crate::helpers::spawn_portal;
use reqwest::{header, StatusCode};

#[tokio::test]
async fn the_switch_without_javascript_sets_the_cookie_and_returns_to_the_same_page() {
    let portal = spawn_portal().await;
    let response = portal.get("/language/fr?return=%2Fsearch%3Fq%3Dpothole", "en").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/search?q=pothole");
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=fr;") && cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn the_cookie_wins_over_the_browser_language() {
    let portal = spawn_portal().await;
    let response = portal.get_with("/", &[(header::ACCEPT_LANGUAGE, "en-CA"), (header::COOKIE, "lang=fr")]).await;
    assert!(response.text().await.unwrap().contains("<html lang=\"fr\""));
    let response = portal.get_with("/", &[(header::ACCEPT_LANGUAGE, "fr-CA"), (header::COOKIE, "lang=klingon")]).await;
    assert!(response.text().await.unwrap().contains("<html lang=\"fr\""), "a bad cookie is ignored");
}

#[tokio::test]
async fn the_switch_refuses_other_sites_and_unknown_languages() {
    let portal = spawn_portal().await;
    for target in ["%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"] {
        let response = portal.get(&format!("/language/en?return={target}"), "en").await;
        assert_eq!(response.headers()[header::LOCATION], "/", "{target}");
    }
    assert_eq!(portal.get("/language/de", "en").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(portal.get("/language/FR", "en").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_switch_link_returns_to_the_page_with_its_query() {
    let portal = spawn_portal().await;
    let (_, html) = portal.page("/search?q=bac+vert", "en").await;
    assert!(html.contains("href=\"/language/fr?return=%2Fsearch%3Fq%3Dbac%2Bvert\""), "the switch keeps the query");
}
