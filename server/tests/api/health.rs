//! `/health` looks at the database (issue 18): `ok` while it answers and takes a write; 503 while
//! another writer holds it past two seconds, and `ok` again once it lets go.

use crate::helpers::spawn_portal;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

#[tokio::test]
async fn health_says_whether_the_database_takes_writes() {
    let portal = spawn_portal().await;
    let health = || async {
        let response = portal.get("/health", "en").await;
        (response.status(), response.text().await.unwrap())
    };
    assert_eq!(health().await, (StatusCode::OK, "ok".to_string()));

    // Another process holds the write lock (a stuck job, a copy made the wrong way).
    // SQLite's write lock, or on PostgreSQL the portal's advisory lock (`store/postgres.rs`).
    let pool = portal.database().await;
    let mut holder = match portal.is_postgres() {
        false => pool.begin_with("BEGIN IMMEDIATE").await.unwrap(),
        true => pool.begin().await.unwrap(),
    };
    if portal.is_postgres() {
        sqlx::query("SELECT pg_advisory_xact_lock(311)").execute(&mut *holder).await.unwrap();
    }
    let asked = Instant::now();
    assert_eq!(health().await, (StatusCode::SERVICE_UNAVAILABLE, "database unavailable".to_string()));
    let waited = asked.elapsed();
    assert!(waited >= Duration::from_millis(1900) && waited < Duration::from_secs(5), "{waited:?}");
    holder.rollback().await.unwrap();
    pool.close().await;
    assert_eq!(health().await, (StatusCode::OK, "ok".to_string()));
}
