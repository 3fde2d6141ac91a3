//! Rate limits on what an attacker would repeat: signing in, registering, asking for a password link,
//! sending text messages, and, with a stolen staff session, looking residents up. Each is counted per client
//! address and per account (the e-mail address typed, whether or not it has an account, so that the answer
//! says nothing about it; or the agent). An IPv6 client is counted by its /64, the block one household or
//! one attacker's machine gets. Registrations and password links also have a city-wide ceiling per hour,
//! so that many addresses together cannot make the portal mail strangers at volume. Counters live in
//! memory, at most [`KEYS_MAX`] per limit: a restart forgets them, which only ever lets a person in sooner.
//! With several instances ([`SharedCounters`], the database), the counters that protect an account or the
//! city — per account and city-wide — are shared, so that an attacker gains nothing from reaching
//! another instance; per-address bursts stay each instance's own.

use crate::errors::AppError;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// Counters every instance shares (the database's `rate_limits`), each a "generic cell rate" bucket: a
/// theoretical arrival time in milliseconds.
#[async_trait::async_trait]
pub trait SharedCounters: Send + Sync {
    /// Takes `cost_ms` from bucket `key`, which holds at most `capacity_ms`; `Some(wait_ms)` when it
    /// cannot, and then takes nothing.
    async fn take(&self, key: &str, now_ms: i64, cost_ms: i64, capacity_ms: i64) -> anyhow::Result<Option<i64>>;
}

/// Counters one limit keeps before it drops the refilled ones; if all are live (an attack from very many
/// addresses or for very many accounts), the action waits until they refill rather than memory growing.
const KEYS_MAX: usize = 100_000;

/// What is limited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    SignIn,
    Register,
    PasswordLink,
    Sms,
    /// Portal feedback, which anyone may send signed out.
    Feedback,
    /// Agents: find-the-caller, and profiles made for callers. Generous for a busy agent; a stolen staff
    /// session cannot walk the residents' list at speed.
    FindCaller,
    NewProfile,
    /// Starting a request: a draft (and up to 50 MB of files with it) that anyone may make signed out.
    StartDraft,
    /// Staff typing the code of their authenticator app: six digits are guessed only slowly.
    SecondFactor,
    /// Files sent, counted in megabytes (each upload at least one): a resident sends a few photos, an agent
    /// an e-mail's attachments; nobody fills the disk.
    UploadMegabytes,
}

/// A burst allowed at once, then one more every `every`.
struct Rule {
    burst: u32,
    every: Duration,
}

impl Action {
    const ALL: [Action; 10] = [
        Action::SignIn,
        Action::Register,
        Action::PasswordLink,
        Action::Sms,
        Action::Feedback,
        Action::FindCaller,
        Action::NewProfile,
        Action::StartDraft,
        Action::SecondFactor,
        Action::UploadMegabytes,
    ];

    fn per_ip(self) -> Rule {
        match self {
            // A household or an office shares an address: generous per address, strict per account.
            Action::SignIn => Rule { burst: 30, every: Duration::from_secs(30) },
            Action::Register | Action::PasswordLink => Rule { burst: 10, every: Duration::from_secs(6 * 60) },
            Action::Sms => Rule { burst: 10, every: Duration::from_secs(6 * 60) },
            Action::Feedback => Rule { burst: 20, every: Duration::from_secs(3 * 60) },
            // A contact centre behind one address: several agents' worth.
            Action::FindCaller => Rule { burst: 600, every: Duration::from_millis(200) },
            Action::NewProfile => Rule { burst: 100, every: Duration::from_secs(6) },
            // A resident starts one or two; a contact centre of agents filing for callers, several a minute.
            Action::StartDraft => Rule { burst: 60, every: Duration::from_secs(10) },
            Action::SecondFactor => Rule { burst: 30, every: Duration::from_secs(30) },
            // 500 MB an hour from one address: a contact centre's agents adding e-mailed attachments.
            Action::UploadMegabytes => Rule { burst: 500, every: Duration::from_millis(7200) },
        }
    }

    /// The whole portal's ceiling, for what sends e-mail to an address anyone may type. A city of 170 000
    /// sees a few dozen registrations an hour on a busy day.
    fn city_wide(self) -> Option<Rule> {
        match self {
            Action::Register | Action::PasswordLink => {
                Some(Rule { burst: 500, every: Duration::from_secs(3600 / 500) })
            }
            _ => None,
        }
    }

