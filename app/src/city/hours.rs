use crate::i18n::{Arg, I18n};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Opening hours that repeat every week, such as "mon-fri 07:30-18:00".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHours {
    pub first_day: Weekday,
    pub last_day: Weekday,
    pub opens: Minutes,
    pub closes: Minutes,
}

/// A day of the week; it travels as its short name (`"mon"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

crate::codes::serde_as_code!(Weekday, Weekday::name, Weekday::parse);

/// Minutes after midnight, below 24 h.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Minutes(u16);

#[derive(Debug, PartialEq, Eq)]
pub struct HoursError(String);

impl fmt::Display for HoursError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (expected e.g. \"mon-fri 07:30-18:00\")", self.0)
    }
}

impl Weekday {
    const NAMES: [(&'static str, Weekday); 7] = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];

    /// Monday first, as ISO 8601 numbers the days.
    pub const NAMES_BY_INDEX: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    pub fn parse(name: &str) -> Option<Weekday> {
        Self::NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, day)| *day)
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[usize::from(self.index())].0
    }

    /// Monday is 0, as in ISO 8601.
    pub fn index(self) -> u8 {
        self as u8
    }

    fn message_key(self) -> &'static str {
        match self {
            Weekday::Mon => "weekday-mon",
            Weekday::Tue => "weekday-tue",
            Weekday::Wed => "weekday-wed",
            Weekday::Thu => "weekday-thu",
            Weekday::Fri => "weekday-fri",
            Weekday::Sat => "weekday-sat",
            Weekday::Sun => "weekday-sun",
        }
    }
}

impl Minutes {
    pub fn parse(hh_mm: &str) -> Option<Minutes> {
        let (h, m) = hh_mm.split_once(':')?;
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60 && hh_mm.len() == 5).then_some(Minutes(h * 60 + m))
    }
}

impl WeeklyHours {
    pub fn parse(text: &str) -> Result<WeeklyHours, HoursError> {
        let error = || HoursError(format!("\"{text}\" is not weekly hours"));
        let (days, times) = text.trim().split_once(' ').ok_or_else(error)?;
        let (first, last) = days.split_once('-').unwrap_or((days, days));
        let (opens, closes) = times.trim().split_once('-').ok_or_else(error)?;
        let hours = WeeklyHours {
            first_day: Weekday::parse(first).ok_or_else(error)?,
            last_day: Weekday::parse(last).ok_or_else(error)?,
            opens: Minutes::parse(opens).ok_or_else(error)?,
            // "24:00": until midnight, for a service that answers round the clock.
            closes: match closes {
                "24:00" => Minutes(24 * 60),
                closes => Minutes::parse(closes).ok_or_else(error)?,
            },
        };
        if hours.first_day > hours.last_day || hours.opens >= hours.closes {
            return Err(HoursError(format!("\"{text}\" ends before it starts")));
        }
        Ok(hours)
    }

    /// Whether these hours include `day` at `time` (the caller checks holidays).
    pub fn includes(&self, day: Weekday, time: Minutes) -> bool {
        (self.first_day..=self.last_day).contains(&day) && (self.opens..self.closes).contains(&time)
    }

    /// "Monday to Friday, 7:30 a.m. to 6 p.m." / "Du lundi au vendredi, de 7 h 30 à 18 h".
    pub fn describe(&self, i18n: I18n) -> String {
        let time = |minutes: Minutes| -> Arg {
            // Closing at 24:00 is « 24 h » in French and 12 a.m. in English, never « 0 h ».
            let (hour, minute) = (minutes.0 / 60, minutes.0 % 60);
            i18n.t_args(
                if minute == 0 { "time-hour" } else { "time-hour-minute" },
                &[
                    ("hour24", hour.into()),
                    ("hour12", (if hour % 12 == 0 { 12 } else { hour % 12 }).into()),
                    ("minute", format!("{minute:02}").into()),
                    ("pm", (if (12..24).contains(&hour) { "pm" } else { "am" }).into()),
                ],
            )
            .into()
        };
        let days = [
            ("first", i18n.t(self.first_day.message_key()).into()),
            ("last", i18n.t(self.last_day.message_key()).into()),
        ];
        // Open all day: « 24 heures sur 24 », not « de 0 h à 24 h ».
        if self.opens.0 == 0 && self.closes.0 == 24 * 60 {
            return i18n.t_args("weekly-hours-all-day", &days);
        }
        let [first, last] = days;
        i18n.t_args("weekly-hours", &[first, last, ("opens", time(self.opens)), ("closes", time(self.closes))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_form() {
        let hours = WeeklyHours::parse("mon-fri 07:30-18:00").unwrap();
        assert_eq!((hours.first_day, hours.last_day), (Weekday::Mon, Weekday::Fri));
        assert!(hours.includes(Weekday::Fri, Minutes::parse("07:30").unwrap()));
        assert!(!hours.includes(Weekday::Fri, Minutes::parse("18:00").unwrap()));
        assert!(!hours.includes(Weekday::Sat, Minutes::parse("12:00").unwrap()));
        assert_eq!(WeeklyHours::parse("sat 09:00-12:00").unwrap().last_day, Weekday::Sat);
        let always = WeeklyHours::parse("mon-sun 00:00-24:00").unwrap();
        assert!(always.includes(Weekday::Sun, Minutes::parse("23:59").unwrap()));
    }

    #[test]
    fn refuses_what_is_not_hours() {
        for bad in [
            "",
            "mon-fri",
            "mon-fri 7:30-18:00",
            "fri-mon 07:30-18:00",
            "mon-fri 18:00-07:30",
            "lun-ven 07:30-18:00",
            "mon-fri 24:00-25:00",
        ] {
            assert!(WeeklyHours::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}
