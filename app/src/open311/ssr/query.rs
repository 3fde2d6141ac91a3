//! The parameters of `GET requests` (and `servicerequestupdates`) read into a [`RequestsQuery`] that
//! cannot be wrong, or every problem at once: GeoReport's filters, with its 90-day window, and the
//! extensions big-city endpoints serve (`page`/`page_size`, `updated_after`/`updated_before`,
//! `extensions`). An empty parameter is an absent one, as the specification says.

use super::Refusal;
use crate::catalogue::{Catalogue, Code};
use crate::requests::model::Reference;
use jiff::{tz::TimeZone, SignedDuration, Timestamp};

/// GeoReport's widest window of `requested_datetime`, and its default.
pub const WINDOW_DAYS: i64 = 90;
/// GeoReport's default and most requests in one answer.
pub const MAX_PAGE_SIZE: u32 = 1000;
/// At most this many ids in `service_request_id`.
pub const MAX_IDS: usize = 1000;

#[derive(Clone, Debug, PartialEq)]
pub struct RequestsQuery {
    /// Given: these requests, whatever the other filters say.
    pub ids: Vec<Reference>,
    /// Empty: every service.
    pub services: Vec<Code>,
    /// `requested_datetime` from `from` to `to`, both included (Unix seconds).
    pub from: i64,
    pub to: i64,
    /// `Some(true)`: open ones only; `Some(false)`: closed ones only.
    pub open: Option<bool>,
    pub updated_after: Option<i64>,
    pub updated_before: Option<i64>,
    /// From 1.
    pub page: u32,
    pub page_size: u32,
    pub extensions: bool,
}

impl RequestsQuery {
    /// One request, whatever else.
    pub fn of(reference: Reference) -> RequestsQuery {
        RequestsQuery {
            ids: vec![reference],
            services: Vec::new(),
            from: 0,
            to: 0,
            open: None,
            updated_after: None,
            updated_before: None,
            page: 1,
            page_size: 1,
            extensions: false,
        }
    }
}

/// `params` as they came; `now` for the default window; the city's zone for dates without an offset.
pub fn requests_query(
    params: &[(String, String)],
    catalogue: &Catalogue,
    zone: &TimeZone,
    now: Timestamp,
) -> Result<RequestsQuery, Vec<Refusal>> {
    let mut refused = Vec::new();
    let given = |name: &str| param(params, name);
    let (from, to) = window(params, zone, now, &mut refused);
    let updated_after = moment_param(params, "updated_after", zone, &mut refused);
    let updated_before = moment_param(params, "updated_before", zone, &mut refused);

    let ids = list(given("service_request_id"), Reference::parse, "service_request_id", &mut refused);
    if ids.len() > MAX_IDS {
        refused.push(Refusal::bad("service_request_id", "open311-error-too-many", &MAX_IDS.to_string()));
    }
    let services = list(
        given("service_code"),
        |code| Code::parse(code).filter(|c| catalogue.service(c).is_some()),
        "service_code",
        &mut refused,
    );
    let statuses = list(
        given("status"),
        |status| match status.to_ascii_lowercase().as_str() {
            "open" => Some(true),
            "closed" => Some(false),
            _ => None,
        },
        "status",
        &mut refused,
    );
    let open = match (statuses.contains(&true), statuses.contains(&false)) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    };

    let mut number = |name: &'static str, default: u32, most: u32| match given(name) {
        None => default,
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=most).contains(&n) => n,
            _ => {
                refused.push(Refusal::bad(name, "open311-error-number", &format!("1–{most}")));
                default
            }
        },
    };
    let page = number("page", 1, u32::MAX / MAX_PAGE_SIZE);
    let page_size = number("page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    let extensions = match given("extensions") {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            refused.push(Refusal::bad("extensions", "open311-error-boolean", other));
            false
        }
    };
    match refused.is_empty() {
        true => Ok(RequestsQuery {
            ids,
            services,
            from,
            to,
            open,
            updated_after,
            updated_before,
            page,
            page_size,
            extensions,
        }),
        false => Err(refused),
    }
}

