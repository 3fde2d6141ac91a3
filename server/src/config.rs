//! Configuration: the built-in Greater Sudbury profile (`city-profile/city.toml`), then the file named by
//! `PORTAL_CONFIG_FILE` if any, then `PORTAL_SECTION__KEY` environment variables
//! (e.g. `PORTAL_SERVER__ADDRESS=0.0.0.0:8080`, `PORTAL_CITY__NAME__FR="Ville de Timmins"`).
//!
//! Everything is checked here, at start-up: a bad value stops the server with a message naming its key,
//! and the rest of the program only sees valid settings.

use app::addresses::map::{MapSettings, MapView};
use app::addresses::ssr::{Boundary, Landmark};
use app::catalogue::Code;
use app::chat::model::Canned;
use app::chat::ssr::ChatSettings;
use app::city::ssr::{City, Holiday, HolidayRule, Team};
use app::city::{CityProfile, PhoneNumber, PrivacyOfficer, WeeklyHours};
use app::i18n::Text;
use app::open311::ssr::Open311Settings;
use figment::providers::{Env, Format, Toml};
use figment::Figment;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Greater Sudbury, the default city profile, built into the binary.
pub const DEFAULT_CITY: &str = include_str!("../city-profile/city.toml");

#[derive(Clone, Debug)]
pub struct Settings {
    pub server: ServerSettings,
    pub mail: MailSettings,
    pub sms: Sms,
    /// The secret the SMS provider signs its webhook calls with; without it the inbound webhook refuses
    /// every call. (Twilio's auth token, which also authenticates our calls to it.)
    pub sms_webhook_token: Option<String>,
    pub files: Files,
    pub city: City,
    /// The catalogue file to load at start-up; `None` means the built-in one.
    pub catalogue_file: Option<PathBuf>,
    pub chat: ChatSettings,
    pub open311: Open311Settings,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub address: SocketAddr,
    /// Where the embedded database, the outbox and the local file store live.
    pub data_dir: PathBuf,
    /// The built browser assets (`target/site` after `cargo leptos build`).
    pub site_root: PathBuf,
    /// Defaults to an SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// The address residents use, for links in e-mails (`https://…` also makes cookies `Secure`).
    /// Defaults to `http://` and `address`.
    pub public_url: Option<String>,
    /// Behind a reverse proxy, every connection comes from the proxy: the client's address (for rate
    /// limits) is then the last one the proxy adds to `X-Forwarded-For`. Never set it without a proxy.
    #[serde(default)]
    pub behind_proxy: bool,
    /// The most a client may take to send a request's headers before its connection is closed (one
    /// sending them a byte at a time would otherwise hold it for ever).
    #[serde(default = "header_timeout_seconds")]
    pub header_timeout_seconds: u64,
    /// The most a request may take, body included, before it is answered 408: a client sending its form
    /// a byte at a time holds nothing longer (the event streams of the chat are exempt).
    #[serde(default = "request_timeout_seconds")]
    pub request_timeout_seconds: u64,
    /// The same for photo uploads and residents' updates with files, which a slow phone connection
    /// needs minutes for.
    #[serde(default = "upload_timeout_seconds")]
    pub upload_timeout_seconds: u64,
    /// Photos and files are refused (a clear message; the request can still be submitted) while the disk
    /// of `data_dir/files` has less free space than this, so that the database always has room to write.
    #[serde(default = "min_free_disk_mb")]
    pub min_free_disk_mb: u64,
}

fn min_free_disk_mb() -> u64 {
    256
}

fn header_timeout_seconds() -> u64 {
    10
}

fn request_timeout_seconds() -> u64 {
    30
}

fn upload_timeout_seconds() -> u64 {
    600
}

/// E-mail: sent over SMTP when `smtp_url` is set, written to `data_dir/outbox/email` otherwise.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// The sender, e.g. `"Grand Sudbury 311 <311@grandsudbury.ca>"`.
    pub from: String,
    /// e.g. `smtp://user:password@smtp.example.ca:587?tls=required` or `smtps://…:465` (lettre's URL form).
    pub smtp_url: Option<String>,
    /// Keeps e-mails in the outbox although the portal is public (https): only a test or pilot machine
    /// says so, because the outbox and the log then hold residents' sign-in links.
    #[serde(default)]
    pub outbox: bool,
}

