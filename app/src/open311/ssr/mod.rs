//! The Open311 GeoReport v2 API (server only): the city's services and requests for apps, partners and
//! open data, in XML and JSON, in French or English. `handlers.rs` is the edge of reads (axum handlers
//! under `/open311/v2`) and `post.rs` of POST requests; `query.rs` reads GET's parameters; `present.rs`
//! turns stored requests into records with no personal data; `records.rs` and `format.rs` write them;
//! `filing.rs` checks and files a POST; `keys.rs`: the clients' keys.

pub mod cache;
pub mod filing;
pub mod format;
pub mod handlers;
pub mod keys;
pub mod post;
pub mod present;
pub mod query;
pub mod records;

use crate::accounts::ssr::AccountId;
use crate::addresses::Place;
use crate::catalogue::Code;
use crate::errors::Problem;
use crate::i18n::{Arg, Lang};
use crate::lifecycle::model::{CloseReason, Status};
use crate::requests::model::{Answers, Description, PlaceNote, Reference};
use crate::requests::ssr::{Attachment, NewRequest, StoredRequest};
use axum::http::StatusCode;
use cache::AnswerCache;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use keys::{ApiKey, KeyLimits, KeyListing, KeyName};
use query::RequestsQuery;
use records::ErrorRecord;
use std::num::NonZeroU32;
use std::sync::Arc;

/// The API's address, under the portal's.
pub const ROOT: &str = "/open311/v2";

/// What the city profile's `[open311]` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open311Settings {
    /// The city's id for clients that pass `jurisdiction_id`; another one is refused (404).
    pub jurisdiction_id: String,
    /// Reads a client address may make a minute (GET is anonymous).
    pub reads_per_minute: u32,
    /// How long a list answer is kept for the next reader asking the same (0: not kept).
    pub cache_seconds: u32,
}

/// The API's services: its settings, its store, the readers' rate limit and each key's, the lists kept.
pub struct Open311 {
    pub settings: Open311Settings,
    pub store: Arc<dyn Open311Store>,
    reads: DefaultKeyedRateLimiter<String>,
    pub keys: KeyLimits,
    pub lists: AnswerCache,
}

impl Open311 {
    pub fn new(settings: Open311Settings, store: Arc<dyn Open311Store>) -> Open311 {
        let per_minute = NonZeroU32::new(settings.reads_per_minute).unwrap_or(NonZeroU32::MIN);
        let reads = RateLimiter::keyed(Quota::per_minute(per_minute));
        let lists = AnswerCache::new(settings.cache_seconds);
        Open311 { reads, settings, store, keys: KeyLimits::default(), lists }
    }

    /// Counts a read from `ip`; false when it is over the limit.
    pub fn may_read(&self, ip: std::net::IpAddr) -> bool {
        if self.reads.len() > 100_000 {
            self.reads.retain_recent();
        }
        self.reads.check_key(&crate::accounts::ssr::limits::client_key(ip)).is_ok()
    }
}

/// A request as the API may show it: what is stored, and where it is exactly (the portal's own views
/// round nothing; [`present`] decides what leaves).
#[derive(Clone, Debug)]
pub struct PublicRequest {
    pub request: StoredRequest,
    pub address_id: Option<i64>,
    pub latitude: f64,
    pub longitude: f64,
    /// The last change, or when it was made.
    pub updated_at: i64,
    /// A photo with a thumbnail (its attachment id), if there is one.
    pub photo: Option<String>,
}

