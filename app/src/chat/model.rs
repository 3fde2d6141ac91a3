//! Live chat's shared vocabulary: a conversation's states and the moves between them, its messages, and
//! what the resident's page and the agents' console are sent. The rules are pure functions, tested here.

use crate::errors::{Field, FieldError, Problem};
use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};

crate::codes::coded! {
    /// Where a conversation is. Waiting and transferred chats are in the queue; the other three are over
    /// (closed by either side, or missed: nobody answered in time, its messages kept for 311 to follow up).
    pub enum ChatState in "chat-state" {
        Waiting = "waiting",
        Active = "active",
        /// Back in the queue after an agent handed it on.
        Transferred = "transferred",
        Closed = "closed",
        Missed = "missed",
    }
}

/// What can happen to a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// An agent takes it from the queue.
    Take,
    /// Its agent puts it back in the queue.
    ToQueue,
    /// Its agent hands it to another agent, who has it at once.
    ToAgent,
    /// Its agent ends it.
    Close,
    /// The resident ends it (leaving the queue, or the conversation).
    Leave,
    /// Nobody took it in time, or the hours ended.
    Miss,
}

impl ChatState {
    /// The state after `step`, or `None` when the move is not possible from here.
    pub fn after(self, step: Move) -> Option<ChatState> {
        use ChatState::*;
        match (self, step) {
            (Waiting | Transferred, Move::Take) => Some(Active),
            (Active, Move::ToQueue) => Some(Transferred),
            (Active, Move::ToAgent) => Some(Active),
            (Active, Move::Close) => Some(Closed),
            (Waiting | Transferred | Active, Move::Leave) => Some(Closed),
            (Waiting | Transferred, Move::Miss) => Some(Missed),
            _ => None,
        }
    }

    /// Waiting for an agent.
    pub fn is_queued(self) -> bool {
        matches!(self, ChatState::Waiting | ChatState::Transferred)
    }

    /// Messages may still be written.
    pub fn is_live(self) -> bool {
        self.is_queued() || self == ChatState::Active
    }
}

crate::codes::coded! {
    /// Who wrote a message. Notes are agents' words to each other (a transfer's reason, the transcript of
    /// a request): the resident never receives them.
    pub enum Author {
        Resident = "resident",
        Agent = "agent",
        System = "system",
        Note = "note",
    }
}

crate::codes::coded! {
    /// What the portal writes in a conversation when it changes, in the reader's language.
    pub enum SystemEvent in "chat-event" {
        Joined = "joined",
        ToQueue = "to-queue",
        ToAgent = "to-agent",
        Closed = "closed",
        Left = "left",
        Missed = "missed",
    }
}

/// The most a message may hold, in characters.
pub const MESSAGE_MAX: usize = 2000;

/// A message's text: trimmed, not empty, at most [`MESSAGE_MAX`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageText(String);

crate::codes::serde_as_text!(MessageText, MessageText::as_str);

impl MessageText {
    pub fn parse(text: &str) -> Option<MessageText> {
        Self::of(Field::Message, text).ok()
    }

    /// The text of `field`, or its problem: empty, or too long.
    pub fn of(field: Field, text: &str) -> Result<MessageText, FieldError> {
        let text = text.trim();
        let problem = match text.chars().count() {
            0 => Problem::Required,
            n if n > MESSAGE_MAX => Problem::TooLong,
            _ => return Ok(MessageText(text.replace("\r\n", "\n"))),
        };
        Err(FieldError { field, problem })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One message as both sides show it. `id` grows with every message of every conversation: a client
/// that has message `id` asks for what came after it, and never gets one twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub id: i64,
    pub author: Author,
    /// An agent's first name; the resident's name for the agent's view.
    pub name: String,
    /// The text, or a [`SystemEvent`]'s code for a system message.
    pub body: String,
    /// "14:05", the city's time.
    pub at: String,
}

/// Where a waiting resident is: their place in line, and the usual wait (`None`: not enough recent chats
/// to say honestly).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueSpot {
    pub position: u32,
    pub wait_minutes: Option<u32>,
}

/// What the resident's page is sent: at first with the page, then with every change (`messages` then
/// holds only the new ones).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatUpdate {
    pub state: ChatState,
    pub queue: Option<QueueSpot>,
    pub messages: Vec<ChatMessage>,
    /// Asked once: the resident rated the conversation.
    pub rated: bool,
    /// Signed in, and the conversation is theirs: the transcript can be e-mailed to the account.
    pub can_email: bool,
}

/// A waiting chat, as the queue shows it to agents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingChat {
    pub id: i64,
    pub name: String,
    pub lang: Lang,
    pub waited_minutes: u32,
    pub first_message: String,
    pub state: ChatState,
}

