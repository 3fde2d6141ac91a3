//! Server side of the console: who may use it, the queue's store interface, and what each server
//! function does once the edge has parsed its input.

use super::model::{Age, Contact, FeedbackRow, QueueFilter, QueuePage, QueueRow, StaffRequest, PAGE_SIZE, STATUS_ALL};
use crate::accounts::ssr::{now, sessions::Caller, sessions::CurrentSession, AccountStore};
use crate::catalogue::{Catalogue, Code};
use crate::city::ssr::City;
use crate::errors::AppError;
use crate::feedback::ssr::{FeedbackKind, FeedbackStore};
use crate::lifecycle::model::Status;
use crate::lifecycle::ssr::flows::{self, Stores};
use crate::requests::model::{ContactChannel, Reference};
use crate::requests::ssr::{access::Viewer, StoredRequest};

/// The signed-in staff member with their second factor proven; residents are refused (403), staff who have
/// not typed their authenticator's code are sent to do so (403), and nobody signed in is asked to (401).
pub fn require_staff(caller: &Caller) -> Result<&CurrentSession, AppError> {
    let session = caller.signed_in()?;
    match (session.is_staff(), session.user.role.is_staff()) {
        (true, _) => Ok(session),
        // Signed in with the password only: the authenticator's code first (`accounts::ssr::two_factor`).
        (false, true) => Err(AppError::SecondFactorRequired),
        (false, false) => Err(AppError::Forbidden),
    }
}

/// What the queue asks of the store: filters already checked and turned into values.
#[derive(Clone, Debug, Default)]
pub struct QueueQuery {
    /// Only requests not completed or closed.
    pub open_only: bool,
    /// Only these statuses (empty: any).
    pub statuses: Vec<Status>,
    /// Empty: every service.
    pub services: Vec<Code>,
    /// Made before this time (Unix seconds).
    pub created_before: Option<i64>,
    /// Open and due before this day: overdue.
    pub overdue_on: Option<jiff::civil::Date>,
    pub attention: bool,
    /// Only requests that came in this way.
    pub channel: Option<ContactChannel>,
    pub search: Option<QueueSearch>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Clone, Debug)]
pub enum QueueSearch {
    Reference(Reference),
    /// Part of an address or of the resident's name.
    Text(String),
}

pub struct QueueItem {
    pub request: StoredRequest,
    pub resident: Option<String>,
}

#[async_trait::async_trait]
pub trait QueueStore: Send + Sync {
    /// A page of requests matching `query`, oldest first, and how many match in all.
    async fn queue(&self, query: &QueueQuery) -> anyhow::Result<(Vec<QueueItem>, u64)>;
}

/// The filters as the store takes them. Unknown codes are ignored rather than refused: a filter is an
/// address someone may have typed or bookmarked, and an empty result says enough.
pub fn parse_filter(catalogue: &Catalogue, filter: &QueueFilter, today: jiff::civil::Date, now: i64) -> QueueQuery {
    let (open_only, statuses) = match (filter.status.as_str(), Status::parse(&filter.status)) {
        (STATUS_ALL, _) => (false, Vec::new()),
        (_, Some(status)) => (false, vec![status]),
        // "" and anything unknown: the default view, open requests.
        (_, None) => (true, Vec::new()),
    };
    let services = match (Code::parse(&filter.service), Code::parse(&filter.category)) {
        (Some(service), _) => vec![service],
        (None, Some(category)) => {
            catalogue.services().iter().filter(|s| s.category == category).map(|s| s.code.clone()).collect()
        }
        (None, None) => Vec::new(),
    };
    let age_days = Age::parse(&filter.age).map(Age::days);
    let q = filter.q.trim();
    let search = match (q.is_empty(), Reference::parse(q)) {
        (true, _) => None,
        (false, Some(reference)) => Some(QueueSearch::Reference(reference)),
        (false, None) => Some(QueueSearch::Text(q.chars().take(100).collect())),
    };
    QueueQuery {
        open_only,
        statuses,
        services,
        created_before: age_days.map(|days| now - days * 86_400),
        overdue_on: filter.overdue.then_some(today),
        attention: filter.attention,
        channel: ContactChannel::parse(&filter.channel),
        search,
        offset: filter.page.min(10_000) * PAGE_SIZE,
        limit: PAGE_SIZE,
    }
}

