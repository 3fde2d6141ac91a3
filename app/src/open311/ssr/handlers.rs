//! The edge of the API: axum handlers under [`ROOT`] (POST requests in `post.rs`). Each reads the suffix
//! (the format), the language (`locale`, else `Accept-Language`) and `jurisdiction_id`, counts the read
//! against the client's limit, and answers in the format asked for — refusals too, as GeoReport's error
//! list. Reads are anonymous and any web page may make them (CORS).

use super::cache::Answer;
use super::format::Format;
use super::present::Presenter;
use super::query::{param, requests_query, window, RequestsQuery, MAX_PAGE_SIZE};
use super::records::{Discovery, Endpoint, Filed, RequestRecord};
use super::{post, PublicEvent, PublicRequest, Refusal, ROOT};
use crate::accounts::ssr::sessions::ClientIp;
use crate::catalogue::{Code, Service};
use crate::errors::AppError;
use crate::i18n::Lang;
use crate::requests::model::Reference;
use crate::requests::ssr::{uploads, Files};
use crate::ssr::ServerContext;
use axum::{
    extract::{DefaultBodyLimit, FromRef, FromRequestParts, Path, Query, State},
    http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};
use std::collections::HashMap;

/// The API's routes, for the server's router.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    ServerContext: FromRef<S>,
{
    Router::new()
        // A POST's photos: as many and as large as the portal's own form takes.
        .route(
            &format!("{ROOT}/{{file}}"),
            get(root).post(post::post_request).layer(DefaultBodyLimit::max(uploads::BODY_LIMIT)),
        )
        .route(&format!("{ROOT}/services/{{file}}"), get(service_definition))
        .route(&format!("{ROOT}/requests/{{file}}"), get(one_request))
        .route(&format!("{ROOT}/tokens/{{file}}"), get(token))
        .route(&format!("{ROOT}/media/{{file}}"), get(media))
}

/// What every read starts with: the context, the address's last segment without its suffix (`stem`),
/// and the call (format, language, parameters), checked by [`Call::start`]. Its rejection is the answer.
struct Read {
    context: ServerContext,
    stem: String,
    call: Call,
}

impl<S> FromRequestParts<S> for Read
where
    S: Send + Sync,
    ServerContext: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Read, Response> {
        let context = ServerContext::from_ref(state);
        let Path(file) = Path::<String>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let params =
            Query::<Vec<(String, String)>>::from_request_parts(parts, state).await.map(|q| q.0).unwrap_or_default();
        let ip = parts.extensions.get::<ClientIp>().map_or(std::net::Ipv4Addr::UNSPECIFIED.into(), |ip| ip.0);
        let (stem, call) = Call::start(&context, &file, params, &parts.headers, ip)?;
        Ok(Read { stem: stem.to_string(), call, context })
    }
}

/// The format, the language, the parameters (also of a POST, `post.rs`).
pub(super) struct Call {
    format: Format,
    pub lang: Lang,
    pub params: Vec<(String, String)>,
    accepts_brotli: bool,
}

