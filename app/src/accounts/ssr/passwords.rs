//! Passwords (NIST SP 800-63B): at least 12 characters and no composition rules, but not one of the
//! 30 000 most common passwords (alone, or with digits and symbols around it), not the account's e-mail
//! or name. Stored as argon2id with OWASP's parameters, hashed on a blocking thread so that the async
//! workers keep serving pages meanwhile.

use crate::accounts::model::{PASSWORD_MAX, PASSWORD_MIN};
use crate::catalogue::fold;
use crate::errors::Problem;
use argon2::{password_hash::SaltString, Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier};
use std::collections::HashSet;
use std::sync::LazyLock;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common-passwords.txt").lines().filter(|line| !line.starts_with('#') && !line.is_empty()).collect()
});

/// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// Runs argon2 work on a blocking thread, at most as many at once as the machine has cores: each takes
/// 19 MiB, so a burst of sign-ins queues here instead of taking the server's memory (and the other
/// requests' threads) with it.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
    static AT_ONCE: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get))
    });
    let _permit = AT_ONCE.acquire().await?;
    Ok(tokio::task::spawn_blocking(work).await?)
}

/// Checks a new password against the rules; `personal` holds the account's e-mail and name.
pub fn check_new(password: &str, personal: &[&str]) -> Result<(), Problem> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return Err(Problem::PasswordTooShort);
    }
    if length > PASSWORD_MAX {
        return Err(Problem::PasswordTooLong);
    }
    if is_common(password) {
        return Err(Problem::PasswordCommon);
    }
    let folded = squeeze(password);
    let personal_words = personal.iter().flat_map(|p| {
        // The whole e-mail, its local part, the whole name.
        [squeeze(p), squeeze(p.split('@').next().unwrap_or_default())]
    });
    for word in personal_words.filter(|w| w.len() >= 4) {
        if folded.contains(&word) && folded.len() < word.len() + 6 {
            return Err(Problem::PasswordPersonal);
        }
    }
    Ok(())
}

/// Letters and digits only, lower case, no accents: "Marie-Ève" and "marieeve" are the same word.
fn squeeze(text: &str) -> String {
    fold(text).split_whitespace().collect()
}

/// A common password, repeated, or with only digits and symbols around it ("Password2024!").
fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let chars: Vec<char> = lower.chars().collect();
    let repeated =
        (1..=chars.len() / 2).any(|n| chars.len().is_multiple_of(n) && chars.chunks(n).all(|c| c == &chars[..n]));
    COMMON.contains(lower.as_str()) || (core.chars().count() >= 4 && COMMON.contains(core)) || repeated
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|error| anyhow::anyhow!("a random salt: {error}"))?;
    hashing(move || {
        let salt = SaltString::encode_b64(&salt)?;
        argon2().hash_password(password.as_bytes(), &salt).map(|hash| hash.to_string())
    })
    .await?
    .map_err(|error| anyhow::anyhow!("hashing a password: {error}"))
}

/// Whether `password` matches `hash`. Without a hash (no account, or no password yet) it checks against a
/// made-up one, so that the answer takes as long whether or not the account exists.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    static DECOY: LazyLock<String> = LazyLock::new(|| {
        let salt = SaltString::encode_b64(b"portail311-decoy").expect("a valid salt");
        argon2().hash_password(b"not a password anyone has", &salt).expect("hashing works").to_string()
    });
    let exists = hash.is_some();
    // On the blocking thread too: the first use of the decoy hashes it.
    hashing(move || {
        let hash = hash.unwrap_or_else(|| DECOY.clone());
        let Ok(parsed) = PasswordHash::new(&hash) else { return false };
        argon2().verify_password(password.as_bytes(), &parsed).is_ok()
    })
    .await
    .unwrap_or(false)
        && exists
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_at_once_than_cores() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        static NOW: AtomicUsize = AtomicUsize::new(0);
        static MOST: AtomicUsize = AtomicUsize::new(0);
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        let tasks: Vec<_> = (0..cores * 4)
            .map(|_| {
                tokio::spawn(hashing(|| {
                    MOST.fetch_max(NOW.fetch_add(1, SeqCst) + 1, SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    NOW.fetch_sub(1, SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        // Other tests may hold permits meanwhile: never more than the cores, whatever they do.
        let most = MOST.load(SeqCst);
        assert!((1..=cores).contains(&most), "{most} at once on {cores} cores");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(check_new("éééééééééé1", &[]), Err(Problem::PasswordTooShort));
        assert_eq!(check_new("ééééé ééééé ééx", &[]), Ok(()));
        assert_eq!(check_new(&"x".repeat(257), &[]), Err(Problem::PasswordTooLong));
    }

    #[test]
    fn common_passwords_are_refused_even_dressed_up() {
        for common in ["qwertyuiop123", "Password2024!", "1qaz2wsx3edc", "iloveyou1234", "abcabcabcabc", "aaaaaaaaaaaa"]
        {
            assert_eq!(check_new(common, &[]), Err(Problem::PasswordCommon), "{common}");
        }
        assert_eq!(check_new("lampadaire vert du lac Ramsey", &[]), Ok(()));
    }

    #[test]
    fn the_accounts_email_and_name_are_refused() {
        let personal = ["marie.tremblay@example.ca", "Marie Tremblay"];
        for bad in ["marie.tremblay@example.ca", "MarieTremblay1", "marie.tremblay!"] {
            assert_eq!(check_new(bad, &personal), Err(Problem::PasswordPersonal), "{bad}");
        }
        assert_eq!(check_new("Marie aime le lac Ramsey en hiver", &personal), Ok(()));
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hash = hash("lampadaire vert du lac".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify("lampadaire vert du lac".into(), Some(hash.clone())).await);
        assert!(!verify("lampadaire vert du parc".into(), Some(hash)).await);
        assert!(!verify("not a password anyone has".into(), None).await);
    }
}
