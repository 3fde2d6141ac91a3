//! The receipt: once a request is saved, its reference goes to the resident by e-mail or by text, as
//! their account asks, in their language. Sent in the background through the accounts' senders.

use crate::accounts::model::{SmsStatus, UpdatesBy};
use crate::accounts::ssr::{flows::send_later, mail, Account, Accounts};
use crate::i18n::{Arg, Text};

/// How the receipt goes: the account's choice of updates, except that texts wait for the resident's OUI
/// (until then the receipt goes by e-mail), and "no messages" means no receipt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptBy {
    Email,
    Sms,
    Nothing,
}

impl ReceiptBy {
    pub fn for_account(account: &Account) -> ReceiptBy {
        match account.updates_by {
            UpdatesBy::Sms if account.sms_status == SmsStatus::Confirmed && account.mobile.is_some() => ReceiptBy::Sms,
            UpdatesBy::None => ReceiptBy::Nothing,
            _ if account.email.is_some() => ReceiptBy::Email,
            _ => ReceiptBy::Nothing,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ReceiptBy::Email => "email",
            ReceiptBy::Sms => "sms",
            ReceiptBy::Nothing => "none",
        }
    }
}

/// What the receipt says.
pub struct Receipt<'a> {
    pub reference: String,
    pub service: &'a Text,
    pub address: &'a str,
    /// The request's page.
    pub link: String,
}

pub fn send(accounts: &Accounts, account: &Account, receipt: &Receipt) -> ReceiptBy {
    let by = ReceiptBy::for_account(account);
    let lang = account.lang;
    let args = [
        ("reference", Arg::from(receipt.reference.clone())),
        ("service", Arg::from(receipt.service.get(lang).to_string())),
        ("address", Arg::from(receipt.address.to_string())),
        ("link", Arg::from(receipt.link.clone())),
        ("survey", Arg::from(format!("{}/survey", receipt.link))),
    ];
    match (by, &account.email, &account.name, &account.mobile) {
        (ReceiptBy::Email, Some(email), Some(name), _) => {
            let kind = mail::Kind::Receipt;
            let link = Some(receipt.link.clone());
            send_later(accounts, mail::compose_with(&accounts.city, kind, lang, email, name.as_str(), link, &args));
        }
        (ReceiptBy::Sms, _, _, Some(mobile)) => {
            let body = accounts.city.message(lang, "sms-receipt", &args);
            let (sms, mobile) = (accounts.sms.clone(), mobile.clone());
            tokio::spawn(async move {
                if let Err(error) = sms.send(&mobile, &body).await {
                    tracing::error!(error = format!("{error:#}"), "sending a text receipt");
                }
            });
        }
        _ => {}
    }
    by
}
