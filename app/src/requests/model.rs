//! The request's types, shared by the wizard pages and the server: the steps, the draft as the pages see
//! it, the answers to a service's questions (checked against the catalogue), and the reference number.

pub use crate::addresses::Place;
use crate::catalogue::{Code, Datatype, Question};
use crate::errors::{Field, FieldError, Problem};
use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

crate::codes::coded! {
    /// The wizard's steps, in order. Each is a page of its own under `/requests/drafts/{id}/`, named by its code.
    pub enum Step in "step" {
        Where = "where",
        Details = "details",
        Files = "files",
        Review = "review",
    }
}

impl Step {
    /// 1-based, for "Step 2 of 4".
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|step| *step == self).unwrap_or(0) + 1
    }

    pub fn previous(self) -> Option<Step> {
        self.number().checked_sub(2).map(|index| Step::ALL[index])
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }
}

/// The most a description may hold.
pub const DESCRIPTION_MAX: usize = 4000;

/// What the "Where is it?" step sends to keep the place the draft already has (a corner, a named place
/// or a map point is not found again from its label).
pub const KEPT_PLACE: &str = "kept";

/// "Where exactly" is a short note: a side of the street, a landmark, a pole number.
pub const PLACE_NOTE_MAX: usize = 200;
/// The most a one-line answer may hold.
const SHORT_ANSWER_MAX: usize = 200;
/// Photos and files per request.
pub const FILES_MAX: usize = 5;
/// Bytes per file.
pub const FILE_BYTES_MAX: usize = 10 * 1024 * 1024;

/// The answers to a service's questions: question code → values (one, or several for a multiple choice).
/// Only [`Answers::check`] makes one from a form, so stored answers always fit their questions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(BTreeMap<String, Vec<String>>);

impl Answers {
    /// Checks what the form sent (`answers[code][i]=value`) against `questions`; every problem is listed,
    /// each against its question's position.
    pub fn check(questions: &[Question], input: &BTreeMap<String, Vec<String>>) -> Result<Answers, Vec<FieldError>> {
        let mut answers = BTreeMap::new();
        let mut problems = Vec::new();
        for (position, question) in questions.iter().enumerate() {
            let mut values: Vec<String> = input
                .get(question.code.as_str())
                .into_iter()
                .flatten()
                .map(|value| value.trim().to_string())
                .filter(|value| !value.is_empty())
                .collect();
            // A choice sent twice counts once, so a multiple choice keeps at most one of each: a body of
            // 100 000 copies of one choice is one answer, not 100 000 rows.
            if question.datatype.has_choices() {
                let mut seen = std::collections::BTreeSet::new();
                values.retain(|value| seen.insert(value.clone()));
            }
            let problem = if values.is_empty() {
                // "Choose one of the options" reads better than "fill this in" for a list.
                let missing = if question.datatype.has_choices() { Problem::ChoiceInvalid } else { Problem::Required };
                question.required.then_some(missing)
            } else {
                check_values(question, &values)
            };
            match problem {
                Some(problem) => problems.push(FieldError { field: Field::Answer(position as u8), problem }),
                None if !values.is_empty() => {
                    answers.insert(question.code.as_str().to_string(), values);
                }
                None => {}
            }
        }
        match problems.is_empty() {
            true => Ok(Answers(answers)),
            false => Err(problems),
        }
    }

    pub fn values(&self, question: &Code) -> &[String] {
        self.0.get(question.as_str()).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.0.iter()
    }

    /// Checks saved answers again, against the service's questions as they are now.
    pub fn still_fit(&self, questions: &[Question]) -> Result<(), Vec<FieldError>> {
        Answers::check(questions, &self.0).map(|_| ())
    }
}

