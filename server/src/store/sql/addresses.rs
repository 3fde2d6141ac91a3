use super::statement::Statement;
use crate::store::Store;
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
impl AddressStore for Store {
    async fn replace_addresses(&self, addresses: &[Address]) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM addresses").execute(&mut *tx).await?;
        // Multi-row inserts: one statement per 500 rows instead of one per row (6 values per row, well
        // under SQLite's 32 766 parameters).
        for chunk in addresses.chunks(500) {
            let mut insert =
                Statement::new("INSERT INTO addresses (id, number, street, community, latitude, longitude) VALUES ");
            for (i, a) in chunk.iter().enumerate() {
                insert.push(if i == 0 { "(" } else { ", (" });
                insert.bind(a.id).push(", ").bind(a.number.as_str()).push(", ").bind(a.street.as_str());
                insert.push(", ").bind(a.community.as_str()).push(", ").bind(a.latitude).push(", ").bind(a.longitude);
                insert.push(")");
            }
            let (text, values) = insert.parts();
            sqlx::query_with(&text, values).execute(&mut *tx).await?;
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
