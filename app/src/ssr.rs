//! What the edge reaches on the server: the city, the catalogue, accounts, addresses, requests and their
//! lifecycle, the staff queue and intake, surveys, feedback and the notification outbox, provided to every request by the server binary
//! (`server/src/startup.rs`).
//!
//! The dependency rule: only the edge — server functions in `api.rs` files and the page shell — calls
//! [`edge`] or [`server_context`] (axum handlers get the same context as their `State`). It parses what
//! came in into valid types and hands each flow only the stores and services it uses, with the [`Caller`].
//! Nothing below the edge reads the request or this context.

use crate::accounts::ssr::{sessions::Caller, Accounts};
use crate::addresses::ssr::AddressIndex;
use crate::catalogue::{Catalogue, SearchIndex};
use crate::chat::ssr::Chat;
use crate::city::{ssr::City, CityContext};
use crate::feedback::ssr::FeedbackStore;
use crate::intake::ssr::IntakeStore;
use crate::lifecycle::ssr::{flows::Stores, LifecycleStore};
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
    /// The home page's « demandes communes », counted again every hour.
    pub common: Arc<crate::catalogue::common::CommonRequests>,
    pub accounts: Arc<Accounts>,
    /// The city's civic addresses, for suggestions and "use my location".
    pub addresses: Arc<AddressIndex>,
    pub requests: Arc<Requests>,
    /// Requests' events: timelines, staff changes, residents' updates.
    pub lifecycle: Arc<dyn LifecycleStore>,
    /// The staff queue.
    pub queue: Arc<dyn QueueStore>,
    /// Agent intake: find-the-caller, profiles agents make, the contacts log.
    pub intake: Arc<dyn IntakeStore>,
    pub surveys: Arc<dyn SurveyStore>,
    pub feedback: Arc<dyn FeedbackStore>,
    /// Sends what staff changes write to the notification outbox.
    pub notifications: Arc<Outbox>,
    pub chat: Arc<Chat>,
    /// The Open311 API: its settings, store and readers' limit.
    pub open311: Arc<crate::open311::ssr::Open311>,
    /// Where this build's browser bundle is served: `/v/{hash of its files}`, so that its files can be
    /// cached for a year and a new build is never mixed with an old one.
    pub bundle: Arc<str>,
}

impl ServerContext {
    /// The two stores a request's timeline is read from.
    pub fn timeline_stores(&self) -> Stores<'_> {
        Stores { requests: self.requests.store.as_ref(), lifecycle: self.lifecycle.as_ref() }
    }
}

/// The context of the request being served. Every route and server function runs with it provided.
pub fn server_context() -> ServerContext {
    leptos::prelude::expect_context::<ServerContext>()
}

/// What a server function starts with: the context, and who is calling.
pub fn edge() -> (ServerContext, Caller) {
    (server_context(), Caller::of_request())
}

/// The city's contacts, whether agents are at work and whether the Chat button shows, for the page being
/// rendered.
pub fn city_now() -> CityContext {
    let context = server_context();
    let now = jiff::Timestamp::now();
    context.city.context_at(now, crate::chat::ssr::chat_open(&context.city, now, context.chat.desk_open()))
}

/// The origin of the map's tile server, if the city has a map: the page's security policy lets images
/// come from it.
pub fn tile_origin() -> Option<String> {
    server_context().city.map.as_ref().map(|map| map.origin().to_string())
}

/// The address prefix of the browser bundle, for the shell's script and stylesheet links.
pub fn bundle_root() -> Arc<str> {
    server_context().bundle
}

/// The page's description for search engines, naming the city.
pub fn description(lang: crate::i18n::Lang) -> String {
    server_context().city.message(lang, "meta-description", &[])
}

#[cfg(test)]
mod tests {
    /// The dependency rule, checked: only the edge reaches for the context or reads who is calling.
    #[test]
    fn only_the_edge_reads_the_context() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let name = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                let edge = name.ends_with("api.rs") || name == "ssr.rs";
                let text = std::fs::read_to_string(&path).unwrap();
                let reaches = ["server_context()", "edge()", "Caller::of_request()"]
                    .iter()
                    .any(|call| text.lines().any(|line| line.contains(call) && !line.trim_start().starts_with("//")));
                if reaches && !edge {
                    offenders.push(name);
                }
            }
        }
        assert!(offenders.is_empty(), "below the edge, these read the request's context: {offenders:?}");
    }
}
