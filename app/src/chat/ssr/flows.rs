//! What each chat server function does once the edge has parsed its input and found the conversation,
//! and the two background jobs: keeping the desk's "open" flag current, and marking unanswered chats missed.

use super::{
    any_room, chat_open, AgentLoad, Change, Chat, ChatSignal, Conversation, NewConversation, StoredMessage, Writer,
};
use crate::accounts::model::{Email, PersonName};
use crate::accounts::ssr::mail::{compose_with, Kind, Mailer};
use crate::accounts::ssr::Account;
use crate::accounts::ssr::{now, AccountId};
use crate::catalogue::Catalogue;
use crate::chat::model::{
    estimated_wait, AgentChat, Author, ChatMessage, ChatState, ChatUpdate, DeskUpdate, Figures, MessageText,
    MissedChat, Move, PastChat, QueueSpot, SystemEvent, WaitingChat,
};
use crate::city::ssr::City;
use crate::errors::{AppError, Field, FieldError, Problem};
use crate::i18n::{Arg, Lang};
use crate::lifecycle::model::Note;
use crate::requests::model::Reference;
use crate::requests::ssr::RequestStore;
use std::collections::HashMap;

/// Recent waits the estimate is the median of.
const WAITS_OVER_SECONDS: i64 = 7 * 24 * 3600;

/// A new chat, parsed at the edge: a signed-out resident's name and optional e-mail, the first message.
pub struct Start {
    pub name: PersonName,
    pub email: Option<Email>,
    pub message: Option<MessageText>,
}

/// Opens a conversation for whoever holds `token_hash`, if the desk can answer now.
pub async fn start(
    chat: &Chat,
    city: &City,
    start: Start,
    account: Option<AccountId>,
    lang: Lang,
    token_hash: Vec<u8>,
) -> Result<i64, AppError> {
    if !chat_open(city, jiff::Timestamp::now(), chat.desk_open()) {
        return Err(AppError::ChatUnavailable);
    }
    let new = NewConversation {
        token_hash,
        account_id: account,
        name: start.name.as_str().to_string(),
        email: start.email.map(|email| email.as_str().to_string()),
        lang,
        first_message: start.message.map(|text| text.as_str().to_string()),
        at: now(),
    };
    let id = chat.store.open(&new).await?;
    chat.bus.publish(ChatSignal::Desk);
    Ok(id)
}

/// The resident's conversation as their page shows it: messages after `after`, state, place in line.
pub async fn resident_update(
    chat: &Chat,
    city: &City,
    conversation: &Conversation,
    after: i64,
    signed_in: Option<AccountId>,
) -> anyhow::Result<ChatUpdate> {
    let messages = chat.store.messages(conversation.id, after, false).await?;
    let queue = match conversation.state.is_queued() {
        true => Some(queue_spot(chat, conversation.id).await?),
        false => None,
    };
    Ok(ChatUpdate {
        state: conversation.state,
        queue,
        messages: messages.iter().map(|message| shown(city, message, None)).collect(),
        rated: conversation.rated,
        can_email: signed_in.is_some() && signed_in == conversation.account_id,
    })
}

async fn queue_spot(chat: &Chat, id: i64) -> anyhow::Result<QueueSpot> {
    let queued = chat.store.queued().await?;
    let position = queued.iter().position(|c| c.id == id).map_or(1, |index| index + 1) as u32;
    let waits = chat.store.waits_since(now() - WAITS_OVER_SECONDS).await?;
    Ok(QueueSpot { position, wait_minutes: estimated_wait(waits) })
}

