//! Agent intake: the 311 agent's main screen for phone, e-mail, counter and chat contacts. Find the caller
//! (name, phone or e-mail) or make them a profile without a password, then file a request on their behalf
//! (the wizard's own fields and rules on one page, the channel recorded) or log an inquiry that is not a request. Every
//! contact is counted by channel. Staff only: every server function checks the role on the server.

mod api;
pub mod model;
mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use pages::{CallRequestPage, ContactPage};
