//! What the contact page exchanges with the server: the callers find-the-caller found, with their open
//! requests, what an inquiry ended in, and the day's counts by channel.

use crate::accounts::model::UpdatesBy;
use crate::catalogue::Code;
use crate::i18n::{Lang, Text};
use crate::lifecycle::model::Status;
use crate::requests::model::{ContactChannel, Reference};
use crate::routes;
use serde::{Deserialize, Serialize};

/// Find-the-caller shows this many matches at most: type more to narrow them.
pub const MATCHES_MAX: u32 = 10;
/// An inquiry's note, in characters: a line for the counts, not a case file.
pub const NOTE_MAX: usize = 500;

crate::codes::coded! {
    /// How an inquiry that is not a request ended.
    pub enum Outcome in "intake-outcome" {
        /// The agent answered it.
        Resolved = "resolved",
        /// Sent on to another department or level of government.
        Referred = "referred",
    }
}

/// Where the agent is in a contact: how the caller reached 311, their language, what was typed to find
/// them, whom the agent chose. The contact page's address holds it, so a reload or the back button keeps
/// it, and every form works without JavaScript.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactState {
    /// A channel's code; the page starts on "phone".
    pub channel: String,
    /// "fr" or "en"; the page starts on the agent's language.
    pub lang: String,
    pub q: String,
    pub caller: Option<i64>,
    /// The profile the agent tried to make already existed: this is it.
    pub existing: bool,
    /// Filing from this live chat (the agent's own): its transcript goes with the request, and the
    /// reference is posted into it.
    pub chat: Option<i64>,
}

impl ContactState {
    /// The contact page's address for this state.
    pub fn address(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![("channel", self.channel.clone()), ("lang", self.lang.clone())];
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(caller) = self.caller {
            pairs.push(("caller", caller.to_string()));
        }
        if self.existing {
            pairs.push(("existing", "true".into()));
        }
        if let Some(chat) = self.chat {
            pairs.push(("chat", chat.to_string()));
        }
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        format!("{}?{query}", routes::STAFF_CONTACT)
    }
}

/// A resident find-the-caller found (or the agent just made), as the agent sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallerCard {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub lang: Lang,
    pub updates_by: UpdatesBy,
    /// No password yet: a profile an agent made that its resident has not claimed.
    pub no_account: bool,
    /// Their requests not yet completed or closed, newest first.
    pub open: Vec<OpenRequest>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRequest {
    pub reference: Reference,
    pub service_name: Text,
    pub status: Status,
}

/// Contacts logged today in one channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCount {
    pub channel: ContactChannel,
    pub requests: u64,
    pub inquiries: u64,
}

/// Everything the contact page shows besides its forms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPage {
    /// What find-the-caller found for the typed text (empty when nothing was typed).
    pub matches: Vec<CallerCard>,
    /// The caller the agent is serving, once chosen or made.
    pub chosen: Option<CallerCard>,
    /// Services that can be filed (online), then topics that cannot, for the inquiry's topic.
    pub services: Vec<(Code, Text)>,
    pub topics: Vec<(Code, Text)>,
    pub today: Vec<ChannelCount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_has_an_address_of_its_own() {
        let state = ContactState { channel: "phone".into(), lang: "fr".into(), caller: Some(42), ..Default::default() };
        assert_eq!(state.address(), "/staff/contact?channel=phone&lang=fr&caller=42");
        let state = ContactState { q: "Côté & fils".into(), existing: true, ..state };
        assert_eq!(
            state.address(),
            "/staff/contact?channel=phone&lang=fr&q=C%C3%B4t%C3%A9+%26+fils&caller=42&existing=true"
        );
    }
}
