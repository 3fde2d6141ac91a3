//! A few seconds' memory of the API's lists (`requests`, `servicerequestupdates`) and of the services and
//! their definitions. Open-data clients ask for the same default list again and again; a list of 1 000
//! requests costs tens of milliseconds of a core to read and write (docs/PERFORMANCE.md), and it changes
//! only when a request does; the services, never while the server runs. One entry per
//! address, format, language and parameters, kept `[open311] cache_seconds` (0: none); the first reader
//! of a missing or stale entry makes it while the others wait for it (no stampede when it expires); its
//! brotli copy is made once, by the first reader that accepts brotli. Answers are the same for everyone
//! (reads are anonymous), so one client's answer may serve another.

use super::format::Format;
use axum::{
    body::Bytes,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// Entries kept at most; past it, the stale ones go (then all, if every one is fresh).
const ENTRIES_MAX: usize = 1_000;
/// Answers smaller than this are not worth compressing here (the server's layer may still).
const COMPRESS_FROM: usize = 1_024;

/// A list answer as made once: its status and body, and its brotli copy once someone asked for it.
pub struct Answer {
    pub status: StatusCode,
    pub body: Bytes,
    brotli: OnceLock<Bytes>,
}

impl Answer {
    pub fn new(status: StatusCode, body: Vec<u8>) -> Answer {
        Answer { status, body: Bytes::from(body), brotli: OnceLock::new() }
    }

    /// The HTTP answer in `format`, compressed with brotli when the client accepts it (the server's
    /// compression layer leaves an answer that is already encoded alone).
    pub fn respond(&self, format: Format, accepts_brotli: bool) -> Response {
        let brotli = self.body.len() >= COMPRESS_FROM && accepts_brotli;
        let body = match brotli {
            // At the quality the server's layer uses for everything else.
            true => self.brotli.get_or_init(|| Bytes::from(crate::encoding::brotli(&self.body, 5))).clone(),
            false => self.body.clone(),
        };
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if brotli {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        }
        response
    }
}

#[derive(Clone)]
struct Entry {
    made: Instant,
    answer: Arc<OnceCell<Answer>>,
}

pub struct AnswerCache {
    keep: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

impl AnswerCache {
    pub fn new(seconds: u32) -> AnswerCache {
        AnswerCache { keep: Duration::from_secs(u64::from(seconds)), entries: Mutex::default() }
    }

    /// The answer kept under `key`, or the one `make` makes (and keeps, unless it fails: a failure is
    /// the answer for this reader only), in `format`, in brotli if the client `accepts_brotli`.
    pub async fn respond<F, Fut>(&self, key: String, format: Format, accepts_brotli: bool, make: F) -> Response
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Answer, Response>>,
    {
        let made = match self.keep.is_zero() {
            true => make().await.map(|answer| answer.respond(format, accepts_brotli)),
            false => self.entry(key).get_or_try_init(make).await.map(|answer| answer.respond(format, accepts_brotli)),
        };
        made.unwrap_or_else(|failed| failed)
    }

    /// The entry for `key`, fresh: a new empty one when there is none or it is stale.
    fn entry(&self, key: String) -> Arc<OnceCell<Answer>> {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        if let Some(entry) = entries.get(&key).filter(|entry| now.duration_since(entry.made) < self.keep) {
            return entry.answer.clone();
        }
        if entries.len() >= ENTRIES_MAX {
            entries.retain(|_, entry| now.duration_since(entry.made) < self.keep);
            if entries.len() >= ENTRIES_MAX {
                entries.clear();
            }
        }
        let entry = Entry { made: now, answer: Arc::new(OnceCell::new()) };
        entries.insert(key, entry.clone());
        entry.answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    async fn ask<F: std::future::Future<Output = Result<Answer, Response>>>(
        cache: &AnswerCache,
        key: &str,
        make: impl FnOnce() -> F,
    ) -> Response {
        cache.respond(key.into(), Format::Json, false, make).await
    }

    #[tokio::test]
    async fn an_answer_is_made_once_while_it_is_fresh_and_failures_are_not_kept() {
        let cache = AnswerCache::new(60);
        let made = AtomicUsize::new(0);
        let make = || async {
            made.fetch_add(1, Ordering::SeqCst);
            Ok(Answer::new(StatusCode::OK, b"[]".to_vec()))
        };
        let (one, two) = tokio::join!(ask(&cache, "a", make), ask(&cache, "a", make));
        assert_eq!((one.status(), two.status()), (StatusCode::OK, StatusCode::OK));
        assert_eq!(made.load(Ordering::SeqCst), 1, "two readers at once: made once");
        ask(&cache, "b", make).await;
        assert_eq!(made.load(Ordering::SeqCst), 2, "another key is another answer");
        let failing = || async { Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()) };
        let failed = cache.respond("c".into(), Format::Json, false, failing).await;
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
        ask(&cache, "c", make).await;
        assert_eq!(made.load(Ordering::SeqCst), 3, "a failure is not kept");

        let none = AnswerCache::new(0);
        ask(&none, "a", make).await;
        ask(&none, "a", make).await;
        assert_eq!(made.load(Ordering::SeqCst), 5, "cache_seconds = 0 keeps nothing");
    }

    #[test]
    fn brotli_only_for_clients_that_take_it_made_once() {
        let answer = Answer::new(StatusCode::OK, vec![b'x'; 4096]);
        let compressed = answer.respond(Format::Json, true);
        assert_eq!(compressed.headers()[header::CONTENT_ENCODING], "br");
        assert!(answer.brotli.get().unwrap().len() < 100);
        let plain = answer.respond(Format::Json, false);
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let small = Answer::new(StatusCode::OK, b"[]".to_vec()).respond(Format::Json, true);
        assert!(small.headers().get(header::CONTENT_ENCODING).is_none(), "not worth it");
    }
}