pub async fn queue(
    city: &City,
    catalogue: &Catalogue,
    store: &dyn QueueStore,
    filter: &QueueFilter,
) -> Result<QueuePage, AppError> {
    let today = city.date_of(jiff::Timestamp::now());
    let query = parse_filter(catalogue, filter, today, now());
    let (items, total) = store.queue(&query).await?;
    let rows = items
        .into_iter()
        .map(|QueueItem { request, resident }| QueueRow {
            overdue: request.is_overdue(today),
            service_name: catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default(),
            reference: request.reference,
            address: request.address,
            resident: resident.unwrap_or_default(),
            created_on: city.day_of(request.created_at),
            due_on: request.due_on.map(|day| day.to_string()),
            team: request.team.and_then(|code| city.team(&code).map(|t| t.name.clone())),
            status: request.status,
            attention: request.attention,
            channel: request.channel,
        })
        .collect();
    let online = catalogue.services().iter().filter(|s| s.online);
    Ok(QueuePage {
        rows,
        total,
        page: filter.page,
        pages: total.div_ceil(PAGE_SIZE as u64) as u32,
        services: online.map(|s| (s.code.clone(), s.name.clone())).collect(),
        categories: catalogue.categories().iter().map(|c| (c.code.clone(), c.name.clone())).collect(),
    })
}

/// A request with everything staff need to act on it.
pub async fn request(
    city: &City,
    catalogue: &Catalogue,
    stores: Stores<'_>,
    accounts: &dyn AccountStore,
    staff: &CurrentSession,
    reference: &Reference,
) -> Result<StaffRequest, AppError> {
    let (loaded, _) = flows::load(stores, reference, staff).await?;
    let (account_id, team, attention, channel) =
        (loaded.request.account_id, loaded.request.team.clone(), loaded.request.attention, loaded.request.channel);
    let client = loaded.request.client.clone();
    let service = catalogue.service(&loaded.request.service).cloned();
    let (answers, _) = stores.requests.contents(&loaded.request.reference).await?;
    let answers = answers
        .into_iter()
        .map(|(code, value)| {
            let question = service.as_ref().and_then(|s| s.questions.iter().find(|q| q.code.as_str() == code));
            let label = question.map(|q| q.label.clone()).unwrap_or_default();
            let choice = question.and_then(|q| q.choices.iter().find(|c| c.key.as_str() == value));
            let value = choice.map(|c| format!("{} / {}", c.name.fr, c.name.en)).unwrap_or(value);
            (label, value)
        })
        .collect();
    let followers = stores.requests.follower_count(&loaded.request.reference).await?;
    let resident = accounts.account(account_id).await?;
    let resident = resident.map_or_else(Contact::default, |account| Contact {
        name: account.name.map(|n| n.as_str().to_string()).unwrap_or_default(),
        email: account.email.map(|e| e.as_str().to_string()).unwrap_or_default(),
        mobile: account.mobile.map(|m| m.as_str().to_string()).unwrap_or_default(),
        lang: account.lang,
    });
    Ok(StaffRequest {
        request: flows::view_for(city, catalogue, loaded, Viewer::Staff),
        resident,
        answers,
        team,
        teams: city.teams.iter().map(|t| (t.code.clone(), t.name.clone())).collect(),
        attention,
        channel,
        client,
        followers,
    })
}

pub async fn feedback(city: &City, store: &dyn FeedbackStore, page: u32) -> Result<Vec<FeedbackRow>, AppError> {
    let rows = store.list(page.min(10_000) * PAGE_SIZE, PAGE_SIZE).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (easy, barrier) = match row.kind {
                FeedbackKind::Portal { easy } => (Some(easy), None),
                FeedbackKind::Barrier { contact } => (None, Some(contact)),
            };
            FeedbackRow {
                at: city.time_of(row.created_at),
                lang: row.lang,
                easy,
                improve: row.improve,
                barrier,
                signed_in: row.account_id.is_some(),
            }
        })
        .collect())
}
