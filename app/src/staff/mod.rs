//! The staff console: the queue of requests with filters and search, a request's full view with its
//! timeline (internal notes and the audit of who did what), the form that moves it along, and the
//! portal feedback residents sent. Agents, supervisors and administrators only: every server function
//! checks the role on the server.

mod api;
pub mod model;
mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use pages::{FeedbackListRoute, QueueRoute, StaffRequestRoute};
