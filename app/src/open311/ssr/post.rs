//! The edge of POST `requests.xml` / `requests.json`: the body read (form-encoded, or multipart with
//! `media` files), the call started as a read's is (format, language, jurisdiction, and the sender's
//! address counted: guessing keys is bounded too), the key checked (403) and counted against its own rate
//! (429), then [`filing`]. No cookie is read — a client is its key — so the CSRF check leaves these two
//! addresses alone.

use super::filing::{self, Filer, NotFiled, Rules, Upload};
use super::handlers::Call;
use super::keys::{lookup_hash, ApiKey};
use super::records::Filed;
use super::Refusal;
use crate::accounts::ssr::sessions::ClientIp;
use crate::errors::Problem;
use crate::requests::model::{FILES_MAX, FILE_BYTES_MAX};
use crate::requests::ssr::uploads::bounded;
use crate::ssr::ServerContext;
use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    http::header,
    response::Response,
    Extension,
};

/// A form-encoded body's most (a description of 4 000 characters, escaped, and the rest).
const FORM_BYTES_MAX: usize = 64 * 1024;
/// A multipart body's text fields: at most this many, each at most this long.
const FIELDS_MAX: usize = 200;
const FIELD_BYTES_MAX: usize = 32 * 1024;

/// `POST {ROOT}/requests.{xml,json}`.
pub async fn post_request(
    State(context): State<ServerContext>,
    Path(file): Path<String>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    request: Request,
) -> Response {
    let headers = request.headers().clone();
    let query = request.uri().query().unwrap_or_default().as_bytes();
    let mut fields: Vec<(String, String)> = form_urlencoded::parse(query).into_owned().collect();
    let read = read_body(request).await;
    let (media, problem) = match read {
        Ok((body, media)) => {
            fields.extend(body);
            (media, None)
        }
        Err(refusal) => (Vec::new(), Some(refusal)),
    };
    let (stem, call) = match Call::start(&context, &file, fields, &headers, ip) {
        Ok(started) => started,
        Err(answer) => return answer,
    };
    if stem != "requests" {
        return call.refused(&[Refusal::not_found("path", stem)]);
    }
    if let Some(refusal) = problem {
        return call.refused(&[refusal]);
    }
    let key = match key_of(&context, &call).await {
        Ok(key) => key,
        Err(answer) => return answer,
    };
    let rules = Rules { catalogue: &context.catalogue, addresses: &context.addresses };
    let filing = match filing::check(&rules, &call.params, media, call.lang) {
        Ok(filing) => filing,
        Err(refusals) => return call.refused(&refusals),
    };
    let filer = Filer {
        catalogue: &context.catalogue,
        city: &context.city,
        accounts: &context.accounts,
        intake: context.intake.as_ref(),
        requests: &context.requests,
        store: context.open311.store.as_ref(),
        bell: context.notifications.bell(),
    };
    match filing::file(&filer, &key, filing, ip).await {
        Ok(filed) => {
            tracing::info!(reference = %filed.reference, key = key.name.as_str(), "request filed through Open311");
            let record = Filed {
                service_request_id: filed.reference.to_string(),
                token: None,
                service_notice: Some(filed.notice),
                account_id: None,
            };
            call.answer("service_requests", &[record])
        }
        Err(NotFiled::Refused(refusal)) => call.refused(&[refusal]),
        Err(NotFiled::Internal(error)) => call.failed(error),
    }
}

/// The key the POST names, in use and within its rate.
async fn key_of(context: &ServerContext, call: &Call) -> Result<ApiKey, Response> {
    let Some(hash) = lookup_hash(call.param("api_key")) else {
        return Err(call.refused(&[Refusal::forbidden("api_key", "open311-error-key-missing")]));
    };
    match context.open311.store.api_key(&hash).await {
        Err(error) => Err(call.failed(error)),
        Ok(None) => Err(call.refused(&[Refusal::forbidden("api_key", "open311-error-key-unknown")])),
        Ok(Some(key)) if !context.open311.keys.may_file(&key) => {
            Err(call.refused(&[Refusal::too_many("open311-error-key-rate")]))
        }
        Ok(Some(key)) => Ok(key),
    }
}

/// The body's fields and files: form-encoded (fields only) or multipart (`media` / `media[]` files).
async fn read_body(request: Request) -> Result<(Vec<(String, String)>, Vec<Upload>), Refusal> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"));
    if !multipart {
        let bytes = axum::body::to_bytes(request.into_body(), FORM_BYTES_MAX)
            .await
            .map_err(|_| Refusal::problem("body", Problem::TooLong))?;
        return Ok((form_urlencoded::parse(&bytes).into_owned().collect(), Vec::new()));
    }
    let unreadable = || Refusal::problem("body", Problem::FileUnreadable);
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|_| unreadable())?;
    let (mut fields, mut media) = (Vec::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        let name = field.name().unwrap_or_default().to_string();
        if matches!(name.as_str(), "media" | "media[]") && field.file_name().is_some() {
            if media.len() == FILES_MAX {
                return Err(Refusal::problem("media", Problem::TooManyFiles));
            }
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = bounded(field, FILE_BYTES_MAX, Problem::FileTooLarge)
                .await
                .map_err(|problem| Refusal::problem("media", problem))?;
            media.push(Upload { name: file_name, bytes });
        } else {
            if fields.len() == FIELDS_MAX {
                return Err(Refusal::problem("body", Problem::TooLong));
            }
            let bytes = bounded(field, FIELD_BYTES_MAX, Problem::TooLong)
                .await
                .map_err(|problem| Refusal::problem(&name, problem))?;
            fields.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok((fields, media))
}
