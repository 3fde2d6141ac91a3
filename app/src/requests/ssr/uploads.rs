//! The photo and file routes. Uploads are plain `multipart/form-data` posts, so that they work without
//! JavaScript; the page's script (`style/assets/uploads.js`) sends them one by one with a progress bar
//! and asks for JSON instead of a redirect.
//!
//! Each file is read chunk by chunk and refused as soon as it passes 10 MB, before it is all in memory;
//! its type is judged by its first bytes; photos are cleaned (`images`) on a blocking thread before
//! anything is stored; thumbnails are made afterwards, off the request's path.

use super::images::{self, FileType};
use super::{flows, Attachment, Draft, Files, Requests};
use crate::accounts::ssr::limits::{Action, Limits};
use crate::accounts::ssr::sessions::{ClientIp, CurrentSession};
use crate::accounts::ssr::{now, tokens, Accounts};
use crate::errors::{AppError, Problem};
use crate::requests::model::{AttachmentKind, AttachmentView, DraftId, Step, FILES_MAX, FILE_BYTES_MAX};
use crate::routes;
use axum::{
    extract::{multipart::Field, Extension, Multipart, Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Json,
};
use std::sync::Arc;

/// The most an upload request may carry: five files of 10 MB sent at once without JavaScript.
pub const BODY_LIMIT: usize = FILES_MAX * FILE_BYTES_MAX + 1024 * 1024;

/// `POST /requests/uploads/{draft}`: adds the files in the form's `file` field(s) to the draft.
pub async fn upload(
    State(requests): State<Arc<Requests>>,
    State(accounts): State<Arc<Accounts>>,
    Path(draft): Path<String>,
    session: Option<Extension<CurrentSession>>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let wants_json = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    let staff = session.as_ref().is_some_and(|Extension(session)| session.is_staff());
    let account = session.map(|Extension(session)| session.account_id);
    let found = async { flows::owned_draft(&requests, &DraftId::find(&draft)?, account).await };
    let draft = match found.await {
        Ok(draft) => draft,
        Err(error) => return refusal(error.status(), None, wants_json, None),
    };
    let page = files_page(&draft);
    // Agents adding a caller's attachments are not counted; anyone else is, per account (per draft when
    // signed out) and per address.
    let sender = account.map_or_else(|| format!("draft {}", draft.id.as_str()), |account| format!("account {account}"));
    if let Err(problem) = room_for(&requests, &accounts.limits, ip, &sender, &headers, staff).await {
        return refusal(problem_status(problem), Some(problem), wants_json, Some(&page));
    }
    let mut added = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return refusal(StatusCode::BAD_REQUEST, Some(Problem::FileUnreadable), wants_json, Some(&page)),
        };
        if field.name() != Some("file") || field.file_name().is_none_or(str::is_empty) {
            continue;
        }
        match add_file(&requests, &draft.id, field).await {
            Ok(attachment) => added.push(attachment),
            Err(Refused::Problem(problem)) => {
                return refusal(problem_status(problem), Some(problem), wants_json, Some(&page))
            }
            Err(Refused::Internal(error)) => {
                let _ = AppError::from(error);
                return refusal(StatusCode::INTERNAL_SERVER_ERROR, None, wants_json, Some(&page));
            }
        }
    }
    match wants_json {
        true => Json(added.iter().map(flows::attachment_view).collect::<Vec<AttachmentView>>()).into_response(),
        false => Redirect::to(&page).into_response(),
    }
}

/// Whether an upload may be read: the disk has room, and (for anyone but staff) the sender's hourly quota
/// takes its size in megabytes — the body's announced length (at least one; without one, the most an
/// upload may be) — before any of it is read.
pub(super) async fn room_for(
    requests: &Requests,
    limits: &Limits,
    ip: std::net::IpAddr,
    sender: &str,
    headers: &HeaderMap,
    staff: bool,
) -> Result<(), Problem> {
    if !requests.files.has_room() {
        return Err(Problem::StorageFull);
    }
    if staff {
        return Ok(());
    }
    let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    let megabytes = length.unwrap_or(BODY_LIMIT).min(BODY_LIMIT).div_ceil(1024 * 1024).max(1);
    let megabytes = u32::try_from(megabytes).unwrap_or(u32::MAX);
    limits.check_n(Action::UploadMegabytes, ip, sender, megabytes).await.map_err(|_| Problem::UploadQuota)
}

