//! Server side of live chat: the store interface, the fan-out of "something changed" signals, the chat
//! service the edge hands to the flows, and whether the button may be shown.
//!
//! The database is the source of truth. A signal only says which conversation changed (or that the desk
//! did); each open stream then reads what is new for it from the store. A lost signal costs a moment's
//! delay (every stream also looks again every few seconds), never a lost or repeated message, and a
//! signal can cross from one server instance to another (PostgreSQL `LISTEN/NOTIFY`) without the
//! feature knowing.

pub mod flows;
pub mod stream;

use super::model::{Author, Canned, ChatState, SystemEvent};
use crate::accounts::ssr::AccountId;
use crate::city::ssr::City;
use crate::cookies::SiteCookie;
use crate::i18n::Lang;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::broadcast;

/// An agent is taken off the desk when their console has not been seen for this long (closed, asleep,
/// signed out): the console's stream says it is there every [`stream::TICK`].
pub const AGENT_IDLE_SECONDS: i64 = 60;

/// The cookie that keeps a browser's conversation (its token; the database keeps the hash): closing the tab
/// and coming back finds the same chat, signed in or not. `__Host-` over https.
const COOKIE: SiteCookie = SiteCookie { plain: "chat", host_only: "__Host-chat" };
/// A chat's cookie outlives any chat day.
const COOKIE_SECONDS: i64 = 12 * 3600;

/// The hash of the chat token the request's cookie holds: what conversations are found by.
pub fn token_hash_in(headers: &http::HeaderMap, secure: bool) -> Option<Vec<u8>> {
    COOKIE.read(headers, secure).map(crate::accounts::ssr::tokens::hash)
}

/// Gives the response being written a chat cookie (edge only); `None` clears it.
pub fn put_cookie(token: Option<&str>, secure: bool) {
    COOKIE.put(token.unwrap_or_default(), token.map_or(0, |_| COOKIE_SECONDS), secure);
}

/// A conversation as stored.
#[derive(Clone, Debug)]
pub struct Conversation {
    pub id: i64,
    pub account_id: Option<AccountId>,
    pub name: String,
    /// What a signed-out resident typed: shown to agents to follow up, never mailed by the portal.
    pub email: Option<String>,
    pub lang: Lang,
    pub state: ChatState,
    pub agent_id: Option<AccountId>,
    pub created_at: i64,
    /// When it last joined the queue (created, or handed back).
    pub queued_at: i64,
    pub rated: bool,
}

#[derive(Clone, Debug)]
pub struct StoredMessage {
    pub id: i64,
    pub conversation_id: i64,
    pub author: Author,
    /// The agent's name, for agents' messages and notes.
    pub agent_name: Option<String>,
    pub body: String,
    pub created_at: i64,
}

/// A new conversation: who asks, and their first message if they typed one before an agent answers.
pub struct NewConversation {
    pub token_hash: Vec<u8>,
    pub account_id: Option<AccountId>,
    pub name: String,
    pub email: Option<String>,
    pub lang: Lang,
    pub first_message: Option<String>,
    pub at: i64,
}

/// Who writes a message: the store adds it only while that writer may (the resident while the chat is
/// live, the agent while it is theirs), in the same statement, so a chat that ends meanwhile takes nothing.
#[derive(Clone, Copy, Debug)]
pub enum Writer {
    Resident,
    Agent(AccountId),
}

/// A state change, applied only if the conversation is still as the flow saw it.
#[derive(Clone, Debug)]
pub struct Change {
    pub id: i64,
    pub from: ChatState,
    pub from_agent: Option<AccountId>,
    pub to: ChatState,
    pub agent: Option<AccountId>,
    pub event: SystemEvent,
    /// An agent's note that travels with it (a transfer's reason).
    pub note: Option<(AccountId, String)>,
    pub at: i64,
}

/// An agent on the chat desk.
#[derive(Clone, Debug)]
pub struct AgentLoad {
    pub account_id: AccountId,
    pub name: String,
    pub available: bool,
    pub seen_at: i64,
    pub max_chats: u32,
    /// Conversations they have now.
    pub active: u32,
}

