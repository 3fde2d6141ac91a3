//! An address point as residents and staff see it.

use serde::{Deserialize, Serialize};

/// The city's own id of an address point.
pub type AddressId = i64;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub id: AddressId,
    /// Civic number with its suffix: "12", "12A".
    pub number: String,
    pub street: String,
    pub community: String,
    pub latitude: f64,
    pub longitude: f64,
}

impl Address {
    /// "200 Brady St, Sudbury": the same in both languages, as on the city's signs.
    pub fn label(&self) -> String {
        format!("{} {}, {}", self.number, self.street, self.community)
    }

    /// Distance in metres to a point, on a sphere; exact enough within a city.
    pub fn metres_to(&self, latitude: f64, longitude: f64) -> f64 {
        metres_between((self.latitude, self.longitude), (latitude, longitude))
    }
}

/// Haversine distance between two (latitude, longitude) points, in metres.
pub fn metres_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let (dlat, dlon) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_within_the_city() {
        // Tom Davies Square to Science North: about 2.3 km.
        let d = metres_between((46.4906, -80.9928), (46.4707, -80.9756));
        assert!((2_400.0..2_800.0).contains(&d), "{d}");
        assert!(metres_between((46.49, -80.99), (46.49, -80.99)) < 0.001);
    }
}
