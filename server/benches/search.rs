//! Server-side search latency on the real catalogue: `cargo bench -p server --bench search`.
//! A plain timing loop (no harness): what we need is a few numbers for docs/PERFORMANCE.md, repeatably.

use app::catalogue::SearchIndex;
use std::hint::black_box;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "nid de poule",
    "pothole",
    "lampadaire brisé",
    "chien qui jappe",
    "garbage not picked up",
    "bac vert",
    "snow plow missed my street",
    "déneigement trottoir",
    "lampadiare",
    "garbge not picked up",
    "graff",
    "le chien du voisin jappe",
    "there is a dead deer on the road",
    "taxes foncieres",
    "qwxzv",
];
const ROUNDS: usize = 2_000;

fn main() {
    let catalogue = server::catalogue_file::load(None).expect("the built-in catalogue");
    let docs = catalogue.search_docs();

    let started = Instant::now();
    for _ in 0..200 {
        black_box(SearchIndex::new(black_box(docs.clone())));
    }
    let build = started.elapsed() / 200;

    let index = SearchIndex::new(docs);
    let mut samples: Vec<Duration> = Vec::with_capacity(ROUNDS * QUERIES.len());
    for _ in 0..ROUNDS {
        for query in QUERIES {
            let started = Instant::now();
            black_box(index.search(black_box(query), 8));
            samples.push(started.elapsed());
        }
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "documents: {}, queries: {}, searches timed: {}",
        catalogue.services().len(),
        QUERIES.len(),
        samples.len()
    );
    println!("index build (once per page in the browser): {build:?}");
    println!("search: mean {mean:?}, median {:?}, p99 {:?}, max {:?}", at(0.5), at(0.99), at(1.0));
}
