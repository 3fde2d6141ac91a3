//! Server side of the language choice: negotiation from the request, and the no-JavaScript switch.

use super::{bundles, cookie_value, Lang, Part, COOKIE};
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
    crate::cookies::value(headers, COOKIE).and_then(Lang::parse)
}

fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(Lang, f32)> = None;
    for entry in header.split(',').take(MAX_ACCEPTED_LANGUAGES) {
        let mut parts = entry.split(';');
        let Some(lang) = parts.next().and_then(Lang::from_tag) else {
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
    switched(&code, query.return_to.as_deref(), &[])
}

/// The switch to the language `code` (404 for another), back to `return_to` if it is a page of this site
/// (else home), with the language cookie and `cookies`.
pub(super) fn switched(code: &str, return_to: Option<&str>, cookies: &[String]) -> Response {
    let Some(lang) = Lang::parse(code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let target = return_to.filter(|path| crate::navigation::is_local_path(path)).unwrap_or("/");
    let mut response = Redirect::to(target).into_response();
    for cookie in std::iter::once(&cookie_value(lang)).chain(cookies) {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Where the browser fetches a part of a language's messages. The version in the address changes with the
/// messages, so the file can be cached for good.
pub fn locales_href(lang: Lang, part: Part) -> String {
    format!("/locales/{}/{}.{}.ftl", locales_version(), part.name(), lang.code())
}

fn locales_version() -> &'static str {
    use std::hash::{DefaultHasher, Hash, Hasher};
    static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let mut hasher = DefaultHasher::new();
        Lang::ALL.map(bundles::sources).hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    });
    &VERSION
}

/// `GET /locales/{version}/{part}.{code}.ftl`: a part of a language's messages for the browser. An address
/// with an old version (a page from before an update) gets today's messages, not to be kept.
pub async fn locales(Path((version, file)): Path<(String, String)>, headers: HeaderMap) -> Response {
    let Some((part, lang)) = file
        .strip_suffix(".ftl")
        .and_then(|name| name.split_once('.'))
        .and_then(|(part, code)| Some((Part::from_name(part)?, Lang::parse(code)?)))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = match version == locales_version() {
        true => "public, max-age=31536000, immutable",
        false => "no-cache",
    };
    let text = [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, cache)];
    match crate::encoding::accepts_brotli(&headers) {
        // Compressed once at brotli's best (a quarter smaller than the compression of pages on the fly).
        true => (text, [(header::CONTENT_ENCODING, "br"), (header::VARY, "accept-encoding")], compressed(lang, part))
            .into_response(),
        false => (text, [(header::VARY, "accept-encoding")], bundles::source(lang, part)).into_response(),
    }
}

fn compressed(lang: Lang, part: Part) -> &'static [u8] {
    static COMPRESSED: std::sync::LazyLock<[[Vec<u8>; 2]; 2]> = std::sync::LazyLock::new(|| {
        Lang::ALL.map(|lang| Part::ALL.map(|part| crate::encoding::brotli(bundles::source(lang, part).as_bytes(), 11)))
    });
    &COMPRESSED[bundles::index(lang)][part.index()]
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
    fn every_part_of_both_languages_shares_one_version() {
        let (fr, en) = (locales_href(Lang::Fr, Part::Shell), locales_href(Lang::En, Part::Pages));
        assert_eq!(fr.strip_suffix("/shell.fr.ftl"), en.strip_suffix("/pages.en.ftl"));
        assert!(fr.starts_with("/locales/") && fr.len() > "/locales//shell.fr.ftl".len(), "{fr}");
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
