//! The wizard's last step, from several clients at once, for the benchmarks that time submissions.

/// Submits `drafts` from `clients` clients at once (client n to `bases[n % bases.len()]`, one after another
/// each), as the wizard's last step does; returns each call's time.
pub async fn submit_together(
    client: &reqwest::Client,
    bases: &[String],
    drafts: &[String],
    clients: usize,
) -> Vec<std::time::Duration> {
    let tasks: Vec<_> = drafts
        .chunks(drafts.len().div_ceil(clients))
        .enumerate()
        .map(|(n, chunk)| {
            let (client, base, chunk) = (client.clone(), bases[n % bases.len()].clone(), chunk.to_vec());
            tokio::spawn(async move {
                let mut took = Vec::new();
                for draft in chunk {
                    let sent = std::time::Instant::now();
                    let response = client
                        .post(format!("{base}/api/requests/submit"))
                        .header("Origin", &base)
                        .header("Accept", "application/json")
                        .form(&[("draft", draft)])
                        .send()
                        .await
                        .unwrap();
                    assert!(response.status().is_success(), "{}", response.text().await.unwrap());
                    took.push(sent.elapsed());
                }
                took
            })
        })
        .collect();
    let mut took = Vec::new();
    for task in tasks {
        took.extend(task.await.unwrap());
    }
    took
}
