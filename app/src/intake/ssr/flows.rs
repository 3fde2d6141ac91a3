//! What each of the contact page's server functions does, once the edge has checked the agent's role and
//! parsed the form.

use super::forms::{CallerProfile, InquiryForm};
use super::{CallerSearch, Created, Inquiry, IntakeStore, Linked, MadeBy, NewProfile};
use crate::accounts::model::{Email, Role, SmsStatus, UpdatesBy};
use crate::accounts::ssr::{now, sessions::Caller, sessions::CurrentSession, sms, Account, AccountId, Accounts};
use crate::catalogue::{Catalogue, Code};
use crate::chat::ssr::{flows as chat_flows, Chat};
use crate::city::ssr::City;
use crate::errors::AppError;
use crate::i18n::Lang;
use crate::intake::model::{CallerCard, ContactPage, OpenRequest, MATCHES_MAX};
use crate::requests::model::ContactChannel;
use crate::requests::ssr::{flows as requests_flows, OnBehalf, RequestStore, Requests};
use crate::routes;

/// The agent's view of a resident, with their open requests.
async fn card(catalogue: &Catalogue, requests: &dyn RequestStore, account: Account) -> anyhow::Result<CallerCard> {
    let open = requests
        .requests_of(account.id)
        .await?
        .into_iter()
        .filter(|request| request.status.is_open())
        .map(|request| OpenRequest {
            service_name: catalogue.service(&request.service).map(|s| s.name.clone()).unwrap_or_default(),
            reference: request.reference,
            status: request.status,
        })
        .collect();
    Ok(CallerCard {
        id: account.id.0,
        name: account.name.map(|n| n.as_str().to_string()).unwrap_or_default(),
        email: account.email.map(|e| e.as_str().to_string()),
        mobile: account.mobile.map(|m| m.as_str().to_string()),
        lang: account.lang,
        updates_by: account.updates_by,
        no_account: account.password_hash.is_none(),
        open,
    })
}

/// A resident an agent may serve: open, and not staff (the console is not for filing for colleagues).
async fn resident(accounts: &Accounts, id: AccountId) -> Result<Account, AppError> {
    let account = accounts.store.account(id).await?.filter(Account::is_open);
    account.filter(|account| account.role == Role::Resident).ok_or(AppError::NotFound)
}

/// Find-the-caller: the residents `text` names (by phone, e-mail or name), with their open requests.
pub async fn find(
    catalogue: &Catalogue,
    intake: &dyn IntakeStore,
    requests: &dyn RequestStore,
    text: &str,
) -> anyhow::Result<Vec<CallerCard>> {
    let mut matches = Vec::new();
    if let Some(search) = CallerSearch::parse(text) {
        for account in intake.find_callers(&search, MATCHES_MAX).await? {
            matches.push(card(catalogue, requests, account).await?);
        }
    }
    Ok(matches)
}

/// Everything the contact page shows: find-the-caller's matches for `search`, the chosen caller, the
/// services and topics, and today's counts.
pub async fn page(
    city: &City,
    catalogue: &Catalogue,
    accounts: &Accounts,
    intake: &dyn IntakeStore,
    requests: &dyn RequestStore,
    search: &str,
    chosen: Option<AccountId>,
) -> Result<ContactPage, AppError> {
    let matches = find(catalogue, intake, requests, search).await?;
    let chosen = match chosen {
        Some(id) => Some(card(catalogue, requests, resident(accounts, id).await?).await?),
        None => None,
    };
    let (online, topics): (Vec<_>, Vec<_>) = catalogue.services().iter().partition(|s| s.online);
    Ok(ContactPage {
        matches,
        chosen,
        services: online.into_iter().map(|s| (s.code.clone(), s.name.clone())).collect(),
        topics: topics.into_iter().map(|s| (s.code.clone(), s.name.clone())).collect(),
        today: intake.counts_since(city.start_of_today()).await?,
    })
}

