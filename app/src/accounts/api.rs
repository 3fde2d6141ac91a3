//! The accounts' server functions: the edge. Arguments arrive as the form's text, exactly as typed; each
//! function parses them (`ssr::forms`), so a form can never skip it, and hands the flow what it needs.

use super::model::{DeviceView, LinkView, Profile, SessionUser, TwoFactorPage, Verified};
#[cfg(feature = "ssr")]
use super::ssr::{flows, forms, sessions, two_factor};
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
#[cfg(feature = "ssr")]
use crate::ssr::edge;
use leptos::prelude::*;

#[server(endpoint = "accounts/register", output = Json)]
pub async fn register(
    name: String,
    email: String,
    mobile: String,
    lang: String,
    updates_by: String,
) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async {
        let form = forms::Registration::parse(&name, &email, &mobile, &lang, &updates_by)?;
        flows::register(&context.accounts, &caller, form).await
    };
    answer(result.await)
}

#[server(endpoint = "accounts/sign_in", output = Json)]
pub async fn sign_in(email: String, password: String) -> Result<SessionUser, AppError> {
    let (context, caller) = edge();
    let result = async {
        let email = forms::sign_in(&email, &password)?;
        let (user, token) = flows::sign_in(&context.accounts, &caller, email, &password).await?;
        sessions::set_cookie(&context.accounts.site, &token);
        Ok(user)
    };
    answer(result.await)
}

#[server(endpoint = "accounts/sign_out", output = Json)]
pub async fn sign_out() -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = flows::sign_out(&context.accounts, &caller).await;
    sessions::clear_cookie(&context.accounts.site);
    answer(result)
}

#[server(endpoint = "accounts/forgot_password", output = Json)]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async { flows::forgot_password(context.accounts.clone(), &caller, forms::email(&email)?).await };
    answer(result.await)
}

/// Asks for the signed-in account's e-mail address to become `new_email` (a link goes to it).
#[server(endpoint = "accounts/change_email", output = Json)]
pub async fn change_email(new_email: String, email_password: String) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = async {
        let new_email = forms::email_change(&new_email, &email_password)?;
        flows::change_email(&context.accounts, &caller, new_email, &email_password).await
    };
    answer(result.await)
}

/// The address an e-mail change link confirms, while it is good (the page shows it before the click).
#[server(endpoint = "accounts/email_link", output = Json)]
pub async fn email_link(token: String) -> Result<String, AppError> {
    let (context, _) = edge();
    answer(flows::email_link(&context.accounts, &token).await.map(|email| email.as_str().to_string()))
}

/// Follows an e-mail change link (a button on its page: a mail scanner opening the link changes nothing).
#[server(endpoint = "accounts/confirm_email", output = Json)]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    let (context, _) = edge();
    answer(flows::confirm_email(&context.accounts, &token).await.map(|email| email.as_str().to_string()))
}

#[server(endpoint = "accounts/check_link", output = Json)]
pub async fn check_link(token: String) -> Result<LinkView, AppError> {
    let (context, _) = edge();
    answer(flows::check_link(&context.accounts, &token).await)
}

#[server(endpoint = "accounts/set_password", output = Json)]
pub async fn set_password(token: String, new_password: String) -> Result<(), AppError> {
    let (context, caller) = edge();
    answer(flows::set_password(&context.accounts, &caller, &token, &new_password).await)
}

#[server(endpoint = "accounts/get_profile", output = Json)]
pub async fn get_profile() -> Result<Profile, AppError> {
    let (context, caller) = edge();
    answer(flows::get_profile(&context.accounts, &caller).await)
}

#[server(endpoint = "accounts/update_profile", output = Json)]
pub async fn update_profile(
    name: String,
    mobile: String,
    lang: String,
    updates_by: String,
) -> Result<Profile, AppError> {
    let (context, caller) = edge();
    let result = async {
        // Who is asking comes first: a signed-out caller is told to sign in, whatever the form says.
        caller.signed_in()?;
        let details = forms::Details::parse(&name, &mobile, &lang, &updates_by)?;
        flows::update_profile(&context.accounts, &caller, details).await
    };
    answer(result.await)
}

#[server(endpoint = "accounts/change_password", output = Json)]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    let (context, caller) = edge();
    answer(flows::change_password(&context.accounts, &caller, &current_password, &new_password).await)
}

#[server(endpoint = "accounts/close_account", output = Json)]
pub async fn close_account(confirm_password: String) -> Result<(), AppError> {
    let (context, caller) = edge();
    let result = flows::close_account(&context.accounts, &caller, &confirm_password).await;
    if result.is_ok() {
        sessions::clear_cookie(&context.accounts.site);
    }
    answer(result)
}

/// "Signed-in devices" on the account page.
#[server(endpoint = "accounts/devices", output = Json)]
pub async fn get_devices() -> Result<Vec<DeviceView>, AppError> {
    let (context, caller) = edge();
    answer(flows::devices(&context.accounts, &caller).await)
}

#[server(endpoint = "accounts/sign_out_others", output = Json)]
pub async fn sign_out_others() -> Result<Vec<DeviceView>, AppError> {
    let (context, caller) = edge();
    answer(flows::sign_out_others(&context.accounts, &caller).await)
}

/// Staff's second step of signing in: what `/staff/verify` shows.
#[server(endpoint = "accounts/two_factor", output = Json)]
pub async fn get_two_factor() -> Result<TwoFactorPage, AppError> {
    let (context, caller) = edge();
    answer(two_factor::page(&context.accounts, &caller).await)
}

/// The authenticator's code (or a recovery code): enrols the first time, then verifies; the session is
/// replaced by one with the second factor proven.
#[server(endpoint = "accounts/two_factor/prove", output = Json)]
pub async fn prove_two_factor(code: String) -> Result<Verified, AppError> {
    let (context, caller) = edge();
    let result = async {
        caller.signed_in()?;
        let code = two_factor::Code::parse(&code)?;
        let (verified, token) = two_factor::prove(&context.accounts, &caller, code).await?;
        sessions::set_cookie(&context.accounts.site, &token);
        Ok(verified)
    };
    answer(result.await)
}
