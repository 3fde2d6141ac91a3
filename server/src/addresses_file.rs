//! The city's address points in the municipal open-data CSV layout: one row per civic address, with a
//! header naming the columns. Read by `server import-addresses FILE.csv`, and on first start from the
//! built-in representative file (`city-profile/addresses.csv`: real Greater Sudbury streets, plausible
//! civic ranges, coordinates along each street).
//!
//! Columns are found by name, in any order and case; the usual open-data spellings are accepted:
//! `ADDRESS_ID` (or `ID`, `OBJECTID`), `CIVIC_NUMBER` (`CIVIC_NUM`, `HOUSE_NUMBER`), optional
//! `CIVIC_SUFFIX`, `STREET_NAME`, optional `STREET_TYPE` and `STREET_DIRECTION`, `COMMUNITY`
//! (`MUNICIPALITY`, `CITY`), `LATITUDE` (`LAT`, `Y`), `LONGITUDE` (`LON`, `LONG`, `X`).
//! A file with a bad row is refused whole, naming the line: nothing is half-imported.

use app::addresses::ssr::AddressStore;
use app::addresses::Address;
use std::collections::HashSet;
use std::path::Path;

/// The built-in address points of Greater Sudbury.
pub const DEFAULT_ADDRESSES: &str = include_str!("../city-profile/addresses.csv");

#[derive(Debug, thiserror::Error)]
pub enum AddressFileError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{origin}: no column for {column} (accepted names: {accepted})")]
    MissingColumn { origin: String, column: &'static str, accepted: String },
    #[error("{origin}, line {line}: {problem}")]
    BadRow { origin: String, line: u64, problem: String },
}

/// (what the column holds, accepted header names)
const COLUMNS: [(&str, &[&str]); 9] = [
    ("id", &["address_id", "id", "objectid", "address_point_id"]),
    ("civic number", &["civic_number", "civic_num", "civic", "house_number", "street_number"]),
    ("civic suffix", &["civic_suffix", "civic_sfx", "suffix"]),
    ("street name", &["street_name", "street", "st_name"]),
    ("street type", &["street_type", "st_type", "type"]),
    ("street direction", &["street_direction", "st_dir", "direction", "dir"]),
    ("community", &["community", "municipality", "city", "locality"]),
    ("latitude", &["latitude", "lat", "y"]),
    ("longitude", &["longitude", "lon", "long", "x"]),
];
const OPTIONAL: [&str; 3] = ["civic suffix", "street type", "street direction"];

/// Reads the built-in file when `path` is `None`.
pub fn load(path: Option<&Path>) -> Result<Vec<Address>, AddressFileError> {
    match path {
        None => parse(DEFAULT_ADDRESSES.as_bytes(), "built-in addresses.csv"),
        Some(path) => {
            let origin = path.display().to_string();
            let bytes =
                std::fs::read(path).map_err(|source| AddressFileError::Read { path: origin.clone(), source })?;
            parse(&bytes, &origin)
        }
    }
}

pub fn parse(bytes: &[u8], origin: &str) -> Result<Vec<Address>, AddressFileError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(bytes);
    let bad = |line: u64, problem: String| AddressFileError::BadRow { origin: origin.to_string(), line, problem };
    let headers = reader.headers().map_err(|error| bad(1, error.to_string()))?.clone();
    let mut positions = [None; COLUMNS.len()];
    for (slot, (column, accepted)) in positions.iter_mut().zip(COLUMNS) {
        *slot =
            headers.iter().position(|h| accepted.contains(&h.trim_start_matches('\u{feff}').to_lowercase().as_str()));
        if slot.is_none() && !OPTIONAL.contains(&column) {
            return Err(AddressFileError::MissingColumn {
                origin: origin.to_string(),
                column,
                accepted: accepted.join(", "),
            });
        }
    }
    let mut addresses = Vec::new();
    let mut ids = HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|error| bad(error.position().map_or(0, |p| p.line()), error.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |index: usize| positions[index].and_then(|p| record.get(p)).unwrap_or_default();
        let id: i64 = get(0).parse().map_err(|_| bad(line, format!("id \"{}\" is not a whole number", get(0))))?;
        if !ids.insert(id) {
            return Err(bad(line, format!("id {id} appears twice")));
        }
        let number = format!("{}{}", get(1), get(2));
        if get(1).is_empty() || !get(1).starts_with(|c: char| c.is_ascii_digit()) {
            return Err(bad(line, format!("civic number \"{}\" does not start with a digit", get(1))));
        }
        let street: Vec<&str> = [get(3), get(4), get(5)].into_iter().filter(|part| !part.is_empty()).collect();
        if get(3).is_empty() || get(6).is_empty() {
            return Err(bad(line, "street name and community are needed".into()));
        }
        let coordinate =
            |index: usize, range: std::ops::RangeInclusive<f64>| {
                get(index).parse::<f64>().ok().filter(|v| range.contains(v)).ok_or_else(|| {
                    bad(line, format!("{} \"{}\" is not a valid coordinate", COLUMNS[index].0, get(index)))
                })
            };
        addresses.push(Address {
            id,
            number,
            street: title_case(&street.join(" ")),
            community: title_case(get(6)),
            latitude: coordinate(7, -90.0..=90.0)?,
            longitude: coordinate(8, -180.0..=180.0)?,
        });
    }
    Ok(addresses)
}

