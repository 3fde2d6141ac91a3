//! The Open311 API's writes: clients' keys (with the profile each files anonymous reports as)
//! and a POST's request, in one transaction with its files and receipt (`requests::insert_request`).

use super::requests::{insert_request, NewRow};
use crate::store::Store;
use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::open311::ssr::keys::{ApiKey, KeyListing, KeyName};
use app::open311::ssr::NewFiling;
use app::requests::model::{ContactChannel, Reference};
use std::num::NonZeroU32;

#[derive(sqlx::FromRow)]
struct KeyRow {
    id: i64,
    name: String,
    rate_per_minute: i64,
    account_id: i64,
    created_at: i64,
    revoked_at: Option<i64>,
    requests: i64,
}

impl TryFrom<&KeyRow> for ApiKey {
    type Error = anyhow::Error;

    fn try_from(row: &KeyRow) -> anyhow::Result<ApiKey> {
        Ok(ApiKey {
            id: row.id,
            name: KeyName::parse(&row.name).context("stored key name")?,
            rate_per_minute: NonZeroU32::new(u32::try_from(row.rate_per_minute)?).context("stored key rate")?,
            account: AccountId(row.account_id),
        })
    }
}

const KEY_SELECT: &str = "SELECT k.id, k.name, k.rate_per_minute, k.account_id, k.created_at, k.revoked_at, \
     (SELECT count(*) FROM requests r WHERE r.api_key_id = k.id) AS requests FROM api_keys k";

impl Store {
    pub(super) async fn file_request(&self, filing: &NewFiling) -> anyhow::Result<Reference> {
        let mut tx = self.begin_write().await?;
        let key = app::accounts::ssr::tokens::new_token();
        let row = NewRow {
            key: &key,
            account: filing.account,
            service: &filing.service,
            place: &filing.place,
            place_note: &filing.place_note,
            description: &filing.description,
            answers: &filing.answers,
            channel: ContactChannel::Open311,
            api_key: Some(filing.key),
            new: &filing.request,
        };
        let (request_id, reference) = insert_request(&mut tx, &row).await?;
        for a in &filing.attachments {
            sqlx::query(
                "INSERT INTO attachments (id, request_id, kind, content_type, name, size, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&a.id)
            .bind(request_id)
            .bind(a.kind.code())
            .bind(a.content_type)
            .bind(&a.name)
            .bind(a.size as i64)
            .bind(filing.request.now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(reference)
    }

    pub(super) async fn key_by_hash(&self, hash: &[u8]) -> anyhow::Result<Option<ApiKey>> {
        let sql = format!("{KEY_SELECT} WHERE k.key_hash = $1 AND k.revoked_at IS NULL");
        let row = sqlx::query_as::<_, KeyRow>(&sql).bind(hash).fetch_optional(&self.pool).await?;
        row.as_ref().map(ApiKey::try_from).transpose()
    }

    pub(super) async fn new_key(
        &self,
        name: &KeyName,
        hash: &[u8],
        rate: NonZeroU32,
        now: i64,
    ) -> anyhow::Result<Option<ApiKey>> {
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM api_keys WHERE name = $1 AND revoked_at IS NULL")
            .bind(name.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Ok(None);
        }
        // The key's own profile: no e-mail address, phone or password, so nothing is ever sent to it.
        let account: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (name, lang, updates_by, role, created_at) \
             VALUES ($1, 'fr', 'none', 'resident', $2) RETURNING id",
        )
        .bind(name.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_keys (name, key_hash, rate_per_minute, account_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(name.as_str())
        .bind(hash)
        .bind(i64::from(rate.get()))
        .bind(account)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(ApiKey { id, name: name.clone(), rate_per_minute: rate, account: AccountId(account) }))
    }

    pub(super) async fn all_keys(&self) -> anyhow::Result<Vec<KeyListing>> {
        let sql = format!("{KEY_SELECT} ORDER BY k.id DESC");
        let rows = sqlx::query_as::<_, KeyRow>(&sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(KeyListing {
                    key: ApiKey::try_from(row)?,
                    created_at: row.created_at,
                    revoked_at: row.revoked_at,
                    requests: u64::try_from(row.requests)?,
                })
            })
            .collect()
    }

    pub(super) async fn revoke_key(&self, name: &KeyName, now: i64) -> anyhow::Result<bool> {
        let done = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(name.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
