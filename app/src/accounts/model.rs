//! What an account is made of, parsed at the boundary: a value of these types is valid by construction.
//! The browser and the server use the same parsers, so a form shows the same problem either side.

use crate::i18n::{lower_latin, Lang};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest e-mail address SMTP can carry (RFC 5321: 254 octets in a path).
const EMAIL_MAX: usize = 254;
pub const NAME_MAX: usize = 100;
/// NIST SP 800-63B: at least 8, and we ask 12 because there are no composition rules.
pub const PASSWORD_MIN: usize = 12;
/// Long enough for any passphrase, short enough that hashing it cannot be used to tire the server.
pub const PASSWORD_MAX: usize = 256;

/// An e-mail address, trimmed and lower-cased (addresses are matched without regard to case, for the
/// letters of French and English: see `lower_latin`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

crate::codes::serde_as_text!(Email, Email::as_str);

impl Email {
    pub fn parse(input: &str) -> Option<Email> {
        let email: String = input.trim().chars().map(lower_latin).collect();
        let (local, domain) = email.split_once('@')?;
        let labels_ok = domain.split('.').count() >= 2
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c));
        (email.len() <= EMAIL_MAX && labels_ok && local_ok).then_some(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For the server's log, which must not hold residents' addresses: `m***@example.ca`.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        format!("{}***@{domain}", local.chars().next().unwrap_or('*'))
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A mobile number in E.164 form (`+17055551234`). Numbers without a country code are North American.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mobile(String);

crate::codes::serde_as_text!(Mobile, Mobile::as_str);

impl Mobile {
    pub fn parse(input: &str) -> Option<Mobile> {
        let international = input.trim().starts_with('+');
        let mut digits = String::new();
        for c in input.trim().trim_start_matches('+').chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return None,
            }
        }
        let north_american = match (international, digits.len()) {
            (false, 10) => Some(digits.clone()),
            (_, 11) if digits.starts_with('1') => Some(digits[1..].to_string()),
            (true, _) if digits.starts_with('1') => return None,
            (true, 8..=15) if !digits.starts_with('0') => return Some(Mobile(format!("+{digits}"))),
            _ => return None,
        }?;
        // NANP: neither the area code nor the exchange starts with 0 or 1.
        let bytes = north_american.as_bytes();
        (bytes[0] >= b'2' && bytes[3] >= b'2').then(|| Mobile(format!("+1{north_american}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number's last four digits: what a person may be shown of a number they may not have typed.
    pub fn last_digits(&self) -> &str {
        &self.0[self.0.len().saturating_sub(4)..]
    }

    /// For the server's log, which must not hold residents' numbers: the last four digits, `+******1234`.
    pub fn masked(&self) -> String {
        let hidden = self.0.len().saturating_sub(4).saturating_sub(1);
        format!("+{}{}", "*".repeat(hidden), self.last_digits())
    }

    /// For people: `705-555-1234` for North American numbers, E.164 otherwise.
    pub fn display(&self) -> String {
        match self.0.strip_prefix("+1") {
            Some(n) if n.len() == 10 => format!("{}-{}-{}", &n[..3], &n[3..6], &n[6..]),
            _ => self.0.clone(),
        }
    }
}

/// A person's name as they write it: 1 to 100 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

crate::codes::serde_as_text!(PersonName, PersonName::as_str);

impl PersonName {
    pub fn parse(input: &str) -> Option<PersonName> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        (!name.is_empty() && name.chars().count() <= NAME_MAX && !name.chars().any(char::is_control))
            .then_some(PersonName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the set-password page shows of its link: for a first password that will ask for text messages,
/// the last four digits of the number the OUI question goes to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub texts_to: Option<String>,
}

crate::codes::coded! {
    /// How a resident wants to hear about their requests.
    #[derive(Default)]
    pub enum UpdatesBy {
        #[default]
        Email = "email",
        Sms = "sms",
        None = "none",
    }
}

crate::codes::coded! {
    /// How the portal reaches a resident now: their choice of updates once it can be honoured (texts only
    /// after their OUI), or nothing.
    pub enum Channel {
        Email = "email",
        Sms = "sms",
        Nothing = "none",
    }
}

crate::codes::coded! {
    /// Where text messages stand: they start only after the resident answers OUI, and stop at STOP.
    #[derive(Default)]
    pub enum SmsStatus {
        #[default]
        None = "none",
        Pending = "pending",
        Confirmed = "confirmed",
        Stopped = "stopped",
    }
}

crate::codes::coded! {
    /// Who someone is to the portal: a resident, or city staff (agents, supervisors, administrators).
    #[derive(Default, PartialOrd, Ord)]
    pub enum Role {
        #[default]
        Resident = "resident",
        Agent = "agent",
        Supervisor = "supervisor",
        Admin = "admin",
    }
}

impl Role {
    /// City staff: they reach the console and every request.
    pub fn is_staff(self) -> bool {
        self != Role::Resident
    }
}
/// The signed-in person, as every page sees them (header, account pages).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub name: String,
    pub role: Role,
}

/// A resident's profile as the account page shows and edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub name: PersonName,
    pub email: Email,
    pub mobile: Option<Mobile>,
    pub lang: Lang,
    pub updates_by: UpdatesBy,
    pub sms_status: SmsStatus,
}

/// A device the person is signed in on, for "Signed-in devices" on the account page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceView {
    /// "Firefox · Windows"; empty when the browser did not say.
    pub device: String,
    /// When the session began and when it was last used, as the city reads the time ("2026-11-28 14:05").
    pub signed_in_at: String,
    pub last_used_at: String,
    /// The device this page is open on.
    pub this_device: bool,
}

/// The staff's second step of signing in (`/staff/verify`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TwoFactorPage {
    /// First time: add the portal to an authenticator app, then type its first code.
    Enrol(Enrolment),
    /// A code from the app (or a recovery code).
    Verify,
    /// Proven in this session already: on to the console.
    Done,
}

