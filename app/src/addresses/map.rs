//! The map for putting a pin where a request is: web-Mercator tiles from the tile server the city profile
//! names, laid around the map's centre, which is where the pin is. The pin stays in the middle and the
//! map moves under it (by buttons, arrow keys or a click): every step can be made with a keyboard, and
//! without JavaScript each button is a link to the page with the map moved.

use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// The tile server and where the map opens, from the city profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapSettings {
    /// Tile addresses with `{z}`, `{x}` and `{y}`: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".
    pub tiles: String,
    /// Whose map it is, shown on it (the tiles' licence asks for it).
    pub attribution: Text,
    pub centre: MapView,
}

impl MapSettings {
    /// The tile server's origin ("https://tile.openstreetmap.org"), which the pages' security policy
    /// lets images come from.
    pub fn origin(&self) -> &str {
        let after_scheme = self.tiles.find("://").map_or(0, |at| at + 3);
        let end = self.tiles[after_scheme..].find('/').map_or(self.tiles.len(), |at| after_scheme + at);
        &self.tiles[..end]
    }
}

/// Tiles are 256 pixels square.
pub const TILE: f64 = 256.0;
/// From a whole city (12) to a house (19).
pub const ZOOMS: std::ops::RangeInclusive<u8> = 12..=19;
/// The size, in pixels, of the area the tiles cover around the centre: wider than a phone, as wide as
/// the page's column on a desktop.
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 320.0;

/// Where the map is centred and how close.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub latitude: f64,
    pub longitude: f64,
    pub zoom: u8,
}

/// One tile and where its top-left corner is, in pixels from the map's centre.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub src: String,
    pub left: i32,
    pub top: i32,
}

impl MapView {
    /// From the `map` parameter of the page's address: "46.49062,-80.99282,16".
    pub fn parse(text: &str) -> Option<MapView> {
        let mut parts = text.split(',');
        let (latitude, longitude, zoom) = (parts.next()?, parts.next()?, parts.next()?);
        let (latitude, longitude, zoom): (f64, f64, u8) =
            (latitude.trim().parse().ok()?, longitude.trim().parse().ok()?, zoom.trim().parse().ok()?);
        let valid = (-85.0..=85.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude);
        (valid && ZOOMS.contains(&zoom) && parts.next().is_none()).then_some(MapView { latitude, longitude, zoom })
    }

    /// For the page's address, to about a metre.
    pub fn param(&self) -> String {
        format!("{:.5},{:.5},{}", self.latitude, self.longitude, self.zoom)
    }

    /// The centre in world pixels at this zoom (web Mercator).
    fn pixels(&self) -> (f64, f64) {
        let size = TILE * f64::from(1u32 << self.zoom);
        let x = (self.longitude + 180.0) / 360.0 * size;
        let sin = self.latitude.to_radians().sin();
        let y = (0.5 - ((1.0 + sin) / (1.0 - sin)).ln() / (4.0 * std::f64::consts::PI)) * size;
        (x, y)
    }

    fn at_pixels(x: f64, y: f64, zoom: u8) -> MapView {
        let size = TILE * f64::from(1u32 << zoom);
        let longitude = x / size * 360.0 - 180.0;
        let n = std::f64::consts::PI * (1.0 - 2.0 * y / size);
        let latitude = n.sinh().atan().to_degrees();
        MapView { latitude: latitude.clamp(-85.0, 85.0), longitude: longitude.clamp(-180.0, 180.0), zoom }
    }

    /// The map moved so that the point `dx`, `dy` pixels from the centre is the new centre.
    pub fn moved(&self, dx: f64, dy: f64) -> MapView {
        let (x, y) = self.pixels();
        MapView::at_pixels(x + dx, y + dy, self.zoom)
    }

    /// Closer (`+1`) or farther (`-1`), within [`ZOOMS`], about the same centre.
    pub fn zoomed(&self, by: i8) -> MapView {
        let zoom = self.zoom.saturating_add_signed(by).clamp(*ZOOMS.start(), *ZOOMS.end());
        MapView { zoom, ..*self }
    }

