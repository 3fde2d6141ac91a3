//! The Open311 clients' keys, managed by the city's IT team on the server:
//! `server create-api-key --name "FixMyStreet" [--rate N]` (N requests a minute, 60 by default) prints the
//! new key, once; `server list-api-keys`; `server revoke-api-key --name "FixMyStreet"`.

use crate::admin::flag;
use crate::config::Settings;
use crate::store::Store;
use app::accounts::ssr::now;
use app::open311::ssr::keys::{KeyName, NewKey};
use app::open311::ssr::Open311Store;
use std::num::NonZeroU32;

/// A key's rate when `--rate` is not given: a busy client's reports, not a flood.
const DEFAULT_RATE: u32 = 60;

/// `--name`, checked.
fn name(args: &[String]) -> anyhow::Result<KeyName> {
    let given = flag(args, "--name").ok_or_else(|| anyhow::anyhow!("--name is required"))?;
    KeyName::parse(given).ok_or_else(|| anyhow::anyhow!("\"{given}\" is not a name (1 to 100 characters)"))
}

/// `create-api-key`: the key to give the client (shown this once).
pub async fn create(settings: &Settings, args: &[String]) -> anyhow::Result<String> {
    let name = name(args)?;
    let rate = match flag(args, "--rate") {
        None => NonZeroU32::new(DEFAULT_RATE).expect("not zero"),
        Some(rate) => {
            rate.parse().map_err(|_| anyhow::anyhow!("--rate is a number of requests a minute, 1 or more"))?
        }
    };
    let store = Store::open(&settings.database_url()).await?;
    let key = NewKey::generate();
    match store.create_api_key(&name, &key.hash, rate, now()).await? {
        Some(_) => Ok(format!(
            "API key for \"{}\" ({rate} requests a minute). Give it to the client now: it is not shown again.\n{}",
            name.as_str(),
            key.secret
        )),
        None => anyhow::bail!("a key named \"{}\" is in use; revoke it first, or choose another name", name.as_str()),
    }
}

/// `list-api-keys`: one line per key, the newest first.
pub async fn list(settings: &Settings) -> anyhow::Result<String> {
    let store = Store::open(&settings.database_url()).await?;
    let day = |seconds: i64| jiff::Timestamp::from_second(seconds).map(|t| t.to_string()[..10].to_string());
    let mut lines = vec!["name\trequests a minute\tcreated\trevoked\trequests filed".to_string()];
    for listing in store.api_keys().await? {
        let revoked = listing.revoked_at.map(day).transpose()?.unwrap_or_else(|| "-".into());
        lines.push(format!(
            "{}\t{}\t{}\t{revoked}\t{}",
            listing.key.name.as_str(),
            listing.key.rate_per_minute,
            day(listing.created_at)?,
            listing.requests
        ));
    }
    Ok(lines.join("\n"))
}

/// `revoke-api-key`: the key stops working at once; its requests stay, still naming it.
pub async fn revoke(settings: &Settings, args: &[String]) -> anyhow::Result<KeyName> {
    let name = name(args)?;
    let store = Store::open(&settings.database_url()).await?;
    match store.revoke_api_key(&name, now()).await? {
        true => Ok(name),
        false => anyhow::bail!("no key in use is named \"{}\"", name.as_str()),
    }
}
