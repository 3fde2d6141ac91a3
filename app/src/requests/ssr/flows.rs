//! What each step of the wizard does on the server, once its input is parsed. A draft belongs to the
//! account that first touched it signed in; before that, to whoever holds its random address.

use super::receipt::{self, Receipt};
use super::{requests, Attachment, Draft, NewRequest, Requests, Submission};
use crate::accounts::ssr::{accounts, now, sessions, tokens, AccountId};
use crate::errors::{AppError, Field, FieldError, Problem};
use crate::lifecycle::ssr::flows::{self as lifecycle, Viewer};
use crate::requests::model::{
    Answers, AttachmentView, Description, DraftId, DraftView, Nearby, Place, RequestPage, RequestSummary, Step,
};
use crate::ssr::server_context;
use std::collections::BTreeMap;

/// "About 50 m": how close an open request for the same service must be to be pointed out.
const NEARBY_METRES: f64 = 50.0;

/// Starts a draft for an online service; returns the first step's address.
pub async fn start(service: &str) -> Result<String, AppError> {
    let context = server_context();
    let code = crate::catalogue::Code::parse(service).ok_or(AppError::NotFound)?;
    let service = context.catalogue.service(&code).ok_or(AppError::NotFound)?;
    if !service.online {
        return Err(AppError::NotOnline);
    }
    let id = DraftId::parse(&tokens::new_token()).ok_or(AppError::Internal)?;
    let account = sessions::current().map(|session| session.account_id);
    context.requests.store.create_draft(&id, account, &service.code, now()).await?;
    Ok(Step::Where.path(id.as_str()))
}

/// The draft `id`, if `account` may work on it. A draft nobody owns becomes `account`'s.
pub async fn owned_draft(requests: &Requests, id: &str, account: Option<AccountId>) -> Result<Draft, AppError> {
    let id = DraftId::parse(id).ok_or(AppError::NotFound)?;
    let mut draft = requests.store.draft(&id).await?.ok_or(AppError::NotFound)?;
    match (draft.account_id, account) {
        (Some(owner), Some(account)) if owner == account => {}
        (Some(_), None) => return Err(AppError::SignInRequired),
        (Some(_), Some(_)) => return Err(AppError::NotFound),
        (None, Some(account)) => {
            // Two residents opening the same link at once: the first to claim it keeps it.
            if !requests.store.claim_draft(&id, account).await? {
                return Err(AppError::NotFound);
            }
            draft.account_id = Some(account);
        }
        (None, None) => {}
    }
    Ok(draft)
}

async fn current_draft(id: &str) -> Result<Draft, AppError> {
    owned_draft(&requests(), id, sessions::current().map(|s| s.account_id)).await
}

pub fn attachment_view(attachment: &Attachment) -> AttachmentView {
    AttachmentView {
        id: attachment.id.clone(),
        kind: attachment.kind,
        name: attachment.name.clone(),
        size: attachment.size,
        thumbnail: attachment.thumbnail.then(|| format!("/requests/files/{}/thumbnail", attachment.id)),
    }
}

/// Everything the page of `step` shows.
pub async fn view(id: &str, step: Step) -> Result<DraftView, AppError> {
    let context = server_context();
    let draft = current_draft(id).await?;
    let service = context.catalogue.service(&draft.service).ok_or(AppError::NotFound)?;
    let attachments = context.requests.store.attachments(&draft.id).await?;
    // Only for a signed-in resident: nobody learns, without an account, what requests are open where.
    let nearby = match (&draft.place, step, draft.account_id) {
        (Some(place), Step::Review, Some(_)) => nearby(&draft, place).await?,
        _ => None,
    };
    Ok(DraftView {
        id: draft.id.as_str().to_string(),
        service_code: service.code.clone(),
        service_name: service.name.clone(),
        questions: service.questions.clone(),
        place: draft.place.clone(),
        answers: draft.answers.clone(),
        description: draft.description.as_str().to_string(),
        attachments: attachments.iter().map(attachment_view).collect(),
        nearby,
        signed_in: draft.account_id.is_some(),
    })
}

