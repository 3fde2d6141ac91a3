//! Server side of a request's life: the store interface for its events, the staff change applied in one
//! transaction with its notifications, and the timeline built from the events for either side.

pub mod change;
pub mod flows;

use super::model::{Actor, CloseReason, EventKind, Note, RequestView, Status, TimelineEvent};
use crate::accounts::ssr::AccountId;
use crate::catalogue::Catalogue;
use crate::city::ssr::City;
use crate::requests::model::{ContactChannel, Reference};
use crate::requests::ssr::{flows::attachment_view, Attachment, StoredRequest};
use jiff::Timestamp;

crate::codes::coded! {
    /// Who wrote an event.
    pub enum ActorRole {
        Portal = "portal",
        Resident = "resident",
        Staff = "staff",
    }
}

/// What an event records, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoredKind {
    Status {
        status: Status,
        reason: Option<CloseReason>,
        duplicate_of: Option<Reference>,
    },
    Note,
    Update,
    /// A team's code (from the city profile).
    Assigned {
        team: String,
    },
    Reopened,
    /// An agent filed the request for its resident (written by the request's submission, never by a
    /// staff change).
    Filed {
        channel: ContactChannel,
    },
}

/// One row of `request_events`, with who wrote it and the files that came with it.
#[derive(Clone, Debug)]
pub struct StoredEvent {
    pub at: i64,
    pub actor_role: ActorRole,
    /// The staff member's name (for the audit log); none for residents and the portal.
    pub actor_name: Option<String>,
    pub kind: StoredKind,
    pub note: String,
    pub public: bool,
    pub files: Vec<Attachment>,
}

/// What one staff form asks for: any of a new status, a team, a note. Applied only if the request is
/// still at `version`.
#[derive(Clone, Debug)]
pub struct StaffChange {
    pub version: i64,
    pub actor: AccountId,
    pub status: Option<(Status, Option<CloseReason>, Option<Reference>)>,
    pub team: Option<String>,
    pub note: Note,
    pub public: bool,
    /// Whether the resident and followers are told (work started, completion, closure, a public note).
    pub notify: bool,
    /// A new expected day, when the change reopens a finished request.
    pub due_on: Option<jiff::civil::Date>,
}

/// What became of a [`StaffChange`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// Someone changed the request after the form was read: nothing was written.
    Stale,
}

/// Where requests' events are kept. Implemented per database in `server/src/store/`.
#[async_trait::async_trait]
pub trait LifecycleStore: Send + Sync {
    /// The request's events, oldest first.
    async fn events(&self, reference: &Reference) -> anyhow::Result<Vec<StoredEvent>>;
    /// The photos and files sent with the request itself (not with later updates).
    async fn request_files(&self, reference: &Reference) -> anyhow::Result<Vec<Attachment>>;
    /// Applies a staff change in one transaction: the request's columns, one event per thing done, one
    /// notification per person to tell (the author and the followers) when `change.notify`.
    async fn apply(&self, reference: &Reference, change: &StaffChange, now: i64) -> anyhow::Result<Applied>;
    /// The resident adds information to their open request (and the queue flags it), with the files
    /// whose bytes are already in the file store. The request's version goes up: a staff form read
    /// before the update is refused, so no agent acts without having seen it. False when the request is
    /// no longer open.
    async fn add_update(
        &self,
        reference: &Reference,
        account: AccountId,
        note: &Note,
        files: &[Attachment],
        now: i64,
    ) -> anyhow::Result<bool>;
}

/// What the request's page needs of the request, from both stores.
pub struct Loaded {
    pub request: StoredRequest,
    pub events: Vec<StoredEvent>,
    pub files: Vec<Attachment>,
}

/// The timeline of a request, complete (staff). Residents get [`RequestView::for_resident`] of it.
pub fn request_view(city: &City, catalogue: &Catalogue, loaded: Loaded) -> RequestView {
    let Loaded { request, events, files } = loaded;
    let today = city.date_of(Timestamp::now());
    let (expected_on, overdue) = (request.expected_on().map(|day| day.to_string()), request.is_overdue(today));
    let created = TimelineEvent {
        at: city.time_of(request.created_at),
        kind: EventKind::Created,
        actor: Actor::Resident,
        note: None,
        public: true,
        files: vec![],
    };
    let events = std::iter::once(created).chain(events.into_iter().map(|event| timeline_event(city, event))).collect();
    RequestView {
        reference: request.reference,
        service_name: catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default(),
        address: request.address,
        place_note: request.place_note,
        description: request.description,
        status: request.status,
        created_on: city.day_of(request.created_at),
        expected_on,
        overdue,
        files: files.iter().map(attachment_view).collect(),
        events,
        version: request.version,
    }
}

fn timeline_event(city: &City, event: StoredEvent) -> TimelineEvent {
    let actor = match event.actor_role {
        ActorRole::Portal => Actor::Portal,
        ActorRole::Resident => Actor::Resident,
        ActorRole::Staff => Actor::Staff { name: event.actor_name },
    };
    let kind = match event.kind {
        StoredKind::Status { status, reason, duplicate_of } => EventKind::Status { status, reason, duplicate_of },
        StoredKind::Note => EventKind::Note,
        StoredKind::Update => EventKind::Update,
        StoredKind::Assigned { team } => {
            EventKind::Assigned { team: city.team(&team).map(|t| t.name.clone()).unwrap_or_default() }
        }
        StoredKind::Reopened => EventKind::Reopened,
        StoredKind::Filed { channel } => EventKind::Filed { channel },
    };
    TimelineEvent {
        at: city.time_of(event.at),
        kind,
        actor,
        note: (!event.note.is_empty()).then_some(event.note),
        public: event.public,
        files: event.files.iter().map(attachment_view).collect(),
    }
}
