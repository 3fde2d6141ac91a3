//! Form problems: which field, what is wrong. The field's `name` is the form input's name and id, and the
//! server function argument it fills, so an error summary can link straight to the input.

use serde::{Deserialize, Serialize};

/// A field travels as its `name` (`"email"`, `"answer-3"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Email,
    Mobile,
    Lang,
    UpdatesBy,
    Password,
    NewPassword,
    CurrentPassword,
    /// The password typed again to confirm closing the account.
    ConfirmPassword,
    /// Where a request is: a civic address, a corner, a named place or a map point, chosen from the
    /// suggestions or on the map; and "where exactly", in the resident's words.
    Address,
    PlaceNote,
    Description,
    /// The photos and files of a request.
    Files,
    /// The answer to the service's question at this position (its label comes from the catalogue).
    Answer(u8),
    /// Staff changing a request: its new status, why it is closed, the request it duplicates, its team,
    /// a note and whether the resident sees it.
    Status,
    Reason,
    DuplicateOf,
    Team,
    Note,
    Visibility,
    /// The survey: how easy it was, how satisfied, whether it was resolved, a comment.
    Ease,
    Satisfaction,
    Resolved,
    Comment,
    /// Portal feedback: is the online service easy to use, how to improve it.
    Easy,
    Improve,
    /// Live chat: a message, the 1–5 rating of a conversation.
    Message,
    Rating,
    /// Agent intake: how the caller reached 311, the service filed for them, an inquiry's topic and how
    /// it ended.
    Channel,
    Service,
    Topic,
    Outcome,
    /// Staff signing in: the code from their authenticator app, or a recovery code.
    Code,
    /// A barrier to accessibility reported on the accessibility statement, and how to reach whoever
    /// reported it.
    Barrier,
    Contact,
    /// Changing one's e-mail address: the new address, and the current password (named apart from the
    /// password form's on the same page).
    NewEmail,
    EmailPassword,
}

impl Field {
    pub const ALL: [Field; 37] = [
        Field::Name,
        Field::Email,
        Field::Mobile,
        Field::Lang,
        Field::UpdatesBy,
        Field::Password,
        Field::NewPassword,
        Field::CurrentPassword,
        Field::ConfirmPassword,
        Field::Address,
        Field::PlaceNote,
        Field::Description,
        Field::Files,
        Field::Answer(0),
        Field::Status,
        Field::Reason,
        Field::DuplicateOf,
        Field::Team,
        Field::Note,
        Field::Visibility,
        Field::Ease,
        Field::Satisfaction,
        Field::Resolved,
        Field::Comment,
        Field::Easy,
        Field::Improve,
        Field::Message,
        Field::Rating,
        Field::Channel,
        Field::Service,
        Field::Topic,
        Field::Outcome,
        Field::Code,
        Field::Barrier,
        Field::Contact,
        Field::NewEmail,
        Field::EmailPassword,
    ];

