//! Server side of places: the store interface, and the index that answers suggestions, "nearest" and
//! map points from memory. A city has tens of thousands of address points but only a few thousand
//! streets, so the index groups addresses by street: a query is matched against street names, then
//! against the civic numbers of the streets that match (benchmark: `cargo bench -p server --bench
//! addresses`). Corners and named places are matched the same way, by the start of their words.

mod corners;
mod landmarks;

pub use landmarks::{Boundary, Landmark};

use super::choice::{to_a_metre, PlaceChoice, Suggestion};
use super::model::{bilingual, written, Address, AddressId, Place};
use crate::catalogue::fold;
use crate::i18n::{message, Arg, Lang};
use std::collections::HashMap;

/// Where address points are kept. Implemented per database in `server/src/store/`.
#[async_trait::async_trait]
pub trait AddressStore: Send + Sync {
    /// Replaces every address point with `addresses`, in one transaction.
    async fn replace_addresses(&self, addresses: &[Address]) -> anyhow::Result<()>;
    async fn load_addresses(&self) -> anyhow::Result<Vec<Address>>;
}

/// How many suggestions the address field shows.
pub const SUGGESTIONS: usize = 8;

/// "Use my location" finds no address further than this: the resident is outside the city, or far from
/// any civic address, and is asked to type one (or to put a pin on the map). A map point is said to be
/// near the nearest address within this distance.
pub const NEAREST_WITHIN_M: f64 = 300.0;

/// Without city limits in the profile, a map point must be this close to an address point to be taken
/// as in the city.
pub const IN_CITY_WITHOUT_LIMITS_M: f64 = 2_000.0;

/// One street of one community, with its addresses in civic-number order.
struct Street {
    /// Folded words of the street and community names, with the long form of abbreviations ("st" also
    /// gives "street" and "rue"), so that "paris street" and "rue paris" find "Paris St".
    words: Vec<String>,
    /// Indexes into `AddressIndex::addresses`, ordered by civic number.
    addresses: Vec<u32>,
}

pub struct AddressIndex {
    addresses: Vec<Address>,
    by_id: HashMap<AddressId, u32>,
    /// Streets in alphabetical order, so that suggestions come in a predictable order.
    streets: Vec<Street>,
    /// Folded civic number of each address, for prefix matching.
    numbers: Vec<String>,
    /// The street (position in `streets`) of each address.
    street_of: Vec<u32>,
    /// For each street, the streets it meets.
    corners: corners::Corners,
    /// Named places, with their folded words.
    landmarks: Vec<(Landmark, Vec<String>)>,
    boundary: Option<Boundary>,
}

/// Long forms of the abbreviations used on street signs, in both languages.
const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("st", &["street", "saint", "rue"]),
    ("ste", &["sainte"]),
    ("ave", &["avenue"]),
    ("rd", &["road", "chemin"]),
    ("blvd", &["boulevard"]),
    ("dr", &["drive", "promenade"]),
    ("cres", &["crescent", "croissant"]),
    ("crt", &["court"]),
    ("ct", &["court"]),
    ("pl", &["place"]),
    ("ln", &["lane"]),
    ("hwy", &["highway", "route"]),
    ("n", &["north", "nord"]),
    ("s", &["south", "sud"]),
    ("e", &["east", "est"]),
    ("w", &["west", "ouest"]),
];