/// Text messages: written to `data_dir/outbox/sms` by default, or sent through a Twilio-compatible provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sms {
    Outbox,
    Twilio(Twilio),
}

/// A Twilio-compatible provider, every setting present and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Twilio {
    pub account_sid: String,
    pub auth_token: String,
    /// The number messages come from.
    pub from: app::accounts::model::Mobile,
    /// Twilio's API by default; another address for a compatible provider.
    pub api_base: Option<String>,
}

/// Photos and files of requests: `data_dir/files` by default, or an S3-compatible bucket. S3 credentials
/// come from the usual `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` variables, never from this file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Files {
    Local,
    S3 {
        bucket: String,
        /// For S3-compatible services other than AWS (MinIO, Ceph...): their address.
        endpoint: Option<String>,
        region: Option<String>,
    },
}

/// The `[sms]` section as written; checked into [`Sms`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SmsSettings {
    pub provider: SmsProvider,
    /// The number messages come from (E.164), for Twilio.
    pub from: Option<String>,
    pub account_sid: Option<String>,
    /// Signs the provider's webhook calls (and, for Twilio, authenticates our calls). Without it the inbound
    /// webhook refuses every call.
    pub auth_token: Option<String>,
    /// Twilio's API by default; another address for a compatible provider.
    pub api_base: Option<String>,
}

/// The `[files]` section as written; checked into [`Files`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    store: FileStore,
    bucket: Option<String>,
    endpoint: Option<String>,
    region: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum FileStore {
    Local,
    S3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SmsProvider {
    Outbox,
    Twilio,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Format(String),
    #[error("configuration key `{key}`: {problem}")]
    Invalid { key: String, problem: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    server: ServerSettings,
    mail: MailSettings,
    sms: SmsSettings,
    files: FileSettings,
    city: RawCity,
    #[serde(default)]
    map: RawMap,
    #[serde(default)]
    catalogue: RawCatalogue,
    chat: RawChat,
    open311: RawOpen311,
}

/// The `[open311]` section.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOpen311 {
    jurisdiction_id: String,
    reads_per_minute: u32,
    cache_seconds: u32,
}

/// The `[chat]` section as written; checked into [`ChatSettings`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChat {
    max_chats: u32,
    answer_within_minutes: i64,
    #[serde(default)]
    canned: Vec<Canned>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCity {
    name: Text,
    time_zone: String,
    phone_local: PhoneNumber,
    phone_long_distance: PhoneNumber,
    email: String,
    chat_hours: String,
    phone_hours: String,
    holidays: Vec<RawHoliday>,
    teams: Vec<Team>,
    privacy_officer: PrivacyOfficer,
    #[serde(default)]
    limits: Vec<(f64, f64)>,
    #[serde(default)]
    places: Vec<RawPlace>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    code: String,
    name: Text,
    #[serde(default)]
    aliases: Vec<String>,
    latitude: f64,
    longitude: f64,
}

/// The `[map]` section: without `tiles`, the map is not offered.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    tiles: Option<String>,
    attribution: Option<Text>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    zoom: Option<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: Text,
    rule: String,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    file: Option<PathBuf>,
}

impl Settings {
    /// Reads the configuration from the built-in profile, `PORTAL_CONFIG_FILE` and the environment.
    pub fn load() -> Result<Settings, ConfigError> {
        let mut figment = Figment::from(Toml::string(DEFAULT_CITY));
        if let Some(file) = std::env::var_os("PORTAL_CONFIG_FILE") {
            let file = PathBuf::from(file);
            if !file.is_file() {
                return Err(ConfigError::Invalid {
                    key: "PORTAL_CONFIG_FILE".into(),
                    problem: format!("{} is not a readable file", file.display()),
                });
            }
            figment = figment.merge(Toml::file(file));
        }
        Self::from_figment(figment.merge(Env::prefixed("PORTAL_").split("__").ignore(&["config_file"])))
    }

