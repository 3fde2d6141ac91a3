use figment::providers::{Format, Toml};
use figment::Figment;
use reqwest::{header, redirect, Client, Response, StatusCode};
use server::config::{Settings, DEFAULT_CITY};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

/// A running portal with its own database and outbox (removed when dropped). A clone is the same browser
/// (same cookies); [`TestPortal::another_browser`] is a new one.
#[derive(Clone)]
pub struct TestPortal {
    pub base: String,
    client: Client,
    data: Arc<Data>,
}

/// The PostgreSQL server the tests may use (`postgres://…/postgres`, a user who may create databases).
pub const POSTGRES: &str = "PORTAIL311_TEST_POSTGRES";
/// Set (to anything) to run every portal of the suite on that server instead of SQLite. `.ci/test` runs the
/// suite once each way.
pub const ON_POSTGRES: &str = "PORTAIL311_TEST_ON_POSTGRES";

/// A test portal's data: a temporary folder (outbox, files, and the SQLite file) and, on PostgreSQL, a
/// fresh database of its own, dropped with the folder.
pub struct Data {
    folder: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl Data {
    /// On the engine the suite runs on.
    pub fn new() -> Data {
        match std::env::var_os(ON_POSTGRES) {
            Some(_) => Data::postgres().expect("PORTAIL311_TEST_POSTGRES names the server"),
            None => Data::sqlite(),
        }
    }

    /// On PostgreSQL whatever the suite runs on, if the tests have a server.
    pub fn postgres() -> Option<Data> {
        std::env::var(POSTGRES).ok().filter(|server| !server.is_empty()).map(|server| Data::on_postgres(&server))
    }

    /// On SQLite whatever the suite runs on (backups copy an SQLite file).
    pub fn sqlite() -> Data {
        Data { folder: tempfile::tempdir().unwrap(), postgres: None }
    }

    fn on_postgres(server: &str) -> Data {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        static SWEPT: std::sync::Once = std::sync::Once::new();
        SWEPT.call_once(|| sweep_left_behind(server));
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("portal_test_{}_{n}", std::process::id());
        administer(server, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        administer(server, &format!("CREATE DATABASE {name}"));
        Data { folder: tempfile::tempdir().unwrap(), postgres: Some((server.to_string(), name)) }
    }

    pub fn path(&self) -> &Path {
        self.folder.path()
    }

    pub fn database_url(&self) -> String {
        match &self.postgres {
            Some((server, name)) => format!("{}/{name}", server.rsplit_once('/').unwrap().0),
            None => format!("sqlite://{}", self.path().join("portal.sqlite3").display()),
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }
}

impl Drop for Data {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.postgres {
            administer(server, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Drops the databases of test runs that were killed before they could (their process is gone).
fn sweep_left_behind(server: &str) {
    use sqlx::Connection;
    let server_url = server.to_string();
    let names = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let mut connection = sqlx::PgConnection::connect(&server_url).await.expect("the test PostgreSQL server");
            let all = "SELECT datname::text FROM pg_database WHERE datname LIKE 'portal\\_test\\_%'";
            sqlx::query_scalar::<_, String>(all).fetch_all(&mut connection).await.unwrap()
        })
    })
    .join()
    .unwrap();
    for name in names {
        let pid = name.trim_start_matches("portal_test_").split('_').next().unwrap_or_default();
        if !Path::new(&format!("/proc/{pid}")).exists() {
            administer(server, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Runs `sql` on the PostgreSQL server, from a thread of its own: it is called where no runtime may block
/// (a `Drop`, a test's runtime).
fn administer(server: &str, sql: &str) {
    use sqlx::{Connection, Executor};
    let (server, sql) = (server.to_string(), sql.to_string());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let mut connection = sqlx::PgConnection::connect(&server).await.expect("the test PostgreSQL server");
            connection.execute(sql.as_str()).await.unwrap_or_else(|error| panic!("{sql}: {error}"));
        });
    })
    .join()
    .unwrap();
}

/// Portals run on one runtime that lives as long as the test process. Each `#[tokio::test]` has a runtime
/// of its own that ends with the test; a server left on it would hang the tests that follow.
static SERVERS: LazyLock<tokio::runtime::Runtime> =
    LazyLock::new(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap());

/// The secret the test portals check SMS webhook signatures with.
pub const SMS_TOKEN: &str = "test-webhook-secret";
/// The address test portals put in e-mailed links and sign webhooks for (they listen on a free port).
pub const PUBLIC_URL: &str = "http://portal.test";

pub async fn spawn_portal() -> TestPortal {
    spawn_portal_with("").await
}

/// A portal with extra configuration (TOML), e.g. an SMTP server.
pub async fn spawn_portal_with(extra: &str) -> TestPortal {
    spawn_portal_on(Data::new(), extra).await
}

/// A portal on `data` (e.g. [`Data::sqlite`]).
pub async fn spawn_portal_on(data: Data, extra: &str) -> TestPortal {
    let data = Arc::new(data);
    let (address, _) = run_portal(&data, extra, std::future::pending()).await;
    TestPortal { base: format!("http://{address}"), client: client(), data }
}

/// A portal started on a fresh data folder holding a copy of `folder` (a restored backup).
pub async fn run_on_copy(folder: &Path) -> TestPortal {
    let data = Arc::new(Data::sqlite());
    server::backup::copy_folder(folder, data.path()).unwrap();
    let (address, _) = run_portal(&data, "", std::future::pending()).await;
    TestPortal { base: format!("http://{address}"), client: client(), data }
}

/// A portal that can be stopped, as a server is stopped for an upgrade.
pub struct Stoppable {
    pub portal: TestPortal,
    stop: tokio::sync::oneshot::Sender<()>,
    stopped: tokio::sync::oneshot::Receiver<()>,
}

impl Stoppable {
    /// A new portal, with its own data.
    pub async fn start(extra: &str) -> Stoppable {
        Stoppable::run(Arc::new(Data::new()), client(), extra).await
    }

    /// Starts the portal again on the data (database, outbox) of `portal`, with the same browser.
    pub async fn on(portal: &TestPortal, extra: &str) -> Stoppable {
        Stoppable::run(portal.data.clone(), portal.client.clone(), extra).await
    }

    async fn run(data: Arc<Data>, client: Client, extra: &str) -> Stoppable {
        let (stop, stop_signal) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stop_signal.await;
        };
        let (address, stopped) = run_portal(&data, extra, shutdown).await;
        Stoppable { portal: TestPortal { base: format!("http://{address}"), client, data }, stop, stopped }
    }

    /// Stops the server and its background workers, and waits until they are gone.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(10), self.stopped).await;
    }
}

