//! `server backup` while the portal runs, and a portal started on the copy (the restore README describes).

use crate::helpers::{run_on_copy, settings_of, spawn_portal_on, Data, PASSWORD};
use crate::requests::filed_with_photo;
use reqwest::StatusCode;

#[tokio::test]
async fn a_backup_taken_while_the_portal_runs_restores_its_requests_and_photos() {
    // A backup copies an SQLite file (PostgreSQL is backed up with its own tools).
    let portal = spawn_portal_on(Data::sqlite(), "").await;
    let (reference, file) = filed_with_photo(&portal).await;
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
