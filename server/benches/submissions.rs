//! Submissions per second on SQLite: `cargo bench -p server --bench submissions`.
//!
//! The release server (`target/release/server`) runs on a fresh data folder. Drafts are prepared (made
//! in the database, since the portal limits how fast one account starts them; address, answers, and for
//! the second run two photos through the portal), then only the final "Submit" calls are timed,
//! over HTTP, one after another and from 8 clients at once. The same run measures the bare commit rate of
//! SQLite on the same disk in the same mode (WAL, synchronous = NORMAL): one-row insert transactions.

#[path = "support/release.rs"]
mod release;
#[path = "support/submit.rs"]
mod submit;
mod support;

use release::Release;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use std::str::FromStr;
use std::time::Instant;

const DRAFTS: usize = 200;
const CLIENTS: usize = 8;

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let portal = Release::new(folder.path().join("data"), &[]);
    let token = portal.create_account(&["create-admin", "--email", "bench@example.ca", "--name", "Bench"]);
    let mut child = portal.start();
    let base = portal.base.clone();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
        let call = |path: &str, form: Vec<(&str, String)>| {
            client
                .post(format!("{base}/api/{path}"))
                .header("Origin", &base)
                .header("Accept", "application/json")
                .form(&form)
                .send()
        };
        portal.up().await;
        let password = "lampadaire vert du lac Ramsey".to_string();
        call("accounts/set_password", vec![("token", token.clone()), ("new_password", password.clone())]).await.unwrap();
        let signed = call("accounts/sign_in", vec![("email", "bench@example.ca".into()), ("password", password)]).await;
        assert!(signed.unwrap().status().is_success());
        let photo = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/phone-photo.jpg")).unwrap();
        let database = sqlx::SqlitePool::connect(&format!("sqlite://{}", folder.path().join("data/portal.sqlite3").display()))
            .await
            .unwrap();
        let account: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'bench@example.ca'")
            .fetch_one(&database)
            .await
            .unwrap();

        for photos in [0, 2] {
            let mut drafts = Vec::new();
            for _ in 0..DRAFTS * 2 {
                // A draft's id is 43 URL-safe characters.
                let draft = format!("{:0>43}", format!("bench{}-{photos}", drafts.len()));
                sqlx::query(
                    "INSERT INTO drafts (id, account_id, service_code, created_at, updated_at) \
                     VALUES (?, ?, 'pothole', unixepoch(), unixepoch())",
                )
                .bind(&draft)
                .bind(account)
                .execute(&database)
                .await
                .unwrap();
                call("requests/place", vec![("draft", draft.clone()), ("address", "106793".into())]).await.unwrap();
                let details = vec![("draft", draft.clone()), ("answers[size][0]", "large".into()), ("description", "Deep.".into())];
                call("requests/details", details).await.unwrap();
                for _ in 0..photos {
                    support::upload_photo(&client, &base, &draft, photo.clone()).await;
                }
                drafts.push(draft);
            }
            let (one_by_one, together) = drafts.split_at(DRAFTS);
            let started = Instant::now();
            for draft in one_by_one {
                let response = call("requests/submit", vec![("draft", draft.clone())]).await.unwrap();
                assert!(response.status().is_success());
            }
            let sequential = DRAFTS as f64 / started.elapsed().as_secs_f64();
            let started = Instant::now();
            submit::submit_together(&client, std::slice::from_ref(&base), together, CLIENTS).await;
            let concurrent = DRAFTS as f64 / started.elapsed().as_secs_f64();
            println!(
                "submissions with {photos} photos: {sequential:.0}/s one after another, {concurrent:.0}/s from {CLIENTS} clients"
            );
        }
        let commits = bare_commits(&folder.path().join("bare.sqlite3")).await;
        println!("bare SQLite (WAL, synchronous NORMAL), one-row insert transactions: {commits:.0}/s");
    });
    let _ = child.kill();
    let _ = child.wait();
}

/// One-row insert transactions per second, in the portal's SQLite mode, on the same disk.
async fn bare_commits(file: &std::path::Path) -> f64 {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", file.display()))
        .unwrap()
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)").execute(&pool).await.unwrap();
    let started = Instant::now();
    for _ in 0..5_000 {
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("INSERT INTO t (payload) VALUES ('Profond, voie de droite.')").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
    }
    5_000.0 / started.elapsed().as_secs_f64()
}
