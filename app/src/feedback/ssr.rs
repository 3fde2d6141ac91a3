//! Server side of portal feedback: its store interface and the checks before it is kept.

use super::Easy;
use crate::accounts::ssr::{accounts, limits::Action, now, sessions, AccountId};
use crate::errors::{AppError, Field, FieldError, Problem};
use crate::i18n::Lang;
use crate::lifecycle::model::Note;
use crate::ssr::server_context;

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

pub async fn send(easy: &str, improve: &str) -> Result<(), AppError> {
    let easy = Easy::parse(easy);
    let improve = Note::parse(improve);
    let mut problems = Vec::new();
    if easy.is_none() {
        problems.push(FieldError { field: Field::Easy, problem: Problem::ChoiceInvalid });
    }
    if improve.is_none() {
        problems.push(FieldError { field: Field::Improve, problem: Problem::TooLong });
    }
    let (Some(easy), Some(improve)) = (easy, improve) else { return Err(AppError::Invalid(problems)) };
    let account_id = sessions::current().map(|session| session.account_id);
    let ip = sessions::client_ip();
    // Signed out, the address is the only key there is.
    let key = account_id.map_or_else(|| ip.to_string(), |id| id.to_string());
    accounts().limits.check(Action::Feedback, ip, &key)?;
    let feedback = StoredFeedback {
        account_id,
        lang: crate::i18n::ssr::request_lang(),
        easy,
        improve: improve.as_str().to_string(),
        created_at: now(),
    };
    server_context().feedback.add_feedback(&feedback).await?;
    Ok(())
}
