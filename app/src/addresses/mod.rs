//! The city's civic addresses: where a request is. Suggestions as the resident types, and the nearest
//! address to their location, both answered from an in-memory index on the server.

mod api;
mod model;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use api::{nearest_address, suggest_addresses, NearestAddress, SuggestAddresses};
pub use model::{metres_between, written, Address, AddressId};
