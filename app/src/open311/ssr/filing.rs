//! POST requests: what a client sent checked into a [`Filing`] (every wrong parameter at once, with the
//! online wizard's rules), then filed: the reporter's profile found or made as an agent's would be, the
//! photos cleaned as the portal's are, and the request written in one transaction with its receipt.

use super::keys::ApiKey;
use super::{NewFiling, Open311Store, Refusal};
use crate::accounts::model::{Email, Mobile, PersonName, UpdatesBy};
use crate::accounts::ssr::{forms::Details, now, AccountId, Accounts};
use crate::addresses::ssr::AddressIndex;
use crate::addresses::{Place, PlaceChoice};
use crate::catalogue::{Catalogue, Code, Service};
use crate::city::ssr::City;
use crate::errors::{Field, Problem};
use crate::i18n::{Arg, Lang};
use crate::intake::ssr::{flows as intake_flows, Created, IntakeStore, MadeBy, NewProfile};
use crate::requests::model::{Answers, AttachmentKind, Description, PlaceNote, Reference, FILES_MAX};
use crate::requests::ssr::images::FileType;
use crate::requests::ssr::uploads::{self, Refused};
use crate::requests::ssr::{expected_on, Attachment, NewRequest, Requests};
use std::collections::BTreeMap;
use tokio::sync::Notify;

/// A file of a POST (`media`, or `media[]` as the v2.1 draft names them), read within the portal's
/// 10 MB limit.
#[derive(Debug)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A POST checked: a request that can be filed.
#[derive(Debug)]
pub struct Filing {
    pub service: Code,
    pub place: Place,
    pub place_note: PlaceNote,
    pub answers: Answers,
    pub description: Description,
    pub reporter: Option<Reporter>,
    /// The files, each of a type the portal takes.
    pub media: Vec<(Upload, FileType)>,
    pub lang: Lang,
}

/// Who reported it, as the client names them: an e-mail address, a phone number or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reporter {
    pub email: Option<Email>,
    pub mobile: Option<Mobile>,
    pub name: PersonName,
}

/// What [`check`] needs besides the POST.
pub struct Rules<'a> {
    pub catalogue: &'a Catalogue,
    pub addresses: &'a AddressIndex,
}

/// Checks every parameter of a POST (`fields` from the address and the body, `media` its files).
pub fn check(
    rules: &Rules<'_>,
    fields: &[(String, String)],
    media: Vec<Upload>,
    lang: Lang,
) -> Result<Filing, Vec<Refusal>> {
    let get = |name: &str| super::query::param(fields, name).map(str::trim).filter(|value| !value.is_empty());
    let mut refusals = Vec::new();
    let service = match get("service_code") {
        None => Err(Refusal::problem("service_code", Problem::Required)),
        Some(code) => {
            online(rules.catalogue, code).ok_or_else(|| Refusal::bad("service_code", "open311-error-unknown", code))
        }
    };
    let service = service.map_err(|refusal| refusals.push(refusal)).ok();
    let place = located(rules.addresses, &get).map_err(|refusal| refusals.push(refusal)).ok();
    let details = service.map(|service| details(service, fields, get("description"), &mut refusals));
    let reporter = reporter(&get, &mut refusals);
    let media = typed(media, &mut refusals);
    match (service, place, details) {
        (Some(service), Some((place, place_note)), Some(Some((answers, description)))) if refusals.is_empty() => {
            let service = service.code.clone();
            Ok(Filing { service, place, place_note, answers, description, reporter, media, lang })
        }
        _ => Err(refusals),
    }
}

fn online<'c>(catalogue: &'c Catalogue, code: &str) -> Option<&'c Service> {
    catalogue.service(&Code::parse(code)?).filter(|service| service.online)
}

