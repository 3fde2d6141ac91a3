//! Loading a request with its timeline, for whoever may see it; and staff changes, checked before they
//! reach the store.

use super::{request_view, Applied, Loaded, StaffChange};
use crate::accounts::ssr::{now, sessions::CurrentSession};
use crate::errors::{AppError, Field, FieldError, Problem};
use crate::lifecycle::model::{CloseReason, Note, RequestView, Status};
use crate::requests::model::Reference;
use crate::ssr::server_context;

/// Who is looking at a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// The resident who made it.
    Author,
    /// A resident who follows it (they reported the same problem): its timeline, not its files.
    Follower,
    Staff,
}

/// The request `reference` and how `session` may see it; `NotFound` for anyone else, so that nobody learns
/// which references exist.
pub async fn load(reference: &str, session: &CurrentSession) -> Result<(Loaded, Viewer), AppError> {
    let context = server_context();
    let reference = Reference::parse(reference).ok_or(AppError::NotFound)?;
    let requests = &context.requests.store;
    let request = requests.request(&reference).await?.ok_or(AppError::NotFound)?;
    let viewer = if session.user.role.is_staff() {
        Viewer::Staff
    } else if request.account_id == session.account_id {
        Viewer::Author
    } else if requests.is_follower(&reference, session.account_id).await? {
        Viewer::Follower
    } else {
        return Err(AppError::NotFound);
    };
    let lifecycle = &context.lifecycle;
    let events = lifecycle.events(&reference).await?;
    let files = match viewer {
        Viewer::Follower => Vec::new(),
        _ => lifecycle.request_files(&reference).await?,
    };
    Ok((Loaded { request, events, files }, viewer))
}

/// The timeline as `viewer` sees it.
pub fn view_for(loaded: Loaded, viewer: Viewer) -> RequestView {
    let context = server_context();
    let view = request_view(&context.city, &context.catalogue, loaded);
    match viewer {
        Viewer::Staff => view,
        Viewer::Author => view.for_resident(),
        Viewer::Follower => view.for_follower(),
    }
}

/// What a staff form sent, before it is checked.
#[derive(Clone, Debug, Default)]
pub struct ChangeForm {
    pub version: i64,
    pub status: String,
    pub reason: String,
    pub duplicate_of: String,
    pub team: String,
    pub note: String,
    /// "public" or "internal".
    pub visibility: String,
}

/// Checks a staff form against the request as it is, then applies it. Every problem is named against
/// its field; a form read before someone else's change is refused as `Conflict`, with nothing written.
pub async fn change(reference: &str, staff: &CurrentSession, form: &ChangeForm) -> Result<(), AppError> {
    let context = server_context();
    let (loaded, _) = load(reference, staff).await?;
    let request = loaded.request;
    if form.version != request.version {
        return Err(AppError::Conflict);
    }
    let mut problems = Vec::new();

    let status = match form.status.as_str() {
        "" => None,
        code => match Status::parse(code) {
            Some(status) if status == request.status => None,
            Some(status) if request.status.can_become(status) => Some(status),
            Some(_) => {
                problems.push(fault(Field::Status, Problem::TransitionNotAllowed));
                None
            }
            None => {
                problems.push(fault(Field::Status, Problem::ChoiceInvalid));
                None
            }
        },
    };
    let reason = match (status, form.reason.as_str()) {
        (Some(Status::Closed), "") => {
            problems.push(fault(Field::Reason, Problem::Required));
            None
        }
        (Some(Status::Closed), code) => {
            let reason = CloseReason::parse(code);
            if reason.is_none() {
                problems.push(fault(Field::Reason, Problem::ChoiceInvalid));
            }
            reason
        }
        _ => None,
    };
    let duplicate_of = match reason {
        Some(CloseReason::Duplicate) => match Reference::parse(form.duplicate_of.trim()) {
            Some(other) if other == request.reference => {
                problems.push(fault(Field::DuplicateOf, Problem::ReferenceUnknown));
                None
            }
            Some(other) if context.requests.store.request(&other).await?.is_some() => Some(other),
            _ => {
                problems.push(fault(Field::DuplicateOf, Problem::ReferenceUnknown));
                None
            }
        },
        _ => None,
    };
    let team = match form.team.as_str() {
        "" => None,
        code if request.team.as_deref() == Some(code) => None,
        code if context.city.team(code).is_some() => Some(code.to_string()),
        _ => {
            problems.push(fault(Field::Team, Problem::ChoiceInvalid));
            None
        }
    };
    let note = Note::of(Field::Note, &form.note).map_err(|e| problems.push(e)).unwrap_or_default();
    let public = match form.visibility.as_str() {
        "public" => true,
        "internal" | "" => false,
        _ => {
            problems.push(fault(Field::Visibility, Problem::ChoiceInvalid));
            false
        }
    };
    if problems.is_empty() && status.is_none() && team.is_none() && note.is_empty() {
        problems.push(fault(Field::Status, Problem::NothingChanged));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    // Residents hear when work starts, when it ends either way, and whatever staff write to them.
    let notify =
        matches!(status, Some(Status::InProgress | Status::Completed | Status::Closed)) || (public && !note.is_empty());
    let reopened = !request.status.is_open() && status.is_some_and(Status::is_open);
    let change = StaffChange {
        due_on: reopened.then(|| super::expected_on(&context.city, &context.catalogue, &request.service)).flatten(),
        version: form.version,
        actor: staff.account_id,
        status: status.map(|status| (status, reason, duplicate_of)),
        team,
        note,
        public,
        notify,
    };
    match context.lifecycle.apply(&request.reference, &change, now()).await? {
        Applied::Done => {
            context.notifications.wake();
            Ok(())
        }
        Applied::Stale => Err(AppError::Conflict),
    }
}

fn fault(field: Field, problem: Problem) -> FieldError {
    FieldError { field, problem }
}
