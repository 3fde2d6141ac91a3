use figment::providers::{Format, Toml};
use figment::Figment;
use reqwest::{header, redirect, Client, Response, StatusCode};
use server::config::{Settings, DEFAULT_CITY};
use std::sync::LazyLock;
use std::time::Duration;

/// A running portal with its own database in a temporary folder (removed when dropped).
pub struct TestPortal {
    pub base: String,
    client: Client,
    _data: tempfile::TempDir,
}

/// Portals run on one runtime that lives as long as the test process. Each `#[tokio::test]` has a runtime
/// of its own that ends with the test; a server left on it would hang the tests that follow.
static SERVERS: LazyLock<tokio::runtime::Runtime> =
    LazyLock::new(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap());

pub async fn spawn_portal() -> TestPortal {
    let data = tempfile::tempdir().unwrap();
    let overrides =
        format!("[server]\naddress = \"127.0.0.1:0\"\ndata_dir = {:?}\n", data.path().display().to_string());
    let settings =
        Settings::from_figment(Figment::from(Toml::string(DEFAULT_CITY)).merge(Toml::string(&overrides))).unwrap();
    let running = SERVERS
        .spawn(async move { server::startup::start(&settings, std::future::pending()).await.map(|r| r.address) })
        .await
        .unwrap()
        .expect("the portal starts");
    // A page that never comes is a failure, not a CI run that hangs until its deadline.
    let client = Client::builder().redirect(redirect::Policy::none()).timeout(Duration::from_secs(30)).build().unwrap();
    TestPortal { base: format!("http://{running}"), client, _data: data }
}

impl TestPortal {
    /// GET `path` as a browser whose preferred language is `accept_language`.
    pub async fn get(&self, path: &str, accept_language: &str) -> Response {
        self.get_with(path, &[(header::ACCEPT_LANGUAGE, accept_language)]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(header::HeaderName, &str)]) -> Response {
        let mut request = self.client.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        request.send().await.unwrap()
    }

    /// GET a page and return its status and HTML, without the `<!>` markers Leptos leaves for hydration.
    pub async fn page(&self, path: &str, accept_language: &str) -> (StatusCode, String) {
        let response = self.get(path, accept_language).await;
        (response.status(), response.text().await.unwrap().replace("<!>", ""))
    }
}

/// The services a results page links to, in order.
pub fn result_codes(html: &str) -> Vec<&str> {
    html.split("href=\"/services/")
        .skip(1)
        .filter_map(|chunk| chunk.split_once('"'))
        .filter(|(_, rest)| rest.starts_with(" class=\"result-link\""))
        .map(|(code, _)| code)
        .collect()
}
