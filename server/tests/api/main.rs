//! Integration tests: each starts the real portal on a free port with a fresh SQLite file and talks HTTP.
//! One test binary (faster to build than one per file).

mod accounts;
#[path = "../authenticator/mod.rs"]
mod authenticator;
mod backup;
mod bucket;
mod chat;
mod copy_data;
mod crash;
mod health;
mod helpers;
mod instances;
mod intake;
mod language;
mod lifecycle;
mod messages;
mod open311;
mod open311_conformance;
mod open311_post;
mod pages;
mod places;
#[path = "../../benches/support/release.rs"]
mod release;
mod requests;
mod search;
mod two_factor;
