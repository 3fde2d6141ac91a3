//! The accounts' server functions: thin doors to `ssr::flows`, where the work is done. Arguments arrive as
//! the form's text, exactly as typed; parsing them is the server's job, so a form can never skip it.

use super::model::{Profile, SessionUser};
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

#[server(endpoint = "accounts/register", output = Json)]
pub async fn register(
    name: String,
    email: String,
    mobile: String,
    lang: String,
    updates_by: String,
) -> Result<(), AppError> {
    answer(super::ssr::flows::register(&name, &email, &mobile, &lang, &updates_by).await)
}

#[server(endpoint = "accounts/sign_in", output = Json)]
pub async fn sign_in(email: String, password: String) -> Result<SessionUser, AppError> {
    answer(super::ssr::flows::sign_in(&email, &password).await)
}

#[server(endpoint = "accounts/sign_out", output = Json)]
pub async fn sign_out() -> Result<(), AppError> {
    answer(super::ssr::flows::sign_out().await)
}

#[server(endpoint = "accounts/forgot_password", output = Json)]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    answer(super::ssr::flows::forgot_password(&email).await)
}

#[server(endpoint = "accounts/check_link", output = Json)]
pub async fn check_link(token: String) -> Result<(), AppError> {
    answer(super::ssr::flows::check_link(&token).await)
}

#[server(endpoint = "accounts/set_password", output = Json)]
pub async fn set_password(token: String, new_password: String) -> Result<(), AppError> {
    answer(super::ssr::flows::set_password(&token, &new_password).await)
}

#[server(endpoint = "accounts/get_profile", output = Json)]
pub async fn get_profile() -> Result<Profile, AppError> {
    answer(super::ssr::flows::get_profile().await)
}

#[server(endpoint = "accounts/update_profile", output = Json)]
pub async fn update_profile(
    name: String,
    mobile: String,
    lang: String,
    updates_by: String,
) -> Result<Profile, AppError> {
    answer(super::ssr::flows::update_profile(&name, &mobile, &lang, &updates_by).await)
}

#[server(endpoint = "accounts/change_password", output = Json)]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    answer(super::ssr::flows::change_password(&current_password, &new_password).await)
}

#[server(endpoint = "accounts/close_account", output = Json)]
pub async fn close_account(confirm_password: String) -> Result<(), AppError> {
    answer(super::ssr::flows::close_account(&confirm_password).await)
}