    pub fn from_figment(figment: Figment) -> Result<Settings, ConfigError> {
        let raw: RawSettings = figment.extract().map_err(|errors| {
            ConfigError::Format(
                errors
                    .into_iter()
                    .map(|error| match error.path.is_empty() {
                        true => error.kind.to_string(),
                        false => format!("configuration key `{}`: {}", error.path.join("."), error.kind),
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        check_mail(&raw.mail)?;
        if let Some(url) = &raw.server.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) || url.contains(char::is_whitespace) {
                return Err(invalid("server.public_url", format!("\"{url}\" is not an http(s) address")));
            }
            if url.starts_with("https://") && raw.mail.smtp_url.is_none() && !raw.mail.outbox {
                let problem = "a public (https) portal needs an SMTP server for its e-mails (or `mail.outbox = true` \
                               to keep them, and their sign-in links, in the data folder on purpose)";
                return Err(invalid("mail.smtp_url", problem));
            }
        }
        Ok(Settings {
            server: raw.server,
            mail: raw.mail,
            sms_webhook_token: raw.sms.auth_token.clone(),
            sms: sms(raw.sms)?,
            files: files(raw.files)?,
            city: city(raw.city, raw.map)?,
            catalogue_file: raw.catalogue.file,
            chat: chat(raw.chat)?,
            open311: open311(raw.open311)?,
        })
    }

    pub fn public_url(&self) -> String {
        let url = self.server.public_url.clone().unwrap_or_else(|| format!("http://{}", self.server.address));
        url.trim_end_matches('/').to_string()
    }

    pub fn database_url(&self) -> String {
        self.server
            .database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.server.data_dir.join("portal.sqlite3").display()))
    }
}

fn open311(raw: RawOpen311) -> Result<Open311Settings, ConfigError> {
    let id = raw.jurisdiction_id.trim();
    if id.is_empty() || id.len() > 100 || !id.chars().all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c)) {
        return Err(invalid(
            "open311.jurisdiction_id",
            "needs letters, digits, dots or dashes, like \"greatersudbury.ca\"",
        ));
    }
    if raw.reads_per_minute == 0 {
        return Err(invalid("open311.reads_per_minute", "needs at least 1"));
    }
    if raw.cache_seconds > 300 {
        return Err(invalid("open311.cache_seconds", "needs 0 to 300 (lists older than 5 minutes mislead)"));
    }
    let (reads_per_minute, cache_seconds) = (raw.reads_per_minute, raw.cache_seconds);
    Ok(Open311Settings { jurisdiction_id: id.to_string(), reads_per_minute, cache_seconds })
}

fn invalid(key: &str, problem: impl ToString) -> ConfigError {
    ConfigError::Invalid { key: key.into(), problem: problem.to_string() }
}

fn check_mail(mail: &MailSettings) -> Result<(), ConfigError> {
    mail.from.parse::<lettre::message::Mailbox>().map_err(|_| {
        invalid("mail.from", format!("\"{}\" is not a sender like \"Name <address@example.ca>\"", mail.from))
    })?;
    if let Some(url) = &mail.smtp_url {
        lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|error| invalid("mail.smtp_url", error))?;
    }
    Ok(())
}

fn sms(raw: SmsSettings) -> Result<Sms, ConfigError> {
    if raw.provider == SmsProvider::Outbox {
        return Ok(Sms::Outbox);
    }
    let needed = |key: &str, value: Option<String>| {
        value.filter(|v| !v.trim().is_empty()).ok_or_else(|| invalid(key, "is needed when sms.provider is \"twilio\""))
    };
    let account_sid = needed("sms.account_sid", raw.account_sid)?;
    let auth_token = needed("sms.auth_token", raw.auth_token)?;
    let from = raw.from.as_deref().and_then(app::accounts::model::Mobile::parse);
    let from = from.ok_or_else(|| invalid("sms.from", "needs the provider's phone number, e.g. \"+17055550100\""))?;
    Ok(Sms::Twilio(Twilio { account_sid, auth_token, from, api_base: raw.api_base }))
}

