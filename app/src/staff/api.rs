//! The console's server functions: the edge. Each one checks, on the server, that a staff member is
//! signed in, then parses its input and hands the flow what it needs.

// The staff form's server function takes one argument per form field, and the browser's copy that
// `#[server]` generates does not carry a function's own `allow`.
#![allow(clippy::too_many_arguments)]

use super::model::{FeedbackRow, QueueFilter, QueuePage, StaffRequest};
#[cfg(feature = "ssr")]
use super::ssr::{self, require_staff};
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
#[cfg(feature = "ssr")]
use crate::requests::model::Reference;
#[cfg(feature = "ssr")]
use crate::ssr::edge;
use leptos::prelude::*;

#[server(endpoint = "staff/queue", output = Json)]
pub async fn get_queue(#[server(default)] filter: QueueFilter) -> Result<QueuePage, AppError> {
    let (context, caller) = edge();
    let result = async {
        require_staff(&caller)?;
        ssr::queue(&context.city, &context.catalogue, context.queue.as_ref(), &filter).await
    };
    answer(result.await)
}

#[server(endpoint = "staff/request", output = Json)]
pub async fn get_staff_request(reference: String) -> Result<StaffRequest, AppError> {
    let (context, caller) = edge();
    let result = async {
        let staff = require_staff(&caller)?;
        let (accounts, reference) = (context.accounts.store.as_ref(), Reference::find(&reference)?);
        ssr::request(&context.city, &context.catalogue, context.timeline_stores(), accounts, staff, &reference).await
    };
    answer(result.await)
}

/// One staff form: a new status (with its reason), a team, a note; `version` is the request's when the
/// form was shown.
#[server(endpoint = "staff/update", output = Json)]
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
    use crate::lifecycle::ssr::{change::Form, flows};
    let (context, caller) = edge();
    let form = Form { version, status, reason, duplicate_of, team, note, visibility };
    let result = async {
        let staff = require_staff(&caller)?;
        let reference = Reference::find(&reference)?;
        let (city, catalogue, bell) = (&context.city, &context.catalogue, context.notifications.bell());
        flows::change(city, catalogue, context.timeline_stores(), bell, &reference, staff, &form).await?;
        // Without JavaScript, back to the request; with it, the page reloads its data.
        leptos_axum::redirect(&crate::routes::staff_request(&reference));
        Ok(())
    };
    answer(result.await)
}

#[server(endpoint = "staff/feedback", output = Json)]
pub async fn get_feedback(#[server(default)] page: u32) -> Result<Vec<FeedbackRow>, AppError> {
    let (context, caller) = edge();
    let result = async {
        require_staff(&caller)?;
        ssr::feedback(&context.city, context.feedback.as_ref(), page).await
    };
    answer(result.await)
}
