//! The notification outbox: the rows due, with what their message needs, and their outcome.

use super::lifecycle::KindColumns;
use super::statement::Statement;
use crate::store::Store;
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
    public: i64,
}

#[async_trait::async_trait]
impl NotificationStore for Store {
    async fn claim(&self, now: i64, until: i64, limit: u32) -> anyhow::Result<Vec<Due>> {
        // Under the write lock, so that two workers (on one instance or several) never claim one row.
        let mut tx = self.begin_write().await?;
        let claimed: Vec<i64> = sqlx::query_scalar(
            "UPDATE notifications SET claimed_until = $1 WHERE id IN (SELECT id FROM notifications \
             WHERE state = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $3) \
             ORDER BY next_attempt_at, id LIMIT $4) RETURNING id",
        )
        .bind(until)
        .bind(now)
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&mut *tx)
        .await?;
        if claimed.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Statement::new(
            "SELECT n.id, n.attempts, n.account_id, r.reference, r.service_code, r.address, \
             coalesce(e.kind, 'receipt') AS kind, e.status, e.reason, e.duplicate_of, e.team, e.on_behalf_of, r.channel, \
             coalesce(e.note, '') AS note, coalesce(e.public, 0) AS public FROM notifications n \
             JOIN requests r ON r.id = n.request_id LEFT JOIN request_events e ON e.id = n.event_id \
             WHERE n.id",
        );
        sql.bind_in(claimed).push(" ORDER BY n.next_attempt_at, n.id");
        let (text, values) = sql.parts();
        let rows = sqlx::query_as_with::<_, DueRow, _>(&text, values).fetch_all(&mut *tx).await?;
        tx.commit().await?;
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
                    note: if row.public != 0 { row.note } else { String::new() },
                })
            })
            .collect()
    }

    async fn finish(&self, id: i64, outcome: &Outcome, now: i64) -> anyhow::Result<()> {
        let query = match outcome {
            Outcome::Sent { channel } => sqlx::query(
                "UPDATE notifications SET state = 'sent', channel = $1, sent_at = $2, attempts = attempts + 1, \
                 claimed_until = NULL WHERE id = $3",
            )
            .bind(channel.code())
            .bind(now),
            Outcome::Skipped => {
                sqlx::query("UPDATE notifications SET state = 'skipped', claimed_until = NULL WHERE id = $1")
            }
            Outcome::Retry { error, at } => sqlx::query(
                "UPDATE notifications SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, \
                 claimed_until = NULL WHERE id = $3",
            )
            .bind(error)
            .bind(at),
            Outcome::Failed { error } => sqlx::query(
                "UPDATE notifications SET state = 'failed', attempts = attempts + 1, last_error = $1, \
                 claimed_until = NULL WHERE id = $2",
            )
            .bind(error),
        };
        query.bind(id).execute(&self.pool).await?;
        Ok(())
    }
}
