//! The feedback form's server function.

#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

#[server(endpoint = "feedback/send", output = Json)]
pub async fn send_feedback(
    #[server(default)] easy: String,
    #[server(default)] improve: String,
) -> Result<(), AppError> {
    answer(super::ssr::send(&easy, &improve).await)
}