/// A parameter's value: the last one given, an empty one being an absent one.
pub fn param<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params.iter().rev().find(|(n, v)| n == name && !v.trim().is_empty()).map(|(_, v)| v.trim())
}

/// `start_date` to `end_date` (Unix seconds, both included): at most 90 days; one end given, the 90 days
/// from it; neither, the last 90 days before `now`. Shared by `requests` and `servicerequestupdates`.
pub fn window(params: &[(String, String)], zone: &TimeZone, now: Timestamp, refused: &mut Vec<Refusal>) -> (i64, i64) {
    let start = moment_param(params, "start_date", zone, refused);
    let end = moment_param(params, "end_date", zone, refused);
    let window = SignedDuration::from_hours(24 * WINDOW_DAYS).as_secs();
    let (from, to) = match (start, end) {
        (Some(start), Some(end)) => (start, end),
        (Some(start), None) => (start, start + window),
        (None, Some(end)) => (end - window, end),
        (None, None) => (now.as_second() - window, now.as_second()),
    };
    if from > to {
        let end = param(params, "end_date").unwrap_or_default();
        refused.push(Refusal::bad("end_date", "open311-error-end-before-start", end));
    } else if to - from > window {
        refused.push(Refusal::bad("end_date", "open311-error-window", &WINDOW_DAYS.to_string()));
    }
    (from, to)
}

/// A datetime parameter ([`moment`]), or a refusal when it is given and is not one.
fn moment_param(
    params: &[(String, String)],
    name: &'static str,
    zone: &TimeZone,
    refused: &mut Vec<Refusal>,
) -> Option<i64> {
    let text = param(params, name)?;
    let at = moment(text, zone);
    if at.is_none() {
        refused.push(Refusal::bad(name, "open311-error-datetime", text));
    }
    at
}

/// A comma-separated list, each item read by `read`; one refusal per item it cannot read.
fn list<T>(
    text: Option<&str>,
    read: impl Fn(&str) -> Option<T>,
    name: &'static str,
    refused: &mut Vec<Refusal>,
) -> Vec<T> {
    let items = text.map(|text| text.split(',').map(str::trim).filter(|item| !item.is_empty()));
    let mut read_items = Vec::new();
    for item in items.into_iter().flatten() {
        match read(item) {
            Some(value) => read_items.push(value),
            None => refused.push(Refusal::bad(name, "open311-error-unknown", item)),
        }
    }
    read_items
}

/// A W3C datetime (`2026-12-01T08:30:00-05:00`, `…Z`, or no offset: the city's time), or a day
/// (`2026-12-01`: its start, in the city); as Unix seconds.
pub fn moment(text: &str, zone: &TimeZone) -> Option<i64> {
    if let Ok(at) = text.parse::<Timestamp>() {
        return Some(at.as_second());
    }
    if let Ok(local) = text.parse::<jiff::civil::DateTime>() {
        return local.to_zoned(zone.clone()).ok().map(|at| at.timestamp().as_second());
    }
    let day = text.parse::<jiff::civil::Date>().ok()?;
    day.to_zoned(zone.clone()).ok().map(|at| at.timestamp().as_second())
}

