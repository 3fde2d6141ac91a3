//! Server side of the city profile: its time zone and statutory holidays, and whether agents are at work.

use super::{CityContext, CityProfile, ContactStatus, Minutes, PrivacyOfficer, Weekday, WeeklyHours};
use crate::i18n::{Arg, Lang, Text};
use jiff::{civil::Date, tz::TimeZone, Timestamp, ToSpan, Zoned};
use std::fmt;

/// The city as the server knows it: the profile pages show, plus what decides working time.
#[derive(Clone, Debug)]
pub struct City {
    pub profile: CityProfile,
    pub privacy_officer: PrivacyOfficer,
    pub time_zone: TimeZone,
    pub holidays: Vec<Holiday>,
    /// The teams staff assign requests to (roads, water...), as the city organises its work.
    pub teams: Vec<Team>,
    /// Parks, arenas, trails: places a request can be at that have no civic address.
    pub places: Vec<crate::addresses::ssr::Landmark>,
    /// The city limits a map point must be inside; without them, near an address point.
    pub limits: Option<crate::addresses::ssr::Boundary>,
    /// The map for pinning a place; none when the profile names no tile server.
    pub map: Option<crate::addresses::map::MapSettings>,
}

/// A team requests are assigned to; `code` is what is stored.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Team {
    pub code: String,
    pub name: Text,
}

/// A day the city's 311 agents do not work, e.g. Victoria Day: `mon before 05-25`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub name: Text,
    pub rule: HolidayRule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidayRule {
    /// `07-01`: a fixed date; on a weekend it is observed the next working day, as Ontario employers do.
    Fixed { month: i8, day: i8 },
    /// `3 mon 02`: the third Monday of February.
    NthWeekday { n: i8, weekday: Weekday, month: i8 },
    /// `mon before 05-25`: the last Monday before May 25.
    WeekdayBefore { weekday: Weekday, month: i8, day: i8 },
    /// `easter -2`: Good Friday.
    Easter { offset_days: i8 },
}

#[derive(Debug, PartialEq, Eq)]
pub struct HolidayRuleError(String);

impl fmt::Display for HolidayRuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a holiday rule (expected \"MM-DD\", \"N WEEKDAY MM\", \"WEEKDAY before MM-DD\" or \"easter ±N\")",
            self.0
        )
    }
}