    fn per_account(self) -> Rule {
        match self {
            Action::SignIn => Rule { burst: 5, every: Duration::from_secs(3 * 60) },
            Action::Register | Action::PasswordLink => Rule { burst: 3, every: Duration::from_secs(20 * 60) },
            Action::Sms => Rule { burst: 3, every: Duration::from_secs(20 * 60) },
            Action::Feedback => Rule { burst: 10, every: Duration::from_secs(6 * 60) },
            Action::FindCaller => Rule { burst: 60, every: Duration::from_secs(2) },
            Action::NewProfile => Rule { burst: 20, every: Duration::from_secs(60) },
            // Per resident or agent (per address for a resident signed out).
            Action::StartDraft => Rule { burst: 20, every: Duration::from_secs(60) },
            // Five tries, then one every five minutes: under 300 guesses a day against a million codes.
            Action::SecondFactor => Rule { burst: 5, every: Duration::from_secs(5 * 60) },
            // 150 MB an hour per account (per draft signed out): three full drafts' worth of files.
            Action::UploadMegabytes => Rule { burst: 150, every: Duration::from_secs(24) },
        }
    }
}

fn limiter(rule: Rule) -> DefaultKeyedRateLimiter<String> {
    let burst = NonZeroU32::new(rule.burst).expect("bursts are positive");
    RateLimiter::keyed(Quota::with_period(rule.every).expect("periods are positive").allow_burst(burst))
}

pub struct Limits {
    per_ip: Vec<(Action, DefaultKeyedRateLimiter<String>)>,
    per_account: Vec<(Action, DefaultKeyedRateLimiter<String>)>,
    city_wide: Vec<(Action, DefaultKeyedRateLimiter<String>)>,
    /// Where per-account and city-wide counts go when several instances run; in memory when `None`.
    shared: Option<Arc<dyn SharedCounters>>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_ip: Action::ALL.map(|a| (a, limiter(a.per_ip()))).into(),
            per_account: Action::ALL.map(|a| (a, limiter(a.per_account()))).into(),
            city_wide: Action::ALL.into_iter().filter_map(|a| Some((a, limiter(a.city_wide()?)))).collect(),
            shared: None,
        }
    }
}

/// The key a client is counted under: its IPv4 address, or the /64 of its IPv6 one (an IPv4 address
/// written as IPv6 is the IPv4 one).
pub(crate) fn client_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
            }
        },
    }
}

impl Limits {
    /// Limits whose per-account and city-wide counts are `shared` by every instance.
    pub fn shared(shared: Arc<dyn SharedCounters>) -> Limits {
        Limits { shared: Some(shared), ..Limits::default() }
    }

    /// Counts one attempt at `action` from `ip` for `account`; refuses with the wait when over the limit.
    pub async fn check(&self, action: Action, ip: std::net::IpAddr, account: &str) -> Result<(), AppError> {
        self.check_n(action, ip, account, 1).await
    }

    /// Counts `cost` units of `action` at once (megabytes of an upload).
    pub async fn check_n(
        &self,
        action: Action,
        ip: std::net::IpAddr,
        account: &str,
        cost: u32,
    ) -> Result<(), AppError> {
        let cost = NonZeroU32::new(cost).unwrap_or(NonZeroU32::MIN);
        let Some(shared) = &self.shared else {
            let keyed = [
                (&self.per_ip, client_key(ip)),
                (&self.per_account, account.to_lowercase()),
                (&self.city_wide, String::new()),
            ];
            return keyed.into_iter().try_for_each(|(limiters, key)| Self::in_memory(limiters, action, &key, cost));
        };
        Self::in_memory(&self.per_ip, action, &client_key(ip), cost)?;
        let rules = [(Some(action.per_account()), account.to_lowercase()), (action.city_wide(), "*".to_string())];
        for (rule, key) in rules {
            let Some(rule) = rule else { continue };
            let every = i64::try_from(rule.every.as_millis()).unwrap_or(i64::MAX);
            let (cost_ms, capacity_ms) = (every * i64::from(cost.get()), every * i64::from(rule.burst));
            let now_ms = jiff::Timestamp::now().as_millisecond();
            let key = format!("{action:?} {key}");
            if let Some(wait) = shared.take(&key, now_ms, cost_ms, capacity_ms).await? {
                let minutes = u64::try_from(wait).unwrap_or(0).div_ceil(60_000).max(1);
                return Err(AppError::TooManyAttempts { minutes });
            }
        }
        Ok(())
    }

