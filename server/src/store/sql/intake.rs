//! Agent intake: find-the-caller (the phone number, the start of an e-mail address, or words of
//! the name through the `account_names` full-text index), profiles agents make, and the contacts log.

use crate::store::{Engine, Store};
use anyhow::Context;
use app::accounts::model::Email;
use app::accounts::ssr::{Account, AccountId};
use app::intake::model::ChannelCount;
use app::intake::ssr::{CallerSearch, Created, Inquiry, IntakeStore, Linked, LoggedContact, MadeBy, NewProfile};
use app::requests::model::ContactChannel;

/// Open residents only: staff are not callers, and a closed account has nothing left to find.
const RESIDENTS: &str = "closed_at IS NULL AND role = 'resident'";

/// `%`, `_` and `\` typed by the agent are themselves, not patterns.
fn like_prefix(text: &str) -> String {
    format!("{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// Each word as the beginning of a word of the name, all of them, accents ignored: through SQLite's
/// `account_names` full-text index (`"marie"* "trem"*`), or PostgreSQL's text search
/// (`'marie':* & 'trem':*`).
fn name_search(words: &[String], engine: Engine) -> (&'static str, String) {
    match engine {
        Engine::Sqlite => (
            "id IN (SELECT rowid FROM account_names WHERE account_names MATCH $1)",
            words.iter().map(|word| format!("\"{}\"*", word.replace('"', ""))).collect::<Vec<_>>().join(" "),
        ),
        Engine::Postgres => (
            "to_tsvector('simple', unaccent(coalesce(name, ''))) @@ to_tsquery('simple', unaccent($1))",
            words.iter().map(|word| format!("'{}':*", word.replace(['\'', '\\'], ""))).collect::<Vec<_>>().join(" & "),
        ),
    }
}

#[async_trait::async_trait]
impl IntakeStore for Store {
    async fn find_callers(&self, search: &CallerSearch, limit: u32) -> anyhow::Result<Vec<Account>> {
        let (condition, value) = match search {
            CallerSearch::Mobile(mobile) => ("mobile = $1", mobile.as_str().to_string()),
            // Addresses are kept in lower case; an index serves a prefix LIKE on each engine.
            CallerSearch::Email(start) => ("email LIKE $1 ESCAPE '\\'", like_prefix(&start.to_lowercase())),
            CallerSearch::Name(words) => name_search(words, self.engine),
        };
        let by_name = match self.engine {
            Engine::Sqlite => "name COLLATE NOCASE",
            Engine::Postgres => "lower(name)",
        };
        let condition = format!("{condition} AND {RESIDENTS} ORDER BY {by_name}, id LIMIT {limit}");
        self.accounts_where(&condition, &value).await
    }

    async fn create_profile(&self, profile: &NewProfile, now: i64) -> anyhow::Result<Created> {
        let mut tx = self.begin_write().await?;
        let email = profile.email.as_ref().map(|e| e.as_str());
        let mobile = profile.details.mobile.as_ref().map(|m| m.as_str());
        // The e-mail address first: it is unique, where a phone number may be a household's.
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM accounts WHERE closed_at IS NULL AND (email = $1 OR mobile = $2) \
             ORDER BY email = $1 DESC, id LIMIT 1",
        )
        .bind(email)
        .bind(mobile)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = existing {
            return Ok(Created::Existing(AccountId(id)));
        }
        let details = &profile.details;
        let (agent, channel, key) = match profile.made_by {
            MadeBy::Agent(agent, channel) => (Some(agent.0), Some(channel.code()), None),
            MadeBy::Client(key) => (None, None, Some(key)),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, name, mobile, lang, updates_by, role, created_at, created_by, created_channel, \
             created_by_key) VALUES ($1, $2, $3, $4, $5, 'resident', $6, $7, $8, $9) RETURNING id",
        )
        .bind(email)
        .bind(details.name.as_str())
        .bind(mobile)
        .bind(details.lang.code())
        .bind(details.updates_by.code())
        .bind(now)
        .bind(agent)
        .bind(channel)
        .bind(key)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Created::New(AccountId(id)))
    }

    async fn link_email(&self, profile: AccountId, email: &Email, now: i64) -> anyhow::Result<Linked> {
        let mut tx = self.begin_write().await?;
        let unclaimed: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM accounts WHERE id = $1 AND password_hash IS NULL AND {RESIDENTS}"
        ))
        .bind(profile.0)
        .fetch_optional(&mut *tx)
        .await?;
        if unclaimed.is_none() {
            return Ok(Linked::Refused);
        }
        let holder: Option<(i64, String)> =
            sqlx::query_as("SELECT id, role FROM accounts WHERE email = $1 AND closed_at IS NULL AND id <> $2")
                .bind(email.as_str())
                .bind(profile.0)
                .fetch_optional(&mut *tx)
                .await?;
        let linked = match holder {
            None => {
                sqlx::query("UPDATE accounts SET email = $1 WHERE id = $2")
                    .bind(email.as_str())
                    .bind(profile.0)
                    .execute(&mut *tx)
                    .await?;
                Linked::Added
            }
            Some((_, role)) if role != "resident" => return Ok(Linked::Refused),
            Some((account, _)) => {
                // What the profile made becomes the account's; the profile keeps nothing that identifies.
                for sql in [
                    "UPDATE requests SET account_id = $1 WHERE account_id = $2",
                    "INSERT INTO request_followers (request_id, account_id, created_at) \
                     SELECT request_id, $1, created_at FROM request_followers WHERE account_id = $2 \
                     ON CONFLICT DO NOTHING",
                    "DELETE FROM request_followers WHERE account_id = $2",
                    "UPDATE contacts SET account_id = $1 WHERE account_id = $2",
                ] {
                    sqlx::query(sql).bind(account).bind(profile.0).execute(&mut *tx).await?;
                }
                sqlx::query(
                    "UPDATE accounts SET name = NULL, mobile = NULL, updates_by = 'none', sms_status = 'none', \
                     closed_at = $1 WHERE id = $2",
                )
                .bind(now)
                .bind(profile.0)
                .execute(&mut *tx)
                .await?;
                Linked::Merged(AccountId(account))
            }
        };
        tx.commit().await?;
        Ok(linked)
    }

    async fn log_inquiry(&self, inquiry: &Inquiry, now: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO contacts (channel, lang, agent_id, account_id, kind, topic, outcome, note, created_at) \
             VALUES ($1, $2, $3, $4, 'inquiry', $5, $6, $7, $8)",
        )
        .bind(inquiry.channel.code())
        .bind(inquiry.lang.code())
        .bind(inquiry.agent.0)
        .bind(inquiry.caller.map(|id| id.0))
        .bind(inquiry.topic.as_ref().map(|code| code.as_str()))
        .bind(inquiry.outcome.code())
        .bind(&inquiry.note)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn counts_since(&self, since: i64) -> anyhow::Result<Vec<ChannelCount>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT channel, count(*) FILTER (WHERE kind = 'request'), count(*) FILTER (WHERE kind = 'inquiry') \
             FROM contacts WHERE created_at >= $1 \
             GROUP BY channel",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        let mut counts = rows
            .into_iter()
            .map(|(channel, requests, inquiries)| {
                Ok(ChannelCount {
                    channel: ContactChannel::parse(&channel).context("contact channel")?,
                    requests: requests as u64,
                    inquiries: inquiries as u64,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        // In the order the page lists channels.
        counts.sort_by_key(|count| ContactChannel::ALL.iter().position(|c| *c == count.channel));
        Ok(counts)
    }

    async fn contacts_of(&self, account: AccountId) -> anyhow::Result<Vec<LoggedContact>> {
        let rows: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT c.created_at, c.channel, c.kind, r.reference, c.note FROM contacts c \
             LEFT JOIN requests r ON r.id = c.request_id WHERE c.account_id = $1 ORDER BY c.created_at, c.id",
        )
        .bind(account.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(at, channel, kind, reference, note)| {
                let channel = ContactChannel::parse(&channel).context("contact channel")?;
                Ok(LoggedContact { at, channel, kind, reference, note })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_agent_typed_is_never_a_pattern() {
        assert_eq!(like_prefix("a_b%c\\"), "a\\_b\\%c\\\\%");
        let words = ["Marie".to_string(), "tr\"e'm".to_string()];
        assert_eq!(name_search(&words, Engine::Sqlite).1, "\"Marie\"* \"tre'm\"*");
        assert_eq!(name_search(&words, Engine::Postgres).1, "'Marie':* & 'tr\"em':*");
    }
}
