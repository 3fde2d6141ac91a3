//! Putting the portal together: database, catalogue, city, and the HTTP routes around the Leptos app.

use crate::config::{self, Settings};
use crate::notify::{email::LettreMailer, sms};
use crate::store::{Engine, Store};
use app::accounts::ssr::{export, sessions, Accounts, Site};
use app::addresses::ssr::{AddressIndex, AddressStore};
use app::catalogue::common::CommonRequests;
use app::catalogue::ssr::CatalogueStore;
use app::catalogue::{Catalogue, SearchIndex};
use app::chat::ssr::{flows as chat_flows, stream as chat_stream, Chat, ChatBus, LocalBus};
use app::notifications::Outbox;
use app::open311::ssr::Open311;
use app::requests::ssr::{updates, uploads, DiskFloor, Files, Requests};
use app::ssr::ServerContext;
use axum::{
    extract::{DefaultBodyLimit, FromRef},
    http::{HeaderValue, StatusCode},
    middleware,
    routing::{get, post},
    Router,
};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list_with_exclusions_and_ssg_and_context, AxumRouteListing, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower_http::{
    compression::CompressionLayer, set_header::SetResponseHeaderLayer, timeout::TimeoutLayer, trace::TraceLayer,
};

/// The name cargo-leptos gives the browser bundle (`/pkg/portail311.{js,wasm,css}`), from Cargo.toml.
const OUTPUT_NAME: &str = "portail311";

#[derive(Clone, FromRef)]
struct AppState {
    leptos_options: LeptosOptions,
    /// How long an ordinary request, and an upload, may take (`server.*_timeout_seconds`).
    timeouts: (Duration, Duration),
    server: ServerContext,
    accounts: Arc<Accounts>,
    requests: Arc<Requests>,
    sms_inbound: sms::Inbound,
    /// What `/health` looks at.
    database: Store,
}

/// The account services over `store`, with the mail and SMS senders the configuration asks for.
pub fn accounts(settings: &Settings, store: &Store) -> anyhow::Result<Arc<Accounts>> {
    let data_dir = &settings.server.data_dir;
    Ok(Arc::new(Accounts {
        city: Arc::new(settings.city.clone()),
        store: Arc::new(store.clone()),
        second_factors: Arc::new(store.clone()),
        mailer: Arc::new(LettreMailer::new(&settings.mail, data_dir)?),
        sms: sms::sender(&settings.sms, data_dir)?,
        // One instance counts in memory; several share what protects accounts through the database.
        limits: match store.engine() {
            Engine::Sqlite => Default::default(),
            Engine::Postgres => app::accounts::ssr::limits::Limits::shared(Arc::new(store.clone())),
        },
        site: Site { public_url: settings.public_url(), behind_proxy: settings.server.behind_proxy },
    }))
}

/// The portal's router, and the background tasks that stop with it.
pub struct Built {
    pub router: Router,
    /// The notification worker and the chat desk's watcher: aborted when the server stops (what was being
    /// sent stays pending).
    pub workers: Vec<tokio::task::JoinHandle<()>>,
}

