//! Server side of the survey: its store interface and who may answer.

use super::{Answer, SurveyView, EDITABLE_DAYS};
use crate::accounts::ssr::{now, sessions::CurrentSession};
use crate::catalogue::Catalogue;
use crate::city::ssr::City;
use crate::errors::{AppError, Field, Problem};
use crate::lifecycle::model::Status;
use crate::lifecycle::ssr::{LifecycleStore, StoredKind};
use crate::requests::model::Reference;
use crate::requests::ssr::{access, expected_on, RequestStore, StoredRequest};

/// A survey answer as stored, with when it was first given.
#[derive(Clone, Debug)]
pub struct StoredSurvey {
    pub answer: Answer,
    pub created_at: i64,
}

/// What became of a survey answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    Saved,
    /// Saved, and the completed request was reopened.
    Reopened,
}

#[async_trait::async_trait]
pub trait SurveyStore: Send + Sync {
    async fn survey(&self, reference: &Reference) -> anyhow::Result<Option<StoredSurvey>>;
    /// Saves the answer (the first, or a change to it), in one transaction with reopening the request
    /// when it is completed and the answer says "not resolved"; a reopened request is then expected by
    /// `reopened_due_on`.
    async fn save_survey(
        &self,
        reference: &Reference,
        answer: &Answer,
        reopened_due_on: Option<jiff::civil::Date>,
        now: i64,
    ) -> anyhow::Result<Saved>;
}

/// What the survey reads and writes.
#[derive(Clone, Copy)]
pub struct Surveys<'a> {
    pub city: &'a City,
    pub catalogue: &'a Catalogue,
    pub requests: &'a dyn RequestStore,
    pub lifecycle: &'a dyn LifecycleStore,
    pub surveys: &'a dyn SurveyStore,
}

/// Until when an answer may be changed: [`EDITABLE_DAYS`] from the first answer, or from the request's
/// last completion if that came later, so that "Was it resolved?" can always be answered once the work
/// is done, however early the rest of the survey was.
async fn editable_until(
    lifecycle: &dyn LifecycleStore,
    request: &StoredRequest,
    previous: Option<&StoredSurvey>,
) -> anyhow::Result<Option<i64>> {
    let Some(previous) = previous else { return Ok(None) };
    let events = lifecycle.events(&request.reference).await?;
    let completed = events
        .iter()
        .filter(|event| matches!(event.kind, StoredKind::Status { status: Status::Completed, .. }))
        .map(|event| event.at)
        .max();
    let start = completed.map_or(previous.created_at, |at| at.max(previous.created_at));
    Ok(Some(start + EDITABLE_DAYS * 86_400))
}

/// "Was it resolved?" is asked once the request is completed, and stays once answered.
fn asks_resolved(request: &StoredRequest, previous: Option<&StoredSurvey>) -> bool {
    request.status == Status::Completed || previous.is_some_and(|s| s.answer.resolved.is_some())
}

pub async fn view(with: Surveys<'_>, session: &CurrentSession, reference: &Reference) -> Result<SurveyView, AppError> {
    let request = access::own(with.requests, reference, session).await?;
    let stored = with.surveys.survey(&request.reference).await?;
    let until = editable_until(with.lifecycle, &request, stored.as_ref()).await?;
    Ok(SurveyView {
        reference: request.reference,
        service_name: with.catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default(),
        ask_resolved: asks_resolved(&request, stored.as_ref()),
        editable_until: until.map(|t| with.city.day_of(t)),
        editable: until.is_none_or(|t| now() <= t),
        answer: stored.map(|s| s.answer),
    })
}

/// The survey form as sent: ease, satisfaction, resolved, comment. Checked against the request as it is
/// ("resolved" is asked once it is completed), so parsed here rather than at the edge.
pub struct Form<'a> {
    pub ease: &'a str,
    pub satisfaction: &'a str,
    pub resolved: &'a str,
    pub comment: &'a str,
}

pub async fn save(
    with: Surveys<'_>,
    session: &CurrentSession,
    reference: &Reference,
    form: Form<'_>,
) -> Result<bool, AppError> {
    let request = access::own(with.requests, reference, session).await?;
    let previous = with.surveys.survey(&request.reference).await?;
    let now = now();
    if editable_until(with.lifecycle, &request, previous.as_ref()).await?.is_some_and(|until| now > until) {
        return Err(AppError::field(Field::Ease, Problem::SurveyClosed));
    }
    let ask_resolved = asks_resolved(&request, previous.as_ref());
    let Form { ease, satisfaction, resolved, comment } = form;
    let answer = Answer::parse(ease, satisfaction, resolved, comment, ask_resolved).map_err(AppError::Invalid)?;
    let due = expected_on(with.city, with.catalogue, &request.service);
    match with.surveys.save_survey(&request.reference, &answer, due, now).await? {
        Saved::Saved => Ok(false),
        Saved::Reopened => Ok(true),
    }
}