/// A stored message as a page shows it; `resident` names the resident on an agent's screen.
fn shown(city: &City, message: &StoredMessage, resident: Option<&str>) -> ChatMessage {
    let name = match message.author {
        Author::Resident => resident.unwrap_or_default().to_string(),
        // Residents see an agent's first name only.
        _ => message.agent_name.as_deref().map(first_name).unwrap_or_default().to_string(),
    };
    let at = city.time_of(message.created_at);
    ChatMessage {
        id: message.id,
        author: message.author,
        name,
        body: message.body.clone(),
        at: at.get(11..).unwrap_or(&at).to_string(),
    }
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// The resident writes. Refused when the chat is over (409) or comes too fast (429); nothing is saved then.
pub async fn send(chat: &Chat, conversation: &Conversation, text: &MessageText) -> Result<(), AppError> {
    if !chat.may_send(conversation.id) {
        return Err(AppError::TooManyAttempts { minutes: 1 });
    }
    match chat.store.add_message(conversation.id, Writer::Resident, text.as_str(), now()).await? {
        Some(_) => {
            chat.bus.publish(ChatSignal::Conversation(conversation.id));
            Ok(())
        }
        None => Err(AppError::ChatEnded),
    }
}

/// The resident leaves the queue or ends the conversation.
pub async fn leave(chat: &Chat, conversation: &Conversation) -> Result<(), AppError> {
    apply(chat, conversation, Move::Leave, conversation.agent_id, SystemEvent::Left, None).await
}

/// Moves `conversation` by `step` if it still is as read; `ChatEnded` when it is over or moved meanwhile
/// (another agent took it, the resident left). Everyone watching it, and the desk, hear of it.
async fn apply(
    chat: &Chat,
    conversation: &Conversation,
    step: Move,
    agent: Option<AccountId>,
    event: SystemEvent,
    note: Option<(AccountId, String)>,
) -> Result<(), AppError> {
    let to = conversation.state.after(step).ok_or(AppError::ChatEnded)?;
    let change = Change {
        id: conversation.id,
        from: conversation.state,
        from_agent: conversation.agent_id,
        to,
        agent,
        event,
        note,
        at: now(),
    };
    if !chat.store.change(&change).await? {
        return Err(AppError::ChatEnded);
    }
    chat.bus.publish(ChatSignal::Conversation(conversation.id));
    chat.bus.publish(ChatSignal::Desk);
    Ok(())
}

/// The rating, asked once when the conversation is over.
pub async fn rate(chat: &Chat, conversation: &Conversation, rating: u8, comment: &Note) -> Result<(), AppError> {
    if conversation.state.is_live() || conversation.rated {
        return Err(AppError::ChatEnded);
    }
    if !chat.store.rate(conversation.id, rating, comment.as_str(), now()).await? {
        return Err(AppError::ChatEnded);
    }
    chat.bus.publish(ChatSignal::Conversation(conversation.id));
    Ok(())
}

/// The 1–5 rating as typed: anything else is a form problem.
pub fn parse_rating(rating: &str) -> Result<u8, FieldError> {
    let rating = rating.trim().parse::<u8>().ok().filter(|r| (1..=5).contains(r));
    rating.ok_or(FieldError { field: Field::Rating, problem: Problem::RatingInvalid })
}

/// Sends the transcript to the account's own address — never to one typed in the chat, which would let
/// anyone have the city send mail to anyone. `my_chats`: the address of "My chats", the e-mail's button.
pub async fn email_transcript(
    chat: &Chat,
    city: &City,
    mailer: &dyn Mailer,
    conversation: &Conversation,
    account: &Account,
    my_chats: String,
) -> Result<(), AppError> {
    let (Some(to), Some(name)) = (&account.email, &account.name) else { return Err(AppError::NotFound) };
    if conversation.account_id != Some(account.id) {
        return Err(AppError::NotFound);
    }
    let (name, lang) = (name.as_str(), account.lang);
    let text = transcript(chat, city, conversation.id, name, lang).await?;
    let args = [("transcript", Arg::from(text)), ("day", Arg::from(city.day_of(conversation.created_at)))];
    mailer.send(compose_with(city, Kind::ChatTranscript, lang, to, name, Some(my_chats), &args)).await?;
    Ok(())
}

/// A conversation as text, oldest first, with the resident called `name` and the portal's events in
/// `lang`: the e-mailed transcript, and the internal note of a request filed from the chat.
pub async fn transcript(chat: &Chat, city: &City, id: i64, name: &str, lang: Lang) -> anyhow::Result<String> {
    let messages = chat.store.messages(id, 0, false).await?;
    let lines: Vec<String> = messages
        .iter()
        .map(|message| {
            let shown = shown(city, message, Some(name));
            match message.author {
                Author::System => {
                    format!("{} — {}", shown.at, city.message(lang, &format!("chat-event-{}", message.body), &[]))
                }
                _ => {
                    let args = [("at", shown.at.into()), ("name", shown.name.into()), ("text", shown.body.into())];
                    city.message(lang, "chat-transcript-line", &args)
                }
            }
        })
        .collect();
    Ok(lines.join("\n\n"))
}

/// Posts, as the agent, the reference of the request they just filed from this chat, in the resident's
/// language. The request exists whatever happens here: a chat that ended meanwhile is told nothing.
pub async fn tell_request_filed(chat: &Chat, agent: AccountId, conversation: i64, reference: &Reference) {
    let told = async {
        let conversation = agents_conversation(chat, agent, conversation).await?;
        let args = [("reference", Arg::from(reference.to_string()))];
        let text = crate::i18n::message(conversation.lang, "chat-request-filed", &args);
        let text = MessageText::parse(&text).ok_or(AppError::Internal)?;
        let store = &chat.store;
        store
            .add_message(conversation.id, Writer::Agent(agent), text.as_str(), now())
            .await?
            .ok_or(AppError::ChatEnded)?;
        chat.bus.publish(ChatSignal::Conversation(conversation.id));
        Ok::<(), AppError>(())
    };
    if let Err(error) = told.await {
        tracing::warn!(?error, %reference, "the reference was not posted into the chat");
    }
}

/// The account's recent conversations, for "My chats".
pub async fn past_chats(chat: &Chat, city: &City, account: AccountId) -> anyhow::Result<Vec<PastChat>> {
    let mut past = Vec::new();
    for conversation in chat.store.account_chats(account, 20).await? {
        let messages = chat.store.messages(conversation.id, 0, false).await?;
        past.push(PastChat {
            at: city.time_of(conversation.created_at),
            state: conversation.state,
            messages: messages.iter().map(|message| shown(city, message, None)).collect(),
        });
    }
    Ok(past)
}

// The agents' side.

/// The console's picture for `agent`; `known` holds, per conversation, the last message the console has,
/// and gets the new ones. A conversation the console does not know yet comes with its whole history.
pub async fn desk_update(
    chat: &Chat,
    city: &City,
    catalogue: &Catalogue,
    requests: &dyn RequestStore,
    agent: AccountId,
    known: &mut HashMap<i64, i64>,
) -> anyhow::Result<DeskUpdate> {
    let now = now();
    let agents = chat.store.agents().await?;
    let me = agents.iter().find(|a| a.account_id == agent);
    let queued = chat.store.queued().await?;
    let mut waiting = Vec::new();
    for conversation in &queued {
        let first =
            chat.store.messages(conversation.id, 0, false).await?.into_iter().find(|m| m.author == Author::Resident);
        waiting.push(WaitingChat {
            id: conversation.id,
            name: conversation.name.clone(),
            lang: conversation.lang,
            waited_minutes: ((now - conversation.queued_at).max(0) / 60) as u32,
            first_message: first.map(|m| m.body).unwrap_or_default(),
            state: conversation.state,
        });
    }
    let mut chats = Vec::new();
    let mut messages = Vec::new();
    let mine = chat.store.agent_chats(agent).await?;
    known.retain(|id, _| mine.iter().any(|c| c.id == *id));
    for conversation in &mine {
        let after = known.get(&conversation.id).copied().unwrap_or(0);
        let new = chat.store.messages(conversation.id, after, true).await?;
        if let Some(last) = new.last() {
            known.insert(conversation.id, last.id);
        } else {
            known.entry(conversation.id).or_insert(0);
        }
        messages.extend(new.iter().map(|m| (conversation.id, shown(city, m, Some(&conversation.name)))));
        chats.push(agent_chat(catalogue, requests, conversation).await?);
    }
    let figures = Figures {
        waiting: queued.len() as u32,
        active: chat.store.active_count().await?,
        agents_available: agents.iter().filter(|a| a.is_ready(now)).count() as u32,
        median_wait_today: estimated_wait(chat.store.waits_since(city.start_of_today()).await?),
    };
    Ok(DeskUpdate {
        available: me.is_some_and(|me| me.is_ready(now)),
        max_chats: me.map_or(chat.settings.max_chats, |me| me.max_chats),
        waiting,
        chats,
        messages,
        figures,
        colleagues: agents
            .iter()
            .filter(|a| a.account_id != agent && a.has_room(now))
            .map(|a| (a.account_id.0, a.name.clone()))
            .collect(),
    })
}

async fn agent_chat(
    catalogue: &Catalogue,
    requests: &dyn RequestStore,
    conversation: &Conversation,
) -> anyhow::Result<AgentChat> {
    let open_requests = match conversation.account_id {
        Some(account) => requests
            .requests_of(account)
            .await?
            .into_iter()
            .filter(|request| request.status.is_open())
            .map(|request| {
                let service = catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default();
                (request.reference.to_string(), service)
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(AgentChat {
        id: conversation.id,
        name: conversation.name.clone(),
        lang: conversation.lang,
        email: conversation.email.clone(),
        account: conversation.account_id.map(|id| id.0),
        open_requests,
    })
}

/// The agent's availability switch. Switching on counts as being seen.
pub async fn set_available(chat: &Chat, agent: AccountId, available: bool) -> Result<(), AppError> {
    chat.store.set_available(agent, available, chat.settings.max_chats, now()).await?;
    refresh_desk(chat).await?;
    chat.bus.publish(ChatSignal::Desk);
    Ok(())
}

/// The oldest chat in the queue goes to `agent`, if they have room: its id, or `None` when the queue is
/// empty. Two agents taking at once get two different chats (the change applies only if still queued).
pub async fn take_next(chat: &Chat, agent: AccountId) -> Result<Option<i64>, AppError> {
    let me = chat.store.agents().await?.into_iter().find(|a| a.account_id == agent);
    if !me.is_some_and(|me| me.has_room(now())) {
        return Err(AppError::AtCapacity);
    }
    for conversation in chat.store.queued().await? {
        match apply(chat, &conversation, Move::Take, Some(agent), SystemEvent::Joined, None).await {
            Ok(()) => return Ok(Some(conversation.id)),
            // Another agent was quicker: the next one.
            Err(AppError::ChatEnded) => continue,
            Err(error) => return Err(error),
        }
    }
    Ok(None)
}

/// One of the agent's conversations, or 404: an agent acts only on the chats they have.
pub async fn agents_conversation(chat: &Chat, agent: AccountId, id: i64) -> Result<Conversation, AppError> {
    chat.store
        .conversation(id)
        .await?
        .filter(|c| c.agent_id == Some(agent) && c.state == ChatState::Active)
        .ok_or(AppError::NotFound)
}

pub async fn agent_send(
    chat: &Chat,
    agent: AccountId,
    conversation: &Conversation,
    text: &MessageText,
) -> Result<(), AppError> {
    if !chat.may_send(conversation.id) {
        return Err(AppError::TooManyAttempts { minutes: 1 });
    }
    chat.store
        .add_message(conversation.id, Writer::Agent(agent), text.as_str(), now())
        .await?
        .ok_or(AppError::ChatEnded)?;
    chat.bus.publish(ChatSignal::Conversation(conversation.id));
    Ok(())
}

/// Back to the queue, or to a colleague with room, with a note for whoever takes it next.
pub async fn transfer(
    chat: &Chat,
    agent: AccountId,
    conversation: &Conversation,
    to: Option<AccountId>,
    note: &Note,
) -> Result<(), AppError> {
    let note = (!note.is_empty()).then(|| (agent, note.as_str().to_string()));
    match to {
        None => apply(chat, conversation, Move::ToQueue, None, SystemEvent::ToQueue, note).await,
        Some(colleague) => {
            let agents = chat.store.agents().await?;
            let has_room = agents
                .iter()
                .any(|a: &AgentLoad| a.account_id == colleague && a.account_id != agent && a.has_room(now()));
            if !has_room {
                return Err(AppError::AtCapacity);
            }
            apply(chat, conversation, Move::ToAgent, Some(colleague), SystemEvent::ToAgent, note).await
        }
    }
}

pub async fn close(chat: &Chat, agent: AccountId, conversation: &Conversation) -> Result<(), AppError> {
    apply(chat, conversation, Move::Close, Some(agent), SystemEvent::Closed, None).await
}

/// Chats nobody answered, with what the resident wrote, for agents to follow up.
pub async fn missed(chat: &Chat, city: &City) -> anyhow::Result<Vec<MissedChat>> {
    let mut missed = Vec::new();
    for conversation in chat.store.missed().await? {
        let messages = chat.store.messages(conversation.id, 0, false).await?;
        missed.push(MissedChat {
            id: conversation.id,
            name: conversation.name,
            email: conversation.email,
            lang: conversation.lang,
            at: city.time_of(conversation.created_at),
            messages: messages.into_iter().filter(|m| m.author == Author::Resident).map(|m| m.body).collect(),
        });
    }
    Ok(missed)
}

pub async fn follow_up(chat: &Chat, agent: AccountId, id: i64) -> Result<(), AppError> {
    match chat.store.followed_up(id, agent, now()).await? {
        true => Ok(()),
        false => Err(AppError::NotFound),
    }
}

// Background jobs.

/// Looks at the desk again: who is ready with room.
pub async fn refresh_desk(chat: &Chat) -> anyhow::Result<()> {
    let agents = chat.store.agents().await?;
    chat.set_desk_open(any_room(&agents, now()));
    Ok(())
}

/// Chats waiting longer than the settings allow, or still queued when the hours end, are missed: the
/// resident is offered the other channels and their messages wait for 311.
pub async fn sweep(chat: &Chat, city: &City) -> anyhow::Result<()> {
    let hours = city.chat_hours_at(jiff::Timestamp::now());
    for conversation in chat.store.queued().await? {
        if hours && now() - conversation.queued_at < chat.settings.answer_within_seconds {
            continue;
        }
        match apply(chat, &conversation, Move::Miss, None, SystemEvent::Missed, None).await {
            Ok(()) | Err(AppError::ChatEnded) => {}
            Err(error) => tracing::warn!(?error, id = conversation.id, "marking a chat missed"),
        }
    }
    Ok(())
}

/// Keeps [`Chat::desk_open`] current and sweeps the queue: at every desk signal, and every few seconds
/// (an agent whose console went quiet drops off by time alone).
pub async fn watch_desk(chat: std::sync::Arc<Chat>, city: std::sync::Arc<City>) {
    let mut signals = chat.bus.subscribe();
    let mut every = tokio::time::interval(super::stream::TICK);
    loop {
        tokio::select! {
            signal = signals.recv() => {
                if matches!(signal, Ok(ChatSignal::Conversation(_))) {
                    continue;
                }
            }
            _ = every.tick() => {
                if let Err(error) = sweep(&chat, &city).await {
                    tracing::error!(error = format!("{error:#}"), "sweeping the chat queue");
                }
            }
        }
        if let Err(error) = refresh_desk(&chat).await {
            tracing::error!(error = format!("{error:#}"), "looking at the chat desk");
        }
    }
}
