//! Survey answers and portal feedback.

use crate::store::Store;
use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::feedback::ssr::{FeedbackKind, FeedbackStore, StoredFeedback};
use app::feedback::Easy;
use app::i18n::Lang;
use app::requests::model::Reference;
use app::survey::ssr::{Saved, StoredSurvey, SurveyStore};
use app::survey::Answer;

#[derive(sqlx::FromRow)]
struct SurveyRow {
    ease: i64,
    satisfaction: i64,
    resolved: Option<i64>,
    comment: String,
    created_at: i64,
}

#[async_trait::async_trait]
impl SurveyStore for Store {
    async fn survey(&self, reference: &Reference) -> anyhow::Result<Option<StoredSurvey>> {
        let row = sqlx::query_as::<_, SurveyRow>(
            "SELECT s.ease, s.satisfaction, s.resolved, s.comment, s.created_at FROM surveys s \
             JOIN requests r ON r.id = s.request_id WHERE r.reference = $1",
        )
        .bind(reference.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| StoredSurvey {
            answer: Answer {
                ease: row.ease as u8,
                satisfaction: row.satisfaction as u8,
                resolved: row.resolved.map(|resolved| resolved != 0),
                comment: row.comment,
            },
            created_at: row.created_at,
        }))
    }

    async fn save_survey(
        &self,
        reference: &Reference,
        answer: &Answer,
        reopened_due_on: Option<jiff::civil::Date>,
        now: i64,
    ) -> anyhow::Result<Saved> {
        let mut tx = self.begin_write().await?;
        let (request_id, account_id): (i64, i64) =
            sqlx::query_as("SELECT id, account_id FROM requests WHERE reference = $1")
                .bind(reference.to_string())
                .fetch_optional(&mut *tx)
                .await?
                .context("survey of an unknown request")?;
        // One answer per request: the first one inserts, a change updates it (the flow checks the window).
        sqlx::query(
            "INSERT INTO surveys (request_id, ease, satisfaction, resolved, comment, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO UPDATE SET ease = excluded.ease, \
             satisfaction = excluded.satisfaction, resolved = excluded.resolved, comment = excluded.comment, \
             updated_at = excluded.updated_at",
        )
        .bind(request_id)
        .bind(answer.ease as i64)
        .bind(answer.satisfaction as i64)
        .bind(answer.resolved.map(i64::from))
        .bind(&answer.comment)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let mut outcome = Saved::Saved;
        if answer.resolved == Some(false) {
            let reopened = sqlx::query(
                "UPDATE requests SET status = 'under_review', close_reason = NULL, attention = 'reopened', \
                 due_on = coalesce($1, due_on), version = version + 1, updated_at = $2 \
                 WHERE id = $3 AND status = 'completed'",
            )
            .bind(reopened_due_on.map(|day| day.to_string()))
            .bind(now)
            .bind(request_id)
            .execute(&mut *tx)
            .await?;
            if reopened.rows_affected() == 1 {
                sqlx::query(
                    "INSERT INTO request_events (request_id, at, actor_id, actor_role, kind, status, note, public) \
                     VALUES ($1, $2, $3, 'resident', 'reopened', 'under_review', $4, 1)",
                )
                .bind(request_id)
                .bind(now)
                .bind(account_id)
                .bind(&answer.comment)
                .execute(&mut *tx)
                .await?;
                outcome = Saved::Reopened;
            }
        }
        tx.commit().await?;
        Ok(outcome)
    }
}

#[derive(sqlx::FromRow)]
struct FeedbackRow {
    account_id: Option<i64>,
    lang: String,
    easy: Option<String>,
    improve: String,
    contact: String,
    created_at: i64,
}

#[async_trait::async_trait]
impl FeedbackStore for Store {
    async fn add_feedback(&self, feedback: &StoredFeedback) -> anyhow::Result<()> {
        let (easy, barrier, contact) = match &feedback.kind {
            FeedbackKind::Portal { easy } => (Some(easy.code()), false, ""),
            FeedbackKind::Barrier { contact } => (None, true, contact.as_str()),
        };
        sqlx::query(
            "INSERT INTO portal_feedback (account_id, lang, easy, improve, barrier, contact, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(feedback.account_id.map(|id| id.0))
        .bind(feedback.lang.code())
        .bind(easy)
        .bind(&feedback.improve)
        .bind(i64::from(barrier))
        .bind(contact)
        .bind(feedback.created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn list(&self, offset: u32, limit: u32) -> anyhow::Result<Vec<StoredFeedback>> {
        let rows = sqlx::query_as::<_, FeedbackRow>(
            "SELECT account_id, lang, easy, improve, contact, created_at FROM portal_feedback \
             ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2",
        )
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let kind = match row.easy {
                    Some(easy) => FeedbackKind::Portal { easy: Easy::parse(&easy).context("feedback answer")? },
                    None => FeedbackKind::Barrier { contact: row.contact },
                };
                Ok(StoredFeedback {
                    account_id: row.account_id.map(AccountId),
                    lang: Lang::from_tag(&row.lang).context("feedback language")?,
                    kind,
                    improve: row.improve,
                    created_at: row.created_at,
                })
            })
            .collect()
    }
}
