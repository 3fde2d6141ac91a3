//! "Clavardage en direct": live chat between residents and 311 agents. The Chat button shows only when
//! an agent can answer (hours, holidays, an agent with room); residents wait in a queue that tells them
//! their place and the usual wait; messages travel both ways as server-sent events; agents take chats,
//! answer with canned answers in the resident's language, hand them on, close them, and follow up the
//! ones nobody answered.

pub mod api;
pub mod desk_api;
pub mod model;
mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use pages::ChatRoute;
