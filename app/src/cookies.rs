//! The request's cookies and the response's (server only), with the `cookie` crate rather than our own
//! parser.

/// A cookie that says who the browser is (the session, the chat): `__Host-name` over https (Secure, for
/// the whole site, set by this host only, so a neighbouring sub-domain cannot plant one), plain `name`
/// over http (a developer's machine). Only the name that fits the site is read: over https a plain
/// cookie planted beside the `__Host-` one (cookie tossing, session fixation) is never looked at.
pub struct SiteCookie {
    pub plain: &'static str,
    pub host_only: &'static str,
}

impl SiteCookie {
    pub fn name(&self, secure: bool) -> &'static str {
        if secure {
            self.host_only
        } else {
            self.plain
        }
    }

    pub fn read<'a>(&self, headers: &'a http::HeaderMap, secure: bool) -> Option<&'a str> {
        value(headers, self.name(secure))
    }

    /// Sets it on the response being written (edge only); a `max_age` of 0 clears it.
    pub fn put(&self, value: &str, max_age: i64, secure: bool) {
        put(self.name(secure), value, max_age, secure)
    }
}

/// Sets an HttpOnly, SameSite=Lax cookie for the whole site on the response being written (edge only);
/// `Secure` over https. A `max_age` of 0 clears it.
pub fn put(name: &str, value: &str, max_age: i64, secure: bool) {
    let cookie = cookie::Cookie::build((name, value))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age))
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .build();
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The value of the first cookie named `name` that the request sent.
pub fn value<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|header| header.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .and_then(|cookie| cookie.value_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_others_and_ignores_malformed_ones() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(value(&headers, "session"), None);
        headers.append(http::header::COOKIE, "lang=fr; garbage; session=abc".parse().unwrap());
        headers.append(http::header::COOKIE, "other=1".parse().unwrap());
        assert_eq!(value(&headers, "session"), Some("abc"));
        assert_eq!(value(&headers, "lang"), Some("fr"));
        assert_eq!(value(&headers, "other"), Some("1"));
        assert_eq!(value(&headers, "nothing"), None);
    }

    #[test]
    fn over_https_only_the_host_only_cookie_is_read() {
        let session = SiteCookie { plain: "session", host_only: "__Host-session" };
        let mut headers = http::HeaderMap::new();
        // A plain cookie planted first (by a sub-domain, or over http) must not win.
        headers.append(http::header::COOKIE, "session=planted; __Host-session=mine".parse().unwrap());
        assert_eq!(session.read(&headers, true), Some("mine"));
        assert_eq!(session.read(&headers, false), Some("planted"));
        let mut planted_only = http::HeaderMap::new();
        planted_only.append(http::header::COOKIE, "session=planted".parse().unwrap());
        assert_eq!(session.read(&planted_only, true), None);
    }
}
