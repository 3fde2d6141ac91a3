//! Server side of the survey: its store interface and who may answer.

use super::{Answer, SurveyView, EDITABLE_DAYS};
use crate::accounts::ssr::{now, sessions};
use crate::errors::{AppError, Field, Problem};
use crate::lifecycle::model::Status;
use crate::requests::model::Reference;
use crate::requests::ssr::StoredRequest;
use crate::ssr::server_context;

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
    /// Answered more than [`EDITABLE_DAYS`] ago: nothing changed.
    Closed,
}

#[async_trait::async_trait]
pub trait SurveyStore: Send + Sync {
    async fn survey(&self, reference: &Reference) -> anyhow::Result<Option<StoredSurvey>>;
    /// Saves the answer (the first, or a change to it within `editable_since`), in one transaction with
    /// reopening the request when it is completed and the answer says "not resolved".
    async fn save_survey(
        &self,
        reference: &Reference,
        answer: &Answer,
        editable_since: i64,
        now: i64,
    ) -> anyhow::Result<Saved>;
}

/// The request, if the signed-in resident made it: only they answer its survey.
async fn own_request(reference: &str) -> Result<StoredRequest, AppError> {
    let session = sessions::current().ok_or(AppError::SignInRequired)?;
    let reference = Reference::parse(reference).ok_or(AppError::NotFound)?;
    let request = server_context().requests.store.request(&reference).await?.ok_or(AppError::NotFound)?;
    match request.account_id == session.account_id {
        true => Ok(request),
        false => Err(AppError::NotFound),
    }
}

pub async fn view(reference: &str) -> Result<SurveyView, AppError> {
    let context = server_context();
    let request = own_request(reference).await?;
    let stored = context.surveys.survey(&request.reference).await?;
    let until = stored.as_ref().map(|s| s.created_at + EDITABLE_DAYS * 86_400);
    Ok(SurveyView {
        reference: request.reference.to_string(),
        service_name: context.catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default(),
        ask_resolved: request.status == Status::Completed
            || stored.as_ref().is_some_and(|s| s.answer.resolved.is_some()),
        editable_until: until.map(|t| crate::lifecycle::ssr::city_time(&context.city, t).chars().take(10).collect()),
        editable: until.is_none_or(|t| now() <= t),
        answer: stored.map(|s| s.answer),
    })
}

pub async fn save(
    reference: &str,
    ease: &str,
    satisfaction: &str,
    resolved: &str,
    comment: &str,
) -> Result<bool, AppError> {
    let context = server_context();
    let request = own_request(reference).await?;
    let previous = context.surveys.survey(&request.reference).await?;
    let now = now();
    let editable_since = now - EDITABLE_DAYS * 86_400;
    if previous.as_ref().is_some_and(|p| p.created_at < editable_since) {
        return Err(AppError::field(Field::Ease, Problem::SurveyClosed));
    }
    let ask_resolved =
        request.status == Status::Completed || previous.as_ref().is_some_and(|s| s.answer.resolved.is_some());
    let answer = Answer::parse(ease, satisfaction, resolved, comment, ask_resolved).map_err(AppError::Invalid)?;
    match context.surveys.save_survey(&request.reference, &answer, editable_since, now).await? {
        Saved::Saved => Ok(false),
        Saved::Reopened => Ok(true),
        Saved::Closed => Err(AppError::field(Field::Ease, Problem::SurveyClosed)),
    }
}
