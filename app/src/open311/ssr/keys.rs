//! Clients' API keys. The city's IT team makes one per client (`server create-api-key --name FixMyStreet`),
//! which is shown once; the database keeps its SHA-256 (`tokens::hash`), so a copy of the database files
//! nothing. A POST names its key; an unknown or revoked one is refused (403), and each key has its own
//! rate (requests a minute), counted in memory.

use crate::accounts::ssr::{tokens, AccountId};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;

/// A key in use, as a POST finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKey {
    pub id: i64,
    pub name: KeyName,
    pub rate_per_minute: NonZeroU32,
    /// The profile its requests are filed as when they name no reporter.
    pub account: AccountId,
}

/// A key as `server list-api-keys` shows it.
#[derive(Clone, Debug)]
pub struct KeyListing {
    pub key: ApiKey,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    /// Requests filed with it.
    pub requests: u64,
}

/// A client's name: 1–100 printable characters, trimmed. It names the key's profile and, for staff,
/// where a request came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyName(String);

impl KeyName {
    pub fn parse(input: &str) -> Option<KeyName> {
        let name = input.trim();
        let fits = (1..=100).contains(&name.chars().count()) && !name.chars().any(char::is_control);
        fits.then(|| KeyName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new key: what the client is given, and what the database keeps.
pub struct NewKey {
    pub secret: String,
    pub hash: Vec<u8>,
}

impl NewKey {
    pub fn generate() -> NewKey {
        let secret = tokens::new_token();
        NewKey { hash: tokens::hash(&secret), secret }
    }
}

/// The key a POST sent, as the database looks it up; `None` when it sent none (or an empty one).
pub fn lookup_hash(sent: Option<&str>) -> Option<Vec<u8>> {
    sent.map(str::trim).filter(|key| !key.is_empty() && key.len() <= 200).map(tokens::hash)
}

/// Each key's own limiter, made the first time it is used.
#[derive(Default)]
pub struct KeyLimits(Mutex<HashMap<i64, DefaultDirectRateLimiter>>);

impl KeyLimits {
    /// Counts a POST with `key`; false when it is over the key's rate.
    pub fn may_file(&self, key: &ApiKey) -> bool {
        let mut limiters = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let limiter =
            limiters.entry(key.id).or_insert_with(|| RateLimiter::direct(Quota::per_minute(key.rate_per_minute)));
        limiter.check().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: i64, rate: u32) -> ApiKey {
        ApiKey {
            id,
            name: KeyName::parse("FixMyStreet").unwrap(),
            rate_per_minute: NonZeroU32::new(rate).unwrap(),
            account: AccountId(1),
        }
    }

    #[test]
    fn each_key_has_its_own_rate() {
        let limits = KeyLimits::default();
        let (slow, fast) = (key(1, 2), key(2, 5));
        assert!(limits.may_file(&slow) && limits.may_file(&slow));
        assert!(!limits.may_file(&slow), "the third POST in a minute is over a rate of 2");
        assert!((0..5).all(|_| limits.may_file(&fast)), "another key is counted apart");
    }

    #[test]
    fn names_and_keys_are_checked() {
        assert_eq!(KeyName::parse("  FixMyStreet ").unwrap().as_str(), "FixMyStreet");
        assert!(KeyName::parse(" ").is_none());
        assert!(KeyName::parse(&"x".repeat(101)).is_none());
        assert!(KeyName::parse("a\nb").is_none());
        let made = NewKey::generate();
        assert_eq!(lookup_hash(Some(&format!(" {} ", made.secret))), Some(made.hash));
        assert_eq!(lookup_hash(Some("")), None);
        assert_eq!(lookup_hash(None), None);
    }
}
