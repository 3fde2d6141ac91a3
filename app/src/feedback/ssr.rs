//! Server side of portal feedback: its store interface and the checks before it is kept.

use super::Easy;
use crate::accounts::ssr::{limits::Action, limits::Limits, now, sessions::Caller, AccountId};
use crate::errors::{AppError, Field, Problem, Problems};
use crate::i18n::Lang;
use crate::lifecycle::model::Note;

/// Feedback as stored.
#[derive(Clone, Debug)]
pub struct StoredFeedback {
    pub account_id: Option<AccountId>,
    pub lang: Lang,
    pub easy: Easy,
    pub improve: String,
    pub created_at: i64,
}

#[async_trait::async_trait]
pub trait FeedbackStore: Send + Sync {
    async fn add_feedback(&self, feedback: &StoredFeedback) -> anyhow::Result<()>;
    /// Newest first.
    async fn list(&self, offset: u32, limit: u32) -> anyhow::Result<Vec<StoredFeedback>>;
}

/// The feedback form, parsed at the edge: how easy the portal is, and how to improve it.
pub fn parse(easy: &str, improve: &str) -> Result<(Easy, Note), AppError> {
    let mut problems = Problems::default();
    // Blank or unknown alike: "choose one of the options".
    let easy = Easy::parse(easy);
    if easy.is_none() {
        problems.add(Field::Easy, Problem::ChoiceInvalid);
    }
    let improve = problems.take(Note::of(Field::Improve, improve));
    Ok(problems.finish(easy.zip(improve))?)
}

pub async fn send(
    store: &dyn FeedbackStore,
    limits: &Limits,
    caller: &Caller,
    (easy, improve): (Easy, Note),
) -> Result<(), AppError> {
    let account_id = caller.account();
    // Signed out, the address is the only key there is.
    let key = account_id.map_or_else(|| caller.ip.to_string(), |id| id.to_string());
    limits.check(Action::Feedback, caller.ip, &key)?;
    let feedback = StoredFeedback {
        account_id,
        lang: caller.lang,
        easy,
        improve: improve.as_str().to_string(),
        created_at: now(),
    };
    store.add_feedback(&feedback).await?;
    Ok(())
}
