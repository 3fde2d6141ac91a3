//! `server backup` while the portal runs, and a portal started on the copy (the restore README describes).

use crate::helpers::{run_on_copy, settings_of, spawn_portal, PASSWORD};
use crate::requests::{filled, fixture, signed_in, upload};
use reqwest::StatusCode;

#[tokio::test]
async fn a_backup_taken_while_the_portal_runs_restores_its_requests_and_photos() {
    let portal = spawn_portal().await;
    signed_in(&portal, "marie@example.ca").await;
    let (draft, _) = filled(&portal).await;
    let (status, added) = upload(&portal, &draft, &[("trou.jpg", fixture("phone-photo.jpg"))]).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    let file = added[0]["id"].as_str().unwrap().to_string();
    let (status, page) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let reference = page.as_str().unwrap().trim_start_matches("/requests/").to_string();
    let photo = portal.get(&format!("/requests/files/{file}"), "fr").await.bytes().await.unwrap();

    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().join("backup");
    let settings = settings_of(&portal);
    let copied = server::backup::backup(&settings, &to).await.unwrap();
    assert!(copied.files >= 1, "{copied:?}");
    assert!(server::backup::backup(&settings, &to).await.is_err(), "never into a folder in use");

    // Restored: a fresh data folder holding the copy, and a portal started on it.
    let restored = run_on_copy(&to).await;
    let (status, _) = restored.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, page) = restored.call_api("requests/page", &[("reference", &reference)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let again = restored.get(&format!("/requests/files/{file}"), "fr").await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.bytes().await.unwrap(), photo);
}
