//! Stored things as the API shows them, in one language. Nothing personal leaves: no name, e-mail
//! address or phone number is in a [`PublicRequest`] to begin with, internal notes are not public
//! events, and for a private service (a complaint about people or their property) the resident's
//! words are left out and the place is only its street, its point rounded to about a block.

use super::query::w3c;
use super::records::*;
use super::{PublicEvent, PublicEventKind, PublicRequest, ROOT};
use crate::addresses::written;
use crate::catalogue::{Catalogue, Datatype, Service};
use crate::city::ssr::City;
use crate::i18n::{message, Lang};
use crate::lifecycle::model::{CloseReason, Status};

/// What every record is written with.
pub struct Presenter<'a> {
    pub catalogue: &'a Catalogue,
    pub city: &'a City,
    pub lang: Lang,
    /// The portal's public address, for links (`https://311.example.ca`).
    pub public_url: &'a str,
}

/// Degrees kept of a private service's point: 0.001° is 111 m north–south, 77 m east–west here.
const BLOCK: f64 = 1000.0;

impl Presenter<'_> {
    pub fn service(&self, service: &Service) -> ServiceRecord {
        let lang = self.lang;
        let group = self.catalogue.category(&service.category).map(|c| c.name.get(lang).to_string());
        ServiceRecord {
            service_code: service.code.to_string(),
            service_name: service.name.get(lang).to_string(),
            description: service.summary.get(lang).to_string(),
            metadata: !service.questions.is_empty(),
            kind: "realtime",
            keywords: service.keywords.get(lang).join(","),
            group: group.unwrap_or_default(),
        }
    }

    pub fn definition(&self, service: &Service) -> ServiceDefinition {
        let lang = self.lang;
        let attributes = service.questions.iter().enumerate().map(|(i, question)| AttributeRecord {
            variable: true,
            code: question.code.to_string(),
            datatype: question.datatype.code(),
            required: question.required,
            datatype_description: message(lang, datatype_key(question.datatype), &[]),
            order: i + 1,
            description: question.label.get(lang).to_string(),
            values: question
                .choices
                .iter()
                .map(|c| ValueRecord { key: c.key.to_string(), name: c.name.get(lang).to_string() })
                .collect(),
        });
        ServiceDefinition { service_code: service.code.to_string(), attributes: attributes.collect() }
    }

    /// `events`: this request's public timeline, given when `extensions=true` asked for it.
    pub fn request(&self, public: &PublicRequest, events: Option<&[PublicEvent]>) -> RequestRecord {
        let (lang, zone) = (self.lang, &self.city.time_zone);
        let request = &public.request;
        let service = self.catalogue.service(&request.service);
        let private = service.is_none_or(|s| s.private);
        let photo = public.photo.as_ref().filter(|_| service.is_some_and(|s| s.public_photos && !private));
        let expected = request.expected_on().and_then(|day| day.at(23, 59, 59, 0).to_zoned(zone.clone()).ok());
        let expected = expected.map(|at| w3c(at.timestamp().as_second(), zone));
        let rounded = |degrees: f64| if private { (degrees * BLOCK).round() / BLOCK } else { degrees };
        RequestRecord {
            service_request_id: request.reference.to_string(),
            status: if request.status.is_open() { "open" } else { "closed" },
            status_notes: request.close_reason.map(|reason| message(lang, reason.key(), &[])),
            service_name: service.map(|s| s.name.get(lang).to_string()).unwrap_or_default(),
            service_code: request.service.to_string(),
            description: (!private && !request.description.is_empty()).then(|| request.description.clone()),
            agency_responsible: request
                .team
                .as_deref()
                .and_then(|code| self.city.team(code))
                .map(|team| team.name.get(lang).to_string()),
            requested_datetime: w3c(request.created_at, zone),
            updated_datetime: w3c(public.updated_at, zone),
            expected_datetime: expected,
            address: self.address(public, private),
            address_id: public.address_id.filter(|_| !private).map(|id| id.to_string()),
            lat: rounded(public.latitude),
            long: rounded(public.longitude),
            media_url: photo.map(|id| format!("{}{ROOT}/media/{id}.jpg", self.public_url)),
            extended_attributes: events.map(|_| Extended {
                channel: request.channel.code().to_string(),
                client: request.client.clone(),
                detailed_status: request.status.code(),
                close_reason: request.close_reason.map(CloseReason::code),
            }),
            notes: events.map(|events| events.iter().map(|event| self.note(event)).collect()),
        }
    }

    /// The place in the reader's language; for a private service, a civic address is only its street,
    /// a corner stays (nobody lives at one), and anything else is not named (a map point's label says
    /// which address it is near).
    fn address(&self, public: &PublicRequest, private: bool) -> Option<String> {
        let label = written(&public.request.address, self.lang);
        match (private, public.address_id) {
            (false, _) => Some(label),
            (true, Some(_)) => Some(street_of(&label).to_string()),
            (true, None) => public.request.address.contains(" & ").then_some(label),
        }
    }

    fn note(&self, event: &PublicEvent) -> NoteRecord {
        let note = self.public_note(event);
        let (kind, description) = match event.kind {
            PublicEventKind::Status(status, reason) => ("status", self.status_words(status, reason, note)),
            PublicEventKind::Note => ("note", note.to_string()),
            PublicEventKind::Reopened => ("reopened", message(self.lang, "open311-reopened", &[])),
        };
        NoteRecord { datetime: w3c(event.at, &self.city.time_zone), description, kind }
    }

    /// "In progress", "Closed: duplicate of another request", with the public note if there is one.
    fn status_words(&self, status: Status, reason: Option<CloseReason>, note: &str) -> String {
        let mut words = message(self.lang, status.key(), &[]);
        if let Some(reason) = reason {
            words = format!("{words} ({})", message(self.lang, reason.key(), &[]));
        }
        if !note.is_empty() {
            words = format!("{words}. {note}");
        }
        words
    }

    /// What staff wrote for the resident: not for a private service, where it may name the people
    /// the complaint is about.
    fn public_note<'e>(&self, event: &'e PublicEvent) -> &'e str {
        let private = self.catalogue.service(&event.service).is_none_or(|s| s.private);
        if private {
            ""
        } else {
            &event.note
        }
    }

    /// mySociety's update: the status in their words, the public note.
    pub fn update(&self, event: &PublicEvent) -> UpdateRecord {
        let status = match event.kind {
            PublicEventKind::Status(status, reason) => my_society_status(status, reason),
            PublicEventKind::Reopened => "reopen",
            PublicEventKind::Note => my_society_status(event.current.0, event.current.1),
        };
        UpdateRecord {
            update_id: event.id.to_string(),
            service_request_id: event.reference.to_string(),
            status,
            updated_datetime: w3c(event.at, &self.city.time_zone),
            description: self.public_note(event).to_string(),
            media_url: None,
        }
    }
}

