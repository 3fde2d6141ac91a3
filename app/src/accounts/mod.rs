//! Residents' accounts: registration by e-mailed link, sign-in, profile, password, the text-message opt-in,
//! and personal data (download, close). `ssr` holds what only the server runs.

pub mod api;
pub mod model;
mod pages;
mod session;
#[cfg(feature = "ssr")]
pub mod ssr;

/// The language and updates choices of every profile form (the agents' contact page has one too).
pub use pages::{lang_options, updates_options};
pub use pages::{
    AccountRoute, ConfirmEmailRoute, ForgotPasswordRoute, RegisterRoute, SetPasswordRoute, SignInRoute, TwoFactorRoute,
};
pub use session::{use_session, Session};
