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

/// The browser fetches a page's messages from the address in the page's head: the file of the page's
/// language, cached for good under its version, with the same text the server renders.
#[tokio::test]
async fn every_page_points_to_its_languages_messages() {
    let portal = spawn_portal().await;
    for (lang, heading) in
        [("fr", "home-heading = Comment pouvons-nous vous aider"), ("en", "home-heading = How can we help you")]
    {
        let (_, html) = portal.page("/", lang).await;
        let start = html.find("id=\"locales\"").expect("the locales link");
        let href = html[start..].split("href=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert!(href.starts_with("/locales/") && href.ends_with(&format!("/shell.{lang}.ftl")), "{href}");
        let response = portal.get(&href, "en").await;
        assert_eq!(response.status(), StatusCode::OK);
        // reqwest here asks for no compression: the plain text; a browser gets the brotli file.
        let brotli = portal.get_with(&href, &[(header::ACCEPT_ENCODING, "gzip, br")]).await;
        assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
        let text = response.text().await.unwrap();
        assert!(text.contains(heading) && text.contains("\nerror-not-found-title = "), "{lang}");
        // The other pages' messages are beside the shell's, preloaded by the pages that need them.
        assert!(!html.contains("id=\"locales-pages\""), "the home page shows the shell's messages only");
        let (_, privacy) = portal.page("/privacy", lang).await;
        let pages_link =
            format!("id=\"locales-pages\" rel=\"preload\" href=\"{}\"", href.replace("/shell.", "/pages."));
        assert!(privacy.contains(&pages_link), "{lang}");
        let pages = portal.get(&href.replace("/shell.", "/pages."), "en").await;
        assert_eq!(pages.status(), StatusCode::OK);
        let pages = pages.text().await.unwrap();
        assert!(pages.contains("\nreview-change = ") && !pages.contains(heading), "{lang}");
    }
    let stale = portal.get("/locales/0000000000000000/shell.fr.ftl", "en").await;
    assert_eq!(stale.status(), StatusCode::OK);
    assert_eq!(stale.headers()[header::CACHE_CONTROL], "no-cache", "an old version is not kept");
    for unknown in
        ["/locales/0/shell.de.ftl", "/locales/0/fr.ftl", "/locales/0/other.fr.ftl", "/locales/0/shell.FR.ftl"]
    {
        assert_eq!(portal.get(unknown, "en").await.status(), StatusCode::NOT_FOUND, "{unknown}");
    }
}

/// Without JavaScript, the switch on a page with a form posts the form: the fields come back into the
/// same page in the other language, unsaved, except passwords and codes; the cookie that carried them is
/// cleared by that page.
#[tokio::test]
async fn the_switch_carries_what_was_typed_into_the_page_in_the_other_language() {
    let portal = spawn_portal().await;
    let (_, html) = portal.page("/feedback", "en").await;
    assert!(html.contains(r#"id="page-form""#) && html.contains(r#"form="page-form" formaction="/language/fr""#));

    let form = [
        ("return", "/feedback"),
        ("easy", "no"),
        ("improve", "Des cartes, s'il vous plaît & merci"),
        ("password", "never carried"),
    ];
    let response = portal
        .http()
        .post(format!("{}/language/fr", portal.base))
        .header(header::ORIGIN, crate::helpers::PUBLIC_URL)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/feedback");
    let cookies: Vec<&str> =
        response.headers().get_all(header::SET_COOKIE).iter().map(|c| c.to_str().unwrap()).collect();
    assert!(cookies[0].starts_with("lang=fr;"), "{cookies:?}");
    let kept = cookies[1].split(';').next().unwrap();
    assert!(kept.starts_with("kept=") && cookies[1].contains("Max-Age=60; HttpOnly"), "{cookies:?}");
    assert!(!kept.contains("never") && !kept.contains("return"), "{kept}");

    let page = portal.get_with("/feedback", &[(header::COOKIE, &format!("lang=fr; {kept}"))]).await;
    let cleared = page.headers()[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(cleared.starts_with("kept=;") && cleared.contains("Max-Age=0"), "{cleared}");
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\""));
    assert!(html.contains("Des cartes, s'il vous plaît &amp; merci</textarea>"), "{html}");
    assert!(html.contains(r#"value="no" checked"#), "the choice is kept");
    assert_eq!(crate::requests::count(&portal, "SELECT count(*) FROM portal_feedback").await, 0, "nothing saved");

    // Another site cannot plant fields (the Origin check), nor send the browser elsewhere.
    let response = portal
        .http()
        .post(format!("{}/language/fr", portal.base))
        .header(header::ORIGIN, "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = portal
        .http()
        .post(format!("{}/language/fr", portal.base))
        .header(header::ORIGIN, crate::helpers::PUBLIC_URL)
        .form(&[("return", "//evil.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[header::LOCATION], "/");
}
