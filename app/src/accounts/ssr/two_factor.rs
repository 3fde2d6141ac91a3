//! Two-factor authentication for staff, who see every resident's requests: after the password, a code from
//! an authenticator app (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step of drift either way),
//! before the console opens. The first sign-in enrols (a QR code, or the key typed by hand, then a first
//! code) and gives ten single-use recovery codes for a lost phone. A code is accepted once (the store keeps
//! the last step used); attempts are limited per account. Proving the second factor replaces the session
//! with a new one (a new token for the new privilege). IT resets a lost authenticator with
//! `server reset-two-factor --email …`.

use super::sessions::{self, Caller, CurrentSession};
use super::{limits::Action, now, tokens, AccountId, Accounts, NewSession};
use crate::accounts::model::{Enrolment, TwoFactorPage, Verified};
use crate::errors::{AppError, Field, Problem};
use totp_rs::{Algorithm, Secret, TOTP};

const STEP_SECONDS: i64 = 30;
/// 160 bits, the length RFC 4226 recommends.
const SECRET_BYTES: usize = 20;
const RECOVERY_CODES: usize = 10;
const RECOVERY_LENGTH: usize = 10;
/// Digits and lower-case letters without the ones read for others (0/o, 1/l/i): 31 symbols, so a code of
/// ten holds 49 bits.
const RECOVERY_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// An account's authenticator as the store keeps it.
#[derive(Clone, Debug)]
pub struct Factor {
    pub secret: Vec<u8>,
    /// A first code proved the app has the secret; until then the same QR code is shown again.
    pub confirmed: bool,
}

/// Where authenticators and recovery codes are kept. Implemented per database in `server/src/store/`.
#[async_trait::async_trait]
pub trait SecondFactorStore: Send + Sync {
    /// The account's authenticator, once enrolment has begun.
    async fn factor(&self, id: AccountId) -> anyhow::Result<Option<Factor>>;
    /// Keeps `secret` as the authenticator being enrolled, unless the account has one already (that one
    /// stays: two tabs opened at once show the same QR code).
    async fn begin(&self, id: AccountId, secret: &[u8], now: i64) -> anyhow::Result<()>;
    /// Confirms the enrolment with the step of its first code and stores the recovery codes' hashes, in one
    /// transaction; `false` when it was confirmed already.
    async fn confirm(&self, id: AccountId, step: i64, recovery: &[Vec<u8>], now: i64) -> anyhow::Result<bool>;
    /// Records `step` as used; `false` when a code of this step or a later one was accepted before.
    async fn use_step(&self, id: AccountId, step: i64) -> anyhow::Result<bool>;
    /// Spends a recovery code: how many are left, or `None` when it is unknown or was used.
    async fn use_recovery_code(&self, id: AccountId, hash: &[u8], now: i64) -> anyhow::Result<Option<u32>>;
    /// Forgets the authenticator and the recovery codes, and ends the account's sessions.
    async fn reset(&self, id: AccountId) -> anyhow::Result<()>;
}

/// What the staff member typed, once read: a code from the app or a recovery code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Code {
    App(String),
    Recovery(String),
}

impl Code {
    /// Spaces and dashes are ignored (apps show "123 456", the recovery codes are printed "abcde-fghjk").
    pub fn parse(text: &str) -> Result<Code, AppError> {
        let code: String =
            text.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_lowercase()).collect();
        let problem = |problem| AppError::field(Field::Code, problem);
        if code.is_empty() {
            return Err(problem(Problem::Required));
        }
        if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Code::App(code));
        }
        if code.len() == RECOVERY_LENGTH && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
            return Ok(Code::Recovery(code));
        }
        Err(problem(Problem::CodeInvalid))
    }
}

fn wrong_code() -> AppError {
    AppError::field(Field::Code, Problem::CodeWrong)
}

/// The authenticator's generator. Unchecked: our secrets are 160 bits, and the label is only shown.
fn totp(secret: Vec<u8>, issuer: &str, account: &str) -> TOTP {
    let label = |text: &str| text.replace(':', " ");
    TOTP::new_unchecked(Algorithm::SHA1, 6, 0, STEP_SECONDS as u64, secret, Some(label(issuer)), label(account))
}

