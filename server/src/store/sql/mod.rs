//! The store traits' one implementation, for both engines (see `store/mod.rs` for the SQL they share).

mod accounts;
mod addresses;
mod api_keys;
mod catalogue;
mod chat;
mod intake;
mod jobs;
mod lifecycle;
mod limits;
mod notifications;
mod open311;
mod queue;
mod requests;
mod rows;
mod statement;
mod surveys;
mod two_factor;

/// A store on a fresh SQLite file, for the unit tests beside each part (the folder goes when dropped).
#[cfg(test)]
async fn temporary() -> (tempfile::TempDir, crate::store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.sqlite3").display());
    (dir, crate::store::Store::open(&url).await.unwrap())
}