/// Starts a portal on `data` until `shutdown`; returns its address and what fires once it has stopped.
async fn run_portal(
    data: &Data,
    extra: &str,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Receiver<()>) {
    // The portal's log goes to the test's output, shown when it fails.
    let _ = tracing_subscriber::fmt().with_env_filter("warn").with_test_writer().try_init();
    let (done, stopped) = tokio::sync::oneshot::channel();
    let overrides = format!(
        "[server]\naddress = \"127.0.0.1:0\"\ndata_dir = {:?}\ndatabase_url = {:?}\npublic_url = \"{PUBLIC_URL}\"\n\
         [sms]\nprovider = \"outbox\"\nauth_token = \"{SMS_TOKEN}\"\n",
        data.path().display().to_string(),
        data.database_url()
    );
    let figment = Figment::from(Toml::string(DEFAULT_CITY)).merge(Toml::string(&overrides)).merge(Toml::string(extra));
    let settings = Settings::from_figment(figment).unwrap();
    let address = SERVERS
        .spawn(async move {
            let running = server::startup::start(&settings, shutdown).await.expect("the portal starts");
            let address = running.address;
            tokio::spawn(async move {
                let _ = running.task.await;
                let _ = done.send(());
            });
            address
        })
        .await
        .unwrap();
    (address, stopped)
}

/// A browser: keeps cookies, does not follow redirects, and gives up after 30 s, so that a page that never
/// comes fails a test instead of hanging the run.
pub fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

impl TestPortal {
    /// A browser on a portal the test started itself at `base`, keeping its data in `data`.
    pub fn new(base: String, data: Data) -> TestPortal {
        TestPortal { base, client: client(), data: Arc::new(data) }
    }

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

    /// The same browser on another instance of this portal (another process on its database).
    pub fn at(&self, base: &str) -> TestPortal {
        TestPortal { base: base.to_string(), client: self.client.clone(), data: self.data.clone() }
    }

    /// A second browser on the same portal, with cookies of its own.
    pub fn another_browser(&self) -> TestPortal {
        TestPortal { base: self.base.clone(), client: client(), data: self.data.clone() }
    }

    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// POSTs a form to an account server function as our pages do (from this site, keeping cookies).
    pub async fn post(&self, function: &str, form: &[(&str, &str)]) -> Response {
        self.post_api(&format!("accounts/{function}"), form).await
    }

