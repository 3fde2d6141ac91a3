use crate::store::Store;
use anyhow::Context;
use app::catalogue::ssr::CatalogueStore;
use app::catalogue::{Catalogue, Category, Code, Datatype, Question, Service};
use app::i18n::Text;
use std::collections::HashMap;

#[async_trait::async_trait]
impl CatalogueStore for Store {
    async fn save_catalogue(&self, catalogue: &Catalogue) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE categories SET active = 0").execute(&mut *tx).await?;
        sqlx::query("UPDATE services SET active = 0").execute(&mut *tx).await?;
        for (position, category) in catalogue.categories().iter().enumerate() {
            sqlx::query(
                "INSERT INTO categories (code, position, active, name_fr, name_en, description_fr, description_en)
                 VALUES ($1, $2, 1, $3, $4, $5, $6)
                 ON CONFLICT (code) DO UPDATE SET position = excluded.position, active = 1,
                   name_fr = excluded.name_fr, name_en = excluded.name_en,
                   description_fr = excluded.description_fr, description_en = excluded.description_en",
            )
            .bind(category.code.as_str())
            .bind(position as i64)
            .bind(&category.name.fr)
            .bind(&category.name.en)
            .bind(&category.description.fr)
            .bind(&category.description.en)
            .execute(&mut *tx)
            .await?;
        }
        for (position, service) in catalogue.services().iter().enumerate() {
            save_service(&mut tx, position, service).await.with_context(|| format!("service {}", service.code))?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn load_catalogue(&self) -> anyhow::Result<Catalogue> {
        let categories = sqlx::query_as::<_, CategoryRow>(
            "SELECT code, name_fr, name_en, description_fr, description_en
             FROM categories WHERE active = 1 ORDER BY position",
        )
        .fetch_all(&self.pool)
        .await?;
        let services = sqlx::query_as::<_, ServiceRow>(
            "SELECT code, category_code, online, service_level_days, private, public_photos, name_fr, name_en, summary_fr,
                    summary_en, description_fr, description_en, prepare, keywords
             FROM services WHERE active = 1 ORDER BY position",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut questions: HashMap<String, Vec<Question>> = HashMap::new();
        let rows = sqlx::query_as::<_, QuestionRow>(
            "SELECT q.service_code, q.code, q.datatype, q.required, q.label_fr, q.label_en, q.help_fr, q.help_en,
                    q.choices
             FROM service_questions q JOIN services s ON s.code = q.service_code
             WHERE s.active = 1 ORDER BY q.service_code, q.position",
        )
        .fetch_all(&self.pool)
        .await?;
        for row in rows {
            let service = row.service_code.clone();
            questions.entry(service).or_default().push(row.try_into()?);
        }
        let categories = categories.into_iter().map(Category::try_from).collect::<anyhow::Result<_>>()?;
        let services = services
            .into_iter()
            .map(|row| {
                let questions = questions.remove(&row.code).unwrap_or_default();
                row.into_service(questions)
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Catalogue::new(categories, services)?)
    }
}

async fn save_service(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    position: usize,
    service: &Service,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO services (code, category_code, position, active, online, service_level_days, private,
                               public_photos, name_fr, name_en, summary_fr, summary_en, description_fr,
                               description_en, prepare, keywords)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (code) DO UPDATE SET category_code = excluded.category_code, position = excluded.position,
           active = 1, online = excluded.online, service_level_days = excluded.service_level_days,
           private = excluded.private, public_photos = excluded.public_photos,
           name_fr = excluded.name_fr, name_en = excluded.name_en, summary_fr = excluded.summary_fr,
           summary_en = excluded.summary_en, description_fr = excluded.description_fr,
           description_en = excluded.description_en, prepare = excluded.prepare, keywords = excluded.keywords",
    )
    .bind(service.code.as_str())
    .bind(service.category.as_str())
    .bind(position as i64)
    .bind(i64::from(service.online))
    .bind(service.service_level_days.map(i64::from))
    .bind(i64::from(service.private))
    .bind(i64::from(service.public_photos))
    .bind(&service.name.fr)
    .bind(&service.name.en)
    .bind(&service.summary.fr)
    .bind(&service.summary.en)
    .bind(&service.description.fr)
    .bind(&service.description.en)
    .bind(serde_json::to_string(&service.prepare)?)
    .bind(serde_json::to_string(&service.keywords)?)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM service_questions WHERE service_code = $1")
        .bind(service.code.as_str())
        .execute(&mut **tx)
        .await?;
    for (position, question) in service.questions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO service_questions (service_code, code, position, datatype, required, label_fr, label_en,
                                            help_fr, help_en, choices)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(service.code.as_str())
        .bind(question.code.as_str())
        .bind(position as i64)
        .bind(question.datatype.code())
        .bind(i64::from(question.required))
        .bind(&question.label.fr)
        .bind(&question.label.en)
        .bind(question.help.as_ref().map(|help| &help.fr))
        .bind(question.help.as_ref().map(|help| &help.en))
        .bind(serde_json::to_string(&question.choices)?)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    code: String,
    name_fr: String,
    name_en: String,
    description_fr: String,
    description_en: String,
}

impl TryFrom<CategoryRow> for Category {
    type Error = anyhow::Error;
    fn try_from(row: CategoryRow) -> anyhow::Result<Category> {
        Ok(Category {
            code: code(&row.code)?,
            name: Text { fr: row.name_fr, en: row.name_en },
            description: Text { fr: row.description_fr, en: row.description_en },
        })
    }
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    code: String,
    category_code: String,
    online: i64,
    service_level_days: Option<i64>,
    private: i64,
    public_photos: i64,
    name_fr: String,
    name_en: String,
    summary_fr: String,
    summary_en: String,
    description_fr: String,
    description_en: String,
    /// JSON, as the `Any` driver reads text.
    prepare: String,
    keywords: String,
}

impl ServiceRow {
    fn into_service(self, questions: Vec<Question>) -> anyhow::Result<Service> {
        Ok(Service {
            code: code(&self.code)?,
            category: code(&self.category_code)?,
            online: self.online != 0,
            service_level_days: self.service_level_days.map(u16::try_from).transpose()?,
            private: self.private != 0,
            public_photos: self.public_photos != 0,
            name: Text { fr: self.name_fr, en: self.name_en },
            summary: Text { fr: self.summary_fr, en: self.summary_en },
            description: Text { fr: self.description_fr, en: self.description_en },
            prepare: serde_json::from_str(&self.prepare).context("service prepare")?,
            keywords: serde_json::from_str(&self.keywords).context("service keywords")?,
            questions,
        })
    }
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    service_code: String,
    code: String,
    datatype: String,
    required: i64,
    label_fr: String,
    label_en: String,
    help_fr: Option<String>,
    help_en: Option<String>,
    /// JSON.
    choices: String,
}

impl TryFrom<QuestionRow> for Question {
    type Error = anyhow::Error;
    fn try_from(row: QuestionRow) -> anyhow::Result<Question> {
        Ok(Question {
            code: code(&row.code)?,
            datatype: Datatype::parse(&row.datatype).with_context(|| format!("unknown datatype {:?}", row.datatype))?,
            required: row.required != 0,
            label: Text { fr: row.label_fr, en: row.label_en },
            help: row.help_fr.zip(row.help_en).map(|(fr, en)| Text { fr, en }),
            choices: serde_json::from_str(&row.choices).context("question choices")?,
        })
    }
}

/// Codes were checked on the way in; one that is not valid now means the database was edited by hand.
fn code(text: &str) -> anyhow::Result<Code> {
    Code::parse(text).with_context(|| format!("invalid code {text:?} in the database"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_catalogue_survives_a_round_trip_and_removed_services_become_inactive() {
        let (_dir, store) = super::super::temporary().await;
        let catalogue = crate::catalogue_file::load(None).unwrap();
        store.save_catalogue(&catalogue).await.unwrap();
        assert_eq!(store.load_catalogue().await.unwrap(), catalogue);

        let fewer = Catalogue::new(catalogue.categories().to_vec(), catalogue.services()[1..].to_vec()).unwrap();
        store.save_catalogue(&fewer).await.unwrap();
        assert_eq!(store.load_catalogue().await.unwrap(), fewer);
        let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM services").fetch_one(&store.pool).await.unwrap();
        assert_eq!(kept as usize, catalogue.services().len(), "the removed service is kept, inactive");
    }
}
