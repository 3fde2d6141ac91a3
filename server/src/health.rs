//! `GET /health`, for a load balancer or monitoring: `ok` while the portal can take requests — its
//! database answers and would take a write within two seconds — else 503, so that the instance is taken
//! out of service instead of failing residents' submissions one by one.

use crate::store::Store;
use axum::{extract::State, http::StatusCode, response::IntoResponse};
use std::time::Duration;

/// Longer than any write the portal makes holds the database (well under a second), shorter than a load
/// balancer's usual check timeout (5 s).
const WITHIN: Duration = Duration::from_secs(2);

pub async fn health(State(database): State<Store>) -> impl IntoResponse {
    match database.can_write(WITHIN).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "health: the database does not take writes");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
