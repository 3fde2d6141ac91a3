//! What the resident picks on the "Where is it?" step, as its radio button sends it: the value is read
//! back by the server, which finds the place again in its index (nothing the browser says about a place
//! is taken as is, except a map point, which is checked to be in the city).

use super::model::AddressId;
use crate::catalogue::Code;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq)]
pub enum PlaceChoice {
    /// A civic address point: "100001".
    Address(AddressId),
    /// The corner of two streets, named by the address point of each that is closest to the other:
    /// "corner:100001:100230".
    Corner(AddressId, AddressId),
    /// A named place of the city profile: "place:bell-park".
    Landmark(Code),
    /// A point on the map, to about a metre: "pin:46.49062,-80.99282".
    Pin { latitude: f64, longitude: f64 },
}

impl PlaceChoice {
    pub fn parse(value: &str) -> Option<PlaceChoice> {
        let value = value.trim();
        if let Some(ids) = value.strip_prefix("corner:") {
            let (one, other) = ids.split_once(':')?;
            return Some(PlaceChoice::Corner(one.parse().ok()?, other.parse().ok()?));
        }
        if let Some(code) = value.strip_prefix("place:") {
            return Code::parse(code).map(PlaceChoice::Landmark);
        }
        if let Some(point) = value.strip_prefix("pin:") {
            let (latitude, longitude) = point.split_once(',')?;
            let (latitude, longitude): (f64, f64) = (latitude.parse().ok()?, longitude.parse().ok()?);
            return on_earth(latitude, longitude).then(|| PlaceChoice::pin(latitude, longitude));
        }
        value.parse().ok().map(PlaceChoice::Address)
    }

    /// A map point, to about a metre ([`to_a_metre`]).
    pub fn pin(latitude: f64, longitude: f64) -> PlaceChoice {
        PlaceChoice::Pin { latitude: to_a_metre(latitude), longitude: to_a_metre(longitude) }
    }

    /// What the radio button sends.
    pub fn value(&self) -> String {
        match self {
            PlaceChoice::Address(id) => id.to_string(),
            PlaceChoice::Corner(one, other) => format!("corner:{one}:{other}"),
            PlaceChoice::Landmark(code) => format!("place:{code}"),
            PlaceChoice::Pin { latitude, longitude } => format!("pin:{latitude:.5},{longitude:.5}"),
        }
    }
}

/// Whether a latitude and longitude are degrees on Earth (NaN is not).
pub fn on_earth(latitude: f64, longitude: f64) -> bool {
    (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude)
}

/// Degrees rounded to five decimals: about a metre, no pretence of more.
pub fn to_a_metre(degrees: f64) -> f64 {
    (degrees * 100_000.0).round() / 100_000.0
}

/// A place offered to choose from: the value its radio button sends, and its stored label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub value: String,
    pub label: String,
    pub latitude: f64,
    pub longitude: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_place_reads_back_from_its_value() {
        let kinds = [
            PlaceChoice::Address(100001),
            PlaceChoice::Corner(100001, 100230),
            PlaceChoice::Landmark(Code::parse("bell-park").unwrap()),
            PlaceChoice::pin(46.490_621_7, -80.992_824_9),
        ];
        for kind in kinds {
            assert_eq!(PlaceChoice::parse(&kind.value()), Some(kind.clone()), "{}", kind.value());
        }
        assert_eq!(PlaceChoice::pin(46.490_621_7, -80.992_824_9).value(), "pin:46.49062,-80.99282");
    }

    #[test]
    fn anything_else_is_no_choice() {
        for bad in ["", "abc", "corner:1", "corner:1:x", "place:Bell Park", "pin:91,0", "pin:46.5", "pin:NaN,1"] {
            assert_eq!(PlaceChoice::parse(bad), None, "{bad}");
        }
    }
}
