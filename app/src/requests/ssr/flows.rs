//! What each step of the wizard does on the server, once the edge has parsed its input. A draft belongs to
//! the account that first touched it signed in; before that, to whoever holds its random address.

use super::{Attachment, Draft, NewRequest, OnBehalf, Requests, StoredRequest, Submission};
use crate::accounts::ssr::{now, sessions::Caller, sessions::CurrentSession, tokens, AccountId};
use crate::addresses::ssr::AddressIndex;
use crate::addresses::PlaceChoice;
use crate::catalogue::{Catalogue, Code};
use crate::city::ssr::City;
use crate::errors::{AppError, Field, FieldError, Problem, Problems};
use crate::i18n::Lang;
use crate::requests::model::{
    Answers, AttachmentView, Description, DraftId, DraftView, ForCaller, MyRequestLists, Nearby, Place, PlaceNote,
    Reference, RequestSummary, Step, KEPT_PLACE,
};
use crate::routes;
use std::collections::BTreeMap;
use tokio::sync::Notify;

/// "About 50 m": how close an open request for the same service must be to be pointed out.
const NEARBY_METRES: f64 = 50.0;

/// Starts a draft for an online service, owned by `owner` (nobody yet, for a resident signed out), or
/// by an agent filling it in `on_behalf` of a caller.
pub async fn start(
    catalogue: &Catalogue,
    requests: &Requests,
    owner: Option<AccountId>,
    code: &Code,
    on_behalf: Option<&OnBehalf>,
) -> Result<DraftId, AppError> {
    let service = catalogue.service(code).ok_or(AppError::NotFound)?;
    if !service.online {
        return Err(AppError::NotOnline);
    }
    let id = DraftId::parse(&tokens::new_token()).ok_or(AppError::Internal)?;
    requests.store.create_draft(&id, owner, &service.code, on_behalf, now()).await?;
    Ok(id)
}

/// The draft `id`, if `account` may work on it. A draft nobody owns becomes `account`'s.
pub async fn owned_draft(requests: &Requests, id: &DraftId, account: Option<AccountId>) -> Result<Draft, AppError> {
    let mut draft = requests.store.draft(id).await?.ok_or(AppError::NotFound)?;
    match (draft.account_id, account) {
        (Some(owner), Some(account)) if owner == account => {}
        (Some(_), None) => return Err(AppError::SignInRequired),
        (Some(_), Some(_)) => return Err(AppError::NotFound),
        (None, Some(account)) => {
            // Two residents opening the same link at once: the first to claim it keeps it.
            if !requests.store.claim_draft(id, account).await? {
                return Err(AppError::NotFound);
            }
            draft.account_id = Some(account);
        }
        (None, None) => {}
    }
    Ok(draft)
}

pub fn attachment_view(attachment: &Attachment) -> AttachmentView {
    AttachmentView {
        id: attachment.id.clone(),
        kind: attachment.kind,
        name: attachment.name.clone(),
        size: attachment.size,
        thumbnail: attachment.thumbnail.then(|| routes::thumbnail(&attachment.id)),
    }
}

/// Everything the page of `step` shows.
pub async fn view(
    catalogue: &Catalogue,
    city: &City,
    requests: &Requests,
    caller: &Caller,
    id: &DraftId,
    step: Step,
) -> Result<DraftView, AppError> {
    let draft = owned_draft(requests, id, caller.account()).await?;
    let service = catalogue.service(&draft.service).ok_or(AppError::NotFound)?;
    let attachments = requests.store.attachments(&draft.id).await?;
    // Only for a signed-in resident: nobody learns, without an account, what requests are open where;
    // and never for a complaint (a neighbour would learn of one about their own address).
    let nearby = match (&draft.place, step, draft.account_id, service.private) {
        (Some(place), Step::Review, Some(_), false) => nearby(city, requests, &draft, place).await?,
        _ => None,
    };
    Ok(DraftView {
        id: draft.id.clone(),
        service_code: service.code.clone(),
        service_name: service.name.clone(),
        questions: service.questions.clone(),
        place: draft.place.clone(),
        place_note: draft.place_note.clone(),
        answers: draft.answers.clone(),
        description: draft.description.as_str().to_string(),
        attachments: attachments.iter().map(attachment_view).collect(),
        nearby,
        signed_in: draft.account_id.is_some(),
        for_caller: draft.on_behalf.map(|on| ForCaller { name: on.name, channel: on.channel }),
    })
}

