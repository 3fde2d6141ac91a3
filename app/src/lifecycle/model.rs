//! What happens to a request once it is submitted, as both sides see it: its status, the moves staff may
//! make, and its timeline. One model for residents and staff; [`RequestView::for_resident`] takes out
//! what only staff see (internal notes, assignments, who did what).

use crate::errors::{Field, FieldError, Problem};
use crate::i18n::Text;
use crate::requests::model::{AttachmentView, ContactChannel, Reference};
use serde::{Deserialize, Serialize};

crate::codes::coded! {
    /// Where a request stands.
    pub enum Status in "status" {
        Received = "received",
        UnderReview = "under_review",
        Scheduled = "scheduled",
        InProgress = "in_progress",
        Completed = "completed",
        Closed = "closed",
    }
}

impl Status {
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Completed | Status::Closed)
    }

    /// Whether staff may move a request from `self` to `next`. Open requests move freely between the
    /// working statuses (plans change: scheduled work starts early, in-progress work waits for parts) and
    /// may be completed or closed at any point; nothing goes back to "received". A finished request only
    /// reopens, to "under review": a cancelled request cannot be completed.
    pub fn can_become(self, next: Status) -> bool {
        match (self.is_open(), next) {
            _ if self == next => false,
            (_, Status::Received) => false,
            (true, _) => true,
            (false, next) => next == Status::UnderReview,
        }
    }
}

crate::codes::coded! {
    /// Why a request was closed without being completed.
    pub enum CloseReason in "reason" {
        Duplicate = "duplicate",
        NotCity = "not_city",
        NoAction = "no_action",
        Cancelled = "cancelled",
    }
}

/// The most a note (staff's or a resident's update) may hold.
pub const NOTE_MAX: usize = 2000;

/// A note's text: trimmed, at most [`NOTE_MAX`] characters, possibly empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note(String);

crate::codes::serde_as_text!(Note, Note::as_str);

impl Note {
    pub fn parse(text: &str) -> Option<Note> {
        let text = text.trim();
        (text.chars().count() <= NOTE_MAX).then(|| Note(text.replace("\r\n", "\n")))
    }

    /// The note of `field`, or the form problem with it.
    pub fn of(field: Field, text: &str) -> Result<Note, FieldError> {
        Note::parse(text).ok_or(FieldError { field, problem: Problem::TooLong })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Who did something on the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// The portal itself (the request arriving).
    Portal,
    /// The resident who made the request.
    Resident,
    /// City staff; their name only in the staff view (the audit log).
    Staff { name: Option<String> },
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Created,
    /// A new status; `reason` when closed, and the other request when closed as a duplicate.
    Status {
        status: Status,
        reason: Option<CloseReason>,
        duplicate_of: Option<Reference>,
    },
    /// A note on its own.
    Note,
    /// The resident added information.
    Update,
    /// Given to a team (staff only).
    Assigned {
        team: Text,
    },
    /// The resident said the completed work did not resolve the problem.
    Reopened,
    /// An agent filed it for the resident, who reached 311 by `channel` (staff only: the audit log).
    Filed {
        channel: ContactChannel,
    },
}

/// One line of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// When, in the city's time: "2026-11-28 14:05".
    pub at: String,
    pub kind: EventKind,
    pub actor: Actor,
    pub note: Option<String>,
    /// Whether the resident sees the note.
    pub public: bool,
    pub files: Vec<AttachmentView>,
}

impl TimelineEvent {
    fn visible_to_resident(&self) -> bool {
        match self.kind {
            EventKind::Assigned { .. } | EventKind::Filed { .. } => false,
            EventKind::Note => self.public,
            _ => true,
        }
    }
}

/// A request and its timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub reference: Reference,
    pub service_name: Text,
    pub address: String,
    /// "Where exactly", in the resident's words; may be empty.
    pub place_note: String,
    pub description: String,
    pub status: Status,
    /// The day it arrived, in the city.
    pub created_on: String,
    /// When the service's level says it should be done (working days, holidays skipped); none once it
    /// is finished.
    pub expected_on: Option<String>,
    pub overdue: bool,
    /// The photos and files sent with the request.
    pub files: Vec<AttachmentView>,
    /// Oldest first.
    pub events: Vec<TimelineEvent>,
    /// Changes with every staff action: a form carries it, and a form carrying an older one is refused.
    pub version: i64,
}

impl RequestView {
    /// What the resident sees: no internal notes, no assignments, no staff names.
    pub fn for_resident(mut self) -> RequestView {
        self.events.retain(TimelineEvent::visible_to_resident);
        for event in &mut self.events {
            if !event.public {
                event.note = None;
            }
            if let Actor::Staff { name } = &mut event.actor {
                *name = None;
            }
        }
        self
    }

    /// What a follower sees (someone who reported the same problem): the request's progress and what
    /// the city tells residents, nothing its author wrote or sent (description, updates, survey comment,
    /// photos).
    pub fn for_follower(self) -> RequestView {
        let hidden = RequestView { place_note: String::new(), description: String::new(), files: Vec::new(), ..self };
        let mut view = hidden.for_resident();
        view.events
            .retain(|event| matches!(event.kind, EventKind::Created | EventKind::Status { .. } | EventKind::Note));
        for event in &mut view.events {
            event.files.clear();
        }
        view
    }
}

