//! What each account server function does, once its input is parsed. Every refusal is an [`AppError`]
//! the page shows in the resident's language; every answer about an e-mail address is the same whether
//! or not it has an account.

use super::{
    accounts, limits::Action, mail, now, passwords, sessions, sms, tokens, Account, AccountId, Accounts, NewAccount,
    ProfileChange,
};
use crate::accounts::model::{Email, Mobile, PersonName, Profile, Role, SessionUser, SmsStatus, UpdatesBy};
use crate::errors::{AppError, Field, FieldError, Problem};
use crate::i18n::Lang;

/// Collects a form's problems, so that the resident sees all of them at once.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    /// `parsed`, or a problem recorded against `field`: `Required` when blank, `invalid` otherwise.
    fn check<T>(&mut self, field: Field, input: &str, parsed: Option<T>, invalid: Problem) -> Option<T> {
        if parsed.is_none() {
            let problem = if input.trim().is_empty() { Problem::Required } else { invalid };
            self.0.push(FieldError { field, problem });
        }
        parsed
    }

    fn add(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldError { field, problem });
    }

    fn done(self) -> Result<(), AppError> {
        match self.0.is_empty() {
            true => Ok(()),
            false => Err(AppError::Invalid(self.0)),
        }
    }
}

/// The contact details every profile form has (registration and the account page).
pub struct Details {
    pub name: PersonName,
    pub mobile: Option<Mobile>,
    pub lang: Lang,
    pub updates_by: UpdatesBy,
}

fn parse_details(problems: &mut Problems, name: &str, mobile: &str, lang: &str, updates_by: &str) -> Option<Details> {
    let name = problems.check(Field::Name, name, PersonName::parse(name), Problem::NameInvalid);
    let mobile = match mobile.trim().is_empty() {
        true => Some(None),
        false => problems.check(Field::Mobile, mobile, Mobile::parse(mobile), Problem::MobileInvalid).map(Some),
    };
    let lang = problems.check(Field::Lang, lang, Lang::parse(lang).filter(|_| lang.len() == 2), Problem::ChoiceInvalid);
    let updates_by = problems.check(Field::UpdatesBy, updates_by, UpdatesBy::parse(updates_by), Problem::ChoiceInvalid);
    if updates_by == Some(UpdatesBy::Sms) && mobile == Some(None) {
        problems.add(Field::Mobile, Problem::MobileNeededForSms);
    }
    Some(Details { name: name?, mobile: mobile?, lang: lang?, updates_by: updates_by? })
}

fn parse_email(problems: &mut Problems, email: &str) -> Option<Email> {
    problems.check(Field::Email, email, Email::parse(email), Problem::EmailInvalid)
}

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

/// A new single-use link for `account` to choose a password, valid for [`mail::LINK_HOURS`].
pub async fn password_link(accounts: &Accounts, account: AccountId) -> anyhow::Result<String> {
    let token = tokens::new_token();
    let expires_at = now() + mail::LINK_HOURS * 3600;
    accounts.store.create_link(account, &tokens::hash(&token), expires_at).await?;
    Ok(accounts.site.link(&format!("/account/password?token={token}")))
}

/// E-mails message `kind` to `account`, in its language, unless the account is closed (no address).
fn mail_account(accounts: &Accounts, account: &Account, kind: mail::Kind, link: Option<String>) {
    if let (Some(email), Some(name)) = (&account.email, &account.name) {
        send_later(accounts, mail::compose(&accounts.city, kind, account.lang, email, name.as_str(), link));
    }
}

/// E-mails `account` a single-use link to choose a password.
async fn send_link(accounts: &Accounts, account: &Account, kind: mail::Kind) -> Result<(), AppError> {
    if account.is_open() {
        let link = password_link(accounts, account.id).await?;
        mail_account(accounts, account, kind, Some(link));
    }
    Ok(())
}

