//! The contact page's server functions (/api/staff/intake/...): the edge. Each checks, on the server,
//! that a staff member is signed in, parses the form and hands the flow what it needs. Those that move
//! the agent on answer with the next page's address and redirect there (with or without JavaScript).

// One argument per form field, and the browser's copy that `#[server]` generates does not carry a
// function's own `allow`.
#![allow(clippy::too_many_arguments)]

use super::model::ContactPage;
#[cfg(feature = "ssr")]
use super::{
    model::ContactState,
    ssr::{flows, forms},
};
#[cfg(feature = "ssr")]
use crate::accounts::ssr::{limits::Action, AccountId};
#[cfg(feature = "ssr")]
use crate::errors::{answer, go};
use crate::errors::{AppError, Json};
use crate::requests::model::DraftView;
#[cfg(feature = "ssr")]
use crate::requests::{model::DraftId, ssr::flows as requests_flows};
#[cfg(feature = "ssr")]
use crate::ssr::edge;
#[cfg(feature = "ssr")]
use crate::staff::ssr::require_staff;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// An account id from a form or an address; anything else is a caller we do not have.
#[cfg(feature = "ssr")]
fn account_id(text: &str) -> Result<AccountId, AppError> {
    text.trim().parse().map(AccountId).map_err(|_| AppError::NotFound)
}

#[server(endpoint = "staff/intake/page", output = Json)]
pub async fn get_contact_page(#[server(default)] q: String, caller: Option<String>) -> Result<ContactPage, AppError> {
    let (context, who) = edge();
    let result = async {
        let agent = require_staff(&who)?;
        if !q.trim().is_empty() {
            context.accounts.limits.check(Action::FindCaller, who.ip, &agent.account_id.to_string()).await?;
        }
        let chosen = caller.as_deref().map(account_id).transpose()?;
        let (requests, intake) = (context.requests.store.as_ref(), context.intake.as_ref());
        flows::page(&context.city, &context.catalogue, &context.accounts, intake, requests, &q, chosen).await
    };
    answer(result.await)
}

/// A profile for a caller who has none (or the one they have: the page says so).
#[server(endpoint = "staff/intake/profile", output = Json)]
pub async fn create_profile(
    channel: String,
    name: String,
    #[server(default)] email: String,
    #[server(default)] mobile: String,
    lang: String,
    updates_by: String,
) -> Result<String, AppError> {
    let (context, who) = edge();
    let result = async {
        let agent = require_staff(&who)?;
        context.accounts.limits.check(Action::NewProfile, who.ip, &agent.account_id.to_string()).await?;
        let form = forms::CallerProfile::parse(&channel, &name, &email, &mobile, &lang, &updates_by)?;
        let (channel, lang) = (form.channel.code().to_string(), form.details.lang.code().to_string());
        let (id, existing) =
            flows::create_profile(&context.accounts, context.intake.as_ref(), agent, &who, form).await?;
        Ok(ContactState { channel, lang, caller: Some(id.0), existing, ..Default::default() }.address())
    };
    go(result.await)
}

/// Gives the chosen caller's profile (no password yet) their e-mail address, or joins it to the account
/// that has it.
#[server(endpoint = "staff/intake/link", output = Json)]
pub async fn link_email(caller: String, channel: String, lang: String, email: String) -> Result<String, AppError> {
    let (context, who) = edge();
    let result = async {
        let agent = require_staff(&who)?;
        let (channel, lang) = forms::contact(&channel, &lang)?;
        let (caller, email) = (account_id(&caller)?, crate::accounts::ssr::forms::email(&email)?);
        let shown = flows::link_email(context.intake.as_ref(), agent, caller, &email).await?;
        let (channel, lang) = (channel.code().to_string(), lang.code().to_string());
        Ok(ContactState { channel, lang, caller: Some(shown.0), ..Default::default() }.address())
    };
    go(result.await)
}

/// Starts filing a request for the chosen caller: the one-page form, on the agent's draft.
#[server(endpoint = "staff/intake/file", output = Json)]
pub async fn file_for_caller(
    caller: String,
    channel: String,
    lang: String,
    #[server(default)] service: String,
    #[server(default)] chat: String,
) -> Result<String, AppError> {
    let (context, who) = edge();
    let result = async {
        let agent = require_staff(&who)?;
        context.accounts.limits.check(Action::StartDraft, who.ip, &agent.account_id.to_string()).await?;
        let (channel, lang, service) = forms::filing(&context.catalogue, &channel, &lang, &service)?;
        // A chat that is not a number names no chat of this agent's.
        let chat = match chat.trim() {
            "" => None,
            id => Some(id.parse().map_err(|_| AppError::NotFound)?),
        };
        let call = flows::Call { caller: account_id(&caller)?, channel, lang, chat };
        let (catalogue, requests) = (&context.catalogue, &context.requests);
        flows::file_for(catalogue, &context.accounts, requests, (&context.chat, &context.city), agent, call, &service)
            .await
    };
    go(result.await)
}

/// The draft of the agent's one-page form: the request being filed for a caller.
#[server(endpoint = "staff/intake/draft", output = Json)]
pub async fn get_call_request(draft: String) -> Result<DraftView, AppError> {
    let (context, who) = edge();
    let result = async {
        require_staff(&who)?;
        let id = DraftId::find(&draft)?;
        let step = crate::requests::model::Step::Where;
        let view = requests_flows::view(&context.catalogue, &context.city, &context.requests, &who, &id, step).await?;
        // An agent's own draft for themselves belongs to the wizard, not here.
        view.for_caller.is_some().then_some(view).ok_or(AppError::NotFound)
    };
    answer(result.await)
}

/// The agent's one-page form, sent: the address, the answers and the description checked together
/// (nothing saved while one is wrong), then the request submitted for the caller.
#[server(endpoint = "staff/intake/request", output = Json)]
pub async fn file_call_request(
    draft: String,
    #[server(default)] address: String,
    #[server(default)] place_note: String,
    #[server(default)] answers: BTreeMap<String, Vec<String>>,
    #[server(default)] description: String,
) -> Result<String, AppError> {
    let (context, who) = edge();
    let result = async {
        require_staff(&who)?;
        let id = DraftId::find(&draft)?;
        let form = requests_flows::WholeForm {
            address: &address,
            place_note: &place_note,
            answers: &answers,
            description: &description,
        };
        let (catalogue, requests) = (&context.catalogue, &context.requests);
        requests_flows::save_whole(catalogue, requests, &context.addresses, &who, &id, form).await?;
        crate::requests::api::submit_draft(&context, &who, &id).await
    };
    go(result.await)
}

/// Logs a contact that was not a request; `caller` when the agent knows who it was.
#[server(endpoint = "staff/intake/inquiry", output = Json)]
pub async fn log_inquiry(
    channel: String,
    lang: String,
    #[server(default)] caller: String,
    #[server(default)] topic: String,
    #[server(default)] outcome: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let (context, who) = edge();
    let result = async {
        let agent = require_staff(&who)?;
        let form = forms::InquiryForm::parse(&context.catalogue, &channel, &lang, &topic, &outcome, &note)?;
        let caller = match caller.trim() {
            "" => None,
            id => Some(account_id(id)?),
        };
        flows::log_inquiry(&context.accounts, context.intake.as_ref(), agent, caller, form).await
    };
    answer(result.await)
}
