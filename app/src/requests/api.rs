//! The wizard's server functions: the edge. Each parses the draft's id, takes from the context what its
//! flow uses, and hands it over (`ssr::flows`). Those that finish a step answer with the next page's
//! address and redirect there, so the forms work the same with or without JavaScript.

use super::model::{DraftView, MyRequestLists, Step};
#[cfg(feature = "ssr")]
use super::{
    model::{DraftId, Reference},
    ssr::flows,
};
#[cfg(feature = "ssr")]
use crate::accounts::ssr::limits::Action;
#[cfg(feature = "ssr")]
use crate::errors::{answer, go};
use crate::errors::{AppError, Json};
#[cfg(feature = "ssr")]
use crate::ssr::edge;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[server(endpoint = "requests/start", output = Json)]
pub async fn start_request(service: String) -> Result<String, AppError> {
    let (context, caller) = edge();
    let result = async {
        // Counted per account, or per address for a resident signed out.
        let who = caller.account().map_or_else(|| caller.ip.to_string(), |account| account.to_string());
        context.accounts.limits.check(Action::StartDraft, caller.ip, &who).await?;
        let code = crate::catalogue::Code::parse(&service).ok_or(AppError::NotFound)?;
        let draft = flows::start(&context.catalogue, &context.requests, caller.account(), &code, None).await?;
        Ok(crate::routes::draft_step(&draft, Step::Where))
    };
    go(result.await)
}

#[server(endpoint = "requests/draft", output = Json)]
pub async fn get_draft(draft: String, step: Step) -> Result<DraftView, AppError> {
    let (context, caller) = edge();
    let result = async {
        flows::view(&context.catalogue, &context.city, &context.requests, &caller, &DraftId::find(&draft)?, step).await
    };
    answer(result.await)
}

#[server(endpoint = "requests/place", output = Json)]
pub async fn save_place(
    draft: String,
    address: Option<String>,
    place_note: Option<String>,
) -> Result<String, AppError> {
    let (context, caller) = edge();
    let (address, note) = (address.unwrap_or_default(), place_note.unwrap_or_default());
    let result = async {
        let id = DraftId::find(&draft)?;
        flows::save_place(&context.requests, &context.addresses, &caller, &id, &address, &note).await
    };
    go(result.await)
}

#[server(endpoint = "requests/details", output = Json)]
pub async fn save_details(
    draft: String,
    #[server(default)] answers: BTreeMap<String, Vec<String>>,
    description: String,
) -> Result<String, AppError> {
    let (context, caller) = edge();
    let result = async {
        let id = DraftId::find(&draft)?;
        flows::save_details(&context.catalogue, &context.requests, &caller, &id, &answers, &description).await
    };
    go(result.await)
}

#[server(endpoint = "requests/remove_file", output = Json)]
pub async fn remove_file(draft: String, file: String) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async { flows::remove_file(&context.requests, &caller, &DraftId::find(&draft)?, &file).await };
    answer(result.await)
}

#[server(endpoint = "requests/submit", output = Json)]
pub async fn submit_request(draft: String) -> Result<String, AppError> {
    let (context, caller) = edge();
    let result = async { submit_draft(&context, &caller, &DraftId::find(&draft)?).await };
    go(result.await)
}

/// Submits the draft (step 4, or the agent's one-page form) and answers with the request's page.
#[cfg(feature = "ssr")]
pub(crate) async fn submit_draft(
    context: &crate::ssr::ServerContext,
    caller: &crate::accounts::ssr::sessions::Caller,
    draft: &DraftId,
) -> Result<String, AppError> {
    let with =
        flows::Submitting { catalogue: &context.catalogue, city: &context.city, bell: context.notifications.bell() };
    let submitted = flows::submit(with, &context.requests, caller, draft).await?;
    // Filed by an agent from a live chat: the resident reads the reference there at once.
    if let (Some((conversation, reference)), Some(agent)) = (submitted.from_chat, &caller.session) {
        crate::chat::ssr::flows::tell_request_filed(&context.chat, agent.account_id, conversation, &reference).await;
    }
    Ok(submitted.path)
}

/// Gives up the draft and follows the open request nearby instead.
#[server(endpoint = "requests/follow", output = Json)]
pub async fn follow_nearby(draft: String) -> Result<String, AppError> {
    let (context, caller) = edge();
    let result =
        async { flows::follow_nearby(&context.catalogue, &context.requests, &caller, &DraftId::find(&draft)?).await };
    go(result.await)
}

#[server(endpoint = "requests/mine", output = Json)]
pub async fn my_requests() -> Result<MyRequestLists, AppError> {
    let (context, caller) = edge();
    answer(flows::mine(&context.catalogue, &context.city, &context.requests, &caller).await)
}

/// Stops following a request; answers "My requests" as they are now.
#[server(endpoint = "requests/unfollow", output = Json)]
pub async fn unfollow(reference: String) -> Result<MyRequestLists, AppError> {
    let (context, caller) = edge();
    let result = async {
        flows::unfollow(&context.requests, &caller, &Reference::find(&reference)?).await?;
        flows::mine(&context.catalogue, &context.city, &context.requests, &caller).await
    };
    answer(result.await)
}