/// One of the agent's open chats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentChat {
    pub id: i64,
    pub name: String,
    pub lang: Lang,
    /// The account's e-mail when the resident is signed in, or the address they typed (not verified).
    pub email: Option<String>,
    /// The resident's account when they are signed in.
    pub account: Option<i64>,
    /// Their requests not yet completed or closed: reference and service name.
    pub open_requests: Vec<(String, Text)>,
}

/// What supervisors (and every agent) see at a glance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub waiting: u32,
    pub active: u32,
    pub agents_available: u32,
    /// Median wait of the chats answered today, in minutes.
    pub median_wait_today: Option<u32>,
}

/// What the console is sent: whole lists (they are short), and the messages of the agent's chats that are
/// new to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskUpdate {
    pub available: bool,
    pub max_chats: u32,
    pub waiting: Vec<WaitingChat>,
    pub chats: Vec<AgentChat>,
    /// (conversation, message)
    pub messages: Vec<(i64, ChatMessage)>,
    pub figures: Figures,
    /// Other agents available with room for one more chat: (account id, name).
    pub colleagues: Vec<(i64, String)>,
}

/// A chat nobody answered: for an agent to follow up by e-mail or phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissedChat {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub lang: Lang,
    pub at: String,
    pub messages: Vec<String>,
}

/// A conversation in the resident's "My chats".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastChat {
    pub at: String,
    pub state: ChatState,
    pub messages: Vec<ChatMessage>,
}

/// An agent's ready-made answer, in both languages (the city profile's `[[chat.canned]]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Canned {
    pub title: Text,
    pub text: Text,
}

/// The median of `waits` (seconds) in whole minutes, rounded up; `None` under three waits, too few to
/// tell a resident anything honest.
pub fn estimated_wait(mut waits: Vec<i64>) -> Option<u32> {
    if waits.len() < 3 {
        return None;
    }
    waits.sort_unstable();
    let middle = waits.len() / 2;
    let median = match waits.len() % 2 {
        0 => (waits[middle - 1] + waits[middle]) / 2,
        _ => waits[middle],
    };
    Some(((median.max(0) + 59) / 60).max(1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChatState::*;

    #[test]
    fn every_transition_and_every_refusal() {
        let moves = [Move::Take, Move::ToQueue, Move::ToAgent, Move::Close, Move::Leave, Move::Miss];
        let expected = |state: ChatState, step: Move| match (state, step) {
            (Waiting, Move::Take) | (Transferred, Move::Take) => Some(Active),
            (Active, Move::ToQueue) => Some(Transferred),
            (Active, Move::ToAgent) => Some(Active),
            (Active, Move::Close) | (Active, Move::Leave) => Some(Closed),
            (Waiting, Move::Leave) | (Transferred, Move::Leave) => Some(Closed),
            (Waiting, Move::Miss) | (Transferred, Move::Miss) => Some(Missed),
            _ => None,
        };
        for state in ChatState::ALL {
            for step in moves {
                assert_eq!(state.after(step), expected(state, step), "{state:?} then {step:?}");
            }
        }
        // Over is over: nothing leaves closed or missed.
        for step in moves {
            assert_eq!(Closed.after(step), None);
            assert_eq!(Missed.after(step), None);
        }
        // An agent cannot close a chat still in the queue: they take it first.
        assert_eq!(Waiting.after(Move::Close), None);
    }

    #[test]
    fn live_and_queued_states() {
        assert!(Waiting.is_queued() && Transferred.is_queued() && !Active.is_queued());
        assert!(Active.is_live() && Waiting.is_live() && !Closed.is_live() && !Missed.is_live());
    }

    #[test]
    fn messages_are_trimmed_bounded_and_never_empty() {
        assert_eq!(MessageText::parse("  Bonjour\r\nMerci ").unwrap().as_str(), "Bonjour\nMerci");
        let problem = |text: &str| MessageText::of(Field::Message, text).unwrap_err().problem;
        assert_eq!(problem("   \n "), Problem::Required);
        assert_eq!(problem(&"é".repeat(MESSAGE_MAX + 1)), Problem::TooLong);
        assert!(MessageText::parse(&"é".repeat(MESSAGE_MAX)).is_some());
    }

    #[test]
    fn the_wait_is_the_median_in_minutes_and_honest_when_unknown() {
        assert_eq!(estimated_wait(vec![]), None);
        assert_eq!(estimated_wait(vec![30, 400]), None, "two chats say nothing");
        assert_eq!(estimated_wait(vec![30, 400, 90]), Some(2), "median 90 s: 2 minutes, rounded up");
        assert_eq!(estimated_wait(vec![10, 20, 30, 40]), Some(1), "under a minute still says 1");
        assert_eq!(estimated_wait(vec![600, 60, 60, 6000, 700]), Some(10));
        assert_eq!(estimated_wait(vec![0, 0, 0]), Some(1));
    }
}
