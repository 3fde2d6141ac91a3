//! What server functions reach on the server: the city and the catalogue, provided to every request by
//! the server binary (`server/src/startup.rs`).

use crate::catalogue::Catalogue;
use crate::city::ssr::City;
use std::sync::Arc;

#[derive(Clone)]
pub struct ServerContext {
    pub city: Arc<City>,
    pub catalogue: Arc<Catalogue>,
}

/// The context of the request being served. Every route and server function runs with it provided.
pub fn server_context() -> ServerContext {
    leptos::prelude::expect_context::<ServerContext>()
}
