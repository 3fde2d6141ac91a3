//! Storage. Features talk to the store traits defined beside them in `app` (e.g.
//! `app::catalogue::ssr::CatalogueStore`); this folder holds one implementation per database.
//! SQLite is the embedded default; PostgreSQL will be a sibling module chosen by the database URL.

pub mod sqlite;

pub use sqlite::SqliteStore;
