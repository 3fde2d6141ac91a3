//! The wizard's server functions: thin doors to `ssr::flows`. Those that finish a step answer with the
//! next page's address and redirect there, so the forms work the same with or without JavaScript.

use super::model::{DraftView, RequestPage, RequestSummary, Step};
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Sends the browser to `path` once the step is saved (a 302 without JavaScript, the router with it).
#[cfg(feature = "ssr")]
fn go(result: Result<String, AppError>) -> Result<String, AppError> {
    if let Ok(path) = &result {
        leptos_axum::redirect(path);
    }
    answer(result)
}

#[server(endpoint = "requests/start", output = Json)]
pub async fn start_request(service: String) -> Result<String, AppError> {
    go(super::ssr::flows::start(&service).await)
}

#[server(endpoint = "requests/draft", output = Json)]
pub async fn get_draft(draft: String, step: Step) -> Result<DraftView, AppError> {
    answer(super::ssr::flows::view(&draft, step).await)
}

#[server(endpoint = "requests/place", output = Json)]
pub async fn save_place(draft: String, address: Option<String>) -> Result<String, AppError> {
    go(super::ssr::flows::save_place(&draft, address.as_deref().unwrap_or_default()).await)
}

#[server(endpoint = "requests/details", output = Json)]
pub async fn save_details(
    draft: String,
    #[server(default)] answers: BTreeMap<String, Vec<String>>,
    description: String,
) -> Result<String, AppError> {
    go(super::ssr::flows::save_details(&draft, &answers, &description).await)
}

#[server(endpoint = "requests/remove_file", output = Json)]
pub async fn remove_file(draft: String, file: String) -> Result<(), AppError> {
    answer(super::ssr::flows::remove_file(&draft, &file).await)
}

#[server(endpoint = "requests/submit", output = Json)]
pub async fn submit_request(draft: String) -> Result<String, AppError> {
    go(super::ssr::flows::submit(&draft).await)
}

/// Gives up the draft and follows the open request nearby instead.
#[server(endpoint = "requests/follow", output = Json)]
pub async fn follow_nearby(draft: String) -> Result<String, AppError> {
    go(super::ssr::flows::follow_nearby(&draft).await)
}

#[server(endpoint = "requests/page", output = Json)]
pub async fn get_request(reference: String) -> Result<RequestPage, AppError> {
    answer(super::ssr::flows::page(&reference).await)
}

#[server(endpoint = "requests/mine", output = Json)]
pub async fn my_requests() -> Result<Vec<RequestSummary>, AppError> {
    answer(super::ssr::flows::mine().await)
}
