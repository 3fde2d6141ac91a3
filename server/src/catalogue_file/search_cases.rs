//! What residents really type, and the service that must come first: the search (app/src/catalogue/search.rs)
//! measured against the city's real catalogue. When the catalogue changes, this table says what it broke.

use app::catalogue::SearchIndex;

const CASES: &[(&str, &str)] = &[
    // The issue's own examples.
    ("nid de poule", "pothole"),
    ("pothole", "pothole"),
    ("lampadaire brisé", "streetlight-out"),
    ("chien qui jappe", "barking-dog"),
    ("garbage not picked up", "missed-garbage"),
    ("bac vert", "missed-green-cart"),
    ("streetlight out", "streetlight-out"),
    ("snow plow missed my street", "road-plowing"),
    ("déneigement trottoir", "sidewalk-snow"),
    ("water main break", "water-main-break"),
    ("égout refoulé", "sewer-backup"),
    ("dead raccoon", "dead-animal"),
    ("graffiti", "graffiti"),
    ("parking ticket", "parking-ticket"),
    ("taxes foncières", "property-tax"),
    ("permis de construction", "building-permit"),
    // Without accents.
    ("lampadaire brise", "streetlight-out"),
    ("egout refoule", "sewer-backup"),
    ("taxes foncieres", "property-tax"),
    ("feu de circulation defectueux", "traffic-signal"),
    ("panneau d'arret tombe", "traffic-sign"),
    ("rue pas deneigee", "road-plowing"),
    ("boite bleue pas ramassee", "missed-blue-box"),
    ("permis de brulage", "burn-permit"),
    ("vehicule stationne illegalement", "illegal-parking"),
    ("les ordures n'ont pas ete ramassees", "missed-garbage"),
    // One typo.
    ("pothle", "pothole"),
    ("garbge not picked up", "missed-garbage"),
    ("grafiti", "graffiti"),
    ("noize complaint", "noise"),
    ("snowplow damge", "plow-damage"),
    ("trafic light not working", "traffic-signal"),
    ("parkng ticket", "parking-ticket"),
    ("brokn swing at the park", "park-maintenance"),
    ("lampadiare", "streetlight-out"),
    // Partial words, as typed.
    ("lampad", "streetlight-out"),
    ("graff", "graffiti"),
    ("puisa", "catch-basin"),
    ("fallen tr", "city-tree"),
    ("mattr", "large-item"),
    ("chaussee glac", "icy-road"),
    // Sentences.
    ("le chien du voisin jappe", "barking-dog"),
    ("there is a dead deer on the road", "dead-animal"),
    ("no water coming out of my tap", "no-water"),
    ("the bus shelter glass is broken", "bus-stop"),
    ("the grass next door is way too long", "property-standards"),
    // Either language on either page, capitals.
    ("GREEN CART", "missed-green-cart"),
    ("Bouche d'incendie qui fuit", "water-main-break"),
    ("stray cat", "stray-cat"),
    ("water bill", "water-bill"),
];

#[test]
fn real_queries_find_the_right_service_first() {
    let catalogue = super::load(None).unwrap();
    let index = SearchIndex::new(catalogue.search_docs());
    let wrong: Vec<String> = CASES
        .iter()
        .filter_map(|(query, expected)| {
            let found: Vec<String> = index.search(query, 3).iter().map(|doc| doc.code.to_string()).collect();
            (found.first().map(String::as_str) != Some(*expected))
                .then(|| format!("{query:?}: expected {expected}, got {found:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{} of {} queries ranked wrong:\n{}", wrong.len(), CASES.len(), wrong.join("\n"));
}

#[test]
fn nonsense_finds_nothing() {
    let catalogue = super::load(None).unwrap();
    let index = SearchIndex::new(catalogue.search_docs());
    for query in ["qwxzv", "zzzzzz", "12345678", "\u{1F600}\u{1F600}"] {
        assert!(index.search(query, 3).is_empty(), "{query:?} found something");
    }
}
