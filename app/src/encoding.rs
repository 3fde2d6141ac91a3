//! (server) Answers the portal compresses itself, once, instead of on every request through the server's
//! compression layer (which leaves an answer that says its `Content-Encoding` alone): the messages the
//! browser fetches (`i18n::ssr`) and the Open311 API's kept lists (`open311::ssr::cache`).

use axum::http::{header, HeaderMap};
use std::io::Write;

/// Whether `Accept-Encoding` lists `br` (without `q=0`).
pub fn accepts_brotli(headers: &HeaderMap) -> bool {
    let Some(accepted) = headers.get(header::ACCEPT_ENCODING).and_then(|value| value.to_str().ok()) else {
        return false;
    };
    accepted.split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        parts.next() == Some("br") && !parts.any(|param| matches!(param, "q=0" | "q=0.0" | "q=0.00" | "q=0.000"))
    })
}

/// `bytes` compressed by brotli at `quality` (0–11).
pub fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
    writer.write_all(bytes).expect("writing to memory");
    drop(writer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(accept: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept).unwrap());
        map
    }

    #[test]
    fn brotli_is_sent_only_to_those_who_accept_it() {
        assert!(accepts_brotli(&headers("gzip, deflate, br, zstd")));
        assert!(accepts_brotli(&headers("br;q=0.5")));
        assert!(!accepts_brotli(&headers("gzip, br;q=0")));
        assert!(!accepts_brotli(&headers("gzip, brotli")));
        assert!(!accepts_brotli(&HeaderMap::new()));
        let text = "Nid-de-poule ".repeat(100);
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(text.as_bytes(), 5)[..], &mut unpacked).unwrap();
        assert_eq!(unpacked, text.as_bytes());
    }
}
