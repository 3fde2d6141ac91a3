use crate::store::Store;
use app::accounts::ssr::two_factor::{Factor, SecondFactorStore};
use app::accounts::ssr::AccountId;

#[async_trait::async_trait]
impl SecondFactorStore for Store {
    async fn factor(&self, id: AccountId) -> anyhow::Result<Option<Factor>> {
        let row: Option<(Vec<u8>, Option<i64>)> =
            sqlx::query_as("SELECT secret, confirmed_at FROM second_factors WHERE account_id = $1")
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(secret, confirmed_at)| Factor { secret, confirmed: confirmed_at.is_some() }))
    }

    async fn begin(&self, id: AccountId, secret: &[u8], now: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO second_factors (account_id, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id.0)
        .bind(secret)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn confirm(&self, id: AccountId, step: i64, recovery: &[Vec<u8>], now: i64) -> anyhow::Result<bool> {
        let mut tx = self.begin_write().await?;
        let confirmed = sqlx::query(
            "UPDATE second_factors SET confirmed_at = $1, last_step = $2 WHERE account_id = $3 AND confirmed_at IS NULL",
        )
        .bind(now)
        .bind(step)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        if confirmed.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1").bind(id.0).execute(&mut *tx).await?;
        for hash in recovery {
            sqlx::query("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)")
                .bind(id.0)
                .bind(hash)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn use_step(&self, id: AccountId, step: i64) -> anyhow::Result<bool> {
        let used = sqlx::query(
            "UPDATE second_factors SET last_step = $1
             WHERE account_id = $2 AND confirmed_at IS NOT NULL AND last_step < $1",
        )
        .bind(step)
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        Ok(used.rows_affected() == 1)
    }

    async fn use_recovery_code(&self, id: AccountId, hash: &[u8], now: i64) -> anyhow::Result<Option<u32>> {
        let mut tx = self.begin_write().await?;
        let used = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now)
        .bind(id.0)
        .bind(hash)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() == 0 {
            return Ok(None);
        }
        let left: i64 =
            sqlx::query_scalar("SELECT count(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL")
                .bind(id.0)
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(Some(u32::try_from(left)?))
    }

    async fn reset(&self, id: AccountId) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        for statement in [
            "DELETE FROM second_factors WHERE account_id = $1",
            "DELETE FROM recovery_codes WHERE account_id = $1",
            "DELETE FROM sessions WHERE account_id = $1",
        ] {
            sqlx::query(statement).bind(id.0).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::accounts::model::{Email, PersonName, Role, UpdatesBy};
    use app::accounts::ssr::{AccountStore, NewAccount, NewSession};

    #[tokio::test]
    async fn enrolment_confirms_once_codes_are_used_once_and_a_reset_forgets_all() {
        let (_dir, store) = super::super::temporary().await;
        let new = NewAccount {
            email: Email::parse("agent@grandsudbury.ca").unwrap(),
            name: PersonName::parse("Agent Lavoie").unwrap(),
            mobile: None,
            lang: app::i18n::Lang::Fr,
            updates_by: UpdatesBy::Email,
            role: Role::Agent,
        };
        let id = store.create_account(&new, 1).await.unwrap().unwrap();
        assert!(store.factor(id).await.unwrap().is_none());
        store.begin(id, b"first", 1).await.unwrap();
        store.begin(id, b"second", 2).await.unwrap();
        let factor = store.factor(id).await.unwrap().unwrap();
        assert_eq!((factor.secret.as_slice(), factor.confirmed), (&b"first"[..], false), "the first secret stays");
        assert!(!store.use_step(id, 5).await.unwrap(), "no code before the enrolment is confirmed");

        assert!(store.confirm(id, 10, &[b"r1".to_vec(), b"r2".to_vec()], 3).await.unwrap());
        assert!(!store.confirm(id, 11, &[], 4).await.unwrap(), "confirmed once");
        assert!(store.factor(id).await.unwrap().unwrap().confirmed);
        assert!(!store.use_step(id, 10).await.unwrap(), "the enrolment's own code");
        assert!(store.use_step(id, 11).await.unwrap());
        assert!(!store.use_step(id, 11).await.unwrap(), "a replay");
        assert!(!store.use_step(id, 9).await.unwrap(), "an older code");

        assert_eq!(store.use_recovery_code(id, b"r1", 5).await.unwrap(), Some(1));
        assert_eq!(store.use_recovery_code(id, b"r1", 6).await.unwrap(), None, "used");
        assert_eq!(store.use_recovery_code(id, b"zz", 6).await.unwrap(), None, "unknown");

        store.create_session(id, b"s", NewSession { device: "", second_factor: true }, 7).await.unwrap();
        store.reset(id).await.unwrap();
        assert!(store.factor(id).await.unwrap().is_none());
        assert_eq!(store.use_recovery_code(id, b"r2", 8).await.unwrap(), None);
        assert!(store.session(b"s").await.unwrap().is_none(), "signed out everywhere");
    }
}