impl Call {
    /// The format from `file`'s suffix, the language, the jurisdiction and the client's limit. `Err` is
    /// the answer already, in XML when the suffix names no format (GeoReport's one required format).
    #[allow(clippy::result_large_err)] // the error is the answer, returned once per request
    pub(super) fn start<'f>(
        context: &ServerContext,
        file: &'f str,
        params: Vec<(String, String)>,
        headers: &HeaderMap,
        ip: std::net::IpAddr,
    ) -> Result<(&'f str, Call), Response> {
        let locale = param(&params, "locale").and_then(Lang::from_tag);
        let lang = locale.unwrap_or_else(|| crate::i18n::ssr::negotiate(headers));
        let Some((stem, format)) = Format::split(file) else {
            return Err(refused(Format::Xml, lang, &[Refusal::not_found("format", file)]));
        };
        let call = Call { format, lang, params, accepts_brotli: crate::encoding::accepts_brotli(headers) };
        if !context.open311.may_read(ip) {
            return Err(call.refused(&[Refusal::too_many("open311-error-too-many-requests")]));
        }
        let ours = &context.open311.settings.jurisdiction_id;
        match call.param("jurisdiction_id") {
            Some(id) if id != ours => Err(call.refused(&[Refusal::not_found("jurisdiction_id", id)])),
            _ => Ok((stem, call)),
        }
    }

    pub(super) fn param(&self, name: &str) -> Option<&str> {
        param(&self.params, name)
    }

    pub(super) fn answer(&self, root: &str, value: &impl serde::Serialize) -> Response {
        readable(self.format.respond(StatusCode::OK, root, value))
    }

    /// `value` under `root`, as an answer to keep.
    fn made(&self, root: &str, value: &impl serde::Serialize) -> Answer {
        Answer::new(StatusCode::OK, self.format.write(root, value))
    }

    /// An answer kept a few seconds for the next reader asking the same (`cache.rs`).
    async fn kept<Fut>(&self, context: &ServerContext, stem: &str, make: impl FnOnce() -> Fut) -> Response
    where
        Fut: std::future::Future<Output = Result<Answer, Response>>,
    {
        let mut params = self.params.clone();
        params.sort();
        let key = format!("{stem} {:?} {} {params:?}", self.format, self.lang.code());
        readable(context.open311.lists.respond(key, self.format, self.accepts_brotli, make).await)
    }

    pub(super) fn refused(&self, refusals: &[Refusal]) -> Response {
        refused(self.format, self.lang, refusals)
    }

    pub(super) fn failed(&self, error: anyhow::Error) -> Response {
        let _ = AppError::from(error);
        let record = super::records::ErrorRecord {
            code: 500,
            description: crate::i18n::message(self.lang, "error-internal-text", &[]),
        };
        readable(self.format.respond(StatusCode::INTERNAL_SERVER_ERROR, "errors", &[record]))
    }
}

fn refused(format: Format, lang: Lang, refusals: &[Refusal]) -> Response {
    let records: Vec<_> = refusals.iter().map(|refusal| refusal.record(lang)).collect();
    readable(format.respond(Refusal::status_of(refusals), "errors", &records))
}

/// Any page may read the API from the browser.
fn readable(mut response: Response) -> Response {
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

fn presenter<'a>(context: &'a ServerContext, lang: Lang) -> Presenter<'a> {
    Presenter {
        catalogue: &context.catalogue,
        city: &context.city,
        lang,
        public_url: &context.accounts.site.public_url,
    }
}

/// The services the API offers: the catalogue's online ones (topics only agents handle are not requests).
fn online(context: &ServerContext) -> impl Iterator<Item = &Service> {
    context.catalogue.services().iter().filter(|service| service.online)
}

/// `discovery`, `services`, `requests`, `servicerequestupdates`.
async fn root(Read { context, stem, call }: Read) -> Response {
    match stem.as_str() {
        "discovery" => call.answer("discovery", &discovery(&context)),
        "services" => {
            call.kept(&context, "services", || async {
                let present = presenter(&context, call.lang);
                let services: Vec<_> = online(&context).map(|service| present.service(service)).collect();
                Ok(call.made("services", &services))
            })
            .await
        }
        "requests" => {
            match requests_query(&call.params, &context.catalogue, &context.city.time_zone, jiff::Timestamp::now()) {
                Ok(query) => requests(&context, &call, &query).await,
                Err(refusals) => call.refused(&refusals),
            }
        }
        "servicerequestupdates" => updates(&context, &call).await,
        other => call.refused(&[Refusal::not_found("path", other)]),
    }
}

fn discovery(context: &ServerContext) -> Discovery {
    let site = &context.accounts.site.public_url;
    let changeset = CHANGESET.to_string();
    Discovery {
        changeset: changeset.clone(),
        contact: format!("{} — {site}/open311", context.city.profile.email),
        key_service: format!("{site}/open311"),
        endpoints: vec![Endpoint {
            specification: "http://wiki.open311.org/GeoReport_v2",
            url: format!("{site}{ROOT}"),
            changeset,
            kind: "production",
            formats: ["text/xml", "application/json"],
        }],
    }
}

/// When this API last changed, as its discovery document says (a date in the past, W3C).
const CHANGESET: &str = "2026-12-04T00:00:00-05:00";

async fn requests(context: &ServerContext, call: &Call, query: &RequestsQuery) -> Response {
    call.kept(context, "requests", || async {
        let records = records(context, call, query).await.map_err(|error| call.failed(error))?;
        Ok(call.made("service_requests", &records))
    })
    .await
}