/// The step whose code `code` is: the current one, or one either side (a phone's clock drifts).
fn matching_step(totp: &TOTP, code: &str, now: i64) -> Option<i64> {
    let current = now / STEP_SECONDS;
    [current, current - 1, current + 1].into_iter().find(|step| {
        let time = u64::try_from(step * STEP_SECONDS).unwrap_or_default();
        // `check` compares in constant time.
        totp.check(code, time)
    })
}

fn recovery_codes() -> anyhow::Result<Vec<String>> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    while codes.len() < RECOVERY_CODES {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)?;
        // Bytes beyond the last whole multiple of 31 would favour the first symbols: skipped.
        let limit = (256 / RECOVERY_ALPHABET.len() * RECOVERY_ALPHABET.len()) as u8;
        let code: Vec<u8> = bytes
            .iter()
            .filter(|b| **b < limit)
            .take(RECOVERY_LENGTH)
            .map(|b| RECOVERY_ALPHABET[*b as usize % RECOVERY_ALPHABET.len()])
            .collect();
        if code.len() == RECOVERY_LENGTH {
            codes.push(String::from_utf8(code)?);
        }
    }
    Ok(codes)
}

/// "abcde-fghjk": two halves are easier to copy by hand.
fn printed(code: &str) -> String {
    let (first, second) = code.split_at(RECOVERY_LENGTH / 2);
    format!("{first}-{second}")
}

/// The signed-in staff member whose second factor this is about.
fn staff_session(caller: &Caller) -> Result<&CurrentSession, AppError> {
    let session = caller.signed_in()?;
    match session.user.role.is_staff() {
        true => Ok(session),
        false => Err(AppError::Forbidden),
    }
}

/// What the page shows: nothing to do, a code to type, or the enrolment (its secret made the first time).
pub async fn page(accounts: &Accounts, caller: &Caller) -> Result<TwoFactorPage, AppError> {
    let session = staff_session(caller)?;
    if session.second_factor {
        return Ok(TwoFactorPage::Done);
    }
    let id = session.account_id;
    let factor = match accounts.second_factors.factor(id).await? {
        Some(factor) => factor,
        None => {
            let mut secret = vec![0u8; SECRET_BYTES];
            getrandom::fill(&mut secret).map_err(anyhow::Error::from)?;
            accounts.second_factors.begin(id, &secret, now()).await?;
            accounts.second_factors.factor(id).await?.ok_or(AppError::Internal)?
        }
    };
    if factor.confirmed {
        return Ok(TwoFactorPage::Verify);
    }
    let account = accounts.store.account(id).await?.ok_or(AppError::SignInRequired)?;
    let email = account.email.map(|email| email.to_string()).unwrap_or_default();
    let issuer = accounts.city.profile.name.get(account.lang).to_string();
    let totp = totp(factor.secret.clone(), &format!("311 {issuer}"), &email);
    let key = Secret::Raw(factor.secret).to_encoded().to_string();
    let key = key.as_bytes().chunks(4).map(|chunk| String::from_utf8_lossy(chunk)).collect::<Vec<_>>().join(" ");
    let link = totp.get_url();
    let qr_svg = qrcode::QrCode::new(link.as_bytes())
        .map_err(anyhow::Error::from)?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build();
    // The renderer starts with an XML declaration, which has no place inside an HTML page.
    let qr_svg = qr_svg.find("<svg").map_or(qr_svg.clone(), |start| qr_svg[start..].to_string());
    Ok(TwoFactorPage::Enrol(Enrolment { key, link, qr_svg }))
}

/// A code typed on the page: the first one confirms the enrolment, later ones verify. Gives the token of
/// the new, fully signed-in session.
pub async fn prove(accounts: &Accounts, caller: &Caller, code: Code) -> Result<(Verified, String), AppError> {
    let session = staff_session(caller)?;
    let id = session.account_id;
    accounts.limits.check(Action::SecondFactor, caller.ip, &id.to_string()).await?;
    // The page is opened before a code is typed, so the enrolment has begun.
    let factor = accounts.second_factors.factor(id).await?.ok_or(AppError::Conflict)?;
    let verified = match factor.confirmed {
        false => enrol(accounts, id, factor.secret, code).await?,
        true => verify(accounts, id, factor.secret, code).await?,
    };
    let token = promote(accounts, caller, session).await?;
    Ok((verified, token))
}