fn files(raw: FileSettings) -> Result<Files, ConfigError> {
    Ok(match raw.store {
        FileStore::Local => Files::Local,
        FileStore::S3 => Files::S3 {
            bucket: raw
                .bucket
                .filter(|bucket| !bucket.trim().is_empty())
                .ok_or_else(|| invalid("files.bucket", "is needed when files.store is \"s3\""))?,
            endpoint: raw.endpoint,
            region: raw.region,
        },
    })
}

fn chat(raw: RawChat) -> Result<ChatSettings, ConfigError> {
    if !(1..=20).contains(&raw.max_chats) {
        return Err(invalid("chat.max_chats", "must be between 1 and 20"));
    }
    if !(1..=240).contains(&raw.answer_within_minutes) {
        return Err(invalid("chat.answer_within_minutes", "must be between 1 and 240"));
    }
    for (i, canned) in raw.canned.iter().enumerate() {
        let texts = [&canned.title.fr, &canned.title.en, &canned.text.fr, &canned.text.en];
        if texts.iter().any(|text| text.trim().is_empty()) {
            return Err(invalid(&format!("chat.canned[{i}]"), "needs `title` and `text` in both `fr` and `en`"));
        }
    }
    Ok(ChatSettings {
        max_chats: raw.max_chats,
        answer_within_seconds: raw.answer_within_minutes * 60,
        canned: raw.canned,
    })
}

fn city(raw: RawCity, map: RawMap) -> Result<City, ConfigError> {
    let time_zone = jiff::tz::TimeZone::get(&raw.time_zone)
        .map_err(|_| invalid("city.time_zone", format!("\"{}\" is not an IANA time zone", raw.time_zone)))?;
    let hours = |key: &str, text: &str| WeeklyHours::parse(text).map_err(|error| invalid(key, error));
    let holidays = raw
        .holidays
        .into_iter()
        .enumerate()
        .map(|(i, holiday)| {
            HolidayRule::parse(&holiday.rule)
                .map(|rule| Holiday { name: holiday.name, rule })
                .map_err(|error| invalid(&format!("city.holidays[{i}].rule"), error))
        })
        .collect::<Result<_, _>>()?;
    for (key, email) in [("city.email", &raw.email), ("city.privacy_officer.email", &raw.privacy_officer.email)] {
        if !is_plausible_email(email) {
            return Err(invalid(key, format!("\"{email}\" is not an e-mail address")));
        }
    }
    for (key, text) in [("city.name", &raw.name), ("city.privacy_officer.title", &raw.privacy_officer.title)] {
        if text.fr.trim().is_empty() || text.en.trim().is_empty() {
            return Err(invalid(key, "needs both `fr` and `en`"));
        }
    }
    for (i, team) in raw.teams.iter().enumerate() {
        let well_formed = !team.code.is_empty() && team.code.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if !well_formed || raw.teams[..i].iter().any(|other| other.code == team.code) {
            return Err(invalid(&format!("city.teams[{i}].code"), "needs a unique code of lower-case letters and -"));
        }
        if team.name.fr.trim().is_empty() || team.name.en.trim().is_empty() {
            return Err(invalid(&format!("city.teams[{i}].name"), "needs both `fr` and `en`"));
        }
    }
    Ok(City {
        profile: CityProfile {
            name: raw.name,
            phone_local: raw.phone_local,
            phone_long_distance: raw.phone_long_distance,
            email: raw.email,
            chat_hours: hours("city.chat_hours", &raw.chat_hours)?,
            phone_hours: hours("city.phone_hours", &raw.phone_hours)?,
        },
        privacy_officer: raw.privacy_officer,
        time_zone,
        holidays,
        teams: raw.teams,
        places: places(raw.places)?,
        limits: match raw.limits.is_empty() {
            true => None,
            false => {
                Some(Boundary::new(raw.limits).ok_or_else(|| invalid("city.limits", "needs three points or more"))?)
            }
        },
        map: map_settings(map)?,
    })
}

