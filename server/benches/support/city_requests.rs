//! 100 000 requests as a city of 170 000 makes them in three years, for the benchmarks that need a full
//! database (the staff queue, the Open311 API): 5 000 residents, requests in the proportions of a 311
//! service (most completed or closed) with two events each, and one request with a long timeline (24
//! events, 4 photos).

use app::catalogue::ssr::CatalogueStore;
use app::catalogue::Catalogue;
use app::lifecycle::model::Status;
use server::store::Store;

pub const REQUESTS: i64 = 100_000;
const RESIDENTS: i64 = 5_000;
const STREETS: [&str; 8] =
    ["Brady St", "Paris St", "Notre Dame Ave", "Lasalle Blvd", "Kingsway", "Elm St", "Regent St", "Barrydowne Rd"];

/// The database at `url` (migrated, SQLite or PostgreSQL), with the built-in catalogue and the requests of [`seed`]; the store,
/// the catalogue and its online services' codes.
pub async fn seeded(url: &str) -> (Store, Catalogue, Vec<String>) {
    let store = Store::open(url).await.unwrap();
    let catalogue = server::catalogue_file::load(None).unwrap();
    store.save_catalogue(&catalogue).await.unwrap();
    let services: Vec<String> = catalogue.services().iter().filter(|s| s.online).map(|s| s.code.to_string()).collect();
    let started = std::time::Instant::now();
    seed(&store, &services).await;
    println!("seeded {REQUESTS} requests in {:?}", started.elapsed());
    (store, catalogue, services)
}

/// Residents, requests, their events; one long timeline.
async fn seed(store: &Store, services: &[String]) {
    let mut tx = store.pool().begin().await.unwrap();
    for id in 1..=RESIDENTS {
        sqlx::query(
            "INSERT INTO accounts (id, email, name, lang, updates_by, created_at) VALUES ($1, $2, $3, 'fr', 'email', 0)",
        )
        .bind(id)
        .bind(format!("resident{id}@example.ca"))
        .bind(format!("Marie Tremblay {id}"))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    let start = jiff::Timestamp::now().as_second() - 3 * 365 * 86_400;
    for n in 0..REQUESTS {
        // Spread over three years.
        let created = start + n * (3 * 365 * 86_400 / REQUESTS);
        let year = 2024 + n * 3 / REQUESTS;
        let status = match n % 20 {
            0..=1 => Status::Received,
            2..=3 => Status::UnderReview,
            4 => Status::Scheduled,
            5..=6 => Status::InProgress,
            7..=15 => Status::Completed,
            _ => Status::Closed,
        };
        let due = jiff::Timestamp::from_second(created + 10 * 86_400).unwrap().strftime("%Y-%m-%d").to_string();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO requests (reference, idempotency_key, account_id, service_code, status, address, latitude, \
             longitude, description, lang, due_on, attention, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 46.49, -80.99, 'Décrit par le résident', 'fr', $7, $8, $9) RETURNING id",
        )
        .bind(format!("{year}-{:06}", n + 2))
        .bind(format!("key-{n}"))
        .bind(n % RESIDENTS + 1)
        .bind(&services[n as usize % services.len()])
        .bind(status.code())
        .bind(format!("{} {}, Sudbury", 100 + n % 1900, STREETS[n as usize % STREETS.len()]))
        .bind(due)
        .bind((n % 97 == 0).then_some("update"))
        .bind(created)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        for (kind, at) in [("under_review", created + 3600), (status.code(), created + 86_400)] {
            sqlx::query(
                "INSERT INTO request_events (request_id, at, actor_id, actor_role, kind, status, note, public) \
                 VALUES ($1, $2, NULL, 'staff', 'status', $3, 'Vu par le 311', 1)",
            )
            .bind(id)
            .bind(at)
            .bind(kind)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
    }
    // The request whose timeline is timed: this year's first, with a long history and photos.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO requests (reference, idempotency_key, account_id, service_code, address, latitude, longitude, \
         description, lang, due_on, created_at) VALUES ('2026-000001', 'long', 1, $1, '200 Brady St, Sudbury', \
         46.49, -80.99, 'Nid-de-poule profond', 'fr', '2026-12-04', $2) RETURNING id",
    )
    .bind(&services[0])
    .bind(jiff::Timestamp::now().as_second() - 86_400)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    for i in 0..24 {
        let (kind, public) = if i % 3 == 0 { ("note", 0) } else { ("update", 1) };
        sqlx::query(
            "INSERT INTO request_events (request_id, at, actor_id, actor_role, kind, note, public) \
             VALUES ($1, $2, 1, 'resident', $3, 'Encore plus profond aujourd''hui', $4)",
        )
        .bind(id)
        .bind(jiff::Timestamp::now().as_second() - 3600 + i)
        .bind(kind)
        .bind(public)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    for i in 0..4 {
        sqlx::query(
            "INSERT INTO attachments (id, request_id, kind, content_type, name, size, thumbnail, created_at) \
             VALUES ($1, $2, 'photo', 'image/jpeg', 'photo.jpg', 300000, 1, 0)",
        )
        .bind(format!("photo-{i}"))
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    if store.engine() == server::store::Engine::Postgres {
        // Ids given here: PostgreSQL's identity carries on after them.
        let reset = "SELECT setval(pg_get_serial_sequence('accounts', 'id'), (SELECT max(id) FROM accounts))";
        sqlx::query(reset).execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    // The planner's statistics, as autovacuum would gather them on a database that grew over years.
    if store.engine() == server::store::Engine::Postgres {
        sqlx::query("ANALYZE").execute(store.pool()).await.unwrap();
    }
}
