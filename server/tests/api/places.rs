//! Any place in the city (issue 16): a corner of two streets, a named place, a point on the map, each with
//! "where exactly"; the city-limits check, the duplicate hint, and what each reader sees.

use crate::helpers::{spawn_portal, TestPortal};
use crate::requests::{signed_in, start, suggest};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn place(portal: &TestPortal, draft: &str, address: &str, note: &str) -> (StatusCode, Value) {
    portal.call_api("requests/place", &[("draft", draft), ("address", address), ("place_note", note)]).await
}

async fn draft_view(portal: &TestPortal, draft: &str) -> Value {
    let (status, view) = portal.call_api("requests/draft", &[("draft", draft), ("step", "review")]).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

#[tokio::test]
async fn corners_and_named_places_are_suggested_in_both_languages() {
    let portal = spawn_portal().await;
    for typed in ["brady & paris", "Paris and Brady", "rue brady et rue paris"] {
        let found = suggest(&portal, typed).await;
        assert_eq!(found.len(), 1, "{typed}: {found:?}");
        assert_eq!(found[0]["label"], "Brady St & Paris St, Sudbury");
        assert!(found[0]["value"].as_str().unwrap().starts_with("corner:"));
    }
    for typed in ["parc bell", "Bell Park", "big nickel", "gros cinq"] {
        let found = suggest(&portal, typed).await;
        assert!(found[0]["value"].as_str().unwrap().starts_with("place:"), "{typed}: {found:?}");
    }
    assert_eq!(suggest(&portal, "science nord").await[0]["label"], "Science North | Science Nord");

    // The map: its settings, and its centre as a place (near an address, or by its coordinates).
    let (status, map) = portal.call_api("addresses/map", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(map["tiles"].as_str().unwrap().contains("{z}/{x}/{y}"), "{map}");
    let (status, pin) = portal.call_api("addresses/pin", &[("latitude", "46.49063"), ("longitude", "-80.99281")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(pin["label"], "Near 200 Brady St, Sudbury | Près du 200, rue Brady, Sudbury");
    assert_eq!(pin["value"], "pin:46.49063,-80.99281");
    let (status, refusal) =
        portal.call_api("addresses/pin", &[("latitude", "45.4215"), ("longitude", "-75.6972")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "Ottawa");
    assert_eq!(refusal, json!({ "Invalid": [{ "field": "address", "problem": "address-outside-city" }] }));
}

#[tokio::test]
async fn a_request_at_a_corner_with_where_exactly_reads_in_each_language() {
    let portal = spawn_portal().await;
    signed_in(&portal, "coin@example.ca").await;
    let draft = start(&portal, "pothole").await;
    let corner = suggest(&portal, "brady & paris").await.remove(0);
    let corner = corner["value"].as_str().unwrap();
    let (status, next) = place(&portal, &draft, corner, "  côté nord,   devant l'abribus ").await;
    assert_eq!((status, next), (StatusCode::OK, json!(format!("/requests/drafts/{draft}/details"))));
    let view = draft_view(&portal, &draft).await;
    assert_eq!(view["place"]["label"], "Brady St & Paris St, Sudbury");
    assert_eq!(view["place"]["address_id"], Value::Null);
    assert_eq!(view["place_note"], "côté nord, devant l'abribus", "one line, spaces tidied");

    // The page shows the place as each language writes it, and the note.
    let (_, html) = portal.page(&format!("/requests/drafts/{draft}/where"), "fr").await;
    assert!(html.contains(">rue Brady et rue Paris, Sudbury<"), "{html}");
    assert!(html.contains(r#"value="côté nord, devant l'abribus""#), "{html}");
    // Kept as it is when the step is sent again without another choice.
    let (status, _) = place(&portal, &draft, "kept", "côté sud").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(draft_view(&portal, &draft).await["place"]["label"], "Brady St & Paris St, Sudbury");

    let details = [("draft", draft.as_str()), ("answers[size][0]", "large"), ("description", "")];
    assert_eq!(portal.call_api("requests/details", &details).await.0, StatusCode::OK);
    let (status, page) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (_, html) = portal.page(page.as_str().unwrap(), "fr").await;
    assert!(html.contains("rue Brady et rue Paris, Sudbury") && html.contains("côté sud"), "{html}");
    let (_, html) = portal.page(page.as_str().unwrap(), "en").await;
    assert!(html.contains("Brady St &amp; Paris St, Sudbury") && html.contains("côté sud"));

    // A neighbour reporting the same corner is pointed to it before submitting, and never sees the note.
    let neighbour = portal.another_browser();
    signed_in(&neighbour, "voisin@example.ca").await;
    let second = start(&neighbour, "pothole").await;
    assert_eq!(place(&neighbour, &second, corner, "").await.0, StatusCode::OK);
    let view = draft_view(&neighbour, &second).await;
    assert_eq!(view["nearby"]["address"], "Brady St & Paris St, Sudbury");
    let (status, _) = neighbour.call_api("requests/follow", &[("draft", &second)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = neighbour.page(page.as_str().unwrap(), "fr").await;
    assert!(html.contains("rue Brady et rue Paris") && !html.contains("côté sud"), "a follower sees no note");
}

#[tokio::test]
async fn named_places_and_map_points_inside_the_city_only_and_nothing_half_saved() {
    let portal = spawn_portal().await;
    signed_in(&portal, "parc@example.ca").await;
    let draft = start(&portal, "pothole").await;

    assert_eq!(place(&portal, &draft, "place:bell-park", "").await.0, StatusCode::OK);
    let view = draft_view(&portal, &draft).await;
    assert_eq!(view["place"]["label"], "Bell Park | Parc Bell");
    let (_, html) = portal.page(&format!("/requests/drafts/{draft}/review"), "fr").await;
    assert!(html.contains(">Parc Bell<"), "{html}");

    // A map point in the bush inside the city limits, far from any address: its coordinates.
    assert_eq!(place(&portal, &draft, "pin:46.6,-81.3", "sentier, 2 km du stationnement").await.0, StatusCode::OK);
    let view = draft_view(&portal, &draft).await;
    assert_eq!(
        view["place"]["label"],
        "Point on the map (46.60000, -81.30000) | Point sur la carte (46.60000, -81.30000)"
    );

    // Refused, and the place and note saved before stay as they were: outside the city, an unknown
    // place, a corner of streets that do not meet, a note too long, a draft that is not theirs.
    let long = "x".repeat(201);
    let refusals = [
        ("pin:45.4215,-75.6972", "", "address", "address-outside-city"),
        ("place:nowhere", "", "address", "address-not-chosen"),
        ("corner:100001:100002", "", "address", "address-not-chosen"),
        ("pin:abc", "", "address", "address-not-chosen"),
        ("place:bell-park", long.as_str(), "place_note", "too-long"),
    ];
    for (address, note, field, problem) in refusals {
        let (status, error) = place(&portal, &draft, address, note).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{address}");
        assert_eq!(error, json!({ "Invalid": [{ "field": field, "problem": problem }] }), "{address}");
    }
    let view = draft_view(&portal, &draft).await;
    assert!(view["place"]["label"].as_str().unwrap().starts_with("Point on the map"));
    assert_eq!(view["place_note"], "sentier, 2 km du stationnement");

    let other = portal.another_browser();
    assert_eq!(place(&other, &draft, "place:bell-park", "").await.0, StatusCode::UNAUTHORIZED, "signed out");
    signed_in(&other, "autre@example.ca").await;
    assert_eq!(place(&other, &draft, "place:bell-park", "").await.0, StatusCode::NOT_FOUND, "another resident");
    let form = [("draft", draft.as_str()), ("address", "place:bell-park")];
    let url = format!("{}/api/requests/place", portal.base);
    let refused = portal.http().post(url).header("origin", "https://evil.example").form(&form).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "another site");
    assert!(draft_view(&portal, &draft).await["place"]["label"].as_str().unwrap().starts_with("Point on the map"));
}
