//! The accounts' server functions: thin doors to `ssr::flows`, where the work is done. Arguments arrive as
//! the form's text, exactly as typed; parsing them is the server's job, so a form can never skip it.

use super::model::{Profile, SessionUser};
use crate::errors::AppError;
use leptos::prelude::*;

#[server]
pub async fn register(
    name: String,
    email: String,
    mobile: String,
    lang: String,
    updates_by: String,
) -> Result<(), AppError> {
    super::ssr::flows::register(&name, &email, &mobile, &lang, &updates_by).await
}

#[server]
pub async fn sign_in(email: String, password: String) -> Result<SessionUser, AppError> {
    super::ssr::flows::sign_in(&email, &password).await
}

#[server]
pub async fn sign_out() -> Result<(), AppError> {
    super::ssr::flows::sign_out().await
}

#[server]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    super::ssr::flows::forgot_password(&email).await
}

#[server]
pub async fn check_link(token: String) -> Result<(), AppError> {
    super::ssr::flows::check_link(&token).await
}

#[server]
pub async fn set_password(token: String, new_password: String) -> Result<(), AppError> {
    super::ssr::flows::set_password(&token, &new_password).await
}

#[server]
pub async fn get_profile() -> Result<Profile, AppError> {
    super::ssr::flows::get_profile().await
}

#[server]
pub async fn update_profile(
    name: String,
    mobile: String,
    lang: String,
    updates_by: String,
) -> Result<Profile, AppError> {
    super::ssr::flows::update_profile(&name, &mobile, &lang, &updates_by).await
}

#[server]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    super::ssr::flows::change_password(&current_password, &new_password).await
}

#[server]
pub async fn close_account(confirm_password: String) -> Result<(), AppError> {
    super::ssr::flows::close_account(&confirm_password).await
}
