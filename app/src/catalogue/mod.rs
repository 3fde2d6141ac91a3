//! "Chercher les demandes communes": the catalogue of services, its search, and the pages that lead a
//! resident from a few words to the right service.

mod api;
mod category_page;
#[cfg(feature = "ssr")]
pub mod common;
mod home_page;
pub(crate) mod model;
mod search;
mod service_page;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use api::{get_service, CategorySummary, CategoryView, Overview, ServiceSummary, ServiceView};
pub use home_page::{HomePage, SearchPage};
pub use model::{Catalogue, CatalogueError, Category, Choice, Code, Datatype, Question, Service};
pub use search::{fold, SearchDoc, SearchIndex};

lazy_page!(CategoryRoute, CategoryPage);
lazy_page!(ServiceRoute, ServicePage);
use category_page::CategoryPage;
use service_page::ServicePage;
