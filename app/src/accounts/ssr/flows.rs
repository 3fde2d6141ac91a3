//! What each account server function does, once the edge has parsed its input (`forms`). Every refusal is
//! an [`AppError`] the page shows in the resident's language; every answer about an e-mail address is the
//! same whether or not it has an account.

use super::forms::{Details, Registration};
use super::sessions::{self, Caller, CurrentSession};
use super::{
    limits::Action, mail, now, passwords, sms, tokens, Account, AccountId, Accounts, EmailChanged, NewAccount,
    NewSession, ProfileChange, UsedLink,
};
use crate::accounts::model::{
    DeviceView, Email, LinkView, PersonName, Profile, Role, SessionUser, SmsStatus, UpdatesBy,
};
use crate::errors::{AppError, Field, Problem};
use crate::i18n::Arg;
use crate::routes;
use std::sync::Arc;

/// Mails are sent in the background: the answer takes as long whether a message went out or not, and a
/// slow mail server does not hold up the page.
pub(crate) fn send_later(accounts: &Accounts, mail: mail::Mail) {
    let mailer = accounts.mailer.clone();
    tokio::spawn(async move {
        if let Err(error) = mailer.send(mail).await {
            tracing::error!(error = format!("{error:#}"), "sending an e-mail");
        }
    });
}

/// A new single-use link for `account` to choose a password, valid for [`mail::LINK_HOURS`]; `details`:
/// the registration it is sent for, applied when the password is set through it.
pub async fn password_link(
    accounts: &Accounts,
    account: AccountId,
    details: Option<&ProfileChange>,
) -> anyhow::Result<String> {
    let token = tokens::new_token();
    let expires_at = now() + mail::LINK_HOURS * 3600;
    accounts.store.create_link(account, &tokens::hash(&token), expires_at, details, now()).await?;
    Ok(accounts.site.link(&routes::set_password(&token)))
}

/// E-mails message `kind` to `account`, in its language, unless the account is closed (no address).
fn mail_account(accounts: &Accounts, account: &Account, kind: mail::Kind, link: Option<String>) {
    if let (Some(email), Some(name)) = (&account.email, &account.name) {
        send_later(accounts, mail::compose(&accounts.city, kind, account.lang, email, name.as_str(), link));
    }
}

/// E-mails `account` a single-use link to choose a password (for the registration `details`, if any).
async fn send_link(
    accounts: &Accounts,
    account: &Account,
    kind: mail::Kind,
    details: Option<&ProfileChange>,
) -> Result<(), AppError> {
    if account.is_open() {
        let link = password_link(accounts, account.id, details).await?;
        mail_account(accounts, account, kind, Some(link));
    }
    Ok(())
}

pub async fn register(accounts: &Accounts, caller: &Caller, form: Registration) -> Result<(), AppError> {
    let Registration { email, details } = form;
    accounts.limits.check(Action::Register, caller.ip, email.as_str()).await?;
    // What was typed goes with the e-mailed link and applies when the password is set through it: an
    // address not yet proven (someone else's, typed first with their own number) never decides where
    // texts go. The account keeps it meanwhile only if it is new.
    let typed = ProfileChange {
        name: details.name,
        mobile: details.mobile,
        lang: details.lang,
        updates_by: details.updates_by,
        sms_status: SmsStatus::None,
    };
    let new = NewAccount {
        email: email.clone(),
        name: typed.name.clone(),
        mobile: typed.mobile.clone(),
        lang: typed.lang,
        updates_by: typed.updates_by,
        role: Role::Resident,
    };
    match accounts.store.create_account(&new, now()).await? {
        Some(id) => {
            let account = accounts.store.account(id).await?.ok_or(AppError::Internal)?;
            send_link(accounts, &account, mail::Kind::Welcome, Some(&typed)).await
        }
        // Same answer on the page; the owner of the address hears about it by e-mail.
        None => match accounts.store.account_by_email(&email).await? {
            Some(account) if account.password_hash.is_none() => {
                send_link(accounts, &account, mail::Kind::Welcome, Some(&typed)).await
            }
            Some(account) => send_link(accounts, &account, mail::Kind::AlreadyRegistered, None).await,
            None => Ok(()),
        },
    }
}