fn places(raw: Vec<RawPlace>) -> Result<Vec<Landmark>, ConfigError> {
    let mut places: Vec<Landmark> = Vec::with_capacity(raw.len());
    for (i, place) in raw.into_iter().enumerate() {
        let key = |field: &str| format!("city.places[{i}].{field}");
        let code = Code::parse(&place.code)
            .filter(|code| places.iter().all(|other| other.code != *code))
            .ok_or_else(|| invalid(&key("code"), "needs a unique code of lower-case letters, digits and -"))?;
        // " | " separates the two languages of a stored place label (app::addresses::bilingual).
        let names = [&place.name.fr, &place.name.en];
        if names.iter().any(|name| name.trim().is_empty() || name.contains('|')) {
            return Err(invalid(&key("name"), "needs both `fr` and `en`, without |"));
        }
        if !(-90.0..=90.0).contains(&place.latitude) || !(-180.0..=180.0).contains(&place.longitude) {
            return Err(invalid(&key("latitude"), "latitude and longitude in degrees"));
        }
        places.push(Landmark {
            code,
            name: place.name,
            aliases: place.aliases,
            latitude: place.latitude,
            longitude: place.longitude,
        });
    }
    Ok(places)
}

fn map_settings(raw: RawMap) -> Result<Option<MapSettings>, ConfigError> {
    let Some(tiles) = raw.tiles.filter(|tiles| !tiles.trim().is_empty()) else { return Ok(None) };
    let well_formed = (tiles.starts_with("https://") || tiles.starts_with("http://"))
        && ["{z}", "{x}", "{y}"].iter().all(|part| tiles.contains(part));
    if !well_formed {
        return Err(invalid("map.tiles", "needs an http(s) address with {z}, {x} and {y}"));
    }
    let attribution = raw
        .attribution
        .filter(|text| !text.fr.trim().is_empty() && !text.en.trim().is_empty())
        .ok_or_else(|| invalid("map.attribution", "needs both `fr` and `en`: the tiles' licence asks for it"))?;
    let centre = match (raw.latitude, raw.longitude, raw.zoom) {
        (Some(latitude), Some(longitude), Some(zoom)) => MapView::parse(&format!("{latitude},{longitude},{zoom}")),
        _ => None,
    }
    .ok_or_else(|| invalid("map.latitude", "the map's centre needs latitude, longitude and a zoom of 12 to 19"))?;
    Ok(Some(MapSettings { tiles, attribution, centre }))
}

