//! The rate limits several instances share (`app::accounts::ssr::limits::SharedCounters`): one row per
//! bucket, its theoretical arrival time in milliseconds ("generic cell rate"), taken in one statement.

use crate::store::Store;
use app::accounts::ssr::limits::SharedCounters;

#[async_trait::async_trait]
impl SharedCounters for Store {
    async fn take(&self, key: &str, now_ms: i64, cost_ms: i64, capacity_ms: i64) -> anyhow::Result<Option<i64>> {
        // One statement: the row is locked while it is read and written, on either engine, so two
        // instances taking at once are counted one after the other.
        let taken: Option<i64> = sqlx::query_scalar(
            "INSERT INTO rate_limits (key, tat) VALUES ($1, $2 + $3) ON CONFLICT (key) DO UPDATE \
             SET tat = (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 \
             WHERE (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 - $2 <= $4 RETURNING tat",
        )
        .bind(key)
        .bind(now_ms)
        .bind(cost_ms)
        .bind(capacity_ms)
        .fetch_optional(&self.pool)
        .await?;
        if taken.is_some() {
            return Ok(None);
        }
        let tat: i64 =
            sqlx::query_scalar("SELECT tat FROM rate_limits WHERE key = $1").bind(key).fetch_one(&self.pool).await?;
        Ok(Some((tat.max(now_ms) + cost_ms - now_ms - capacity_ms).max(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_bucket_holds_its_burst_then_refills_at_its_rate() {
        let (_dir, store) = super::super::temporary().await;
        // Five at once, then one every 36 s (SignIn: 5 every 3 minutes).
        for _ in 0..5 {
            assert_eq!(store.take("SignIn a", 1_000_000, 36_000, 180_000).await.unwrap(), None);
        }
        assert_eq!(store.take("SignIn a", 1_000_000, 36_000, 180_000).await.unwrap(), Some(36_000));
        assert_eq!(store.take("SignIn b", 1_000_000, 36_000, 180_000).await.unwrap(), None, "another key");
        assert_eq!(store.take("SignIn a", 1_036_000, 36_000, 180_000).await.unwrap(), None, "36 s later");
    }
}
