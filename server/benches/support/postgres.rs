//! A PostgreSQL database of its own for the benchmarks that compare engines.

/// A database named `name` on the PostgreSQL `server` (`postgres://…/postgres`), dropped and made again;
/// its URL.
pub async fn fresh_postgres(server: &str, name: &str) -> String {
    use sqlx::{Connection, Executor};
    let mut admin = sqlx::PgConnection::connect(server).await.unwrap();
    admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.unwrap();
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    format!("{}/{name}", server.rsplit_once('/').unwrap().0)
}
