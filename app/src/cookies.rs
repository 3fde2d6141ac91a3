//! The request's cookies and the response's (server only), with the `cookie` crate rather than our own
//! parser.

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

/// The value of the first cookie named one of `names` that the request sent.
pub fn value<'a>(headers: &'a http::HeaderMap, names: &[&str]) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|header| header.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| names.contains(&cookie.name()))
        .and_then(|cookie| cookie.value_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_others_and_ignores_malformed_ones() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(value(&headers, &["session"]), None);
        headers.append(http::header::COOKIE, "lang=fr; garbage; session=abc".parse().unwrap());
        headers.append(http::header::COOKIE, "other=1".parse().unwrap());
        assert_eq!(value(&headers, &["session"]), Some("abc"));
        assert_eq!(value(&headers, &["lang"]), Some("fr"));
        assert_eq!(value(&headers, &["other"]), Some("1"));
        assert_eq!(value(&headers, &["nothing"]), None);
    }
}
