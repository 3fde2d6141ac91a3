//! Rate limits on what an attacker would repeat: signing in, registering, asking for a password link,
//! sending text messages, and, with a stolen staff session, looking residents up. Each is counted per client
//! address and per account (the e-mail address typed, whether or not it has an account, so that the answer
//! says nothing about it; or the agent). Counters live in memory: a restart forgets them, which only ever
//! lets a person in sooner.

use crate::errors::AppError;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;

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
}

/// A burst allowed at once, then one more every `every`.
struct Rule {
    burst: u32,
    every: Duration,
}

impl Action {
    const ALL: [Action; 7] = [
        Action::SignIn,
        Action::Register,
        Action::PasswordLink,
        Action::Sms,
        Action::Feedback,
        Action::FindCaller,
        Action::NewProfile,
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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_ip: Action::ALL.map(|a| (a, limiter(a.per_ip()))).into(),
            per_account: Action::ALL.map(|a| (a, limiter(a.per_account()))).into(),
        }
    }
}

impl Limits {
    /// Counts one attempt at `action` from `ip` for `account`; refuses with the wait when over the limit.
    pub fn check(&self, action: Action, ip: std::net::IpAddr, account: &str) -> Result<(), AppError> {
        let keyed = [(&self.per_ip, ip.to_string()), (&self.per_account, account.to_lowercase())];
        for (limiters, key) in keyed {
            let (_, limiter) = limiters.iter().find(|(a, _)| *a == action).expect("every action has limiters");
            if let Err(not_until) = limiter.check_key(&key) {
                let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
                return Err(AppError::TooManyAttempts { minutes: wait.as_secs().div_ceil(60).max(1) });
            }
        }
        Ok(())
    }

    /// Drops counters that have refilled, so memory follows current traffic, not all traffic ever.
    pub fn forget_idle(&self) {
        for (_, limiter) in self.per_ip.iter().chain(&self.per_account) {
            limiter.retain_recent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_is_limited_per_account_with_the_wait_in_minutes() {
        let limits = Limits::default();
        let ip = "192.0.2.1".parse().unwrap();
        for _ in 0..5 {
            assert_eq!(limits.check(Action::SignIn, ip, "marie@example.ca"), Ok(()));
        }
        assert_eq!(limits.check(Action::SignIn, ip, "MARIE@example.ca"), Err(AppError::TooManyAttempts { minutes: 3 }));
        // Another account from the same address is still allowed.
        assert_eq!(limits.check(Action::SignIn, ip, "paul@example.ca"), Ok(()));
    }

    #[test]
    fn one_address_cannot_try_many_accounts() {
        let limits = Limits::default();
        let ip = "192.0.2.2".parse().unwrap();
        for n in 0..10 {
            assert_eq!(limits.check(Action::Register, ip, &format!("person{n}@example.ca")), Ok(()));
        }
        assert!(limits.check(Action::Register, ip, "another@example.ca").is_err());
    }
}
