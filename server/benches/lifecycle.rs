//! The staff queue and a resident's timeline on 100 000 requests: `cargo bench -p server --bench lifecycle`.
//!
//! With `PORTAIL311_TEST_POSTGRES` naming a PostgreSQL server (as `.ci/bench` does), the same again on
//! a database made afresh there.
//!
//! A fresh SQLite file (WAL, as the portal runs it) gets 5 000 residents and 100 000 requests over three
//! years, in the proportions of a 311 service (most completed or closed), with two events each; one
//! request has a long timeline (24 events, 4 photos). Then each queue filter staff use and the timeline
//! are timed as the server computes them (the store's queries and the view built from them), in process.

use app::lifecycle::ssr::{request_view, LifecycleStore, Loaded};
use app::requests::model::Reference;
use app::requests::ssr::RequestStore;
use app::staff::model::QueueFilter;
use app::staff::ssr::{parse_filter, QueueStore};
use city_requests::seeded;
use std::time::{Duration, Instant};
use timing::report;

#[path = "support/city_requests.rs"]
mod city_requests;
#[path = "support/postgres.rs"]
mod postgres;
#[path = "support/timing.rs"]
mod timing;

const ROUNDS: usize = 50;

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut databases = vec![("SQLite", format!("sqlite://{}", folder.path().join("bench.sqlite3").display()))];
    // And on PostgreSQL, in a database of its own made afresh, when a server is named.
    if let Ok(server) = std::env::var("PORTAIL311_TEST_POSTGRES") {
        let url = runtime.block_on(postgres::fresh_postgres(&server, "portail311_bench_lifecycle"));
        databases.push(("PostgreSQL", url));
    }
    for (engine, url) in databases {
        println!("== {engine}");
        runtime.block_on(measure(&url));
    }
}

async fn measure(url: &str) {
    {
        let (store, catalogue, services) = seeded(url).await;

        let settings = server::config::Settings::load().unwrap();
        let city = settings.city;
        let today = city.date_of(jiff::Timestamp::now());
        let now = jiff::Timestamp::now().as_second();
        let filter = |f: QueueFilter| parse_filter(&catalogue, &f, today, now);
        let cases: Vec<(&str, QueueFilter)> = vec![
            ("open requests, first page", QueueFilter::default()),
            ("open requests, page 100", QueueFilter { page: 100, ..Default::default() }),
            ("status in progress", QueueFilter { status: "in_progress".into(), ..Default::default() }),
            ("one service, open", QueueFilter { service: services[0].clone(), ..Default::default() }),
            (
                "one category, all statuses",
                QueueFilter { category: "roads".into(), status: "all".into(), ..Default::default() },
            ),
            ("overdue", QueueFilter { overdue: true, ..Default::default() }),
            ("received more than 30 days ago", QueueFilter { age: "30".into(), ..Default::default() }),
            ("resident added information", QueueFilter { attention: true, ..Default::default() }),
            (
                "search by reference",
                QueueFilter { q: "2025-050002".into(), status: "all".into(), ..Default::default() },
            ),
            (
                "search an address, all statuses",
                QueueFilter { q: "lasalle".into(), status: "all".into(), ..Default::default() },
            ),
            ("search a name, open", QueueFilter { q: "Tremblay 42".into(), ..Default::default() }),
        ];
        for (what, case) in cases {
            let query = filter(case);
            let mut samples = Vec::with_capacity(ROUNDS);
            let mut found = 0;
            for _ in 0..ROUNDS {
                let started = Instant::now();
                let (rows, total) = store.queue(&query).await.unwrap();
                samples.push(started.elapsed());
                found = total.max(rows.len() as u64);
            }
            report(&format!("queue: {what} ({found} match)"), samples);
        }

        let reference = Reference::parse("2026-000001").unwrap();
        let mut samples: Vec<Duration> = Vec::with_capacity(ROUNDS * 20);
        let mut events = 0;
        for _ in 0..ROUNDS * 20 {
            let started = Instant::now();
            let request = store.request(&reference).await.unwrap().unwrap();
            let loaded = Loaded {
                events: store.events(&reference).await.unwrap(),
                files: store.request_files(&reference).await.unwrap(),
                request,
            };
            let view = request_view(&city, &catalogue, loaded).for_resident();
            samples.push(started.elapsed());
            events = view.events.len();
        }
        report(&format!("a resident's timeline ({events} events shown, 4 photos)"), samples);
    }
}
