//! The survey's server functions: the edge.

use super::SurveyView;
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
#[cfg(feature = "ssr")]
use crate::ssr::ServerContext;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn surveys(context: &ServerContext) -> super::ssr::Surveys<'_> {
    super::ssr::Surveys {
        city: &context.city,
        catalogue: &context.catalogue,
        requests: context.requests.store.as_ref(),
        lifecycle: context.lifecycle.as_ref(),
        surveys: context.surveys.as_ref(),
    }
}

#[server(endpoint = "survey/get", output = Json)]
pub async fn get_survey(reference: String) -> Result<SurveyView, AppError> {
    let (context, caller) = crate::ssr::edge();
    let result = async {
        let (session, reference) = (caller.signed_in()?, crate::requests::model::Reference::find(&reference)?);
        super::ssr::view(surveys(&context), session, &reference).await
    };
    answer(result.await)
}

/// Saves the answer; true when a "not resolved" reopened the request.
#[server(endpoint = "survey/save", output = Json)]
pub async fn save_survey(
    reference: String,
    #[server(default)] ease: String,
    #[server(default)] satisfaction: String,
    #[server(default)] resolved: String,
    #[server(default)] comment: String,
) -> Result<bool, AppError> {
    let (context, caller) = crate::ssr::edge();
    let result = async {
        let (session, reference) = (caller.signed_in()?, crate::requests::model::Reference::find(&reference)?);
        let form =
            super::ssr::Form { ease: &ease, satisfaction: &satisfaction, resolved: &resolved, comment: &comment };
        super::ssr::save(surveys(&context), session, &reference, form).await
    };
    answer(result.await)
}