/// Signs in; returns who is signed in and the new session's token, for the edge to set as a cookie.
pub async fn sign_in(
    accounts: &Accounts,
    caller: &Caller,
    email: Email,
    password: &str,
) -> Result<(SessionUser, String), AppError> {
    accounts.limits.check(Action::SignIn, caller.ip, email.as_str()).await?;
    let account = accounts.store.account_by_email(&email).await?.filter(Account::is_open);
    let hash = account.as_ref().and_then(|account| account.password_hash.clone());
    if !passwords::verify(password.to_string(), hash).await {
        return Err(AppError::SignInFailed);
    }
    let account = account.ok_or(AppError::SignInFailed)?;
    sessions::end(accounts.store.as_ref(), caller.session.as_ref()).await?;
    // Staff prove their second factor next (`two_factor`), in a new session.
    let new = NewSession { device: &caller.device, second_factor: false };
    let token = sessions::start(accounts.store.as_ref(), account.id, new).await?;
    let name = account.name.map(|name| name.as_str().to_string()).unwrap_or_default();
    Ok((SessionUser { name, role: account.role }, token))
}

pub async fn sign_out(accounts: &Accounts, caller: &Caller) -> Result<(), AppError> {
    Ok(sessions::end(accounts.store.as_ref(), caller.session.as_ref()).await?)
}

pub async fn forgot_password(accounts: Arc<Accounts>, caller: &Caller, email: Email) -> Result<(), AppError> {
    accounts.limits.check(Action::PasswordLink, caller.ip, email.as_str()).await?;
    // Looked up and sent in the background: answering after a database write only when the account exists
    // would tell, by the time it takes, that it does (`cargo bench -p server --bench enumeration`).
    tokio::spawn(async move {
        // Errors are logged on their way into `AppError`; nobody is waiting for this answer.
        if let Ok(Some(account)) = accounts.store.account_by_email(&email).await.map_err(AppError::from) {
            let _ = send_link(&accounts, &account, mail::Kind::Reset, None).await;
        }
    });
    Ok(())
}
/// The account an e-mailed link opens, if the link is still good, and the registration it was sent for.
async fn link_account(accounts: &Accounts, token: &str) -> Result<(Account, UsedLink), AppError> {
    let link = accounts.store.valid_link(&tokens::hash(token.trim()), now()).await?.ok_or(AppError::LinkInvalid)?;
    let account = accounts.store.account(link.account).await?.filter(Account::is_open);
    Ok((account.ok_or(AppError::LinkInvalid)?, link))
}

/// Whether the link still works, and, when setting the password through it will ask for texts, the last
/// four digits of the number asked: a resident who did not type it sees at once that it is not theirs.
pub async fn check_link(accounts: &Accounts, token: &str) -> Result<LinkView, AppError> {
    let (account, link) = link_account(accounts, token).await?;
    let texts_to = link.details.filter(|_| account.password_hash.is_none()).and_then(|details| {
        let mobile = details.mobile.filter(|_| details.updates_by == UpdatesBy::Sms)?;
        Some(mobile.last_digits().to_string())
    });
    Ok(LinkView { texts_to })
}

fn check_new_password(account: &Account, password: &str) -> Result<(), AppError> {
    let email = account.email.as_ref().map(Email::as_str).unwrap_or_default();
    let name = account.name.as_ref().map(PersonName::as_str).unwrap_or_default();
    passwords::check_new(password, &[email, name]).map_err(|problem| AppError::field(Field::NewPassword, problem))
}

pub async fn set_password(accounts: &Accounts, caller: &Caller, token: &str, password: &str) -> Result<(), AppError> {
    let (account, _) = link_account(accounts, token).await?;
    check_new_password(&account, password)?;
    let hash = passwords::hash(password.to_string()).await?;
    // Spent in the statement that checks it: of two posts of the same link at once, one sets the password.
    let used = accounts.store.use_link(&tokens::hash(token.trim()), now()).await?;
    let Some(used) = used.filter(|used| used.account == account.id) else { return Err(AppError::LinkInvalid) };
    accounts.store.set_password(account.id, &hash, None, now()).await?;
    match account.password_hash {
        // The first password: the e-mail address is now proven, so the details registered with this link
        // are the owner's, and the text-message opt-in can go out.
        None => {
            let account = match used.details {
                Some(details) => {
                    accounts.store.update_profile(account.id, &details).await?;
                    accounts.store.account(account.id).await?.ok_or(AppError::Internal)?
                }
                None => account,
            };
            if let (UpdatesBy::Sms, Some(mobile)) = (account.updates_by, &account.mobile) {
                accounts.store.set_sms_status(account.id, SmsStatus::Pending).await?;
                sms::ask_confirmation(accounts, caller.ip, mobile, account.lang).await?;
            }
        }
        Some(_) => mail_account(accounts, &account, mail::Kind::PasswordChanged, None),
    }
    Ok(())
}

