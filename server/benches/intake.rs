//! Find-the-caller on 100 000 residents: `cargo bench -p server --bench intake`.
//!
//! A fresh SQLite file (WAL, as the portal runs it) gets 100 000 residents whose names repeat as a city's
//! do (40 family names, the commonest on one resident in 25, accents included) and 50 000 requests. Each
//! kind of search an agent types is then timed as the server answers it (`intake::ssr::flows::find`: the
//! store's query and each match's open requests), in process.

use app::catalogue::ssr::CatalogueStore;
use app::intake::ssr::flows::find;
use server::store::Store;
use std::time::Instant;
use timing::report;

#[path = "support/timing.rs"]
mod timing;

const RESIDENTS: i64 = 100_000;
const REQUESTS: i64 = 50_000;
const ROUNDS: usize = 200;
const GIVEN: [&str; 20] = [
    "Marie", "Jean", "Luc", "Sophie", "Pierre", "Anne", "Paul", "Julie", "Marc", "Chloé", "Noah", "Liam", "Emma",
    "Olivia", "Zoé", "Éric", "Léa", "Gabriel", "Nathalie", "Denis",
];
const FAMILY: [&str; 40] = [
    "Tremblay",
    "Gagnon",
    "Roy",
    "Côté",
    "Bouchard",
    "Gauthier",
    "Morin",
    "Lavoie",
    "Fortin",
    "Gagné",
    "Ouellet",
    "Pelletier",
    "Bélanger",
    "Lévesque",
    "Bergeron",
    "Leblanc",
    "Paquette",
    "Girard",
    "Simard",
    "Boucher",
    "Caron",
    "Beaulieu",
    "Cloutier",
    "Dubé",
    "Poirier",
    "Fournier",
    "Lapointe",
    "Leclerc",
    "Lefebvre",
    "Poulin",
    "Smith",
    "Brown",
    "Wilson",
    "Martin",
    "Taylor",
    "Campbell",
    "MacDonald",
    "Anderson",
    "Thompson",
    "Young",
];

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("bench.sqlite3").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::open(&url).await.unwrap();
        let catalogue = server::catalogue_file::load(None).unwrap();
        store.save_catalogue(&catalogue).await.unwrap();
        let started = Instant::now();
        seed(&url).await;
        println!("seeded {RESIDENTS} residents and {REQUESTS} requests in {:?}", started.elapsed());
        let cases = [
            ("a common family name", "tremblay"),
            ("given name and the start of the family name", "marie trem"),
            ("without its accents", "cote"),
            ("a whole phone number, as typed", "(705) 504-2042"),
            ("the start of an e-mail address", "resident4242@"),
            ("nobody", "zzyzx"),
        ];
        for (what, typed) in cases {
            let mut samples = Vec::with_capacity(ROUNDS);
            let mut found = 0;
            for _ in 0..ROUNDS {
                let started = Instant::now();
                let matches = find(&catalogue, &store, &store, typed).await.unwrap();
                samples.push(started.elapsed());
                found = matches.len();
            }
            report(&format!("find the caller: {what} \"{typed}\" ({found} shown)"), samples);
        }
    });
}

/// Residents with repeating names, a number each, and requests spread over them.
async fn seed(url: &str) {
    let pool = sqlx::SqlitePool::connect(url).await.unwrap();
    let mut tx = pool.begin().await.unwrap();
    for id in 1..=RESIDENTS {
        let (given, family) = (GIVEN[id as usize % GIVEN.len()], FAMILY[(id as usize / 7) % FAMILY.len()]);
        sqlx::query(
            "INSERT INTO accounts (id, email, name, mobile, lang, updates_by, created_at) \
             VALUES (?, ?, ?, ?, 'fr', 'email', 0)",
        )
        .bind(id)
        .bind(format!("resident{id}@example.ca"))
        .bind(format!("{given} {family}"))
        .bind(format!("+1705{:07}", 5_000_000 + id))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    for n in 0..REQUESTS {
        sqlx::query(
            "INSERT INTO requests (reference, idempotency_key, account_id, service_code, status, address, latitude, \
             longitude, description, lang, created_at) \
             VALUES (?, ?, ?, 'pothole', ?, '200 Brady St, Sudbury', 46.49, -80.99, 'Trou', 'fr', ?)",
        )
        .bind(format!("2026-{:06}", n + 1))
        .bind(format!("key-{n}"))
        .bind(n * 2 % RESIDENTS + 1)
        .bind(if n % 3 == 0 { "received" } else { "completed" })
        .bind(n)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    pool.close().await;
}
