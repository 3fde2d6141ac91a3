//! Cross-site request forgery: a state-changing request (anything but GET, HEAD, OPTIONS) must come from
//! a page of this site. Browsers say where a request comes from in `Origin` (or, failing that,
//! `Sec-Fetch-Site`); a request that says another site, or says nothing, is refused with 403. This is
//! OWASP's "verify origin with standard headers" defence; the session cookie's SameSite=Lax is the second.
//! The SMS webhook is exempt: it is signed by the provider instead.

use axum::{
    extract::Request,
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

const EXEMPT: &[&str] = &["/sms/inbound"];

pub async fn same_origin_only(request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || EXEMPT.contains(&request.uri().path()) || from_this_site(&request) {
        return next.run(request).await;
    }
    tracing::warn!(path = request.uri().path(), "cross-site request refused");
    (StatusCode::FORBIDDEN, "cross-site request refused / requête intersite refusée").into_response()
}

fn from_this_site(request: &Request) -> bool {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()), host) {
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, rest)| rest == host),
        (Some(_), None) => false,
        (None, _) => headers.get("sec-fetch-site").is_some_and(|site| site == "same-origin"),
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
        let host = ("host", "311.example.ca");
        assert!(from_this_site(&request(&[host, ("origin", "https://311.example.ca")])));
        assert!(from_this_site(&request(&[host, ("sec-fetch-site", "same-origin")])));
        assert!(!from_this_site(&request(&[host, ("origin", "https://evil.example")])));
        assert!(!from_this_site(&request(&[host, ("origin", "https://311.example.ca.evil.example")])));
        assert!(!from_this_site(&request(&[host, ("origin", "null")])));
        assert!(!from_this_site(&request(&[host, ("sec-fetch-site", "cross-site")])));
        assert!(!from_this_site(&request(&[host])));
    }
}
