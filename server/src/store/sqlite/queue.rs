//! The staff queue on SQLite: the filters as one WHERE clause, shared by the page and its count.

use super::rows::{push_in, RequestRow, REQUEST_COLUMNS};
use super::SqliteStore;
use app::requests::ssr::StoredRequest;
use app::staff::ssr::{QueueItem, QueueQuery, QueueSearch, QueueStore};
use sqlx::{QueryBuilder, Sqlite};

/// The queue's WHERE clause, shared by the page and its count.
fn push_filters(sql: &mut QueryBuilder<'_, Sqlite>, query: &QueueQuery) {
    sql.push(" FROM requests r WHERE 1 = 1");
    // Written as the partial indexes' condition, so that SQLite walks them (oldest first) instead of
    // sorting tens of thousands of open requests.
    if query.open_only {
        sql.push(" AND r.status NOT IN ('completed', 'closed')");
    }
    if !query.statuses.is_empty() {
        sql.push(" AND r.status IN (");
        let mut list = sql.separated(", ");
        for status in &query.statuses {
            list.push_bind(status.code());
        }
        sql.push(")");
    }
    if !query.services.is_empty() {
        sql.push(" AND r.service_code");
        push_in(sql, query.services.iter().map(|service| service.as_str().to_string()));
    }
    if let Some(before) = query.created_before {
        sql.push(" AND r.created_at < ").push_bind(before);
    }
    if let Some(today) = query.overdue_on {
        sql.push(" AND r.status NOT IN ('completed', 'closed') AND r.due_on < ").push_bind(today.to_string());
    }
    if query.attention {
        sql.push(" AND r.attention IS NOT NULL");
    }
    if let Some(channel) = query.channel {
        sql.push(" AND r.channel = ").push_bind(channel.code());
    }
    match &query.search {
        Some(QueueSearch::Reference(reference)) => {
            sql.push(" AND r.reference = ").push_bind(reference.to_string());
        }
        Some(QueueSearch::Text(text)) => {
            let pattern = format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            sql.push(" AND (r.address LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
            sql.push(" OR r.account_id IN (SELECT id FROM accounts WHERE name LIKE ").push_bind(pattern);
            sql.push(" ESCAPE '\\'))");
        }
        None => {}
    }
}

#[async_trait::async_trait]
impl QueueStore for SqliteStore {
    async fn queue(&self, query: &QueueQuery) -> anyhow::Result<(Vec<QueueItem>, u64)> {
        let mut sql = QueryBuilder::<Sqlite>::new("");
        sql.push(format!("SELECT {REQUEST_COLUMNS}, (SELECT name FROM accounts WHERE id = r.account_id) AS resident"));
        push_filters(&mut sql, query);
        sql.push(" ORDER BY r.created_at, r.id LIMIT ").push_bind(query.limit).push(" OFFSET ").push_bind(query.offset);
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            request: RequestRow,
            resident: Option<String>,
        }
        let rows = sql.build_query_as::<Row>().fetch_all(&self.pool).await?;
        let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*)");
        push_filters(&mut count, query);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        let items = rows
            .into_iter()
            .map(|row| Ok(QueueItem { request: StoredRequest::try_from(row.request)?, resident: row.resident }))
            .collect::<anyhow::Result<_>>()?;
        Ok((items, total as u64))
    }
}