    /// One in-memory limit of `action`, for `key`.
    fn in_memory(
        limiters: &[(Action, DefaultKeyedRateLimiter<String>)],
        action: Action,
        key: &str,
        cost: NonZeroU32,
    ) -> Result<(), AppError> {
        // Only some actions have a city-wide ceiling.
        let Some((_, limiter)) = limiters.iter().find(|(a, _)| *a == action) else { return Ok(()) };
        if limiter.len() >= KEYS_MAX {
            limiter.retain_recent();
            if limiter.len() >= KEYS_MAX {
                return Err(AppError::TooManyAttempts { minutes: 1 });
            }
        }
        let wait = match limiter.check_key_n(&key.to_string(), cost) {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(not_until)) => not_until.wait_time_from(governor::clock::DefaultClock::default().now()),
            // More at once than the limit ever allows (the upload's size is capped well below).
            Err(_) => action.per_account().every * action.per_account().burst,
        };
        Err(AppError::TooManyAttempts { minutes: wait.as_secs().div_ceil(60).max(1) })
    }

    /// Drops counters that have refilled, so memory follows current traffic, not all traffic ever.
    pub fn forget_idle(&self) {
        for (_, limiter) in self.per_ip.iter().chain(&self.per_account).chain(&self.city_wide) {
            limiter.retain_recent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sign_in_is_limited_per_account_with_the_wait_in_minutes() {
        let limits = Limits::default();
        let ip = "192.0.2.1".parse().unwrap();
        for _ in 0..5 {
            assert_eq!(limits.check(Action::SignIn, ip, "marie@example.ca").await, Ok(()));
        }
        assert_eq!(
            limits.check(Action::SignIn, ip, "MARIE@example.ca").await,
            Err(AppError::TooManyAttempts { minutes: 3 })
        );
        // Another account from the same address is still allowed.
        assert_eq!(limits.check(Action::SignIn, ip, "paul@example.ca").await, Ok(()));
    }

    #[tokio::test]
    async fn one_address_cannot_try_many_accounts() {
        let limits = Limits::default();
        let ip = "192.0.2.2".parse().unwrap();
        for n in 0..10 {
            assert_eq!(limits.check(Action::Register, ip, &format!("person{n}@example.ca")).await, Ok(()));
        }
        assert!(limits.check(Action::Register, ip, "another@example.ca").await.is_err());
    }

    #[tokio::test]
    async fn an_ipv6_client_is_one_64_block() {
        let limits = Limits::default();
        for n in 0..10 {
            let ip = format!("2001:db8:1:2::{n:x}").parse().unwrap();
            assert_eq!(limits.check(Action::Register, ip, &format!("p{n}@example.ca")).await, Ok(()));
        }
        // Another address of the same /64 is the same client; the next /64 is another.
        let same = "2001:db8:1:2:ffff::1".parse().unwrap();
        assert!(limits.check(Action::Register, same, "q@example.ca").await.is_err());
        assert_eq!(limits.check(Action::Register, "2001:db8:1:3::1".parse().unwrap(), "r@example.ca").await, Ok(()));
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
    }

    #[tokio::test]
    async fn uploads_are_counted_in_megabytes() {
        let limits = Limits::default();
        let ip = "192.0.2.3".parse().unwrap();
        for _ in 0..15 {
            assert_eq!(limits.check_n(Action::UploadMegabytes, ip, "draft-a", 10).await, Ok(()));
        }
        assert!(limits.check_n(Action::UploadMegabytes, ip, "draft-a", 1).await.is_err(), "150 MB for one draft");
        assert_eq!(limits.check_n(Action::UploadMegabytes, ip, "draft-b", 10).await, Ok(()));
    }

    #[tokio::test]
    async fn registrations_have_a_city_wide_ceiling() {
        let limits = Limits::default();
        for n in 0..500u32 {
            let ip = std::net::Ipv4Addr::from(0x0a00_0000 + n).into();
            assert_eq!(limits.check(Action::Register, ip, &format!("p{n}@example.ca")).await, Ok(()), "{n}");
        }
        let fresh = "192.0.2.99".parse().unwrap();
        assert!(limits.check(Action::Register, fresh, "new@example.ca").await.is_err());
        // Signing in has no such ceiling.
        assert_eq!(limits.check(Action::SignIn, fresh, "new@example.ca").await, Ok(()));
    }
}
