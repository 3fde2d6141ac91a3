//! Storage. Features talk to the store traits defined beside them in `app` (e.g.
//! `app::catalogue::ssr::CatalogueStore`); [`Store`] implements every one of them, once, in `sql/`, over
//! sqlx's `Any` driver: the same statements run on SQLite (the embedded default, one file) and on
//! PostgreSQL (several instances, one database), chosen by the scheme of the database URL. What the two
//! do differently — connecting, migrating, taking the write lock, searching names, fanning chat events
//! out — lives in `sqlite.rs` and `postgres.rs`, behind [`Store`]'s few methods.
//!
//! The statements are written in the SQL both understand: `$1`-style parameters, `ON CONFLICT`,
//! `RETURNING`, `count(*) FILTER (…)`, integer 0/1 flags (the `Any` driver cannot read SQLite's booleans)
//! and epoch seconds for times. Each schema has its own migrations (`migrations/sqlite`,
//! `migrations/postgres`) with the same tables and columns.

pub mod postgres;
mod sql;
pub mod sqlite;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::{Any, Transaction};
use std::time::Duration;

/// Which database a [`Store`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine a database URL names, or an error naming what is supported.
    pub fn of(url: &str) -> anyhow::Result<Engine> {
        match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Ok(Engine::Sqlite),
            Some("postgres" | "postgresql") => Ok(Engine::Postgres),
            _ => anyhow::bail!("database_url must start with sqlite:// or postgres://"),
        }
    }
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
}

impl Store {
    /// Opens the database at `url` (creating an SQLite file if needed) and brings its schema up to date.
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of(url)?;
        let pool = match engine {
            Engine::Sqlite => sqlite::open(url).await?,
            Engine::Postgres => postgres::open(url).await?,
        };
        Ok(Store { pool, engine })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The connection pool, for the commands that copy and check a whole database.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction that holds the database's write lock from its first statement: two of them never
    /// interleave, on one instance or several, so a read-then-write inside (the next reference number, a
    /// count under a limit, the address points two instances load at once) is never raced. Every
    /// transaction that writes takes it, so PostgreSQL behaves as SQLite does (writers one at a time) and
    /// no flow meets an error SQLite would have spared it. SQLite's `BEGIN IMMEDIATE`; on PostgreSQL a transaction-scoped
    /// advisory lock, released at commit or rollback.
    async fn begin_write(&self) -> anyhow::Result<Transaction<'static, Any>> {
        Ok(match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => postgres::begin_write(&self.pool).await?,
        })
    }

    /// Whether the database answers and takes a write `within` this time (what `/health` reports).
    pub async fn can_write(&self, within: Duration) -> anyhow::Result<()> {
        match self.engine {
            Engine::Sqlite => sqlite::can_write(&self.pool, within).await,
            Engine::Postgres => postgres::can_write(&self.pool, within).await,
        }
    }
}

/// Pool settings shared by both engines; `after_connect` sets each connection up as its engine needs.
fn pool_options(max: u32) -> AnyPoolOptions {
    AnyPoolOptions::new().max_connections(max).acquire_timeout(Duration::from_secs(10))
}
