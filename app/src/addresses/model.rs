//! An address point as residents and staff see it.

use crate::i18n::Lang;
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

/// Where a request is, as chosen on the "Where is it?" step: a civic address, the corner of two streets,
/// a named place or a point on the map. The label is what residents and staff read (see [`written`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The civic address point, when the place is one.
    pub address_id: Option<AddressId>,
    pub label: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// How a label in both languages is stored: "English | French". Named places and map points have one
/// (« Parc Bell », « Près du 200, rue Brady »); civic addresses and corners are written from one form.
const BOTH: &str = " | ";

/// The stored label of a place whose words differ by language.
pub fn bilingual(en: &str, fr: &str) -> String {
    format!("{en}{BOTH}{fr}")
}

/// A stored place label as `lang` writes it. A label in both languages ([`bilingual`]) gives its part.
/// Otherwise English keeps the form of the address points, "200 Brady St, Sudbury", "Brady St & Paris
/// St, Sudbury"; French follows Canada Post's French form: a comma after the number, the street type
/// first and in French, the direction spelled out (« 200, rue Brady, Sudbury », « 12, rue Main Ouest »),
/// and « et » between the streets of a corner (« rue Brady et rue Paris, Sudbury »). A street whose type
/// is not a known one keeps its name (« 80, Kingsway »); text of another shape is left alone.
pub fn written(label: &str, lang: Lang) -> String {
    if let Some((en, fr)) = label.split_once(BOTH) {
        return match lang {
            Lang::En => en,
            Lang::Fr => fr,
        }
        .to_string();
    }
    if lang == Lang::En {
        return label.to_string();
    }
    let (place, community) = label.split_once(", ").map_or((label, None), |(place, rest)| (place, Some(rest)));
    let mut french = if let Some((one, other)) = place.split_once(" & ") {
        format!("{} et {}", street_in_french(one), street_in_french(other))
    } else {
        match place.split_once(' ').filter(|(number, _)| number.starts_with(|c: char| c.is_ascii_digit())) {
            Some((number, street)) => format!("{number}, {}", street_in_french(street)),
            None => return label.to_string(),
        }
    };
    if let Some(community) = community {
        french.push_str(", ");
        french.push_str(community);
    }
    french
}

/// "Notre Dame Ave N" as « avenue Notre Dame Nord ».
fn street_in_french(street: &str) -> String {
    let mut words: Vec<&str> = street.split(' ').collect();
    let direction = DIRECTIONS.iter().find(|(short, _)| words.len() > 1 && words.last() == Some(short));
    if direction.is_some() {
        words.pop();
    }
    let kind = STREET_TYPES.iter().find(|(short, _)| words.len() > 1 && words.last() == Some(short));
    if kind.is_some() {
        words.pop();
    }
    let mut french = String::new();
    if let Some((_, kind)) = kind {
        french.push_str(kind);
        french.push(' ');
    }
    french.push_str(&words.join(" "));
    if let Some((_, part)) = direction {
        french.push(' ');
        french.push_str(part);
    }
    french
}

/// Street types as the city's address points abbreviate them, and their French (Canada Post).
const STREET_TYPES: [(&str, &str); 16] = [
    ("St", "rue"),
    ("Rd", "chemin"),
    ("Ave", "avenue"),
    ("Blvd", "boulevard"),
    ("Dr", "promenade"),
    ("Cres", "croissant"),
    ("Crt", "cour"),
    ("Ct", "cour"),
    ("Pl", "place"),
    ("Hwy", "route"),
    ("Lane", "allée"),
    ("Way", "voie"),
    ("Trail", "sentier"),
    ("Terr", "terrasse"),
    ("Pkwy", "promenade"),
    ("Cir", "cercle"),
];

const DIRECTIONS: [(&str, &str); 4] = [("N", "Nord"), ("S", "Sud"), ("E", "Est"), ("W", "Ouest")];

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
    fn french_follows_canada_posts_form_and_english_is_kept() {
        let fr = |label: &str| written(label, Lang::Fr);
        assert_eq!(fr("200 Brady St, Sudbury"), "200, rue Brady, Sudbury");
        assert_eq!(fr("1234 Lasalle Blvd, Sudbury"), "1234, boulevard Lasalle, Sudbury");
        assert_eq!(fr("12A Notre Dame Ave N, Sudbury"), "12A, avenue Notre Dame Nord, Sudbury");
        assert_eq!(fr("80 Kingsway, Sudbury"), "80, Kingsway, Sudbury");
        assert_eq!(fr("5 Municipal Rd 80, Walden"), "5, Municipal Rd 80, Walden");
        assert_eq!(fr("3 St, Sudbury"), "3, St, Sudbury", "a name alone is not a type");
        assert_eq!(fr("Near the arena"), "Near the arena");
        assert_eq!(written("200 Brady St, Sudbury", Lang::En), "200 Brady St, Sudbury");
    }

    #[test]
    fn corners_and_labels_in_both_languages() {
        let corner = "Brady St & Notre Dame Ave N, Sudbury";
        assert_eq!(written(corner, Lang::Fr), "rue Brady et avenue Notre Dame Nord, Sudbury");
        assert_eq!(written(corner, Lang::En), corner);
        let park = bilingual("Bell Park", "Parc Bell");
        assert_eq!(written(&park, Lang::Fr), "Parc Bell");
        assert_eq!(written(&park, Lang::En), "Bell Park");
    }

    #[test]
    fn distances_within_the_city() {
        // Tom Davies Square to Science North: about 2.3 km.
        let d = metres_between((46.4906, -80.9928), (46.4707, -80.9756));
        assert!((2_400.0..2_800.0).contains(&d), "{d}");
        assert!(metres_between((46.49, -80.99), (46.49, -80.99)) < 0.001);
    }
}
