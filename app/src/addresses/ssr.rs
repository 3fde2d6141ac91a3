//! Server side of addresses: the store interface, and the index that answers suggestions and "nearest"
//! from memory. A city has tens of thousands of address points but only a few thousand streets, so the
//! index groups addresses by street: a query is matched against street names, then against the civic
//! numbers of the streets that match (benchmark: `cargo bench -p server --bench addresses`).

use super::model::{Address, AddressId};
use crate::catalogue::fold;
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
/// any civic address, and is asked to type one.
pub const NEAREST_WITHIN_M: f64 = 300.0;

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
        AddressIndex { addresses, by_id, streets, numbers }
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

    /// The address point nearest to a location, if one is within [`NEAREST_WITHIN_M`].
    pub fn nearest(&self, latitude: f64, longitude: f64) -> Option<&Address> {
        // Compare squared distances on a local flat projection; only the winner gets the exact distance.
        let scale = latitude.to_radians().cos();
        let squared = |a: &Address| {
            let (dy, dx) = (a.latitude - latitude, (a.longitude - longitude) * scale);
            dy * dy + dx * dx
        };
        self.addresses
            .iter()
            .min_by(|a, b| squared(a).total_cmp(&squared(b)))
            .filter(|a| a.metres_to(latitude, longitude) <= NEAREST_WITHIN_M)
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
        ])
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
