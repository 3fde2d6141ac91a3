//! Background jobs that run once a period whichever instance gets there first.

use crate::store::Store;

impl Store {
    /// Whether this instance should run job `name` now: yes unless it started less than `period` seconds
    /// ago, here or on another instance; a yes records the start. Under the write lock, so two instances
    /// asking at once get one yes.
    pub async fn start_job(&self, name: &str, now: i64, period: i64) -> anyhow::Result<bool> {
        let mut tx = self.begin_write().await?;
        let started: Option<String> = sqlx::query_scalar(
            "INSERT INTO jobs (name, started_at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE \
             SET started_at = excluded.started_at WHERE jobs.started_at <= $3 RETURNING name",
        )
        .bind(name)
        .bind(now)
        // A minute's slack: two timers of one period never drift into skipping a whole period.
        .bind(now - period + 60)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(started.is_some())
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_job_starts_once_a_period_whoever_asks() {
        let (_dir, store) = super::super::temporary().await;
        let other = store.clone();
        let (a, b) = tokio::join!(store.start_job("purge", 1_000_000, 3600), other.start_job("purge", 1_000_000, 3600));
        assert!(a.unwrap() ^ b.unwrap(), "one of two instances asking at once");
        assert!(!store.start_job("purge", 1_000_000 + 1800, 3600).await.unwrap(), "half an hour later");
        assert!(store.start_job("sweep", 1_000_000 + 1800, 3600).await.unwrap(), "another job");
        assert!(store.start_job("purge", 1_000_000 + 3600, 3600).await.unwrap(), "an hour later");
    }
}
