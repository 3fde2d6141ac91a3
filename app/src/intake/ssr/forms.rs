//! The contact page's forms, parsed at the edge into values that cannot be invalid; every problem at once.

use super::super::model::{Outcome, NOTE_MAX};
use crate::accounts::model::{Email, UpdatesBy};
use crate::accounts::ssr::forms::{parse_email, Details};
use crate::catalogue::{Catalogue, Code};
use crate::errors::{Field, FieldError, Problem, Problems};
use crate::i18n::Lang;
use crate::requests::model::ContactChannel;

/// How the caller reached 311: one of the channels agents serve.
pub fn channel(problems: &mut Problems, text: &str) -> Option<ContactChannel> {
    let channel = ContactChannel::parse(text).filter(|c| ContactChannel::AGENTS.contains(c));
    problems.check(Field::Channel, text, channel, Problem::ChoiceInvalid)
}

/// The language the caller is served in.
pub fn lang(problems: &mut Problems, text: &str) -> Option<Lang> {
    problems.check(Field::Lang, text, Lang::from_tag(text).filter(|_| text.len() == 2), Problem::ChoiceInvalid)
}

/// The contact's channel and language, as the page's forms carry them.
pub fn contact(channel_text: &str, lang_text: &str) -> Result<(ContactChannel, Lang), Vec<FieldError>> {
    let mut problems = Problems::default();
    let (channel, lang) = (channel(&mut problems, channel_text), lang(&mut problems, lang_text));
    problems.finish(channel.zip(lang))
}

/// Filing for a caller: the channel, their language, and an online service to file.
pub fn filing(
    catalogue: &Catalogue,
    channel_text: &str,
    lang_text: &str,
    service: &str,
) -> Result<(ContactChannel, Lang, Code), Vec<FieldError>> {
    let mut problems = Problems::default();
    let (channel, lang) = (channel(&mut problems, channel_text), lang(&mut problems, lang_text));
    let online = Code::parse(service).filter(|code| catalogue.service(code).is_some_and(|s| s.online));
    let service = problems.check(Field::Service, service, online, Problem::ChoiceInvalid);
    problems.finish(channel.zip(lang).zip(service).map(|((channel, lang), service)| (channel, lang, service)))
}

/// A caller's profile: a name, a phone number and/or an e-mail address, a language, how they hear from us.
#[derive(Clone, Debug)]
pub struct CallerProfile {
    pub channel: ContactChannel,
    pub email: Option<Email>,
    pub details: Details,
}

impl CallerProfile {
    pub fn parse(
        channel_text: &str,
        name: &str,
        email: &str,
        mobile: &str,
        lang: &str,
        updates_by: &str,
    ) -> Result<CallerProfile, Vec<FieldError>> {
        let mut problems = Problems::default();
        let channel = channel(&mut problems, channel_text);
        let details = Details::collect(&mut problems, name, mobile, lang, updates_by);
        let email = match email.trim().is_empty() {
            true => Some(None),
            false => parse_email(&mut problems, email).map(Some),
        };
        if email == Some(None) && mobile.trim().is_empty() {
            problems.add(Field::Mobile, Problem::ContactNeeded);
        }
        if email == Some(None) && details.as_ref().is_some_and(|d| d.updates_by == UpdatesBy::Email) {
            problems.add(Field::Email, Problem::EmailNeededForUpdates);
        }
        let profile = channel.zip(details).zip(email);
        problems.finish(profile.map(|((channel, details), email)| CallerProfile { channel, email, details }))
    }
}

/// An inquiry's form, checked against the catalogue: its topic is one of the city's services or
/// topics, or "other" (empty).
pub struct InquiryForm {
    pub channel: ContactChannel,
    pub lang: Lang,
    pub topic: Option<Code>,
    pub outcome: Outcome,
    pub note: String,
}

impl InquiryForm {
    pub fn parse(
        catalogue: &Catalogue,
        channel_text: &str,
        lang_text: &str,
        topic: &str,
        outcome: &str,
        note: &str,
    ) -> Result<InquiryForm, Vec<FieldError>> {
        let mut problems = Problems::default();
        let channel = channel(&mut problems, channel_text);
        let lang = lang(&mut problems, lang_text);
        let topic = match topic.trim() {
            "" => Some(None),
            code => {
                let known = Code::parse(code).filter(|code| catalogue.service(code).is_some());
                problems.check(Field::Topic, code, known, Problem::ChoiceInvalid).map(Some)
            }
        };
        let outcome = problems.check(Field::Outcome, outcome, Outcome::parse(outcome), Problem::ChoiceInvalid);
        let note = note.trim();
        if note.chars().count() > NOTE_MAX {
            problems.add(Field::Note, Problem::TooLong);
        }
        let form = channel.zip(lang).zip(topic).zip(outcome);
        problems.finish(form.map(|(((channel, lang), topic), outcome)| InquiryForm {
            channel,
            lang,
            topic,
            outcome,
            note: note.to_string(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(problems: Vec<FieldError>) -> Vec<(Field, Problem)> {
        problems.into_iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn a_profile_needs_a_way_to_reach_the_caller() {
        let refused = CallerProfile::parse("phone", "Léa Lavoie", "", "", "fr", "none").unwrap_err();
        assert_eq!(fields(refused), [(Field::Mobile, Problem::ContactNeeded)]);
        let refused = CallerProfile::parse("phone", "Léa Lavoie", "", "705 555 0100", "fr", "email").unwrap_err();
        assert_eq!(fields(refused), [(Field::Email, Problem::EmailNeededForUpdates)]);
        let refused = CallerProfile::parse("web", "", "lea@", "12", "xx", "sms").unwrap_err();
        assert_eq!(
            fields(refused).into_iter().map(|(field, _)| field).collect::<Vec<_>>(),
            [Field::Channel, Field::Name, Field::Mobile, Field::Lang, Field::Email]
        );
        let phone_only = CallerProfile::parse("counter", "Léa Lavoie", "", "705 555 0100", "en", "sms").unwrap();
        assert_eq!((phone_only.channel, phone_only.email), (ContactChannel::Counter, None));
        assert_eq!(phone_only.details.mobile.unwrap().as_str(), "+17055550100");
    }
}