/// The first code from the app: confirms the enrolment and gives the recovery codes (shown once).
async fn enrol(accounts: &Accounts, id: AccountId, secret: Vec<u8>, code: Code) -> Result<Verified, AppError> {
    let Code::App(code) = code else { return Err(wrong_code()) };
    let step = matching_step(&totp(secret, "", ""), &code, now()).ok_or_else(wrong_code)?;
    let codes = recovery_codes()?;
    let hashes: Vec<Vec<u8>> = codes.iter().map(|code| tokens::hash(code)).collect();
    if !accounts.second_factors.confirm(id, step, &hashes, now()).await? {
        return Err(AppError::Conflict);
    }
    tracing::info!(account = %id, "two-factor authentication enrolled");
    Ok(Verified { recovery_codes: codes.iter().map(|code| printed(code)).collect(), recovery_left: None })
}

/// A code from the app, or a recovery code.
async fn verify(accounts: &Accounts, id: AccountId, secret: Vec<u8>, code: Code) -> Result<Verified, AppError> {
    let recovery_left = match code {
        Code::App(code) => {
            let step = matching_step(&totp(secret, "", ""), &code, now());
            // A code seen before (read over a shoulder, replayed) is as wrong as a guess.
            let fresh = match step {
                Some(step) => accounts.second_factors.use_step(id, step).await?,
                None => false,
            };
            fresh.then_some(None)
        }
        Code::Recovery(code) => {
            let left = accounts.second_factors.use_recovery_code(id, &tokens::hash(&code), now()).await?;
            left.map(Some)
        }
    };
    let Some(recovery_left) = recovery_left else {
        tracing::warn!(account = %id, "a wrong second-factor code");
        return Err(wrong_code());
    };
    Ok(Verified { recovery_codes: Vec::new(), recovery_left })
}

/// A new session with the second factor proven, in place of the password-only one.
async fn promote(accounts: &Accounts, caller: &Caller, session: &CurrentSession) -> Result<String, AppError> {
    let new = NewSession { device: &caller.device, second_factor: true };
    let token = sessions::start(accounts.store.as_ref(), session.account_id, new).await?;
    accounts.store.delete_session(&session.token_hash).await?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Anything typed in the code field: read as one kind of code, or refused; never a panic.
        #[test]
        fn fuzz_a_typed_code(text in "\\PC{0,24}", near in "[0-9a-zA-Z -]{0,14}") {
            for input in [&text, &near] {
                match Code::parse(input) {
                    Ok(Code::App(code)) => proptest::prop_assert_eq!(code.len(), 6),
                    Ok(Code::Recovery(code)) => proptest::prop_assert_eq!(code.len(), RECOVERY_LENGTH),
                    Err(error) => proptest::prop_assert!(matches!(error, AppError::Invalid(_))),
                }
            }
        }
    }

    #[test]
    fn codes_are_read_as_typed_or_printed() {
        assert_eq!(Code::parse(" 123 456 "), Ok(Code::App("123456".into())));
        assert_eq!(Code::parse("ABCDE-FGHJK"), Ok(Code::Recovery("abcdefghjk".into())));
        let problem = |text| match Code::parse(text) {
            Err(AppError::Invalid(problems)) => problems[0].problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(problem(""), Problem::Required);
        assert_eq!(problem("12345"), Problem::CodeInvalid);
        assert_eq!(problem("1234567"), Problem::CodeInvalid);
        // 0, o, 1, l and i are not in recovery codes.
        assert_eq!(problem("abcde-fghj0"), Problem::CodeInvalid);
    }

    #[test]
    fn a_code_matches_its_step_and_the_ones_beside_it_only() {
        // RFC 6238's test key and its SHA-1 vector: 94287082 at 59 s, whose last six digits are 287082.
        let totp = totp(b"12345678901234567890".to_vec(), "", "");
        assert_eq!(matching_step(&totp, "287082", 59), Some(1));
        assert_eq!(matching_step(&totp, "287082", 30 * 2 + 5), Some(1), "a step late");
        assert_eq!(matching_step(&totp, "287082", 30 * 3), None, "two steps late");
        assert_eq!(matching_step(&totp, "287083", 59), None);
    }

    #[test]
    fn recovery_codes_are_ten_distinct_codes_of_the_alphabet() {
        let codes = recovery_codes().unwrap();
        assert_eq!(codes.len(), RECOVERY_CODES);
        assert!(codes.iter().all(|code| Code::parse(&printed(code)) == Ok(Code::Recovery(code.clone()))));
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
    }
}