/// The requests `query` finds, as records (with their public timelines when `extensions=true`).
async fn records(context: &ServerContext, call: &Call, query: &RequestsQuery) -> anyhow::Result<Vec<RequestRecord>> {
    let store = &context.open311.store;
    let found = store.requests(query).await?;
    let events = match query.extensions {
        true => {
            let references: Vec<_> = found.iter().map(|public| public.request.reference).collect();
            Some(store.public_events(&references).await?)
        }
        false => None,
    };
    // Each request's own timeline, grouped once (a page holds up to 1 000 requests).
    let mut timelines: HashMap<Reference, Vec<PublicEvent>> = HashMap::new();
    for event in events.into_iter().flatten() {
        timelines.entry(event.reference).or_default().push(event);
    }
    let present = presenter(context, call.lang);
    let record = |public: &PublicRequest| {
        let own = query.extensions.then(|| timelines.get(&public.request.reference).map_or(&[][..], Vec::as_slice));
        present.request(public, own)
    };
    Ok(found.iter().map(record).collect())
}

/// mySociety's `servicerequestupdates`: the public timeline of every request, from `start_date` to
/// `end_date` (at most 90 days; the last 90 by default), oldest first, 1 000 at most.
async fn updates(context: &ServerContext, call: &Call) -> Response {
    let mut refusals = Vec::new();
    let (from, to) = window(&call.params, &context.city.time_zone, jiff::Timestamp::now(), &mut refusals);
    if !refusals.is_empty() {
        return call.refused(&refusals);
    }
    call.kept(context, "servicerequestupdates", || async {
        let events =
            context.open311.store.updates(from, to, MAX_PAGE_SIZE).await.map_err(|error| call.failed(error))?;
        let present = presenter(context, call.lang);
        let records: Vec<_> = events.iter().map(|event| present.update(event)).collect();
        Ok(call.made("service_request_updates", &records))
    })
    .await
}

/// `services/{code}`: the service's questions as attributes.
async fn service_definition(Read { context, stem: code, call }: Read) -> Response {
    let code = code.as_str();
    let service = Code::parse(code).and_then(|code| online(&context).find(|service| service.code == code));
    match service {
        Some(service) => {
            let key = format!("services/{code}");
            let definition =
                || async { Ok(call.made("service_definition", &presenter(&context, call.lang).definition(service))) };
            call.kept(&context, &key, definition).await
        }
        None => call.refused(&[Refusal::not_found("service_code", code)]),
    }
}

/// `requests/{id}`: one request, as a list of one.
async fn one_request(Read { context, stem: id, call }: Read) -> Response {
    let id = id.as_str();
    let Some(reference) = Reference::parse(id) else {
        return call.refused(&[Refusal::not_found("service_request_id", id)]);
    };
    let query = RequestsQuery { extensions: call.param("extensions") == Some("true"), ..RequestsQuery::of(reference) };
    match records(&context, &call, &query).await {
        Ok(records) if records.is_empty() => call.refused(&[Refusal::not_found("service_request_id", id)]),
        Ok(records) => call.answer("service_requests", &records),
        Err(error) => call.failed(error),
    }
}

/// `tokens/{token}`: requests are made at once, so a token is the request's own id.
async fn token(Read { context, stem: token, call }: Read) -> Response {
    let token = token.as_str();
    let found = match Reference::parse(token) {
        Some(reference) => context.open311.store.requests(&RequestsQuery::of(reference)).await,
        None => Ok(Vec::new()),
    };
    match found {
        Err(error) => call.failed(error),
        Ok(found) if !found.is_empty() => {
            let filed = Filed {
                service_request_id: token.to_string(),
                token: Some(token.to_string()),
                service_notice: None,
                account_id: None,
            };
            call.answer("service_requests", &[filed])
        }
        _ => call.refused(&[Refusal::not_found("token", token)]),
    }
}

/// `media/{attachment}.jpg`: the thumbnail of a photo the API may show; never the original.
async fn media(
    State(context): State<ServerContext>,
    Path(file): Path<String>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
) -> Response {
    let id = file.strip_suffix(".jpg").unwrap_or_default();
    let shown = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !context.open311.may_read(ip) {
        return StatusCode::TOO_MANY_REQUESTS.into_response();
    }
    if !shown || !context.open311.store.public_photo(id).await.unwrap_or(false) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match context.requests.files.get(&Files::thumbnail_key(id)).await {
        Ok(bytes) => {
            let headers = [(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "public, max-age=86400")];
            readable((headers, bytes).into_response())
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
