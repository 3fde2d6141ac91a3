//! The browser bundle (cargo-leptos' `site_root/pkg`) is served under `/v/{hash}/pkg/…`, where the hash is
//! of the bundle's files: an address names one build's content for ever, so browsers may keep it a year
//! (`immutable`), and a new build has new addresses, so a page never pairs a cached old WebAssembly file
//! with new HTML (pages themselves are `no-cache`, `headers.rs`). One hash for the whole bundle rather than
//! one per file: the lazy chunks and their loader name each other by relative paths, which a shared folder
//! keeps right.

use axum::http::{header, HeaderValue};
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::{services::ServeDir, set_header::SetResponseHeader};

const A_YEAR: &str = "public, max-age=31536000, immutable";

/// `/v/{hash}`: the first 12 hex digits of the SHA-256 of the bundle's files (names and contents, the
/// pre-compressed copies aside); `/v/unbuilt` when there is no bundle (tests without a browser build).
pub fn root(site_root: &Path) -> String {
    let mut files: Vec<_> = std::fs::read_dir(site_root.join("pkg"))
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.retain(|path| path.is_file() && !path.extension().is_some_and(|ext| ext == "br" || ext == "gz"));
    if files.is_empty() {
        return "/v/unbuilt".to_string();
    }
    files.sort();
    let mut hash = Sha256::new();
    for path in &files {
        hash.update(path.file_name().unwrap_or_default().as_encoded_bytes());
        hash.update(std::fs::read(path).unwrap_or_default());
    }
    let digest = hash.finalize();
    format!("/v/{}", digest.iter().take(6).map(|byte| format!("{byte:02x}")).collect::<String>())
}

/// The bundle's files, brotli or gzip when the browser takes them (cargo-leptos `--precompress`), kept a year.
pub fn files(site_root: &Path) -> SetResponseHeader<ServeDir, HeaderValue> {
    let folder = ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip();
    SetResponseHeader::overriding(folder, header::CACHE_CONTROL, HeaderValue::from_static(A_YEAR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_changes_with_the_bundle_and_only_with_it() {
        let site = tempfile::tempdir().unwrap();
        assert_eq!(root(site.path()), "/v/unbuilt");
        std::fs::create_dir(site.path().join("pkg")).unwrap();
        std::fs::write(site.path().join("pkg/portail311.js"), "one").unwrap();
        let first = root(site.path());
        assert_eq!(first.len(), "/v/".len() + 12);
        std::fs::write(site.path().join("pkg/portail311.js.br"), "compressed").unwrap();
        assert_eq!(root(site.path()), first, "the compressed copies are the same content");
        std::fs::write(site.path().join("pkg/portail311.js"), "two").unwrap();
        assert_ne!(root(site.path()), first);
    }
}
