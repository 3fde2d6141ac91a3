//! Photo processing: `cargo bench -p server --bench photos` (needs `vipsthumbnail`, Debian's
//! libvips-tools, for the comparison; `.ci/bench` installs it).
//!
//! 1. One 12 MP phone JPEG: our cleaning (decode, turn upright, scale to 2048 px, encode) and thumbnail,
//!    against `vipsthumbnail` doing the same on the same file (its times include starting the process).
//! 2. Peak memory of the real server (`target/release/server`) while 10 uploads of 10 MB run at once.

mod support;

use app::requests::ssr::images::{clean_photo, thumbnail, FileType};
use image::{codecs::jpeg::JpegEncoder, ImageEncoder, RgbImage};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let twelve = phone_photo(4032, 3024, 92, 12);
    let original = folder.path().join("twelve.jpg");
    std::fs::write(&original, &twelve).unwrap();
    println!("12 MP JPEG: {} bytes", twelve.len());

    let ours = median(|| {
        let clean = clean_photo(&twelve, FileType::Jpeg).unwrap();
        thumbnail(&clean.bytes).unwrap();
    });
    let ours_clean = median(|| {
        clean_photo(&twelve, FileType::Jpeg).unwrap();
    });
    println!("portal: clean (decode, upright, 2048 px, JPEG q85) {ours_clean:?}; clean + 320 px thumbnail {ours:?}");

    let scaled = folder.path().join("scaled.jpg");
    let vips = |size: &str, from: &std::path::Path, to: &str| {
        let status =
            Command::new("vipsthumbnail").arg(from).args(["--size", size, "-o"]).arg(folder.path().join(to)).status();
        assert!(status.is_ok_and(|s| s.success()), "vipsthumbnail failed (apt-get install libvips-tools)");
    };
    let vips_clean = median(|| vips("2048", &original, "scaled.jpg[Q=85,strip]"));
    let vips_both = median(|| {
        vips("2048", &original, "scaled.jpg[Q=85,strip]");
        vips("320", &scaled, "thumb.jpg[Q=80,strip]");
    });
    println!("vipsthumbnail: 2048 px {vips_clean:?}; 2048 px + 320 px thumbnail {vips_both:?}");
    println!(
        "ratio portal / vipsthumbnail: clean {:.2}, clean + thumbnail {:.2}",
        ours_clean.as_secs_f64() / vips_clean.as_secs_f64(),
        ours.as_secs_f64() / vips_both.as_secs_f64()
    );

    memory_under_ten_uploads(folder.path());
}

/// A photo with detail (a gradient and `noise`), so that it compresses like a real one: more noise, bigger file.
fn phone_photo(width: u32, height: u32, quality: u8, noise: u64) -> Vec<u8> {
    let mut seed = 0x2545F4914F6CDD1Du64;
    let image = RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let noise = (seed % noise) as u8;
        image::Rgb([(x / 16) as u8 ^ noise, (y / 12) as u8 + noise, 96 + noise])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(image.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

/// Starts the release server on a free port, sends 10 photos of just under 10 MB at once, each to its
/// own draft, and reads the server's peak resident memory (VmHWM) before and after.
fn memory_under_ten_uploads(folder: &std::path::Path) {
    let Some(server) = option_env!("CARGO_BIN_EXE_server") else { return };
    // The largest 20 MP photo under 10 MB: lower the quality until it fits.
    let photo =
        (80..=98u8).rev().step_by(3).map(|q| phone_photo(5000, 4000, q, 48)).find(|p| p.len() < 10 << 20).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(server)
        .env("PORTAL_SERVER__ADDRESS", format!("127.0.0.1:{port}"))
        .env("PORTAL_SERVER__DATA_DIR", folder.join("data"))
        .env("RUST_LOG", "warn")
        .spawn()
        .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (before, after, elapsed) = runtime.block_on(async {
        let client = reqwest::Client::new();
        while client.get(format!("{base}/health")).send().await.is_err() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut drafts = Vec::new();
        for _ in 0..10 {
            let path: String = client
                .post(format!("{base}/api/requests/start"))
                .header("Origin", &base)
                .header("Accept", "application/json")
                .form(&[("service", "pothole")])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            drafts.push(path.split('/').nth(3).unwrap().to_string());
        }
        let before = peak_kib(child.id());
        let started = Instant::now();
        let uploads = drafts.into_iter().map(|draft| {
            let (client, base, photo) = (client.clone(), base.clone(), photo.clone());
            tokio::spawn(async move { support::upload_photo(&client, &base, &draft, photo).await })
        });
        for upload in uploads.collect::<Vec<_>>() {
            upload.await.unwrap();
        }
        (before, peak_kib(child.id()), started.elapsed())
    });
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "10 uploads of {:.1} MB (5000 × 4000 px) at once: {elapsed:?}; server peak memory {} MB before, {} MB after",
        photo.len() as f64 / 1_048_576.0,
        before / 1024,
        after / 1024
    );
}

/// The process's peak resident set size, in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}
