//! E-mail through lettre: SMTP when `mail.smtp_url` is set, otherwise one `.eml` file per message in
//! `<data_dir>/outbox/email` (lettre's file transport), with the message's link in the log.

use crate::config::MailSettings;
use anyhow::Context;
use app::accounts::ssr::mail::{Mail, Mailer};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox { transport: AsyncFileTransport<Tokio1Executor>, folder: PathBuf },
}

pub struct LettreMailer {
    from: Mailbox,
    transport: Transport,
}

impl LettreMailer {
    pub fn new(settings: &MailSettings, data_dir: &Path) -> anyhow::Result<LettreMailer> {
        let from = settings.from.parse().context("mail.from")?;
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build()),
            None => {
                let folder = outbox(data_dir);
                std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
                Transport::Outbox { transport: AsyncFileTransport::new(&folder), folder }
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
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))?;
        match &self.transport {
            Transport::Smtp(transport) => {
                transport.send(message).await.context("sending over SMTP")?;
                tracing::info!(to = %mail.to, subject = mail.subject, "e-mail sent");
            }
            Transport::Outbox { transport, folder } => {
                let id = transport.send(message).await.context("writing to the outbox")?;
                let file = folder.join(format!("{id}.eml"));
                tracing::info!(to = %mail.to, subject = mail.subject, link = mail.link, file = %file.display(), "e-mail written to the outbox");
            }
        }
        Ok(())
    }
}
