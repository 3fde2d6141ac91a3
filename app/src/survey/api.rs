//! The survey's server functions.

use super::SurveyView;
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

#[server(endpoint = "survey/get", output = Json)]
pub async fn get_survey(reference: String) -> Result<SurveyView, AppError> {
    answer(super::ssr::view(&reference).await)
}

/// Saves the answer; true when a "not resolved" reopened the request.
#[server(endpoint = "survey/save", output = Json)]
pub async fn save_survey(
    reference: String,
    #[server(default)] ease: String,
    #[server(default)] satisfaction: String,
    #[server(default)] resolved: String,
    #[server(default)] comment: String,
) -> Result<bool, AppError> {
    answer(super::ssr::save(&reference, &ease, &satisfaction, &resolved, &comment).await)
}
