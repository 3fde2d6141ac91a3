//! Who may see a request: the one place that decides it. The resident's page, the console, the survey and
//! "add information" all ask here; anyone else gets "not found", so that nobody learns which references
//! exist.

use super::{RequestStore, StoredRequest};
use crate::accounts::ssr::sessions::CurrentSession;
use crate::errors::AppError;
use crate::requests::model::Reference;

/// Who is looking at a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// The resident who made it.
    Author,
    /// A resident who follows it (they reported the same problem): its timeline, not its files.
    Follower,
    Staff,
}

/// The request `reference` and how `session` may see it; `NotFound` for anyone else.
pub async fn visible(
    store: &dyn RequestStore,
    reference: &Reference,
    session: &CurrentSession,
) -> Result<(StoredRequest, Viewer), AppError> {
    let request = store.request(reference).await?.ok_or(AppError::NotFound)?;
    let viewer = if session.is_staff() {
        Viewer::Staff
    } else if request.account_id == session.account_id {
        Viewer::Author
    } else if store.is_follower(reference, session.account_id).await? {
        Viewer::Follower
    } else {
        return Err(AppError::NotFound);
    };
    Ok((request, viewer))
}

/// The request `reference`, if `session` made it: only its author answers its survey or adds to it (staff
/// included: they act on requests in the console).
pub async fn own(
    store: &dyn RequestStore,
    reference: &Reference,
    session: &CurrentSession,
) -> Result<StoredRequest, AppError> {
    let request = store.request(reference).await?.ok_or(AppError::NotFound)?;
    match request.account_id == session.account_id {
        true => Ok(request),
        false => Err(AppError::NotFound),
    }
}