fn check_values(question: &Question, values: &[String]) -> Option<Problem> {
    let one = |problem| (values.len() > 1).then_some(problem);
    match question.datatype {
        Datatype::Singlevaluelist | Datatype::Multivaluelist => {
            let known = values.iter().all(|value| question.choices.iter().any(|c| c.key.as_str() == value));
            let single = question.datatype == Datatype::Singlevaluelist && values.len() > 1;
            (!known || single).then_some(Problem::ChoiceInvalid)
        }
        Datatype::Number => {
            one(Problem::NumberInvalid).or_else(|| (!is_number(&values[0])).then_some(Problem::NumberInvalid))
        }
        Datatype::Datetime => {
            one(Problem::DateInvalid).or_else(|| (!is_date(&values[0])).then_some(Problem::DateInvalid))
        }
        Datatype::String => {
            one(Problem::TooLong).or_else(|| (values[0].chars().count() > SHORT_ANSWER_MAX).then_some(Problem::TooLong))
        }
        Datatype::Text => {
            one(Problem::TooLong).or_else(|| (values[0].chars().count() > DESCRIPTION_MAX).then_some(Problem::TooLong))
        }
    }
}

/// A number as a number input sends it: digits, an optional sign and decimal part (12, -3, 2.5, .5).
/// Checked by its form rather than by parsing it into a float: the answer is kept as typed, and float
/// parsing would bring its 10 kB of tables into the browser bundle.
fn is_number(value: &str) -> bool {
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && digits(whole) && digits(fraction)
}

/// A date as the browser's date input sends it, that exists: 2026-11-28 (not 2026-02-31).
fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [year, month, day] = parts.as_slice() else { return false };
    let number = |part: &str, len: usize| (part.len() == len).then(|| part.parse::<u32>().ok()).flatten();
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&year) && (1..=days).contains(&day)
}

/// What a resident wrote about the problem: trimmed, at most [`DESCRIPTION_MAX`] characters, may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Description(String);

crate::codes::serde_as_text!(Description, Description::as_str);

impl Description {
    pub fn parse(input: &str) -> Option<Description> {
        let text = input.trim().replace("\r\n", "\n");
        (text.chars().count() <= DESCRIPTION_MAX).then_some(Description(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// "Where exactly": what the resident adds to the place chosen, on one line, at most [`PLACE_NOTE_MAX`]
/// characters, may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceNote(String);

crate::codes::serde_as_text!(PlaceNote, PlaceNote::as_str);

impl PlaceNote {
    pub fn parse(input: &str) -> Option<PlaceNote> {
        let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
        (text.chars().count() <= PLACE_NOTE_MAX).then_some(PlaceNote(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A request's reference: the year and its number that year, "2026-000042". Gap-free per year. It
/// travels as its text, and is parsed when read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub year: u16,
    pub number: u32,
}

impl Reference {
    /// A reference from an address or a form: anything malformed names no request (404).
    pub fn find(text: &str) -> Result<Reference, crate::errors::AppError> {
        Reference::parse(text).ok_or(crate::errors::AppError::NotFound)
    }

    pub fn parse(text: &str) -> Option<Reference> {
        let (year, number) = text.split_once('-')?;
        let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(year, 4) && digits(number, 6)) {
            return None;
        }
        Some(Reference { year: year.parse().ok()?, number: number.parse().ok()? })
    }
}

crate::codes::serde_as_text!(Reference);

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:06}", self.year, self.number)
    }
}

/// A draft's id: random, URL-safe, in the wizard's address. Parsing it keeps anything else out of queries
/// and object keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DraftId(String);

crate::codes::serde_as_text!(DraftId, DraftId::as_str);

impl DraftId {
    /// A draft's id from the address: anything malformed is a draft that does not exist (404).
    pub fn find(text: &str) -> Result<DraftId, crate::errors::AppError> {
        DraftId::parse(text).ok_or(crate::errors::AppError::NotFound)
    }

    pub fn parse(text: &str) -> Option<DraftId> {
        let ok = text.len() == 43 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| DraftId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::codes::coded! {
    /// The resident added something staff have not acted on yet: the queue flags the request.
    pub enum Attention in "staff-attention" {
        /// Information or photos ("add information").
        Update = "update",
        /// "Not resolved" in the survey reopened it.
        Reopened = "reopened",
    }
}

crate::codes::coded! {
    /// How a request or a contact came in: the portal, an agent serving a caller, or an app through the
    /// Open311 API.
    #[derive(Default)]
    pub enum ContactChannel in "channel" {
        #[default]
        Web = "web",
        Phone = "phone",
        Email = "email",
        Counter = "counter",
        Chat = "chat",
        Open311 = "open311",
    }
}

impl ContactChannel {
    /// The channels an agent serves (every one but the portal itself).
    pub const AGENTS: [ContactChannel; 4] =
        [ContactChannel::Phone, ContactChannel::Email, ContactChannel::Counter, ContactChannel::Chat];
}

/// A draft an agent fills in for a caller, as its pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForCaller {
    pub name: String,
    pub channel: ContactChannel,
}

crate::codes::coded! {
    /// A photo (cleaned, with a thumbnail) or another file (a PDF).
    pub enum AttachmentKind {
        Photo = "photo",
        Document = "document",
    }
}

/// A photo or file as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: String,
    pub kind: AttachmentKind,
    pub name: String,
    pub size: u64,
    /// Where its thumbnail is, once made (photos only).
    pub thumbnail: Option<String>,
}

impl AttachmentView {
    /// Where the file itself is served.
    pub fn source(&self) -> String {
        crate::routes::file(&self.id)
    }
}

/// An open request for the same service close by, shown before submitting. Nothing personal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Nearby {
    pub reference: Reference,
    pub address: String,
    /// The day it was made, in the city's time zone: 2026-11-28.
    pub date: String,
}

/// Everything a wizard page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: DraftId,
    pub service_code: Code,
    pub service_name: Text,
    pub questions: Vec<Question>,
    pub place: Option<Place>,
    /// "Where exactly", in the resident's words: « côté nord, devant l'abribus ».
    pub place_note: PlaceNote,
    pub answers: Answers,
    pub description: String,
    pub attachments: Vec<AttachmentView>,
    /// Only filled for the review step.
    pub nearby: Option<Nearby>,
    pub signed_in: bool,
    /// An agent filing it for a caller: whom, and how they reached 311.
    pub for_caller: Option<ForCaller>,
}

/// "My requests": those the resident made, newest first, and those they follow, newest followed first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MyRequestLists {
    pub made: Vec<RequestSummary>,
    pub followed: Vec<RequestSummary>,
}