impl AddressIndex {
    pub fn new(mut addresses: Vec<Address>) -> AddressIndex {
        addresses.sort_by(|a, b| {
            (&a.street, &a.community, civic_order(&a.number)).cmp(&(&b.street, &b.community, civic_order(&b.number)))
        });
        let mut streets: Vec<Street> = Vec::new();
        let mut previous: Option<(&str, &str)> = None;
        for (position, address) in addresses.iter().enumerate() {
            let key = (address.street.as_str(), address.community.as_str());
            if previous != Some(key) {
                streets.push(Street { words: street_words(&address.street, &address.community), addresses: vec![] });
                previous = Some(key);
            }
            streets.last_mut().expect("pushed above").addresses.push(position as u32);
        }
        let numbers = addresses.iter().map(|a| fold(&a.number).replace(' ', "")).collect();
        let by_id = addresses.iter().enumerate().map(|(position, a)| (a.id, position as u32)).collect();
        let mut street_of = vec![0; addresses.len()];
        for (number, street) in streets.iter().enumerate() {
            for &position in &street.addresses {
                street_of[position as usize] = number as u32;
            }
        }
        let corners = corners::find(&addresses, &street_of, streets.len());
        AddressIndex { addresses, by_id, streets, numbers, street_of, corners, landmarks: vec![], boundary: None }
    }

    /// The index with the city profile's named places.
    pub fn with_landmarks(mut self, landmarks: Vec<Landmark>) -> AddressIndex {
        self.landmarks = landmarks
            .into_iter()
            .map(|landmark| {
                let words = landmark.words();
                (landmark, words)
            })
            .collect();
        self
    }

    /// The index with the city's limits, for map points.
    pub fn within(mut self, boundary: Option<Boundary>) -> AddressIndex {
        self.boundary = boundary;
        self
    }

    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    pub fn get(&self, id: AddressId) -> Option<&Address> {
        self.by_id.get(&id).map(|&position| &self.addresses[position as usize])
    }

    /// Up to `limit` addresses for what the resident typed: a civic number (or its first digits) and the
    /// start of each word of the street or community, in any order, without accents.
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<&Address> {
        let folded = fold(query);
        let (numbers, words): (Vec<&str>, Vec<&str>) =
            folded.split_whitespace().partition(|word| word.starts_with(|c: char| c.is_ascii_digit()));
        if words.is_empty() && numbers.is_empty() {
            return vec![];
        }
        let mut found = Vec::with_capacity(limit);
        for street in &self.streets {
            let has_word = |typed: &str| street.words.iter().any(|word| word.starts_with(typed));
            if !words.iter().all(|typed| has_word(typed)) {
                continue;
            }
            // A number is either the civic number or part of the street's name ("Municipal Rd 80").
            let named_by_numbers = numbers.iter().all(|n| street.words.iter().any(|word| word == n));
            for &position in &street.addresses {
                let civic = &self.numbers[position as usize];
                if named_by_numbers || numbers.iter().any(|n| civic.starts_with(n)) {
                    found.push(&self.addresses[position as usize]);
                    if found.len() == limit {
                        return found;
                    }
                }
            }
        }
        found
    }

    /// Up to `limit` places for what the resident typed: the corners of two streets when two are typed
    /// ("brady & paris", « brady et paris »), otherwise the named places whose words start with what was
    /// typed, then civic addresses ([`AddressIndex::suggest`]).
    pub fn suggest_places(&self, query: &str, limit: usize) -> Vec<Suggestion> {
        // Split before folding, which drops "&" and "/".
        if let Some((one, other)) = corners::split(&query.to_lowercase()) {
            return self.corners_of(&fold(one), &fold(other), limit);
        }
        let folded = fold(query);
        let words: Vec<&str> = folded.split_whitespace().collect();
        let landmarks = self
            .landmarks
            .iter()
            .filter(|(_, names)| {
                !words.is_empty() && words.iter().all(|typed| names.iter().any(|w| w.starts_with(typed)))
            })
            .map(|(landmark, _)| landmark_suggestion(landmark));
        let addresses = self.suggest(query, limit).into_iter().map(address_suggestion);
        landmarks.chain(addresses).take(limit).collect()
    }

    /// The corners of a street matching `one` with a street matching `other`.
    fn corners_of(&self, one: &str, other: &str, limit: usize) -> Vec<Suggestion> {
        let matches = |typed: &str, street: &Street| {
            typed.split_whitespace().all(|typed| street.words.iter().any(|word| word.starts_with(typed)))
        };
        let mut found = Vec::new();
        for (number, street) in self.streets.iter().enumerate() {
            if !matches(one, street) {
                continue;
            }
            for &(meets, here, there) in &self.corners[number] {
                if matches(other, &self.streets[meets as usize]) {
                    found.push(self.corner(here, there));
                    if found.len() == limit {
                        return found;
                    }
                }
            }
        }
        found
    }