/// The signed-in account, or `SignInRequired`.
async fn signed_in<'a>(accounts: &Accounts, caller: &'a Caller) -> Result<(&'a CurrentSession, Account), AppError> {
    let session = caller.signed_in()?;
    let account = accounts.store.account(session.account_id).await?.filter(Account::is_open);
    Ok((session, account.ok_or(AppError::SignInRequired)?))
}

fn profile(account: Account) -> Result<Profile, AppError> {
    Ok(Profile {
        name: account.name.ok_or(AppError::SignInRequired)?,
        email: account.email.ok_or(AppError::SignInRequired)?,
        mobile: account.mobile,
        lang: account.lang,
        updates_by: account.updates_by,
        sms_status: account.sms_status,
    })
}

pub async fn get_profile(accounts: &Accounts, caller: &Caller) -> Result<Profile, AppError> {
    let (_, account) = signed_in(accounts, caller).await?;
    profile(account)
}

pub async fn update_profile(accounts: &Accounts, caller: &Caller, details: Details) -> Result<Profile, AppError> {
    let (_, account) = signed_in(accounts, caller).await?;
    let new_number = details.mobile != account.mobile;
    let sms_status = match (&details.mobile, details.updates_by) {
        (None, _) => SmsStatus::None,
        (Some(_), UpdatesBy::Sms) if new_number || account.sms_status != SmsStatus::Confirmed => SmsStatus::Pending,
        (Some(_), _) if new_number => SmsStatus::None,
        (Some(_), _) => account.sms_status,
    };
    let change = ProfileChange {
        name: details.name,
        mobile: details.mobile,
        lang: details.lang,
        updates_by: details.updates_by,
        sms_status,
    };
    accounts.store.update_profile(account.id, &change).await?;
    let asked_before = account.sms_status == SmsStatus::Pending && !new_number;
    if let (SmsStatus::Pending, Some(mobile), false) = (sms_status, &change.mobile, asked_before) {
        sms::ask_confirmation(accounts, caller.ip, mobile, change.lang).await?;
    }
    let email = account.email.ok_or(AppError::SignInRequired)?;
    let ProfileChange { name, mobile, lang, updates_by, sms_status } = change;
    Ok(Profile { name, email, mobile, lang, updates_by, sms_status })
}

/// Checks the current password of the signed-in account (limited like sign-in: it is a password guess).
async fn confirm_password(
    accounts: &Accounts,
    caller: &Caller,
    account: &Account,
    field: Field,
    password: &str,
) -> Result<(), AppError> {
    let email = account.email.as_ref().map(Email::as_str).unwrap_or_default();
    accounts.limits.check(Action::SignIn, caller.ip, email).await?;
    match passwords::verify(password.to_string(), account.password_hash.clone()).await {
        true => Ok(()),
        false => Err(AppError::field(field, Problem::PasswordWrong)),
    }
}

pub async fn change_password(
    accounts: &Accounts,
    caller: &Caller,
    current_password: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let (session, account) = signed_in(accounts, caller).await?;
    confirm_password(accounts, caller, &account, Field::CurrentPassword, current_password).await?;
    check_new_password(&account, new_password)?;
    let hash = passwords::hash(new_password.to_string()).await?;
    accounts.store.set_password(account.id, &hash, Some(&session.token_hash), now()).await?;
    mail_account(accounts, &account, mail::Kind::PasswordChanged, None);
    Ok(())
}

