use crate::helpers::{result_codes, spawn_portal};
use reqwest::StatusCode;

#[tokio::test]
async fn the_search_form_works_without_javascript_in_both_languages() {
    let portal = spawn_portal().await;
    let (status, html) = portal.page("/search?q=nid+de+poule", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(result_codes(&html).first(), Some(&"pothole"));
    assert!(html.contains("correspond"), "the count is in French");
    assert!(html.contains("value=\"nid de poule\""), "the query stays in the box");

    // English words on a French page, and the other way round.
    let (_, html) = portal.page("/search?q=garbage+not+picked+up", "fr").await;
    assert_eq!(result_codes(&html).first(), Some(&"missed-garbage"));
    let (_, html) = portal.page("/search?q=chien%20qui%20jappe", "en").await;
    assert_eq!(result_codes(&html).first(), Some(&"barking-dog"));
    assert!(html.contains("services match") || html.contains("service matches"));
}

#[tokio::test]
async fn no_match_says_so_and_offers_311() {
    let portal = spawn_portal().await;
    let (status, html) = portal.page("/search?q=qwxzv", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No service matches “qwxzv”"));
    assert!(html.contains("contact 311"));
}

#[tokio::test]
async fn absurd_queries_get_a_page_not_an_error() {
    let portal = spawn_portal().await;
    let long = format!("/search?q={}", "pothole%20".repeat(3000));
    for path in [
        "/search?q=%00%01%FF%FE",
        "/search?q=",
        "/search",
        "/search?q=%F0%9F%98%80",
        &long,
        "/search?q=<script>alert(1)</script>",
    ] {
        let (status, html) = portal.page(path, "en").await;
        assert_eq!(status, StatusCode::OK, "{path:.60}");
        assert!(!html.contains("<script>alert(1)"), "the query is escaped");
    }
}

/// The browser's instant search fetches what it looks through when the box is first used: every service
/// and topic with its words in both languages. The home page itself does not carry them.
#[tokio::test]
async fn the_search_data_comes_apart_from_the_page() {
    let portal = spawn_portal().await;
    let (status, docs) = portal.call_api("catalogue/search_docs", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let docs = docs.as_array().expect("a list of documents");
    assert_eq!(docs.len(), 40);
    let pothole = docs.iter().find(|doc| doc["code"] == "pothole").expect("the pothole service");
    assert_eq!(pothole["name"]["fr"], "Nid-de-poule");
    assert!(pothole["keywords"]["en"].as_array().unwrap().iter().any(|word| word == "pothole"));
    let (_, home) = portal.page("/", "fr").await;
    assert!(!home.contains("trou dans la chaussée"), "the home page carries no search words");
    // The search page carries its own results, which it shows before any search data arrives.
    let (_, search) = portal.page("/search?q=nid+de+poule", "fr").await;
    assert_eq!(result_codes(&search).first(), Some(&"pothole"));
}