/// Makes a profile for the caller, or finds the one they have; returns its id and whether it existed.
pub async fn create_profile(
    accounts: &Accounts,
    intake: &dyn IntakeStore,
    agent: &CurrentSession,
    caller: &Caller,
    form: CallerProfile,
) -> Result<(AccountId, bool), AppError> {
    let CallerProfile { channel, email, details } = form;
    let profile = NewProfile { email, details, made_by: MadeBy::Agent(agent.account_id, channel) };
    match make_profile(accounts, intake, &profile, caller.ip).await? {
        Created::Existing(id) => Ok((id, true)),
        Created::New(id) => {
            tracing::info!(account = %id, agent = %agent.account_id, channel = channel.code(), "profile made by an agent");
            Ok((id, false))
        }
    }
}

/// Makes `profile` unless an open account has its e-mail address or phone number. Text updates to a
/// number someone else typed wait for the resident's own OUI, as online: a new profile that wants them
/// is asked (from `ip`'s allowance of texts).
pub async fn make_profile(
    accounts: &Accounts,
    intake: &dyn IntakeStore,
    profile: &NewProfile,
    ip: std::net::IpAddr,
) -> anyhow::Result<Created> {
    let created = intake.create_profile(profile, now()).await?;
    let details = &profile.details;
    if let (Created::New(id), UpdatesBy::Sms, Some(mobile)) = (created, details.updates_by, &details.mobile) {
        accounts.store.set_sms_status(id, SmsStatus::Pending).await?;
        sms::ask_confirmation(accounts, ip, mobile, details.lang).await?;
    }
    Ok(created)
}

/// An agent links a profile without a password to an e-mail address (the caller gives it later, or
/// registered online meanwhile); returns the profile to show: the same one, or the account it joined.
/// Only the e-mailed registration link ever gives a profile a password: this never does.
pub async fn link_email(
    intake: &dyn IntakeStore,
    agent: &CurrentSession,
    caller: AccountId,
    email: &Email,
) -> Result<AccountId, AppError> {
    let shown = match intake.link_email(caller, email, now()).await? {
        Linked::Added => caller,
        Linked::Merged(account) => account,
        Linked::Refused => return Err(AppError::Forbidden),
    };
    tracing::info!(profile = %caller, account = %shown, agent = %agent.account_id, "profile linked to an e-mail address");
    Ok(shown)
}

/// Who the agent is serving, how they reached 311, in which language, and from which of their live
/// chats, if any.
pub struct Call {
    pub caller: AccountId,
    pub channel: ContactChannel,
    pub lang: Lang,
    pub chat: Option<i64>,
}

/// Starts a draft the agent fills in for the caller (the wizard's steps and rules); returns its first step.
pub async fn file_for(
    catalogue: &Catalogue,
    accounts: &Accounts,
    requests: &Requests,
    (chat, city): (&Chat, &City),
    agent: &CurrentSession,
    call: Call,
    service: &Code,
) -> Result<String, AppError> {
    let account = resident(accounts, call.caller).await?;
    let name = account.name.map(|n| n.as_str().to_string()).unwrap_or_default();
    // From a chat: the agent's own, still going; its transcript so far becomes the filing's note.
    let note = match call.chat {
        Some(id) => {
            let conversation = chat_flows::agents_conversation(chat, agent.account_id, id).await?;
            chat_flows::transcript(chat, city, id, &conversation.name, conversation.lang).await?
        }
        None => String::new(),
    };
    let on_behalf =
        OnBehalf { caller: call.caller, channel: call.channel, lang: call.lang, name, chat: call.chat, note };
    let draft = requests_flows::start(catalogue, requests, Some(agent.account_id), service, Some(&on_behalf)).await?;
    Ok(routes::call_request(&draft))
}

/// Logs a contact that was not a request.
pub async fn log_inquiry(
    accounts: &Accounts,
    intake: &dyn IntakeStore,
    agent: &CurrentSession,
    caller: Option<AccountId>,
    form: InquiryForm,
) -> Result<(), AppError> {
    let caller = match caller {
        Some(id) => Some(resident(accounts, id).await?.id),
        None => None,
    };
    let InquiryForm { channel, lang, topic, outcome, note } = form;
    let inquiry = Inquiry { channel, lang, agent: agent.account_id, caller, topic, outcome, note };
    Ok(intake.log_inquiry(&inquiry, now()).await?)
}
