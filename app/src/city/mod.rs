//! The city profile: who runs this portal and how residents reach 311 (phone, e-mail, chat, hours).
//! It is configuration (server/city-profile/city.toml), not code: another city changes the file.

mod channels;
mod hours;
mod phone;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use channels::Channels;
pub use hours::{Minutes, Weekday, WeeklyHours};
pub use phone::PhoneNumber;

use crate::i18n::Text;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the pages need to know about the city, sent to the browser with the first page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityProfile {
    pub name: Text,
    pub phone_local: PhoneNumber,
    pub phone_long_distance: PhoneNumber,
    pub email: String,
    pub chat_hours: WeeklyHours,
    pub phone_hours: WeeklyHours,
}

/// The official who answers questions about the collection of personal information (MFIPPA s.29(2)). Not
/// in every page's city data: the two pages that name them ask for it (`privacy::get_privacy_officer`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyOfficer {
    pub title: Text,
    pub address: Text,
    pub phone: PhoneNumber,
    pub email: String,
}

/// Whether the city's agents are at work right now, decided by the server in the city's time zone
/// (weekly hours and statutory holidays) when the page is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactStatus {
    pub agents_available: bool,
    /// Within chat hours, not a holiday, and an agent with room: the Chat button shows.
    pub chat_open: bool,
}

/// The city data every page uses, computed once on the server and handed to the browser with the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityContext {
    pub profile: CityProfile,
    pub status: ContactStatus,
}

impl CityContext {
    pub fn provide() {
        let city = SharedValue::<CityContext>::new(|| {
            #[cfg(feature = "ssr")]
            return crate::ssr::city_now();
            #[cfg(not(feature = "ssr"))]
            unreachable!("the city profile always comes from the server with the first page")
        })
        .into_inner();
        provide_context(city);
    }
}

pub fn use_city() -> CityContext {
    expect_context::<CityContext>()
}