/// One `@` with something on both sides and a dot in the domain: enough to catch a typo in a config file.
fn is_plausible_email(email: &str) -> bool {
    email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_with(overrides: &str) -> Result<Settings, ConfigError> {
        Settings::from_figment(Figment::from(Toml::string(DEFAULT_CITY)).merge(Toml::string(overrides)))
    }

    fn error_of(overrides: &str) -> String {
        load_with(overrides).expect_err("should be refused").to_string()
    }

    #[test]
    fn a_public_portal_does_not_keep_mail_in_its_outbox_by_accident() {
        let https = "[server]\npublic_url = \"https://311.example.ca\"\n";
        assert!(error_of(https).contains("mail.smtp_url"));
        assert!(load_with(&format!("{https}[mail]\noutbox = true\n")).is_ok());
        assert!(load_with(&format!("{https}[mail]\nsmtp_url = \"smtp://smtp.example.ca:587\"\n")).is_ok());
        assert!(load_with("[server]\npublic_url = \"http://127.0.0.1:3000\"\n").is_ok());
    }

    #[test]
    fn the_default_profile_is_greater_sudbury() {
        let settings = load_with("").unwrap();
        assert_eq!(settings.city.profile.name.en, "Greater Sudbury");
        assert_eq!(settings.city.profile.phone_long_distance.to_string(), "705-671-2489");
        assert_eq!(settings.city.profile.email, "311@grandsudbury.ca");
        assert_eq!(settings.server.address.to_string(), "127.0.0.1:3000");
        assert!(settings.city.holidays.len() >= 9);
    }

    #[test]
    fn bad_values_name_their_key() {
        assert!(error_of("[server]\naddress = \"localhost:port\"").contains("server.address"));
        assert!(error_of("[city]\ntime_zone = \"Mars/Olympus\"").contains("city.time_zone"));
        assert!(error_of("[city]\nphone_hours = \"mon-fri 9-5\"").contains("city.phone_hours"));
        assert!(error_of("[city]\nemail = \"311-at-city\"").contains("city.email"));
        assert!(error_of("[city]\nname = { fr = \"\", en = \"X\" }").contains("city.name"));
        assert!(error_of("[city]\nphone_local = \"call us\"").contains("city.phone_local"));
        assert!(error_of("[city]\nmayor = \"Nobody\"").contains("mayor"));
        let bad_rule = DEFAULT_CITY.replace("rule = \"12-26\"", "rule = \"christmas\"");
        let error = Settings::from_figment(Figment::from(Toml::string(&bad_rule))).unwrap_err().to_string();
        assert!(error.contains("city.holidays[") && error.contains("christmas"), "{error}");
        let twice = DEFAULT_CITY.replace("code = \"winter\"", "code = \"roads\"");
        let error = Settings::from_figment(Figment::from(Toml::string(&twice))).unwrap_err().to_string();
        assert!(error.contains("city.teams[1].code"), "{error}");
    }

    #[test]
    fn providers_carry_their_checked_settings() {
        let settings =
            |extra: &str| Settings::from_figment(Figment::from(Toml::string(DEFAULT_CITY)).merge(Toml::string(extra)));
        let defaults = settings("").unwrap();
        assert_eq!((defaults.sms, defaults.files, defaults.sms_webhook_token), (Sms::Outbox, Files::Local, None));
        let twilio =
            "[sms]\nprovider = \"twilio\"\naccount_sid = \"AC42\"\nauth_token = \"secret\"\nfrom = \"705-555-0100\"\n";
        let configured = settings(twilio).unwrap();
        let Sms::Twilio(provider) = configured.sms else { panic!("twilio") };
        assert_eq!(provider.from.as_str(), "+17055550100");
        assert_eq!(configured.sms_webhook_token.as_deref(), Some("secret"));
        let error = settings(&twilio.replace("auth_token = \"secret\"\n", "")).unwrap_err().to_string();
        assert!(error.contains("sms.auth_token"), "{error}");
        let error = settings(&twilio.replace("705-555-0100", "nobody")).unwrap_err().to_string();
        assert!(error.contains("sms.from"), "{error}");
        let s3 = settings("[files]\nstore = \"s3\"\nbucket = \"b\"\n").unwrap();
        assert_eq!(s3.files, Files::S3 { bucket: "b".into(), endpoint: None, region: None });
        let error = settings("[files]\nstore = \"s3\"\nbucket = \" \"\n").unwrap_err().to_string();
        assert!(error.contains("files.bucket"), "{error}");
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment::Jail's closure returns figment::Error, large by design
    fn environment_variables_override_the_file() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("PORTAL_SERVER__ADDRESS", "0.0.0.0:8080");
            jail.set_env("PORTAL_CITY__EMAIL", "info@timmins.ca");
            jail.set_env("PORTAL_CITY__PHONE_LOCAL", "311");
            jail.set_env("PORTAL_CITY__NAME__FR", "Ville de Timmins");
            let settings = Settings::load().map_err(|error| error.to_string())?;
            assert_eq!(settings.server.address.port(), 8080);
            assert_eq!(settings.city.profile.email, "info@timmins.ca");
            assert_eq!(settings.city.profile.phone_local.to_string(), "311");
            assert_eq!(settings.city.profile.name.fr, "Ville de Timmins");
            jail.set_env("PORTAL_SERVER__ADDRESS", "somewhere");
            let error = Settings::load().unwrap_err().to_string();
            assert!(error.contains("server.address"), "{error}");
            Ok(())
        });
    }
}
