//! Requests' events (the timeline and the audit log), staff changes and residents' updates, the staff
//! queue, and the notification outbox's rows.

use super::requests::{kind_code, AttachmentRow, RequestRow, ATTACHMENT_COLUMNS, REQUEST_COLUMNS};
use super::SqliteStore;
use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::catalogue::Code;
use app::lifecycle::model::{CloseReason, Note, Status};
use app::lifecycle::ssr::{ActorRole, Applied, LifecycleStore, StaffChange, StoredEvent, StoredKind};
use app::notifications::{Due, Notice, NotificationStore, Outcome};
use app::requests::model::Reference;
use app::requests::ssr::{Attachment, StoredRequest};
use app::staff::ssr::{QueueItem, QueueQuery, QueueSearch, QueueStore};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// The columns of `request_events` that say what happened.
#[derive(sqlx::FromRow)]
struct KindColumns {
    kind: String,
    status: Option<String>,
    reason: Option<String>,
    duplicate_of: Option<String>,
    team: Option<String>,
}

impl TryFrom<KindColumns> for StoredKind {
    type Error = anyhow::Error;

    fn try_from(row: KindColumns) -> anyhow::Result<StoredKind> {
        Ok(match row.kind.as_str() {
            "status" => StoredKind::Status {
                status: row.status.as_deref().and_then(Status::parse).context("event status")?,
                reason: row.reason.map(|r| CloseReason::parse(&r).context("event reason")).transpose()?,
                duplicate_of: row.duplicate_of.map(|r| Reference::parse(&r).context("event duplicate")).transpose()?,
            },
            "note" => StoredKind::Note,
            "update" => StoredKind::Update,
            "assigned" => StoredKind::Assigned { team: row.team.context("event team")? },
            "reopened" => StoredKind::Reopened,
            other => anyhow::bail!("event kind {other}"),
        })
    }
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    at: i64,
    actor_role: String,
    actor_name: Option<String>,
    #[sqlx(flatten)]
    what: KindColumns,
    note: String,
    public: bool,
}