/// What an authenticator app needs: the QR code, the same as a link (a phone opens the app with it) and as
/// a key to type by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The key in base32, in groups of four.
    pub key: String,
    /// `otpauth://totp/…`
    pub link: String,
    /// The QR code of the link, an SVG drawn on the server.
    pub qr_svg: String,
}

/// The second factor is proven: at enrolment, the recovery codes (shown this once); after a recovery code,
/// how many are left.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    pub recovery_codes: Vec<String>,
    pub recovery_left: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any text: no panic, and what is accepted reads back as itself (the stored form is canonical).
        #[test]
        fn fuzz_people_s_details(text in "\\PC{0,80}", near in "[a-zA-Z0-9.+_@ ()-]{0,40}") {
            for input in [&text, &near] {
                if let Some(email) = Email::parse(input) {
                    proptest::prop_assert_eq!(Email::parse(email.as_str()), Some(email.clone()));
                }
                if let Some(mobile) = Mobile::parse(input) {
                    proptest::prop_assert_eq!(Mobile::parse(mobile.as_str()), Some(mobile.clone()));
                    proptest::prop_assert_eq!(Mobile::parse(&mobile.display()), Some(mobile.clone()));
                }
                if let Some(name) = PersonName::parse(input) {
                    proptest::prop_assert_eq!(PersonName::parse(name.as_str()), Some(name.clone()));
                }
            }
        }
    }

    #[test]
    fn the_log_sees_addresses_and_numbers_masked() {
        assert_eq!(Email::parse("marie.tremblay@example.ca").unwrap().masked(), "m***@example.ca");
        assert_eq!(Email::parse("élise@exemple.québec").unwrap().masked(), "é***@exemple.québec");
        assert_eq!(Mobile::parse("705-555-0123").unwrap().masked(), "+*******0123");
        assert_eq!(Mobile::parse("+33612345678").unwrap().masked(), "+*******5678");
    }

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        assert_eq!(Email::parse("  Marie.Tremblay@Example.CA ").unwrap().as_str(), "marie.tremblay@example.ca");
        assert!(Email::parse("élise@exemple.québec").is_some());
        for bad in [
            "",
            "marie",
            "marie@",
            "@example.ca",
            "marie@example",
            "ma rie@example.ca",
            "a@b@c.ca",
            "a..b@c.ca",
            "a@-b.ca",
            "a@b..ca",
        ] {
            assert_eq!(Email::parse(bad), None, "{bad}");
        }
        assert_eq!(Email::parse(&format!("{}@example.ca", "a".repeat(65))), None);
    }

    #[test]
    fn mobiles_become_e164_with_north_america_by_default() {
        for ok in ["705-555-1234", "(705) 555-1234", "1 705 555 1234", "+1 705.555.1234", "7055551234"] {
            assert_eq!(Mobile::parse(ok).unwrap().as_str(), "+17055551234", "{ok}");
        }
        assert_eq!(Mobile::parse("+33 6 12 34 56 78").unwrap().as_str(), "+33612345678");
        assert_eq!(Mobile::parse("+17055551234").unwrap().display(), "705-555-1234");
        for bad in
            ["", "555-1234", "105-555-1234", "705-155-1234", "+1 705 555 123", "705-555-12345x", "+0123456789", "phone"]
        {
            assert_eq!(Mobile::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_collapse_spaces_and_have_a_length() {
        assert_eq!(PersonName::parse("  Marie   Tremblay ").unwrap().as_str(), "Marie Tremblay");
        assert_eq!(PersonName::parse("   "), None);
        assert_eq!(PersonName::parse(&"é".repeat(101)), None);
        assert!(PersonName::parse(&"é".repeat(100)).is_some());
    }

    #[test]
    fn codes_round_trip() {
        for u in UpdatesBy::ALL {
            assert_eq!(UpdatesBy::parse(u.code()), Some(u));
        }
        for r in [Role::Resident, Role::Agent, Role::Supervisor, Role::Admin] {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(SmsStatus::parse("confirmed"), Some(SmsStatus::Confirmed));
        assert_eq!(Role::parse("root"), None);
    }
}
