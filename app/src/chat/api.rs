//! The resident's chat server functions: the edge. The conversation is the one the browser's chat cookie
//! names; every function finds it through the cookie, so nobody reaches another's chat (404).
//! Each form redirects back to `/chat`, so the page also works without JavaScript (reload to see replies).

use super::model::{ChatUpdate, PastChat};
#[cfg(feature = "ssr")]
use super::ssr::{flows, Conversation};
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
#[cfg(feature = "ssr")]
use crate::ssr::{edge, ServerContext};
use leptos::prelude::*;

/// The conversation this browser's cookie names, if any.
#[cfg(feature = "ssr")]
async fn current(context: &ServerContext) -> Result<Option<Conversation>, AppError> {
    let parts = use_context::<http::request::Parts>();
    let Some(hash) =
        parts.as_ref().and_then(|parts| super::ssr::token_hash_in(&parts.headers, context.accounts.site.secure()))
    else {
        return Ok(None);
    };
    Ok(context.chat.store.conversation_by_token(&hash).await?)
}

#[cfg(feature = "ssr")]
async fn required(context: &ServerContext) -> Result<Conversation, AppError> {
    current(context).await?.ok_or(AppError::NotFound)
}

/// Without JavaScript, back to the chat page; with it, the page follows its stream.
#[cfg(feature = "ssr")]
fn back() {
    leptos_axum::redirect(crate::routes::CHAT);
}

/// The page's first picture of the conversation; `None`: there is none, the start form shows.
#[server(endpoint = "chat/current", output = Json)]
pub async fn get_chat() -> Result<Option<ChatUpdate>, AppError> {
    let (context, caller) = edge();
    let result = async {
        let Some(conversation) = current(&context).await? else { return Ok(None) };
        Ok(Some(flows::resident_update(&context.chat, &context.city, &conversation, 0, caller.account()).await?))
    };
    answer(result.await)
}

/// Starts a chat. Signed in, the account's name is used; signed out, a name and optionally an e-mail
/// address (shown to the agent to follow up; the portal never mails it). While this browser has a chat
/// going, it is that one.
#[server(endpoint = "chat/start", output = Json)]
pub async fn start_chat(
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::accounts::model::{Email, PersonName};
    use crate::errors::{Field, Problem, Problems};
    let (context, caller) = edge();
    let result = async {
        if current(&context).await?.is_some_and(|c| c.state.is_live()) {
            back();
            return Ok(());
        }
        let mut problems = Problems::default();
        let account = match caller.account() {
            Some(id) => context.accounts.store.account(id).await?,
            None => None,
        };
        let (name, email) = match &account {
            Some(account) => (account.name.clone(), account.email.clone()),
            None => {
                let name = PersonName::parse(&name);
                if name.is_none() {
                    problems.add(Field::Name, Problem::NameInvalid);
                }
                let email = match email.trim() {
                    "" => None,
                    typed => Email::parse(typed).or_else(|| {
                        problems.add(Field::Email, Problem::EmailInvalid);
                        None
                    }),
                };
                (name, email)
            }
        };
        let message = match message.trim() {
            "" => None,
            typed => problems.take(super::model::MessageText::of(Field::Message, typed)),
        };
        problems.done()?;
        let name = name.ok_or(AppError::SignInRequired)?;
        let token = crate::accounts::ssr::tokens::new_token();
        let hash = crate::accounts::ssr::tokens::hash(&token);
        let start = flows::Start { name, email, message };
        flows::start(&context.chat, &context.city, start, caller.account(), caller.lang, hash).await?;
        super::ssr::put_cookie(Some(&token), context.accounts.site.secure());
        back();
        Ok(())
    };
    answer(result.await)
}

#[server(endpoint = "chat/send", output = Json)]
pub async fn send_chat(#[server(default)] message: String) -> Result<(), AppError> {
    let (context, _) = edge();
    let result = async {
        let conversation = required(&context).await?;
        let text = super::model::MessageText::of(crate::errors::Field::Message, &message)?;
        flows::send(&context.chat, &conversation, &text).await?;
        back();
        Ok(())
    };
    answer(result.await)
}

/// Leaves the queue, or ends the conversation.
#[server(endpoint = "chat/leave", output = Json)]
pub async fn leave_chat() -> Result<(), AppError> {
    let (context, _) = edge();
    let result = async {
        flows::leave(&context.chat, &required(&context).await?).await?;
        back();
        Ok(())
    };
    answer(result.await)
}

/// The 1–5 rating and a comment, once, after the chat.
#[server(endpoint = "chat/rate", output = Json)]
pub async fn rate_chat(#[server(default)] rating: String, #[server(default)] comment: String) -> Result<(), AppError> {
    use crate::errors::{Field, Problems};
    let (context, _) = edge();
    let result = async {
        let conversation = required(&context).await?;
        let mut problems = Problems::default();
        let rating = problems.take(flows::parse_rating(&rating));
        let comment = problems.take(crate::lifecycle::model::Note::of(Field::Comment, &comment));
        let (rating, comment) = problems.finish(rating.zip(comment))?;
        flows::rate(&context.chat, &conversation, rating, &comment).await?;
        back();
        Ok(())
    };
    answer(result.await)
}

/// E-mails the transcript to the signed-in resident's own account address.
#[server(endpoint = "chat/transcript", output = Json)]
pub async fn email_transcript() -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async {
        let session = caller.signed_in()?;
        let conversation = required(&context).await?;
        let account = context.accounts.store.account(session.account_id).await?.ok_or(AppError::SignInRequired)?;
        let (mailer, link) = (context.accounts.mailer.as_ref(), context.accounts.site.link(crate::routes::MY_CHATS));
        flows::email_transcript(&context.chat, &context.city, mailer, &conversation, &account, link).await?;
        back();
        Ok(())
    };
    answer(result.await)
}

/// After a chat has ended: forget it in this browser, so that the start form shows again.
#[server(endpoint = "chat/new", output = Json)]
pub async fn new_chat() -> Result<(), AppError> {
    let (context, _) = edge();
    let result = async {
        back();
        if !current(&context).await?.is_some_and(|c| c.state.is_live()) {
            super::ssr::put_cookie(None, context.accounts.site.secure());
        }
        Ok(())
    };
    answer(result.await)
}

/// "My chats": the signed-in resident's conversations, newest first.
#[server(endpoint = "chat/mine", output = Json)]
pub async fn my_chats() -> Result<Vec<PastChat>, AppError> {
    let (context, caller) = edge();
    let result = async {
        let session = caller.signed_in()?;
        Ok(flows::past_chats(&context.chat, &context.city, session.account_id).await?)
    };
    answer(result.await)
}
