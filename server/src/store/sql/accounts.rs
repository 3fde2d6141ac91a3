use crate::store::Store;
use anyhow::Context;
use app::accounts::model::{Email, Mobile, PersonName, Role, SmsStatus, UpdatesBy};
use app::accounts::ssr::{
    Account, AccountId, AccountStore, EmailChange, EmailChanged, NewAccount, NewSession, ProfileChange, StoredSession,
    UsedLink,
};
use app::i18n::Lang;

const ACCOUNT_COLUMNS: &str =
    "id, email, name, mobile, lang, updates_by, sms_status, role, password_hash, created_at, closed_at";

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: Option<String>,
    name: Option<String>,
    mobile: Option<String>,
    lang: String,
    updates_by: String,
    sms_status: String,
    role: String,
    password_hash: Option<String>,
    created_at: i64,
    closed_at: Option<i64>,
}

impl TryFrom<AccountRow> for Account {
    type Error = anyhow::Error;

    /// The table's CHECK constraints keep these valid; a value that does not parse is a corrupted row.
    fn try_from(row: AccountRow) -> anyhow::Result<Account> {
        let bad = |column: &str| anyhow::anyhow!("account {}: invalid {column}", row.id);
        Ok(Account {
            id: AccountId(row.id),
            email: row.email.as_deref().map(|e| Email::parse(e).ok_or_else(|| bad("email"))).transpose()?,
            name: row.name.as_deref().map(|n| PersonName::parse(n).ok_or_else(|| bad("name"))).transpose()?,
            mobile: row.mobile.as_deref().map(|m| Mobile::parse(m).ok_or_else(|| bad("mobile"))).transpose()?,
            lang: Lang::from_tag(&row.lang).ok_or_else(|| bad("lang"))?,
            updates_by: UpdatesBy::parse(&row.updates_by).ok_or_else(|| bad("updates_by"))?,
            sms_status: SmsStatus::parse(&row.sms_status).ok_or_else(|| bad("sms_status"))?,
            role: Role::parse(&row.role).ok_or_else(|| bad("role"))?,
            password_hash: row.password_hash,
            created_at: row.created_at,
            closed_at: row.closed_at,
        })
    }
}

const SESSION_COLUMNS: &str = "token_hash, account_id, created_at, last_seen_at, device, second_factor";

#[derive(sqlx::FromRow)]
struct SessionRow {
    token_hash: Vec<u8>,
    account_id: i64,
    created_at: i64,
    last_seen_at: i64,
    device: String,
    second_factor: i64,
}

impl From<SessionRow> for StoredSession {
    fn from(row: SessionRow) -> StoredSession {
        StoredSession {
            token_hash: row.token_hash,
            account_id: AccountId(row.account_id),
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            device: row.device,
            second_factor: row.second_factor != 0,
        }
    }
}

impl Store {
    pub(super) async fn accounts_where(&self, condition: &str, value: &str) -> anyhow::Result<Vec<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {condition}");
        let rows = sqlx::query_as::<_, AccountRow>(&sql).bind(value).fetch_all(&self.pool).await?;
        rows.into_iter().map(Account::try_from).collect()
    }
}

/// A link's row: its account and the registration's details it carries (all `None` for other links).
type LinkRow = (i64, Option<String>, Option<String>, Option<String>, Option<String>);

fn used_link((id, name, mobile, lang, updates_by): LinkRow) -> UsedLink {
    // Written from a parsed registration: anything that no longer parses is no details at all.
    let details = (|| {
        Some(ProfileChange {
            name: PersonName::parse(&name?)?,
            mobile: mobile.as_deref().and_then(Mobile::parse),
            lang: Lang::parse(&lang?)?,
            updates_by: UpdatesBy::parse(&updates_by?)?,
            sms_status: SmsStatus::None,
        })
    })();
    UsedLink { account: AccountId(id), details }
}

/// Every kind of link e-mailed to an account: set-password links and e-mail changes.
const LINK_TABLES: [&str; 2] = ["account_links", "email_changes"];

