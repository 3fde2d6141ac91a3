//! Latency summaries the in-process benches print.

use std::time::Duration;

/// Prints mean, median, p99 and maximum of `samples`.
pub fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!("{what}: mean {mean:?}, median {:?}, p99 {:?}, max {:?}", at(0.5), at(0.99), at(1.0));
}
