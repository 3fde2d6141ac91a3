//! Text messages: the sender interface the server binary implements (a Twilio-compatible provider, or the
//! outbox folder), the opt-in ("reply OUI"), and what a resident's reply does. Replies are read in either
//! language, in any case, with or without accents: OUI/O/YES/Y confirm, STOP/ARRÊT stop, AIDE/HELP help.

use super::{limits::Action, Accounts};
use crate::accounts::model::{Mobile, SmsStatus, UpdatesBy};
use crate::catalogue::fold;
use crate::i18n::Lang;
use std::net::IpAddr;

#[async_trait::async_trait]
pub trait SmsSender: Send + Sync {
    async fn send(&self, to: &Mobile, body: &str) -> anyhow::Result<()>;

    /// Sends a message that may be sent again after a crash (a notification), under a stable `key`. The
    /// outbox writes it under that name; an SMS provider without idempotency keys just sends it.
    async fn send_keyed(&self, key: &str, to: &Mobile, body: &str) -> anyhow::Result<()> {
        let _ = key;
        self.send(to, body).await
    }
}

/// What a reply asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    Yes,
    Stop,
    Help,
    Other,
}

impl Reply {
    /// The first word decides, so that "Oui merci" confirms.
    pub fn parse(body: &str) -> Reply {
        match fold(body).split_whitespace().next().unwrap_or_default() {
            "oui" | "o" | "yes" | "y" => Reply::Yes,
            // The carriers' standard stop words as well as ours.
            "stop" | "arret" | "arreter" | "unsubscribe" | "cancel" | "end" | "quit" | "stopall" => Reply::Stop,
            "aide" | "help" | "info" => Reply::Help,
            _ => Reply::Other,
        }
    }
}

/// Texts `mobile` to ask for OUI. The caller records the account's `Pending` status: until the resident
/// answers, updates go by e-mail.
pub async fn ask_confirmation(accounts: &Accounts, ip: IpAddr, mobile: &Mobile, lang: Lang) -> anyhow::Result<()> {
    if let Err(error) = accounts.limits.check(Action::Sms, ip, mobile.as_str()).await {
        tracing::warn!(?error, "not sending the confirmation text: rate limit");
        return Ok(());
    }
    accounts.sms.send(mobile, &accounts.city.message(lang, "sms-confirm", &[])).await
}

/// Applies a reply from `from` to the accounts with that number and returns the answer to text back.
/// A number we do not know gets the help text in both languages, and nothing changes.
pub async fn handle_reply(accounts: &Accounts, from: &Mobile, body: &str) -> anyhow::Result<String> {
    let reply = Reply::parse(body);
    let holders = accounts.store.accounts_by_mobile(from).await?;
    let Some(first) = holders.first() else {
        let help = |lang| accounts.city.message(lang, "sms-help", &[]);
        return Ok(format!("{} / {}", help(Lang::Fr), help(Lang::En)));
    };
    let lang = first.lang;
    for account in &holders {
        let status = match (reply, account.sms_status) {
            (Reply::Yes, SmsStatus::Pending | SmsStatus::Stopped) if account.updates_by == UpdatesBy::Sms => {
                Some(SmsStatus::Confirmed)
            }
            (Reply::Stop, _) => Some(SmsStatus::Stopped),
            _ => None,
        };
        if let Some(status) = status {
            accounts.store.set_sms_status(account.id, status).await?;
            tracing::info!(account = %account.id, status = status.code(), "text-message opt-in changed");
        }
    }
    let key = match reply {
        Reply::Yes => "sms-confirmed",
        Reply::Stop => "sms-stopped",
        Reply::Help | Reply::Other => "sms-help",
    };
    Ok(accounts.city.message(lang, key, &[]))
}

#[cfg(test)]
mod snapshots {
    use crate::i18n::{Arg, Lang};

    /// Every text message in both languages, as the resident reads it: reviewed in `snapshots/`.
    #[test]
    fn every_text_reads_as_reviewed() {
        let city = crate::city::ssr::tests::ontario();
        let args = [
            ("reference", Arg::from("2026-000042")),
            ("service", Arg::from("Nid-de-poule")),
            ("address", Arg::from("200 Brady St")),
            ("what", Arg::from("Its status is now: In progress.")),
            ("link", Arg::from("https://311.example.ca/requests/2026-000042")),
            ("survey", Arg::from("https://311.example.ca/requests/2026-000042/survey")),
        ];
        for key in ["sms-confirm", "sms-confirmed", "sms-stopped", "sms-help", "sms-receipt", "sms-update"] {
            for lang in Lang::ALL {
                insta::assert_snapshot!(format!("{key}-{}", lang.code()), city.message(lang, key, &args));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_in_both_languages_any_case_with_or_without_accents() {
        for yes in ["Oui", "oui", "OUI", "Yes", "y", "O", " oui! ", "Oui merci"] {
            assert_eq!(Reply::parse(yes), Reply::Yes, "{yes}");
        }
        for stop in ["STOP", "arret", "ARRÊT", "Arrêt", "stop."] {
            assert_eq!(Reply::parse(stop), Reply::Stop, "{stop}");
        }
        for help in ["AIDE", "aide", "Help", "HELP?"] {
            assert_eq!(Reply::parse(help), Reply::Help, "{help}");
        }
        for other in ["", "peut-être oui", "nope", "ouii"] {
            assert_eq!(Reply::parse(other), Reply::Other, "{other}");
        }
    }
}
