//! What the staff console exchanges with the server: the queue's filters (also its address's query, so a
//! filtered queue can be bookmarked and works without JavaScript), its rows, and a request as staff see it.

use crate::catalogue::Code;
use crate::feedback::Easy;
use crate::i18n::{Lang, Text};
use crate::lifecycle::model::{RequestView, Status};
use crate::requests::model::{Attention, ContactChannel, Reference};
use crate::routes;
use serde::{Deserialize, Serialize};

/// Rows per queue page.
pub const PAGE_SIZE: u32 = 50;

/// The queue's filters, as the form sends them. Empty means "any"; `status` "" means open requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub category: String,
    /// Older than this many days: "", "2", "7", "30".
    #[serde(default)]
    pub age: String,
    #[serde(default)]
    pub overdue: bool,
    /// Only requests the resident added something to since staff last acted.
    #[serde(default)]
    pub attention: bool,
    /// How requests came in: "" for any, or a channel's code.
    #[serde(default)]
    pub channel: String,
    /// A reference, or part of an address or a resident's name.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: u32,
}

/// The "status" choices beyond each status.
pub const STATUS_OPEN: &str = "";
pub const STATUS_ALL: &str = "all";
crate::codes::coded! {
    /// The queue's "received more than … days ago" choices; the code is the number of days.
    pub enum Age {
        TwoDays = "2",
        Week = "7",
        Month = "30",
    }
}

impl Age {
    pub fn days(self) -> i64 {
        match self {
            Age::TwoDays => 2,
            Age::Week => 7,
            Age::Month => 30,
        }
    }
}

impl QueueFilter {
    /// The queue's address for these filters, on page `page`.
    pub fn query_string(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (name, value) in [
            ("status", &self.status),
            ("service", &self.service),
            ("category", &self.category),
            ("age", &self.age),
            ("channel", &self.channel),
            ("q", &self.q),
        ] {
            if !value.is_empty() {
                pairs.push((name, value.clone()));
            }
        }
        if self.overdue {
            pairs.push(("overdue", "true".into()));
        }
        if self.attention {
            pairs.push(("attention", "true".into()));
        }
        if page > 0 {
            pairs.push(("page", page.to_string()));
        }
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        match query.is_empty() {
            true => routes::STAFF.into(),
            false => format!("{}?{query}", routes::STAFF),
        }
    }
}

/// One row of the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub reference: Reference,
    pub service_name: Text,
    pub address: String,
    pub resident: String,
    pub status: Status,
    pub created_on: String,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub team: Option<Text>,
    /// "update" or "reopened": the resident added something since staff last acted.
    pub attention: Option<Attention>,
    pub channel: ContactChannel,
}

/// A page of the queue, with what the filter form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub services: Vec<(Code, Text)>,
    pub categories: Vec<(Code, Text)>,
}

/// A request as staff see it: the whole timeline (internal notes, assignments, who did what), the
/// resident's contact details and answers, and what the change form offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffRequest {
    pub request: RequestView,
    pub resident: Contact,
    /// (question, answer), in the staff member's language at render time.
    pub answers: Vec<(Text, String)>,
    pub team: Option<String>,
    pub teams: Vec<(String, Text)>,
    pub attention: Option<Attention>,
    pub channel: ContactChannel,
    /// The Open311 client that filed it.
    pub client: Option<String>,
    /// Residents following the request: a public note reaches them too.
    pub followers: u32,
}

/// How to reach the resident (staff call back, or ask for more).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub mobile: String,
    pub lang: Lang,
}

/// Portal feedback as staff read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRow {
    pub at: String,
    pub lang: Lang,
    /// How easy the portal is; a barrier report answers no such question.
    pub easy: Option<Easy>,
    /// What to improve, or for a barrier what happened.
    pub improve: String,
    /// A barrier to accessibility reported from the accessibility statement: how to reach whoever
    /// reported it (empty when they left nothing).
    pub barrier: Option<String>,
    pub signed_in: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filtered_queue_has_an_address_of_its_own() {
        assert_eq!(QueueFilter::default().query_string(0), "/staff");
        let filter = QueueFilter {
            status: "in_progress".into(),
            q: "Brady St & co".into(),
            channel: "phone".into(),
            overdue: true,
            ..Default::default()
        };
        assert_eq!(
            filter.query_string(2),
            "/staff?status=in_progress&channel=phone&q=Brady+St+%26+co&overdue=true&page=2"
        );
    }
}
