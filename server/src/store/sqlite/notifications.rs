//! The notification outbox on SQLite: the rows due, with what their message needs, and their outcome.

use super::lifecycle::KindColumns;
use super::SqliteStore;
use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::catalogue::Code;
use app::lifecycle::ssr::StoredKind;
use app::notifications::{Due, Notice, NotificationStore, Outcome};
use app::requests::model::Reference;

#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    attempts: i64,
    account_id: i64,
    reference: String,
    service_code: String,
    address: String,
    #[sqlx(flatten)]
    what: KindColumns,
    note: String,
    public: bool,
}

#[async_trait::async_trait]
impl NotificationStore for SqliteStore {
    async fn due(&self, now: i64, limit: u32) -> anyhow::Result<Vec<Due>> {
        let rows = sqlx::query_as::<_, DueRow>(
            "SELECT n.id, n.attempts, n.account_id, r.reference, r.service_code, r.address, \
             coalesce(e.kind, 'receipt') AS kind, e.status, e.reason, e.duplicate_of, e.team, e.on_behalf_of, r.channel, \
             coalesce(e.note, '') AS note, coalesce(e.public, 0) AS public FROM notifications n \
             JOIN requests r ON r.id = n.request_id LEFT JOIN request_events e ON e.id = n.event_id \
             WHERE n.state = 'pending' AND n.next_attempt_at <= ? ORDER BY n.next_attempt_at, n.id LIMIT ?",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Due {
                    id: row.id,
                    attempts: row.attempts as u32,
                    account_id: AccountId(row.account_id),
                    reference: Reference::parse(&row.reference).context("notification reference")?,
                    service: Code::parse(&row.service_code).context("notification service")?,
                    address: row.address,
                    // A row without an event is the request's receipt.
                    what: match row.what.kind.as_str() {
                        "receipt" => Notice::Receipt,
                        _ => Notice::Event(StoredKind::try_from(row.what)?),
                    },
                    // An internal note never leaves the city.
                    note: if row.public { row.note } else { String::new() },
                })
            })
            .collect()
    }

    async fn finish(&self, id: i64, outcome: &Outcome, now: i64) -> anyhow::Result<()> {
        let query = match outcome {
            Outcome::Sent { channel } => sqlx::query(
                "UPDATE notifications SET state = 'sent', channel = ?, sent_at = ?, attempts = attempts + 1 \
                 WHERE id = ?",
            )
            .bind(channel.code())
            .bind(now),
            Outcome::Skipped => sqlx::query("UPDATE notifications SET state = 'skipped' WHERE id = ?"),
            Outcome::Retry { error, at } => sqlx::query(
                "UPDATE notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
            )
            .bind(error)
            .bind(at),
            Outcome::Failed { error } => sqlx::query(
                "UPDATE notifications SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
            )
            .bind(error),
        };
        query.bind(id).execute(&self.pool).await?;
        Ok(())
    }
}
