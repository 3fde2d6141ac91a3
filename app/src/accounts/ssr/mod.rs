//! Server side of accounts: the store interface, passwords, sessions, e-mailed links, rate limits, and the
//! e-mail and text-message senders the server binary plugs in (`server/src/notify/`).

pub mod export;
pub mod flows;
pub mod forms;
pub mod limits;
pub mod mail;
pub mod passwords;
pub mod sessions;
pub mod sms;
pub mod tokens;
pub mod two_factor;

use super::model::{Channel, Email, Mobile, PersonName, Role, SmsStatus, UpdatesBy};
use crate::city::ssr::City;
use crate::i18n::Lang;
use std::sync::Arc;

/// An account's number in the database, typed so that it is never taken for another number (a request's
/// id, a count, a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub i64);

impl From<i64> for AccountId {
    fn from(id: i64) -> Self {
        AccountId(id)
    }
}

impl std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Seconds since the Unix epoch, the unit of every time the account tables keep.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// An account as the server reads it. `email` and `name` are `None` once the account is closed.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: AccountId,
    pub email: Option<Email>,
    pub name: Option<PersonName>,
    pub mobile: Option<Mobile>,
    pub lang: Lang,
    pub updates_by: UpdatesBy,
    pub sms_status: SmsStatus,
    pub role: Role,
    pub password_hash: Option<String>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

impl Account {
    /// A closed account keeps its row for its requests, and nothing that identifies the person.
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    /// How messages reach this account: its choice of updates, except that texts wait for the resident's
    /// OUI (until then they go by e-mail), and "no messages" means none.
    pub fn channel(&self) -> Channel {
        match self.updates_by {
            UpdatesBy::Sms if self.sms_status == SmsStatus::Confirmed && self.mobile.is_some() => Channel::Sms,
            UpdatesBy::None => Channel::Nothing,
            _ if self.email.is_some() => Channel::Email,
            _ => Channel::Nothing,
        }
    }
}

/// What registration (or the create-admin command) saves.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub email: Email,
    pub name: PersonName,
    pub mobile: Option<Mobile>,
    pub lang: Lang,
    pub updates_by: UpdatesBy,
    pub role: Role,
}

/// What a resident can change on their profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileChange {
    pub name: PersonName,
    pub mobile: Option<Mobile>,
    pub lang: Lang,
    pub updates_by: UpdatesBy,
    pub sms_status: SmsStatus,
}

/// A link (valid, or just spent): its account, and the details of the registration it was sent for, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsedLink {
    pub account: AccountId,
    pub details: Option<ProfileChange>,
}

/// An e-mail address change waiting for its link to be followed.
#[derive(Clone, Debug, PartialEq)]
pub struct EmailChange {
    pub account: AccountId,
    pub new_email: Email,
}

/// What following an e-mail change link did.
#[derive(Clone, Debug, PartialEq)]
pub enum EmailChanged {
    /// The address changed from `old`.
    Changed { change: EmailChange, old: Email },
    /// Another account took the address meanwhile.
    Taken,
}

/// A session row: when it began and when it was last used, for the idle and absolute limits; the device it
/// was started from, and whether the second factor was proven in it (staff).
#[derive(Clone, Debug)]
pub struct StoredSession {
    pub token_hash: Vec<u8>,
    pub account_id: AccountId,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub device: String,
    pub second_factor: bool,
}

/// What a new session records beside its account.
#[derive(Clone, Copy, Debug)]
pub struct NewSession<'a> {
    /// "Firefox · Windows" ([`sessions::device_of`]), for the devices list.
    pub device: &'a str,
    pub second_factor: bool,
}

