//! Telling residents about their request: the receipt when it is submitted, then when work starts, when it
//! ends, and what staff write to them. Server only.
//!
//! A submission writes its receipt, and a staff change its notifications, in the same transaction as the
//! request or the event (one row per person to tell), so none is lost. This worker sends the rows that are due and marks each one sent; a failure is
//! retried with back-off. Each message carries a stable id made from its row (the e-mail's Message-ID,
//! the outbox file's name), so the one case that can repeat a message — the process stopping between the
//! provider accepting it and the row being marked — writes the same message again, not a second one.

use crate::accounts::model::Channel;
use crate::accounts::ssr::{mail, now, AccountId, Accounts};
use crate::catalogue::{Catalogue, Code};
use crate::i18n::{Arg, Lang};
use crate::lifecycle::model::Status;
use crate::lifecycle::ssr::StoredKind;
use crate::requests::model::Reference;
use crate::routes;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// A notification due to be sent, with what its message needs.
#[derive(Clone, Debug)]
pub struct Due {
    pub id: i64,
    pub attempts: u32,
    pub account_id: AccountId,
    pub reference: Reference,
    pub service: Code,
    pub address: String,
    pub what: Notice,
    /// The note the resident may read (empty for an internal note).
    pub note: String,
}

/// What a notification tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The request was received: its reference, and the survey.
    Receipt,
    /// Something happened to it: an event of its timeline.
    Event(StoredKind),
}

/// What became of one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Sent {
        channel: Channel,
    },
    /// The account asked for no messages, or was closed.
    Skipped,
    /// Failed; tried again at `at` (Unix seconds).
    Retry {
        error: String,
        at: i64,
    },
    /// Failed [`MAX_ATTEMPTS`] times: left for an administrator to look at.
    Failed {
        error: String,
    },
}

#[async_trait::async_trait]
pub trait NotificationStore: Send + Sync {
    /// Claims pending notifications whose time has come, oldest first, until `until`: no other worker
    /// (on this instance or another on the same database) gets them before then. [`Self::finish`] ends
    /// the claim; a worker killed while sending leaves its claim to lapse, and they go out after it.
    async fn claim(&self, now: i64, until: i64, limit: u32) -> anyhow::Result<Vec<Due>>;
    async fn finish(&self, id: i64, outcome: &Outcome, now: i64) -> anyhow::Result<()>;
}

/// Attempts before a notification is given up on: its retries span about a day (a mail server down
/// overnight does not lose it).
pub const MAX_ATTEMPTS: u32 = 16;
/// Claimed and sent at most this many at a time, so that the first of a large batch is marked without
/// waiting for the last, and a batch whose provider times out still ends within its claim.
const BATCH: u32 = 10;
/// How long a worker has to send what it claimed before another may: far more than a batch takes, even
/// when the providers time out (10 s a step, `server::notify`), so that nothing goes out twice.
pub const CLAIM_SECONDS: i64 = 120;
/// Retries and anything missed are looked for this often, even when nothing wakes the worker.
const POLL: Duration = Duration::from_secs(10);

/// Seconds before attempt `attempts + 1`: 10 s, 20 s, 40 s... up to six hours.
pub fn retry_delay(attempts: u32) -> i64 {
    (10_i64 << attempts.saturating_sub(1).min(16)).min(6 * 3600)
}

/// The notification worker.
pub struct Outbox {
    pub store: Arc<dyn NotificationStore>,
    pub accounts: Arc<Accounts>,
    pub catalogue: Arc<Catalogue>,
    wake: Notify,
}

impl Outbox {
    pub fn new(store: Arc<dyn NotificationStore>, accounts: Arc<Accounts>, catalogue: Arc<Catalogue>) -> Outbox {
        Outbox { store, accounts, catalogue, wake: Notify::new() }
    }

    /// What a flow rings when it has written a notification, so that it goes now rather than at the next
    /// poll. A plain `Notify`: the flows below need not know the worker.
    pub fn bell(&self) -> &Notify {
        &self.wake
    }

