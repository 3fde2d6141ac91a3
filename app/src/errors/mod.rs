//! The one error type that crosses from server to browser, and the one place it becomes words.
//!
//! Server code turns its own failures (database, files) into an [`AppError`], logging the detail there;
//! the browser only ever shows [`ErrorMessage`], in the resident's language, with the right HTTP status
//! when the page is rendered on the server.

use crate::i18n::t;
use leptos::prelude::*;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
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
}

impl AppError {
    pub fn status(self) -> http::StatusCode {
        match self {
            AppError::NotFound => http::StatusCode::NOT_FOUND,
            AppError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable => http::StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn keys(self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => ("error-not-found-title", "error-not-found-text"),
            AppError::Internal => ("error-internal-title", "error-internal-text"),
            AppError::Unavailable => ("error-unavailable-title", "error-unavailable-text"),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(%error, "server function failed before reaching our code");
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
    let (title, text) = error.keys();
    view! {
        <crate::layout::PageTitle title=t(title)/>
        <div class="error-page">
            <h1>{t(title)}</h1>
            <p>{t(text)}</p>
            <p>
                <a href="/">{t("error-home-link")}</a>
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

    #[test]
    fn every_error_has_words_in_both_languages() {
        use crate::i18n::{message, Lang};
        for error in [AppError::NotFound, AppError::Internal, AppError::Unavailable] {
            let (title, text) = error.keys();
            for lang in Lang::ALL {
                for key in [title, text] {
                    assert_ne!(message(lang, key), key, "{key} missing in {lang:?}");
                }
            }
        }
    }
}
