//! Server side of agent intake: the store interface (find-the-caller, profiles agents make, the contacts
//! log), the forms parsed at the edge (`forms`), and what each server function does (`flows`).

pub mod flows;
pub mod forms;

use super::model::{ChannelCount, Outcome};
use crate::accounts::model::{Email, Mobile};
use crate::accounts::ssr::{forms::Details, Account, AccountId};
use crate::catalogue::Code;
use crate::i18n::Lang;
use crate::requests::model::ContactChannel;

/// What find-the-caller looks for, decided from what the agent typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerSearch {
    /// A whole phone number, however it was typed.
    Mobile(Mobile),
    /// The beginning of an e-mail address (anything with an @).
    Email(String),
    /// Words that begin words of the name, in any order, accents or not: "trem mar" finds Marie Tremblay.
    Name(Vec<String>),
}

impl CallerSearch {
    /// `None` when there is nothing to look for (blank, or punctuation only).
    pub fn parse(text: &str) -> Option<CallerSearch> {
        let text: String = text.trim().chars().take(100).collect();
        if let Some(mobile) = Mobile::parse(&text) {
            return Some(CallerSearch::Mobile(mobile));
        }
        if text.contains('@') {
            return Some(CallerSearch::Email(text.to_lowercase()));
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .take(5)
            .map(str::to_string)
            .collect();
        (!words.is_empty()).then_some(CallerSearch::Name(words))
    }
}

/// A profile an agent makes for a caller (or an Open311 client for a reporter): no password; its resident
/// may claim it later by registering with its e-mail address (the e-mailed link proves it is theirs).
#[derive(Clone, Debug)]
pub struct NewProfile {
    pub email: Option<Email>,
    pub details: Details,
    pub made_by: MadeBy,
}

/// Who made a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MadeBy {
    /// An agent, serving a caller on a channel.
    Agent(AccountId, ContactChannel),
    /// An Open311 client, with its key (the key's id), for the reporter it names.
    Client(i64),
}

/// What creating a profile did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    New(AccountId),
    /// An open account already has this e-mail address or phone number: that one, unchanged.
    Existing(AccountId),
}

/// What giving an e-mail address to a profile without a password did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linked {
    /// The profile has the address now: its resident can claim it by registering with it.
    Added,
    /// The address is a resident's account: the profile's requests, follows and contacts are that
    /// account's now, and the profile is closed.
    Merged(AccountId),
    /// The profile has a password (its resident changes their own address), is closed or is staff's, or
    /// the address is a staff member's.
    Refused,
}

/// A contact that was not a request: counted, with no personal data needed.
#[derive(Clone, Debug)]
pub struct Inquiry {
    pub channel: ContactChannel,
    pub lang: Lang,
    pub agent: AccountId,
    pub caller: Option<AccountId>,
    /// A service or topic of the catalogue; `None` for "other".
    pub topic: Option<Code>,
    pub outcome: Outcome,
    pub note: String,
}

/// Where intake's data is kept. Implemented per database in `server/src/store/`.
#[async_trait::async_trait]
pub trait IntakeStore: Send + Sync {
    /// Open residents' accounts matching `search` (not staff), by name, at most `limit`.
    async fn find_callers(&self, search: &CallerSearch, limit: u32) -> anyhow::Result<Vec<Account>>;
    /// Makes the profile, unless an open account has its e-mail address or phone number (one transaction:
    /// two agents making the same caller at once get one profile).
    async fn create_profile(&self, profile: &NewProfile, now: i64) -> anyhow::Result<Created>;
    /// Gives `email` to a profile without a password, or, when a resident's account has it, joins the
    /// profile to that account (one transaction).
    async fn link_email(&self, profile: AccountId, email: &Email, now: i64) -> anyhow::Result<Linked>;
    async fn log_inquiry(&self, inquiry: &Inquiry, now: i64) -> anyhow::Result<()>;
    /// Contacts logged since `since`, by channel (channels with none are left out).
    async fn counts_since(&self, since: i64) -> anyhow::Result<Vec<ChannelCount>>;
    /// The contacts an account is part of (the personal-data download): when, channel, kind, the
    /// request's reference or the inquiry's note.
    async fn contacts_of(&self, account: AccountId) -> anyhow::Result<Vec<LoggedContact>>;
}

/// A line of the contacts log, as a resident's data download shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoggedContact {
    pub at: i64,
    pub channel: ContactChannel,
    /// "request" or "inquiry".
    pub kind: String,
    pub reference: Option<String>,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_agent_typed_decides_what_is_looked_for() {
        assert_eq!(
            CallerSearch::parse(" (705) 555-0100 "),
            Some(CallerSearch::Mobile(Mobile::parse("7055550100").unwrap()))
        );
        assert_eq!(CallerSearch::parse("Marie@Example"), Some(CallerSearch::Email("marie@example".into())));
        assert_eq!(
            CallerSearch::parse("Côté, Marie-Ève"),
            Some(CallerSearch::Name(vec!["Côté".into(), "Marie".into(), "Ève".into()]))
        );
        assert_eq!(CallerSearch::parse(" -- "), None);
        assert_eq!(CallerSearch::parse(""), None);
    }
}
