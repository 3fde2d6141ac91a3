//! The console's server functions. Each one checks, on the server, that a staff member is signed in.

use super::model::{FeedbackRow, QueueFilter, QueuePage, StaffRequest};
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

#[server(endpoint = "staff/queue", output = Json)]
pub async fn get_queue(#[server(default)] filter: QueueFilter) -> Result<QueuePage, AppError> {
    answer(super::ssr::queue(&filter).await)
}

#[server(endpoint = "staff/request", output = Json)]
pub async fn get_staff_request(reference: String) -> Result<StaffRequest, AppError> {
    answer(super::ssr::request(&reference).await)
}

/// One staff form: a new status (with its reason), a team, a note; `version` is the request's when the
/// form was shown.
#[server(endpoint = "staff/update", output = Json)]
#[allow(clippy::too_many_arguments)] // one argument per form field
pub async fn update_request(
    reference: String,
    version: i64,
    #[server(default)] status: String,
    #[server(default)] reason: String,
    #[server(default)] duplicate_of: String,
    #[server(default)] team: String,
    #[server(default)] note: String,
    #[server(default)] visibility: String,
) -> Result<(), AppError> {
    use crate::lifecycle::ssr::flows::ChangeForm;
    let form = ChangeForm { version, status, reason, duplicate_of, team, note, visibility };
    let result = super::ssr::change(&reference, &form).await;
    if result.is_ok() {
        // Without JavaScript, back to the request; with it, the page reloads its data.
        leptos_axum::redirect(&format!("/staff/requests/{reference}"));
    }
    answer(result)
}

#[server(endpoint = "staff/feedback", output = Json)]
pub async fn get_feedback(#[server(default)] page: u32) -> Result<Vec<FeedbackRow>, AppError> {
    answer(super::ssr::feedback(page).await)
}
