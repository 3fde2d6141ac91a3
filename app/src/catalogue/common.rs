//! « Demandes communes »: the online services residents pick most, on the home page as the city's guide
//! shows them. Counted every hour from the requests of the last 90 days; before there are any (a new
//! portal), and to fill the list, one service per category: the first online one of each, in the
//! catalogue's order (the guide's own order of what residents report).

use super::{Catalogue, Code};
use crate::requests::ssr::RequestStore;
use std::sync::RwLock;

/// How many the home page shows.
pub const SHOWN: usize = 6;

/// The requests counted: those of this many last days.
const DAYS: i64 = 90;

pub struct CommonRequests {
    codes: RwLock<Vec<Code>>,
}

impl CommonRequests {
    /// The defaults, until the first count.
    pub fn new(catalogue: &Catalogue) -> CommonRequests {
        CommonRequests { codes: RwLock::new(rank(catalogue, &[])) }
    }

    pub fn codes(&self) -> Vec<Code> {
        self.codes.read().map(|codes| codes.clone()).unwrap_or_default()
    }

    /// Counts again (the hourly job in `server/src/startup.rs`).
    pub async fn refresh(&self, catalogue: &Catalogue, store: &dyn RequestStore, now: i64) -> anyhow::Result<()> {
        let counts = store.service_counts(now - DAYS * 24 * 3600).await?;
        let ranked = rank(catalogue, &counts);
        if let Ok(mut codes) = self.codes.write() {
            *codes = ranked;
        }
        Ok(())
    }
}

/// The online services with the most requests in `counts` first (ties in the catalogue's order), then
/// the defaults; [`SHOWN`] at most, each once. Services no longer in the catalogue, or not online, are
/// left out.
fn rank(catalogue: &Catalogue, counts: &[(Code, u64)]) -> Vec<Code> {
    let online = |code: &Code| catalogue.service(code).is_some_and(|service| service.online);
    let position = |code: &Code| catalogue.services().iter().position(|service| &service.code == code);
    let mut counted: Vec<&(Code, u64)> = counts.iter().filter(|(code, n)| *n > 0 && online(code)).collect();
    counted.sort_by_key(|(code, n)| (std::cmp::Reverse(*n), position(code)));
    let first_of_each_category = catalogue.categories().iter().filter_map(|category| {
        catalogue.services().iter().find(|service| service.category == category.code && service.online)
    });
    let mut codes: Vec<Code> = Vec::with_capacity(SHOWN);
    let candidates =
        counted.into_iter().map(|(code, _)| code.clone()).chain(first_of_each_category.map(|s| s.code.clone()));
    for code in candidates {
        if codes.len() == SHOWN {
            break;
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::model::tests::service;

    fn catalogue() -> Catalogue {
        let mut offline = service("tax", "money");
        offline.online = false;
        offline.service_level_days = None;
        let services = vec![
            service("pothole", "roads"),
            service("sidewalk", "roads"),
            service("garbage", "waste"),
            service("bin", "waste"),
            offline,
            service("noise", "bylaw"),
        ];
        let categories = ["roads", "waste", "money", "bylaw"].map(crate::catalogue::model::tests::category).to_vec();
        Catalogue::new(categories, services).unwrap()
    }

    fn codes(list: &[&str]) -> Vec<Code> {
        list.iter().map(|code| Code::parse(code).unwrap()).collect()
    }

    #[test]
    fn before_any_request_one_per_category_in_the_catalogues_order() {
        assert_eq!(rank(&catalogue(), &[]), codes(&["pothole", "garbage", "noise"]));
    }

    #[test]
    fn the_most_requested_first_then_the_defaults_each_once() {
        let counts =
            [(codes(&["bin"])[0].clone(), 3), (codes(&["sidewalk"])[0].clone(), 3), (codes(&["noise"])[0].clone(), 9)];
        assert_eq!(rank(&catalogue(), &counts), codes(&["noise", "sidewalk", "bin", "pothole", "garbage"]));
        let gone = [(codes(&["tax"])[0].clone(), 50), (Code::parse("retired").unwrap(), 40)];
        assert_eq!(rank(&catalogue(), &gone), codes(&["pothole", "garbage", "noise"]), "offline or gone: left out");
    }
}