    /// The corner between two address points (positions), named with its streets in alphabetical order.
    fn corner(&self, here: u32, there: u32) -> Suggestion {
        let (mut one, mut other) = (&self.addresses[here as usize], &self.addresses[there as usize]);
        if other.street < one.street {
            std::mem::swap(&mut one, &mut other);
        }
        Suggestion {
            value: PlaceChoice::Corner(one.id, other.id).value(),
            label: format!("{} & {}, {}", one.street, other.street, one.community),
            latitude: (one.latitude + other.latitude) / 2.0,
            longitude: (one.longitude + other.longitude) / 2.0,
        }
    }

    /// The place a choice names, if it is one of the city's: a civic address, two address points at a
    /// corner, a named place, or a map point inside the city limits.
    pub fn place(&self, choice: &PlaceChoice) -> Option<Place> {
        let found = match choice {
            PlaceChoice::Address(id) => self.get(*id).map(address_suggestion),
            PlaceChoice::Corner(one, other) => {
                let (here, there) = (*self.by_id.get(one)?, *self.by_id.get(other)?);
                let street = self.street_of[here as usize] as usize;
                let at_corner = self.corners[street].iter().any(|&(_, a, b)| (a, b) == (here, there));
                at_corner.then(|| self.corner(here, there))
            }
            PlaceChoice::Landmark(code) => {
                self.landmarks.iter().find(|(landmark, _)| landmark.code == *code).map(|(l, _)| landmark_suggestion(l))
            }
            PlaceChoice::Pin { latitude, longitude } => self.pin(*latitude, *longitude),
        }?;
        let address_id = match choice {
            PlaceChoice::Address(id) => Some(*id),
            _ => None,
        };
        Some(Place { address_id, label: found.label, latitude: found.latitude, longitude: found.longitude })
    }

    /// A map point inside the city, labelled "Near 200 Brady St, Sudbury" when an address is close
    /// enough, or by its coordinates.
    pub fn pin(&self, latitude: f64, longitude: f64) -> Option<Suggestion> {
        let (latitude, longitude) = (to_a_metre(latitude), to_a_metre(longitude));
        let nearest = self.nearest_within(latitude, longitude, IN_CITY_WITHOUT_LIMITS_M);
        let in_city = match &self.boundary {
            Some(boundary) => boundary.contains(latitude, longitude),
            None => nearest.is_some(),
        };
        if !in_city {
            return None;
        }
        let near = nearest.filter(|address| address.metres_to(latitude, longitude) <= NEAREST_WITHIN_M);
        let label = |lang: Lang| match near {
            Some(address) => message(lang, "place-near", &[("address", Arg::from(written(&address.label(), lang)))]),
            None => message(lang, "place-pin", &[("coordinates", Arg::from(format!("{latitude:.5}, {longitude:.5}")))]),
        };
        Some(Suggestion {
            value: PlaceChoice::Pin { latitude, longitude }.value(),
            label: bilingual(&label(Lang::En), &label(Lang::Fr)),
            latitude,
            longitude,
        })
    }

    /// The address point nearest to a location, if one is within [`NEAREST_WITHIN_M`].
    pub fn nearest(&self, latitude: f64, longitude: f64) -> Option<&Address> {
        self.nearest_within(latitude, longitude, NEAREST_WITHIN_M)
    }

    fn nearest_within(&self, latitude: f64, longitude: f64, metres: f64) -> Option<&Address> {
        // Compare squared distances on a local flat projection; only the winner gets the exact distance.
        let scale = latitude.to_radians().cos();
        let squared = |a: &Address| {
            let (dy, dx) = (a.latitude - latitude, (a.longitude - longitude) * scale);
            dy * dy + dx * dx
        };
        self.addresses
            .iter()
            .min_by(|a, b| squared(a).total_cmp(&squared(b)))
            .filter(|a| a.metres_to(latitude, longitude) <= metres)
    }
}

