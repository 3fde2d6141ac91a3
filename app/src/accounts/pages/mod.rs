//! The account pages, one file per page (the account page holds its own forms).

mod account;
mod email;
mod password;
mod register;
mod sign_in;
mod two_factor;

use account::AccountPage;
use email::ConfirmEmailPage;
pub(crate) use email::EmailForm;
use password::{ForgotPasswordPage, SetPasswordPage};
use register::RegisterPage;
pub use register::{lang_options, updates_options};
use sign_in::SignInPage;
use two_factor::VerifyPage;

lazy_page!(SignInRoute, SignInPage);
lazy_page!(AccountRoute, AccountPage);
lazy_page!(RegisterRoute, RegisterPage);
lazy_page!(ForgotPasswordRoute, ForgotPasswordPage);
lazy_page!(SetPasswordRoute, SetPasswordPage);
lazy_page!(ConfirmEmailRoute, ConfirmEmailPage);
lazy_page!(TwoFactorRoute, VerifyPage);
