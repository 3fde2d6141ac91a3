//! `server create-staff --role agent|supervisor|admin --email … --name … [--lang fr|en]`: a staff
//! account, made by the city's IT team on the server (`create-admin` is `create-staff --role admin`).
//! The new staff member receives the usual e-mail with a link to choose a password; the link is also
//! printed, for an IT team setting up a portal before its mail server is, with the page where their first
//! sign-in sets up two-step verification.
//!
//! `server reset-two-factor --email …`: for a staff member who lost their phone and their recovery codes,
//! forgets their authenticator and ends their sessions; they enrol again at their next sign-in.

use crate::config::Settings;
use crate::store::Store;
use app::accounts::model::{Email, PersonName, Role, UpdatesBy};
use app::accounts::ssr::two_factor::SecondFactorStore;
use app::accounts::ssr::{flows, mail, AccountStore, NewAccount};
use app::i18n::Lang;

/// The value that follows the flag `name` (`--email`, `--rate`…) among a command's arguments.
pub fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

#[derive(Debug)]
pub struct CreateStaff {
    pub email: Email,
    pub name: PersonName,
    pub lang: Lang,
    pub role: Role,
}

impl CreateStaff {
    /// Reads `--email`, `--name`, and optionally `--lang` (French by default: Sudbury's 311 is bilingual)
    /// and `--role` (`role` when absent).
    pub fn parse(args: &[String], role: Role) -> Result<CreateStaff, String> {
        let value = |name: &str| flag(args, name).map(str::to_string);
        let email = value("--email").ok_or("--email is required")?;
        let name = value("--name").ok_or("--name is required")?;
        let lang = value("--lang").unwrap_or_else(|| "fr".into());
        let role = match value("--role") {
            None => role,
            Some(code) => Role::parse(&code)
                .filter(|role| role.is_staff())
                .ok_or(format!("--role is agent, supervisor or admin, not \"{code}\""))?,
        };
        Ok(CreateStaff {
            email: Email::parse(&email).ok_or(format!("\"{email}\" is not an e-mail address"))?,
            name: PersonName::parse(&name).ok_or(format!("\"{name}\" is not a name"))?,
            lang: Lang::from_tag(&lang).ok_or(format!("--lang is fr or en, not \"{lang}\""))?,
            role,
        })
    }
}

/// What IT passes on to a new staff member: the link to choose a password, then the page where the first
/// sign-in sets up the authenticator app.
#[derive(Debug)]
pub struct StaffLinks {
    pub password: String,
    pub enrolment: String,
}

/// Creates the staff account and e-mails them their link; returns the links to pass on.
pub async fn create_staff(settings: &Settings, admin: CreateStaff) -> anyhow::Result<StaffLinks> {
    std::fs::create_dir_all(&settings.server.data_dir)?;
    let store = Store::open(&settings.database_url()).await?;
    let accounts = crate::startup::accounts(settings, &store)?;
    let new = NewAccount {
        email: admin.email.clone(),
        name: admin.name.clone(),
        mobile: None,
        lang: admin.lang,
        updates_by: UpdatesBy::Email,
        role: admin.role,
    };
    let Some(id) = accounts.store.create_account(&new, app::accounts::ssr::now()).await? else {
        anyhow::bail!("{} already has an account", admin.email);
    };
    let link = flows::password_link(&accounts, id, None).await?;
    let message = mail::compose(
        &accounts.city,
        mail::Kind::Welcome,
        admin.lang,
        &admin.email,
        admin.name.as_str(),
        Some(link.clone()),
    );
    accounts.mailer.send(message).await?;
    Ok(StaffLinks { password: link, enrolment: accounts.site.link(app::routes::TWO_FACTOR) })
}

/// Forgets the authenticator of the account with `--email`, and ends its sessions.
pub async fn reset_two_factor(settings: &Settings, args: &[String]) -> anyhow::Result<Email> {
    let email = flag(args, "--email");
    let email = email.ok_or_else(|| anyhow::anyhow!("--email is required"))?;
    let email = Email::parse(email).ok_or_else(|| anyhow::anyhow!("\"{email}\" is not an e-mail address"))?;
    let store = Store::open(&settings.database_url()).await?;
    let account = store.account_by_email(&email).await?.ok_or_else(|| anyhow::anyhow!("{email} has no account"))?;
    SecondFactorStore::reset(&store, account.id).await?;
    Ok(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    #[test]
    fn reads_its_flags_and_refuses_bad_ones() {
        let admin = CreateStaff::parse(&args("--email IT@Example.ca --name Admin --lang en"), Role::Admin).unwrap();
        assert_eq!((admin.email.as_str(), admin.lang, admin.role), ("it@example.ca", Lang::En, Role::Admin));
        let agent = CreateStaff::parse(&args("--role agent --email a@b.ca --name Léa"), Role::Admin).unwrap();
        assert_eq!((agent.role, agent.lang), (Role::Agent, Lang::Fr));
        let parse = |text: &str| CreateStaff::parse(&args(text), Role::Admin).unwrap_err();
        assert!(parse("--name Admin").contains("--email"));
        assert!(parse("--email nope --name Admin").contains("nope"));
        assert!(parse("--email a@b.ca --name Admin --lang de").contains("--lang"));
        assert!(parse("--email a@b.ca --name Admin --role resident").contains("--role"));
    }
}