/// Asks to change the signed-in account's e-mail address to `new_email`, after its password: a link goes to
/// the new address, and the address changes only when it is followed. A new address that another account
/// has is told so instead (the answer here is the same, so that nobody learns which addresses have
/// accounts).
pub async fn change_email(
    accounts: &Accounts,
    caller: &Caller,
    new_email: Email,
    password: &str,
) -> Result<(), AppError> {
    let (_, account) = signed_in(accounts, caller).await?;
    confirm_password(accounts, caller, &account, Field::EmailPassword, password).await?;
    if account.email.as_ref() == Some(&new_email) {
        return Err(AppError::field(Field::NewEmail, Problem::EmailUnchanged));
    }
    accounts.limits.check(Action::PasswordLink, caller.ip, new_email.as_str()).await?;
    let name = account.name.as_ref().map(|name| name.as_str()).unwrap_or_default();
    let (kind, link) = match accounts.store.account_by_email(&new_email).await? {
        Some(_) => (mail::Kind::EmailTaken, Some(accounts.site.link(routes::SIGN_IN))),
        None => {
            let token = tokens::new_token();
            let expires_at = now() + mail::LINK_HOURS * 3600;
            accounts.store.start_email_change(account.id, &tokens::hash(&token), &new_email, expires_at, now()).await?;
            (mail::Kind::ConfirmEmail, Some(accounts.site.link(&routes::confirm_email(&token))))
        }
    };
    send_later(accounts, mail::compose(&accounts.city, kind, account.lang, &new_email, name, link));
    Ok(())
}

/// The address an e-mail change link would make the account's, while the link is good.
pub async fn email_link(accounts: &Accounts, token: &str) -> Result<Email, AppError> {
    let change = accounts.store.email_change(&tokens::hash(token.trim()), now()).await?;
    Ok(change.ok_or(AppError::LinkInvalid)?.new_email)
}

/// Follows an e-mail change link: the address changes, and the old one is told.
pub async fn confirm_email(accounts: &Accounts, token: &str) -> Result<Email, AppError> {
    let changed = accounts.store.finish_email_change(&tokens::hash(token.trim()), now()).await?;
    match changed.ok_or(AppError::LinkInvalid)? {
        EmailChanged::Taken => Err(AppError::field(Field::NewEmail, Problem::EmailTaken)),
        EmailChanged::Changed { change, old } => {
            let account = accounts.store.account(change.account).await?.ok_or(AppError::LinkInvalid)?;
            let name = account.name.as_ref().map(|name| name.as_str()).unwrap_or_default();
            let args = [("new", Arg::from(change.new_email.as_str().to_string()))];
            let mail =
                mail::compose_with(&accounts.city, mail::Kind::EmailChanged, account.lang, &old, name, None, &args);
            send_later(accounts, mail);
            tracing::info!(account = %account.id, "e-mail address changed");
            Ok(change.new_email)
        }
    }
}

/// The devices the signed-in person is signed in on, the one asking first, then the most recently used.
pub async fn devices(accounts: &Accounts, caller: &Caller) -> Result<Vec<DeviceView>, AppError> {
    let session = caller.signed_in()?;
    let mut sessions = accounts.store.sessions_of(session.account_id).await?;
    sessions.sort_by_key(|stored| (stored.token_hash != session.token_hash, -stored.last_seen_at));
    let city = &accounts.city;
    let view = |stored: &super::StoredSession| DeviceView {
        device: stored.device.clone(),
        signed_in_at: city.time_of(stored.created_at),
        last_used_at: city.time_of(stored.last_seen_at),
        this_device: stored.token_hash == session.token_hash,
    };
    Ok(sessions.iter().map(view).collect())
}

/// "Sign out of the other devices": every session of the account but this one ends.
pub async fn sign_out_others(accounts: &Accounts, caller: &Caller) -> Result<Vec<DeviceView>, AppError> {
    let session = caller.signed_in()?;
    accounts.store.end_other_sessions(session.account_id, &session.token_hash).await?;
    devices(accounts, caller).await
}

/// Closes the signed-in account after checking its password; the edge clears the cookie.
pub async fn close_account(accounts: &Accounts, caller: &Caller, confirm_password_text: &str) -> Result<(), AppError> {
    let (session, account) = signed_in(accounts, caller).await?;
    confirm_password(accounts, caller, &account, Field::ConfirmPassword, confirm_password_text).await?;
    accounts.store.close_account(account.id, now()).await?;
    sessions::end(accounts.store.as_ref(), Some(session)).await?;
    tracing::info!(account = %account.id, "account closed");
    Ok(())
}
