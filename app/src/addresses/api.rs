//! Server functions of the address field. Both answer from the in-memory index, without the database.

use super::model::Address;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

/// Suggestions for what the resident has typed so far (at most eight).
#[server(endpoint = "addresses/suggest", output = Json)]
pub async fn suggest_addresses(query: String) -> Result<Vec<Address>, AppError> {
    let index = crate::ssr::server_context().addresses;
    let query: String = query.chars().take(100).collect();
    Ok(index.suggest(&query, super::ssr::SUGGESTIONS).into_iter().cloned().collect())
}

/// "Use my location": the nearest civic address, or a refusal that says the place is not in the city.
#[server(endpoint = "addresses/nearest", output = Json)]
pub async fn nearest_address(latitude: f64, longitude: f64) -> Result<Address, AppError> {
    use crate::errors::{Field, Problem};
    let index = crate::ssr::server_context().addresses;
    let valid = (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude);
    let found = valid.then(|| index.nearest(latitude, longitude)).flatten().cloned();
    crate::errors::answer(found.ok_or_else(|| AppError::field(Field::Address, Problem::AddressOutsideCity)))
}
