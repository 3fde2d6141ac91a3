//! What a staff member's authenticator app does, for the tests and benchmarks that sign staff in (shared
//! with `#[path]`: one copy).

/// The code an app shows for `key` (as the enrolment page writes it), `steps_ahead` 30-second steps from
/// now: a code is accepted once, and the next step's too (a phone's clock a little ahead).
pub fn app_code(key: &str, steps_ahead: u64) -> String {
    let secret = totp_rs::Secret::Encoded(key.replace(' ', "")).to_bytes().unwrap();
    let totp = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 1, 30, secret, None, String::new());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    totp.generate(now + 30 * steps_ahead)
}