/// A request in "My requests".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub reference: Reference,
    pub service_name: Text,
    pub address: String,
    /// The day it was made, in the city's time zone.
    pub date: String,
    pub status: crate::lifecycle::model::Status,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Choice;

    fn question(code: &str, datatype: Datatype, required: bool, choices: &[&str]) -> Question {
        let text = Text { fr: code.into(), en: code.into() };
        Question {
            code: Code::parse(code).unwrap(),
            datatype,
            required,
            label: text.clone(),
            help: None,
            choices: choices.iter().map(|k| Choice { key: Code::parse(k).unwrap(), name: text.clone() }).collect(),
        }
    }

    /// A question of each kind a service may ask.
    fn five_kinds() -> Vec<Question> {
        vec![
            question("size", Datatype::Singlevaluelist, true, &["small", "large"]),
            question("kinds", Datatype::Multivaluelist, false, &["a", "b", "c"]),
            question("count", Datatype::Number, false, &[]),
            question("when", Datatype::Datetime, false, &[]),
            question("plate", Datatype::String, false, &[]),
        ]
    }

    fn input(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect()
    }

    proptest::proptest! {
        /// Any form: answers are accepted only as the questions allow, or refused with problems; never a
        /// panic. References, draft ids and descriptions: no panic, and what is accepted reads back.
        #[test]
        fn fuzz_a_request_s_input(
            form in proptest::collection::btree_map(
                "(size|kinds|count|when|plate|[a-z]{1,3})",
                proptest::collection::vec("(small|large|a|b|c|[0-9]{1,4}|2026-1[0-2]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]|\\PC{0,20})", 0..5),
                0..6,
            ),
            text in "\\PC{0,40}",
            near in "(20[0-9]{2}-[0-9]{1,7}|[A-Za-z0-9_-]{20,26})",
        ) {
            let questions = five_kinds();
            if let Ok(answers) = Answers::check(&questions, &form) {
                let size = answers.values(&Code::parse("size").unwrap());
                proptest::prop_assert!(size == ["small"] || size == ["large"]);
                proptest::prop_assert!(answers.values(&Code::parse("kinds").unwrap()).len() <= 3);
            }
            for input in [&text, &near] {
                if let Some(reference) = Reference::parse(input) {
                    proptest::prop_assert_eq!(Reference::parse(&reference.to_string()), Some(reference));
                }
                if let Some(id) = DraftId::parse(input) {
                    proptest::prop_assert_eq!(DraftId::parse(id.as_str()), Some(id.clone()));
                }
                let _ = Description::parse(input);
            }
        }
    }

    #[test]
    fn a_choice_sent_many_times_is_kept_once() {
        let questions = vec![question("kinds", Datatype::Multivaluelist, false, &["a", "b"])];
        let flood: Vec<&str> = std::iter::repeat_n("a", 100_000).chain(["b", "a"]).collect();
        let answers = Answers::check(&questions, &input(&[("kinds", &flood)])).unwrap();
        assert_eq!(answers.values(&Code::parse("kinds").unwrap()), ["a", "b"]);
    }

    #[test]
    fn answers_are_checked_against_their_questions() {
        let questions = five_kinds();
        let good =
            Answers::check(&questions, &input(&[("size", &["large"]), ("kinds", &["a", "c"]), ("count", &["3"])]))
                .unwrap();
        assert_eq!(good.values(&Code::parse("kinds").unwrap()), ["a", "c"]);
        assert!(good.values(&Code::parse("plate").unwrap()).is_empty());

        let long = "x".repeat(201);
        let bad = Answers::check(
            &questions,
            &input(&[
                ("kinds", &["a", "z"]),
                ("count", &["three"]),
                ("when", &["2026-13-01"]),
                ("plate", &[long.as_str()]),
                ("unknown", &["ignored"]),
            ]),
        )
        .unwrap_err();
        let problems: Vec<(Field, Problem)> = bad.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            problems,
            [
                (Field::Answer(0), Problem::ChoiceInvalid),
                (Field::Answer(1), Problem::ChoiceInvalid),
                (Field::Answer(2), Problem::NumberInvalid),
                (Field::Answer(3), Problem::DateInvalid),
                (Field::Answer(4), Problem::TooLong),
            ]
        );
        let two = Answers::check(&questions, &input(&[("size", &["small", "large"])])).unwrap_err();
        assert_eq!(two[0].problem, Problem::ChoiceInvalid);
        for (count, when) in
            [("NaN", "2026-02-31"), ("inf", "2026-2-1"), ("1e3", "2026-00-10"), (".", "x"), ("-", "2026-1-01")]
        {
            let bad =
                Answers::check(&questions, &input(&[("size", &["small"]), ("count", &[count]), ("when", &[when])]));
            let problems: Vec<Problem> = bad.unwrap_err().iter().map(|e| e.problem).collect();
            assert_eq!(problems, [Problem::NumberInvalid, Problem::DateInvalid]);
        }
        assert!(Answers::check(&questions, &input(&[("size", &["small"]), ("when", &["2028-02-29"])])).is_ok());
        for count in ["12", "-3", "+4", "2.5", ".5", "7."] {
            assert!(
                Answers::check(&questions, &input(&[("size", &["small"]), ("count", &[count])])).is_ok(),
                "{count}"
            );
        }
    }

    #[test]
    fn references_steps_and_descriptions() {
        let reference = Reference { year: 2026, number: 42 };
        assert_eq!(reference.to_string(), "2026-000042");
        assert_eq!(Reference::parse("2026-000042"), Some(reference));
        for bad in ["2026-42", "26-000042", "2026-00004a", "../etc"] {
            assert_eq!(Reference::parse(bad), None, "{bad}");
        }
        assert_eq!(Step::Where.previous(), None);
        assert_eq!(Step::Files.previous(), Some(Step::Details));
        assert_eq!(Step::Files.next(), Some(Step::Review));
        assert_eq!(Step::Review.next(), None);
        assert!(Description::parse(&"é".repeat(DESCRIPTION_MAX)).is_some());
        assert!(Description::parse(&"é".repeat(DESCRIPTION_MAX + 1)).is_none());
        assert!(DraftId::parse("../../etc/passwd").is_none());
        assert!(DraftId::parse(&"a".repeat(43)).is_some());
    }
}