pub fn address_suggestion(address: &Address) -> Suggestion {
    Suggestion {
        value: PlaceChoice::Address(address.id).value(),
        label: address.label(),
        latitude: address.latitude,
        longitude: address.longitude,
    }
}

fn landmark_suggestion(landmark: &Landmark) -> Suggestion {
    Suggestion {
        value: PlaceChoice::Landmark(landmark.code.clone()).value(),
        label: bilingual(&landmark.name.en, &landmark.name.fr),
        latitude: landmark.latitude,
        longitude: landmark.longitude,
    }
}

fn street_words(street: &str, community: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in fold(street).split_whitespace().chain(fold(community).split_whitespace()) {
        words.push(word.to_string());
        if let Some((_, long)) = ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
            words.extend(long.iter().map(|l| l.to_string()));
        }
    }
    words
}

/// Civic numbers in the order they are on the street: 2, 10, 10A, 12.
fn civic_order(number: &str) -> (u64, &str) {
    let digits = number.find(|c: char| !c.is_ascii_digit()).unwrap_or(number.len());
    (number[..digits].parse().unwrap_or(u64::MAX), &number[digits..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(id: AddressId, number: &str, street: &str, community: &str, lat: f64, lon: f64) -> Address {
        Address {
            id,
            number: number.into(),
            street: street.into(),
            community: community.into(),
            latitude: lat,
            longitude: lon,
        }
    }

    fn index() -> AddressIndex {
        AddressIndex::new(vec![
            address(1, "200", "Brady St", "Sudbury", 46.4906, -80.9928),
            address(2, "10", "Paris St", "Sudbury", 46.4935, -80.9954),
            address(3, "2", "Paris St", "Sudbury", 46.4937, -80.9955),
            address(4, "1020", "Paris St", "Sudbury", 46.4700, -80.9900),
            address(5, "10A", "Paris St", "Sudbury", 46.4934, -80.9954),
            address(6, "3100", "Municipal Rd 80", "Val Caron", 46.6100, -81.0090),
            address(7, "12", "Côté Blvd", "Hanmer", 46.6550, -80.9550),
            address(8, "15", "Ste Anne Rd", "Sudbury", 46.4930, -80.9925),
            address(9, "190", "Brady St", "Sudbury", 46.49375, -80.99545),
        ])
    }

    fn park() -> Landmark {
        Landmark {
            code: crate::catalogue::Code::parse("bell-park").unwrap(),
            name: crate::i18n::Text { fr: "Parc Bell".into(), en: "Bell Park".into() },
            aliases: vec![],
            latitude: 46.478,
            longitude: -80.98,
        }
    }

    fn values(found: Vec<Suggestion>) -> Vec<String> {
        found.into_iter().map(|s| s.value).collect()
    }

    #[test]
    fn corners_of_two_streets_as_typed_either_way() {
        let index = index();
        for typed in ["brady & paris", "Paris St and Brady", "rue brady et rue paris", "brad/par"] {
            let found = index.suggest_places(typed, 8);
            assert_eq!(values(found.clone()), ["corner:9:3"], "{typed}");
            assert_eq!(found[0].label, "Brady St & Paris St, Sudbury");
        }
        assert!(index.suggest_places("brady & ste anne", 8).is_empty(), "267 m apart: they do not meet");
        let corner = index.place(&PlaceChoice::Corner(9, 3)).unwrap();
        assert_eq!((corner.address_id, corner.label.as_str()), (None, "Brady St & Paris St, Sudbury"));
        assert!((corner.latitude - 46.493725).abs() < 1e-6);
        assert_eq!(index.place(&PlaceChoice::Corner(1, 2)), None, "not a corner");
        assert_eq!(index.place(&PlaceChoice::Corner(9, 99)), None);
    }

    #[test]
    fn named_places_in_both_languages_come_before_addresses() {
        let index = index().with_landmarks(vec![park()]);
        assert_eq!(values(index.suggest_places("parc bell", 8)), ["place:bell-park"]);
        assert_eq!(values(index.suggest_places("BELL", 8)), ["place:bell-park"]);
        assert_eq!(values(index.suggest_places("bell park", 8)), ["place:bell-park"]);
        assert_eq!(values(index.suggest_places("10 paris", 2)), ["2", "5"]);
        let place = index.place(&PlaceChoice::Landmark(park().code)).unwrap();
        assert_eq!(written(&place.label, Lang::Fr), "Parc Bell");
        assert_eq!(written(&place.label, Lang::En), "Bell Park");
        assert_eq!(index.place(&PlaceChoice::Address(2)).map(|p| p.address_id), Some(Some(2)));
        assert_eq!(index.place(&PlaceChoice::Address(99)), None);
    }

    #[test]
    fn map_points_inside_the_city_only() {
        let near_square = PlaceChoice::Pin { latitude: 46.4907, longitude: -80.9929 };
        let place = index().place(&near_square).unwrap();
        assert_eq!(written(&place.label, Lang::En), "Near 200 Brady St, Sudbury");
        assert_eq!(written(&place.label, Lang::Fr), "Près du 200, rue Brady, Sudbury");
        // Without limits: within 2 km of an address point; with limits: inside them.
        let in_the_bush = PlaceChoice::pin(46.505, -80.995);
        let label = index().place(&in_the_bush).unwrap().label;
        assert_eq!(written(&label, Lang::En), "Point on the map (46.50500, -80.99500)");
        let toronto = PlaceChoice::pin(43.6532, -79.3832);
        assert_eq!(index().place(&toronto), None);
        let limits = Boundary::new(vec![(46.45, -81.05), (46.50, -80.99), (46.45, -80.93)]);
        assert_eq!(index().within(limits.clone()).place(&in_the_bush), None, "north of the triangle");
        assert!(index().within(limits).place(&near_square).is_some(), "inside the triangle");
    }

    fn ids(found: Vec<&Address>) -> Vec<AddressId> {
        found.into_iter().map(|a| a.id).collect()
    }

    #[test]
    fn suggests_by_number_and_street_in_civic_order() {
        let index = index();
        assert_eq!(ids(index.suggest("10 paris", 8)), vec![2, 5, 4]);
        assert_eq!(ids(index.suggest("paris", 8)), vec![3, 2, 5, 4]);
        assert_eq!(ids(index.suggest("PARIS STREET 2", 8)), vec![3]);
        assert_eq!(ids(index.suggest("200 brad", 8)), vec![1]);
        assert_eq!(ids(index.suggest("paris", 2)), vec![3, 2]);
    }

    #[test]
    fn accents_abbreviations_communities_and_numbered_streets() {
        let index = index();
        assert_eq!(ids(index.suggest("12 cote boulevard", 8)), vec![7]);
        assert_eq!(ids(index.suggest("hanmer", 8)), vec![7]);
        assert_eq!(ids(index.suggest("15 sainte anne", 8)), vec![8]);
        assert_eq!(ids(index.suggest("3100 municipal road 80", 8)), vec![6]);
        assert_eq!(ids(index.suggest("municipal 80", 8)), vec![6]);
        assert!(index.suggest("", 8).is_empty());
        assert!(index.suggest("rue inconnue", 8).is_empty());
        assert!(index.suggest("99 paris", 8).is_empty());
    }

    #[test]
    fn nearest_address_within_reach_only() {
        let index = index();
        assert_eq!(index.nearest(46.49062, -80.99282).map(|a| a.id), Some(1));
        // Toronto is not in Greater Sudbury.
        assert_eq!(index.nearest(43.6532, -79.3832), None);
        assert_eq!(index.get(4).map(|a| a.label()), Some("1020 Paris St, Sudbury".to_string()));
    }
}