/// Opens the database, loads the catalogue and returns the portal's router.
pub async fn build(settings: &Settings) -> anyhow::Result<Built> {
    std::fs::create_dir_all(&settings.server.data_dir)?;
    let store = Store::open(&settings.database_url()).await?;
    let accounts = accounts(settings, &store)?;
    let from_file = crate::catalogue_file::load(settings.catalogue_file.as_deref())?;
    store.save_catalogue(&from_file).await?;
    let catalogue = store.load_catalogue().await?;
    tracing::info!(services = catalogue.services().len(), "catalogue loaded");

    let search = Arc::new(SearchIndex::new(catalogue.search_docs()));
    let city = &settings.city;
    let addresses =
        AddressIndex::new(addresses(&store).await?).with_landmarks(city.places.clone()).within(city.limits.clone());
    tracing::info!(addresses = addresses.len(), places = city.places.len(), "address points loaded");
    let requests = Arc::new(Requests::new(Arc::new(store.clone()), file_store(settings)?));
    let catalogue = Arc::new(catalogue);
    let database = store.clone();
    let store = Arc::new(store);
    let notifications = Arc::new(Outbox::new(store.clone(), accounts.clone(), catalogue.clone()));
    let bus: Arc<dyn ChatBus> = match database.engine() {
        Engine::Sqlite => Arc::new(LocalBus::default()),
        Engine::Postgres => crate::chat_bus::PostgresBus::start(&settings.database_url()).await?,
    };
    let chat = Arc::new(Chat::new(store.clone(), bus, settings.chat.clone()));
    let common = Arc::new(CommonRequests::new(&catalogue));
    count_common_requests(common.clone(), catalogue.clone(), requests.clone());
    let server = ServerContext {
        city: accounts.city.clone(),
        catalogue,
        search,
        common,
        accounts: accounts.clone(),
        addresses: Arc::new(addresses),
        requests: requests.clone(),
        lifecycle: store.clone(),
        queue: store.clone(),
        intake: store.clone(),
        surveys: store.clone(),
        feedback: store.clone(),
        notifications: notifications.clone(),
        chat: chat.clone(),
        open311: Arc::new(Open311::new(settings.open311.clone(), store.clone())),
        bundle: crate::bundle::root(&settings.server.site_root).into(),
    };
    let sms_inbound = sms::Inbound {
        accounts: accounts.clone(),
        auth_token: settings.sms_webhook_token.clone(),
        url: format!("{}/sms/inbound", settings.public_url()),
    };
    let leptos_options = LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(settings.server.site_root.display().to_string())
        .site_addr(settings.server.address)
        .build();
    forget_idle_limits(accounts.clone());
    purge_old_drafts(&database, requests.clone());
    sweep_orphan_files(&database, requests.clone());
    forget_expired(&database, accounts.clone());
    let workers = vec![notifications.spawn(), tokio::spawn(chat_flows::watch_desk(chat, accounts.city.clone()))];
    let timeouts = (
        Duration::from_secs(settings.server.request_timeout_seconds),
        Duration::from_secs(settings.server.upload_timeout_seconds),
    );
    let state = AppState { leptos_options, timeouts, server, accounts, requests, sms_inbound, database };
    Ok(Built { router: router(state), workers })
}

/// The address points in the database; on first start, the built-in representative set is loaded
/// (`server import-addresses` replaces them with the city's own file).
async fn addresses(store: &Store) -> anyhow::Result<Vec<app::addresses::Address>> {
    let stored = store.load_addresses().await?;
    if !stored.is_empty() {
        return Ok(stored);
    }
    let built_in = crate::addresses_file::load(None)?;
    store.replace_addresses(&built_in).await?;
    Ok(built_in)
}

/// Where photos and files go: `data_dir/files`, or the configured S3-compatible bucket.
pub fn file_store(settings: &Settings) -> anyhow::Result<Files> {
    let folder = settings.server.data_dir.join("files");
    let floor = DiskFloor { folder: folder.clone(), free_bytes: settings.server.min_free_disk_mb * 1024 * 1024 };
    Ok(match &settings.files {
        config::Files::Local => {
            std::fs::create_dir_all(&folder)?;
            let store = Arc::new(object_store::local::LocalFileSystem::new_with_prefix(folder)?);
            Files { store, floor: Some(floor) }
        }
        config::Files::S3 { bucket, endpoint, region } => {
            let mut builder = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
            if let Some(endpoint) = endpoint {
                builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
            }
            if let Some(region) = region {
                builder = builder.with_region(region);
            }
            Files { store: Arc::new(builder.build()?), floor: None }
        }
    })
}

