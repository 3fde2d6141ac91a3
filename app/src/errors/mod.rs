//! The one error type that crosses from server to browser, and the one place it becomes words.
//!
//! Server code turns its own failures (database, files) into an [`AppError`], logging the detail there;
//! the browser only ever shows [`ErrorMessage`] or a form's [`crate::components::ErrorSummary`], in the
//! resident's language, with the right HTTP status when the page is rendered on the server.

mod fields;
mod wire;

pub use fields::{Field, FieldError, Problem, Problems, MAX_QUESTIONS};
pub use wire::Json;

use crate::i18n::{t, use_i18n, Arg, I18n};
use crate::routes;
use leptos::prelude::*;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The address names nothing we have (unknown or malformed code).
    #[error("not found")]
    NotFound,
    /// Something failed on our side; the detail is in the server log.
    #[error("internal error")]
    Internal,
    /// The server could not be reached or answered nonsense (network, server function plumbing).
    #[error("unavailable")]
    Unavailable,
    /// What was sent could not be read as this function's form (a broken body, a missing or malformed
    /// argument): the client's fault, never ours.
    #[error("unreadable request")]
    Unreadable,
    /// A form has problems: each names its field and what is wrong with it.
    #[error("invalid form: {0:?}")]
    Invalid(Vec<FieldError>),
    /// Too many attempts from this address or for this account; try again in this many minutes.
    #[error("too many attempts")]
    TooManyAttempts { minutes: u64 },
    /// The page needs a signed-in person.
    #[error("sign-in required")]
    SignInRequired,
    /// Wrong e-mail or password. Never says which, so that nobody learns whether an account exists.
    #[error("sign-in failed")]
    SignInFailed,
    /// An e-mailed link that is unknown, altered, already used or expired.
    #[error("link invalid")]
    LinkInvalid,
    /// A topic that cannot be requested online: call, chat or write to 311.
    #[error("not online")]
    NotOnline,
    /// Signed in, but this is for city staff.
    #[error("forbidden")]
    Forbidden,
    /// Staff signed in with their password only: the console opens once their authenticator's code is typed.
    #[error("second factor required")]
    SecondFactorRequired,
    /// Someone else changed the request after the form was read: nothing was saved.
    #[error("conflict")]
    Conflict,
    /// Live chat is not offered now (outside hours, or no agent with room): the other channels instead.
    #[error("chat unavailable")]
    ChatUnavailable,
    /// The conversation is over: nothing more can be written in it.
    #[error("chat ended")]
    ChatEnded,
    /// The agent (or the colleague a chat is handed to) has as many chats as they may.
    #[error("at capacity")]
    AtCapacity,
}

impl From<FieldError> for AppError {
    fn from(problem: FieldError) -> Self {
        AppError::Invalid(vec![problem])
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(problems: Vec<FieldError>) -> Self {
        AppError::Invalid(problems)
    }
}

impl AppError {
    /// One problem with one field.
    pub fn field(field: Field, problem: Problem) -> AppError {
        AppError::Invalid(vec![FieldError { field, problem }])
    }

    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Invalid(_) | AppError::Unreadable | AppError::LinkInvalid | AppError::NotOnline => {
                StatusCode::BAD_REQUEST
            }
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::SignInRequired | AppError::SignInFailed => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::SecondFactorRequired => StatusCode::FORBIDDEN,
            AppError::Conflict | AppError::ChatUnavailable | AppError::ChatEnded | AppError::AtCapacity => {
                StatusCode::CONFLICT
            }
        }
    }

    fn keys(&self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => ("error-not-found-title", "error-not-found-text"),
            AppError::Internal => ("error-internal-title", "error-internal-text"),
            AppError::Unavailable => ("error-unavailable-title", "error-unavailable-text"),
            AppError::Invalid(_) => ("error-invalid-title", "error-invalid-text"),
            AppError::Unreadable => ("error-unreadable-title", "error-unreadable-text"),
            AppError::TooManyAttempts { .. } => ("error-too-many-title", "error-too-many-text"),
            AppError::SignInRequired => ("error-sign-in-required-title", "error-sign-in-required-text"),
            AppError::SignInFailed => ("error-sign-in-failed-title", "error-sign-in-failed-text"),
            AppError::LinkInvalid => ("error-link-invalid-title", "error-link-invalid-text"),
            AppError::NotOnline => ("error-not-online-title", "error-not-online-text"),
            AppError::Forbidden => ("error-forbidden-title", "error-forbidden-text"),
            AppError::SecondFactorRequired => ("error-second-factor-title", "error-second-factor-text"),
            AppError::Conflict => ("error-conflict-title", "error-conflict-text"),
            AppError::ChatUnavailable => ("error-chat-unavailable-title", "error-chat-unavailable-text"),
            AppError::ChatEnded => ("error-chat-ended-title", "error-chat-ended-text"),
            AppError::AtCapacity => ("error-at-capacity-title", "error-at-capacity-text"),
        }
    }

    /// Where to go to get past the error, when there is a page for it: (address, locale key of the link).
    fn next_step(&self) -> Option<(&'static str, &'static str)> {
        match self {
            AppError::SignInRequired => Some((routes::SIGN_IN, "sign-in-button")),
            AppError::LinkInvalid => Some((routes::FORGOT_PASSWORD, "error-link-invalid-action")),
            AppError::SecondFactorRequired => Some((routes::TWO_FACTOR, "error-second-factor-action")),
            _ => None,
        }
    }

    /// The heading, in the current language.
    pub fn title(&self, i18n: I18n) -> String {
        i18n.t(self.keys().0)
    }

    /// What to do about it, in the current language.
    pub fn text(&self, i18n: I18n) -> String {
        let minutes = match self {
            AppError::TooManyAttempts { minutes } => *minutes,
            _ => 0,
        };
        i18n.t_args(self.keys().1, &[("minutes", Arg::from(minutes))])
    }
}