    /// POSTs a form to the server function at `/api/{path}`.
    pub async fn post_api(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}/api/{path}", self.base))
            .header(header::ORIGIN, crate::helpers::PUBLIC_URL)
            .header(header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// [`Self::post`], returning the status and the JSON answer.
    pub async fn call(&self, function: &str, form: &[(&str, &str)]) -> (StatusCode, serde_json::Value) {
        self.call_api(&format!("accounts/{function}"), form).await
    }

    /// [`Self::post_api`], returning the status and the JSON answer.
    pub async fn call_api(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, serde_json::Value) {
        let response = self.post_api(path, form).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }

    /// The client, for requests the helpers above do not make (multipart uploads).
    pub fn http(&self) -> &Client {
        &self.client
    }

    /// The portal's database, as a command run on its server reads it.
    pub fn database_url(&self) -> String {
        self.data.database_url()
    }

    pub fn is_postgres(&self) -> bool {
        self.data.is_postgres()
    }

    /// Runs `sql` on the portal's database, as time passing (or a failure) would.
    pub async fn sql(&self, sql: &str) {
        let pool = self.database().await;
        sqlx::query(sql).execute(&pool).await.unwrap();
        pool.close().await;
    }

    /// A connection pool on the portal's database, to check what it saved.
    pub async fn database(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.database_url()).await.unwrap()
    }
}

/// A password every test account uses.
pub const PASSWORD: &str = "lampadaire vert du lac Ramsey";

pub fn registration<'a>(
    email: &'a str,
    lang: &'a str,
    updates_by: &'a str,
    mobile: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![("name", "Marie Tremblay"), ("email", email), ("mobile", mobile), ("lang", lang), ("updates_by", updates_by)]
}

/// Registers (French, updates by e-mail), follows the e-mailed link and chooses the password.
pub async fn registered(portal: &TestPortal, email: &str) {
    let sent = written_files(&portal.data_dir().join("outbox/email")).len();
    let (status, _) = portal.call("register", &registration(email, "fr", "email", "")).await;
    assert_eq!(status, StatusCode::OK);
    let mails = outbox_mails(portal, sent + 1).await;
    let link = mails.last().unwrap().link_path();
    let token = link.split("token=").nth(1).unwrap();
    let (status, _) = portal.call("set_password", &[("token", token), ("new_password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);
}

/// The portal's settings, as a command run by IT on the same server reads them (`server create-staff`...).
pub fn settings_of(portal: &TestPortal) -> server::config::Settings {
    use figment::providers::{Format, Toml};
    let data_dir = portal.data_dir().display().to_string();
    let database_url = portal.database_url();
    let overrides =
        format!("[server]\ndata_dir = {data_dir:?}\ndatabase_url = {database_url:?}\npublic_url = \"{PUBLIC_URL}\"\n");
    let figment = figment::Figment::from(Toml::string(server::config::DEFAULT_CITY)).merge(Toml::string(&overrides));
    server::config::Settings::from_figment(figment).unwrap()
}

/// The second step of a staff member's first sign-in: adds the authenticator and types its first code.
/// Returns the key and the recovery codes.
pub async fn enrol(staff: &TestPortal) -> (String, Vec<String>) {
    let (status, page) = staff.call("two_factor", &[]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let key = page["Enrol"]["key"].as_str().unwrap().to_string();
    let (status, verified) =
        staff.call("two_factor/prove", &[("code", &crate::authenticator::app_code(&key, 0))]).await;
    assert_eq!(status, StatusCode::OK, "{verified}");
    let codes = verified["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string());
    (key, codes.collect())
}

/// Files that appear in `folder` (an outbox), oldest first, waiting up to five seconds for `count` of them:
/// messages are sent in the background.
pub async fn wait_for_files(folder: &Path, count: usize) -> Vec<PathBuf> {
    for _ in 0..100 {
        let mut files = written_files(folder);
        if files.len() >= count {
            files.sort_by_key(|f| std::fs::metadata(f).and_then(|m| m.modified()).unwrap());
            return files;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {count} files in {}", folder.display());
}

/// The files of `folder`, without those still being written (hidden names: `notify::write_whole`).
pub fn written_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(folder) else { return Vec::new() };
    dir.filter_map(|entry| entry.ok())
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| entry.path())
        .collect()
}

/// An e-mail as a mail client reads it.
pub struct ReadMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl ReadMail {
    pub fn parse(raw: &[u8]) -> ReadMail {
        let message = mail_parser::MessageParser::default().parse(raw).expect("a valid e-mail");
        ReadMail {
            to: message.to().and_then(|to| to.first()).and_then(|a| a.address()).unwrap_or_default().to_string(),
            subject: message.subject().unwrap_or_default().to_string(),
            text: message.body_text(0).unwrap_or_default().to_string(),
            html: message.body_html(0).unwrap_or_default().to_string(),
        }
    }

    /// The password link the message carries, as a path on the portal.
    pub fn link_path(&self) -> String {
        let start = self.text.find("/account/password?token=").expect("a password link");
        self.text[start..].split_whitespace().next().unwrap().to_string()
    }
}

/// The e-mails written to the portal's outbox, oldest first, once there are `count`.
pub async fn outbox_mails(portal: &TestPortal, count: usize) -> Vec<ReadMail> {
    let folder = portal.data_dir().join("outbox/email");
    let files = wait_for_files(&folder, count).await;
    files.iter().map(|f| ReadMail::parse(&std::fs::read(f).unwrap())).collect()
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