fn router(state: AppState) -> Router {
    let context = {
        let server = state.server.clone();
        move || provide_context(server.clone())
    };
    // Listing the routes renders the app once, which reads the city from the context. While it does, Leptos
    // stops every resource in the process from loading, so it happens once per process: a second portal in
    // the same process (the integration tests) would otherwise stall the pages the first one is rendering.
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    let routes = ROUTES
        .get_or_init(|| generate_route_list_with_exclusions_and_ssg_and_context(app::App, None, context.clone()).0)
        .clone();
    let origin: Arc<str> = crate::csrf::origin_of(&state.accounts.site.public_url).into();
    let shell = {
        let options = state.leptos_options.clone();
        move || app::shell(options.clone())
    };
    let (request_timeout, upload_timeout) = state.timeouts;
    let site_root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    let timeout = |limit| TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limit);
    Router::new()
        .route("/health", get(crate::health::health))
        .route("/language/{code}", get(app::i18n::ssr::switch_language).post(app::i18n::carry::carry_language))
        .route("/locales/{version}/{file}", get(app::i18n::ssr::locales))
        .route("/account/export", get(export::download))
        .route("/sms/inbound", post(sms::inbound))
        .route("/requests/files/{id}", get(uploads::download))
        .route("/requests/files/{id}/thumbnail", get(uploads::download_thumbnail))
        .merge(app::open311::ssr::handlers::routes())
        .nest_service(&format!("{}/pkg", state.server.bundle), crate::bundle::files(&site_root))
        .leptos_routes_with_context(&state, routes, context.clone(), shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, app::shell))
        // Everything above; the routes below have limits of their own.
        .layer(timeout(request_timeout))
        .route(
            "/requests/uploads/{draft}",
            post(uploads::upload).layer((DefaultBodyLimit::max(uploads::BODY_LIMIT), timeout(upload_timeout))),
        )
        .route(
            "/requests/{reference}/updates",
            post(updates::add_update).layer((DefaultBodyLimit::max(updates::BODY_LIMIT), timeout(upload_timeout))),
        )
        // Event streams last as long as the page is open.
        .route(app::routes::CHAT_EVENTS, get(chat_stream::resident_events))
        .route(app::routes::STAFF_CHAT_EVENTS, get(chat_stream::desk_events))
        .layer(middleware::from_fn_with_state(state.accounts.site.secure(), crate::headers::by_caller))
        .layer(middleware::from_fn_with_state(state.accounts.clone(), sessions::resolve))
        .layer(middleware::from_fn_with_state(origin, crate::csrf::same_origin_only))
        .layer(middleware::from_fn(app::i18n::carry::refill))
        // Brotli 5 rather than tower-http's 4: a tenth smaller pages (the first visit's HTML 3.69 → 3.51 kB in
        // French) for about the same time on pages this size.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(5)))
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A portal listening on its socket, ready for requests.
pub struct Running {
    pub address: SocketAddr,
    pub task: tokio::task::JoinHandle<()>,
}

/// Builds the portal and serves it in the background until `shutdown` completes. Tests bind port 0 for a
/// free port and never shut down (the process ends with them), so they install no signal handler.
pub async fn start(
    settings: &Settings,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<Running> {
    let Built { router, workers } = build(settings).await?;
    let listener = tokio::net::TcpListener::bind(settings.server.address).await?;
    let address = listener.local_addr()?;
    let header_timeout = Duration::from_secs(settings.server.header_timeout_seconds);
    let task = tokio::spawn(async move {
        crate::serve::serve(listener, router, header_timeout, shutdown).await;
        for worker in workers {
            worker.abort();
        }
    });
    Ok(Running { address, task })
}

const HOUR: Duration = Duration::from_secs(3600);

/// Runs `job` at start and then every `period`, in the background for the life of the process. A failed
/// run is logged (`what` failed) and the next one comes as planned.
fn every<F, Fut>(period: Duration, what: &'static str, job: F)
where
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
{
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(period);
        loop {
            ticks.tick().await;
            if let Err(error) = job().await {
                tracing::error!(error = format!("{error:#}"), "{what}");
            }
        }
    });
}

