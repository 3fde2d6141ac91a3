//! The staff queue: the filters as one WHERE clause, shared by the page and its count.

use super::rows::{RequestRow, REQUEST_COLUMNS};
use super::statement::Statement;
use crate::store::{Engine, Store};
use app::requests::ssr::StoredRequest;
use app::staff::ssr::{QueueItem, QueueQuery, QueueSearch, QueueStore};

/// The queue's WHERE clause, shared by the page and its count.
fn push_filters<'q>(sql: &mut Statement<'q>, query: &'q QueueQuery, engine: Engine) {
    sql.push(" FROM requests r WHERE 1 = 1");
    // Written as the partial indexes' condition, so that SQLite walks them (oldest first) instead of
    // sorting tens of thousands of open requests.
    if query.open_only {
        sql.push(" AND r.status NOT IN ('completed', 'closed')");
    }
    if !query.statuses.is_empty() {
        sql.push(" AND r.status").bind_in(query.statuses.iter().map(|status| status.code()));
    }
    if !query.services.is_empty() {
        sql.push(" AND r.service_code");
        sql.bind_in(query.services.iter().map(|service| service.as_str()));
    }
    if let Some(before) = query.created_before {
        sql.push(" AND r.created_at < ").bind(before);
    }
    if let Some(today) = query.overdue_on {
        sql.push(" AND r.status NOT IN ('completed', 'closed') AND r.due_on < ").bind(today.to_string());
    }
    if query.attention {
        sql.push(" AND r.attention IS NOT NULL");
    }
    if let Some(channel) = query.channel {
        sql.push(" AND r.channel = ").bind(channel.code());
    }
    match &query.search {
        Some(QueueSearch::Reference(reference)) => {
            sql.push(" AND r.reference = ").bind(reference.to_string());
        }
        Some(QueueSearch::Text(text)) => {
            let pattern = format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            // Case does not matter: SQLite's LIKE ignores it (for ASCII); PostgreSQL's ILIKE, with the
            // trigram index on addresses, ignores it for every letter.
            let like = if engine == Engine::Postgres { "ILIKE" } else { "LIKE" };
            sql.push(&format!(" AND (r.address {like} ")).bind(pattern.clone()).push(" ESCAPE '\\'");
            sql.push(&format!(" OR r.account_id IN (SELECT id FROM accounts WHERE name {like} ")).bind(pattern);
            sql.push(" ESCAPE '\\'))");
        }
        None => {}
    }
}

#[async_trait::async_trait]
impl QueueStore for Store {
    async fn queue(&self, query: &QueueQuery) -> anyhow::Result<(Vec<QueueItem>, u64)> {
        let mut sql = Statement::new(format!(
            "SELECT {REQUEST_COLUMNS}, (SELECT name FROM accounts WHERE id = r.account_id) AS resident"
        ));
        push_filters(&mut sql, query, self.engine);
        sql.push(" ORDER BY r.created_at, r.id LIMIT ")
            .bind(i64::from(query.limit))
            .push(" OFFSET ")
            .bind(i64::from(query.offset));
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            request: RequestRow,
            resident: Option<String>,
        }
        let (text, values) = sql.parts();
        let rows = sqlx::query_as_with::<_, Row, _>(&text, values).fetch_all(&self.pool).await?;
        let mut count = Statement::new("SELECT count(*)");
        push_filters(&mut count, query, self.engine);
        let (text, values) = count.parts();
        let total: i64 = sqlx::query_scalar_with(&text, values).fetch_one(&self.pool).await?;
        let items = rows
            .into_iter()
            .map(|row| Ok(QueueItem { request: StoredRequest::try_from(row.request)?, resident: row.resident }))
            .collect::<anyhow::Result<_>>()?;
        Ok((items, total as u64))
    }
}
