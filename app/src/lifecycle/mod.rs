//! A request's life after it is submitted: statuses and the moves staff may make, the timeline both
//! residents and staff read, the expected completion date. The resident's page is in `requests`, the
//! console in `staff`; both show [`Timeline`].

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod ssr;
mod timeline;

pub use timeline::{Files, Timeline};