impl AgentLoad {
    /// Switched on, and their console seen lately.
    pub fn is_ready(&self, now: i64) -> bool {
        self.available && now - self.seen_at <= AGENT_IDLE_SECONDS
    }

    pub fn has_room(&self, now: i64) -> bool {
        self.is_ready(now) && self.active < self.max_chats
    }
}

#[async_trait::async_trait]
pub trait ChatStore: Send + Sync {
    async fn open(&self, new: &NewConversation) -> anyhow::Result<i64>;
    async fn conversation(&self, id: i64) -> anyhow::Result<Option<Conversation>>;
    async fn conversation_by_token(&self, token_hash: &[u8]) -> anyhow::Result<Option<Conversation>>;
    /// Messages after `after` (an id), oldest first; notes only when `notes`.
    async fn messages(&self, id: i64, after: i64, notes: bool) -> anyhow::Result<Vec<StoredMessage>>;
    /// Adds the message if `writer` may still write; its id, or `None` when the chat is no longer theirs.
    async fn add_message(&self, id: i64, writer: Writer, body: &str, at: i64) -> anyhow::Result<Option<i64>>;
    /// Applies `change` if the conversation is still in `from` with `from_agent`: `false` when it moved.
    async fn change(&self, change: &Change) -> anyhow::Result<bool>;
    /// The queue, oldest first.
    async fn queued(&self) -> anyhow::Result<Vec<Conversation>>;
    /// Seconds each chat answered since `since` waited for its first agent.
    async fn waits_since(&self, since: i64) -> anyhow::Result<Vec<i64>>;
    async fn agents(&self) -> anyhow::Result<Vec<AgentLoad>>;
    async fn set_available(&self, agent: AccountId, available: bool, max_chats: u32, at: i64) -> anyhow::Result<()>;
    async fn seen(&self, agent: AccountId, at: i64) -> anyhow::Result<()>;
    /// The agent's active conversations.
    async fn agent_chats(&self, agent: AccountId) -> anyhow::Result<Vec<Conversation>>;
    /// Keeps the rating once: `false` if it was already rated or is not over.
    async fn rate(&self, id: i64, rating: u8, comment: &str, at: i64) -> anyhow::Result<bool>;
    /// The account's conversations, newest first.
    async fn account_chats(&self, account: AccountId, limit: u32) -> anyhow::Result<Vec<Conversation>>;
    /// Missed chats nobody has followed up yet, oldest first.
    async fn missed(&self) -> anyhow::Result<Vec<Conversation>>;
    async fn followed_up(&self, id: i64, agent: AccountId, at: i64) -> anyhow::Result<bool>;
    /// Chats in progress now.
    async fn active_count(&self) -> anyhow::Result<u32>;
}

/// What changed: one conversation, or the desk (an agent came or went, the queue moved).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChatSignal {
    Conversation(i64),
    Desk,
}

/// Where signals go out and come in. In-process on one machine ([`LocalBus`]); several instances would
/// share them through the database without the feature changing.
pub trait ChatBus: Send + Sync {
    fn publish(&self, signal: ChatSignal);
    fn subscribe(&self) -> broadcast::Receiver<ChatSignal>;
}

/// The bus of one server process.
pub struct LocalBus(broadcast::Sender<ChatSignal>);

impl Default for LocalBus {
    fn default() -> Self {
        // A stream that falls this far behind just reads the store again (it lost only wake-ups).
        LocalBus(broadcast::channel(1024).0)
    }
}

impl ChatBus for LocalBus {
    fn publish(&self, signal: ChatSignal) {
        // Nobody listening is fine: nobody is waiting for it.
        let _ = self.0.send(signal);
    }

    fn subscribe(&self) -> broadcast::Receiver<ChatSignal> {
        self.0.subscribe()
    }
}

