//! What server functions reach on the server: the city, the catalogue, accounts, addresses, requests and
//! their lifecycle, surveys, feedback and the notification outbox, provided
//! to every request by the server binary (`server/src/startup.rs`).

use crate::accounts::ssr::Accounts;
use crate::addresses::ssr::AddressIndex;
use crate::catalogue::{Catalogue, SearchIndex};
use crate::city::ssr::City;
use crate::feedback::ssr::FeedbackStore;
use crate::lifecycle::ssr::LifecycleStore;
use crate::notifications::Outbox;
use crate::requests::ssr::Requests;
use crate::staff::ssr::QueueStore;
use crate::survey::ssr::SurveyStore;
use std::sync::Arc;

#[derive(Clone)]
pub struct ServerContext {
    pub city: Arc<City>,
    pub catalogue: Arc<Catalogue>,
    /// Built once per catalogue: server renders search with it instead of indexing on every request.
    pub search: Arc<SearchIndex>,
    pub accounts: Arc<Accounts>,
    /// The city's civic addresses, for suggestions and "use my location".
    pub addresses: Arc<AddressIndex>,
    pub requests: Arc<Requests>,
    /// Requests' events: timelines, staff changes, residents' updates.
    pub lifecycle: Arc<dyn LifecycleStore>,
    /// The staff queue.
    pub queue: Arc<dyn QueueStore>,
    pub surveys: Arc<dyn SurveyStore>,
    pub feedback: Arc<dyn FeedbackStore>,
    /// Sends what staff changes write to the notification outbox.
    pub notifications: Arc<Outbox>,
}

/// The context of the request being served. Every route and server function runs with it provided.
pub fn server_context() -> ServerContext {
    leptos::prelude::expect_context::<ServerContext>()
}

/// The value of the cookie named one of `names`, if the request sent it.
pub fn cookie<'a>(headers: &'a http::HeaderMap, names: &[&str]) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| names.contains(name))
        .map(|(_, value)| value)
}
