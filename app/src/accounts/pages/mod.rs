//! The account pages, one file per page (the account page holds its own forms).

mod account;
mod password;
mod register;
mod sign_in;

pub use account::AccountPage;
pub use password::{ForgotPasswordPage, SetPasswordPage};
pub use register::RegisterPage;
pub use sign_in::SignInPage;
