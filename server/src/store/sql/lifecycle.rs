//! Requests' events (the timeline and the audit log), staff changes and residents' updates, the staff
//! queue, and the notification outbox's rows.

use super::rows::{AttachmentRow, ATTACHMENT_COLUMNS};
use super::statement::Statement;
use crate::store::Store;
use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::lifecycle::model::{CloseReason, Note, Status};
use app::lifecycle::ssr::{ActorRole, Applied, LifecycleStore, StaffChange, StoredEvent, StoredKind};
use app::requests::model::{ContactChannel, Reference};
use app::requests::ssr::Attachment;
use sqlx::AnyConnection;

/// The columns of `request_events` that say what happened.
#[derive(sqlx::FromRow)]
pub(super) struct KindColumns {
    pub(super) kind: String,
    status: Option<String>,
    reason: Option<String>,
    duplicate_of: Option<String>,
    team: Option<String>,
    /// A filing on a caller's behalf is a 'note' row naming them (the migration says why).
    on_behalf_of: Option<i64>,
    /// The request's channel.
    channel: String,
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
            "note" if row.on_behalf_of.is_some() => {
                StoredKind::Filed { channel: ContactChannel::parse(&row.channel).context("request channel")? }
            }
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
    public: i64,
}

/// Writes one event; returns its id.
async fn insert_event(
    tx: &mut AnyConnection,
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
        StoredKind::Filed { .. } => anyhow::bail!("a filing is written with its request"),
    };
    let id = sqlx::query_scalar(
        "INSERT INTO request_events (request_id, at, actor_id, actor_role, kind, status, reason, duplicate_of, \
         team, note, public) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(request_id)
    .bind(now)
    .bind(actor.0.map(|id| id.0))
    .bind(actor.1.code())
    .bind(code)
    .bind(status)
    .bind(reason)
    .bind(duplicate_of)
    .bind(team)
    .bind(note)
    .bind(i64::from(public))
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

/// One notification for the author and one for each follower of the request.
async fn notify_everyone(tx: &mut AnyConnection, request_id: i64, event_id: i64, now: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO notifications (request_id, event_id, account_id, next_attempt_at) \
         SELECT id, $1, account_id, $2 FROM requests WHERE id = $3 \
         UNION SELECT request_id, $4, account_id, $5 FROM request_followers WHERE request_id = $6 \
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
impl LifecycleStore for Store {
    async fn events(&self, reference: &Reference) -> anyhow::Result<Vec<StoredEvent>> {
        let rows = sqlx::query_as::<_, EventRow>(
            "SELECT e.id, e.at, e.actor_role, a.name AS actor_name, e.kind, e.status, e.reason, e.duplicate_of, \
             e.team, e.note, e.public, e.on_behalf_of, r.channel FROM request_events e JOIN requests r ON r.id = e.request_id \
             LEFT JOIN accounts a ON a.id = e.actor_id AND e.actor_role = 'staff' \
             WHERE r.reference = $1 ORDER BY e.id",
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
                    public: row.public != 0,
                    files: files.remove(&row.id).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn request_files(&self, reference: &Reference) -> anyhow::Result<Vec<Attachment>> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM attachments a JOIN requests r ON r.id = a.request_id \
             WHERE r.reference = $1 AND a.event_id IS NULL ORDER BY a.created_at, a.rowid"
        );
        let rows = sqlx::query_as::<_, AttachmentRow>(&sql).bind(reference.to_string()).fetch_all(&self.pool).await?;
        rows.into_iter().map(Attachment::try_from).collect()
    }

    async fn apply(&self, reference: &Reference, change: &StaffChange, now: i64) -> anyhow::Result<Applied> {
        let mut tx = self.begin_write().await?;
        let (status, reason, duplicate_of) = match change.status {
            Some((status, reason, duplicate_of)) => (Some(status), reason, duplicate_of),
            None => (None, None, None),
        };
        // The version check and the change are one statement: a form read before another agent's change
        // updates nothing.
        let updated: Option<i64> = sqlx::query_scalar(
            "UPDATE requests SET version = version + 1, updated_at = $1, attention = NULL, \
             status = coalesce($2, status), \
             close_reason = CASE WHEN $3 IS NULL THEN close_reason WHEN $4 = 'closed' THEN $5 ELSE NULL END, \
             duplicate_of = CASE WHEN $6 IS NULL THEN duplicate_of \
                 ELSE (SELECT id FROM requests WHERE reference = $7) END, \
             team = coalesce($8, team), due_on = coalesce($9, due_on) \
             WHERE reference = $10 AND version = $11 RETURNING id",
        )
        .bind(now)
        .bind(status.map(Status::code))
        .bind(status.map(Status::code))
        .bind(status.map(Status::code))
        .bind(reason.map(CloseReason::code))
        .bind(status.map(Status::code))
        .bind(duplicate_of.map(|r| r.to_string()))
        .bind(&change.team)
        .bind(change.due_on.map(|day| day.to_string()))
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
        let mut tx = self.begin_write().await?;
        let request_id: Option<i64> = sqlx::query_scalar(
            "UPDATE requests SET attention = 'update', updated_at = $1, version = version + 1 \
             WHERE reference = $2 AND account_id = $3 AND status NOT IN ('completed', 'closed') RETURNING id",
        )
        .bind(now)
        .bind(reference.to_string())
        .bind(account.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(request_id) = request_id else { return Ok(false) };
        let actor = (Some(account), ActorRole::Resident);
        let event = insert_event(&mut tx, request_id, actor, &StoredKind::Update, note.as_str(), true, now).await?;
        for file in files {
            sqlx::query(
                "INSERT INTO attachments (id, request_id, event_id, kind, content_type, name, size, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&file.id)
            .bind(request_id)
            .bind(event)
            .bind(file.kind.code())
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

impl Store {
    /// The files of the update events `ids`, by event.
    async fn event_files(&self, ids: &[i64]) -> anyhow::Result<std::collections::HashMap<i64, Vec<Attachment>>> {
        let mut by_event = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(by_event);
        }
        let mut query =
            Statement::new(format!("SELECT a.event_id, {ATTACHMENT_COLUMNS} FROM attachments a WHERE a.event_id"));
        query.bind_in(ids.iter().copied()).push(" ORDER BY a.created_at, a.rowid");
        let (text, values) = query.parts();
        #[derive(sqlx::FromRow)]
        struct Row {
            event_id: i64,
            #[sqlx(flatten)]
            file: AttachmentRow,
        }
        for row in sqlx::query_as_with::<_, Row, _>(&text, values).fetch_all(&self.pool).await? {
            by_event.entry(row.event_id).or_insert_with(Vec::new).push(Attachment::try_from(row.file)?);
        }
        Ok(by_event)
    }
}
