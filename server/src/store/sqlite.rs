//! SQLite, the embedded default: one file, WAL journal (readers never wait for the writer), foreign keys
//! on; its own migrations, and its own way of checking it can take a write.

use sqlx::AnyPool;
use sqlx::Executor;
use std::time::Duration;

/// How long a statement waits for another connection's write before it fails ("database is locked").
const BUSY: Duration = Duration::from_secs(5);

/// Opens (creating if needed) the database at `url` and brings its schema up to date.
pub(super) async fn open(url: &str) -> anyhow::Result<AnyPool> {
    let url = if url.contains("mode=") { url.to_string() } else { format!("{url}{}mode=rwc", sep(url)) };
    let pool = super::pool_options(8)
        .after_connect(|connection, _| {
            Box::pin(async move {
                // NORMAL is durable with WAL except for the last transactions on power loss, as SQLite documents.
                let setup = format!(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                     PRAGMA busy_timeout = {}",
                    BUSY.as_millis()
                );
                connection.execute(setup.as_str()).await?;
                Ok(())
            })
        })
        .connect(&url)
        .await?;
    migrate(&pool).await?;
    Ok(pool)
}

fn sep(url: &str) -> char {
    if url.contains('?') {
        '&'
    } else {
        '?'
    }
}

/// Whether the database answers and takes a write `within` this time: its write lock is taken and given
/// back at once (microseconds, behind any write in progress). The wait is SQLite's own busy timeout, set
/// for this check only, so nothing is cancelled half-way.
pub(super) async fn can_write(pool: &AnyPool, within: Duration) -> anyhow::Result<()> {
    let mut connection = tokio::time::timeout(within, pool.acquire()).await??;
    let busy = |wait: Duration| format!("PRAGMA busy_timeout = {}", wait.as_millis());
    sqlx::query(&busy(within)).execute(&mut *connection).await?;
    let taken = sqlx::query("BEGIN IMMEDIATE").execute(&mut *connection).await;
    let given_back = match taken {
        Ok(_) => sqlx::query("ROLLBACK").execute(&mut *connection).await.map(|_| ()),
        Err(_) => Ok(()),
    };
    if given_back.is_err() {
        // A connection that may still hold the lock never goes back to the pool.
        drop(connection.detach());
        given_back?;
    } else {
        sqlx::query(&busy(BUSY)).execute(&mut *connection).await?;
    }
    taken?;
    Ok(())
}

/// Brings the schema up to date on one connection with foreign keys off, as SQLite's way of remaking a
/// table requires (it cannot change a CHECK): dropping a table others refer to would otherwise delete
/// what refers to it (ON DELETE CASCADE) or be refused. Sqlx runs each migration in a transaction, where
/// the pragma does nothing, so it is set around them; every reference is checked once they are applied.
async fn migrate(pool: &AnyPool) -> anyhow::Result<()> {
    let mut connection = pool.acquire().await?;
    let applied = "SELECT count(*) FROM sqlite_master WHERE name = '_sqlx_migrations'";
    let fresh: i64 = sqlx::query_scalar(applied).fetch_one(&mut *connection).await?;
    let before: i64 = match fresh {
        0 => 0,
        _ => sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&mut *connection).await?,
    };
    sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *connection).await?;
    let migrated = sqlx::migrate!("../migrations/sqlite").run_direct(&mut *connection).await;
    sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *connection).await?;
    migrated?;
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&mut *connection).await?;
    if after > before {
        let broken = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut *connection).await?;
        anyhow::ensure!(broken.is_empty(), "{} rows refer to rows that are not there after migrating", broken.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Store;
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
    use std::str::FromStr;

    /// The migration that remakes `requests` (20261205000001) keeps every request and everything that
    /// refers to one — answers and followers, which `ON DELETE CASCADE` would have taken with foreign
    /// keys on — and the remade table takes the new channel.
    #[tokio::test]
    async fn remaking_the_requests_table_keeps_what_refers_to_it() {
        let folder = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", folder.path().join("portal.sqlite3").display());
        let options = SqliteConnectOptions::from_str(&url).unwrap().create_if_missing(true).foreign_keys(true);
        let pool = SqlitePool::connect_with(options).await.unwrap();
        let mut before = sqlx::migrate!("../migrations/sqlite");
        before.migrations = before.migrations.iter().filter(|m| m.version < 20261205000001).cloned().collect();
        before.run(&pool).await.unwrap();
        for sql in [
            "INSERT INTO categories (code, position, name_fr, name_en, description_fr, description_en) \
             VALUES ('roads', 1, 'Routes', 'Roads', '', '')",
            "INSERT INTO services (code, category_code, position, online, name_fr, name_en, summary_fr, summary_en, \
             description_fr, description_en, prepare, keywords) \
             VALUES ('pothole', 'roads', 1, 1, 'Nid-de-poule', 'Pothole', '', '', '', '', '{}', '{}')",
            "INSERT INTO accounts (id, email, lang, updates_by, created_at) VALUES (1, 'a@example.ca', 'fr', 'email', 0)",
            "INSERT INTO requests (id, reference, idempotency_key, account_id, service_code, address, latitude, \
             longitude, description, lang, created_at, channel) \
             VALUES (7, '2026-000001', 'k', 1, 'pothole', '200 Brady St', 46.49, -80.99, 'Deep', 'fr', 0, 'phone')",
            "INSERT INTO request_answers (request_id, question, value, position) VALUES (7, 'size', 'large', 0)",
            "INSERT INTO request_followers (request_id, account_id, created_at) VALUES (7, 1, 0)",
        ] {
            sqlx::query(sql).execute(&pool).await.unwrap_or_else(|error| panic!("{sql}: {error}"));
        }
        pool.close().await;

        let store = Store::open(&url).await.unwrap();
        let counts: (i64, i64, String) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM request_answers), (SELECT count(*) FROM request_followers), \
             (SELECT channel FROM requests WHERE id = 7)",
        )
        .fetch_one(&store.pool)
        .await
        .unwrap();
        assert_eq!(counts, (1, 1, "phone".to_string()));
        // The new channel needs its key, and foreign keys are on again.
        let keyless = "UPDATE requests SET channel = 'open311' WHERE id = 7";
        assert!(sqlx::query(keyless).execute(&store.pool).await.is_err());
        let dangling =
            "INSERT INTO request_answers (request_id, question, value, position) VALUES (99, 'size', 'x', 0)";
        assert!(sqlx::query(dangling).execute(&store.pool).await.is_err());
    }
}
