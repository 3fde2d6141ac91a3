use super::rows::{AttachmentRow, DraftRow, RequestRow, ATTACHMENT_COLUMNS, REQUEST_COLUMNS};
use super::statement::Statement;
use crate::store::Store;
use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::addresses::metres_between;
use app::catalogue::Code;
use app::requests::model::ContactChannel;
use app::requests::model::{Answers, Description, DraftId, Place, PlaceNote, Reference};
use app::requests::ssr::{Attachment, Draft, NewRequest, OnBehalf, RequestStore, StoredRequest, Submission};

#[async_trait::async_trait]
impl RequestStore for Store {
    async fn create_draft(
        &self,
        id: &DraftId,
        account: Option<AccountId>,
        service: &Code,
        on_behalf: Option<&OnBehalf>,
        now: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO drafts (id, account_id, service_code, for_account, channel, lang, chat_id, intake_note, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id.as_str())
        .bind(account.map(|id| id.0))
        .bind(service.as_str())
        .bind(on_behalf.map(|on| on.caller.0))
        .bind(on_behalf.map(|on| on.channel.code()))
        .bind(on_behalf.map(|on| on.lang.code()))
        .bind(on_behalf.and_then(|on| on.chat))
        .bind(on_behalf.map_or("", |on| on.note.as_str()))
        .bind(now)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn draft(&self, id: &DraftId) -> anyhow::Result<Option<Draft>> {
        let row = sqlx::query_as::<_, DraftRow>(
            "SELECT d.id, d.account_id, d.service_code, d.address_id, d.address, d.latitude, d.longitude, d.place_note, d.answers, \
             d.description, d.updated_at, d.for_account, d.channel, d.lang, d.chat_id, d.intake_note, \
             a.name AS caller_name \
             FROM drafts d LEFT JOIN accounts a ON a.id = d.for_account WHERE d.id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(Draft::try_from).transpose()
    }

    async fn claim_draft(&self, id: &DraftId, account: AccountId) -> anyhow::Result<bool> {
        let claimed = sqlx::query("UPDATE drafts SET account_id = $1 WHERE id = $2 AND account_id IS NULL")
            .bind(account.0)
            .bind(id.as_str())
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(claimed == 1)
    }

    async fn save_place(&self, id: &DraftId, place: &Place, note: &PlaceNote, now: i64) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE drafts SET address_id = $1, address = $2, latitude = $3, longitude = $4, place_note = $5, \
             updated_at = $6 WHERE id = $7",
        )
        .bind(place.address_id)
        .bind(&place.label)
        .bind(place.latitude)
        .bind(place.longitude)
        .bind(note.as_str())
        .bind(now)
        .bind(id.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn save_details(
        &self,
        id: &DraftId,
        answers: &Answers,
        description: &Description,
        now: i64,
    ) -> anyhow::Result<()> {
        sqlx::query("UPDATE drafts SET answers = $1, description = $2, updated_at = $3 WHERE id = $4")
            .bind(serde_json::to_string(answers)?)
            .bind(description.as_str())
            .bind(now)
            .bind(id.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn add_attachment(&self, draft: &DraftId, a: &Attachment, max: usize, now: i64) -> anyhow::Result<bool> {
        // Under the write lock: two uploads at once cannot both pass the count.
        let mut tx = self.begin_write().await?;
        let added = sqlx::query(
            "INSERT INTO attachments (id, draft_id, kind, content_type, name, size, created_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7 WHERE (SELECT count(*) FROM attachments WHERE draft_id = $8) < $9",
        )
        .bind(&a.id)
        .bind(draft.as_str())
        .bind(a.kind.code())
        .bind(a.content_type)
        .bind(&a.name)
        .bind(a.size as i64)
        .bind(now)
        .bind(draft.as_str())
        .bind(max as i64)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("UPDATE drafts SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(draft.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(added == 1)
    }

    async fn attachments(&self, draft: &DraftId) -> anyhow::Result<Vec<Attachment>> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM attachments a WHERE a.draft_id = $1 ORDER BY a.created_at, a.rowid"
        );
        let rows = sqlx::query_as::<_, AttachmentRow>(&sql).bind(draft.as_str()).fetch_all(&self.pool).await?;
        rows.into_iter().map(Attachment::try_from).collect()
    }

    async fn remove_attachment(&self, draft: &DraftId, id: &str) -> anyhow::Result<Option<Attachment>> {
        // RETURNING may not name the table by an alias, so not ATTACHMENT_COLUMNS (SQLite refuses `a.id`).
        let sql = "DELETE FROM attachments WHERE id = $1 AND draft_id = $2 \
             RETURNING id, kind, content_type, name, size, thumbnail";
        let row =
            sqlx::query_as::<_, AttachmentRow>(sql).bind(id).bind(draft.as_str()).fetch_optional(&self.pool).await?;
        row.map(Attachment::try_from).transpose()
    }

    async fn set_thumbnail(&self, id: &str) -> anyhow::Result<bool> {
        let marked =
            sqlx::query("UPDATE attachments SET thumbnail = 1 WHERE id = $1").bind(id).execute(&self.pool).await?;
        Ok(marked.rows_affected() == 1)
    }

    async fn attachment_for(
        &self,
        id: &str,
        account: Option<AccountId>,
        staff: bool,
    ) -> anyhow::Result<Option<Attachment>> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM attachments a \
             LEFT JOIN drafts d ON d.id = a.draft_id LEFT JOIN requests r ON r.id = a.request_id \
             WHERE a.id = $1 AND ((d.id IS NOT NULL AND (d.account_id IS NULL OR d.account_id = $2)) \
             OR r.account_id = $3 OR (r.id IS NOT NULL AND $4))"
        );
        let row = sqlx::query_as::<_, AttachmentRow>(&sql)
            .bind(id)
            .bind(account.map(|id| id.0))
            .bind(account.map(|id| id.0))
            .bind(staff)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Attachment::try_from).transpose()
    }

