//! Headers that depend on who asks and how the site is served, added to every answer: a signed-in
//! person's pages, data and files are never stored by a browser or a proxy (a shared computer keeps
//! nothing after sign-out); anything else that does not say how long it keeps (pages, the site's icons
//! and scripts) is checked with the server before each use (`no-cache`), while the versioned bundle
//! (`bundle.rs`) and messages say a year; and over https browsers are told to use nothing else. The page's
//! Content-Security-Policy, which carries the render's nonce, is set by the shell (`app::shell`).

use app::accounts::ssr::sessions::CurrentSession;
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// A year, and the sub-domains: what a city's own https site can promise.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// `secure`: the public address is https.
pub async fn by_caller(State(secure): State<bool>, request: Request, next: Next) -> Response {
    let private = request.extensions().get::<CurrentSession>().is_some() && !is_static_file(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    if secure {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}

/// The bundle, stylesheet, scripts and icons: the same for everyone, so cached even for a signed-in
/// person. They are the only addresses whose last part has a dot (pages, references, drafts and files
/// have none).
fn is_static_file(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bundle_and_assets_are_static() {
        for path in ["/pkg/portail311.wasm", "/pkg/chunk_12.wasm", "/chat.css", "/favicon.svg", "/uploads.js"] {
            assert!(is_static_file(path), "{path}");
        }
        for path in ["/", "/account", "/requests/2026-000042", "/requests/files/abc_DEF-1", "/api/requests/mine"] {
            assert!(!is_static_file(path), "{path}");
        }
    }
}