async fn nearby(city: &City, requests: &Requests, draft: &Draft, place: &Place) -> anyhow::Result<Option<Nearby>> {
    let found =
        requests.store.open_request_near(&draft.service, place.latitude, place.longitude, NEARBY_METRES).await?;
    Ok(found.map(|request| Nearby {
        reference: request.reference,
        address: request.address,
        date: city.day_of(request.created_at),
    }))
}

/// Step 1: the place, chosen from the suggestions or the map, and "where exactly".
pub async fn save_place(
    requests: &Requests,
    index: &AddressIndex,
    caller: &Caller,
    id: &DraftId,
    address: &str,
    place_note: &str,
) -> Result<String, AppError> {
    let draft = owned_draft(requests, id, caller.account()).await?;
    let mut problems = Problems::default();
    let place = problems.take(place_of(index, &draft, address));
    let note = problems.take(note_of(place_note));
    let (place, note) = problems.finish(place.zip(note))?;
    requests.store.save_place(&draft.id, &place, &note, now()).await?;
    Ok(routes::draft_step(&draft.id, Step::Details))
}

/// Step 2: the service's questions and the description.
pub async fn save_details(
    catalogue: &Catalogue,
    requests: &Requests,
    caller: &Caller,
    id: &DraftId,
    answers: &BTreeMap<String, Vec<String>>,
    description: &str,
) -> Result<String, AppError> {
    let draft = owned_draft(requests, id, caller.account()).await?;
    let service = catalogue.service(&draft.service).ok_or(AppError::NotFound)?;
    let mut problems = Problems::default();
    let details = details_of(&service.questions, answers, description, &mut problems);
    let (answers, description) = problems.finish(details)?;
    requests.store.save_details(&draft.id, &answers, &description, now()).await?;
    Ok(routes::draft_step(&draft.id, Step::Files))
}

/// What an agent's one-page form sends (intake): the first two steps' fields together.
pub struct WholeForm<'a> {
    pub address: &'a str,
    pub place_note: &'a str,
    pub answers: &'a BTreeMap<String, Vec<String>>,
    pub description: &'a str,
}

/// Steps 1 and 2 at once, for an agent filing on a caller's behalf: every problem of both listed
/// together, and nothing saved unless all of it is right. Submitting follows ([`submit`]).
pub async fn save_whole(
    catalogue: &Catalogue,
    requests: &Requests,
    index: &AddressIndex,
    caller: &Caller,
    id: &DraftId,
    form: WholeForm<'_>,
) -> Result<(), AppError> {
    let draft = owned_draft(requests, id, caller.account()).await?;
    let service = catalogue.service(&draft.service).ok_or(AppError::NotFound)?;
    let mut problems = Problems::default();
    let place = problems.take(place_of(index, &draft, form.address));
    let note = problems.take(note_of(form.place_note));
    let details = details_of(&service.questions, form.answers, form.description, &mut problems);
    let ((place, note), (answers, description)) = problems.finish(place.zip(note).zip(details))?;
    requests.store.save_place(&draft.id, &place, &note, now()).await?;
    requests.store.save_details(&draft.id, &answers, &description, now()).await?;
    Ok(())
}

/// The place chosen, found again in the index: a civic address, a corner, a named place, or a map point
/// inside the city; or the one the draft has, kept.
fn place_of(index: &AddressIndex, draft: &Draft, address: &str) -> Result<Place, FieldError> {
    let refused = |problem| FieldError { field: Field::Address, problem };
    if address == KEPT_PLACE {
        return draft.place.clone().ok_or(refused(Problem::AddressNotChosen));
    }
    let choice = PlaceChoice::parse(address).ok_or(refused(Problem::AddressNotChosen))?;
    index.place(&choice).ok_or(match choice {
        PlaceChoice::Pin { .. } => refused(Problem::AddressOutsideCity),
        _ => refused(Problem::AddressNotChosen),
    })
}