async fn nearby(draft: &Draft, place: &Place) -> anyhow::Result<Option<Nearby>> {
    let context = server_context();
    let found = context
        .requests
        .store
        .open_request_near(&draft.service, place.latitude, place.longitude, NEARBY_METRES)
        .await?;
    Ok(found.map(|request| Nearby {
        reference: request.reference.to_string(),
        address: request.address,
        date: context.city.day_of(request.created_at),
    }))
}

/// Step 1: the address, chosen from the suggestions (its id).
pub async fn save_place(id: &str, address: &str) -> Result<String, AppError> {
    let draft = current_draft(id).await?;
    let index = server_context().addresses;
    let chosen = address.trim().parse().ok().and_then(|id| index.get(id));
    let address = chosen.ok_or_else(|| AppError::field(Field::Address, Problem::AddressNotChosen))?;
    let place = Place {
        address_id: address.id,
        label: address.label(),
        latitude: address.latitude,
        longitude: address.longitude,
    };
    requests().store.save_place(&draft.id, &place, now()).await?;
    Ok(Step::Details.path(draft.id.as_str()))
}

/// Step 2: the service's questions and the description.
pub async fn save_details(
    id: &str,
    answers: &BTreeMap<String, Vec<String>>,
    description: &str,
) -> Result<String, AppError> {
    let draft = current_draft(id).await?;
    let service = server_context().catalogue.service(&draft.service).cloned().ok_or(AppError::NotFound)?;
    let mut problems = Vec::new();
    let answers = Answers::check(&service.questions, answers).map_err(|found| problems.extend(found)).ok();
    let description = Description::parse(description);
    if description.is_none() {
        problems.push(FieldError { field: Field::Description, problem: Problem::TooLong });
    }
    let (Some(answers), Some(description)) = (answers, description) else { return Err(AppError::Invalid(problems)) };
    requests().store.save_details(&draft.id, &answers, &description, now()).await?;
    Ok(Step::Files.path(draft.id.as_str()))
}

/// Step 3: removes a photo or file from the draft.
pub async fn remove_file(id: &str, file: &str) -> Result<(), AppError> {
    let draft = current_draft(id).await?;
    let requests = requests();
    if let Some(removed) = requests.store.remove_attachment(&draft.id, file).await? {
        requests.files.delete(&removed.id).await?;
    }
    Ok(())
}

/// Step 4: submits the draft, once. Returns the request's page.
pub async fn submit(id: &str) -> Result<String, AppError> {
    let session = sessions::current().ok_or(AppError::SignInRequired)?;
    // A draft that changes while it is submitted (a photo arriving) is read again, once.
    for _ in 0..2 {
        let draft = match current_draft(id).await {
            Ok(draft) => draft,
            // A retry after a lost answer, or a second click that came after the first one's commit: the
            // draft is gone because the request exists. (Clicks that arrive together are sorted out by
            // the store's transaction, which checks the same key.)
            Err(AppError::NotFound) => return already_submitted(id, session.account_id).await,
            Err(error) => return Err(error),
        };
        if let Some(path) = submit_draft(&draft, session.account_id).await? {
            return Ok(path);
        }
    }
    Err(AppError::Unavailable)
}