    async fn submit(&self, draft: &Draft, account: AccountId, new: &NewRequest) -> anyhow::Result<Submission> {
        // IMMEDIATE: the write lock is taken first, so concurrent submissions queue instead of failing
        // when a read transaction tries to become a write one.
        let mut tx = self.begin_write().await?;
        let existing: Option<String> = sqlx::query_scalar("SELECT reference FROM requests WHERE idempotency_key = $1")
            .bind(draft.id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(reference) = existing {
            return Ok(Submission::Existing(Reference::parse(&reference).context("stored reference")?));
        }
        // What is saved is what was read: the write lock is held from here to the commit.
        let unchanged: Option<i64> = sqlx::query_scalar("SELECT 1 FROM drafts WHERE id = $1 AND updated_at = $2")
            .bind(draft.id.as_str())
            .bind(draft.updated_at)
            .fetch_optional(&mut *tx)
            .await?;
        if unchanged.is_none() {
            return Ok(Submission::Stale);
        }
        let place = draft.place.as_ref().context("a draft without an address cannot be submitted")?;
        let row = NewRow {
            key: draft.id.as_str(),
            account,
            service: &draft.service,
            place,
            place_note: &draft.place_note,
            description: &draft.description,
            answers: &draft.answers,
            channel: draft.on_behalf.as_ref().map_or(ContactChannel::Web, |on| on.channel),
            api_key: None,
            new,
        };
        let (request_id, reference) = insert_request(&mut tx, &row).await?;
        if let (Some(on), Some(agent)) = (&draft.on_behalf, draft.account_id) {
            filed_on_behalf(&mut tx, request_id, agent, on, new).await?;
        }
        sqlx::query("UPDATE attachments SET request_id = $1, draft_id = NULL WHERE draft_id = $2")
            .bind(request_id)
            .bind(draft.id.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM drafts WHERE id = $1").bind(draft.id.as_str()).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Submission::New(reference))
    }

    async fn request(&self, reference: &Reference) -> anyhow::Result<Option<StoredRequest>> {
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM requests r WHERE reference = $1");
        let row = sqlx::query_as::<_, RequestRow>(&sql).bind(reference.to_string()).fetch_optional(&self.pool).await?;
        row.map(StoredRequest::try_from).transpose()
    }

    async fn contents(&self, reference: &Reference) -> anyhow::Result<(Vec<(String, String)>, Vec<String>)> {
        let reference = reference.to_string();
        let answers = sqlx::query_as::<_, (String, String)>(
            "SELECT a.question, a.value FROM request_answers a JOIN requests r ON r.id = a.request_id \
             WHERE r.reference = $1 ORDER BY a.question, a.position",
        )
        .bind(&reference)
        .fetch_all(&self.pool)
        .await?;
        let files = sqlx::query_scalar(
            "SELECT a.name FROM attachments a JOIN requests r ON r.id = a.request_id \
             WHERE r.reference = $1 ORDER BY a.created_at, a.rowid",
        )
        .bind(&reference)
        .fetch_all(&self.pool)
        .await?;
        Ok((answers, files))
    }

    async fn requests_of(&self, account: AccountId) -> anyhow::Result<Vec<StoredRequest>> {
        let sql =
            format!("SELECT {REQUEST_COLUMNS} FROM requests r WHERE account_id = $1 ORDER BY created_at DESC, id DESC");
        let rows = sqlx::query_as::<_, RequestRow>(&sql).bind(account.0).fetch_all(&self.pool).await?;
        rows.into_iter().map(StoredRequest::try_from).collect()
    }

    async fn request_by_key(&self, key: &DraftId) -> anyhow::Result<Option<Reference>> {
        let reference: Option<String> = sqlx::query_scalar("SELECT reference FROM requests WHERE idempotency_key = $1")
            .bind(key.as_str())
            .fetch_optional(&self.pool)
            .await?;
        reference.map(|r| Reference::parse(&r).context("stored reference")).transpose()
    }

    async fn open_request_near(
        &self,
        service: &Code,
        latitude: f64,
        longitude: f64,
        metres: f64,
    ) -> anyhow::Result<Option<StoredRequest>> {
        // A box around the point narrows the rows (index on service and latitude); the exact distance decides.
        let dlat = metres / 111_320.0;
        let dlon = metres / (111_320.0 * latitude.to_radians().cos().max(0.01));
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r WHERE service_code = $1 AND status <> 'closed' \
             AND status <> 'completed' AND latitude BETWEEN $2 AND $3 AND longitude BETWEEN $4 AND $5 \
             ORDER BY created_at DESC"
        );
        let rows = sqlx::query_as::<_, RequestRow>(&sql)
            .bind(service.as_str())
            .bind(latitude - dlat)
            .bind(latitude + dlat)
            .bind(longitude - dlon)
            .bind(longitude + dlon)
            .fetch_all(&self.pool)
            .await?;
        let near =
            rows.into_iter().find(|r| metres_between((r.latitude, r.longitude), (latitude, longitude)) <= metres);
        near.map(StoredRequest::try_from).transpose()
    }

    async fn follow(&self, reference: &Reference, account: AccountId, now: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO request_followers (request_id, account_id, created_at) \
             SELECT id, $1, $2 FROM requests WHERE reference = $3 ON CONFLICT DO NOTHING",
        )
        .bind(account.0)
        .bind(now)
        .bind(reference.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn followed_by(&self, account: AccountId) -> anyhow::Result<Vec<StoredRequest>> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r JOIN request_followers f ON f.request_id = r.id \
             WHERE f.account_id = $1 ORDER BY f.created_at DESC, r.id DESC"
        );
        let rows = sqlx::query_as::<_, RequestRow>(&sql).bind(account.0).fetch_all(&self.pool).await?;
        rows.into_iter().map(StoredRequest::try_from).collect()
    }