/// Where accounts are kept. Implemented per database in `server/src/store/`.
#[async_trait::async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates the account, or returns `None` when the e-mail address already has one.
    async fn create_account(&self, account: &NewAccount, now: i64) -> anyhow::Result<Option<AccountId>>;
    async fn account(&self, id: AccountId) -> anyhow::Result<Option<Account>>;
    async fn account_by_email(&self, email: &Email) -> anyhow::Result<Option<Account>>;
    /// Open accounts that gave this mobile number.
    async fn accounts_by_mobile(&self, mobile: &Mobile) -> anyhow::Result<Vec<Account>>;
    async fn update_profile(&self, id: AccountId, change: &ProfileChange) -> anyhow::Result<()>;
    async fn set_sms_status(&self, id: AccountId, status: SmsStatus) -> anyhow::Result<()>;
    /// Records an inbound text message by its provider's id; `false` when it was recorded before (a
    /// replay, which must change nothing).
    async fn first_sight_of_message(&self, message_sid: &str, now: i64) -> anyhow::Result<bool>;
    /// Forgets a message whose handling failed, so that the provider's retry is handled.
    async fn forget_message(&self, message_sid: &str) -> anyhow::Result<()>;
    /// Replaces the password, ends every session of the account except `keep` (the one changing it) and
    /// retires every link sent before, in one transaction.
    async fn set_password(&self, id: AccountId, hash: &str, keep: Option<&[u8]>, now: i64) -> anyhow::Result<()>;

    /// A link for the account to choose a password, valid until `expires_at`. One that carries a
    /// registration's `details` (applied when the password is set through it) replaces the account's
    /// outstanding links: the latest registration is the one a click on its e-mail proves.
    async fn create_link(
        &self,
        id: AccountId,
        token_hash: &[u8],
        expires_at: i64,
        details: Option<&ProfileChange>,
        now: i64,
    ) -> anyhow::Result<()>;
    /// The account a link belongs to (and its registration's details), if it exists, is unused and has
    /// not expired.
    async fn valid_link(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<UsedLink>>;
    /// Spends a link: marks it used if it is unused and unexpired, in the statement that checks it, and
    /// gives its account. Of two uses at once, one gets the account and the other `None`.
    async fn use_link(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<UsedLink>>;

    async fn create_session(
        &self,
        id: AccountId,
        token_hash: &[u8],
        session: NewSession<'_>,
        now: i64,
    ) -> anyhow::Result<()>;
    async fn session(&self, token_hash: &[u8]) -> anyhow::Result<Option<StoredSession>>;
    async fn touch_session(&self, token_hash: &[u8], now: i64) -> anyhow::Result<()>;
    async fn delete_session(&self, token_hash: &[u8]) -> anyhow::Result<()>;
    /// Ends every session of the account but `keep` ("sign out of the other devices").
    async fn end_other_sessions(&self, id: AccountId, keep: &[u8]) -> anyhow::Result<()>;

    /// A link that will change the account's e-mail address to `new_email` when followed before
    /// `expires_at`; the account's earlier pending change is retired.
    async fn start_email_change(
        &self,
        id: AccountId,
        token_hash: &[u8],
        new_email: &Email,
        expires_at: i64,
        now: i64,
    ) -> anyhow::Result<()>;
    /// The pending change a link makes, if the link is unused and unexpired and its account open.
    async fn email_change(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<EmailChange>>;
    /// Spends the link and changes the address, in one transaction. `Taken` when another account has
    /// had the address since the link was sent (the link is spent and nothing else changes).
    async fn finish_email_change(&self, token_hash: &[u8], now: i64) -> anyhow::Result<Option<EmailChanged>>;

    /// Deletes what has no use any more (the privacy statement's retention): sessions past their limits
    /// (idle since `idle_before`, or begun before `begun_before`), links and e-mail changes expired before
    /// `now`, and the ids of text messages received before `replies_before` (kept only to ignore replays).
    /// Returns how many rows went.
    async fn forget_expired(
        &self,
        now: i64,
        idle_before: i64,
        begun_before: i64,
        replies_before: i64,
    ) -> anyhow::Result<u64>;

    /// Removes what identifies the person, their sessions and links; the row stays for their requests.
    async fn close_account(&self, id: AccountId, now: i64) -> anyhow::Result<()>;
    /// Every session of the account, oldest first: the devices list and the personal-data download.
    async fn sessions_of(&self, id: AccountId) -> anyhow::Result<Vec<StoredSession>>;
}

/// The site's public address, for links in e-mails, and whether cookies must be `Secure`.
#[derive(Clone, Debug)]
pub struct Site {
    pub public_url: String,
    /// Client addresses come from the proxy's `X-Forwarded-For`, not from the connection.
    pub behind_proxy: bool,
}

impl Site {
    pub fn secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.public_url.trim_end_matches('/'))
    }
}

/// Everything account flows need, built once by the server binary.
pub struct Accounts {
    /// Names the city and its 311 contacts in e-mails and text messages.
    pub city: Arc<City>,
    pub store: Arc<dyn AccountStore>,
    pub second_factors: Arc<dyn two_factor::SecondFactorStore>,
    pub mailer: Arc<dyn mail::Mailer>,
    pub sms: Arc<dyn sms::SmsSender>,
    pub limits: limits::Limits,
    pub site: Site,
}