/// Submits a draft as read; `None` when it changed meanwhile.
async fn submit_draft(draft: &Draft, account_id: AccountId) -> Result<Option<String>, AppError> {
    let context = server_context();
    let service = context.catalogue.service(&draft.service).ok_or(AppError::NotFound)?;
    let Some(place) = &draft.place else { return Err(AppError::field(Field::Address, Problem::Required)) };
    // The catalogue may have changed since the details were saved: they are checked again.
    draft.answers.still_fit(&service.questions).map_err(AppError::Invalid)?;

    let today = context.city.date_of(jiff::Timestamp::now());
    let new = NewRequest {
        lang: crate::i18n::ssr::request_lang(),
        year: today.year() as u16,
        due_on: crate::lifecycle::ssr::expected_on(&context.city, &context.catalogue, &service.code),
        now: now(),
    };
    let reference = match context.requests.store.submit(draft, account_id, &new).await? {
        Submission::New(reference) => reference,
        // One receipt per request, however many clicks.
        Submission::Existing(reference) => return Ok(Some(format!("/requests/{reference}"))),
        Submission::Stale => return Ok(None),
    };
    if let Some(account) = accounts().store.account(account_id).await? {
        let receipt = Receipt {
            reference: reference.to_string(),
            service: &service.name,
            address: &place.label,
            link: context.accounts.site.link(&format!("/requests/{reference}")),
        };
        receipt::send(&context.accounts, &account, &receipt);
    }
    Ok(Some(format!("/requests/{reference}")))
}

/// The address of the request made from draft `id`, if `account` made it.
async fn already_submitted(id: &str, account: AccountId) -> Result<String, AppError> {
    let store = requests().store.clone();
    let key = DraftId::parse(id).ok_or(AppError::NotFound)?;
    let reference = store.request_by_key(&key).await?.ok_or(AppError::NotFound)?;
    match store.request(&reference).await?.is_some_and(|request| request.account_id == account) {
        true => Ok(format!("/requests/{reference}")),
        false => Err(AppError::NotFound),
    }
}

/// The resident gives up their draft and follows the open request for the same service nearby: one
/// report per problem, and they hear about it all the same.
pub async fn follow_nearby(id: &str) -> Result<String, AppError> {
    let context = server_context();
    let session = sessions::current().ok_or(AppError::SignInRequired)?;
    let draft = current_draft(id).await?;
    let place = draft.place.as_ref().ok_or(AppError::NotFound)?;
    let store = &context.requests.store;
    let nearby = store.open_request_near(&draft.service, place.latitude, place.longitude, NEARBY_METRES).await?;
    let request = nearby.ok_or(AppError::NotFound)?;
    store.follow(&request.reference, session.account_id, now()).await?;
    for file in store.discard_draft(&draft.id).await? {
        context.requests.files.delete(&file).await?;
    }
    Ok(format!("/requests/{}", request.reference))
}

/// The request's page, for the resident who made it or follows it.
pub async fn page(reference: &str) -> Result<RequestPage, AppError> {
    let context = server_context();
    let session = sessions::current().ok_or(AppError::SignInRequired)?;
    let (loaded, viewer) = lifecycle::load(reference, &session).await?;
    let viewer = match viewer {
        // Staff open requests in the console, where they can act on them.
        Viewer::Staff if loaded.request.account_id != session.account_id => Viewer::Follower,
        Viewer::Staff => Viewer::Author,
        viewer => viewer,
    };
    let surveyed = viewer == Viewer::Author && context.surveys.survey(&loaded.request.reference).await?.is_some();
    let account = accounts().store.account(session.account_id).await?.ok_or(AppError::SignInRequired)?;
    Ok(RequestPage {
        request: lifecycle::view_for(loaded, viewer),
        following: viewer == Viewer::Follower,
        receipt_by: receipt::ReceiptBy::for_account(&account).code().to_string(),
        surveyed,
    })
}

/// "My requests": the signed-in resident's requests, newest first.
pub async fn mine() -> Result<Vec<RequestSummary>, AppError> {
    let context = server_context();
    let session = sessions::current().ok_or(AppError::SignInRequired)?;
    let made = context.requests.store.requests_of(session.account_id).await?;
    Ok(made
        .into_iter()
        .map(|request| RequestSummary {
            reference: request.reference.to_string(),
            service_name: context.catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default(),
            address: request.address,
            date: context.city.day_of(request.created_at),
            status: request.status,
        })
        .collect())
}
