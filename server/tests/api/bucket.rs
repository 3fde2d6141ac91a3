//! The file store on a real S3-compatible server (issue 18): moto (`moto_server`, from PyPI, installed by
//! `.ci/install-tools`) started on a free port for the test, a bucket made in it, and a portal whose
//! `[files]` point there. Photos are cleaned and stored in the bucket, thumbnails made there, files
//! served from it and deleted from it, as on the local folder.

use crate::helpers::{spawn_portal_with, TestPortal};
use crate::requests::{filled, fixture, signed_in, upload};
use object_store::{path::Path, ObjectStore};
use reqwest::StatusCode;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Where `.ci/install-tools` puts moto (`MOTO_SERVER` names another one).
fn moto_server() -> String {
    std::env::var("MOTO_SERVER").unwrap_or_else(|_| {
        let home = std::env::var("HOME").unwrap_or_default();
        format!("{home}/.cache/portail311/moto-5.2.6/bin/moto_server")
    })
}

/// A moto server of its own, stopped when dropped.
struct Moto {
    child: Child,
    endpoint: String,
}

impl Moto {
    async fn start() -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(moto_server())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("{}: {error} (run .ci/install-tools)", moto_server()));
        let moto = Moto { child, endpoint: format!("http://127.0.0.1:{port}") };
        for _ in 0..150 {
            if reqwest::get(format!("{}/moto-api/", moto.endpoint)).await.is_ok() {
                return moto;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("moto did not start on {}", moto.endpoint);
    }

    /// The bucket as the portal sees it (moto takes any credentials).
    fn bucket(&self, name: &str) -> impl ObjectStore {
        object_store::aws::AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_allow_http(true)
            .with_region("us-east-1")
            .with_bucket_name(name)
            .with_access_key_id("test")
            .with_secret_access_key("test")
            .build()
            .unwrap()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn object(bucket: &impl ObjectStore, key: &str) -> Option<Vec<u8>> {
    match bucket.get(&Path::from(key)).await {
        Ok(found) => Some(found.bytes().await.unwrap().to_vec()),
        Err(object_store::Error::NotFound { .. }) => None,
        Err(error) => panic!("{key}: {error}"),
    }
}

async fn served(portal: &TestPortal, path: &str) -> (StatusCode, Vec<u8>) {
    let response = portal.get(path, "fr").await;
    (response.status(), response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn photos_thumbnails_downloads_and_deletes_work_on_a_bucket() {
    let moto = Moto::start().await;
    let created = reqwest::Client::new().put(format!("{}/portail-photos", moto.endpoint)).send().await.unwrap();
    assert!(created.status().is_success(), "{}", created.status());
    // The portal takes its credentials from the usual variables, as on AWS.
    std::env::set_var("AWS_ACCESS_KEY_ID", "test");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "test");
    let files = format!(
        "[files]\nstore = \"s3\"\nbucket = \"portail-photos\"\nendpoint = \"{}\"\nregion = \"us-east-1\"\n",
        moto.endpoint
    );
    let portal = spawn_portal_with(&files).await;
    let bucket = moto.bucket("portail-photos");
    signed_in(&portal, "marie@example.ca").await;
    let (draft, _) = filled(&portal).await;

    let photo = fixture("phone-photo.jpg");
    let (status, added) =
        upload(&portal, &draft, &[("IMG_2041.jpg", photo), ("avis.pdf", fixture("notice.pdf"))]).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    let (photo_id, pdf_id) = (added[0]["id"].as_str().unwrap(), added[1]["id"].as_str().unwrap());

    // Cleaned before it reached the bucket; the thumbnail made there; both served from it.
    let stored = object(&bucket, &format!("files/{photo_id}")).await.expect("the photo in the bucket");
    assert!(!stored.windows(10).any(|w| w == b"GPS-MARKER") && !stored.windows(4).any(|w| w == b"Exif"));
    assert_eq!(served(&portal, &format!("/requests/files/{photo_id}")).await, (StatusCode::OK, stored));
    let mut thumbnail = None;
    for _ in 0..100 {
        thumbnail = object(&bucket, &format!("thumbs/{photo_id}.jpg")).await;
        if thumbnail.is_some()
            && served(&portal, &format!("/requests/files/{photo_id}/thumbnail")).await.0 == StatusCode::OK
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let thumbnail = thumbnail.expect("the thumbnail in the bucket");
    assert_eq!(served(&portal, &format!("/requests/files/{photo_id}/thumbnail")).await, (StatusCode::OK, thumbnail));

    // Removing a file deletes it from the bucket; submitting keeps the other, still served.
    let (status, _) = portal.call_api("requests/remove_file", &[("draft", &draft), ("file", pdf_id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(object(&bucket, &format!("files/{pdf_id}")).await, None);
    let (status, path) = portal.call_api("requests/submit", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    assert_eq!(served(&portal, &format!("/requests/files/{photo_id}")).await.0, StatusCode::OK);
    // Another resident gets nothing from the bucket.
    let other = portal.another_browser();
    signed_in(&other, "luc@example.ca").await;
    assert_eq!(served(&other, &format!("/requests/files/{photo_id}")).await.0, StatusCode::NOT_FOUND);
}