/// "200 Brady St, Sudbury" → "Brady St, Sudbury"; « 200, rue Brady, Sudbury » → « rue Brady, Sudbury ».
fn street_of(label: &str) -> &str {
    match label.split_once(' ') {
        Some((number, street)) if number.starts_with(|c: char| c.is_ascii_digit()) => street,
        _ => label,
    }
}

fn datatype_key(datatype: Datatype) -> &'static str {
    match datatype {
        Datatype::String => "open311-datatype-string",
        Datatype::Number => "open311-datatype-number",
        Datatype::Datetime => "open311-datatype-datetime",
        Datatype::Text => "open311-datatype-text",
        Datatype::Singlevaluelist => "open311-datatype-singlevaluelist",
        Datatype::Multivaluelist => "open311-datatype-multivaluelist",
    }
}

/// Our statuses in mySociety's extended ones (FixMyStreet reads them).
pub fn my_society_status(status: Status, reason: Option<CloseReason>) -> &'static str {
    match (status, reason) {
        (Status::Received, _) => "open",
        (Status::UnderReview, _) => "investigating",
        (Status::Scheduled, _) => "action_scheduled",
        (Status::InProgress, _) => "in_progress",
        (Status::Completed, _) => "fixed",
        (Status::Closed, Some(CloseReason::Duplicate)) => "duplicate",
        (Status::Closed, Some(CloseReason::NotCity)) => "not_councils_responsibility",
        (Status::Closed, Some(CloseReason::NoAction)) => "no_further_action",
        (Status::Closed, _) => "closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_services_address_is_its_street() {
        assert_eq!(street_of("200 Brady St, Sudbury"), "Brady St, Sudbury");
        assert_eq!(street_of("200, rue Brady, Sudbury"), "rue Brady, Sudbury");
        assert_eq!(street_of("1234A Lasalle Blvd, Sudbury"), "Lasalle Blvd, Sudbury");
        assert_eq!(street_of("12-3 Elm St, Sudbury"), "Elm St, Sudbury");
    }

    #[test]
    fn every_status_has_a_my_society_word() {
        for status in Status::ALL {
            assert!(!my_society_status(status, None).is_empty());
        }
        assert_eq!(my_society_status(Status::Closed, Some(CloseReason::NotCity)), "not_councils_responsibility");
    }
}
