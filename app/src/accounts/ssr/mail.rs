//! E-mails to residents: the sender interface the server binary implements (SMTP, or the outbox folder),
//! and the messages themselves, written from the locales in the recipient's language, with a plain-text
//! and an HTML part.

use crate::accounts::model::Email;
use crate::city::ssr::City;
use crate::i18n::{Arg, Lang};

#[derive(Clone, Debug, PartialEq)]
pub struct Mail {
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The link the message carries, logged by the outbox so that a local run needs no mail server.
    pub link: Option<String>,
    /// A stable id for a message that may be sent again after a crash (a notification): its Message-ID
    /// and outbox file name, so that the second sending is recognisably the same message.
    pub id: Option<String>,
}

#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, mail: Mail) -> anyhow::Result<()>;
}

/// The messages accounts send. Each is a subject, a greeting, paragraphs and at most one button link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// After registration: follow the link to choose a password.
    Welcome,
    /// Someone asked to register with an address that already has an account.
    AlreadyRegistered,
    /// "Forgot your password?"
    Reset,
    /// The password was changed (so that a stranger's change does not go unnoticed).
    PasswordChanged,
    /// A request was received: its reference, service and address (sent by `notifications`).
    Receipt,
    /// Something happened to a request: work started, it was completed or closed, or staff wrote to the
    /// resident (`notifications`).
    Update,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Welcome => "mail-welcome",
            Kind::AlreadyRegistered => "mail-already",
            Kind::Reset => "mail-reset",
            Kind::PasswordChanged => "mail-changed",
            Kind::Receipt => "mail-receipt",
            Kind::Update => "mail-update",
        }
    }
}

/// Writes message `kind` to `to` in `lang`. `name` greets them; `link` is the button's address.
pub fn compose(city: &City, kind: Kind, lang: Lang, to: &Email, name: &str, link: Option<String>) -> Mail {
    compose_with(city, kind, lang, to, name, link, &[])
}

/// [`compose`], with more values for the message's text (a receipt's reference number, say).
pub fn compose_with(
    city: &City,
    kind: Kind,
    lang: Lang,
    to: &Email,
    name: &str,
    link: Option<String>,
    extra: &[(&str, Arg)],
) -> Mail {
    let key = |part: &str| format!("{}-{part}", kind.prefix());
    let mut args = vec![("name", Arg::from(name.to_string())), ("hours", Arg::from(LINK_HOURS))];
    args.extend(extra.iter().cloned());
    let say = |key: &str| city.message(lang, key, &args);
    let subject = say(&key("subject"));
    let greeting = say("mail-greeting");
    let body = say(&key("body"));
    let button = say(&key("button"));
    let closing = say("mail-closing");
    let paragraphs: Vec<&str> = body.split("\n\n").collect();

    let mut text = format!("{greeting}\n\n{}\n\n", paragraphs.join("\n\n"));
    let mut html = format!("<p>{}</p>\n", escape(&greeting));
    for paragraph in &paragraphs {
        html.push_str(&format!("<p>{}</p>\n", escape(paragraph)));
    }
    if let Some(link) = &link {
        text.push_str(&format!("{button}:\n{link}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{0}\" style=\"display:inline-block;padding:12px 20px;background:#0b4f8a;color:#ffffff;\
             text-decoration:none;border-radius:4px\">{1}</a></p>\n<p>{2}<br>{0}</p>\n",
            escape(link),
            escape(&button),
            escape(&say("mail-link-fallback")),
        ));
    }
    text.push_str(&closing);
    html.push_str(&format!("<p>{}</p>", escape(&closing).replace('\n', "<br>")));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\n{html}\n</body></html>",
        lang.code(),
        escape(&subject)
    );
    Mail { to: to.clone(), subject, text, html, link, id: None }
}

/// How long an e-mailed link stays valid.
pub const LINK_HOURS: i64 = 24;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages_with_its_link() {
        let city = crate::city::ssr::tests::ontario();
        let to = Email::parse("marie@example.ca").unwrap();
        for kind in
            [Kind::Welcome, Kind::AlreadyRegistered, Kind::Reset, Kind::PasswordChanged, Kind::Receipt, Kind::Update]
        {
            for lang in Lang::ALL {
                let mail = compose(&city, kind, lang, &to, "Marie <b>", Some("https://x.test/a?token=1&b=2".into()));
                for part in [&mail.subject, &mail.text, &mail.html] {
                    assert!(!part.contains("mail-"), "{kind:?} {lang:?} lacks a key: {part}");
                }
                assert!(mail.text.contains("https://x.test/a?token=1&b=2"));
                assert!(mail.html.contains("https://x.test/a?token=1&amp;b=2"));
                assert!(mail.html.contains("Marie &lt;b&gt;") && mail.text.contains("Marie <b>"));
            }
        }
        let fr = compose(&city, Kind::Welcome, Lang::Fr, &to, "Marie", None);
        assert!(fr.html.starts_with("<!DOCTYPE html><html lang=\"fr\""));
        assert!(fr.text.contains("311@grandsudbury.ca"), "{}", fr.text);
    }
}
