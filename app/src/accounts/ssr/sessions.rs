//! Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure, and named `__Host-session`, when
//! the site is served over https); the database keeps its hash. A session ends after an hour without use
//! or twelve hours after sign-in, whichever comes first, and at sign-out or a password change.

use super::{now, tokens, Account, AccountId, Accounts};
use crate::accounts::model::SessionUser;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap},
    middleware::Next,
    response::Response,
};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

pub const IDLE_SECONDS: i64 = 60 * 60;
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
/// Last use is written at most this often, so that reading pages does not mean writing the database.
const TOUCH_EVERY_SECONDS: i64 = 60;

const COOKIE: &str = "session";
const SECURE_COOKIE: &str = "__Host-session";

/// The signed-in person of this request, put in the request's extensions by [`resolve`].
#[derive(Clone, Debug)]
pub struct CurrentSession {
    pub account_id: AccountId,
    pub token_hash: Vec<u8>,
    pub user: SessionUser,
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
    if let Some(token) = cookie_token(request.headers()) {
        match find(&accounts, &token).await {
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
    if now - stored.last_seen_at > IDLE_SECONDS || now - stored.created_at > ABSOLUTE_SECONDS {
        accounts.store.delete_session(&token_hash).await?;
        return Ok(None);
    }
    let Some(account) = accounts.store.account(stored.account_id).await?.filter(Account::is_open) else {
        return Ok(None);
    };
    let Some(name) = account.name else { return Ok(None) };
    if now - stored.last_seen_at > TOUCH_EVERY_SECONDS {
        accounts.store.touch_session(&token_hash, now).await?;
    }
    let user = SessionUser { name: name.as_str().to_string(), role: account.role };
    Ok(Some(CurrentSession { account_id: account.id, token_hash, user }))
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    crate::ssr::cookie(headers, &[COOKIE, SECURE_COOKIE]).map(str::to_string)
}

/// The request parts of the page or server function being served.
fn parts() -> Option<http::request::Parts> {
    leptos::prelude::use_context::<http::request::Parts>()
}

/// The signed-in person, if any.
pub fn current() -> Option<CurrentSession> {
    parts()?.extensions.get::<CurrentSession>().cloned()
}

/// The signed-in person, as the pages see them.
pub fn request_user() -> Option<SessionUser> {
    current().map(|session| session.user)
}

pub fn client_ip() -> IpAddr {
    parts().and_then(|p| p.extensions.get::<ClientIp>().copied()).map_or(UNKNOWN_CLIENT, |ip| ip.0)
}

/// Starts a session for `account_id` and sets its cookie on the response.
pub async fn start(accounts: &Accounts, account_id: AccountId) -> anyhow::Result<()> {
    let token = tokens::new_token();
    accounts.store.create_session(account_id, &tokens::hash(&token), now()).await?;
    set_cookie(accounts, &token, ABSOLUTE_SECONDS);
    Ok(())
}

/// Ends the current session, if any, and clears the cookie.
pub async fn end(accounts: &Accounts) -> anyhow::Result<()> {
    if let Some(session) = current() {
        accounts.store.delete_session(&session.token_hash).await?;
    }
    set_cookie(accounts, "", 0);
    Ok(())
}

fn set_cookie(accounts: &Accounts, token: &str, max_age: i64) {
    let cookie = match accounts.site.secure() {
        true => format!("{SECURE_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax; Secure"),
        false => format!("{COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax"),
    };
    if let (Some(response), Ok(value)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), header::HeaderValue::from_str(&cookie))
    {
        response.append_header(header::SET_COOKIE, value);
    }
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
}
