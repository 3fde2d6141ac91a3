//! Sixty seconds of a realistic mix against the release server: `cargo bench -p server --bench sustained`.
//!
//! At a steady pace, whatever the answers' speed (open loop, so a slow server is not given time to
//! recover): readers browse the home page, a search, a category and a service (300 pages a second in
//! all), a resident reloads their request's page and an agent the staff queue (5 a second each), someone
//! signs in every second (a password hash each), and submissions arrive at 50 a second (drafts prepared
//! beforehand, as in the submissions bench). Prints, per kind: answers per second, p50, p99 and errors
//! (anything but 200; for sign-ins, anything but the 401 of a wrong password).

#[path = "../tests/authenticator/mod.rs"]
mod authenticator;
#[path = "support/release.rs"]
mod release;

use release::Release;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SECONDS: u64 = 60;
const SUBMISSIONS_PER_SECOND: u64 = 50;
const PAGES_PER_SECOND: u64 = 300;
const PASSWORD: &str = "lampadaire vert du lac Ramsey";

type Samples = Arc<Mutex<BTreeMap<&'static str, Vec<(Duration, bool)>>>>;

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let portal = Release::new(folder.path().join("data"), &[]);
    let token = portal.create_account(&["create-admin", "--email", "bench@example.ca", "--name", "Bench"]);
    let mut child = portal.start();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        portal.up().await;
        let base = portal.base.clone();
        let staff = client();
        post(&staff, &base, "accounts/set_password", &[("token", &token), ("new_password", PASSWORD)]).await;
        post(&staff, &base, "accounts/sign_in", &[("email", "bench@example.ca"), ("password", PASSWORD)]).await;
        let enrolment: serde_json::Value = post(&staff, &base, "accounts/two_factor", &[]).await.json().await.unwrap();
        let key = enrolment["Enrol"]["key"].as_str().expect("the authenticator's key").to_string();
        post(&staff, &base, "accounts/two_factor/prove", &[("code", &authenticator::app_code(&key, 0))]).await;
        let drafts = prepare_drafts(&staff, &base, &folder.path().join("data/portal.sqlite3")).await;
        let first: serde_json::Value =
            post(&staff, &base, "requests/submit", &[("draft", &drafts[0])]).await.json().await.unwrap();
        let request_page = first.as_str().expect("the first request's page").to_string();

        let samples: Samples = Arc::default();
        let deadline = Instant::now() + Duration::from_secs(SECONDS);
        let public = client();
        let pages = ["/", "/search?q=nid+de+poule", "/categories/roads", "/services/pothole"];
        let mut tasks = vec![
            paced(PAGES_PER_SECOND, deadline, samples.clone(), move |n| {
                let (client, url) = (public.clone(), format!("{base}{}", pages[n % pages.len()]));
                async move { ("page", get(&client, &url).await) }
            }),
            paced(5, deadline, samples.clone(), {
                let (client, url) = (staff.clone(), format!("{}{request_page}", portal.base));
                move |_| {
                    let (client, url) = (client.clone(), url.clone());
                    async move { ("request page", get(&client, &url).await) }
                }
            }),
            paced(5, deadline, samples.clone(), {
                let (client, url) = (staff.clone(), format!("{}/staff", portal.base));
                move |_| {
                    let (client, url) = (client.clone(), url.clone());
                    async move { ("staff queue", get(&client, &url).await) }
                }
            }),
            // A different person each second (one account would meet its own limit after five): the address
            // has no account, so the answer is 401 after the same argon2 work as a real one.
            paced(1, deadline, samples.clone(), {
                let base = portal.base.clone();
                move |n| {
                    let base = base.clone();
                    async move {
                        let email = format!("person{n}@example.ca");
                        let form = [("email", email.as_str()), ("password", PASSWORD)];
                        let answer = post(&client(), &base, "accounts/sign_in", &form).await;
                        ("sign-in", answer.status() == reqwest::StatusCode::UNAUTHORIZED)
                    }
                }
            }),
        ];
        let drafts = Arc::new(drafts);
        tasks.push(paced(SUBMISSIONS_PER_SECOND, deadline, samples.clone(), {
            let (client, base) = (staff.clone(), portal.base.clone());
            move |n| {
                let (client, base, draft) = (client.clone(), base.clone(), drafts[1 + n].clone());
                async move {
                    let answer = post(&client, &base, "requests/submit", &[("draft", &draft)]).await;
                    ("submission", answer.status().is_success())
                }
            }
        }));
        for task in tasks {
            task.await.unwrap();
        }
        report(&samples.lock().unwrap());
    });
    let _ = child.kill();
    let _ = child.wait();
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