/// Writes one event; returns its id.
async fn insert_event(
    tx: &mut SqliteConnection,
    request_id: i64,
    actor: (Option<AccountId>, ActorRole),
    kind: &StoredKind,
    note: &str,
    public: bool,
    now: i64,
) -> anyhow::Result<i64> {
    let (code, status, reason, duplicate_of, team) = match kind {
        StoredKind::Status { status, reason, duplicate_of } => {
            ("status", Some(status.code()), reason.map(CloseReason::code), duplicate_of.map(|r| r.to_string()), None)
        }
        StoredKind::Note => ("note", None, None, None, None),
        StoredKind::Update => ("update", None, None, None, None),
        StoredKind::Assigned { team } => ("assigned", None, None, None, Some(team.as_str())),
        StoredKind::Reopened => ("reopened", None, None, None, None),
    };
    let id = sqlx::query_scalar(
        "INSERT INTO request_events (request_id, at, actor_id, actor_role, kind, status, reason, duplicate_of, \
         team, note, public) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(request_id)
    .bind(now)
    .bind(actor.0)
    .bind(actor.1.code())
    .bind(code)
    .bind(status)
    .bind(reason)
    .bind(duplicate_of)
    .bind(team)
    .bind(note)
    .bind(public)
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

/// One notification for the author and one for each follower of the request.
async fn notify_everyone(tx: &mut SqliteConnection, request_id: i64, event_id: i64, now: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO notifications (request_id, event_id, account_id, next_attempt_at) \
         SELECT id, ?, account_id, ? FROM requests WHERE id = ? \
         UNION SELECT request_id, ?, account_id, ? FROM request_followers WHERE request_id = ? \
         ON CONFLICT DO NOTHING",
    )
    .bind(event_id)
    .bind(now)
    .bind(request_id)
    .bind(event_id)
    .bind(now)
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[async_trait::async_trait]
impl LifecycleStore for SqliteStore {
    async fn events(&self, reference: &Reference) -> anyhow::Result<Vec<StoredEvent>> {
        let rows = sqlx::query_as::<_, EventRow>(
            "SELECT e.id, e.at, e.actor_role, a.name AS actor_name, e.kind, e.status, e.reason, e.duplicate_of, \
             e.team, e.note, e.public FROM request_events e JOIN requests r ON r.id = e.request_id \
             LEFT JOIN accounts a ON a.id = e.actor_id AND e.actor_role = 'staff' \
             WHERE r.reference = ? ORDER BY e.id",
        )
        .bind(reference.to_string())
        .fetch_all(&self.pool)
        .await?;
        let with_files = rows.iter().filter(|row| row.what.kind == "update").map(|row| row.id).collect::<Vec<_>>();
        let mut files = self.event_files(&with_files).await?;
        rows.into_iter()
            .map(|row| {
                Ok(StoredEvent {
                    at: row.at,
                    actor_role: ActorRole::parse(&row.actor_role).context("event actor")?,
                    actor_name: row.actor_name,
                    kind: StoredKind::try_from(row.what)?,
                    note: row.note,
                    public: row.public,
                    files: files.remove(&row.id).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn request_files(&self, reference: &Reference) -> anyhow::Result<Vec<Attachment>> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM attachments a JOIN requests r ON r.id = a.request_id \
             WHERE r.reference = ? AND a.event_id IS NULL ORDER BY a.created_at, a.rowid"
        );
        let rows = sqlx::query_as::<_, AttachmentRow>(&sql).bind(reference.to_string()).fetch_all(&self.pool).await?;
        rows.into_iter().map(Attachment::try_from).collect()
    }

    async fn apply(&self, reference: &Reference, change: &StaffChange, now: i64) -> anyhow::Result<Applied> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (status, reason, duplicate_of) = match change.status {
            Some((status, reason, duplicate_of)) => (Some(status), reason, duplicate_of),
            None => (None, None, None),
        };
        // The version check and the change are one statement: a form read before another agent's change
        // updates nothing.
        let updated: Option<i64> = sqlx::query_scalar(
            "UPDATE requests SET version = version + 1, updated_at = ?, attention = NULL, \
             status = coalesce(?, status), \
             close_reason = CASE WHEN ? IS NULL THEN close_reason WHEN ? = 'closed' THEN ? ELSE NULL END, \
             duplicate_of = CASE WHEN ? IS NULL THEN duplicate_of \
                 ELSE (SELECT id FROM requests WHERE reference = ?) END, \
             team = coalesce(?, team), due_on = coalesce(?, due_on) \
             WHERE reference = ? AND version = ? RETURNING id",
        )
        .bind(now)
        .bind(status.map(Status::code))
        .bind(status.map(Status::code))
        .bind(status.map(Status::code))
        .bind(reason.map(CloseReason::code))
        .bind(status.map(Status::code))
        .bind(duplicate_of.map(|r| r.to_string()))
        .bind(&change.team)
        .bind(&change.due_on)
        .bind(reference.to_string())
        .bind(change.version)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(request_id) = updated else { return Ok(Applied::Stale) };
        let actor = (Some(change.actor), ActorRole::Staff);
        let note = change.note.as_str();
        let main = match status {
            Some(status) => {
                let kind = StoredKind::Status { status, reason, duplicate_of };
                Some(insert_event(&mut tx, request_id, actor, &kind, note, change.public, now).await?)
            }
            None if !note.is_empty() => {
                Some(insert_event(&mut tx, request_id, actor, &StoredKind::Note, note, change.public, now).await?)
            }
            None => None,
        };
        if let Some(team) = &change.team {
            let kind = StoredKind::Assigned { team: team.clone() };
            insert_event(&mut tx, request_id, actor, &kind, "", false, now).await?;
        }
        if let (Some(event), true) = (main, change.notify) {
            notify_everyone(&mut tx, request_id, event, now).await?;
        }
        tx.commit().await?;
        Ok(Applied::Done)
    }

    async fn add_update(
        &self,
        reference: &Reference,
        account: AccountId,
        note: &Note,
        files: &[Attachment],
        now: i64,
    ) -> anyhow::Result<bool> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let request_id: Option<i64> = sqlx::query_scalar(
            "UPDATE requests SET attention = 'update', updated_at = ?, version = version + 1 \
             WHERE reference = ? AND account_id = ? AND status NOT IN ('completed', 'closed') RETURNING id",
        )
        .bind(now)
        .bind(reference.to_string())
        .bind(account)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(request_id) = request_id else { return Ok(false) };
        let actor = (Some(account), ActorRole::Resident);
        let event = insert_event(&mut tx, request_id, actor, &StoredKind::Update, note.as_str(), true, now).await?;
        for file in files {
            sqlx::query(
                "INSERT INTO attachments (id, request_id, event_id, kind, content_type, name, size, created_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&file.id)
            .bind(request_id)
            .bind(event)
            .bind(kind_code(file.kind))
            .bind(file.content_type)
            .bind(&file.name)
            .bind(file.size as i64)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}

impl SqliteStore {
    /// The files of the update events `ids`, by event.
    async fn event_files(&self, ids: &[i64]) -> anyhow::Result<std::collections::HashMap<i64, Vec<Attachment>>> {
        let mut by_event = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(by_event);
        }
        let mut query = QueryBuilder::<Sqlite>::new(format!(
            "SELECT a.event_id, {ATTACHMENT_COLUMNS} FROM attachments a WHERE a.event_id IN ("
        ));
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(id);
        }
        query.push(") ORDER BY a.created_at, a.rowid");
        #[derive(sqlx::FromRow)]
        struct Row {
            event_id: i64,
            #[sqlx(flatten)]
            file: AttachmentRow,
        }
        for row in query.build_query_as::<Row>().fetch_all(&self.pool).await? {
            by_event.entry(row.event_id).or_insert_with(Vec::new).push(Attachment::try_from(row.file)?);
        }
        Ok(by_event)
    }
}

/// The queue's WHERE clause, shared by the page and its count.
fn push_filters(sql: &mut QueryBuilder<'_, Sqlite>, query: &QueueQuery) {
    sql.push(" FROM requests r WHERE 1 = 1");
    // Written as the partial indexes' condition, so that SQLite walks them (oldest first) instead of
    // sorting tens of thousands of open requests.
    if query.open_only {
        sql.push(" AND r.status NOT IN ('completed', 'closed')");
    }
    if !query.statuses.is_empty() {
        sql.push(" AND r.status IN (");
        let mut list = sql.separated(", ");
        for status in &query.statuses {
            list.push_bind(status.code());
        }
        sql.push(")");
    }
    if !query.services.is_empty() {
        sql.push(" AND r.service_code IN (");
        let mut list = sql.separated(", ");
        for service in &query.services {
            list.push_bind(service.as_str().to_string());
        }
        sql.push(")");
    }
    if let Some(before) = query.created_before {
        sql.push(" AND r.created_at < ").push_bind(before);
    }
    if let Some(today) = &query.overdue_on {
        sql.push(" AND r.status NOT IN ('completed', 'closed') AND r.due_on < ").push_bind(today.clone());
    }
    if query.attention {
        sql.push(" AND r.attention IS NOT NULL");
    }
    match &query.search {
        Some(QueueSearch::Reference(reference)) => {
            sql.push(" AND r.reference = ").push_bind(reference.to_string());
        }
        Some(QueueSearch::Text(text)) => {
            let pattern = format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            sql.push(" AND (r.address LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
            sql.push(" OR r.account_id IN (SELECT id FROM accounts WHERE name LIKE ").push_bind(pattern);
            sql.push(" ESCAPE '\\'))");
        }
        None => {}
    }
}

#[async_trait::async_trait]
impl QueueStore for SqliteStore {
    async fn queue(&self, query: &QueueQuery) -> anyhow::Result<(Vec<QueueItem>, u64)> {
        let mut sql = QueryBuilder::<Sqlite>::new("");
        sql.push(format!("SELECT {REQUEST_COLUMNS}, (SELECT name FROM accounts WHERE id = r.account_id) AS resident"));
        push_filters(&mut sql, query);
        sql.push(" ORDER BY r.created_at, r.id LIMIT ").push_bind(query.limit).push(" OFFSET ").push_bind(query.offset);
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            request: RequestRow,
            resident: Option<String>,
        }
        let rows = sql.build_query_as::<Row>().fetch_all(&self.pool).await?;
        let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*)");
        push_filters(&mut count, query);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        let items = rows
            .into_iter()
            .map(|row| Ok(QueueItem { request: StoredRequest::try_from(row.request)?, resident: row.resident }))
            .collect::<anyhow::Result<_>>()?;
        Ok((items, total as u64))
    }
}

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
             coalesce(e.kind, 'receipt') AS kind, e.status, e.reason, e.duplicate_of, e.team, \
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
                    account_id: row.account_id,
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
