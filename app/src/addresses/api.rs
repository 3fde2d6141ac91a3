//! Server functions of the "Where is it?" step. They answer from the in-memory index, without the
//! database.

use super::choice::Suggestion;
use super::map::MapSettings;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

/// Places for what the resident has typed so far (at most eight): corners, named places, addresses.
#[server(endpoint = "addresses/suggest", output = Json)]
pub async fn suggest_places(query: String) -> Result<Vec<Suggestion>, AppError> {
    let index = crate::ssr::server_context().addresses;
    let query: String = query.chars().take(100).collect();
    Ok(index.suggest_places(&query, super::ssr::SUGGESTIONS))
}

/// "Use my location": the nearest civic address, or a refusal that says the place is not in the city.
#[server(endpoint = "addresses/nearest", output = Json)]
pub async fn nearest_place(latitude: f64, longitude: f64) -> Result<Suggestion, AppError> {
    use crate::errors::{Field, Problem};
    let index = crate::ssr::server_context().addresses;
    let valid = super::choice::on_earth(latitude, longitude);
    let found = valid.then(|| index.nearest(latitude, longitude)).flatten().map(super::ssr::address_suggestion);
    crate::errors::answer(found.ok_or_else(|| AppError::field(Field::Address, Problem::AddressOutsideCity)))
}

/// The map's centre as a place to choose, or a refusal when it is outside the city.
#[server(endpoint = "addresses/pin", output = Json)]
pub async fn pin_place(latitude: f64, longitude: f64) -> Result<Suggestion, AppError> {
    use crate::errors::{Field, Problem};
    let index = crate::ssr::server_context().addresses;
    let valid = super::choice::on_earth(latitude, longitude);
    let found = valid.then(|| index.pin(latitude, longitude)).flatten();
    crate::errors::answer(found.ok_or_else(|| AppError::field(Field::Address, Problem::AddressOutsideCity)))
}

/// The city profile's tile server and where the map opens; none when the city has no map.
#[server(endpoint = "addresses/map", output = Json)]
pub async fn get_map() -> Result<Option<MapSettings>, AppError> {
    Ok(crate::ssr::server_context().city.map.clone())
}