/// The place: `address_id` (a civic address point), else `lat` and `long` (inside the city limits), else
/// `address_string` found as the wizard's box finds it. When the place is given by id or point,
/// `address_string` is kept as "where exactly" (FixMyStreet sends both).
fn located<'v>(
    addresses: &AddressIndex,
    get: &impl Fn(&str) -> Option<&'v str>,
) -> Result<(Place, PlaceNote), Refusal> {
    let text = get("address_string");
    let note = || PlaceNote::parse(&text.unwrap_or_default().chars().take(200).collect::<String>()).unwrap_or_default();
    if let Some(id) = get("address_id") {
        let place = id.parse().ok().and_then(|id| addresses.place(&PlaceChoice::Address(id)));
        return Ok((place.ok_or_else(|| Refusal::bad("address_id", "open311-error-unknown", id))?, note()));
    }
    match (get("lat"), get("long")) {
        (Some(lat), Some(long)) => {
            let (Ok(latitude), Ok(longitude)) = (lat.parse::<f64>(), long.parse::<f64>()) else {
                return Err(Refusal::bad("lat", "open311-error-point", &format!("{lat},{long}")));
            };
            let pin = PlaceChoice::Pin { latitude, longitude };
            let place = latitude.is_finite().then(|| addresses.place(&pin)).flatten();
            Ok((place.ok_or_else(|| Refusal::problem("lat", Problem::AddressOutsideCity))?, note()))
        }
        (Some(_), None) => Err(Refusal::problem("long", Problem::Required)),
        (None, Some(_)) => Err(Refusal::problem("lat", Problem::Required)),
        (None, None) => {
            let text = text.ok_or_else(|| Refusal::bad("lat", "open311-error-location", ""))?;
            let found = addresses.suggest_places(text, 1).into_iter().next();
            let place = found.and_then(|found| addresses.place(&PlaceChoice::parse(&found.value)?));
            Ok((place.ok_or_else(|| Refusal::bad("address_string", "open311-error-not-in-city", text))?, note()))
        }
    }
}

/// The answers (`attribute[CODE]`, or `attribute[CODE][]` for several values), checked as the wizard
/// checks them, and the description.
fn details(
    service: &Service,
    fields: &[(String, String)],
    description: Option<&str>,
    refusals: &mut Vec<Refusal>,
) -> Option<(Answers, Description)> {
    let mut sent: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in fields {
        let code = name.strip_prefix("attribute[").map(|rest| rest.trim_end_matches("[]").trim_end_matches(']'));
        if let Some(code) = code {
            sent.entry(code.to_string()).or_default().push(value.clone());
        }
    }
    let answers = Answers::check(&service.questions, &sent).map_err(|problems| {
        for problem in problems {
            let Field::Answer(position) = problem.field else { continue };
            let code = service.questions.get(usize::from(position)).map_or("", |q| q.code.as_str());
            refusals.push(Refusal::problem(format!("attribute[{code}]"), problem.problem));
        }
    });
    let description = Description::parse(description.unwrap_or_default());
    if description.is_none() {
        refusals.push(Refusal::problem("description", Problem::TooLong));
    }
    answers.ok().zip(description)
}

/// The reporter, when the client gives their e-mail address or phone number; their name from
/// `first_name` and `last_name`, else the address or number itself (agents see who it is).
fn reporter<'v>(get: &impl Fn(&str) -> Option<&'v str>, refusals: &mut Vec<Refusal>) -> Option<Reporter> {
    let email =
        parsed(get("email"), Email::parse).map_err(|_| refusals.push(Refusal::problem("email", Problem::EmailInvalid)));
    let mobile = parsed(get("phone"), Mobile::parse)
        .map_err(|_| refusals.push(Refusal::problem("phone", Problem::MobileInvalid)));
    let (email, mobile) = (email.ok().flatten(), mobile.ok().flatten());
    let given = [get("first_name"), get("last_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let name = match given.is_empty() {
        false => PersonName::parse(&given).or_else(|| {
            refusals.push(Refusal::problem("first_name", Problem::NameInvalid));
            None
        })?,
        true => {
            let contact =
                email.as_ref().map(|e| e.as_str().to_string()).or(mobile.as_ref().map(|m| m.as_str().to_string()));
            PersonName::parse(&contact?)?
        }
    };
    (email.is_some() || mobile.is_some()).then_some(Reporter { email, mobile, name })
}

/// A value given and parsed (`Ok(None)`: not given; `Err`: given and wrong).
fn parsed<T>(value: Option<&str>, parse: fn(&str) -> Option<T>) -> Result<Option<T>, ()> {
    value.map(|value| parse(value).ok_or(())).transpose()
}

/// Each file's type, judged by its first bytes as the portal's uploads are; at most five.
fn typed(media: Vec<Upload>, refusals: &mut Vec<Refusal>) -> Vec<(Upload, FileType)> {
    if media.len() > FILES_MAX {
        refusals.push(Refusal::problem("media", Problem::TooManyFiles));
        return Vec::new();
    }
    let mut typed = Vec::new();
    for upload in media {
        match FileType::sniff(&upload.bytes) {
            Some(file_type) => typed.push((upload, file_type)),
            None => refusals.push(Refusal::problem("media", Problem::FileType)),
        }
    }
    typed
}

/// What filing writes to and reads: the stores, the files, the city's calendar, the notification bell.
pub struct Filer<'a> {
    pub catalogue: &'a Catalogue,
    pub city: &'a City,
    pub accounts: &'a Accounts,
    pub intake: &'a dyn IntakeStore,
    pub requests: &'a std::sync::Arc<Requests>,
    pub store: &'a dyn Open311Store,
    pub bell: &'a Notify,
}