    /// The input's `name` and `id`.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Mobile => "mobile",
            Field::Lang => "lang",
            Field::UpdatesBy => "updates_by",
            Field::Password => "password",
            Field::NewPassword => "new_password",
            Field::CurrentPassword => "current_password",
            Field::ConfirmPassword => "confirm_password",
            Field::Address => "address",
            Field::PlaceNote => "place_note",
            Field::Description => "description",
            Field::Files => "files",
            Field::Answer(position) => ANSWER_IDS.get(position as usize).copied().unwrap_or("answer"),
            Field::Status => "status",
            Field::Reason => "reason",
            Field::DuplicateOf => "duplicate_of",
            Field::Team => "team",
            Field::Note => "note",
            Field::Visibility => "visibility",
            Field::Ease => "ease",
            Field::Satisfaction => "satisfaction",
            Field::Resolved => "resolved",
            Field::Comment => "comment",
            Field::Easy => "easy",
            Field::Improve => "improve",
            Field::Message => "message",
            Field::Rating => "rating",
            Field::Channel => "channel",
            Field::Service => "service",
            Field::Topic => "topic",
            Field::Outcome => "outcome",
            Field::Code => "code",
            Field::Barrier => "barrier",
            Field::Contact => "contact",
            Field::NewEmail => "new_email",
            Field::EmailPassword => "email_password",
        }
    }

    /// The field whose input is named `name`.
    pub fn parse(name: &str) -> Option<Field> {
        if let Some(position) = ANSWER_IDS.iter().position(|id| *id == name) {
            return u8::try_from(position).ok().map(Field::Answer);
        }
        Field::ALL.into_iter().find(|field| !matches!(field, Field::Answer(_)) && field.code() == name)
    }

    /// The field's label in the locales.
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Name => "field-name",
            Field::Email => "field-email",
            Field::Mobile => "field-mobile",
            Field::Lang => "field-lang",
            Field::UpdatesBy => "field-updates-by",
            Field::Password => "field-password",
            Field::NewPassword => "field-new-password",
            Field::CurrentPassword => "field-current-password",
            Field::ConfirmPassword => "field-confirm-password",
            Field::Address => "field-address",
            Field::PlaceNote => "field-place-note",
            Field::Description => "field-description",
            Field::Files => "field-files",
            Field::Answer(_) => "field-answer",
            Field::Status => "field-status",
            Field::Reason => "field-reason",
            Field::DuplicateOf => "field-duplicate-of",
            Field::Team => "field-team",
            Field::Note => "field-note",
            Field::Visibility => "field-visibility",
            Field::Ease => "field-ease",
            Field::Satisfaction => "field-satisfaction",
            Field::Resolved => "field-resolved",
            Field::Comment => "field-comment",
            Field::Easy => "field-easy",
            Field::Improve => "field-improve",
            Field::Message => "field-message",
            Field::Rating => "field-rating",
            Field::Channel => "field-channel",
            Field::Service => "field-service",
            Field::Topic => "field-topic",
            Field::Outcome => "field-outcome",
            Field::Code => "field-code",
            Field::Barrier => "field-barrier",
            Field::Contact => "field-contact",
            Field::NewEmail => "field-new-email",
            Field::EmailPassword => "field-current-password",
        }
    }
}

/// The input ids of the service's questions, by position. A service asks at most [`MAX_QUESTIONS`].
const ANSWER_IDS: [&str; MAX_QUESTIONS] = [
    "answer-0",
    "answer-1",
    "answer-2",
    "answer-3",
    "answer-4",
    "answer-5",
    "answer-6",
    "answer-7",
    "answer-8",
    "answer-9",
    "answer-10",
    "answer-11",
];

/// How many questions a service may ask (the catalogue file is refused beyond).
pub const MAX_QUESTIONS: usize = 12;

crate::codes::coded! {
    /// What is wrong with a field. It travels as its code (`"file-type"`); its words are `problem-<code>`.
    pub enum Problem in "problem" {
        Required = "required",
        EmailInvalid = "email-invalid",
        /// Changing one's e-mail address to the one it already is.
        EmailUnchanged = "email-unchanged",
        /// An e-mail change link followed after another account took the address.
        EmailTaken = "email-taken",
        MobileInvalid = "mobile-invalid",
        MobileNeededForSms = "mobile-needed-for-sms",
        NameInvalid = "name-invalid",
        ChoiceInvalid = "choice-invalid",
        PasswordTooShort = "password-too-short",
        PasswordTooLong = "password-too-long",
        PasswordCommon = "password-common",
        PasswordPersonal = "password-personal",
        PasswordWrong = "password-wrong",
        /// The address typed is not one of the suggestions.
        AddressNotChosen = "address-not-chosen",
        /// "Use my location" is far from every address of the city.
        AddressOutsideCity = "address-outside-city",
        /// The browser could not, or was not allowed to, tell where the resident is.
        LocationUnavailable = "location-unavailable",
        TooLong = "too-long",
        NumberInvalid = "number-invalid",
        DateInvalid = "date-invalid",
        FileTooLarge = "file-too-large",
        /// Not a JPEG, PNG, WebP or PDF, whatever its name says.
        FileType = "file-type",
        /// Corrupt or truncated.
        FileUnreadable = "file-unreadable",
        /// More pixels than any phone camera takes (a decompression bomb, or a panorama).
        ImageTooLarge = "image-too-large",
        TooManyFiles = "too-many-files",
        /// The upload did not arrive (the connection dropped, the session ended, a failure on our side).
        UploadFailed = "upload-failed",
        /// More files sent from this address, or for this account or draft, in the last hour than anyone
        /// filing requests needs.
        UploadQuota = "upload-quota",
        /// The server's disk is nearly full: files are refused before the database's room is taken.
        StorageFull = "storage-full",
        /// Staff asked for a move the request cannot make (completing a cancelled request).
        TransitionNotAllowed = "transition-not-allowed",
        /// No request has this reference.
        ReferenceUnknown = "reference-unknown",
        /// A staff form that changes nothing.
        NothingChanged = "nothing-changed",
        /// Completed or closed: no more updates.
        RequestNotOpen = "request-not-open",
        /// The survey can be changed for 14 days only.
        SurveyClosed = "survey-closed",
        /// The number is not between 1 and 5.
        RatingInvalid = "rating-invalid",
        /// A caller's profile needs a way to reach them: a phone number, an e-mail address, or both.
        ContactNeeded = "contact-needed",
        /// Updates by e-mail, and no e-mail address.
        EmailNeededForUpdates = "email-needed-for-updates",
        /// Neither six digits nor a recovery code.
        CodeInvalid = "code-invalid",
        /// Not the app's code of this minute (or already used), nor an unused recovery code.
        CodeWrong = "code-wrong",
    }
}

