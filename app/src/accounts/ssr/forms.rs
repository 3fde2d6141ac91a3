//! The account forms, parsed at the edge into values that cannot be invalid. Each collects every problem,
//! so that the resident sees all of them at once.

use crate::accounts::model::{Email, Mobile, PersonName, UpdatesBy};
use crate::errors::{AppError, Field, Problem, Problems};
use crate::i18n::Lang;

/// The contact details every profile form has (registration and the account page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    pub name: PersonName,
    pub mobile: Option<Mobile>,
    pub lang: Lang,
    pub updates_by: UpdatesBy,
}

impl Details {
    pub fn parse(name: &str, mobile: &str, lang: &str, updates_by: &str) -> Result<Details, AppError> {
        let mut problems = Problems::default();
        let details = Details::collect(&mut problems, name, mobile, lang, updates_by);
        Ok(problems.finish(details)?)
    }

    pub(crate) fn collect(
        problems: &mut Problems,
        name: &str,
        mobile: &str,
        lang: &str,
        updates_by: &str,
    ) -> Option<Details> {
        let name = problems.check(Field::Name, name, PersonName::parse(name), Problem::NameInvalid);
        let mobile = match mobile.trim().is_empty() {
            true => Some(None),
            false => problems.check(Field::Mobile, mobile, Mobile::parse(mobile), Problem::MobileInvalid).map(Some),
        };
        let lang =
            problems.check(Field::Lang, lang, Lang::from_tag(lang).filter(|_| lang.len() == 2), Problem::ChoiceInvalid);
        let updates_by =
            problems.check(Field::UpdatesBy, updates_by, UpdatesBy::parse(updates_by), Problem::ChoiceInvalid);
        if updates_by == Some(UpdatesBy::Sms) && mobile == Some(None) {
            problems.add(Field::Mobile, Problem::MobileNeededForSms);
        }
        Some(Details { name: name?, mobile: mobile?, lang: lang?, updates_by: updates_by? })
    }
}

/// The registration form: the details and the e-mail address.
#[derive(Clone, Debug)]
pub struct Registration {
    pub email: Email,
    pub details: Details,
}

impl Registration {
    pub fn parse(
        name: &str,
        email: &str,
        mobile: &str,
        lang: &str,
        updates_by: &str,
    ) -> Result<Registration, AppError> {
        let mut problems = Problems::default();
        let details = Details::collect(&mut problems, name, mobile, lang, updates_by);
        let email = parse_email(&mut problems, email);
        let registration = details.zip(email).map(|(details, email)| Registration { email, details });
        Ok(problems.finish(registration)?)
    }
}

/// An e-mail address alone (forgotten password).
pub fn email(email: &str) -> Result<Email, AppError> {
    let mut problems = Problems::default();
    let email = parse_email(&mut problems, email);
    Ok(problems.finish(email)?)
}

/// The sign-in form: an address and a password that is not blank.
pub fn sign_in(email: &str, password: &str) -> Result<Email, AppError> {
    let mut problems = Problems::default();
    let email = parse_email(&mut problems, email);
    if password.is_empty() {
        problems.add(Field::Password, Problem::Required);
    }
    Ok(problems.finish(email)?)
}

/// The e-mail change form: the new address, and the current password (not blank).
pub fn email_change(new_email: &str, password: &str) -> Result<Email, AppError> {
    let mut problems = Problems::default();
    let email = problems.check(Field::NewEmail, new_email, Email::parse(new_email), Problem::EmailInvalid);
    if password.is_empty() {
        problems.add(Field::EmailPassword, Problem::Required);
    }
    Ok(problems.finish(email)?)
}

pub(crate) fn parse_email(problems: &mut Problems, email: &str) -> Option<Email> {
    problems.check(Field::Email, email, Email::parse(email), Problem::EmailInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::FieldError;

    #[test]
    fn every_problem_of_a_registration_is_named_at_once() {
        let Err(AppError::Invalid(problems)) = Registration::parse("", "not an address", "12", "xx", "sms") else {
            panic!("refused")
        };
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, [Field::Name, Field::Mobile, Field::Lang, Field::Email]);
        let Err(AppError::Invalid(problems)) = Details::parse("Léa", "", "fr", "sms") else { panic!("refused") };
        assert_eq!(problems, [FieldError { field: Field::Mobile, problem: Problem::MobileNeededForSms }]);
        let details = Details::parse("Léa Lavoie", "705 555 0100", "fr", "sms").unwrap();
        assert_eq!(details.updates_by, UpdatesBy::Sms);
        assert!(details.mobile.is_some());
    }

    #[test]
    fn sign_in_needs_an_address_and_a_password() {
        let Err(AppError::Invalid(problems)) = sign_in("", "") else { panic!("refused") };
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, [Field::Email, Field::Password]);
        assert!(sign_in("lea@example.ca", "x").is_ok());
    }
}