/// What the request's page shows its resident: the timeline, and whether they follow it (made by
/// someone else) or made it (then where the receipt went, and whether they answered the survey).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestPage {
    pub request: RequestView,
    pub following: bool,
    /// Where the receipt went.
    pub receipt_by: crate::accounts::model::Channel,
    pub surveyed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.code()), Some(status));
            assert!(status.key().ends_with(status.code()));
        }
        for reason in CloseReason::ALL {
            assert_eq!(CloseReason::parse(reason.code()), Some(reason));
        }
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn staff_moves_open_requests_freely_and_only_reopen_finished_ones() {
        use Status::*;
        assert!(Received.can_become(UnderReview));
        assert!(UnderReview.can_become(InProgress));
        assert!(InProgress.can_become(Scheduled));
        assert!(Received.can_become(Closed));
        assert!(InProgress.can_become(Completed));
        assert!(!InProgress.can_become(InProgress));
        assert!(!UnderReview.can_become(Received));
        assert!(!Closed.can_become(Completed), "a cancelled request cannot be completed");
        assert!(!Completed.can_become(Closed));
        assert!(!Completed.can_become(InProgress));
        assert!(Completed.can_become(UnderReview));
        assert!(Closed.can_become(UnderReview));
    }

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(Note::parse("  fixed \r\n today ").unwrap().as_str(), "fixed \n today");
        assert!(Note::parse(&"é".repeat(NOTE_MAX)).is_some());
        assert!(Note::parse(&"é".repeat(NOTE_MAX + 1)).is_none());
        assert_eq!(Note::of(Field::Note, &"x".repeat(NOTE_MAX + 1)).unwrap_err().problem, Problem::TooLong);
    }

    fn event(kind: EventKind, public: bool) -> TimelineEvent {
        TimelineEvent {
            at: "2026-11-28 10:00".into(),
            kind,
            actor: Actor::Staff { name: Some("Agent Smith".into()) },
            note: Some("a note".into()),
            public,
            files: vec![],
        }
    }

    fn view(events: Vec<TimelineEvent>) -> RequestView {
        RequestView {
            reference: Reference::parse("2026-000001").unwrap(),
            service_name: Text::default(),
            address: String::new(),
            place_note: String::new(),
            description: String::new(),
            status: Status::InProgress,
            created_on: String::new(),
            expected_on: None,
            overdue: false,
            files: vec![],
            events,
            version: 3,
        }
    }

    #[test]
    fn residents_see_no_internal_notes_assignments_or_staff_names() {
        let seen = view(vec![
            event(EventKind::Note, false),
            event(EventKind::Note, true),
            event(EventKind::Assigned { team: Text::default() }, false),
            event(EventKind::Status { status: Status::InProgress, reason: None, duplicate_of: None }, false),
        ])
        .for_resident();
        assert_eq!(seen.events.len(), 2);
        assert_eq!(seen.events[0].note.as_deref(), Some("a note"));
        assert_eq!(seen.events[1].note, None, "the status change shows, its internal note does not");
        assert!(seen.events.iter().all(|e| e.actor == Actor::Staff { name: None }));
    }

    #[test]
    fn followers_see_progress_not_what_the_author_wrote() {
        let mut update = event(EventKind::Update, true);
        update.actor = Actor::Resident;
        let mut reopened = event(EventKind::Reopened, true);
        reopened.actor = Actor::Resident;
        let mut request = view(vec![
            update,
            event(EventKind::Status { status: Status::Completed, reason: None, duplicate_of: None }, true),
            reopened,
        ]);
        request.description = "Gate code 4411".into();
        request.place_note = "behind my garage".into();
        let seen = request.for_follower();
        assert_eq!((seen.description.as_str(), seen.place_note.as_str()), ("", ""));
        assert_eq!(seen.events.len(), 1, "only the status change");
        assert!(matches!(seen.events[0].kind, EventKind::Status { .. }));
    }

    /// What the author, a follower and staff each see of one request: reviewed in `snapshots/`.
    #[test]
    fn each_side_sees_the_request_as_reviewed() {
        let mut update = event(EventKind::Update, true);
        update.actor = Actor::Resident;
        let mut request = view(vec![
            event(EventKind::Note, false),
            event(EventKind::Note, true),
            event(EventKind::Assigned { team: Text { fr: "Voirie".into(), en: "Roads".into() } }, false),
            update,
            event(EventKind::Status { status: Status::Completed, reason: None, duplicate_of: None }, true),
        ]);
        request.description = "Profond, voie de droite. Gate code 4411".into();
        request.address = "200 Brady St".into();
        request.place_note = "côté nord".into();
        let json = |view: &RequestView| leptos::serde_json::to_string_pretty(view).unwrap();
        insta::assert_snapshot!("request-staff", json(&request));
        insta::assert_snapshot!("request-author", json(&request.clone().for_resident()));
        insta::assert_snapshot!("request-follower", json(&request.for_follower()));
    }
}