/// [`every`], for a job on the shared database: of several instances, the first to get there each period
/// runs it, the others skip it (`Store::start_job`, keyed by `what`).
fn once_every<F, Fut>(database: &Store, period: Duration, what: &'static str, job: F)
where
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
{
    let database = database.clone();
    let seconds = i64::try_from(period.as_secs()).unwrap_or(i64::MAX);
    every(period, what, move || {
        let (database, run) = (database.clone(), job());
        async move {
            match database.start_job(what, app::accounts::ssr::now(), seconds).await? {
                true => run.await,
                false => Ok(()),
            }
        }
    });
}

/// Rate-limit counters that have refilled are dropped every ten minutes.
fn forget_idle_limits(accounts: Arc<Accounts>) {
    every(Duration::from_secs(600), "forgetting idle rate limits", move || {
        accounts.limits.forget_idle();
        std::future::ready(Ok(()))
    });
}

/// Every hour (and at start): drafts nobody touched for a week are deleted, with the files only they held,
/// and drafts that nobody signed in ever owned after a day: an anonymous draft and its photos are what
/// anyone can make without an account, so they are kept least.
fn purge_old_drafts(database: &Store, requests: Arc<Requests>) {
    const DAY: i64 = 24 * 3600;
    once_every(database, HOUR, "purging old drafts", move || {
        let requests = requests.clone();
        async move {
            let now = app::accounts::ssr::now();
            let orphans = requests.store.purge_drafts(now - 7 * DAY, now - DAY).await?;
            // Their rows are gone: each file is deleted now or never, so one failure does not stop the rest.
            for id in orphans {
                if let Err(error) = requests.files.delete(&id).await {
                    tracing::error!(error = format!("{error:#}"), file = id, "deleting a purged draft's file");
                }
            }
            Ok(())
        }
    });
}

/// At start and every hour: the home page's common requests, counted again.
fn count_common_requests(common: Arc<CommonRequests>, catalogue: Arc<Catalogue>, requests: Arc<Requests>) {
    every(HOUR, "counting the common requests", move || {
        let (common, catalogue, requests) = (common.clone(), catalogue.clone(), requests.clone());
        async move { common.refresh(&catalogue, requests.store.as_ref(), app::accounts::ssr::now()).await }
    });
}

/// At start and every hour, what the privacy statement says is not kept: sessions past their limits,
/// expired links, and after a week the ids of text messages received (kept only to ignore replays).
fn forget_expired(database: &Store, accounts: Arc<Accounts>) {
    use app::accounts::ssr::sessions::{ABSOLUTE_SECONDS, IDLE_SECONDS};
    once_every(database, HOUR, "forgetting expired sessions and links", move || {
        let accounts = accounts.clone();
        async move {
            let now = app::accounts::ssr::now();
            let week_ago = now - 7 * 24 * 3600;
            let forgotten =
                accounts.store.forget_expired(now, now - IDLE_SECONDS, now - ABSOLUTE_SECONDS, week_ago).await?;
            tracing::debug!(forgotten, "expired sessions, links and text ids deleted");
            Ok(())
        }
    });
}

/// At start and every day: stored files no row refers to (a crash between a file and its row) are deleted,
/// once an hour old.
fn sweep_orphan_files(database: &Store, requests: Arc<Requests>) {
    once_every(database, 24 * HOUR, "sweeping files without a row", move || {
        let requests = requests.clone();
        async move {
            let deleted = requests.sweep_orphan_files(app::accounts::ssr::now() - 3600).await?;
            if deleted > 0 {
                tracing::warn!(deleted, "files without a row deleted");
            }
            Ok(())
        }
    });
}

/// Runs the portal until Ctrl-C or SIGTERM.
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let running = start(&settings, shutdown_signal()).await?;
    println!("Portail 311 is running at http://{}", running.address);
    running.task.await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::providers::{Format, Toml};

    fn settings(files: &str) -> Result<Settings, crate::config::ConfigError> {
        let figment = figment::Figment::from(Toml::string(crate::config::DEFAULT_CITY)).merge(Toml::string(files));
        Settings::from_figment(figment)
    }

    #[test]
    fn an_s3_compatible_store_is_built_from_the_configuration() {
        let config = "[files]\nstore = \"s3\"\nbucket = \"portail311-files\"\nendpoint = \"http://127.0.0.1:9000\"\n\
                      region = \"ca-central-1\"\n";
        let files = file_store(&settings(config).unwrap()).unwrap();
        assert_eq!(files.store.to_string(), "AmazonS3(portail311-files)");
        let error = settings("[files]\nstore = \"s3\"\n").unwrap_err().to_string();
        assert!(error.contains("files.bucket"), "{error}");
    }
}