/// The status of a refused upload (its page or script shows the problem's words).
fn problem_status(problem: Problem) -> StatusCode {
    match problem {
        Problem::UploadQuota => StatusCode::TOO_MANY_REQUESTS,
        Problem::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

pub(crate) enum Refused {
    Problem(Problem),
    Internal(anyhow::Error),
}

impl From<Problem> for Refused {
    fn from(problem: Problem) -> Self {
        Refused::Problem(problem)
    }
}

impl From<anyhow::Error> for Refused {
    fn from(error: anyhow::Error) -> Self {
        Refused::Internal(error)
    }
}

async fn add_file(requests: &Arc<Requests>, draft: &DraftId, field: Field<'_>) -> Result<Attachment, Refused> {
    if requests.store.attachments(draft).await?.len() >= FILES_MAX {
        return Err(Problem::TooManyFiles.into());
    }
    let attachment = receive(requests, field).await?;
    // A file no row refers to would never be deleted: it goes unless its row is written.
    let added = requests.store.add_attachment(draft, &attachment, FILES_MAX, now()).await;
    if !matches!(added, Ok(true)) {
        requests.files.delete(&attachment.id).await?;
    }
    if !added? {
        return Err(Problem::TooManyFiles.into());
    }
    if attachment.kind == AttachmentKind::Photo {
        make_thumbnail(requests.clone(), attachment.id.clone());
    }
    Ok(attachment)
}

/// Reads one file of a form, checks it, cleans it if it is a photo, and stores its bytes under a new
/// random id. The caller records it (and deletes the bytes if it cannot).
pub(super) async fn receive(requests: &Requests, field: Field<'_>) -> Result<Attachment, Refused> {
    let name = field.file_name().unwrap_or_default().to_string();
    let bytes = bounded(field, FILE_BYTES_MAX, Problem::FileTooLarge).await?;
    let file_type = FileType::sniff(&bytes).ok_or(Problem::FileType)?;
    store(requests, &name, bytes, file_type).await
}

/// A form part's bytes, refused with `over` as soon as they pass `max` (before they are all in memory).
/// Also the Open311 API's fields and `media`.
pub(crate) async fn bounded(mut field: Field<'_>, max: usize, over: Problem) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| Problem::FileUnreadable)? {
        if bytes.len() + chunk.len() > max {
            return Err(over);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Stores a file of a type the portal takes under a new random id, a photo cleaned first (upright, at
/// most 2 048 px, re-encoded without its metadata). The caller records it (and deletes the bytes if it
/// cannot). Also the Open311 API's `media`.
pub(crate) async fn store(
    requests: &Requests,
    name: &str,
    bytes: Vec<u8>,
    file_type: FileType,
) -> Result<Attachment, Refused> {
    let (kind, content_type, bytes) = match file_type {
        FileType::Pdf => (AttachmentKind::Document, "application/pdf", bytes),
        _ => {
            let _permit = requests.decoding.acquire().await.map_err(anyhow::Error::from)?;
            let clean = tokio::task::spawn_blocking(move || images::clean_photo(&bytes, file_type))
                .await
                .map_err(anyhow::Error::from)??;
            (AttachmentKind::Photo, clean.content_type, clean.bytes)
        }
    };
    let id = tokens::new_token();
    let name = display_name(name);
    let attachment = Attachment { id, kind, content_type, name, size: bytes.len() as u64, thumbnail: false };
    requests.files.put(&Files::key(&attachment.id), bytes).await?;
    Ok(attachment)
}

/// Makes the thumbnail in the background; until it exists, pages show the photo itself, scaled.
pub(crate) fn make_thumbnail(requests: Arc<Requests>, id: String) {
    tokio::spawn(async move {
        let made = async {
            let bytes = requests.files.get(&Files::key(&id)).await?;
            let _permit = requests.decoding.acquire().await?;
            let thumbnail = tokio::task::spawn_blocking(move || images::thumbnail(&bytes)).await??;
            requests.files.put(&Files::thumbnail_key(&id), thumbnail).await?;
            // Removed while its thumbnail was being made: the thumbnail goes too.
            if !requests.store.set_thumbnail(&id).await? {
                requests.files.delete(&id).await?;
            }
            anyhow::Ok(())
        };
        if let Err(error) = made.await {
            tracing::warn!(error = format!("{error:#}"), "thumbnail not made");
        }
    });
}

/// The name the resident gave the file, for display only: its last path part, printable, at most 80
/// characters. It is never used to store or find the file.
fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(80).collect();
    match clean.trim() {
        "" | "." | ".." => "file".to_string(),
        name => name.to_string(),
    }
}

/// The page a form without JavaScript comes back to: the photo step, or the agent's one-page form.
fn files_page(draft: &Draft) -> String {
    match draft.on_behalf {
        Some(_) => routes::call_request(&draft.id),
        None => routes::draft_step(&draft.id, Step::Files),
    }
}

/// A refused upload: JSON `{"problem": "file-type"}` for the script, or back to `page`, which shows the
/// problem in the resident's language.
fn refusal(status: StatusCode, problem: Option<Problem>, wants_json: bool, page: Option<&str>) -> Response {
    let code = problem.unwrap_or(Problem::UploadFailed).code();
    match (wants_json, page) {
        (false, Some(page)) => Redirect::to(&format!("{page}?problem={code}")).into_response(),
        _ => (status, Json(serde_json::json!({ "problem": code }))).into_response(),
    }
}

/// `GET /requests/files/{id}`: a photo or file, to whoever may see it.
pub async fn download(
    State(requests): State<Arc<Requests>>,
    Path(id): Path<String>,
    session: Option<Extension<CurrentSession>>,
) -> Response {
    serve(&requests, &id, false, session).await
}

/// `GET /requests/files/{id}/thumbnail`.
pub async fn download_thumbnail(
    State(requests): State<Arc<Requests>>,
    Path(id): Path<String>,
    session: Option<Extension<CurrentSession>>,
) -> Response {
    serve(&requests, &id, true, session).await
}

async fn serve(requests: &Requests, id: &str, thumbnail: bool, session: Option<Extension<CurrentSession>>) -> Response {
    let staff = session.as_ref().is_some_and(|Extension(session)| session.is_staff());
    let account = session.map(|Extension(session)| session.account_id);
    let found = requests.store.attachment_for(id, account, staff).await;
    let attachment = match found {
        Ok(Some(attachment)) if !thumbnail || attachment.thumbnail => attachment,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            let _ = AppError::from(error);
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let (key, content_type) = match thumbnail {
        true => (Files::thumbnail_key(&attachment.id), "image/jpeg"),
        false => (Files::key(&attachment.id), attachment.content_type),
    };
    match requests.files.get(&key).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type),
                // Not kept by the browser: a shared computer shows nobody's photos after sign-out.
                (header::CACHE_CONTROL, "no-store"),
                (header::CONTENT_DISPOSITION, "inline"),
                // A PDF or image opened from the portal's own address runs nothing and reaches nothing.
                (header::CONTENT_SECURITY_POLICY, "sandbox"),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            let _ = AppError::from(error);
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_for_display_only() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\me\\photo.jpg"), "photo.jpg");
        assert_eq!(display_name(".."), "file");
        assert_eq!(display_name("a\u{0}b\nc.jpg"), "abc.jpg");
        assert_eq!(display_name(&"x".repeat(200)).len(), 80);
    }
}