    async fn unfollow(&self, reference: &Reference, account: AccountId) -> anyhow::Result<bool> {
        let ended = sqlx::query(
            "DELETE FROM request_followers WHERE account_id = $1 \
             AND request_id = (SELECT id FROM requests WHERE reference = $2)",
        )
        .bind(account.0)
        .bind(reference.to_string())
        .execute(&self.pool)
        .await?;
        Ok(ended.rows_affected() == 1)
    }

    async fn is_follower(&self, reference: &Reference, account: AccountId) -> anyhow::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM request_followers f JOIN requests r ON r.id = f.request_id \
             WHERE r.reference = $1 AND f.account_id = $2",
        )
        .bind(reference.to_string())
        .bind(account.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    async fn follower_count(&self, reference: &Reference) -> anyhow::Result<u32> {
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM request_followers f JOIN requests r ON r.id = f.request_id WHERE r.reference = $1",
        )
        .bind(reference.to_string())
        .fetch_one(&self.pool)
        .await?;
        Ok(u32::try_from(count)?)
    }

    async fn discard_draft(&self, id: &DraftId) -> anyhow::Result<Vec<String>> {
        let mut tx = self.begin_write().await?;
        let files: Vec<String> = sqlx::query_scalar("DELETE FROM attachments WHERE draft_id = $1 RETURNING id")
            .bind(id.as_str())
            .fetch_all(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM drafts WHERE id = $1").bind(id.as_str()).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(files)
    }

    async fn purge_drafts(&self, before: i64, anonymous_before: i64) -> anyhow::Result<Vec<String>> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM drafts WHERE updated_at < $1 OR (account_id IS NULL AND updated_at < $2)")
            .bind(before)
            .bind(anonymous_before)
            .execute(&mut *tx)
            .await?;
        let orphans: Vec<String> =
            sqlx::query_scalar("DELETE FROM attachments WHERE draft_id IS NULL AND request_id IS NULL RETURNING id")
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(orphans)
    }

    async fn service_counts(&self, since: i64) -> anyhow::Result<Vec<(Code, u64)>> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT service_code, count(*) FROM requests WHERE created_at >= $1 GROUP BY service_code")
                .bind(since)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().filter_map(|(code, n)| Some((Code::parse(&code)?, u64::try_from(n).ok()?))).collect())
    }

    async fn known_files(&self, ids: &[String]) -> anyhow::Result<std::collections::HashSet<String>> {
        let mut known = std::collections::HashSet::new();
        // A few hundred at a time: well under either database's limit on parameters.
        for chunk in ids.chunks(500) {
            let mut sql = Statement::new("SELECT id FROM attachments WHERE id");
            sql.bind_in(chunk.iter().map(String::as_str));
            let (text, values) = sql.parts();
            known.extend(sqlx::query_scalar_with::<_, String, _>(&text, values).fetch_all(&self.pool).await?);
        }
        Ok(known)
    }
}

