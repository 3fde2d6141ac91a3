//! `POST /requests/{reference}/updates`: the resident adds information to their open request — a note
//! and up to [`UPDATE_FILES_MAX`] photos or files — in one plain multipart form, with or without
//! JavaScript. Files go through the same checks and cleaning as the wizard's; the update and its files
//! are saved in one transaction, and staff see it flagged in their queue.

use super::uploads::{make_thumbnail, receive, room_for, Refused};
use super::{access, Attachment, Requests};
use crate::accounts::ssr::now;
use crate::accounts::ssr::sessions::{ClientIp, CurrentSession};
use crate::errors::{AppError, Problem};
use crate::lifecycle::model::Note;
use crate::requests::model::{AttachmentKind, Reference, FILE_BYTES_MAX};
use crate::routes;
use crate::ssr::ServerContext;
use axum::{
    extract::{Extension, Multipart, Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use std::sync::Arc;

/// Photos or files per update.
pub const UPDATE_FILES_MAX: usize = 3;
/// The most an update may carry: its files and the note.
pub const BODY_LIMIT: usize = UPDATE_FILES_MAX * FILE_BYTES_MAX + 1024 * 1024;

pub async fn add_update(
    State(context): State<ServerContext>,
    Path(reference): Path<String>,
    session: Option<Extension<CurrentSession>>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let Some(reference) = Reference::parse(&reference) else { return AppError::NotFound.status().into_response() };
    let page = routes::request(&reference);
    let Some(Extension(session)) = session else { return Redirect::to(&routes::sign_in_then(&page)).into_response() };
    let refused = |problem: Problem| Redirect::to(&format!("{page}?problem={}#update", problem.code())).into_response();
    let request = match access::own(context.requests.store.as_ref(), &reference, &session).await {
        Ok(request) => request,
        Err(error) => return error.status().into_response(),
    };
    if !request.status.is_open() {
        return refused(Problem::RequestNotOpen);
    }
    let sender = format!("account {}", session.account_id);
    if let Err(problem) = room_for(&context.requests, &context.accounts.limits, ip, &sender, &headers, false).await {
        return refused(problem);
    }
    let (note, files) = match read_form(&context.requests, multipart).await {
        Ok(read) => read,
        Err(Refused::Problem(problem)) => return refused(problem),
        Err(Refused::Internal(error)) => {
            let _ = AppError::from(error);
            return refused(Problem::UploadFailed);
        }
    };
    let saved = match note.is_empty() && files.is_empty() {
        true => Ok(false),
        false => context.lifecycle.add_update(&reference, session.account_id, &note, &files, now()).await,
    };
    match saved {
        Ok(true) => {
            for file in files.iter().filter(|f| f.kind == AttachmentKind::Photo) {
                make_thumbnail(context.requests.clone(), file.id.clone());
            }
            Redirect::to(&format!("{page}?updated=1#timeline")).into_response()
        }
        outcome => {
            // Nothing refers to the files: they go.
            for file in &files {
                let _ = context.requests.files.delete(&file.id).await;
            }
            match outcome {
                Ok(_) if note.is_empty() && files.is_empty() => refused(Problem::Required),
                Ok(_) => refused(Problem::RequestNotOpen),
                Err(error) => {
                    let _ = AppError::from(error);
                    refused(Problem::UploadFailed)
                }
            }
        }
    }
}

/// The note and the files, their bytes stored (their rows are written with the update). On a refusal,
/// files already stored are deleted.
async fn read_form(requests: &Arc<Requests>, mut multipart: Multipart) -> Result<(Note, Vec<Attachment>), Refused> {
    let mut note = Note::default();
    let mut files: Vec<Attachment> = Vec::new();
    let result = async {
        while let Some(field) = multipart.next_field().await.map_err(|_| Problem::UploadFailed)? {
            match field.name() {
                Some("note") => {
                    let text = field.text().await.map_err(|_| Problem::UploadFailed)?;
                    note = Note::parse(&text).ok_or(Problem::TooLong)?;
                }
                Some("file") if field.file_name().is_some_and(|name| !name.is_empty()) => {
                    if files.len() >= UPDATE_FILES_MAX {
                        return Err(Problem::TooManyFiles.into());
                    }
                    files.push(receive(requests, field).await?);
                }
                _ => {}
            }
        }
        Ok::<(), Refused>(())
    }
    .await;
    match result {
        Ok(()) => Ok((note, files)),
        Err(refused) => {
            for file in &files {
                let _ = requests.files.delete(&file.id).await;
            }
            Err(refused)
        }
    }
}
