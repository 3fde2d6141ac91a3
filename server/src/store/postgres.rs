//! PostgreSQL, for a city that runs several portal instances on one database: its own migrations, the
//! write lock every instance shares, and its check that it can take a write.

use sqlx::AnyPool;
use sqlx::{Any, Transaction};
use std::time::Duration;

/// The advisory lock [`begin_write`] takes: one number the whole portal agrees on ("311").
const WRITE_LOCK: i64 = 311;

/// Connects to the database at `url` and brings its schema up to date. Two instances starting at once
/// migrate one after the other: sqlx holds an advisory lock while it migrates.
pub(super) async fn open(url: &str) -> anyhow::Result<AnyPool> {
    let pool = super::pool_options(16).connect(url).await?;
    sqlx::migrate!("../migrations/postgres").run(&pool).await?;
    Ok(pool)
}

/// A transaction holding the portal's write lock, as SQLite's `BEGIN IMMEDIATE` does there: the writes
/// that read before they write (reference numbers, counts under a limit, merges) run one at a time across
/// every instance, and the lock goes with the transaction's end, whatever ends it.
pub(super) async fn begin_write(pool: &AnyPool) -> anyhow::Result<Transaction<'static, Any>> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
    Ok(tx)
}

/// Whether the database answers, is not a read-only replica, and gives the write lock `within` this time.
/// PostgreSQL's own `lock_timeout` bounds the wait, so nothing is cancelled half-way.
pub(super) async fn can_write(pool: &AnyPool, within: Duration) -> anyhow::Result<()> {
    let mut tx = tokio::time::timeout(within, pool.begin()).await??;
    sqlx::query(&format!("SET LOCAL lock_timeout = {}", within.as_millis())).execute(&mut *tx).await?;
    let read_only: String =
        sqlx::query_scalar("SELECT current_setting('transaction_read_only')").fetch_one(&mut *tx).await?;
    anyhow::ensure!(read_only == "off", "the database takes no writes (a replica?)");
    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
    tx.rollback().await?;
    Ok(())
}
