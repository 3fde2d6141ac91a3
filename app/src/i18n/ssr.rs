//! Server side of the language choice: negotiation from the request, and the no-JavaScript switch.

use super::{cookie_value, Lang, COOKIE};
use axum::{
    extract::{Path, Query},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// Headers longer than this are not read further: nobody sends 32 languages.
const MAX_ACCEPTED_LANGUAGES: usize = 32;

/// The language for this request: the `lang` cookie, then `Accept-Language`, then English.
/// Anything unknown or malformed is ignored, never an error.
pub fn negotiate(headers: &HeaderMap) -> Lang {
    cookie_lang(headers).or_else(|| accept_language(headers)).unwrap_or_default()
}

/// The language of the request being rendered (from the request parts leptos_axum provides).
pub fn request_lang() -> Lang {
    leptos::prelude::use_context::<http::request::Parts>().map(|parts| negotiate(&parts.headers)).unwrap_or_default()
}

fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    crate::ssr::cookie(headers, &[COOKIE]).and_then(|value| match value {
        "fr" => Some(Lang::Fr),
        "en" => Some(Lang::En),
        _ => None,
    })
}

fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(Lang, f32)> = None;
    for entry in header.split(',').take(MAX_ACCEPTED_LANGUAGES) {
        let mut parts = entry.split(';');
        let Some(lang) = parts.next().and_then(Lang::parse) else {
            continue;
        };
        let quality = parts
            .find_map(|param| param.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q)));
        // A malformed or zero quality means "not this one".
        let Some(quality) = quality.filter(|q| *q > 0.0) else {
            continue;
        };
        if best.is_none_or(|(_, best_quality)| quality > best_quality) {
            best = Some((lang, quality));
        }
    }
    best.map(|(lang, _)| lang)
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    #[serde(rename = "return")]
    return_to: Option<String>,
}

/// `GET /language/{code}?return=/path`: the language switch for browsers without JavaScript.
pub async fn switch_language(Path(code): Path<String>, Query(query): Query<SwitchQuery>) -> Response {
    let Some(lang) = Lang::parse(&code).filter(|lang| lang.code() == code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let target = query.return_to.filter(|path| crate::navigation::is_local_path(path)).unwrap_or_else(|| "/".into());
    let mut response = Redirect::to(&target).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&cookie_value(lang)) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn cookie_wins_over_accept_language() {
        let h = headers(&[("cookie", "a=1; lang=fr"), ("accept-language", "en-CA,en;q=0.9")]);
        assert_eq!(negotiate(&h), Lang::Fr);
    }

    #[test]
    fn accept_language_quality_decides() {
        assert_eq!(negotiate(&headers(&[("accept-language", "de-DE, en;q=0.5, fr-CA;q=0.8")])), Lang::Fr);
        assert_eq!(negotiate(&headers(&[("accept-language", "fr;q=0, en;q=0.1")])), Lang::En);
        assert_eq!(negotiate(&headers(&[("accept-language", "fr-CA")])), Lang::Fr);
    }

    #[test]
    fn unknown_or_malformed_falls_back_to_english() {
        assert_eq!(negotiate(&headers(&[("cookie", "lang=klingon"), ("accept-language", "tlh;q=abc")])), Lang::En);
        assert_eq!(negotiate(&headers(&[("accept-language", "fr;q=7")])), Lang::En);
        assert_eq!(negotiate(&HeaderMap::new()), Lang::En);
        let absurd = "xx;q=0.1,".repeat(10_000) + "fr";
        assert_eq!(negotiate(&headers(&[("accept-language", &absurd)])), Lang::En);
    }
}
