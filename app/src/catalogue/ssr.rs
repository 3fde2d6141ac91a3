//! Server side of the catalogue: the store interface it is kept in, and the views cut from it.

use super::api::{CategorySummary, CategoryView, ServiceSummary, ServiceView};
use super::{Catalogue, Code, SearchDoc, Service};

/// Where the catalogue is kept. Features call this, never a database directly, so that another database
/// (PostgreSQL) is one more implementation in `server/src/store/`, with no feature touched.
#[async_trait::async_trait]
pub trait CatalogueStore: Send + Sync {
    /// Makes the stored catalogue equal to `catalogue`, in one transaction. Services that disappeared are
    /// kept, marked inactive, because requests refer to them.
    async fn save_catalogue(&self, catalogue: &Catalogue) -> anyhow::Result<()>;

    /// The active catalogue.
    async fn load_catalogue(&self) -> anyhow::Result<Catalogue>;
}

impl Catalogue {
    pub fn search_docs(&self) -> Vec<SearchDoc> {
        self.services()
            .iter()
            .map(|service| SearchDoc {
                code: service.code.clone(),
                online: service.online,
                name: service.name.clone(),
                summary: service.summary.clone(),
                keywords: service.keywords.clone(),
                category_name: self.category(&service.category).map(|c| c.name.clone()).unwrap_or_default(),
            })
            .collect()
    }

    pub fn category_summaries(&self) -> Vec<CategorySummary> {
        self.categories()
            .iter()
            .map(|category| CategorySummary {
                code: category.code.clone(),
                name: category.name.clone(),
                description: category.description.clone(),
            })
            .collect()
    }

    pub fn category_view(&self, code: &Code) -> Option<CategoryView> {
        let category = self.category(code)?.clone();
        let services = self.services().iter().filter(|service| &service.category == code).map(summary).collect();
        Some(CategoryView { category, services })
    }

    pub fn service_view(&self, code: &Code) -> Option<ServiceView> {
        let service = self.service(code)?.clone();
        let category = self.category(&service.category)?.clone();
        Some(ServiceView { service, category })
    }
}

fn summary(service: &Service) -> ServiceSummary {
    ServiceSummary {
        code: service.code.clone(),
        online: service.online,
        name: service.name.clone(),
        summary: service.summary.clone(),
    }
}
