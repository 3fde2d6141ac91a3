//! Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure, and named `__Host-session`, when
//! the site is served over https); the database keeps its hash. A session ends after an hour without use
//! (half an hour for staff) or twelve hours after sign-in, whichever comes first, and at sign-out or a
//! password change.

use super::{now, tokens, Account, AccountId, AccountStore, Accounts, NewSession, Site};
use crate::accounts::model::SessionUser;
use crate::cookies::SiteCookie;
use crate::errors::AppError;
use crate::i18n::Lang;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::HeaderMap,
    middleware::Next,
    response::Response,
};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

pub const IDLE_SECONDS: i64 = 60 * 60;
/// Staff see every resident's requests: a console left open on an unattended desk closes sooner.
pub const STAFF_IDLE_SECONDS: i64 = 30 * 60;
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
/// Last use is written at most this often, so that reading pages does not mean writing the database.
const TOUCH_EVERY_SECONDS: i64 = 60;

const COOKIE: SiteCookie = SiteCookie { plain: "session", host_only: "__Host-session" };

/// The signed-in person of this request, put in the request's extensions by [`resolve`].
#[derive(Clone, Debug)]
pub struct CurrentSession {
    pub account_id: AccountId,
    pub token_hash: Vec<u8>,
    pub user: SessionUser,
    /// Staff proved their authenticator's code in this session (`two_factor`): the console is open to them.
    pub second_factor: bool,
}

impl CurrentSession {
    /// Acts as staff: a staff account whose second factor is proven in this session. Until then a staff
    /// member is treated as anyone signed in: they see only their own requests.
    pub fn is_staff(&self) -> bool {
        self.user.role.is_staff() && self.second_factor
    }
}

/// Counted for requests whose address is unknown (no connection information: only in-process calls).
const UNKNOWN_CLIENT: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

/// Where the request came from, for rate limits.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

/// Middleware: finds the session the cookie names, if it is still valid, before any page or server
/// function runs. Expired sessions are deleted on sight.
pub async fn resolve(State(accounts): State<Arc<Accounts>>, mut request: Request, next: Next) -> Response {
    let connection = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(address)| address.ip());
    let forwarded = accounts.site.behind_proxy.then(|| forwarded_for(request.headers())).flatten();
    let ip = forwarded.or(connection).unwrap_or(UNKNOWN_CLIENT);
    request.extensions_mut().insert(ClientIp(ip));
    if let Some(token) = COOKIE.read(request.headers(), accounts.site.secure()) {
        match find(&accounts, token).await {
            Ok(Some(session)) => {
                request.extensions_mut().insert(session);
            }
            Ok(None) => {}
            Err(error) => tracing::error!(?error, "reading a session"),
        }
    }
    next.run(request).await
}

/// The address our proxy saw the request come from: the last entry of `X-Forwarded-For` (earlier ones are
/// whatever the client claimed).
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let header = headers.get_all("x-forwarded-for").iter().next_back()?.to_str().ok()?;
    header.rsplit(',').next()?.trim().parse().ok()
}

async fn find(accounts: &Accounts, token: &str) -> anyhow::Result<Option<CurrentSession>> {
    let token_hash = tokens::hash(token);
    let Some(stored) = accounts.store.session(&token_hash).await? else { return Ok(None) };
    let now = now();
    let Some(account) = accounts.store.account(stored.account_id).await?.filter(Account::is_open) else {
        return Ok(None);
    };
    let idle = if account.role.is_staff() { STAFF_IDLE_SECONDS } else { IDLE_SECONDS };
    if now - stored.last_seen_at > idle || now - stored.created_at > ABSOLUTE_SECONDS {
        accounts.store.delete_session(&token_hash).await?;
        return Ok(None);
    }
    let Some(name) = account.name else { return Ok(None) };
    if now - stored.last_seen_at > TOUCH_EVERY_SECONDS {
        accounts.store.touch_session(&token_hash, now).await?;
    }
    let user = SessionUser { name: name.as_str().to_string(), role: account.role };
    Ok(Some(CurrentSession { account_id: account.id, token_hash, user, second_factor: stored.second_factor }))
}