impl Problem {
    /// Problems with a file being sent (the photo steps and updates show them by the file input).
    pub const OF_FILES: [Problem; 8] = [
        Problem::FileTooLarge,
        Problem::FileType,
        Problem::FileUnreadable,
        Problem::ImageTooLarge,
        Problem::TooManyFiles,
        Problem::UploadFailed,
        Problem::UploadQuota,
        Problem::StorageFull,
    ];
}

crate::codes::serde_as_code!(Field, Field::code, Field::parse);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// The one way a form's problems are collected, so that the resident sees all of them at once: each
/// field is parsed in turn, its problem recorded, and [`Problems::done`] refuses the form if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldError { field, problem });
    }

    /// `parsed`, or a problem recorded against `field`: `Required` when `input` is blank, `invalid` otherwise.
    pub fn check<T>(&mut self, field: Field, input: &str, parsed: Option<T>, invalid: Problem) -> Option<T> {
        if parsed.is_none() {
            self.add(field, if input.trim().is_empty() { Problem::Required } else { invalid });
        }
        parsed
    }

    /// The value, or its problem recorded.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|problem| self.0.push(problem)).ok()
    }

    /// The value, or all its problems recorded (a check that finds several at once).
    pub fn take_all<T>(&mut self, result: Result<T, Vec<FieldError>>) -> Option<T> {
        result.map_err(|problems| self.0.extend(problems)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing was recorded, else every problem.
    pub fn done(self) -> Result<(), Vec<FieldError>> {
        match self.0.is_empty() {
            true => Ok(()),
            false => Err(self.0),
        }
    }

    /// The parsed form when nothing was recorded (then `value` is always `Some`), else every problem.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        self.done()?;
        // Every field parsed: a `None` here is a field whose problem was not recorded, a bug in the caller.
        Ok(value.expect("a form with no problems has all its fields"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{message, Lang};

    #[test]
    fn problems_are_collected_in_order_and_refuse_the_form() {
        let mut problems = Problems::default();
        assert_eq!(problems.check(Field::Email, " ", None::<u8>, Problem::EmailInvalid), None);
        assert_eq!(problems.check(Field::Mobile, "12", None::<u8>, Problem::MobileInvalid), None);
        assert_eq!(problems.take(Ok::<_, FieldError>(3)), Some(3));
        let found = problems.finish(Some(())).unwrap_err();
        assert_eq!(
            found,
            [
                FieldError { field: Field::Email, problem: Problem::Required },
                FieldError { field: Field::Mobile, problem: Problem::MobileInvalid },
            ]
        );
        assert_eq!(Problems::default().finish(Some(7)), Ok(7));
    }

    #[test]
    fn every_field_and_problem_has_words_in_both_languages() {
        let keys = Field::ALL.map(Field::label_key).into_iter().chain(Problem::ALL.map(Problem::key));
        for key in keys {
            for lang in Lang::ALL {
                assert_ne!(message(lang, key, &[]), key, "{key} missing in {lang:?}");
            }
        }
    }
}