/// The audit row (an internal note by the agent naming the caller) and the contacts log's line of a request
/// an agent filed for a caller.
async fn filed_on_behalf(
    tx: &mut sqlx::AnyConnection,
    request_id: i64,
    agent: AccountId,
    on: &OnBehalf,
    new: &NewRequest,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO request_events (request_id, at, actor_id, actor_role, kind, note, public, on_behalf_of) \
         VALUES ($1, $2, $3, 'staff', 'note', $4, 0, $5)",
    )
    .bind(request_id)
    .bind(new.now)
    .bind(agent.0)
    .bind(&on.note)
    .bind(on.caller.0)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO contacts (channel, lang, agent_id, account_id, kind, request_id, created_at) \
         VALUES ($1, $2, $3, $4, 'request', $5, $6)",
    )
    .bind(on.channel.code())
    .bind(on.lang.code())
    .bind(agent.0)
    .bind(on.caller.0)
    .bind(request_id)
    .bind(new.now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A new request's row, however it came in (the wizard's draft, or an Open311 client's POST).
pub(super) struct NewRow<'a> {
    /// Submitting twice with one key makes one request.
    pub key: &'a str,
    pub account: AccountId,
    pub service: &'a Code,
    pub place: &'a Place,
    pub place_note: &'a PlaceNote,
    pub description: &'a Description,
    pub answers: &'a Answers,
    pub channel: ContactChannel,
    pub api_key: Option<i64>,
    pub new: &'a NewRequest,
}

/// Writes a request within `tx`: the year's next reference number, the request, its answers, and its
/// receipt, sent by the notification worker (committed with the request or not at all). Returns its row
/// id and reference.
pub(super) async fn insert_request(tx: &mut sqlx::AnyConnection, row: &NewRow<'_>) -> anyhow::Result<(i64, Reference)> {
    let new = row.new;
    let number: i64 = sqlx::query_scalar(
        "INSERT INTO reference_counters (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last",
    )
    .bind(i64::from(new.year))
    .fetch_one(&mut *tx)
    .await?;
    let reference = Reference { year: new.year, number: u32::try_from(number)? };
    let request_id: i64 = sqlx::query_scalar(
        "INSERT INTO requests (reference, idempotency_key, account_id, service_code, address_id, address, \
         latitude, longitude, place_note, description, lang, due_on, created_at, updated_at, channel, api_key_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(reference.to_string())
    .bind(row.key)
    .bind(row.account.0)
    .bind(row.service.as_str())
    .bind(row.place.address_id)
    .bind(&row.place.label)
    .bind(row.place.latitude)
    .bind(row.place.longitude)
    .bind(row.place_note.as_str())
    .bind(row.description.as_str())
    .bind(new.lang.code())
    .bind(new.due_on.map(|day| day.to_string()))
    .bind(new.now)
    .bind(new.now)
    .bind(row.channel.code())
    .bind(row.api_key)
    .fetch_one(&mut *tx)
    .await?;
    for (question, values) in row.answers.iter() {
        for (position, value) in values.iter().enumerate() {
            sqlx::query("INSERT INTO request_answers (request_id, question, value, position) VALUES ($1, $2, $3, $4)")
                .bind(request_id)
                .bind(question)
                .bind(value)
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query("INSERT INTO notifications (request_id, account_id, next_attempt_at) VALUES ($1, $2, $3)")
        .bind(request_id)
        .bind(row.account.0)
        .bind(new.now)
        .execute(&mut *tx)
        .await?;
    Ok((request_id, reference))
}