/// A moment as W3C's datetime with the city's offset: `2026-12-01T08:30:00-05:00`.
pub fn w3c(seconds: i64, zone: &TimeZone) -> String {
    let at = Timestamp::from_second(seconds).unwrap_or(Timestamp::UNIX_EPOCH);
    at.to_zoned(zone.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::model::tests::{category, service};

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    fn zone() -> TimeZone {
        TimeZone::get("America/Toronto").unwrap()
    }

    fn now() -> Timestamp {
        "2026-12-01T17:00:00Z".parse().unwrap()
    }

    fn query(pairs: &[(&str, &str)]) -> Result<RequestsQuery, Vec<String>> {
        let catalogue = Catalogue::new(vec![category("roads")], vec![service("pothole", "roads")]).unwrap();
        requests_query(&params(pairs), &catalogue, &zone(), now())
            .map_err(|r| r.into_iter().map(|r| r.parameter).collect())
    }

    #[test]
    fn nothing_given_is_the_last_90_days_1000_at_a_time() {
        let q = query(&[("jurisdiction_id", "greatersudbury.ca"), ("status", "")]).unwrap();
        assert_eq!(q.to, now().as_second());
        assert_eq!(q.to - q.from, 90 * 86_400);
        assert_eq!((q.page, q.page_size, q.open, q.extensions), (1, 1000, None, false));
        assert!(q.ids.is_empty() && q.services.is_empty());
    }

    #[test]
    fn each_filter_is_read() {
        let q = query(&[
            ("service_request_id", "2026-000001, 2026-000002"),
            ("service_code", "pothole"),
            ("start_date", "2026-11-01T00:00:00-04:00"),
            ("end_date", "2026-11-30"),
            ("status", "open"),
            ("updated_after", "2026-11-15T12:00:00Z"),
            ("page", "3"),
            ("page_size", "50"),
            ("extensions", "true"),
        ])
        .unwrap();
        assert_eq!(q.ids.len(), 2);
        assert_eq!(q.services[0].as_str(), "pothole");
        assert_eq!(q.from, "2026-11-01T04:00:00Z".parse::<Timestamp>().unwrap().as_second());
        // A day without a time is its start in Sudbury (EST, -05:00).
        assert_eq!(q.to, "2026-11-30T05:00:00Z".parse::<Timestamp>().unwrap().as_second());
        assert_eq!((q.open, q.page, q.page_size, q.extensions), (Some(true), 3, 50, true));
        assert_eq!(q.updated_after, Some("2026-11-15T12:00:00Z".parse::<Timestamp>().unwrap().as_second()));
        assert_eq!(query(&[("status", "open,closed")]).unwrap().open, None);
        // One end given: 90 days from it.
        let q = query(&[("start_date", "2026-01-01T00:00:00Z")]).unwrap();
        assert_eq!(q.to - q.from, 90 * 86_400);
    }

    #[test]
    fn every_bad_parameter_is_named_at_once() {
        let refused = query(&[
            ("service_request_id", "42"),
            ("service_code", "pothole,unicorns"),
            ("start_date", "yesterday"),
            ("status", "pending"),
            ("page_size", "5000"),
            ("extensions", "yes"),
        ])
        .unwrap_err();
        assert_eq!(refused, ["start_date", "service_request_id", "service_code", "status", "page_size", "extensions"]);
        assert_eq!(query(&[("start_date", "2026-01-01"), ("end_date", "2026-06-01")]).unwrap_err(), ["end_date"]);
        assert_eq!(query(&[("start_date", "2026-06-01"), ("end_date", "2026-01-01")]).unwrap_err(), ["end_date"]);
        assert_eq!(query(&[("page", "0")]).unwrap_err(), ["page"]);
    }

    #[test]
    fn datetimes_are_written_with_the_citys_offset() {
        let winter = "2026-12-01T17:00:00Z".parse::<Timestamp>().unwrap().as_second();
        assert_eq!(w3c(winter, &zone()), "2026-12-01T12:00:00-05:00");
        let summer = "2026-07-01T17:00:00Z".parse::<Timestamp>().unwrap().as_second();
        assert_eq!(w3c(summer, &zone()), "2026-07-01T13:00:00-04:00");
        assert_eq!(moment("2026-07-01T13:00:00-04:00", &zone()), Some(summer));
        assert_eq!(moment("2026-07-01T13:00", &zone()), Some(summer));
        assert_eq!(moment("July 1st", &zone()), None);
    }
}
