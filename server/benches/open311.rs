//! The Open311 API under load: `cargo bench -p server --bench open311`.
//!
//! The release server runs on a database of 100 000 requests (`support/city_requests.rs`, the staff
//! queue benchmark's); `wrk` (2 threads, 32 connections, 10 s, brotli accepted) asks each address in
//! turn over loopback: the services in JSON and XML, the default request list (the last 90 days, 1 000
//! requests) and a page of 50; the two lists again without compression, to show what it costs. The
//! readers' limit is lifted for the run: wrk is one client address.

#[path = "support/city_requests.rs"]
mod city_requests;
// Shared with the benches that make accounts; this one only starts the server.
#[allow(dead_code)]
#[path = "support/release.rs"]
mod release;

use release::Release;
use std::process::Command;

/// Each address, and the encodings the client accepts.
const PATHS: [(&str, &str); 6] = [
    ("/open311/v2/services.json", "br, gzip"),
    ("/open311/v2/services.xml", "br, gzip"),
    ("/open311/v2/requests.json", "br, gzip"),
    ("/open311/v2/requests.json?page_size=50", "br, gzip"),
    ("/open311/v2/requests.json", "identity"),
    ("/open311/v2/requests.json?page_size=50", "identity"),
];

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let url = format!("sqlite://{}", data.join("portal.sqlite3").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(city_requests::seeded(&url));
    let portal = Release::new(data, &[("PORTAL_OPEN311__READS_PER_MINUTE", "1000000000".into())]);
    let mut child = portal.start();
    runtime.block_on(async {
        portal.up().await;
        let listed: serde_json::Value =
            reqwest::get(format!("{}{}", portal.base, PATHS[2].0)).await.unwrap().json().await.unwrap();
        println!(
            "{} requests in the database; the default list has {}",
            city_requests::REQUESTS,
            listed.as_array().unwrap().len()
        );
    });
    for (path, encodings) in PATHS {
        let url = format!("{}{path}", portal.base);
        let accept = format!("Accept-Encoding: {encodings}");
        let args = ["-t2", "-c32", "-d10s", "--latency", "-H", accept.as_str(), url.as_str()];
        let out = Command::new("wrk").args(args).output().expect("wrk (installed by .ci/install-tools)");
        let text = String::from_utf8_lossy(&out.stdout);
        let wanted =
            |line: &&str| ["Requests/sec", "Latency ", " 50%", " 99%", "Non-2xx"].iter().any(|w| line.contains(w));
        println!("{path} (Accept-Encoding: {encodings})");
        text.lines().filter(wanted).for_each(|line| println!("  {}", line.trim()));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
