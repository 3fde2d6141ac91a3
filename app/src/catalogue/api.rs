//! The catalogue's server functions and the shapes they send to the browser.

use super::{Category, Code, SearchDoc, Service};
use crate::errors::{AppError, Json};
use crate::i18n::Text;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the home and search pages show at once: the categories. What the search looks through comes
/// when it is needed ([`get_search_docs`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub categories: Vec<CategorySummary>,
    /// « Demandes communes »: the services residents pick most, most picked first, as (code, name). A
    /// pair rather than a struct of its own: its decoder is in the first download, and a derived one
    /// costs a kilobyte there.
    pub common: Vec<(Code, Text)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategorySummary {
    pub code: Code,
    pub name: Text,
    pub description: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub code: Code,
    pub online: bool,
    pub name: Text,
    pub summary: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub category: Category,
    pub services: Vec<ServiceSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    pub service: Service,
    pub category: Category,
}

/// The server's search results for the page's query, rendered with the page (the browser fetches the
/// documents and searches by itself afterwards).
#[cfg(feature = "ssr")]
pub fn search_on_server(query: &str, limit: usize) -> Vec<SearchDoc> {
    crate::ssr::server_context().search.search(query, limit).into_iter().cloned().collect()
}

#[server(output = Json)]
pub async fn get_overview() -> Result<Overview, AppError> {
    let context = crate::ssr::server_context();
    let catalogue = &context.catalogue;
    let common = context.common.codes().into_iter().filter_map(|code| catalogue.service(&code));
    let common = common.map(|service| (service.code.clone(), service.name.clone()));
    Ok(Overview { categories: catalogue.category_summaries(), common: common.collect() })
}

/// Every service and topic as the search looks through them, for the browser's instant search: fetched
/// when the resident first goes to the search box rather than with every page (docs/PERFORMANCE.md).
#[server(endpoint = "catalogue/search_docs", output = Json)]
pub async fn get_search_docs() -> Result<Vec<SearchDoc>, AppError> {
    Ok(crate::ssr::server_context().catalogue.search_docs())
}

#[server(output = Json)]
pub async fn get_category(code: String) -> Result<CategoryView, AppError> {
    let code = Code::parse(&code).ok_or(AppError::NotFound)?;
    crate::ssr::server_context().catalogue.category_view(&code).ok_or(AppError::NotFound)
}

#[server(output = Json)]
pub async fn get_service(code: String) -> Result<ServiceView, AppError> {
    let code = Code::parse(&code).ok_or(AppError::NotFound)?;
    crate::ssr::server_context().catalogue.service_view(&code).ok_or(AppError::NotFound)
}