/// What filing gave the client: the request's id, and when it is expected done.
pub struct Receipt {
    pub reference: Reference,
    pub notice: String,
}

/// Why a checked filing was not made.
pub enum NotFiled {
    /// A photo the portal could not clean (damaged, too many pixels), or no room for files.
    Refused(Refusal),
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for NotFiled {
    fn from(error: anyhow::Error) -> Self {
        NotFiled::Internal(error)
    }
}

/// Files a checked request for `key`'s client, sent from `ip`.
pub async fn file(with: &Filer<'_>, key: &ApiKey, filing: Filing, ip: std::net::IpAddr) -> Result<Receipt, NotFiled> {
    let attachments = store_media(with.requests, filing.media).await?;
    let filed = async {
        let account = match &filing.reporter {
            Some(reporter) => profile(with, key, reporter, filing.lang, ip).await?,
            None => key.account,
        };
        let today = with.city.date_of(jiff::Timestamp::now());
        let request = NewRequest {
            lang: filing.lang,
            year: today.year() as u16,
            due_on: expected_on(with.city, with.catalogue, &filing.service),
            now: now(),
        };
        let new = NewFiling {
            key: key.id,
            account,
            service: filing.service,
            place: filing.place,
            place_note: filing.place_note,
            answers: filing.answers,
            description: filing.description,
            attachments: attachments.clone(),
            request,
        };
        let reference = with.store.file(&new).await?;
        anyhow::Ok((reference, new.request.due_on))
    };
    let (reference, due_on) = match filed.await {
        Ok(filed) => filed,
        Err(error) => {
            // Nothing refers to the files: they go (the daily sweep would catch any left).
            for attachment in &attachments {
                let _ = with.requests.files.delete(&attachment.id).await;
            }
            return Err(error.into());
        }
    };
    // The receipt was written with the request: the worker sends it now.
    with.bell.notify_one();
    for attachment in attachments.iter().filter(|a| a.kind == AttachmentKind::Photo) {
        uploads::make_thumbnail(with.requests.clone(), attachment.id.clone());
    }
    let notice = match due_on {
        Some(day) => crate::i18n::message(filing.lang, "open311-notice", &[("date", Arg::from(day.to_string()))]),
        None => crate::i18n::message(filing.lang, "open311-notice-received", &[]),
    };
    Ok(Receipt { reference, notice })
}

/// Cleans and stores the files (photos without their metadata, as the portal's uploads).
async fn store_media(requests: &Requests, media: Vec<(Upload, FileType)>) -> Result<Vec<Attachment>, NotFiled> {
    let mut stored: Vec<Attachment> = Vec::new();
    for (upload, file_type) in media {
        let kept = match requests.files.has_room() {
            true => uploads::store(requests, &upload.name, upload.bytes, file_type).await,
            false => Err(Refused::Problem(Problem::StorageFull)),
        };
        match kept {
            Ok(attachment) => stored.push(attachment),
            Err(refused) => {
                for attachment in &stored {
                    let _ = requests.files.delete(&attachment.id).await;
                }
                return Err(match refused {
                    Refused::Problem(problem) => NotFiled::Refused(Refusal::problem("media", problem)),
                    Refused::Internal(error) => NotFiled::Internal(error),
                });
            }
        }
    }
    Ok(stored)
}

/// The reporter's profile: the open account with their e-mail address or phone number, else a new profile
/// made by the key, as an agent makes one (no password; updates by e-mail, or by text after their own OUI
/// when the client gave only a phone number).
async fn profile(
    with: &Filer<'_>,
    key: &ApiKey,
    reporter: &Reporter,
    lang: Lang,
    ip: std::net::IpAddr,
) -> anyhow::Result<AccountId> {
    let updates_by = if reporter.email.is_none() { UpdatesBy::Sms } else { UpdatesBy::Email };
    let details = Details { name: reporter.name.clone(), mobile: reporter.mobile.clone(), lang, updates_by };
    let profile = NewProfile { email: reporter.email.clone(), details, made_by: MadeBy::Client(key.id) };
    match intake_flows::make_profile(with.accounts, with.intake, &profile, ip).await? {
        Created::New(id) | Created::Existing(id) => Ok(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addresses::Address;
    use crate::catalogue::model::tests::{category, service, text};
    use crate::catalogue::{Choice, Datatype, Question};

    fn rules_check(fields: &[(&str, &str)]) -> Result<Filing, Vec<String>> {
        let mut bins = service("bins", "waste");
        bins.questions = vec![Question {
            code: Code::parse("items").unwrap(),
            datatype: Datatype::Multivaluelist,
            required: true,
            label: text("Items"),
            help: None,
            choices: ["sofa", "fridge"].map(|key| Choice { key: Code::parse(key).unwrap(), name: text(key) }).to_vec(),
        }];
        let catalogue = Catalogue::new(vec![category("waste")], vec![bins]).unwrap();
        let brady = Address {
            id: 100_001,
            number: "200".into(),
            street: "Brady St".into(),
            community: "Sudbury".into(),
            latitude: 46.4906,
            longitude: -80.9928,
        };
        let addresses = AddressIndex::new(vec![brady]);
        let fields: Vec<(String, String)> = fields.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        let rules = Rules { catalogue: &catalogue, addresses: &addresses };
        check(&rules, &fields, Vec::new(), Lang::En).map_err(|r| r.into_iter().map(|r| r.parameter).collect())
    }

    #[test]
    fn a_post_becomes_a_filing_with_the_wizards_rules() {
        let filing = rules_check(&[
            ("service_code", "bins"),
            ("address_id", "100001"),
            ("address_string", "by the garage"),
            ("attribute[items][]", "sofa"),
            ("attribute[items][]", "fridge"),
            ("email", "Jo@Example.ca"),
        ])
        .unwrap_or_else(|refused| panic!("{refused:?}"));
        assert_eq!(filing.place.address_id, Some(100_001));
        assert_eq!(filing.place_note.as_str(), "by the garage");
        assert_eq!(filing.answers.values(&Code::parse("items").unwrap()), ["sofa", "fridge"]);
        let reporter = filing.reporter.unwrap();
        assert_eq!((reporter.email.unwrap().as_str(), reporter.name.as_str()), ("jo@example.ca", "jo@example.ca"));
        // A civic address typed as in the wizard's box.
        let typed =
            rules_check(&[("service_code", "bins"), ("address_string", "200 brady"), ("attribute[items]", "sofa")]);
        assert_eq!(typed.unwrap().place.address_id, Some(100_001));
    }

    #[test]
    fn every_wrong_parameter_is_named_at_once() {
        assert_eq!(rules_check(&[]).unwrap_err(), ["service_code", "lat"]);
        let wrong = rules_check(&[
            ("service_code", "bins"),
            ("lat", "46.49"),
            ("attribute[items][]", "piano"),
            ("phone", "12"),
            ("first_name", &"x".repeat(120)),
        ]);
        assert_eq!(wrong.unwrap_err(), ["long", "attribute[items]", "phone", "first_name"]);
        let far = rules_check(&[
            ("service_code", "bins"),
            ("lat", "43.65"),
            ("long", "-79.38"),
            ("attribute[items]", "sofa"),
        ]);
        assert_eq!(far.unwrap_err(), ["lat"]);
        let nan = rules_check(&[("service_code", "bins"), ("lat", "NaN"), ("long", "x"), ("attribute[items]", "sofa")]);
        assert_eq!(nan.unwrap_err(), ["lat"]);
    }
}