/// The city profile's `[chat]` section.
#[derive(Clone, Debug)]
pub struct ChatSettings {
    /// Chats an agent has at once, unless they choose fewer.
    pub max_chats: u32,
    /// A chat nobody takes within this long is missed (its messages kept for 311).
    pub answer_within_seconds: i64,
    pub canned: Vec<Canned>,
}

/// Live chat: its store, its signals, its settings, and whether an agent has room now.
pub struct Chat {
    pub store: Arc<dyn ChatStore>,
    pub bus: Arc<dyn ChatBus>,
    pub settings: ChatSettings,
    /// Kept up to date by [`flows::watch_desk`], so that rendering a page never waits for the database.
    desk_open: AtomicBool,
    /// Messages per conversation: a burst of 10, then one every 2 seconds.
    sending: DefaultKeyedRateLimiter<i64>,
}

impl Chat {
    pub fn new(store: Arc<dyn ChatStore>, bus: Arc<dyn ChatBus>, settings: ChatSettings) -> Chat {
        let quota = Quota::with_period(std::time::Duration::from_secs(2))
            .expect("positive")
            .allow_burst(NonZeroU32::new(10).expect("positive"));
        Chat { store, bus, settings, desk_open: AtomicBool::new(false), sending: RateLimiter::keyed(quota) }
    }

    /// An agent is ready with room for one more chat (as of the last look at the desk).
    pub fn desk_open(&self) -> bool {
        self.desk_open.load(Ordering::Relaxed)
    }

    fn set_desk_open(&self, open: bool) {
        self.desk_open.store(open, Ordering::Relaxed);
    }

    /// Counts one message in conversation `id`; `false` when it comes too fast.
    fn may_send(&self, id: i64) -> bool {
        self.sending.check_key(&id).is_ok()
    }
}

/// The Chat button: within chat hours, not a holiday, and an agent with room. Everything else shows the
/// channels that work now instead.
pub fn chat_open(city: &City, now: jiff::Timestamp, desk_open: bool) -> bool {
    desk_open && city.chat_hours_at(now)
}

/// An agent ready with room, among `agents`.
pub fn any_room(agents: &[AgentLoad], now: i64) -> bool {
    agents.iter().any(|agent| agent.has_room(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(available: bool, seen_ago: i64, active: u32) -> AgentLoad {
        AgentLoad {
            account_id: AccountId(1),
            name: "Ana".into(),
            available,
            seen_at: 1000 - seen_ago,
            max_chats: 3,
            active,
        }
    }

    #[test]
    fn the_desk_is_open_when_a_ready_agent_has_room() {
        assert!(!any_room(&[], 1000));
        assert!(any_room(&[agent(true, 5, 0)], 1000));
        assert!(any_room(&[agent(true, 5, 3), agent(true, 5, 2)], 1000), "the second has room");
        assert!(!any_room(&[agent(true, 5, 3)], 1000), "at capacity");
        assert!(!any_room(&[agent(false, 5, 0)], 1000), "switched off");
        assert!(!any_room(&[agent(true, AGENT_IDLE_SECONDS + 1, 0)], 1000), "console closed a minute ago");
        assert!(any_room(&[agent(true, AGENT_IDLE_SECONDS, 0)], 1000));
    }

    #[test]
    fn the_button_needs_hours_no_holiday_and_room() {
        let city = crate::city::ssr::tests::ontario();
        let at = |civil: &str| format!("{civil}[America/Toronto]").parse::<jiff::Zoned>().unwrap().timestamp();
        assert!(chat_open(&city, at("2026-11-27T07:30"), true), "Friday, opening time");
        assert!(!chat_open(&city, at("2026-11-27T07:29"), true), "before hours");
        assert!(!chat_open(&city, at("2026-11-27T18:00"), true), "closing time");
        assert!(!chat_open(&city, at("2026-11-28T10:00"), true), "Saturday");
        assert!(!chat_open(&city, at("2026-12-28T10:00"), true), "Boxing Day, observed on Monday");
        assert!(!chat_open(&city, at("2026-11-27T10:00"), false), "nobody with room");
    }
}
