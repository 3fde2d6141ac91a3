//! How messages leave the portal: e-mail over SMTP (lettre) and text messages through a Twilio-compatible
//! provider, or, by default, files in the data folder's outbox so that a local run needs neither. The
//! interfaces are in `app::accounts::ssr::{mail, sms}`; these are their implementations.

pub mod email;
pub mod sms;