    /// The tiles that cover [`WIDTH`] × [`HEIGHT`] pixels around the centre, from `template`.
    pub fn tiles(&self, template: &str) -> Vec<Tile> {
        let (x, y) = self.pixels();
        let count = 1i64 << self.zoom;
        let first = |centre: f64, half: f64| ((centre - half) / TILE).floor() as i64;
        let last = |centre: f64, half: f64| ((centre + half) / TILE).floor() as i64;
        let mut tiles = Vec::new();
        for row in first(y, HEIGHT / 2.0).max(0)..=last(y, HEIGHT / 2.0).min(count - 1) {
            for column in first(x, WIDTH / 2.0)..=last(x, WIDTH / 2.0) {
                let src = template
                    .replace("{z}", &self.zoom.to_string())
                    .replace("{x}", &column.rem_euclid(count).to_string())
                    .replace("{y}", &row.to_string());
                let left = (column as f64 * TILE - x).round() as i32;
                let top = (row as f64 * TILE - y).round() as i32;
                tiles.push(Tile { src, left, top });
            }
        }
        tiles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: MapView = MapView { latitude: 46.4906, longitude: -80.9928, zoom: 16 };

    #[test]
    fn tiles_around_tom_davies_square() {
        let tiles = SQUARE.tiles("/tiles/{z}/{x}/{y}.png");
        // The tile with the square, as any slippy-map calculator gives it.
        assert!(tiles.iter().any(|t| t.src == "/tiles/16/18023/23186.png"), "{tiles:?}");
        // The tiles cover the area and no tile is wholly outside it.
        assert!(tiles.iter().all(|t| t.left < (WIDTH / 2.0) as i32 && t.left + 256 > -(WIDTH / 2.0) as i32));
        assert!(tiles.iter().any(|t| t.left <= -(WIDTH / 2.0) as i32));
        assert!(tiles.iter().any(|t| t.top <= -(HEIGHT / 2.0) as i32));
        assert!(tiles.len() <= 4 * 3, "{}", tiles.len());
    }

    #[test]
    fn moving_and_zooming_keep_the_point_under_the_centre() {
        let moved = SQUARE.moved(256.0, 0.0).moved(-256.0, 0.0);
        assert!((moved.latitude - SQUARE.latitude).abs() < 1e-9 && (moved.longitude - SQUARE.longitude).abs() < 1e-9);
        assert!(SQUARE.moved(0.0, -100.0).latitude > SQUARE.latitude, "up is north");
        assert!(SQUARE.moved(100.0, 0.0).longitude > SQUARE.longitude, "right is east");
        assert_eq!(SQUARE.zoomed(1).zoom, 17);
        assert_eq!(SQUARE.zoomed(10).zoom, 19);
        assert_eq!(MapView { zoom: 12, ..SQUARE }.zoomed(-1).zoom, 12);
    }

    #[test]
    fn the_tile_server_s_origin() {
        let settings = |tiles: &str| MapSettings {
            tiles: tiles.into(),
            attribution: crate::i18n::Text { fr: String::new(), en: String::new() },
            centre: SQUARE,
        };
        assert_eq!(
            settings("https://tile.openstreetmap.org/{z}/{x}/{y}.png").origin(),
            "https://tile.openstreetmap.org"
        );
        assert_eq!(settings("http://127.0.0.1:9/t/{z}/{x}/{y}.png").origin(), "http://127.0.0.1:9");
    }

    #[test]
    fn the_address_parameter_reads_back() {
        assert_eq!(MapView::parse(&SQUARE.param()), Some(SQUARE));
        for bad in ["", "46.49,-80.99", "46.49,-80.99,25", "95,0,14", "a,b,14", "46,-80,14,1"] {
            assert_eq!(MapView::parse(bad), None, "{bad}");
        }
    }
}