/// "PARIS ST" → "Paris St", as residents write it; names already in mixed case are kept as they are.
fn title_case(text: &str) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    text.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| first.to_string() + &chars.as_str().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `server import-addresses FILE.csv`: replaces every address point with the file's, in one transaction.
/// A running portal reads them at its next start.
pub async fn import_into(settings: &crate::config::Settings, path: &Path) -> anyhow::Result<usize> {
    let addresses = load(Some(path))?;
    // An empty table would bring the built-in Sudbury set back at the next start.
    anyhow::ensure!(!addresses.is_empty(), "{} has no address points", path.display());
    std::fs::create_dir_all(&settings.server.data_dir)?;
    let store = crate::store::Store::open(&settings.database_url()).await?;
    store.replace_addresses(&addresses).await?;
    Ok(addresses.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An open-data file with any bytes, or the real one's header and rows with cells changed: read,
        /// or refused naming the line. Never a panic.
        #[test]
        fn fuzz_the_address_file(
            noise in proptest::collection::vec(proptest::num::u8::ANY, 0..512),
            rows in proptest::collection::vec((1usize..200, 0usize..9, "\\PC{0,12}"), 1..6),
        ) {
            let _ = parse(&noise, "fuzz");
            let mut lines: Vec<String> = DEFAULT_ADDRESSES.lines().take(200).map(String::from).collect();
            for (row, cell, text) in rows {
                let row = row % lines.len();
                let mut cells: Vec<String> = lines[row].split(',').map(String::from).collect();
                let cell = cell % cells.len();
                cells[cell] = text;
                lines[row] = cells.join(",");
            }
            if let Ok(addresses) = parse(lines.join("\n").as_bytes(), "fuzz") {
                proptest::prop_assert!(addresses.len() < 200);
            }
        }
    }

    #[test]
    fn the_built_in_file_is_valid_and_covers_the_communities() {
        let addresses = load(None).unwrap();
        assert!(addresses.len() > 5_000, "{}", addresses.len());
        let communities: HashSet<&str> = addresses.iter().map(|a| a.community.as_str()).collect();
        for community in ["Sudbury", "Val Caron", "Azilda", "Chelmsford", "Lively", "Hanmer", "Capreol"] {
            assert!(communities.contains(community), "{community}");
        }
        assert!(addresses.iter().all(|a| (46.0..47.0).contains(&a.latitude) && (-81.7..-80.5).contains(&a.longitude)));
    }

    #[test]
    fn open_data_spellings_upper_case_and_suffixes() {
        let csv = "OBJECTID,CIVIC_NUM,CIVIC_SFX,ST_NAME,ST_TYPE,ST_DIR,MUNICIPALITY,Y,X\n\
                   7,200,,BRADY,ST,,SUDBURY,46.4906,-80.9928\n\
                   8,12,A,SECOND,AVE,N,SUDBURY,46.52,-80.945\n";
        let addresses = parse(csv.as_bytes(), "test").unwrap();
        assert_eq!(addresses[0].label(), "200 Brady St, Sudbury");
        assert_eq!(addresses[1].label(), "12A Second Ave N, Sudbury");
    }

    #[test]
    fn bad_files_are_refused_naming_the_line() {
        let missing = "ID,CIVIC_NUMBER,STREET_NAME,COMMUNITY,LATITUDE\n1,2,Elm St,Sudbury,46.4\n";
        let error = parse(missing.as_bytes(), "f.csv").unwrap_err().to_string();
        assert!(error.contains("longitude"), "{error}");
        let bad = "ID,CIVIC_NUMBER,STREET_NAME,COMMUNITY,LATITUDE,LONGITUDE\n1,2,Elm St,Sudbury,46.4,-81\n2,4,Elm St,Sudbury,946.4,-81\n";
        let error = parse(bad.as_bytes(), "f.csv").unwrap_err().to_string();
        assert!(error.contains("f.csv, line 3") && error.contains("latitude"), "{error}");
        let twice = "ID,CIVIC_NUMBER,STREET_NAME,COMMUNITY,LATITUDE,LONGITUDE\n1,2,Elm St,Sudbury,46.4,-81\n1,4,Elm St,Sudbury,46.4,-81\n";
        assert!(parse(twice.as_bytes(), "f.csv").unwrap_err().to_string().contains("appears twice"));
    }
}
