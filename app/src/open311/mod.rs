//! Open311 GeoReport v2: the city's services and requests open to apps, partners and open data
//! (`ssr/`, the API under `/open311/v2`), and the page that documents it for developers (`page.rs`,
//! `/open311`).

#[cfg(feature = "ssr")]
pub mod ssr;

mod page;
pub use page::Open311Page;
