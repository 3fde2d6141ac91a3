//! The privacy statement's server function.

use crate::city::PrivacyOfficer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

/// The privacy officer, for the pages that name them (the statement, registration) rather than with the
/// city data of every page, whose decoder is in the browser's first download.
#[server(endpoint = "privacy/officer", output = Json)]
pub async fn get_privacy_officer() -> Result<PrivacyOfficer, AppError> {
    Ok(crate::ssr::server_context().city.privacy_officer.clone())
}
