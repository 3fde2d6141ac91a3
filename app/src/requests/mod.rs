//! "Soumettre une demande": a signed-in resident tells the city where the problem is, answers the
//! service's questions, adds photos, checks everything and submits; they get a reference number and a
//! receipt. What they enter is kept on the server as a draft between steps.

pub mod api;
pub mod model;
mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use pages::{parts, MyRequests, NewRequestRoute, RequestRoute, WizardPage};
