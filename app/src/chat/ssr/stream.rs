//! The real-time half: server-sent events from two axum handlers (the edge), `GET /chat/events` for the
//! resident's conversation and `GET /staff/chat/events` for an agent's console. Sending goes through
//! ordinary POST server functions, so the CSRF guard, the rate limits and the error messages are the ones
//! every form has.
//!
//! Each event carries an `id`: the last message it holds. A browser whose connection drops reconnects by
//! itself with `Last-Event-ID`, and gets what came after it — from the database, so nothing is lost or
//! sent twice. Who may read is checked when the stream opens and again at every event (a chat handed to
//! another agent stops reaching the first one).

use super::{flows, Chat, ChatSignal};
use crate::accounts::ssr::{sessions::CurrentSession, AccountId};
use crate::catalogue::Catalogue;
use crate::chat::model::{ChatState, QueueSpot};
use crate::city::ssr::City;
use crate::requests::ssr::Requests;
use crate::ssr::ServerContext;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream::{self, Stream};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::{error::RecvError, Receiver};

/// How often a stream looks again without a signal (queue positions, an agent still there), and how often
/// an idle connection hears a comment so that proxies and phones keep it open.
pub const TICK: Duration = Duration::from_secs(10);

#[derive(serde::Deserialize)]
pub struct After {
    /// The last message the page has (when it has no `Last-Event-ID` yet: a page just rendered).
    #[serde(default)]
    after: i64,
}

/// `Last-Event-ID`, sent by a reconnecting browser, else the page's `after`.
fn resume_from(headers: &HeaderMap, after: After) -> i64 {
    let header = headers.get("last-event-id").and_then(|value| value.to_str().ok());
    header.and_then(|id| id.parse().ok()).unwrap_or(after.after).max(0)
}

fn sse(events: impl Stream<Item = Event> + Send + 'static) -> Response {
    let events = futures::StreamExt::map(events, Ok::<_, std::convert::Infallible>);
    let mut response = Sse::new(events).keep_alive(KeepAlive::new().interval(TICK)).into_response();
    // nginx: deliver each event at once rather than buffering the response (docs/DEPLOY notes in ARCHITECTURE).
    response.headers_mut().insert("x-accel-buffering", axum::http::HeaderValue::from_static("no"));
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    response
}

/// Waits for a signal `concerns` says is about this stream, or the next tick. `false` when the bus has
/// closed (the server is stopping). A stream that fell behind the bus reads the store again anyway.
async fn wake(signals: &mut Receiver<ChatSignal>, concerns: impl Fn(ChatSignal) -> bool) -> bool {
    let tick = tokio::time::sleep(TICK);
    tokio::pin!(tick);
    loop {
        tokio::select! {
            _ = &mut tick => return true,
            signal = signals.recv() => match signal {
                Ok(signal) if !concerns(signal) => continue,
                Ok(_) | Err(RecvError::Lagged(_)) => return true,
                Err(RecvError::Closed) => return false,
            },
        }
    }
}