/// Gives a server function's refusal its HTTP status (400, 401, 429...), so that other clients than our
/// pages can tell. Not to a form posted without JavaScript (the browser accepts HTML): the server function
/// sends it back to its page with the error in the address, and a browser follows that only from a
/// redirect status.
#[cfg(feature = "ssr")]
pub fn answer<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        give_status(error);
    }
    result
}

#[cfg(feature = "ssr")]
fn give_status(error: &AppError) {
    let from_a_page = use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::ACCEPT)?.to_str().ok().map(|a| a.contains("text/html")))
        .unwrap_or(false);
    if let (Some(response), false) = (use_context::<leptos_axum::ResponseOptions>(), from_a_page) {
        response.set_status(error.status());
    }
}

/// Sends the browser to the path a server function answered with (a 302 without JavaScript, the router
/// with it), or answers its error.
#[cfg(feature = "ssr")]
pub fn go(result: Result<String, AppError>) -> Result<String, AppError> {
    if let Ok(path) = &result {
        leptos_axum::redirect(path);
    }
    answer(result)
}

/// Our own failures (database, files, mail): logged here with their detail, shown as "something went wrong".
#[cfg(feature = "ssr")]
impl From<anyhow::Error> for AppError {
    fn from(error: anyhow::Error) -> Self {
        tracing::error!(error = format!("{error:#}"), "internal error");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = wire::JsonText;

    /// On the server, a request whose arguments do not decode is the client's (400, and server_fn would
    /// answer 500 unless told); in the browser, any failure here is the connection's or the server's.
    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            tracing::warn!(%error, "server function failed before reaching our code");
            if let ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) = error
            {
                give_status(&AppError::Unreadable);
                return AppError::Unreadable;
            }
        }
        #[cfg(not(feature = "ssr"))]
        let _ = error;
        AppError::Unavailable
    }
}

/// An error as a page section: a heading, what to do next, and (on the server) the HTTP status.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let i18n = use_i18n();
    let next = error.next_step();
    let (title_error, text_error) = (error.clone(), error.clone());
    let title = move || title_error.title(i18n);
    view! {
        <crate::layout::PageTitle title/>
        <div class="error-page">
            <h1>{move || error.title(i18n)}</h1>
            <p>{move || text_error.text(i18n)}</p>
            {next.map(|(href, label)| view! { <p><a class="button" href=href>{t(label)}</a></p> })}
            <p>
                <a href=routes::HOME>{t("error-home-link")}</a>
            </p>
        </div>
    }
}

/// What a page loaded, or the error in the resident's language: how every page shows a server function's
/// answer.
pub fn view_or_error<V: IntoView + 'static>(result: Result<V, AppError>) -> AnyView {
    match result {
        Ok(view) => view.into_any(),
        Err(error) => view! { <ErrorMessage error/> }.into_any(),
    }
}

/// The router's fallback for addresses that match no page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorMessage error=AppError::NotFound/> }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant once. The match makes a new variant a compile error here until it is listed.
    fn every_error() -> Vec<AppError> {
        let all = vec![
            AppError::NotFound,
            AppError::Internal,
            AppError::Unavailable,
            AppError::Unreadable,
            AppError::Invalid(vec![FieldError { field: Field::Email, problem: Problem::EmailInvalid }]),
            AppError::TooManyAttempts { minutes: 3 },
            AppError::SignInRequired,
            AppError::SignInFailed,
            AppError::LinkInvalid,
            AppError::NotOnline,
            AppError::Forbidden,
            AppError::SecondFactorRequired,
            AppError::Conflict,
            AppError::ChatUnavailable,
            AppError::ChatEnded,
            AppError::AtCapacity,
        ];
        for error in &all {
            match error {
                AppError::NotFound
                | AppError::Internal
                | AppError::Unavailable
                | AppError::Unreadable
                | AppError::Invalid(_)
                | AppError::TooManyAttempts { .. }
                | AppError::SignInRequired
                | AppError::SignInFailed
                | AppError::LinkInvalid
                | AppError::NotOnline
                | AppError::Forbidden
                | AppError::SecondFactorRequired
                | AppError::Conflict
                | AppError::ChatUnavailable
                | AppError::ChatEnded
                | AppError::AtCapacity => {}
            }
        }
        all
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        use crate::i18n::{message, Lang};
        for error in every_error() {
            let (title, text) = error.keys();
            for lang in Lang::ALL {
                for key in [title, text] {
                    assert_ne!(message(lang, key, &[("minutes", 3.into())]), key, "{key} missing in {lang:?}");
                }
            }
        }
    }

    /// The JSON other clients than our pages read: reviewed in `snapshots/`.
    #[test]
    fn every_error_travels_as_reviewed() {
        let json: Vec<String> =
            every_error().iter().map(|error| leptos::serde_json::to_string(error).unwrap()).collect();
        insta::assert_snapshot!(json.join("\n"));
        for (error, json) in every_error().into_iter().zip(json) {
            assert_eq!(leptos::serde_json::from_str::<AppError>(&json).unwrap(), error);
        }
    }
}
