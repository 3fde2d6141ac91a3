//! The city profile's named places (parks, arenas, trails, landmarks) and the city limits: the places a
//! resident can choose that have no civic address, and the line a map point must be inside.

use crate::catalogue::{fold, Code};
use crate::i18n::Text;

/// A named place of the city profile: « Parc Bell » / "Bell Park".
#[derive(Clone, Debug, PartialEq)]
pub struct Landmark {
    pub code: Code,
    pub name: Text,
    /// Other names residents use, in either language ("Big Nickel" for Dynamic Earth).
    pub aliases: Vec<String>,
    pub latitude: f64,
    pub longitude: f64,
}

impl Landmark {
    /// Folded words of its names in both languages, for matching what is typed in either.
    pub(super) fn words(&self) -> Vec<String> {
        let names = [&self.name.fr, &self.name.en].into_iter().chain(&self.aliases);
        let mut words: Vec<String> =
            names.flat_map(|name| fold(name).split_whitespace().map(String::from).collect::<Vec<_>>()).collect();
        words.sort();
        words.dedup();
        words
    }
}

/// The city limits, as a polygon of (latitude, longitude) points. A map point outside them is refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Boundary(Vec<(f64, f64)>);

impl Boundary {
    /// A polygon needs three points at least.
    pub fn new(points: Vec<(f64, f64)>) -> Option<Boundary> {
        (points.len() >= 3).then_some(Boundary(points))
    }

    /// Whether the point is inside (ray casting: exact enough for a city's limits, which are not drawn
    /// across the antimeridian or a pole).
    pub fn contains(&self, latitude: f64, longitude: f64) -> bool {
        let mut inside = false;
        let mut previous = self.0[self.0.len() - 1];
        for &point in &self.0 {
            let ((lat_a, lon_a), (lat_b, lon_b)) = (point, previous);
            if (lat_a > latitude) != (lat_b > latitude)
                && longitude < (lon_b - lon_a) * (latitude - lat_a) / (lat_b - lat_a) + lon_a
            {
                inside = !inside;
            }
            previous = point;
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_and_outside_the_limits() {
        // A triangle around downtown Sudbury.
        let limits = Boundary::new(vec![(46.45, -81.05), (46.55, -80.99), (46.45, -80.93)]).unwrap();
        assert!(limits.contains(46.4906, -80.9928));
        assert!(!limits.contains(46.54, -81.04), "outside one side");
        assert!(!limits.contains(43.6532, -79.3832), "Toronto");
        assert_eq!(Boundary::new(vec![(0.0, 0.0), (1.0, 1.0)]), None);
    }

    #[test]
    fn a_place_is_found_by_its_words_in_both_languages() {
        let place = Landmark {
            code: Code::parse("dynamic-earth").unwrap(),
            name: Text { fr: "Terre dynamique".into(), en: "Dynamic Earth".into() },
            aliases: vec!["Big Nickel".into()],
            latitude: 46.4727,
            longitude: -81.027,
        };
        assert_eq!(place.words(), ["big", "dynamic", "dynamique", "earth", "nickel", "terre"]);
    }
}