/// Marks the account's outstanding links in `tables` used: a password set, or a newer registration,
/// retires them all; a newer e-mail change, the earlier one.
async fn retire_links(tx: &mut sqlx::AnyConnection, tables: &[&str], id: AccountId, now: i64) -> anyhow::Result<()> {
    for table in tables {
        sqlx::query(&format!("UPDATE {table} SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL"))
            .bind(now)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// An e-mail change row: its account and the address it proves.
fn email_change((account, new_email): (i64, String)) -> anyhow::Result<EmailChange> {
    let new_email = Email::parse(&new_email).context("stored new e-mail address")?;
    Ok(EmailChange { account: AccountId(account), new_email })
}

#[async_trait::async_trait]
impl AccountStore for Store {
    async fn create_account(&self, account: &NewAccount, now: i64) -> anyhow::Result<Option<AccountId>> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO accounts (email, name, mobile, lang, updates_by, role, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (email) DO NOTHING
             RETURNING id",
        )
        .bind(account.email.as_str())
        .bind(account.name.as_str())
        .bind(account.mobile.as_ref().map(Mobile::as_str))
        .bind(account.lang.code())
        .bind(account.updates_by.code())
        .bind(account.role.code())
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .context("creating an account")?;
        Ok(id.map(AccountId))
    }

    async fn account(&self, id: AccountId) -> anyhow::Result<Option<Account>> {
        Ok(self.accounts_where("id = CAST($1 AS BIGINT)", &id.to_string()).await?.pop())
    }

    async fn account_by_email(&self, email: &Email) -> anyhow::Result<Option<Account>> {
        Ok(self.accounts_where("email = $1", email.as_str()).await?.pop())
    }

    async fn accounts_by_mobile(&self, mobile: &Mobile) -> anyhow::Result<Vec<Account>> {
        self.accounts_where("mobile = $1 AND closed_at IS NULL ORDER BY id", mobile.as_str()).await
    }

    async fn update_profile(&self, id: AccountId, change: &ProfileChange) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE accounts SET name = $1, mobile = $2, lang = $3, updates_by = $4, sms_status = $5
             WHERE id = $6 AND closed_at IS NULL",
        )
        .bind(change.name.as_str())
        .bind(change.mobile.as_ref().map(Mobile::as_str))
        .bind(change.lang.code())
        .bind(change.updates_by.code())
        .bind(change.sms_status.code())
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn set_sms_status(&self, id: AccountId, status: SmsStatus) -> anyhow::Result<()> {
        sqlx::query("UPDATE accounts SET sms_status = $1 WHERE id = $2")
            .bind(status.code())
            .bind(id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn first_sight_of_message(&self, message_sid: &str, now: i64) -> anyhow::Result<bool> {
        let done =
            sqlx::query("INSERT INTO sms_inbound (message_sid, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(message_sid)
                .bind(now)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn forget_message(&self, message_sid: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sms_inbound WHERE message_sid = $1").bind(message_sid).execute(&self.pool).await?;
        Ok(())
    }

    async fn set_password(&self, id: AccountId, hash: &str, keep: Option<&[u8]>, now: i64) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        retire_links(&mut tx, &LINK_TABLES, id, now).await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2")
            .bind(id.0)
            .bind(keep)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_link(
        &self,
        id: AccountId,
        token_hash: &[u8],
        expires_at: i64,
        details: Option<&ProfileChange>,
        now: i64,
    ) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        if details.is_some() {
            retire_links(&mut tx, &LINK_TABLES, id, now).await?;
        }
        sqlx::query(
            "INSERT INTO account_links (token_hash, account_id, purpose, expires_at, name, mobile, lang, updates_by)
             VALUES ($1, $2, 'set_password', $3, $4, $5, $6, $7)",
        )
        .bind(token_hash)
        .bind(id.0)
        .bind(expires_at)
        .bind(details.map(|d| d.name.as_str()))
        .bind(details.and_then(|d| d.mobile.as_ref().map(Mobile::as_str)))
        .bind(details.map(|d| d.lang.code()))
        .bind(details.map(|d| d.updates_by.code()))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn valid_link(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<UsedLink>> {
        let row: Option<LinkRow> = sqlx::query_as(
            "SELECT account_id, name, mobile, lang, updates_by FROM account_links
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(used_link))
    }

    async fn use_link(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<UsedLink>> {
        let row: Option<LinkRow> = sqlx::query_as(
            "UPDATE account_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
             RETURNING account_id, name, mobile, lang, updates_by",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(used_link))
    }

    async fn create_session(
        &self,
        id: AccountId,
        token_hash: &[u8],
        session: NewSession<'_>,
        now: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, device, second_factor)
             VALUES ($1, $2, $3, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(id.0)
        .bind(now)
        .bind(session.device.chars().take(60).collect::<String>())
        .bind(i64::from(session.second_factor))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, token_hash: &[u8]) -> anyhow::Result<Option<StoredSession>> {
        let row =
            sqlx::query_as::<_, SessionRow>(&format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE token_hash = $1"))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(StoredSession::from))
    }

    async fn touch_session(&self, token_hash: &[u8], now: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &[u8]) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    async fn end_other_sessions(&self, id: AccountId, keep: &[u8]) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash != $2")
            .bind(id.0)
            .bind(keep)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn start_email_change(
        &self,
        id: AccountId,
        token_hash: &[u8],
        new_email: &Email,
        expires_at: i64,
        now: i64,
    ) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        retire_links(&mut tx, &["email_changes"], id, now).await?;
        sqlx::query(
            "INSERT INTO email_changes (token_hash, account_id, new_email, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(id.0)
        .bind(new_email.as_str())
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn email_change(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<EmailChange>> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT c.account_id, c.new_email FROM email_changes c JOIN accounts a ON a.id = c.account_id
             WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.expires_at > $2 AND a.closed_at IS NULL",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(email_change).transpose()
    }

    async fn finish_email_change(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<EmailChanged>> {
        let mut tx = self.begin_write().await?;
        let row: Option<(i64, String)> = sqlx::query_as(
            "UPDATE email_changes SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
             RETURNING account_id, new_email",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(change) = row.map(email_change).transpose()? else { return Ok(None) };
        let old: Option<String> = sqlx::query_scalar("SELECT email FROM accounts WHERE id = $1 AND closed_at IS NULL")
            .bind(change.account.0)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
        let Some(old) = old else { return Ok(None) };
        let moved = sqlx::query(
            "UPDATE accounts SET email = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM accounts WHERE email = $1)",
        )
        .bind(change.new_email.as_str())
        .bind(change.account.0)
        .execute(&mut *tx)
        .await?;
        let changed = match moved.rows_affected() {
            1 => EmailChanged::Changed { change, old: Email::parse(&old).context("stored e-mail address")? },
            _ => EmailChanged::Taken,
        };
        tx.commit().await?;
        Ok(Some(changed))
    }

    async fn forget_expired(
        &self,
        now: i64,
        idle_before: i64,
        begun_before: i64,
        replies_before: i64,
    ) -> anyhow::Result<u64> {
        let mut tx = self.begin_write().await?;
        let sessions = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
            .bind(idle_before)
            .bind(begun_before)
            .execute(&mut *tx)
            .await?;
        let mut forgotten = sessions.rows_affected();
        for table in LINK_TABLES {
            let sql = format!("DELETE FROM {table} WHERE expires_at < $1");
            forgotten += sqlx::query(&sql).bind(now).execute(&mut *tx).await?.rows_affected();
        }
        let replies = sqlx::query("DELETE FROM sms_inbound WHERE received_at < $1").bind(replies_before);
        forgotten += replies.execute(&mut *tx).await?.rows_affected();
        // Shared rate-limit counters that have refilled (their arrival time is past).
        let refilled = sqlx::query("DELETE FROM rate_limits WHERE tat < $1").bind(now.saturating_mul(1000));
        forgotten += refilled.execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
        Ok(forgotten)
    }

    async fn close_account(&self, id: AccountId, now: i64) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE accounts SET email = NULL, name = NULL, mobile = NULL, password_hash = NULL,
                    updates_by = 'none', sms_status = 'none', closed_at = $1
             WHERE id = $2",
        )
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(id.0).execute(&mut *tx).await?;
        for table in LINK_TABLES {
            sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1")).bind(id.0).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn sessions_of(&self, id: AccountId) -> anyhow::Result<Vec<StoredSession>> {
        let rows = sqlx::query_as::<_, SessionRow>(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE account_id = $1 ORDER BY created_at"
        ))
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(StoredSession::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::temporary as store;

    const SESSION: NewSession<'static> = NewSession { device: "Firefox · Linux", second_factor: false };

    fn marie() -> NewAccount {
        NewAccount {
            email: Email::parse("Marie@Example.ca").unwrap(),
            name: PersonName::parse("Marie Tremblay").unwrap(),
            mobile: Mobile::parse("705-555-0123"),
            lang: Lang::Fr,
            updates_by: UpdatesBy::Sms,
            role: Role::Resident,
        }
    }

    #[tokio::test]
    async fn one_account_per_email_whatever_its_case() {
        let (_dir, store) = store().await;
        let id = store.create_account(&marie(), 1).await.unwrap().expect("created");
        let mut again = marie();
        again.email = Email::parse("MARIE@example.CA").unwrap();
        assert_eq!(store.create_account(&again, 2).await.unwrap(), None);
        let found = store.account_by_email(&again.email).await.unwrap().unwrap();
        assert_eq!((found.id, found.lang, found.sms_status), (id, Lang::Fr, SmsStatus::None));
    }

    #[tokio::test]
    async fn a_new_password_ends_every_other_session_and_links_are_single_use() {
        let (_dir, store) = store().await;
        let id = store.create_account(&marie(), 1).await.unwrap().unwrap();
        for token in [b"a", b"b", b"c"] {
            store.create_session(id, token, SESSION, 1).await.unwrap();
        }
        store.set_password(id, "hash", Some(b"b"), 2).await.unwrap();
        assert!(store.session(b"a").await.unwrap().is_none());
        assert!(store.session(b"b").await.unwrap().is_some());
        store.set_password(id, "hash2", None, 3).await.unwrap();
        assert!(store.sessions_of(id).await.unwrap().is_empty());

        store.create_link(id, b"link", 100, None, 1).await.unwrap();
        assert_eq!(store.valid_link(b"link", 99).await.unwrap().map(|link| link.account), Some(id));
        assert_eq!(store.valid_link(b"link", 100).await.unwrap(), None, "expired");
        assert_eq!(store.use_link(b"link", 100).await.unwrap(), None, "expired");
        assert_eq!(store.use_link(b"link", 50).await.unwrap(), Some(UsedLink { account: id, details: None }));
        assert_eq!(store.use_link(b"link", 50).await.unwrap(), None, "used once");
        assert_eq!(store.valid_link(b"link", 60).await.unwrap(), None, "used");
        // A password change retires the links sent before it.
        store.create_link(id, b"older", 100, None, 60).await.unwrap();
        store.set_password(id, "hash3", None, 70).await.unwrap();
        assert_eq!(store.valid_link(b"older", 80).await.unwrap(), None, "retired");
    }

    #[tokio::test]
    async fn signing_out_of_the_other_devices_keeps_this_one() {
        let (_dir, store) = store().await;
        let id = store.create_account(&marie(), 1).await.unwrap().unwrap();
        let paul = NewAccount { email: Email::parse("paul@example.ca").unwrap(), ..marie() };
        let paul = store.create_account(&paul, 1).await.unwrap().unwrap();
        store.create_session(id, b"phone", SESSION, 1).await.unwrap();
        store
            .create_session(id, b"desk", NewSession { device: "Edge · Windows", second_factor: true }, 2)
            .await
            .unwrap();
        store.create_session(paul, b"paul", SESSION, 1).await.unwrap();
        let sessions = store.sessions_of(id).await.unwrap();
        let seen: Vec<_> =
            sessions.iter().map(|s| (s.token_hash.as_slice(), s.device.as_str(), s.second_factor)).collect();
        assert_eq!(seen, [(&b"phone"[..], "Firefox · Linux", false), (&b"desk"[..], "Edge · Windows", true)]);
        store.end_other_sessions(id, b"desk").await.unwrap();
        assert_eq!(store.sessions_of(id).await.unwrap().len(), 1);
        assert!(store.session(b"desk").await.unwrap().is_some());
        assert!(store.session(b"paul").await.unwrap().is_some(), "another account's sessions stay");
    }

    #[tokio::test]
    async fn closing_removes_identity_but_keeps_the_row() {
        let (_dir, store) = store().await;
        let id = store.create_account(&marie(), 1).await.unwrap().unwrap();
        store.create_session(id, b"s", SESSION, 1).await.unwrap();
        store.close_account(id, 9).await.unwrap();
        let closed = store.account(id).await.unwrap().unwrap();
        assert!(closed.email.is_none() && closed.name.is_none() && closed.mobile.is_none());
        assert_eq!(closed.closed_at, Some(9));
        assert!(store.session(b"s").await.unwrap().is_none());
        // The address can be used again for a new account.
        assert!(store.create_account(&marie(), 10).await.unwrap().is_some());
    }
}
