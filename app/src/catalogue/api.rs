//! The catalogue's server functions and the shapes they send to the browser.

use super::{Category, Code, SearchDoc, Service};
use crate::errors::{AppError, Json};
use crate::i18n::Text;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the home and search pages need: the categories and what the search looks through.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub categories: Vec<CategorySummary>,
    pub docs: Vec<SearchDoc>,
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

#[server(output = Json)]
pub async fn get_overview() -> Result<Overview, AppError> {
    Ok(crate::ssr::server_context().catalogue.overview())
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
