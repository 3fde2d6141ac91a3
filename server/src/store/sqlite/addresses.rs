use super::SqliteStore;
use app::addresses::ssr::AddressStore;
use app::addresses::Address;

#[derive(sqlx::FromRow)]
struct AddressRow {
    id: i64,
    number: String,
    street: String,
    community: String,
    latitude: f64,
    longitude: f64,
}

#[async_trait::async_trait]
impl AddressStore for SqliteStore {
    async fn replace_addresses(&self, addresses: &[Address]) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM addresses").execute(&mut *tx).await?;
        // Multi-row inserts: one statement per 500 rows instead of one per row (6 values per row, well
        // under SQLite's 32 766 parameters).
        for chunk in addresses.chunks(500) {
            let mut insert =
                sqlx::QueryBuilder::new("INSERT INTO addresses (id, number, street, community, latitude, longitude) ");
            insert.push_values(chunk, |mut row, a| {
                row.push_bind(a.id)
                    .push_bind(&a.number)
                    .push_bind(&a.street)
                    .push_bind(&a.community)
                    .push_bind(a.latitude)
                    .push_bind(a.longitude);
            });
            insert.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn load_addresses(&self) -> anyhow::Result<Vec<Address>> {
        let rows =
            sqlx::query_as::<_, AddressRow>("SELECT id, number, street, community, latitude, longitude FROM addresses")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|r| Address {
                id: r.id,
                number: r.number,
                street: r.street,
                community: r.community,
                latitude: r.latitude,
                longitude: r.longitude,
            })
            .collect())
    }
}