/// A moment of a request's public timeline: a status it took (with the reason, closed), a note staff
/// made public, or its reopening.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicEvent {
    pub id: i64,
    pub reference: Reference,
    /// Its request's service: a private one's notes are not shown.
    pub service: Code,
    pub at: i64,
    pub kind: PublicEventKind,
    pub note: String,
    /// Where its request stands now (a note's update says it).
    pub current: (Status, Option<CloseReason>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PublicEventKind {
    Status(Status, Option<CloseReason>),
    Note,
    Reopened,
}

/// A request a client files: what [`filing::check`] accepted, whose it is, and its stored files.
#[derive(Clone, Debug)]
pub struct NewFiling {
    /// The key's id (the request's channel is `open311`, with it).
    pub key: i64,
    pub account: AccountId,
    pub service: Code,
    pub place: Place,
    pub place_note: PlaceNote,
    pub answers: Answers,
    pub description: Description,
    pub attachments: Vec<Attachment>,
    pub request: NewRequest,
}

#[async_trait::async_trait]
pub trait Open311Store: Send + Sync {
    /// Files a request in one transaction: its reference, the request, its answers and files, and its
    /// receipt for the notification worker.
    async fn file(&self, filing: &NewFiling) -> anyhow::Result<Reference>;
    /// The key in use whose SHA-256 is `hash` (not a revoked one).
    async fn api_key(&self, hash: &[u8]) -> anyhow::Result<Option<ApiKey>>;
    /// Makes a key and the profile its requests without a reporter are filed as; `None` when a key in
    /// use has this name.
    async fn create_api_key(
        &self,
        name: &KeyName,
        hash: &[u8],
        rate: NonZeroU32,
        now: i64,
    ) -> anyhow::Result<Option<ApiKey>>;
    /// Every key, revoked ones too, the newest first.
    async fn api_keys(&self) -> anyhow::Result<Vec<KeyListing>>;
    /// Revokes the key in use named `name`; false when there is none.
    async fn revoke_api_key(&self, name: &KeyName, now: i64) -> anyhow::Result<bool>;

    /// The requests `query` asks for, newest first (ties by reference), one page.
    async fn requests(&self, query: &RequestsQuery) -> anyhow::Result<Vec<PublicRequest>>;
    /// The public timelines of `references`, oldest first.
    async fn public_events(&self, references: &[Reference]) -> anyhow::Result<Vec<PublicEvent>>;
    /// Public events made from `from` to `to` (Unix seconds, both included), oldest first, at most `limit`.
    async fn updates(&self, from: i64, to: i64, limit: u32) -> anyhow::Result<Vec<PublicEvent>>;
    /// Whether attachment `id` is a photo the API may show: one a resident sent with a request of a
    /// service with public photos (never a private one's) whose thumbnail is made.
    async fn public_photo(&self, id: &str) -> anyhow::Result<bool>;
}

/// A parameter refused: the HTTP status it calls for, and what to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub parameter: String,
    key: &'static str,
    value: String,
    /// A form's problem (the portal's words for it) instead of a message of the API's own.
    problem: Option<Problem>,
}

impl Refusal {
    /// 400: `parameter`'s `value` is wrong, as the message `key` says.
    pub fn bad(parameter: impl Into<String>, key: &'static str, value: &str) -> Refusal {
        let value = value.chars().take(100).collect();
        Refusal { status: StatusCode::BAD_REQUEST, parameter: parameter.into(), key, value, problem: None }
    }

    /// 400: `parameter` has the problem a portal form would show.
    pub fn problem(parameter: impl Into<String>, problem: Problem) -> Refusal {
        Refusal { problem: Some(problem), ..Refusal::bad(parameter, "open311-error-problem", "") }
    }

    pub fn not_found(parameter: impl Into<String>, value: &str) -> Refusal {
        Refusal { status: StatusCode::NOT_FOUND, ..Refusal::bad(parameter, "open311-error-not-found", value) }
    }

    pub fn forbidden(parameter: impl Into<String>, key: &'static str) -> Refusal {
        Refusal { status: StatusCode::FORBIDDEN, ..Refusal::bad(parameter, key, "") }
    }

    pub fn too_many(key: &'static str) -> Refusal {
        Refusal { status: StatusCode::TOO_MANY_REQUESTS, ..Refusal::bad("", key, "") }
    }

    pub fn record(&self, lang: Lang) -> ErrorRecord {
        let value = match self.problem {
            Some(problem) => crate::i18n::message(lang, problem.key(), &[]),
            None => self.value.clone(),
        };
        let args = [("parameter", Arg::from(self.parameter.clone())), ("value", Arg::from(value))];
        ErrorRecord { code: self.status.as_u16(), description: crate::i18n::message(lang, self.key, &args) }
    }

    /// The answer's status for several: a key problem first, then a missing thing, then the rest.
    pub fn status_of(refusals: &[Refusal]) -> StatusCode {
        let order = [StatusCode::FORBIDDEN, StatusCode::TOO_MANY_REQUESTS, StatusCode::NOT_FOUND];
        order.into_iter().find(|status| refusals.iter().any(|r| r.status == *status)).unwrap_or(StatusCode::BAD_REQUEST)
    }
}
