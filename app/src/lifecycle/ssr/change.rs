//! A staff form, checked against the request as it is: a pure function, so that every rule has a unit test.

use crate::city::ssr::City;
use crate::errors::{AppError, Field, Problem, Problems};
use crate::lifecycle::model::{CloseReason, Note, Status};
use crate::requests::model::Reference;
use crate::requests::ssr::StoredRequest;

/// What a staff form sent, before it is checked.
#[derive(Clone, Debug, Default)]
pub struct Form {
    pub version: i64,
    pub status: String,
    pub reason: String,
    pub duplicate_of: String,
    pub team: String,
    pub note: String,
    /// "public" or "internal".
    pub visibility: String,
}

/// The form, checked: what actually changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub status: Option<(Status, Option<CloseReason>, Option<Reference>)>,
    pub team: Option<String>,
    pub note: Note,
    pub public: bool,
}

impl Checked {
    /// Residents hear when work starts, when it ends either way, and whatever staff write to them.
    pub fn notifies(&self) -> bool {
        let status = self.status.map(|(status, ..)| status);
        matches!(status, Some(Status::InProgress | Status::Completed | Status::Closed))
            || (self.public && !self.note.is_empty())
    }
}

/// Checks `form` against `request`. `duplicate_exists`: the reference in `duplicate_of` names a request.
/// A form read before someone else's change is a `Conflict`; otherwise every problem is named at once.
pub fn check(request: &StoredRequest, form: &Form, city: &City, duplicate_exists: bool) -> Result<Checked, AppError> {
    if form.version != request.version {
        return Err(AppError::Conflict);
    }
    let mut problems = Problems::default();
    let status = match form.status.as_str() {
        "" => None,
        code => match Status::parse(code) {
            Some(status) if status == request.status => None,
            Some(status) if request.status.can_become(status) => Some(status),
            Some(_) => {
                problems.add(Field::Status, Problem::TransitionNotAllowed);
                None
            }
            None => {
                problems.add(Field::Status, Problem::ChoiceInvalid);
                None
            }
        },
    };
    let reason = match (status, form.reason.as_str()) {
        (Some(Status::Closed), code) => {
            problems.check(Field::Reason, code, CloseReason::parse(code), Problem::ChoiceInvalid)
        }
        _ => None,
    };
    let duplicate_of = match reason {
        Some(CloseReason::Duplicate) => {
            let other = Reference::parse(form.duplicate_of.trim()).filter(|other| *other != request.reference);
            let other = other.filter(|_| duplicate_exists);
            if other.is_none() {
                problems.add(Field::DuplicateOf, Problem::ReferenceUnknown);
            }
            other
        }
        _ => None,
    };
    let team = match form.team.as_str() {
        "" => None,
        code if request.team.as_deref() == Some(code) => None,
        code if city.team(code).is_some() => Some(code.to_string()),
        _ => {
            problems.add(Field::Team, Problem::ChoiceInvalid);
            None
        }
    };
    let note = problems.take(Note::of(Field::Note, &form.note)).unwrap_or_default();
    let public = match form.visibility.as_str() {
        "public" => true,
        "internal" | "" => false,
        _ => {
            problems.add(Field::Visibility, Problem::ChoiceInvalid);
            false
        }
    };
    if problems.is_empty() && status.is_none() && team.is_none() && note.is_empty() {
        problems.add(Field::Status, Problem::NothingChanged);
    }
    problems.done()?;
    Ok(Checked { status: status.map(|status| (status, reason, duplicate_of)), team, note, public })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::ssr::AccountId;
    use crate::catalogue::Code;
    use crate::city::ssr::tests::ontario;
    use crate::errors::FieldError;

    fn request(status: Status) -> StoredRequest {
        StoredRequest {
            reference: Reference::parse("2026-000042").unwrap(),
            account_id: AccountId(1),
            service: Code::parse("pothole").unwrap(),
            address: "200 Brady St".into(),
            place_note: String::new(),
            description: String::new(),
            status,
            close_reason: None,
            team: None,
            due_on: None,
            attention: None,
            version: 3,
            created_at: 0,
            channel: crate::requests::model::ContactChannel::Web,
            client: None,
        }
    }

    fn form(status: &str) -> Form {
        Form { version: 3, status: status.into(), ..Form::default() }
    }

    fn problems(result: Result<Checked, AppError>) -> Vec<FieldError> {
        match result {
            Err(AppError::Invalid(problems)) => problems,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    fn fields(result: Result<Checked, AppError>) -> Vec<(Field, Problem)> {
        problems(result).into_iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn a_stale_form_is_a_conflict_before_anything_else() {
        let stale = Form { version: 2, status: "nonsense".into(), ..Form::default() };
        assert_eq!(check(&request(Status::Received), &stale, &ontario(), false), Err(AppError::Conflict));
    }

    #[test]
    fn moves_follow_the_statuses_rules_and_starting_work_tells_the_resident() {
        let city = ontario();
        let started = check(&request(Status::Received), &form("in_progress"), &city, false).unwrap();
        assert_eq!(started.status, Some((Status::InProgress, None, None)));
        assert!(started.notifies());
        assert_eq!(
            fields(check(&request(Status::Received), &form("unknown"), &city, false)),
            [(Field::Status, Problem::ChoiceInvalid)]
        );
        assert_eq!(
            fields(check(&request(Status::Closed), &form("completed"), &city, false)),
            [(Field::Status, Problem::TransitionNotAllowed)]
        );
        // The same status again is no change at all.
        assert_eq!(
            fields(check(&request(Status::Received), &form("received"), &city, false)),
            [(Field::Status, Problem::NothingChanged)]
        );
    }

    #[test]
    fn closing_needs_a_reason_and_a_duplicate_names_another_existing_request() {
        let city = ontario();
        let open = request(Status::InProgress);
        assert_eq!(fields(check(&open, &form("closed"), &city, false)), [(Field::Reason, Problem::Required)]);
        let bad_reason = Form { reason: "bored".into(), ..form("closed") };
        assert_eq!(fields(check(&open, &bad_reason, &city, false)), [(Field::Reason, Problem::ChoiceInvalid)]);
        let duplicate = |other: &str| Form { reason: "duplicate".into(), duplicate_of: other.into(), ..form("closed") };
        let unknown = [(Field::DuplicateOf, Problem::ReferenceUnknown)];
        assert_eq!(fields(check(&open, &duplicate("2026-000007"), &city, false)), unknown);
        assert_eq!(fields(check(&open, &duplicate("2026-000042"), &city, true)), unknown, "not itself");
        assert_eq!(fields(check(&open, &duplicate("garbage"), &city, true)), unknown);
        let closed = check(&open, &duplicate(" 2026-000007 "), &city, true).unwrap();
        let other = Reference::parse("2026-000007");
        assert_eq!(closed.status, Some((Status::Closed, Some(CloseReason::Duplicate), other)));
        assert!(closed.notifies());
    }

    #[test]
    fn teams_notes_and_visibility() {
        let city = ontario();
        let open = request(Status::Received);
        let bad = Form { team: "nobody".into(), visibility: "everyone".into(), note: "x".repeat(5000), ..form("") };
        assert_eq!(
            fields(check(&open, &bad, &city, false)),
            [
                (Field::Team, Problem::ChoiceInvalid),
                (Field::Note, Problem::TooLong),
                (Field::Visibility, Problem::ChoiceInvalid)
            ]
        );
        let internal = check(&open, &Form { note: "Called the resident".into(), ..form("") }, &city, false).unwrap();
        assert!(!internal.public && !internal.notifies(), "an internal note tells nobody");
        let public = Form { note: "Crew booked".into(), visibility: "public".into(), ..form("") };
        assert!(check(&open, &public, &city, false).unwrap().notifies());
    }
}
