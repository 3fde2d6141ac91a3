//! Where a request is: the city's civic addresses, the corners of its streets, its named places (parks,
//! arenas, trails) and points on a map. Suggestions as the resident types, the nearest address to their
//! location, and the map's tiles, all answered from an in-memory index on the server.

mod api;
mod choice;
pub mod map;
mod model;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use api::{get_map, nearest_place, pin_place, suggest_places, GetMap, NearestPlace, PinPlace, SuggestPlaces};
pub use choice::{PlaceChoice, Suggestion};
pub use model::{bilingual, metres_between, written, Address, AddressId, Place};
