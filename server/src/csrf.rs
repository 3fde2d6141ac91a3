//! Cross-site request forgery: a state-changing request (anything but GET, HEAD, OPTIONS) must come from
//! a page of this site. Browsers say where a request comes from in `Origin` (or, failing that,
//! `Sec-Fetch-Site`); `Origin` must be the configured public address's origin exactly, scheme and port
//! included (an http page of the same host, or another host the proxy also answers for, is another
//! site). A request that says another site, or says nothing, is refused with 403. This is OWASP's
//! "verify origin with standard headers" defence; the session cookie's SameSite=Lax is the second. The
//! SMS webhook is exempt: it is signed by the provider instead; so are the Open311 API's POST requests,
//! which carry their client's key and read no cookie.

use axum::{
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

const EXEMPT: &[&str] = &["/sms/inbound", "/open311/v2/requests.json", "/open311/v2/requests.xml"];

/// The origin browsers send for pages of `public_url` (`https://311.example.ca`, no path).
pub fn origin_of(public_url: &str) -> String {
    let (scheme, rest) = public_url.split_once("://").unwrap_or(("http", public_url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
}

/// `origin`: [`origin_of`] the public address.
pub async fn same_origin_only(State(origin): State<std::sync::Arc<str>>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || EXEMPT.contains(&request.uri().path()) || from_this_site(&request, &origin) {
        return next.run(request).await;
    }
    tracing::warn!(path = request.uri().path(), "cross-site request refused");
    (StatusCode::FORBIDDEN, "cross-site request refused / requête intersite refusée").into_response()
}

fn from_this_site(request: &Request, origin: &str) -> bool {
    let headers = request.headers();
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        Some(sent) => sent.eq_ignore_ascii_case(origin),
        None => headers.get("sec-fetch-site").is_some_and(|site| site == "same-origin"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method("POST").uri("/api/sign_in");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_this_sites_pages_may_post() {
        let origin = origin_of("https://311.Example.ca/portal/");
        assert_eq!(origin, "https://311.example.ca");
        let ours = |headers: &[(&str, &str)]| from_this_site(&request(headers), &origin);
        assert!(ours(&[("origin", "https://311.example.ca")]));
        assert!(ours(&[("sec-fetch-site", "same-origin")]));
        // The same host over http, on another port, a look-alike, another site, nothing.
        assert!(!ours(&[("origin", "http://311.example.ca")]));
        assert!(!ours(&[("origin", "https://311.example.ca:8443")]));
        assert!(!ours(&[("origin", "https://311.example.ca.evil.example")]));
        assert!(!ours(&[("origin", "https://evil.example"), ("host", "evil.example")]));
        assert!(!ours(&[("origin", "null")]));
        assert!(!ours(&[("sec-fetch-site", "cross-site")]));
        assert!(!ours(&[]));
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }
}
