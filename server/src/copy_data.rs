//! `server copy-data --to postgres://… [--files-to s3://BUCKET]`: moves a city from the embedded SQLite
//! database (and local files) to PostgreSQL (and a bucket), with the portal stopped. Every table is
//! copied in one transaction, in the order references need, each row as it is (ids included); the
//! destination must be empty, and the counts are compared before it is committed.

use crate::config::Settings;
use crate::store::{Engine, Store};
use anyhow::Context;
use sqlx::any::AnyArguments;
use sqlx::{AnyConnection, Arguments, Row};

/// Every table, parents before children. `jobs` (when background jobs last ran) starts afresh.
const TABLES: &[&str] = &[
    "categories",
    "services",
    "service_questions",
    "accounts",
    "api_keys",
    "sessions",
    "account_links",
    "email_changes",
    "second_factors",
    "recovery_codes",
    "sms_inbound",
    "addresses",
    "chat_conversations",
    "chat_messages",
    "chat_agents",
    "chat_ratings",
    "drafts",
    "reference_counters",
    "requests",
    "request_answers",
    "request_followers",
    "request_events",
    "attachments",
    "surveys",
    "notifications",
    "contacts",
    "portal_feedback",
];

/// Rows per INSERT: well under PostgreSQL's 65 535 parameters for the widest table.
const ROWS_PER_INSERT: usize = 500;

/// What was copied: rows by table, and files.
#[derive(Debug)]
pub struct Copied {
    pub rows: Vec<(&'static str, i64)>,
    pub files: u64,
}

pub async fn copy_data(settings: &Settings, args: &[String]) -> anyhow::Result<Copied> {
    let to = crate::admin::flag(args, "--to").context("--to postgres://… is required")?;
    anyhow::ensure!(Engine::of(to)? == Engine::Postgres, "--to must be a postgres:// URL");
    let files_to = crate::admin::flag(args, "--files-to").map(bucket_of).transpose()?;
    let from = Store::open(&settings.database_url()).await?;
    anyhow::ensure!(from.engine() == Engine::Sqlite, "the portal's database_url must be the SQLite database to copy");
    let into = Store::open(to).await?;
    let mut tx = into.pool().begin().await?;
    for table in TABLES {
        let count: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&mut *tx).await?;
        anyhow::ensure!(count == 0, "{table} already has {count} rows: copy-data only writes into an empty database");
    }
    // accounts and api_keys refer to each other: checked at the commit, once both are there.
    sqlx::query("SET CONSTRAINTS ALL DEFERRED").execute(&mut *tx).await?;
    let mut rows = Vec::new();
    for table in TABLES {
        let copied = copy_table(&from, &mut tx, table).await.with_context(|| format!("copying {table}"))?;
        let there: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&mut *tx).await?;
        anyhow::ensure!(there == copied, "{table}: {copied} rows read, {there} written");
        rows.push((*table, copied));
    }
    tx.commit().await?;
    let files = match files_to {
        Some(bucket) => copy_files(settings, &bucket).await?,
        None => 0,
    };
    Ok(Copied { rows, files })
}

/// The destination's columns of `table` with their types, without the insertion order PostgreSQL gives
/// itself (`attachments.rowid`).
async fn columns(tx: &mut AnyConnection, table: &str) -> anyhow::Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 AND column_name <> 'rowid' ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(&mut *tx)
    .await?)
}

/// Copies one table in SQLite's insertion order; returns how many rows.
async fn copy_table(from: &Store, tx: &mut AnyConnection, table: &str) -> anyhow::Result<i64> {
    let columns = columns(tx, table).await?;
    let names = columns.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(", ");
    let rows = sqlx::query(&format!("SELECT {names} FROM {table} ORDER BY rowid")).fetch_all(from.pool()).await?;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut values = AnyArguments::default();
        let mut text = format!("INSERT INTO {table} ({names}) VALUES ");
        let mut n = 0;
        for (r, row) in chunk.iter().enumerate() {
            text.push_str(if r == 0 { "(" } else { ", (" });
            for (i, (name, kind)) in columns.iter().enumerate() {
                n += 1;
                text.push_str(&format!("{}${n}", if i == 0 { "" } else { ", " }));
                // Read as the destination's type, so a NULL is bound as one of that type.
                let added = match kind.as_str() {
                    "bigint" => values.add(row.try_get::<Option<i64>, _>(i)?),
                    "double precision" => values.add(row.try_get::<Option<f64>, _>(i)?),
                    "bytea" => values.add(row.try_get::<Option<Vec<u8>>, _>(i)?),
                    "text" => values.add(row.try_get::<Option<String>, _>(i)?),
                    other => anyhow::bail!("column {name} of type {other}"),
                };
                added.map_err(|error| anyhow::anyhow!("{name}: {error}"))?;
            }
            text.push(')');
        }
        sqlx::query_with(&text, values).execute(&mut *tx).await?;
    }
    if columns.iter().any(|(name, kind)| name == "id" && kind == "bigint") {
        // An identity column carries on after the highest id copied (no sequence: nothing to do).
        let reset = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        );
        sqlx::query(&reset).execute(&mut *tx).await?;
    }
    Ok(rows.len() as i64)
}

/// `s3://BUCKET` → BUCKET.
fn bucket_of(url: &str) -> anyhow::Result<String> {
    let bucket = url.strip_prefix("s3://").context("--files-to must be s3://BUCKET")?;
    anyhow::ensure!(!bucket.is_empty() && !bucket.contains('/'), "--files-to must be s3://BUCKET");
    Ok(bucket.to_string())
}

/// Copies every stored file (photos, documents, thumbnails) from the data folder into `bucket`, reached
/// as the portal would reach it (`AWS_*` variables: keys, `AWS_ENDPOINT_URL`, `AWS_REGION`); returns how
/// many, once the bucket holds as many as the folder.
async fn copy_files(settings: &Settings, bucket: &str) -> anyhow::Result<u64> {
    use futures::TryStreamExt;
    use object_store::ObjectStore;
    let folder = settings.server.data_dir.join("files");
    std::fs::create_dir_all(&folder)?;
    let local = object_store::local::LocalFileSystem::new_with_prefix(&folder)?;
    let remote = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket).build()?;
    let files: Vec<_> = local.list(None).try_collect().await?;
    for file in &files {
        let bytes = local.get(&file.location).await?.bytes().await?;
        remote.put(&file.location, bytes.into()).await.with_context(|| format!("copying {}", file.location))?;
    }
    let there = remote.list(None).try_collect::<Vec<_>>().await?.len();
    anyhow::ensure!(there >= files.len(), "{} files read, {there} in the bucket", files.len());
    Ok(files.len() as u64)
}
