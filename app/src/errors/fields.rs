//! Form problems: which field, what is wrong. The field's `name` is the form input's name and id, and the
//! server function argument it fills, so an error summary can link straight to the input.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::Email,
        Field::Mobile,
        Field::Lang,
        Field::UpdatesBy,
        Field::Password,
        Field::NewPassword,
        Field::CurrentPassword,
        Field::ConfirmPassword,
    ];

    /// The input's `name` and `id`.
    pub fn name(self) -> &'static str {
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
        }
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
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    EmailInvalid,
    MobileInvalid,
    MobileNeededForSms,
    NameInvalid,
    ChoiceInvalid,
    PasswordTooShort,
    PasswordTooLong,
    PasswordCommon,
    PasswordPersonal,
    PasswordWrong,
}

impl Problem {
    pub const ALL: [Problem; 11] = [
        Problem::Required,
        Problem::EmailInvalid,
        Problem::MobileInvalid,
        Problem::MobileNeededForSms,
        Problem::NameInvalid,
        Problem::ChoiceInvalid,
        Problem::PasswordTooShort,
        Problem::PasswordTooLong,
        Problem::PasswordCommon,
        Problem::PasswordPersonal,
        Problem::PasswordWrong,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Problem::Required => "problem-required",
            Problem::EmailInvalid => "problem-email-invalid",
            Problem::MobileInvalid => "problem-mobile-invalid",
            Problem::MobileNeededForSms => "problem-mobile-needed-for-sms",
            Problem::NameInvalid => "problem-name-invalid",
            Problem::ChoiceInvalid => "problem-choice-invalid",
            Problem::PasswordTooShort => "problem-password-too-short",
            Problem::PasswordTooLong => "problem-password-too-long",
            Problem::PasswordCommon => "problem-password-common",
            Problem::PasswordPersonal => "problem-password-personal",
            Problem::PasswordWrong => "problem-password-wrong",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{message, Lang};

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
