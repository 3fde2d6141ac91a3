//! Server side of portal feedback: its store interface and the checks before it is kept.

use super::Easy;
use crate::accounts::ssr::{limits::Action, limits::Limits, now, sessions::Caller, AccountId};
use crate::errors::{AppError, Field, Problem, Problems};
use crate::i18n::Lang;
use crate::lifecycle::model::Note;

/// Feedback as stored: an answer to "Aidez-nous à mieux vous servir", or a barrier to accessibility
/// reported from the accessibility statement (which answers no "easy" question, and may leave a contact).
#[derive(Clone, Debug)]
pub struct StoredFeedback {
    pub account_id: Option<AccountId>,
    pub lang: Lang,
    pub kind: FeedbackKind,
    /// What to improve; for a barrier, what happened.
    pub improve: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FeedbackKind {
    Portal {
        easy: Easy,
    },
    /// `contact`: an e-mail address or a phone number, as typed, when they want an answer (or empty).
    Barrier {
        contact: String,
    },
}

/// The most a barrier report's contact may be: an address or a number, with a word of context.
pub const CONTACT_MAX: usize = 200;

#[async_trait::async_trait]
pub trait FeedbackStore: Send + Sync {
    async fn add_feedback(&self, feedback: &StoredFeedback) -> anyhow::Result<()>;
    /// Newest first.
    async fn list(&self, offset: u32, limit: u32) -> anyhow::Result<Vec<StoredFeedback>>;
}

/// The feedback form, parsed at the edge: how easy the portal is, and how to improve it.
pub fn parse(easy: &str, improve: &str) -> Result<(FeedbackKind, Note), AppError> {
    let mut problems = Problems::default();
    // Blank or unknown alike: "choose one of the options".
    let easy = Easy::parse(easy);
    if easy.is_none() {
        problems.add(Field::Easy, Problem::ChoiceInvalid);
    }
    let improve = problems.take(Note::of(Field::Improve, improve));
    let (easy, improve) = problems.finish(easy.zip(improve))?;
    Ok((FeedbackKind::Portal { easy }, improve))
}

/// A barrier report, parsed at the edge: what happened (required), and how to answer (optional).
pub fn parse_barrier(barrier: &str, contact: &str) -> Result<(FeedbackKind, Note), AppError> {
    let mut problems = Problems::default();
    let what = problems.take(Note::of(Field::Barrier, barrier));
    if what.as_ref().is_some_and(Note::is_empty) {
        problems.add(Field::Barrier, Problem::Required);
    }
    let contact = contact.trim();
    if contact.chars().count() > CONTACT_MAX {
        problems.add(Field::Contact, Problem::TooLong);
    }
    let what = problems.finish(what)?;
    Ok((FeedbackKind::Barrier { contact: contact.to_string() }, what))
}

/// Keeps feedback (either kind), rate-limited per account, or per address signed out.
pub async fn send(
    store: &dyn FeedbackStore,
    limits: &Limits,
    caller: &Caller,
    kind: FeedbackKind,
    improve: Note,
) -> Result<(), AppError> {
    let account_id = caller.account();
    // Signed out, the address is the only key there is.
    let key = account_id.map_or_else(|| caller.ip.to_string(), |id| id.to_string());
    limits.check(Action::Feedback, caller.ip, &key).await?;
    let feedback = StoredFeedback {
        account_id,
        lang: caller.lang,
        kind,
        improve: improve.as_str().to_string(),
        created_at: now(),
    };
    store.add_feedback(&feedback).await?;
    Ok(())
}