async fn post(client: &reqwest::Client, base: &str, function: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let response = client
        .post(format!("{base}/api/{function}"))
        .header("Origin", base)
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    response
}

/// Whether a page came, whole, with 200.
async fn get(client: &reqwest::Client, url: &str) -> bool {
    match client.get(url).header("Accept-Language", "fr-CA").send().await {
        Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
        Err(_) => false,
    }
}

/// Drafts ready to submit, one for each submission of the run (and one more), made as the submissions
/// bench makes them: the row in the database, the address and answers through the portal.
async fn prepare_drafts(client: &reqwest::Client, base: &str, database: &std::path::Path) -> Vec<String> {
    let database = sqlx::SqlitePool::connect(&format!("sqlite://{}", database.display())).await.unwrap();
    let account: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'bench@example.ca'")
        .fetch_one(&database)
        .await
        .unwrap();
    // One more than the run needs, and some: the pace catches up on a late tick.
    let count = (SECONDS * SUBMISSIONS_PER_SECOND + 100) as usize;
    let drafts: Vec<String> = (0..count).map(|n| format!("{:0>43}", format!("sustained{n}"))).collect();
    for draft in &drafts {
        sqlx::query(
            "INSERT INTO drafts (id, account_id, service_code, created_at, updated_at) \
             VALUES (?, ?, 'pothole', unixepoch(), unixepoch())",
        )
        .bind(draft)
        .bind(account)
        .execute(&database)
        .await
        .unwrap();
    }
    let work: Vec<_> = drafts
        .chunks(count.div_ceil(8))
        .map(|chunk| {
            let (client, base, chunk) = (client.clone(), base.to_string(), chunk.to_vec());
            tokio::spawn(async move {
                for draft in chunk {
                    post(&client, &base, "requests/place", &[("draft", &draft), ("address", "106793")]).await;
                    let details = [("draft", draft.as_str()), ("answers[size][0]", "large"), ("description", "Deep.")];
                    post(&client, &base, "requests/details", &details).await;
                }
            })
        })
        .collect();
    for task in work {
        task.await.unwrap();
    }
    drafts
}

/// Calls `make(n)` `per_second` times a second until `deadline`, each call on its own task, and records
/// how long each took and whether it worked.
fn paced<F, Fut>(per_second: u64, deadline: Instant, samples: Samples, make: F) -> tokio::task::JoinHandle<()>
where
    F: Fn(usize) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = (&'static str, bool)> + Send + 'static,
{
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(Duration::from_micros(1_000_000 / per_second));
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
        let mut running = Vec::new();
        let mut n = 0;
        while Instant::now() < deadline {
            ticks.tick().await;
            let (call, samples) = (make(n), samples.clone());
            running.push(tokio::spawn(async move {
                let started = Instant::now();
                let (kind, ok) = call.await;
                samples.lock().unwrap().entry(kind).or_default().push((started.elapsed(), ok));
            }));
            n += 1;
        }
        for call in running {
            call.await.unwrap();
        }
    })
}

fn report(samples: &BTreeMap<&'static str, Vec<(Duration, bool)>>) {
    println!("{SECONDS} s, open loop: {PAGES_PER_SECOND} pages/s, {SUBMISSIONS_PER_SECOND} submissions/s, 5 request pages/s, 5 queue pages/s, 1 sign-in/s");
    for (kind, calls) in samples {
        let mut times: Vec<Duration> = calls.iter().map(|(time, _)| *time).collect();
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        let errors = calls.iter().filter(|(_, ok)| !ok).count();
        println!(
            "{kind:>13}: {:>6} answers ({:>5.1}/s), p50 {:>9.1?}, p99 {:>9.1?}, max {:>9.1?}, errors {errors}",
            calls.len(),
            calls.len() as f64 / SECONDS as f64,
            at(0.5),
            at(0.99),
            at(1.0),
        );
    }
}
