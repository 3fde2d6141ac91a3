//! Rows of the request tables as the database returns them, and their checked conversion into the app's types:
//! a value the app would refuse (an unknown status, a malformed reference) is an error, not a guess.

use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::catalogue::Code;
use app::i18n::Lang;
use app::lifecycle::model::{CloseReason, Status};
use app::requests::model::{
    Answers, AttachmentKind, Attention, ContactChannel, Description, DraftId, Place, PlaceNote, Reference,
};
use app::requests::ssr::{Attachment, Draft, OnBehalf, StoredRequest};

#[derive(sqlx::FromRow)]
pub(super) struct DraftRow {
    id: String,
    account_id: Option<i64>,
    service_code: String,
    address_id: Option<i64>,
    address: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    place_note: String,
    answers: String,
    description: String,
    updated_at: i64,
    for_account: Option<i64>,
    channel: Option<String>,
    lang: Option<String>,
    chat_id: Option<i64>,
    intake_note: String,
    caller_name: Option<String>,
}

impl TryFrom<DraftRow> for Draft {
    type Error = anyhow::Error;

    fn try_from(row: DraftRow) -> anyhow::Result<Draft> {
        let place = match (row.address, row.latitude, row.longitude) {
            (Some(label), Some(latitude), Some(longitude)) => {
                Some(Place { address_id: row.address_id, label, latitude, longitude })
            }
            _ => None,
        };
        // Written from checked answers by `save_details`.
        let answers: Answers =
            serde_json::from_str(&row.answers).with_context(|| format!("draft {}: answers", row.id))?;
        let on_behalf = match (row.for_account, row.channel, row.lang) {
            (Some(caller), Some(channel), Some(lang)) => Some(OnBehalf {
                caller: AccountId(caller),
                channel: ContactChannel::parse(&channel).context("draft channel")?,
                lang: Lang::from_tag(&lang).context("draft language")?,
                // A closed account has no name: the request is still filed for it.
                name: row.caller_name.unwrap_or_default(),
                chat: row.chat_id,
                note: row.intake_note,
            }),
            _ => None,
        };
        Ok(Draft {
            id: DraftId::parse(&row.id).with_context(|| format!("draft {}: id", row.id))?,
            account_id: row.account_id.map(AccountId),
            service: Code::parse(&row.service_code).context("draft service code")?,
            place,
            place_note: PlaceNote::parse(&row.place_note).context("draft place note")?,
            answers,
            description: Description::parse(&row.description).context("draft description")?,
            updated_at: row.updated_at,
            on_behalf,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AttachmentRow {
    id: String,
    kind: String,
    content_type: String,
    name: String,
    size: i64,
    thumbnail: i64,
}

impl TryFrom<AttachmentRow> for Attachment {
    type Error = anyhow::Error;

    fn try_from(row: AttachmentRow) -> anyhow::Result<Attachment> {
        let content_type = match row.content_type.as_str() {
            "image/jpeg" => "image/jpeg",
            "image/png" => "image/png",
            "application/pdf" => "application/pdf",
            other => anyhow::bail!("attachment {}: content type {other}", row.id),
        };
        let kind = AttachmentKind::parse(&row.kind).context("attachment kind")?;
        Ok(Attachment {
            id: row.id,
            kind,
            content_type,
            name: row.name,
            size: row.size as u64,
            thumbnail: row.thumbnail != 0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct RequestRow {
    reference: String,
    account_id: i64,
    service_code: String,
    address: String,
    place_note: String,
    description: String,
    status: String,
    close_reason: Option<String>,
    team: Option<String>,
    due_on: Option<String>,
    attention: Option<String>,
    version: i64,
    pub(super) latitude: f64,
    pub(super) longitude: f64,
    created_at: i64,
    channel: String,
    api_client: Option<String>,
}

impl TryFrom<RequestRow> for StoredRequest {
    type Error = anyhow::Error;

    fn try_from(row: RequestRow) -> anyhow::Result<StoredRequest> {
        let reason = row.close_reason.as_deref();
        Ok(StoredRequest {
            reference: Reference::parse(&row.reference).with_context(|| format!("reference {}", row.reference))?,
            account_id: AccountId(row.account_id),
            service: Code::parse(&row.service_code).context("request service code")?,
            address: row.address,
            place_note: row.place_note,
            description: row.description,
            status: Status::parse(&row.status).with_context(|| format!("{}: status {}", row.reference, row.status))?,
            close_reason: reason.map(|r| CloseReason::parse(r).context("close reason")).transpose()?,
            team: row.team,
            due_on: row.due_on.map(|day| day.parse().context("request due_on")).transpose()?,
            attention: row.attention.map(|a| Attention::parse(&a).context("request attention")).transpose()?,
            version: row.version,
            created_at: row.created_at,
            channel: ContactChannel::parse(&row.channel).context("request channel")?,
            client: row.api_client,
        })
    }
}

pub(super) const ATTACHMENT_COLUMNS: &str = "a.id, a.kind, a.content_type, a.name, a.size, a.thumbnail";
/// The columns of [`RequestRow`], from a table named `r` (the Open311 client's name only for its requests).
pub(super) const REQUEST_COLUMNS: &str = "r.reference, r.account_id, r.service_code, r.address, r.place_note, \
     r.description, r.status, r.close_reason, r.team, r.due_on, r.attention, r.version, r.latitude, r.longitude, \
     r.created_at, r.channel, \
     CASE WHEN r.api_key_id IS NOT NULL THEN (SELECT k.name FROM api_keys k WHERE k.id = r.api_key_id) END AS api_client";
