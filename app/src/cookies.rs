//! Reading the request's cookies (server only), with the `cookie` crate's parser rather than our own.

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