pub async fn register(name: &str, email: &str, mobile: &str, lang: &str, updates_by: &str) -> Result<(), AppError> {
    let accounts = accounts();
    let mut problems = Problems::default();
    let details = parse_details(&mut problems, name, mobile, lang, updates_by);
    let email = parse_email(&mut problems, email);
    problems.done()?;
    let (Some(details), Some(email)) = (details, email) else { return Err(AppError::Internal) };
    accounts.limits.check(Action::Register, sessions::client_ip(), email.as_str())?;
    let new = NewAccount {
        email: email.clone(),
        name: details.name,
        mobile: details.mobile,
        lang: details.lang,
        updates_by: details.updates_by,
        role: Role::Resident,
    };
    match accounts.store.create_account(&new, now()).await? {
        Some(id) => {
            let account = accounts.store.account(id).await?.ok_or(AppError::Internal)?;
            send_link(&accounts, &account, mail::Kind::Welcome).await
        }
        // Same answer on the page; the owner of the address hears about it by e-mail.
        None => match accounts.store.account_by_email(&email).await? {
            Some(account) if account.password_hash.is_none() => {
                send_link(&accounts, &account, mail::Kind::Welcome).await
            }
            Some(account) => send_link(&accounts, &account, mail::Kind::AlreadyRegistered).await,
            None => Ok(()),
        },
    }
}

pub async fn sign_in(email: &str, password: &str) -> Result<SessionUser, AppError> {
    let accounts = accounts();
    let mut problems = Problems::default();
    let email = parse_email(&mut problems, email);
    if password.is_empty() {
        problems.add(Field::Password, Problem::Required);
    }
    problems.done()?;
    let email = email.ok_or(AppError::Internal)?;
    accounts.limits.check(Action::SignIn, sessions::client_ip(), email.as_str())?;
    let account = accounts.store.account_by_email(&email).await?.filter(Account::is_open);
    let hash = account.as_ref().and_then(|account| account.password_hash.clone());
    if !passwords::verify(password.to_string(), hash).await {
        return Err(AppError::SignInFailed);
    }
    let account = account.ok_or(AppError::SignInFailed)?;
    sessions::end(&accounts).await?;
    sessions::start(&accounts, account.id).await?;
    let name = account.name.map(|name| name.as_str().to_string()).unwrap_or_default();
    Ok(SessionUser { name, role: account.role })
}

pub async fn sign_out() -> Result<(), AppError> {
    Ok(sessions::end(&accounts()).await?)
}

pub async fn forgot_password(email: &str) -> Result<(), AppError> {
    let accounts = accounts();
    let mut problems = Problems::default();
    let email = parse_email(&mut problems, email);
    problems.done()?;
    let email = email.ok_or(AppError::Internal)?;
    accounts.limits.check(Action::PasswordLink, sessions::client_ip(), email.as_str())?;
    // Looked up and sent in the background: answering after a database write only when the account exists
    // would tell, by the time it takes, that it does (`cargo bench -p server --bench enumeration`).
    tokio::spawn(async move {
        // Errors are logged on their way into `AppError`; nobody is waiting for this answer.
        if let Ok(Some(account)) = accounts.store.account_by_email(&email).await.map_err(AppError::from) {
            let _ = send_link(&accounts, &account, mail::Kind::Reset).await;
        }
    });
    Ok(())
}

/// The account an e-mailed link opens, if the link is still good.
async fn link_account(accounts: &Accounts, token: &str) -> Result<Account, AppError> {
    let id = accounts.store.valid_link(&tokens::hash(token.trim()), now()).await?.ok_or(AppError::LinkInvalid)?;
    accounts.store.account(id).await?.filter(Account::is_open).ok_or(AppError::LinkInvalid)
}

pub async fn check_link(token: &str) -> Result<(), AppError> {
    link_account(&accounts(), token).await.map(|_| ())
}

