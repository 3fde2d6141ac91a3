//! The Portail 311 server: reads the configuration, opens the database, loads the catalogue and serves
//! the app (`app` crate) with axum. Integration tests start it from here on a free port.

pub mod addresses_file;
pub mod admin;
pub mod api_keys;
pub mod backup;
pub mod bundle;
pub mod catalogue_file;
pub mod chat_bus;
pub mod config;
pub mod copy_data;
pub mod csrf;
pub mod headers;
pub mod health;
pub mod notify;
pub mod serve;
pub mod startup;
pub mod store;
pub mod telemetry;