/// Who is calling, from where, in what language: read once from the request at the edge (server functions,
/// axum handlers) and handed to the flows, which never read the request themselves.
#[derive(Clone, Debug)]
pub struct Caller {
    pub session: Option<CurrentSession>,
    pub ip: IpAddr,
    pub lang: Lang,
    /// The browser and system, as the devices list names them ([`device_of`]).
    pub device: String,
}

impl Caller {
    /// The caller of the request being served, from the parts leptos_axum provides. Only the edge calls it.
    pub fn of_request() -> Caller {
        let parts = leptos::prelude::use_context::<http::request::Parts>();
        let extensions = parts.as_ref().map(|parts| &parts.extensions);
        Caller {
            session: extensions.and_then(|e| e.get::<CurrentSession>()).cloned(),
            ip: extensions.and_then(|e| e.get::<ClientIp>()).map_or(UNKNOWN_CLIENT, |ip| ip.0),
            lang: parts.as_ref().map(|parts| crate::i18n::ssr::negotiate(&parts.headers)).unwrap_or_default(),
            device: parts.as_ref().map(|parts| device_of(&parts.headers)).unwrap_or_default(),
        }
    }

    /// The signed-in person, or `SignInRequired`.
    pub fn signed_in(&self) -> Result<&CurrentSession, AppError> {
        self.session.as_ref().ok_or(AppError::SignInRequired)
    }

    pub fn account(&self) -> Option<AccountId> {
        self.session.as_ref().map(|session| session.account_id)
    }
}

/// The signed-in person, as the pages see them (the shell hands it to the browser).
pub fn request_user() -> Option<SessionUser> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts.extensions.get::<CurrentSession>().map(|session| session.user.clone())
}

/// Starts a session for `account_id`; returns the token for [`set_cookie`].
pub async fn start(store: &dyn AccountStore, account_id: AccountId, session: NewSession<'_>) -> anyhow::Result<String> {
    let token = tokens::new_token();
    store.create_session(account_id, &tokens::hash(&token), session, now()).await?;
    Ok(token)
}

/// "Firefox · Windows": enough for a person to recognise their own devices in a list, and no more of the
/// User-Agent than that (it is kept with the session). Edge and Opera say "Chrome" too, so they come first.
pub fn device_of(headers: &HeaderMap) -> String {
    let agent = headers.get(http::header::USER_AGENT).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let first = |names: &[(&str, &'static str)]| names.iter().find(|(token, _)| agent.contains(token)).map(|n| n.1);
    let browser = first(&[
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]);
    let system = first(&[
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]);
    [browser, system].into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

/// Ends `session`, if any. The edge clears the cookie with [`clear_cookie`].
pub async fn end(store: &dyn AccountStore, session: Option<&CurrentSession>) -> anyhow::Result<()> {
    if let Some(session) = session {
        store.delete_session(&session.token_hash).await?;
    }
    Ok(())
}

/// Sets the session cookie on the response being written (edge only).
pub fn set_cookie(site: &Site, token: &str) {
    put_cookie(site, token, ABSOLUTE_SECONDS);
}

/// Clears the session cookie on the response being written (edge only).
pub fn clear_cookie(site: &Site) {
    put_cookie(site, "", 0);
}

fn put_cookie(site: &Site, token: &str, max_age: i64) {
    COOKIE.put(token, max_age, site.secure());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_address_the_proxy_added_last() {
        let mut headers = HeaderMap::new();
        assert_eq!(forwarded_for(&headers), None);
        headers.insert("x-forwarded-for", "203.0.113.9, 198.51.100.7".parse().unwrap());
        assert_eq!(forwarded_for(&headers), Some("198.51.100.7".parse().unwrap()));
        headers.insert("x-forwarded-for", "nonsense".parse().unwrap());
        assert_eq!(forwarded_for(&headers), None);
    }

    #[test]
    fn a_device_is_named_by_its_browser_and_system() {
        let device = |agent: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(http::header::USER_AGENT, agent.parse().unwrap());
            device_of(&headers)
        };
        let windows_edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                            Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        assert_eq!(device(windows_edge), "Edge · Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                      Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device(iphone), "Safari · iPhone");
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(device(android), "Chrome · Android");
        assert_eq!(device("curl/8.5.0"), "");
        assert_eq!(device_of(&HeaderMap::new()), "");
    }
}
