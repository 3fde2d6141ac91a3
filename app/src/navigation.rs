//! Where the portal may send a browser back to after an action (language switch, sign-in): only a path
//! on this site, never another site's address, so that a crafted link cannot bounce residents elsewhere.

pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/search?q=nid%20de%20poule"));
        assert!(is_local_path("/requests/drafts/abc/review"));
        for bad in ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "/a\nb"] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}