    /// Runs the worker until the task is aborted (when the server stops).
    pub fn spawn(self: Arc<Self>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                let full_batch = match self.send_due().await {
                    Ok(sent) => sent == BATCH as usize,
                    Err(error) => {
                        tracing::error!(error = format!("{error:#}"), "reading due notifications");
                        false
                    }
                };
                if !full_batch {
                    tokio::select! {
                        _ = self.wake.notified() => {}
                        _ = tokio::time::sleep(POLL) => {}
                    }
                }
            }
        })
    }

    /// Sends what is due; returns how many were handled.
    pub async fn send_due(&self) -> anyhow::Result<usize> {
        let due = self.store.claim(now(), now() + CLAIM_SECONDS, BATCH).await?;
        for notification in &due {
            let outcome = match self.send(notification).await {
                Ok(outcome) => outcome,
                Err(error) => {
                    let attempts = notification.attempts + 1;
                    let error = format!("{error:#}");
                    tracing::warn!(id = notification.id, attempts, error, "notification not sent");
                    match attempts >= MAX_ATTEMPTS {
                        true => Outcome::Failed { error },
                        false => Outcome::Retry { error, at: now() + retry_delay(attempts) },
                    }
                }
            };
            self.store.finish(notification.id, &outcome, now()).await?;
        }
        Ok(due.len())
    }

    async fn send(&self, due: &Due) -> anyhow::Result<Outcome> {
        let Some(account) = self.accounts.store.account(due.account_id).await? else { return Ok(Outcome::Skipped) };
        let lang = account.lang;
        let args = self.words(due, lang);
        let key = format!("notification-{}", due.id);
        let city = &self.accounts.city;
        let (mail_kind, text) = match due.what {
            Notice::Receipt => (mail::Kind::Receipt, "sms-receipt"),
            Notice::Event(_) => (mail::Kind::Update, "sms-update"),
        };
        let channel = account.channel();
        match (channel, &account.email, &account.name, &account.mobile) {
            (Channel::Email, Some(email), Some(name), _) => {
                let link = Some(self.link(due));
                let mut mail = mail::compose_with(city, mail_kind, lang, email, name.as_str(), link, &args);
                mail.id = Some(key);
                self.accounts.mailer.send(mail).await?;
                Ok(Outcome::Sent { channel })
            }
            (Channel::Sms, _, _, Some(mobile)) => {
                self.accounts.sms.send_keyed(&key, mobile, &city.message(lang, text, &args)).await?;
                Ok(Outcome::Sent { channel })
            }
            _ => Ok(Outcome::Skipped),
        }
    }

    /// The request's page.
    fn link(&self, due: &Due) -> String {
        self.accounts.site.link(&routes::request(&due.reference))
    }

    /// The message's values in `lang`: the reference, service, address, the links to the request and its
    /// survey, and for an event what happened.
    fn words(&self, due: &Due, lang: Lang) -> Vec<(&'static str, Arg)> {
        let service = self.catalogue.service(&due.service).map(|s| s.name.get(lang).to_string()).unwrap_or_default();
        let mut args = vec![
            ("reference", Arg::from(due.reference.to_string())),
            ("service", Arg::from(service)),
            ("address", Arg::from(crate::addresses::written(&due.address, lang))),
            ("link", Arg::from(self.link(due))),
            ("survey", Arg::from(self.accounts.site.link(&routes::request_survey(&due.reference)))),
        ];
        if let Notice::Event(kind) = &due.what {
            args.push(("what", Arg::from(self.what_happened(kind, &due.note, lang))));
        }
        args
    }

    fn what_happened(&self, kind: &StoredKind, note: &str, lang: Lang) -> String {
        let city = &self.accounts.city;
        let say = |key: &str| crate::i18n::message(lang, key, &[]);
        let what = match kind {
            StoredKind::Status { status: Status::Closed, reason, .. } => {
                let reason = reason.map(|r| say(r.key())).unwrap_or_default();
                city.message(lang, "notify-closed", &[("reason", Arg::from(reason))])
            }
            StoredKind::Status { status, .. } => {
                city.message(lang, "notify-status", &[("status", Arg::from(say(status.key())))])
            }
            _ => say("notify-note"),
        };
        match note.is_empty() {
            true => what,
            false => format!(
                "{what}\n\n{}",
                crate::i18n::message(lang, "notify-quote", &[("note", Arg::from(note.to_string()))])
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_six_hours() {
        assert_eq!(retry_delay(1), 10);
        assert_eq!(retry_delay(2), 20);
        assert_eq!(retry_delay(3), 40);
        assert_eq!(retry_delay(13), 6 * 3600);
        assert_eq!(retry_delay(u32::MAX), 6 * 3600);
        let total: i64 = (1..MAX_ATTEMPTS).map(retry_delay).sum();
        assert!((24 * 3600..48 * 3600).contains(&total), "retries span about a day: {total}");
    }
}
