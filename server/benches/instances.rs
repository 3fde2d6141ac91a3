//! Submissions on SQLite and on PostgreSQL, with one instance and with two on one database:
//! `PORTAIL311_TEST_POSTGRES=postgres://…/postgres cargo bench -p server --bench instances` (`.ci/bench`).
//!
//! For each shape, release servers start on a fresh database; 200 drafts are prepared (made in the
//! database, then given an address and answers through the portal), and only the "Submit" calls are
//! timed, from 8 clients at once — with two instances, half the clients go to each. Reported: submissions
//! a second and each call's p50 and p99, all in one run so that the ratios compare.

#[path = "support/postgres.rs"]
mod postgres;
#[path = "support/release.rs"]
mod release;
#[path = "support/submit.rs"]
mod submit;

use release::Release;
use std::time::{Duration, Instant};

const DRAFTS: usize = 200;
const CLIENTS: usize = 8;

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let Ok(server) = std::env::var("PORTAIL311_TEST_POSTGRES") else {
        eprintln!("PORTAIL311_TEST_POSTGRES must name a PostgreSQL server (postgres://…/postgres)");
        std::process::exit(2);
    };
    let sqlite = tempfile::tempdir().unwrap();
    let sqlite_url = format!("sqlite://{}", sqlite.path().join("data/portal.sqlite3").display());
    let shapes = [("SQLite, one instance", 1), ("PostgreSQL, one instance", 1), ("PostgreSQL, two instances", 2)];
    for (n, (shape, instances)) in shapes.into_iter().enumerate() {
        let url = match n {
            0 => sqlite_url.clone(),
            _ => runtime.block_on(postgres::fresh_postgres(&server, &format!("portail311_bench_instances_{n}"))),
        };
        let (rate, p50, p99) = runtime.block_on(measure(&url, instances));
        println!("{shape}: {rate:.0} submissions/s from {CLIENTS} clients, p50 {p50:?}, p99 {p99:?}");
    }
}

/// Starts `instances` servers on `url`, prepares the drafts and times their submission.
async fn measure(url: &str, instances: usize) -> (f64, Duration, Duration) {
    let folders: Vec<_> = (0..instances).map(|_| tempfile::tempdir().unwrap()).collect();
    let settings = [("PORTAL_SERVER__DATABASE_URL", url.to_string())];
    let mut servers: Vec<Release> = folders.iter().map(|f| Release::new(f.path().join("data"), &settings)).collect();
    if url.starts_with("sqlite:") {
        // SQLite lives in the (one) instance's data folder.
        let data = url.trim_start_matches("sqlite://").trim_end_matches("/portal.sqlite3");
        servers = vec![Release::new(data.into(), &settings)];
    }
    let token = servers[0].create_account(&["create-admin", "--email", "bench@example.ca", "--name", "Bench"]);
    let mut children: Vec<_> = servers.iter().map(Release::start).collect();
    for server in &servers {
        server.up().await;
    }
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let base = servers[0].base.clone();
    let call = |base: String, path: &str, form: Vec<(&str, String)>| {
        client
            .post(format!("{base}/api/{path}"))
            .header("Origin", &base)
            .header("Accept", "application/json")
            .form(&form)
            .send()
    };
    let password = "lampadaire vert du lac Ramsey".to_string();
    call(base.clone(), "accounts/set_password", vec![("token", token), ("new_password", password.clone())])
        .await
        .unwrap();
    let signed =
        call(base.clone(), "accounts/sign_in", vec![("email", "bench@example.ca".into()), ("password", password)]);
    assert!(signed.await.unwrap().status().is_success());

    sqlx::any::install_default_drivers();
    let database = sqlx::AnyPool::connect(url).await.unwrap();
    let account: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'bench@example.ca'")
        .fetch_one(&database)
        .await
        .unwrap();
    let now = jiff::Timestamp::now().as_second();
    let mut drafts = Vec::new();
    for n in 0..DRAFTS {
        // A draft's id is 43 URL-safe characters.
        let draft = format!("{:0>43}", format!("bench{n}"));
        sqlx::query(
            "INSERT INTO drafts (id, account_id, service_code, created_at, updated_at) VALUES ($1, $2, 'pothole', $3, $4)",
        )
        .bind(&draft)
        .bind(account)
        .bind(now)
        .bind(now)
        .execute(&database)
        .await
        .unwrap();
        call(base.clone(), "requests/place", vec![("draft", draft.clone()), ("address", "106793".into())])
            .await
            .unwrap();
        let details =
            vec![("draft", draft.clone()), ("answers[size][0]", "large".into()), ("description", "Deep.".into())];
        call(base.clone(), "requests/details", details).await.unwrap();
        drafts.push(draft);
    }
    database.close().await;

    let started = Instant::now();
    let bases: Vec<String> = servers.iter().map(|server| server.base.clone()).collect();
    let mut took = submit::submit_together(&client, &bases, &drafts, CLIENTS).await;
    let rate = DRAFTS as f64 / started.elapsed().as_secs_f64();
    took.sort();
    let (p50, p99) = (took[took.len() / 2], took[took.len() * 99 / 100]);
    for child in &mut children {
        let _ = child.kill();
        let _ = child.wait();
    }
    (rate, p50, p99)
}
