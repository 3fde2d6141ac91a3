//! `server copy-data --to postgres://…`: a city's SQLite database moved to PostgreSQL, and a portal
//! started there carries on — the same accounts, passwords, requests, photos and reference numbers.

use crate::helpers::{settings_of, spawn_portal_on, Data, PASSWORD};
use crate::lifecycle::{change, staff};
use crate::requests::{count, filed_with_photo, filled};
use reqwest::StatusCode;

#[tokio::test]
async fn a_city_moves_from_sqlite_to_postgresql_and_carries_on() {
    let Some(target) = Data::postgres() else {
        eprintln!("copy-data: skipped, PORTAIL311_TEST_POSTGRES names no PostgreSQL server");
        return;
    };
    let portal = spawn_portal_on(Data::sqlite(), "").await;
    // Accounts before requests: a registration's link is then the outbox's last e-mail.
    let agent = staff(&portal, "ana@grandsudbury.ca", "agent").await;
    let (reference, file) = filed_with_photo(&portal).await;
    change(&agent, &reference, &[("status", "in_progress"), ("note", "Équipe en route"), ("visibility", "public")])
        .await;
    let tables = ["accounts", "requests", "request_events", "attachments", "notifications", "sessions"];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&portal, &format!("SELECT count(*) FROM {table}")).await);
    }

    // The command is for a stopped portal; this one is idle, and SQLite lets a reader in beside it.
    let settings = settings_of(&portal);
    let to = target.database_url();
    let args = |to: &str| vec!["--to".to_string(), to.to_string()];
    let copied = server::copy_data::copy_data(&settings, &args(&to)).await.unwrap();
    assert!(copied.rows.iter().any(|(table, n)| *table == "requests" && *n == 1), "{copied:?}");
    let again = server::copy_data::copy_data(&settings, &args(&to)).await.unwrap_err();
    assert!(format!("{again:#}").contains("empty database"), "{again:#}");
    let wrong = server::copy_data::copy_data(&settings, &args("sqlite://elsewhere.sqlite3")).await.unwrap_err();
    assert!(format!("{wrong:#}").contains("postgres://"), "{wrong:#}");

    // The files folder goes along (a bucket would with --files-to); a portal started on PostgreSQL.
    server::backup::copy_folder(&portal.data_dir().join("files"), &target.path().join("files")).unwrap();
    let moved = spawn_portal_on(target, "").await;
    for (table, n) in tables.iter().zip(before) {
        assert_eq!(count(&moved, &format!("SELECT count(*) FROM {table}")).await, n, "{table}");
    }
    let (status, _) = moved.call("sign_in", &[("email", "marie@example.ca"), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK, "the password still works");
    let (status, page) = moved.call_api("requests/page", &[("reference", &reference)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.to_string().contains("Équipe en route"), "{page}");
    assert_eq!(moved.get(&format!("/requests/files/{file}"), "fr").await.status(), StatusCode::OK);
    // Numbers and ids carry on after the copied ones.
    let (draft, _) = filled(&moved).await;
    let (status, next) = moved.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{next}");
    assert!(next.as_str().unwrap().ends_with("-000002"), "{next}");
}
