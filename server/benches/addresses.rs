//! Address suggestions on 100 000 address points: `cargo bench -p server --bench addresses`.
//! The built-in file's streets are repeated as 40 "communities" (about 2 200 streets, 100 000 addresses,
//! a city bigger than Greater Sudbury's 3 000 streets and ~75 000 points); every query is timed alone.

use app::addresses::ssr::{AddressIndex, SUGGESTIONS};
use app::addresses::Address;
use std::hint::black_box;
use std::time::{Duration, Instant};
use timing::report;

#[path = "support/timing.rs"]
mod timing;

/// What residents type, keystroke by keystroke included: "2", "20", "200", "200 b", ...
const TYPED: &[&str] = &["200 brady st", "1020 paris", "notre dame azilda", "3100 municipal road 80", "cote blvd 12"];
const ROUNDS: usize = 200;

fn main() {
    let city = server::addresses_file::load(None).expect("the built-in address file");
    let mut addresses = Vec::with_capacity(100_000);
    'fill: for copy in 0.. {
        for a in &city {
            if addresses.len() == 100_000 {
                break 'fill;
            }
            let community = if copy == 0 { a.community.clone() } else { format!("{} {copy}", a.community) };
            addresses.push(Address { id: addresses.len() as i64, community, ..a.clone() });
        }
    }
    let started = Instant::now();
    let index = AddressIndex::new(addresses);
    let build = started.elapsed();

    let mut queries: Vec<String> = Vec::new();
    for typed in TYPED {
        for end in 1..=typed.len() {
            queries.push(typed[..end].to_string());
        }
    }
    let mut samples: Vec<Duration> = Vec::with_capacity(ROUNDS * queries.len());
    for _ in 0..ROUNDS {
        for query in &queries {
            let started = Instant::now();
            black_box(index.suggest(black_box(query), SUGGESTIONS));
            samples.push(started.elapsed());
        }
    }
    let mut nearest: Vec<Duration> = Vec::with_capacity(1_000);
    for i in 0..1_000 {
        let started = Instant::now();
        black_box(index.nearest(46.40 + i as f64 * 0.0003, -81.05 + i as f64 * 0.0002));
        nearest.push(started.elapsed());
    }
    println!("address points: {}, index build: {build:?}", index.len());
    report(&format!("suggest ({} queries typed keystroke by keystroke)", queries.len()), samples);
    report("nearest address (1 000 points)", nearest);
}