fn note_of(note: &str) -> Result<PlaceNote, FieldError> {
    PlaceNote::parse(note).ok_or(FieldError { field: Field::PlaceNote, problem: Problem::TooLong })
}

/// The answers to `questions` and the description, or their problems recorded.
fn details_of(
    questions: &[crate::catalogue::Question],
    answers: &BTreeMap<String, Vec<String>>,
    description: &str,
    problems: &mut Problems,
) -> Option<(Answers, Description)> {
    let answers = problems.take_all(Answers::check(questions, answers));
    let description = Description::parse(description);
    if description.is_none() {
        problems.add(Field::Description, Problem::TooLong);
    }
    answers.zip(description)
}

/// Step 3: removes a photo or file from the draft.
pub async fn remove_file(requests: &Requests, caller: &Caller, id: &DraftId, file: &str) -> Result<(), AppError> {
    let draft = owned_draft(requests, id, caller.account()).await?;
    if let Some(removed) = requests.store.remove_attachment(&draft.id, file).await? {
        requests.files.delete(&removed.id).await?;
    }
    Ok(())
}

/// What submitting reads besides the draft: the catalogue, the city's calendar, and the bell of the
/// notification worker that sends the receipt the store writes with the request.
pub struct Submitting<'a> {
    pub catalogue: &'a Catalogue,
    pub city: &'a City,
    pub bell: &'a Notify,
}

/// What submitting gave: the page to go to, and, for a request an agent just filed from a live chat, the
/// conversation and the reference, for the edge to post into the chat.
pub struct Submitted {
    pub path: String,
    pub from_chat: Option<(i64, Reference)>,
}

impl Submitted {
    fn page(path: String) -> Submitted {
        Submitted { path, from_chat: None }
    }
}

/// Step 4: submits the draft, once. Returns the request's page (the console's, for an agent filing it
/// for a caller).
pub async fn submit(
    with: Submitting<'_>,
    requests: &Requests,
    caller: &Caller,
    id: &DraftId,
) -> Result<Submitted, AppError> {
    let session = caller.signed_in()?;
    // A draft that changes while it is submitted (a photo arriving) is read again, once.
    for _ in 0..2 {
        let draft = match owned_draft(requests, id, Some(session.account_id)).await {
            Ok(draft) => draft,
            // A retry after a lost answer, or a second click that came after the first one's commit: the
            // draft is gone because the request exists. (Clicks that arrive together are sorted out by
            // the store's transaction, which checks the same key.)
            Err(AppError::NotFound) => return already_submitted(requests, id, session).await.map(Submitted::page),
            Err(error) => return Err(error),
        };
        if let Some(submitted) = submit_draft(&with, requests, caller, session, &draft).await? {
            return Ok(submitted);
        }
    }
    Err(AppError::Unavailable)
}

/// Whose request a draft becomes, in which language (`None`: the page's), and the page to show once it
/// is made.
struct Author {
    account: AccountId,
    lang: Option<Lang>,
    page: fn(&Reference) -> String,
}

/// The resident's own request, or, for an agent filing it on a caller's behalf, the caller's (and the
/// console's page of it).
fn author(session: &CurrentSession, draft: &Draft) -> Result<Author, AppError> {
    match &draft.on_behalf {
        None => Ok(Author { account: session.account_id, lang: None, page: routes::request }),
        // A role taken away since the draft was started takes the draft with it.
        Some(_) if !session.is_staff() => Err(AppError::Forbidden),
        Some(on) => Ok(Author { account: on.caller, lang: Some(on.lang), page: routes::staff_request }),
    }
}

