//! The corners of the city's streets, found from the address points alone (no street geometry is
//! needed): two streets meet where an address point of one is within [`CORNER_M`] of an address point of
//! the other, in the same community. The corner is between the two closest points. Address points a block
//! apart, back to back, are further than that on the city's lots.

use super::Address;
use crate::addresses::metres_between;
use std::collections::HashMap;

/// The most two corner lots' address points are apart across an intersection.
pub const CORNER_M: f64 = 60.0;

/// A street's corners: (the other street, the address point on this street, the one on the other), as
/// positions in the index.
pub type Corners = Vec<Vec<(u32, u32, u32)>>;

/// For each street (by position in `streets_of`' numbering), the streets it meets.
pub fn find(addresses: &[Address], street_of: &[u32], streets: usize) -> Corners {
    // A grid of cells CORNER_M wide: each point is compared with the points of its own and the eight
    // neighbouring cells only.
    let Some(first) = addresses.first() else { return vec![Vec::new(); streets] };
    let cell_lat = CORNER_M / 111_320.0;
    let cell_lon = cell_lat / first.latitude.to_radians().cos().max(0.1);
    let cell = |a: &Address| ((a.latitude / cell_lat).floor() as i64, (a.longitude / cell_lon).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<u32>> = HashMap::new();
    for (position, address) in addresses.iter().enumerate() {
        grid.entry(cell(address)).or_default().push(position as u32);
    }
    // The closest pair of points of each two streets that meet.
    let mut best: HashMap<(u32, u32), (f64, u32, u32)> = HashMap::new();
    for (position, address) in addresses.iter().enumerate() {
        let (row, column) = cell(address);
        let street = street_of[position];
        for neighbour in (-1..=1).flat_map(|dr| (-1..=1).map(move |dc| (row + dr, column + dc))) {
            for &other in grid.get(&neighbour).into_iter().flatten() {
                let other_street = street_of[other as usize];
                let near = &addresses[other as usize];
                if other_street <= street || near.community != address.community {
                    continue;
                }
                let metres = metres_between((address.latitude, address.longitude), (near.latitude, near.longitude));
                let pair = best.entry((street, other_street)).or_insert((f64::MAX, 0, 0));
                if metres <= CORNER_M && metres < pair.0 {
                    *pair = (metres, position as u32, other);
                }
            }
        }
    }
    let mut corners: Corners = vec![Vec::new(); streets];
    for ((one, other), (metres, at_one, at_other)) in best {
        if metres <= CORNER_M {
            corners[one as usize].push((other, at_one, at_other));
            corners[other as usize].push((one, at_other, at_one));
        }
    }
    for list in &mut corners {
        list.sort_unstable();
    }
    corners
}

/// The two streets of a corner as typed (in lower case): "brady & paris", "brady and paris",
/// « brady et paris », "brady / paris", "brady at paris"; each side needs a street.
pub fn split(typed: &str) -> Option<(&str, &str)> {
    const BETWEEN: [&str; 6] = ["&", "/", "@", " and ", " et ", " at "];
    BETWEEN.iter().find_map(|between| {
        let (one, other) = typed.split_once(between)?;
        (!one.trim().is_empty() && !other.trim().is_empty()).then(|| (one.trim(), other.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_streets_of_a_corner_as_typed() {
        assert_eq!(split("brady & paris"), Some(("brady", "paris")));
        assert_eq!(split("brady and paris st"), Some(("brady", "paris st")));
        assert_eq!(split("rue brady et rue paris"), Some(("rue brady", "rue paris")));
        assert_eq!(split("brady/paris"), Some(("brady", "paris")));
        assert_eq!(split("200 brady"), None);
        assert_eq!(split("brady &"), None);
        assert_eq!(split("andover"), None, "a street name that starts with a separator word");
    }
}
