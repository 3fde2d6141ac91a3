//! "Download my data": everything the portal holds about the signed-in resident, as a JSON file.

use super::sessions::CurrentSession;
use crate::lifecycle::ssr::ActorRole;
use crate::ssr::ServerContext;
use axum::{
    extract::{Extension, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::json;

fn time(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds).map(|t| t.to_string()).unwrap_or_default()
}

pub async fn download(State(context): State<ServerContext>, session: Option<Extension<CurrentSession>>) -> Response {
    let Some(Extension(session)) = session else { return StatusCode::UNAUTHORIZED.into_response() };
    match personal_data(&context, &session).await {
        Ok(Some(data)) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"portail311-data.json\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Ok(None) => StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "exporting personal data");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn personal_data(context: &ServerContext, session: &CurrentSession) -> anyhow::Result<Option<serde_json::Value>> {
    let (accounts, requests) = (&context.accounts, &context.requests);
    let Some(account) = accounts.store.account(session.account_id).await? else { return Ok(None) };
    let sessions = accounts.store.sessions_of(account.id).await?;
    let mut requests_made = Vec::new();
    for r in requests.store.requests_of(account.id).await? {
        let (answers, files) = requests.store.contents(&r.reference).await?;
        // What the resident wrote after submitting: their updates, and their survey answer.
        let events = context.lifecycle.events(&r.reference).await?;
        let updates: Vec<_> = events
            .iter()
            .filter(|event| event.actor_role == ActorRole::Resident)
            .map(|event| {
                let files: Vec<&str> = event.files.iter().map(|f| f.name.as_str()).collect();
                json!({ "at": time(event.at), "note": event.note, "files": files })
            })
            .collect();
        let survey = context.surveys.survey(&r.reference).await?.map(|s| {
            let a = s.answer;
            json!({ "ease": a.ease, "satisfaction": a.satisfaction, "resolved": a.resolved, "comment": a.comment,
                    "answered_at": time(s.created_at) })
        });
        requests_made.push(json!({
            "reference": r.reference.to_string(),
            "service": r.service.as_str(),
            "status": r.status,
            "address": r.address,
            "description": r.description,
            "answers": answers.iter().map(|(question, value)| json!({ "question": question, "value": value })).collect::<Vec<_>>(),
            "files": files,
            "created_at": time(r.created_at),
            "channel": r.channel,
            "updates": updates,
            "survey": survey,
        }));
    }
    // Calls, e-mails and visits an agent logged for them (a profile an agent made included).
    let contacts: Vec<_> = context
        .intake
        .contacts_of(account.id)
        .await?
        .into_iter()
        .map(|c| json!({ "at": time(c.at), "channel": c.channel, "kind": c.kind, "reference": c.reference, "note": c.note }))
        .collect();
    Ok(Some(json!({
        "account": {
            "name": account.name,
            "email": account.email,
            "mobile": account.mobile,
            "language": account.lang,
            "updates_by": account.updates_by,
            "text_messages": account.sms_status,
            "role": account.role,
            "created_at": time(account.created_at),
            "password_set": account.password_hash.is_some(),
        },
        "sessions": sessions.iter().map(|s| json!({
            "device": s.device,
            "signed_in_at": time(s.created_at),
            "last_used_at": time(s.last_seen_at),
        })).collect::<Vec<_>>(),
        "requests": requests_made,
        "contacts": contacts,
    })))
}
