//! Loading a request with its timeline, for whoever may see it (`requests::ssr::access` decides); and
//! staff changes, checked (`change::check`, a pure function) before they reach the store.

use super::{change, request_view, Applied, LifecycleStore, Loaded, StaffChange};
use crate::accounts::ssr::{now, sessions::CurrentSession, AccountStore};
use crate::catalogue::Catalogue;
use crate::city::ssr::City;
use crate::errors::AppError;
use crate::lifecycle::model::{CloseReason, RequestPage, RequestView};
use crate::requests::model::Reference;
use crate::requests::ssr::access::{self, Viewer};
use crate::requests::ssr::{expected_on, RequestStore};
use tokio::sync::Notify;

/// The stores a request's timeline is read from.
#[derive(Clone, Copy)]
pub struct Stores<'a> {
    pub requests: &'a dyn RequestStore,
    pub lifecycle: &'a dyn LifecycleStore,
}

/// The request `reference` and how `session` may see it; `NotFound` for anyone else.
pub async fn load(
    stores: Stores<'_>,
    reference: &Reference,
    session: &CurrentSession,
) -> Result<(Loaded, Viewer), AppError> {
    let (request, viewer) = access::visible(stores.requests, reference, session).await?;
    let events = stores.lifecycle.events(reference).await?;
    let files = match viewer {
        Viewer::Follower => Vec::new(),
        _ => stores.lifecycle.request_files(reference).await?,
    };
    Ok((Loaded { request, events, files }, viewer))
}

/// The timeline as `viewer` sees it.
pub fn view_for(city: &City, catalogue: &Catalogue, loaded: Loaded, viewer: Viewer) -> RequestView {
    let view = request_view(city, catalogue, loaded);
    match viewer {
        Viewer::Staff => view,
        Viewer::Author => view.for_resident(),
        Viewer::Follower => view.for_follower(),
    }
}

/// What the resident's page of a request reads, besides its timeline.
pub struct ResidentPage<'a> {
    pub city: &'a City,
    pub catalogue: &'a Catalogue,
    pub accounts: &'a dyn AccountStore,
}

/// "Ma demande de service": the request's page, for the resident who made it or follows it.
/// `surveyed`: its survey was answered (the survey sits above this feature: the edge asks it).
pub async fn resident_page(
    with: ResidentPage<'_>,
    stores: Stores<'_>,
    reference: &Reference,
    session: &CurrentSession,
    surveyed: bool,
) -> Result<RequestPage, AppError> {
    let (loaded, viewer) = load(stores, reference, session).await?;
    let viewer = match viewer {
        // Staff open requests in the console, where they can act on them.
        Viewer::Staff if loaded.request.account_id != session.account_id => Viewer::Follower,
        Viewer::Staff => Viewer::Author,
        viewer => viewer,
    };
    let account = with.accounts.account(session.account_id).await?.ok_or(AppError::SignInRequired)?;
    Ok(RequestPage {
        request: view_for(with.city, with.catalogue, loaded, viewer),
        following: viewer == Viewer::Follower,
        receipt_by: account.channel(),
        surveyed: viewer == Viewer::Author && surveyed,
    })
}

/// Checks a staff form against the request as it is, then applies it. Every problem is named against
/// its field; a form read before someone else's change is refused as `Conflict`, with nothing written.
pub async fn change(
    city: &City,
    catalogue: &Catalogue,
    stores: Stores<'_>,
    bell: &Notify,
    reference: &Reference,
    staff: &CurrentSession,
    form: &change::Form,
) -> Result<(), AppError> {
    let (loaded, _) = load(stores, reference, staff).await?;
    let request = loaded.request;
    // The only check that reads the database, made only when closing as a duplicate: whether the other
    // request exists.
    let duplicate = (CloseReason::parse(&form.reason) == Some(CloseReason::Duplicate))
        .then(|| Reference::parse(form.duplicate_of.trim()))
        .flatten();
    let duplicate_exists = match &duplicate {
        Some(other) => stores.requests.request(other).await?.is_some(),
        None => false,
    };
    let checked = change::check(&request, form, city, duplicate_exists)?;
    let reopened = !request.status.is_open() && checked.status.is_some_and(|(status, ..)| status.is_open());
    let change = StaffChange {
        due_on: reopened.then(|| expected_on(city, catalogue, &request.service)).flatten(),
        version: form.version,
        actor: staff.account_id,
        notify: checked.notifies(),
        status: checked.status,
        team: checked.team,
        note: checked.note,
        public: checked.public,
    };
    match stores.lifecycle.apply(&request.reference, &change, now()).await? {
        Applied::Done => {
            bell.notify_one();
            Ok(())
        }
        Applied::Stale => Err(AppError::Conflict),
    }
}
