//! What the benchmarks that drive the release server over HTTP share.

/// Uploads a photo to a draft as the page's script does; panics on a refusal (a benchmark measures
/// uploads that work).
pub async fn upload_photo(client: &reqwest::Client, base: &str, draft: &str, photo: Vec<u8>) {
    let part = reqwest::multipart::Part::bytes(photo).file_name("photo.jpg");
    let response = client
        .post(format!("{base}/requests/uploads/{draft}"))
        .header("Origin", base)
        .header("Accept", "application/json")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(status.is_success(), "{status}: {}", response.text().await.unwrap());
}