impl HolidayRule {
    pub fn parse(text: &str) -> Result<HolidayRule, HolidayRuleError> {
        let error = || HolidayRuleError(text.to_string());
        let month_day = |s: &str| -> Option<(i8, i8)> {
            let (m, d) = s.split_once('-')?;
            let (m, d) = (m.parse().ok()?, d.parse().ok()?);
            Date::new(2024, m, d).ok().map(|_| (m, d))
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        let rule = match words.as_slice() {
            [date] => month_day(date).map(|(month, day)| HolidayRule::Fixed { month, day }),
            ["easter", offset] => offset.parse().ok().map(|offset_days| HolidayRule::Easter { offset_days }),
            [weekday, "before", date] => Weekday::parse(weekday)
                .zip(month_day(date))
                .map(|(weekday, (month, day))| HolidayRule::WeekdayBefore { weekday, month, day }),
            [n, weekday, month] => {
                let n = n.parse().ok().filter(|n| (1..=5).contains(n));
                let month = month.parse().ok().filter(|m| (1..=12).contains(m));
                n.zip(Weekday::parse(weekday)).zip(month).map(|((n, weekday), month)| HolidayRule::NthWeekday {
                    n,
                    weekday,
                    month,
                })
            }
            _ => None,
        };
        rule.ok_or_else(error)
    }

    /// The day the holiday is observed in `year`.
    pub fn observed_in(&self, year: i16) -> Option<Date> {
        match *self {
            HolidayRule::Fixed { month, day } => {
                let date = Date::new(year, month, day).ok()?;
                let shift = match date.weekday() {
                    jiff::civil::Weekday::Saturday => 2,
                    jiff::civil::Weekday::Sunday => 1,
                    _ => 0,
                };
                date.checked_add(shift.days()).ok()
            }
            HolidayRule::NthWeekday { n, weekday, month } => {
                Date::new(year, month, 1).ok()?.nth_weekday_of_month(n, to_jiff(weekday)).ok()
            }
            HolidayRule::WeekdayBefore { weekday, month, day } => {
                Date::new(year, month, day).ok()?.nth_weekday(-1, to_jiff(weekday)).ok()
            }
            HolidayRule::Easter { offset_days } => easter(year)?.checked_add(i64::from(offset_days).days()).ok(),
        }
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn to_jiff(day: Weekday) -> jiff::civil::Weekday {
    jiff::civil::Weekday::from_monday_zero_offset(day.index() as i8).expect("0..=6")
}

impl City {
    /// A message for e-mails and text messages, which may name the city and its 311 contacts:
    /// `$city`, `$phone`, `$long_distance`, `$email`.
    pub fn message(&self, lang: Lang, key: &str, extra: &[(&str, Arg)]) -> String {
        let profile = &self.profile;
        let mut args: Vec<(&str, Arg)> = vec![
            ("city", profile.name.get(lang).to_string().into()),
            ("phone", profile.phone_local.written(lang).into()),
            ("long_distance", profile.phone_long_distance.written(lang).into()),
            ("email", profile.email.clone().into()),
        ];
        args.extend_from_slice(extra);
        crate::i18n::message(lang, key, &args)
    }

    /// The day `moment` falls on in the city: the date its residents and reference numbers go by.
    pub fn date_of(&self, moment: Timestamp) -> Date {
        moment.to_zoned(self.time_zone.clone()).date()
    }

    /// The day of a moment (Unix seconds) in the city, as pages show it: "2026-11-28".
    pub fn day_of(&self, seconds: i64) -> String {
        Timestamp::from_second(seconds).map(|t| self.date_of(t).to_string()).unwrap_or_default()
    }

    /// The time of a moment (Unix seconds) as the city reads it: "2026-11-28 14:05".
    pub fn time_of(&self, seconds: i64) -> String {
        Timestamp::from_second(seconds)
            .map(|t| t.to_zoned(self.time_zone.clone()).strftime("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    }

    /// Midnight today in the city, as Unix seconds: where "today's" figures start.
    pub fn start_of_today(&self) -> i64 {
        let today = self.date_of(Timestamp::now());
        today.to_zoned(self.time_zone.clone()).map_or(0, |midnight| midnight.timestamp().as_second())
    }

    pub fn team(&self, code: &str) -> Option<&Team> {
        self.teams.iter().find(|team| team.code == code)
    }

    pub fn is_holiday(&self, date: Date) -> bool {
        self.holidays.iter().any(|holiday| holiday.rule.observed_in(date.year()) == Some(date))
    }

    /// A day the city works: not a weekend, not a statutory holiday.
    pub fn is_working_day(&self, date: Date) -> bool {
        let weekend = matches!(date.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday);
        !weekend && !self.is_holiday(date)
    }

    /// The `days`-th working day after `date`: when a request made on `date` with a service level of
    /// `days` working days is expected to be done.
    pub fn working_days_after(&self, date: Date, days: u16) -> Date {
        let mut day = date;
        let mut left = days;
        while left > 0 {
            day = day.tomorrow().expect("a date before the year 9999");
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Whether phone agents are at work at `now`, in the city's time zone.
    pub fn agents_available_at(&self, now: Timestamp) -> bool {
        self.within(self.profile.phone_hours, now)
    }

    /// Whether `now` is within the chat's hours (which a city may set apart from the phone's).
    pub fn chat_hours_at(&self, now: Timestamp) -> bool {
        self.within(self.profile.chat_hours, now)
    }

    fn within(&self, hours: WeeklyHours, now: Timestamp) -> bool {
        let local: Zoned = now.to_zoned(self.time_zone.clone());
        let weekday = Weekday::NAMES_BY_INDEX[local.weekday().to_monday_zero_offset() as usize];
        let time = Minutes::parse(&local.strftime("%H:%M").to_string()).expect("strftime gives HH:MM");
        !self.is_holiday(local.date()) && hours.includes(weekday, time)
    }

    /// The city's page data at `now`; `chat_open`: the chat desk has an agent with room (`chat::ssr`).
    pub fn context_at(&self, now: Timestamp, chat_open: bool) -> CityContext {
        CityContext {
            profile: self.profile.clone(),
            status: ContactStatus { agents_available: self.agents_available_at(now), chat_open },
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::city::PhoneNumber;

    /// Greater Sudbury's contacts, hours and Ontario's holidays, for tests of anything that uses a city.
    pub(crate) fn ontario() -> City {
        let rules = [
            "01-01",
            "3 mon 02",
            "easter -2",
            "mon before 05-25",
            "07-01",
            "1 mon 08",
            "1 mon 09",
            "2 mon 10",
            "12-25",
            "12-26",
        ];
        let hours = WeeklyHours::parse("mon-fri 07:30-18:00").unwrap();
        City {
            profile: CityProfile {
                name: Text { fr: "Ville du Grand Sudbury".into(), en: "City of Greater Sudbury".into() },
                phone_local: PhoneNumber::parse("311").unwrap(),
                phone_long_distance: PhoneNumber::parse("705-671-2489").unwrap(),
                email: "311@grandsudbury.ca".into(),
                chat_hours: hours,
                phone_hours: hours,
            },
            privacy_officer: crate::city::PrivacyOfficer {
                title: Text::default(),
                address: Text::default(),
                phone: PhoneNumber::parse("311").unwrap(),
                email: String::new(),
            },
            time_zone: TimeZone::get("America/Toronto").unwrap(),
            holidays: rules
                .iter()
                .map(|rule| Holiday { name: Text::default(), rule: HolidayRule::parse(rule).unwrap() })
                .collect(),
            teams: vec![Team { code: "roads".into(), name: Text { fr: "Voirie".into(), en: "Roads".into() } }],
            places: vec![],
            limits: None,
            map: None,
        }
    }

    fn at(civil: &str) -> Timestamp {
        format!("{civil}[America/Toronto]").parse::<Zoned>().unwrap().timestamp()
    }

    #[test]
    fn ontario_holidays_of_2026() {
        let city = ontario();
        for date in [
            "2026-01-01",
            "2026-02-16",
            "2026-04-03",
            "2026-05-18",
            "2026-07-01",
            "2026-08-03",
            "2026-09-07",
            "2026-10-12",
            "2026-12-25",
            "2026-12-28",
        ] {
            assert!(city.is_holiday(date.parse().unwrap()), "{date} should be a holiday");
        }
        // Boxing Day 2026 is a Saturday: observed Monday the 28th, not the Saturday itself.
        assert!(!city.is_holiday("2026-12-26".parse().unwrap()));
        assert!(!city.is_holiday("2026-05-25".parse().unwrap()));
    }

    #[test]
    fn agents_work_weekdays_in_toronto_time() {
        let city = ontario();
        assert!(city.agents_available_at(at("2026-11-27T07:30")));
        assert!(!city.agents_available_at(at("2026-11-27T18:00")));
        assert!(!city.agents_available_at(at("2026-11-28T10:00")), "Saturday");
        assert!(!city.agents_available_at(at("2026-10-12T10:00")), "Thanksgiving");
        // 12:00 UTC is 7:00 in Toronto in winter: not yet open.
        assert!(!city.agents_available_at("2026-11-27T12:00:00Z".parse().unwrap()));
    }

    #[test]
    fn service_levels_count_working_days_only() {
        let city = ontario();
        let day = |s: &str| s.parse::<Date>().unwrap();
        // Friday + 1 working day: Monday.
        assert_eq!(city.working_days_after(day("2026-11-27"), 1), day("2026-11-30"));
        // Christmas Eve (Thursday) + 2: Christmas and Boxing Day (observed Monday 28th) skipped.
        assert_eq!(city.working_days_after(day("2026-12-24"), 2), day("2026-12-30"));
        // Over Easter: Good Friday is a holiday (Easter Monday is not, in Ontario).
        assert_eq!(city.working_days_after(day("2026-04-02"), 1), day("2026-04-06"));
        assert_eq!(city.working_days_after(day("2026-11-28"), 0), day("2026-11-28"));
        assert_eq!(city.working_days_after(day("2026-11-23"), 5), day("2026-11-30"));
    }

    #[test]
    fn refuses_what_is_not_a_rule() {
        for bad in ["", "13-01", "02-30", "6 mon 02", "mon before", "easter", "easter x", "christmas"] {
            assert!(HolidayRule::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}
