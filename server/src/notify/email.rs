//! E-mail through lettre: SMTP when `mail.smtp_url` is set, otherwise one `.eml` file per message in
//! `<data_dir>/outbox/email`, with the message's link in the log. A message with a stable id (a
//! notification) gets it as Message-ID and file name: written twice, it is still one file.

use crate::config::MailSettings;
use anyhow::Context;
use app::accounts::ssr::mail::{Mail, Mailer};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox { folder: PathBuf, written: AtomicU64 },
}

pub struct LettreMailer {
    from: Mailbox,
    transport: Transport,
}

impl LettreMailer {
    pub fn new(settings: &MailSettings, data_dir: &Path) -> anyhow::Result<LettreMailer> {
        let from = settings.from.parse().context("mail.from")?;
        let transport = match &settings.smtp_url {
            // A message's SMTP conversation gets at most SEND_TIMEOUT a step (lettre's own is a minute), so
            // that the worker's batch fits its claim (`app::notifications::CLAIM_SECONDS`).
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.timeout(Some(super::SEND_TIMEOUT)).build(),
            ),
            None => {
                let folder = outbox(data_dir);
                std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
                Transport::Outbox { folder, written: AtomicU64::new(0) }
            }
        };
        Ok(LettreMailer { from, transport })
    }
}

/// Where e-mails go when no SMTP server is configured.
pub fn outbox(data_dir: &Path) -> PathBuf {
    data_dir.join("outbox").join("email")
}

#[async_trait::async_trait]
impl Mailer for LettreMailer {
    async fn send(&self, mail: Mail) -> anyhow::Result<()> {
        let to: Mailbox = mail.to.as_str().parse().context("recipient")?;
        let domain = self.from.email.domain().to_string();
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .message_id(mail.id.as_ref().map(|id| format!("<{id}@{domain}>")))
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))?;
        match &self.transport {
            Transport::Smtp(transport) => {
                transport.send(message).await.context("sending over SMTP")?;
                tracing::info!(to = mail.to.masked(), subject = mail.subject, "e-mail sent");
            }
            Transport::Outbox { folder, written } => {
                let name = match &mail.id {
                    Some(id) => id.clone(),
                    None => {
                        let n = written.fetch_add(1, Ordering::Relaxed);
                        format!("{}-{}-{n}", jiff::Timestamp::now().as_millisecond(), std::process::id())
                    }
                };
                let file = folder.join(format!("{name}.eml"));
                super::write_whole(&file, &message.formatted()).await.context("writing to the outbox")?;
                tracing::info!(to = mail.to.masked(), subject = mail.subject, link = mail.link, file = %file.display(), "e-mail written to the outbox");
            }
        }
        Ok(())
    }
}