/// Submits a draft as read; `None` when it changed meanwhile.
async fn submit_draft(
    with: &Submitting<'_>,
    requests: &Requests,
    caller: &Caller,
    session: &CurrentSession,
    draft: &Draft,
) -> Result<Option<Submitted>, AppError> {
    let service = with.catalogue.service(&draft.service).ok_or(AppError::NotFound)?;
    if draft.place.is_none() {
        return Err(AppError::field(Field::Address, Problem::Required));
    }
    // The catalogue may have changed since the details were saved: they are checked again.
    draft.answers.still_fit(&service.questions).map_err(AppError::Invalid)?;
    let Author { account, lang, page } = author(session, draft)?;

    let today = with.city.date_of(jiff::Timestamp::now());
    let new = NewRequest {
        lang: lang.unwrap_or(caller.lang),
        year: today.year() as u16,
        due_on: super::expected_on(with.city, with.catalogue, &service.code),
        now: now(),
    };
    let reference = match requests.store.submit(draft, account, &new).await? {
        Submission::New(reference) => reference,
        // One receipt per request, however many clicks.
        Submission::Existing(reference) => return Ok(Some(Submitted::page(page(&reference)))),
        Submission::Stale => return Ok(None),
    };
    // The receipt was written with the request: the worker sends it now.
    with.bell.notify_one();
    let from_chat = draft.on_behalf.as_ref().and_then(|on| on.chat).map(|chat| (chat, reference));
    Ok(Some(Submitted { path: page(&reference), from_chat }))
}

/// The address of the request made from draft `id`, if the one asking made it (or is staff, who filed
/// it for a caller and see every request).
async fn already_submitted(requests: &Requests, key: &DraftId, session: &CurrentSession) -> Result<String, AppError> {
    let reference = requests.store.request_by_key(key).await?.ok_or(AppError::NotFound)?;
    if session.is_staff() {
        return Ok(routes::staff_request(&reference));
    }
    match requests.store.request(&reference).await?.is_some_and(|request| request.account_id == session.account_id) {
        true => Ok(routes::request(&reference)),
        false => Err(AppError::NotFound),
    }
}

/// The resident gives up their draft and follows the open request for the same service nearby: one
/// report per problem, and they hear about it all the same.
pub async fn follow_nearby(
    catalogue: &Catalogue,
    requests: &Requests,
    caller: &Caller,
    id: &DraftId,
) -> Result<String, AppError> {
    let session = caller.signed_in()?;
    let draft = owned_draft(requests, id, Some(session.account_id)).await?;
    if catalogue.service(&draft.service).is_none_or(|service| service.private) {
        return Err(AppError::NotFound);
    }
    let place = draft.place.as_ref().ok_or(AppError::NotFound)?;
    let store = &requests.store;
    let nearby = store.open_request_near(&draft.service, place.latitude, place.longitude, NEARBY_METRES).await?;
    let request = nearby.ok_or(AppError::NotFound)?;
    // An agent's caller follows it, and the agent sees it in the console.
    let Author { account, page, .. } = author(session, &draft)?;
    store.follow(&request.reference, account, now()).await?;
    for file in store.discard_draft(&draft.id).await? {
        requests.files.delete(&file).await?;
    }
    Ok(page(&request.reference))
}

/// "My requests": the requests the signed-in resident made and those they follow.
pub async fn mine(
    catalogue: &Catalogue,
    city: &City,
    requests: &Requests,
    caller: &Caller,
) -> Result<MyRequestLists, AppError> {
    let account = caller.signed_in()?.account_id;
    let summaries = |list: Vec<StoredRequest>| -> Vec<RequestSummary> {
        list.into_iter()
            .map(|request| RequestSummary {
                reference: request.reference,
                service_name: catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default(),
                address: request.address,
                date: city.day_of(request.created_at),
                status: request.status,
            })
            .collect()
    };
    Ok(MyRequestLists {
        made: summaries(requests.store.requests_of(account).await?),
        followed: summaries(requests.store.followed_by(account).await?),
    })
}

/// The signed-in resident stops following `reference` (and its notifications stop). Only their own
/// following can be ended; one they do not have is not found.
pub async fn unfollow(requests: &Requests, caller: &Caller, reference: &Reference) -> Result<(), AppError> {
    match requests.store.unfollow(reference, caller.signed_in()?.account_id).await? {
        true => Ok(()),
        false => Err(AppError::NotFound),
    }
}
