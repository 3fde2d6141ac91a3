//! Text messages: Twilio's Messages API (or a compatible provider at `sms.api_base`), or one JSON file per
//! message in `<data_dir>/outbox/sms`. Replies arrive at `POST /sms/inbound`, signed the Twilio way:
//! base64(HMAC-SHA1(auth token, URL + every form field name and value, sorted by name)).

use crate::config::Sms;
use anyhow::Context;
use app::accounts::model::Mobile;
use app::accounts::ssr::{sms::SmsSender, Accounts};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Form,
};
use base64::{engine::general_purpose::STANDARD, Engine};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub struct Twilio {
    client: reqwest::Client,
    messages_url: String,
    account_sid: String,
    auth_token: String,
    from: String,
}

pub struct Outbox {
    folder: PathBuf,
    written: AtomicU64,
}

/// The sender the configuration asks for.
pub fn sender(settings: &Sms, data_dir: &Path) -> anyhow::Result<Arc<dyn SmsSender>> {
    Ok(match settings {
        Sms::Twilio(provider) => {
            let api_base = provider.api_base.as_deref().unwrap_or("https://api.twilio.com").trim_end_matches('/');
            let account_sid = provider.account_sid.clone();
            Arc::new(Twilio {
                client: reqwest::Client::builder().timeout(super::SEND_TIMEOUT).build()?,
                messages_url: format!("{api_base}/2010-04-01/Accounts/{account_sid}/Messages.json"),
                account_sid,
                auth_token: provider.auth_token.clone(),
                from: provider.from.as_str().to_string(),
            })
        }
        Sms::Outbox => {
            let folder = outbox(data_dir);
            std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
            Arc::new(Outbox { folder, written: AtomicU64::new(0) })
        }
    })
}

pub fn outbox(data_dir: &Path) -> PathBuf {
    data_dir.join("outbox").join("sms")
}

#[async_trait::async_trait]
impl SmsSender for Twilio {
    async fn send(&self, to: &Mobile, body: &str) -> anyhow::Result<()> {
        let response = self
            .client
            .post(&self.messages_url)
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .form(&[("To", to.as_str()), ("From", &self.from), ("Body", body)])
            .send()
            .await
            .context("calling the SMS provider")?;
        let status = response.status();
        if !status.is_success() {
            let detail = response.text().await.unwrap_or_default();
            anyhow::bail!("the SMS provider answered {status}: {detail:.300}");
        }
        tracing::info!(to = to.masked(), "text message sent");
        Ok(())
    }
}

#[async_trait::async_trait]
impl SmsSender for Outbox {
    async fn send(&self, to: &Mobile, body: &str) -> anyhow::Result<()> {
        let n = self.written.fetch_add(1, Ordering::Relaxed);
        let name = format!("{}-{}-{n}", jiff::Timestamp::now().as_millisecond(), std::process::id());
        self.send_keyed(&name, to, body).await
    }

    /// One file per key: a message written again after a crash replaces itself.
    async fn send_keyed(&self, key: &str, to: &Mobile, body: &str) -> anyhow::Result<()> {
        let at = jiff::Timestamp::now();
        let file = self.folder.join(format!("{key}.json"));
        let json = serde_json::json!({ "to": to.as_str(), "body": body, "at": at.to_string() });
        super::write_whole(&file, &serde_json::to_vec_pretty(&json)?).await.context("writing to the SMS outbox")?;
        tracing::info!(to = to.masked(), body, file = %file.display(), "text message written to the outbox");
        Ok(())
    }
}

/// What the inbound webhook needs: the accounts, the secret and the address the provider calls.
#[derive(Clone)]
pub struct Inbound {
    pub accounts: Arc<Accounts>,
    pub auth_token: Option<String>,
    pub url: String,
}

/// The HMAC Twilio computes over a form POST to `url`.
fn mac(auth_token: &str, url: &str, form: &BTreeMap<String, String>) -> Hmac<Sha1> {
    let mut mac = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(url.as_bytes());
    for (name, value) in form {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

/// The signature Twilio puts in `X-Twilio-Signature` for a form POST to `url`.
pub fn signature(auth_token: &str, url: &str, form: &BTreeMap<String, String>) -> String {
    STANDARD.encode(mac(auth_token, url, form).finalize().into_bytes())
}

/// `POST /sms/inbound`: a resident's reply. Unsigned or wrongly signed calls get 403 and change nothing.
pub async fn inbound(
    State(inbound): State<Inbound>,
    headers: HeaderMap,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    let Some(auth_token) = &inbound.auth_token else { return StatusCode::FORBIDDEN.into_response() };
    let given = headers.get("x-twilio-signature").and_then(|v| STANDARD.decode(v.as_bytes()).ok());
    // `verify_slice` compares in constant time: timing does not tell how much of a forged signature is right.
    let signed = given.is_some_and(|given| mac(auth_token, &inbound.url, &form).verify_slice(&given).is_ok());
    if !signed {
        tracing::warn!("inbound text message with a bad signature refused");
        return StatusCode::FORBIDDEN.into_response();
    }
    let (Some(from), Some(body), Some(sid)) = (
        form.get("From").and_then(|f| Mobile::parse(f)),
        form.get("Body"),
        form.get("MessageSid").filter(|s| is_sid(s)),
    ) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let store = &inbound.accounts.store;
    match store.first_sight_of_message(sid, app::accounts::ssr::now()).await {
        Ok(true) => {}
        Ok(false) => {
            tracing::warn!(sid, "inbound text message seen before: ignored");
            return twiml(None).into_response();
        }
        Err(error) => return failed(error),
    }
    match app::accounts::ssr::sms::handle_reply(&inbound.accounts, &from, body).await {
        Ok(answer) => twiml(Some(&answer)).into_response(),
        Err(error) => {
            let _ = store.forget_message(sid).await;
            failed(error)
        }
    }
}

/// A provider's message id: letters and digits (Twilio's are "SM" and 32 hex digits).
fn is_sid(sid: &str) -> bool {
    (1..=64).contains(&sid.len()) && sid.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn failed(error: anyhow::Error) -> Response {
    tracing::error!(error = format!("{error:#}"), "handling an inbound text message");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The reply, as TwiML: the provider texts it back to the resident (`None`: nothing to send).
fn twiml(message: Option<&str>) -> impl IntoResponse {
    let message = message.map(|text| {
        let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        format!("<Message>{escaped}</Message>")
    });
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{}</Response>", message.unwrap_or_default()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_follow_twilios_published_example() {
        // From Twilio's "Webhooks security" documentation.
        let form: BTreeMap<String, String> = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assert_eq!(signature("12345", url, &form), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }
}
