//! The agents' chat server functions: the edge. Each checks a staff member is signed in (401, 403), and
//! acts only on the chats that agent has (404 for anyone else's).

use super::model::{Canned, DeskUpdate, MissedChat};
#[cfg(feature = "ssr")]
use super::ssr::flows;
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
#[cfg(feature = "ssr")]
use crate::ssr::edge;
#[cfg(feature = "ssr")]
use crate::staff::ssr::require_staff;
use leptos::prelude::*;

/// The console's first picture (its stream sends the changes), with the city's canned answers.
#[server(endpoint = "staff/chat/desk", output = Json)]
pub async fn get_desk() -> Result<(DeskUpdate, Vec<Canned>), AppError> {
    let (context, caller) = edge();
    let result = async {
        let agent = require_staff(&caller)?.account_id;
        let requests = context.requests.store.as_ref();
        let mut known = Default::default();
        let desk = flows::desk_update(&context.chat, &context.city, &context.catalogue, requests, agent, &mut known);
        Ok((desk.await?, context.chat.settings.canned.clone()))
    };
    answer(result.await)
}

/// "Available for chat", on or off.
#[server(endpoint = "staff/chat/available", output = Json)]
pub async fn set_available(available: bool) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async {
        let agent = require_staff(&caller)?.account_id;
        flows::set_available(&context.chat, agent, available).await
    };
    answer(result.await)
}

/// Takes the oldest chat in the queue: its id, or `None` when nobody is waiting.
#[server(endpoint = "staff/chat/take", output = Json)]
pub async fn take_next() -> Result<Option<i64>, AppError> {
    let (context, caller) = edge();
    let result = async {
        let agent = require_staff(&caller)?.account_id;
        flows::take_next(&context.chat, agent).await
    };
    answer(result.await)
}

#[server(endpoint = "staff/chat/send", output = Json)]
pub async fn agent_send(conversation: i64, #[server(default)] message: String) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async {
        let agent = require_staff(&caller)?.account_id;
        let conversation = flows::agents_conversation(&context.chat, agent, conversation).await?;
        let text = super::model::MessageText::of(crate::errors::Field::Message, &message)?;
        flows::agent_send(&context.chat, agent, &conversation, &text).await
    };
    answer(result.await)
}

/// Hands the chat back to the queue (`to` empty) or to a colleague (their account id), with a note.
#[server(endpoint = "staff/chat/transfer", output = Json)]
pub async fn transfer(
    conversation: i64,
    #[server(default)] to: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::errors::Field;
    let (context, caller) = edge();
    let result = async {
        let agent = require_staff(&caller)?.account_id;
        let conversation = flows::agents_conversation(&context.chat, agent, conversation).await?;
        let to = match to.trim() {
            "" => None,
            // Not a colleague's id: nobody to hand it to.
            id => Some(id.parse().map(crate::accounts::ssr::AccountId).map_err(|_| AppError::NotFound)?),
        };
        let note = crate::lifecycle::model::Note::of(Field::Note, &note)?;
        flows::transfer(&context.chat, agent, &conversation, to, &note).await
    };
    answer(result.await)
}

#[server(endpoint = "staff/chat/close", output = Json)]
pub async fn close(conversation: i64) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async {
        let agent = require_staff(&caller)?.account_id;
        let conversation = flows::agents_conversation(&context.chat, agent, conversation).await?;
        flows::close(&context.chat, agent, &conversation).await
    };
    answer(result.await)
}

/// Chats nobody answered, to follow up by e-mail or phone.
#[server(endpoint = "staff/chat/missed", output = Json)]
pub async fn get_missed() -> Result<Vec<MissedChat>, AppError> {
    let (context, caller) = edge();
    let result = async {
        require_staff(&caller)?;
        Ok(flows::missed(&context.chat, &context.city).await?)
    };
    answer(result.await)
}

/// A missed chat was followed up: it leaves the list.
#[server(endpoint = "staff/chat/followed-up", output = Json)]
pub async fn follow_up(conversation: i64) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async {
        let agent = require_staff(&caller)?.account_id;
        flows::follow_up(&context.chat, agent, conversation).await
    };
    answer(result.await)
}
