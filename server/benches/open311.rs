//! The Open311 API under load: `cargo bench -p server --bench open311`.
//!
//! The release server runs on a database of 100 000 requests (`support/city_requests.rs`, the staff
//! queue benchmark's); `wrk` (2 threads, 32 connections, 10 s, brotli accepted) asks each address in
//! turn over loopback: the services in JSON and XML, the default request list (the last 90 days, 1 000
//! requests) and a page of 50, as the city runs it (answers kept 5 seconds: `[open311] cache_seconds`);
//! then the two lists from a second server on the same data that keeps nothing, to show what making
//! each answer costs. The readers' limit is lifted for the run: wrk is one client address.

#[path = "support/city_requests.rs"]
mod city_requests;
// Shared with the benches that make accounts; this one only starts the server.
#[allow(dead_code)]
#[path = "support/release.rs"]
mod release;

use release::Release;
use std::process::Command;

const PATHS: [&str; 4] = [
    "/open311/v2/services.json",
    "/open311/v2/services.xml",
    "/open311/v2/requests.json",
    "/open311/v2/requests.json?page_size=50",
];

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let url = format!("sqlite://{}", data.join("portal.sqlite3").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(city_requests::seeded(&url));
    let unlimited = ("PORTAL_OPEN311__READS_PER_MINUTE", "1000000000".to_string());
    let kept = Release::new(data.clone(), std::slice::from_ref(&unlimited));
    let made = Release::new(data, &[unlimited, ("PORTAL_OPEN311__CACHE_SECONDS", "0".into())]);
    let mut children = [kept.start(), made.start()];
    runtime.block_on(async {
        kept.up().await;
        made.up().await;
        let listed: serde_json::Value =
            reqwest::get(format!("{}{}", kept.base, PATHS[2])).await.unwrap().json().await.unwrap();
        println!(
            "{} requests in the database; the default list has {}",
            city_requests::REQUESTS,
            listed.as_array().unwrap().len()
        );
    });
    let runs = PATHS
        .iter()
        .map(|path| (&kept, "kept 5 s", path))
        .chain(PATHS[2..].iter().map(|path| (&made, "made each time", path)));
    for (portal, how, path) in runs {
        let url = format!("{}{path}", portal.base);
        let args = ["-t2", "-c32", "-d10s", "--latency", "-H", "Accept-Encoding: br, gzip", url.as_str()];
        let out = Command::new("wrk").args(args).output().expect("wrk (installed by .ci/install-tools)");
        let text = String::from_utf8_lossy(&out.stdout);
        let wanted =
            |line: &&str| ["Requests/sec", "Latency ", " 50%", " 99%", "Non-2xx"].iter().any(|w| line.contains(w));
        println!("{path} ({how})");
        text.lines().filter(wanted).for_each(|line| println!("  {}", line.trim()));
    }
    for child in &mut children {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
