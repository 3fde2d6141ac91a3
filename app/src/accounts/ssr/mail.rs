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
    /// A live chat's transcript, asked for by the signed-in resident (`chat`).
    ChatTranscript,
    /// To a new e-mail address: follow the link to make it the account's.
    ConfirmEmail,
    /// To a new e-mail address that another account already has: it cannot be used twice.
    EmailTaken,
    /// To the old address, once the change is made (so that a stranger's change does not go unnoticed).
    EmailChanged,
}

impl Kind {
    #[cfg(test)]
    const ALL: [Kind; 10] = [
        Kind::Welcome,
        Kind::AlreadyRegistered,
        Kind::Reset,
        Kind::PasswordChanged,
        Kind::Receipt,
        Kind::Update,
        Kind::ChatTranscript,
        Kind::ConfirmEmail,
        Kind::EmailTaken,
        Kind::EmailChanged,
    ];

    fn prefix(self) -> &'static str {
        match self {
            Kind::Welcome => "mail-welcome",
            Kind::AlreadyRegistered => "mail-already",
            Kind::Reset => "mail-reset",
            Kind::PasswordChanged => "mail-changed",
            Kind::Receipt => "mail-receipt",
            Kind::Update => "mail-update",
            Kind::ChatTranscript => "mail-chat",
            Kind::ConfirmEmail => "mail-confirm-email",
            Kind::EmailTaken => "mail-email-taken",
            Kind::EmailChanged => "mail-email-changed",
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
    let paragraphs: Vec<String> = body.split("\n\n").map(str::to_string).collect();

    let mut text = format!("{greeting}\n\n{}\n\n", paragraphs.join("\n\n"));
    if let Some(link) = &link {
        let line = city.message(lang, "mail-button-line", &[("button", Arg::from(button.clone()))]);
        text.push_str(&format!("{line}\n{link}\n\n"));
    }
    text.push_str(&closing);
    let button = link.clone().map(|href| Button { href, label: button, fallback: say("mail-link-fallback") });
    let html = html(lang, &subject, greeting, paragraphs, button, &closing);
    Mail { to: to.clone(), subject, text, html, link, id: None }
}

/// The message's one link, as a button with its address written out below for mail clients that hide it.
struct Button {
    href: String,
    label: String,
    fallback: String,
}

/// The HTML part, rendered by Leptos on the server, which escapes every text and attribute.
fn html(
    lang: Lang,
    subject: &str,
    greeting: String,
    paragraphs: Vec<String>,
    button: Option<Button>,
    closing: &str,
) -> String {
    use leptos::prelude::*;
    let paragraphs = paragraphs.into_iter().map(|paragraph| view! { <p>{paragraph}</p> }).collect_view();
    let button = button.map(|Button { href, label, fallback }| {
        view! {
            <p><a href=href.clone() style=BUTTON_STYLE>{label}</a></p>
            <p>{fallback}<br/>{href}</p>
        }
    });
    let closing = closing
        .lines()
        .enumerate()
        .map(|(index, line)| view! { {(index > 0).then(|| view! { <br/> })}{line.to_string()} })
        .collect_view();
    let page = view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <title>{subject.to_string()}</title>
            </head>
            <body style=BODY_STYLE>
                <p>{greeting}</p>
                {paragraphs}
                {button}
                <p>{closing}</p>
            </body>
        </html>
    };
    // `<!>` are the empty comments Leptos places between text nodes for hydration: an e-mail is never
    // hydrated, and every `<` of the text itself is escaped, so they are the only ones.
    format!("<!DOCTYPE html>{}", page.to_html().replace("<!>", ""))
}

const BODY_STYLE: &str = "font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a";
const BUTTON_STYLE: &str =
    "display:inline-block;padding:12px 20px;background:#0b4f8a;color:#ffffff;text-decoration:none;border-radius:4px";

/// How long an e-mailed link stays valid.
pub const LINK_HOURS: i64 = 24;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages_with_its_link() {
        let city = crate::city::ssr::tests::ontario();
        let to = Email::parse("marie@example.ca").unwrap();
        for kind in Kind::ALL {
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

    /// Every e-mail in both languages, as the resident receives it: reviewed in `snapshots/`.
    #[test]
    fn every_message_reads_as_reviewed() {
        let city = crate::city::ssr::tests::ontario();
        let to = Email::parse("marie@example.ca").unwrap();
        let args = [
            ("reference", Arg::from("2026-000042")),
            ("service", Arg::from("Nid-de-poule / Pothole")),
            ("address", Arg::from("200 Brady St")),
            ("what", Arg::from("« En cours » / \"In progress\"")),
            ("link", Arg::from("https://311.example.ca/requests/2026-000042")),
            ("survey", Arg::from("https://311.example.ca/requests/2026-000042/survey")),
            ("transcript", Arg::from("14:05 Marie : Bonjour\n\n14:06 Ana : Bonjour Marie, je regarde.")),
            ("day", Arg::from("2026-12-03")),
            ("new", Arg::from("marie.tremblay@example.ca")),
        ];
        for kind in Kind::ALL {
            for lang in Lang::ALL {
                let link = Some("https://311.example.ca/a?token=1&b=2".to_string());
                let mail = compose_with(&city, kind, lang, &to, "Marie <Tremblay>", link, &args);
                let shown = format!("Subject: {}\n\n{}\n\n---\n\n{}", mail.subject, mail.text, mail.html);
                insta::assert_snapshot!(format!("mail-{}-{}", kind.prefix(), lang.code()), shown);
            }
        }
    }
}