/// `GET /chat/events`: the resident's conversation (the one their chat cookie names), as it changes.
pub async fn resident_events(
    State(context): State<ServerContext>,
    session: Option<Extension<CurrentSession>>,
    headers: HeaderMap,
    Query(after): Query<After>,
) -> Response {
    let Some(token_hash) = super::token_hash_in(&headers, context.accounts.site.secure()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(Some(conversation)) = context.chat.store.conversation_by_token(&token_hash).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let follow = Follow {
        chat: context.chat.clone(),
        city: context.city.clone(),
        token_hash,
        id: conversation.id,
        account: session.map(|Extension(session)| session.account_id),
        signals: context.chat.bus.subscribe(),
        last: resume_from(&headers, after),
        sent: None,
    };
    let events = stream::unfold((follow, true), |(mut follow, first_time)| async move {
        // Its own conversation; and while in the queue, the desk (its place in line moves).
        let (id, queued) = (follow.id, follow.sent.is_some_and(|(state, _, _)| state.is_queued()));
        let concerns = move |signal| signal == ChatSignal::Conversation(id) || (queued && signal == ChatSignal::Desk);
        if !first_time && !wake(&mut follow.signals, concerns).await {
            return None;
        }
        let event = follow.event().await?;
        Some((event, (follow, false)))
    });
    sse(futures::StreamExt::filter_map(events, |event| async move { event }))
}

/// A resident's stream: what it has sent so far.
struct Follow {
    chat: Arc<Chat>,
    city: Arc<City>,
    token_hash: Vec<u8>,
    id: i64,
    account: Option<AccountId>,
    signals: Receiver<ChatSignal>,
    /// The last message sent.
    last: i64,
    /// What the last event said besides messages: nothing new, no event.
    sent: Option<(ChatState, Option<QueueSpot>, bool)>,
}

impl Follow {
    /// The next event (`Some(None)`: nothing new), or `None` to end the stream: the conversation is gone.
    async fn event(&mut self) -> Option<Option<Event>> {
        // Read again through the token: the cookie is what gives access, at every event.
        let conversation = self.chat.store.conversation_by_token(&self.token_hash).await.ok().flatten()?;
        let update = match flows::resident_update(&self.chat, &self.city, &conversation, self.last, self.account).await
        {
            Ok(update) => update,
            Err(error) => {
                tracing::error!(error = format!("{error:#}"), "a chat stream reading its conversation");
                return Some(None);
            }
        };
        let now = (update.state, update.queue, update.rated);
        if update.messages.is_empty() && self.sent == Some(now) {
            return Some(None);
        }
        self.last = update.messages.last().map_or(self.last, |message| message.id);
        self.sent = Some(now);
        Some(Event::default().event("update").id(self.last.to_string()).json_data(&update).ok())
    }
}

/// `GET /staff/chat/events`: an agent's console — the queue, their chats and their new messages. While it
/// is open the agent counts as present; when it closes they drop off the desk within a minute.
pub async fn desk_events(State(context): State<ServerContext>, session: Option<Extension<CurrentSession>>) -> Response {
    let Some(Extension(session)) = session else { return StatusCode::UNAUTHORIZED.into_response() };
    if !session.is_staff() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let desk = Desk {
        chat: context.chat.clone(),
        city: context.city.clone(),
        catalogue: context.catalogue.clone(),
        requests: context.requests.clone(),
        agent: session.account_id,
    };
    let start = (desk.chat.bus.subscribe(), HashMap::new(), true);
    let events = stream::unfold(start, move |(mut signals, mut known, first_time)| {
        let desk = desk.clone();
        async move {
            // The desk (the queue, agents, a chat changing hands), and the agent's own chats' messages.
            let mine: Vec<i64> = known.keys().copied().collect();
            let concerns = move |signal| match signal {
                ChatSignal::Desk => true,
                ChatSignal::Conversation(id) => mine.contains(&id),
            };
            if !first_time && !wake(&mut signals, concerns).await {
                return None;
            }
            let event = desk.event(&mut known).await;
            Some((event, (signals, known, false)))
        }
    });
    sse(futures::StreamExt::filter_map(events, |event| async move { event }))
}

/// What a console's stream needs, cloned into each step of it.
#[derive(Clone)]
struct Desk {
    chat: Arc<Chat>,
    city: Arc<City>,
    catalogue: Arc<Catalogue>,
    requests: Arc<Requests>,
    agent: AccountId,
}

impl Desk {
    async fn event(&self, known: &mut HashMap<i64, i64>) -> Option<Event> {
        if let Err(error) = self.chat.store.seen(self.agent, crate::accounts::ssr::now()).await {
            tracing::error!(error = format!("{error:#}"), "noting an agent's console");
        }
        let update = flows::desk_update(
            &self.chat,
            &self.city,
            &self.catalogue,
            self.requests.store.as_ref(),
            self.agent,
            known,
        );
        match update.await {
            Ok(update) => Event::default().event("desk").json_data(&update).ok(),
            Err(error) => {
                tracing::error!(error = format!("{error:#}"), "a console stream reading the desk");
                None
            }
        }
    }
}
