//! `server create-admin --email … --name … [--lang fr|en]`: the first administrator. Staff accounts are
//! made by administrators later (staff screens are a later issue); someone has to be first.
//! The new admin receives the usual e-mail with a link to choose a password; the link is also printed,
//! for an IT team setting up a portal before its mail server is.

use crate::config::Settings;
use crate::store::SqliteStore;
use app::accounts::model::{Email, PersonName, Role, UpdatesBy};
use app::accounts::ssr::{flows, mail, NewAccount};
use app::i18n::Lang;

#[derive(Debug)]
pub struct CreateAdmin {
    pub email: Email,
    pub name: PersonName,
    pub lang: Lang,
}

impl CreateAdmin {
    /// Reads `--email`, `--name` and optionally `--lang` (French by default: Sudbury's 311 is bilingual).
    pub fn parse(args: &[String]) -> Result<CreateAdmin, String> {
        let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
        let email = value("--email").ok_or("--email is required")?;
        let name = value("--name").ok_or("--name is required")?;
        let lang = value("--lang").unwrap_or_else(|| "fr".into());
        Ok(CreateAdmin {
            email: Email::parse(&email).ok_or(format!("\"{email}\" is not an e-mail address"))?,
            name: PersonName::parse(&name).ok_or(format!("\"{name}\" is not a name"))?,
            lang: Lang::parse(&lang).ok_or(format!("--lang is fr or en, not \"{lang}\""))?,
        })
    }
}

/// Creates the admin and e-mails them their link; returns the link.
pub async fn create_admin(settings: &Settings, admin: CreateAdmin) -> anyhow::Result<String> {
    std::fs::create_dir_all(&settings.server.data_dir)?;
    let store = SqliteStore::open(&settings.database_url()).await?;
    let accounts = crate::startup::accounts(settings, &store)?;
    let new = NewAccount {
        email: admin.email.clone(),
        name: admin.name.clone(),
        mobile: None,
        lang: admin.lang,
        updates_by: UpdatesBy::Email,
        role: Role::Admin,
    };
    let Some(id) = accounts.store.create_account(&new, app::accounts::ssr::now()).await? else {
        anyhow::bail!("{} already has an account", admin.email);
    };
    let link = flows::password_link(&accounts, id).await?;
    let message = mail::compose(
        &accounts.city,
        mail::Kind::Welcome,
        admin.lang,
        &admin.email,
        admin.name.as_str(),
        Some(link.clone()),
    );
    accounts.mailer.send(message).await?;
    Ok(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    #[test]
    fn reads_its_flags_and_refuses_bad_ones() {
        let admin = CreateAdmin::parse(&args("--email IT@Example.ca --name Admin --lang en")).unwrap();
        assert_eq!((admin.email.as_str(), admin.lang), ("it@example.ca", Lang::En));
        assert!(CreateAdmin::parse(&args("--name Admin")).unwrap_err().contains("--email"));
        assert!(CreateAdmin::parse(&args("--email nope --name Admin")).unwrap_err().contains("nope"));
        assert!(CreateAdmin::parse(&args("--email a@b.ca --name Admin --lang de")).unwrap_err().contains("--lang"));
    }
}