fn check_new_password(account: &Account, password: &str) -> Result<(), AppError> {
    let email = account.email.as_ref().map(Email::as_str).unwrap_or_default();
    let name = account.name.as_ref().map(PersonName::as_str).unwrap_or_default();
    passwords::check_new(password, &[email, name]).map_err(|problem| AppError::field(Field::NewPassword, problem))
}

pub async fn set_password(token: &str, password: &str) -> Result<(), AppError> {
    let accounts = accounts();
    let account = link_account(&accounts, token).await?;
    check_new_password(&account, password)?;
    let hash = passwords::hash(password.to_string()).await?;
    accounts.store.set_password(account.id, &hash, None).await?;
    accounts.store.retire_links(account.id, now()).await?;
    match account.password_hash {
        // The first password: the e-mail address is now proven, so the text-message opt-in can go out.
        None => {
            if let (UpdatesBy::Sms, Some(mobile)) = (account.updates_by, &account.mobile) {
                accounts.store.set_sms_status(account.id, SmsStatus::Pending).await?;
                sms::ask_confirmation(&accounts, mobile, account.lang).await?;
            }
        }
        Some(_) => mail_account(&accounts, &account, mail::Kind::PasswordChanged, None),
    }
    Ok(())
}

/// The signed-in account, or `SignInRequired`.
async fn signed_in(accounts: &Accounts) -> Result<(sessions::CurrentSession, Account), AppError> {
    let session = sessions::current().ok_or(AppError::SignInRequired)?;
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

pub async fn get_profile() -> Result<Profile, AppError> {
    let (_, account) = signed_in(&accounts()).await?;
    profile(account)
}

pub async fn update_profile(name: &str, mobile: &str, lang: &str, updates_by: &str) -> Result<Profile, AppError> {
    let accounts = accounts();
    let (_, account) = signed_in(&accounts).await?;
    let mut problems = Problems::default();
    let details = parse_details(&mut problems, name, mobile, lang, updates_by);
    problems.done()?;
    let details = details.ok_or(AppError::Internal)?;
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
        sms::ask_confirmation(&accounts, mobile, change.lang).await?;
    }
    let email = account.email.ok_or(AppError::SignInRequired)?;
    let ProfileChange { name, mobile, lang, updates_by, sms_status } = change;
    Ok(Profile { name, email, mobile, lang, updates_by, sms_status })
}

/// Checks the current password of the signed-in account (limited like sign-in: it is a password guess).
async fn confirm_password(
    accounts: &Accounts,
    account: &Account,
    field: Field,
    password: &str,
) -> Result<(), AppError> {
    let email = account.email.as_ref().map(Email::as_str).unwrap_or_default();
    accounts.limits.check(Action::SignIn, sessions::client_ip(), email)?;
    match passwords::verify(password.to_string(), account.password_hash.clone()).await {
        true => Ok(()),
        false => Err(AppError::field(field, Problem::PasswordWrong)),
    }
}

pub async fn change_password(current_password: &str, new_password: &str) -> Result<(), AppError> {
    let accounts = accounts();
    let (session, account) = signed_in(&accounts).await?;
    confirm_password(&accounts, &account, Field::CurrentPassword, current_password).await?;
    check_new_password(&account, new_password)?;
    let hash = passwords::hash(new_password.to_string()).await?;
    accounts.store.set_password(account.id, &hash, Some(&session.token_hash)).await?;
    mail_account(&accounts, &account, mail::Kind::PasswordChanged, None);
    Ok(())
}

pub async fn close_account(confirm_password_text: &str) -> Result<(), AppError> {
    let accounts = accounts();
    let (_, account) = signed_in(&accounts).await?;
    confirm_password(&accounts, &account, Field::ConfirmPassword, confirm_password_text).await?;
    accounts.store.close_account(account.id, now()).await?;
    sessions::end(&accounts).await?;
    tracing::info!(account = account.id, "account closed");
    Ok(())
}
