//! The satisfaction survey: offered on the request's page from the start and linked in the receipt; a
//! few questions (ease, satisfaction 1–5, a comment), one answer per request, by the resident who made
//! it, editable for 14 days. Once the request is completed it also asks "Was it resolved?": "no" reopens
//! the request for staff, with the comment.

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use page::SurveyRoute;

use crate::errors::{Field, FieldError, Problem};
use crate::i18n::Text;
use crate::lifecycle::model::Note;
use crate::requests::model::Reference;
use serde::{Deserialize, Serialize};

/// How long an answer may be changed, from the first answer.
pub const EDITABLE_DAYS: i64 = 14;

/// An answer to the survey, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// 1 (very difficult) to 5 (very easy).
    pub ease: u8,
    /// 1 (very dissatisfied) to 5 (very satisfied).
    pub satisfaction: u8,
    /// Asked only once the request is completed.
    pub resolved: Option<bool>,
    pub comment: String,
}

impl Answer {
    /// Checks the form; `ask_resolved` when the request is completed (then "resolved" is required).
    pub fn parse(
        ease: &str,
        satisfaction: &str,
        resolved: &str,
        comment: &str,
        ask_resolved: bool,
    ) -> Result<Answer, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut rating = |field: Field, text: &str| {
            let value = text.trim().parse::<u8>().ok().filter(|n| (1..=5).contains(n));
            if value.is_none() {
                problems.push(FieldError { field, problem: Problem::RatingInvalid });
            }
            value.unwrap_or_default()
        };
        let (ease, satisfaction) = (rating(Field::Ease, ease), rating(Field::Satisfaction, satisfaction));
        let resolved = match (ask_resolved, resolved) {
            (false, _) => None,
            (true, "yes") => Some(true),
            (true, "no") => Some(false),
            (true, _) => {
                problems.push(FieldError { field: Field::Resolved, problem: Problem::ChoiceInvalid });
                None
            }
        };
        let comment = Note::of(Field::Comment, comment).map_err(|problem| problems.push(problem)).unwrap_or_default();
        match problems.is_empty() {
            true => Ok(Answer { ease, satisfaction, resolved, comment: comment.as_str().to_string() }),
            false => Err(problems),
        }
    }
}

/// What the survey page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyView {
    pub reference: Reference,
    pub service_name: Text,
    /// The request is completed: ask whether it was resolved.
    pub ask_resolved: bool,
    pub answer: Option<Answer>,
    /// The last day the answer may be changed, once there is one.
    pub editable_until: Option<String>,
    pub editable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_one_to_five_and_resolved_is_asked_once_completed() {
        let answer = Answer::parse("5", "4", "", " Merci ", false).unwrap();
        assert_eq!(answer, Answer { ease: 5, satisfaction: 4, resolved: None, comment: "Merci".into() });
        assert_eq!(Answer::parse("4", "2", "no", "", true).unwrap().resolved, Some(false));
        let problems = Answer::parse("0", "six", "", &"x".repeat(2001), true).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, [Field::Ease, Field::Satisfaction, Field::Resolved, Field::Comment]);
    }
}
