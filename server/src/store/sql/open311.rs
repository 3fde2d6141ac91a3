//! The Open311 API's reads (its writes: `api_keys.rs`): requests newest first through `requests_by_created`, and the public
//! timeline (status changes, reopenings, notes staff made public; never residents' updates, internal
//! notes or assignments).

use super::rows::{RequestRow, REQUEST_COLUMNS};
use super::statement::Statement;
use crate::store::Store;
use anyhow::Context;
use app::catalogue::Code;
use app::lifecycle::model::{CloseReason, Status};
use app::open311::ssr::keys::{ApiKey, KeyListing, KeyName};
use app::open311::ssr::query::RequestsQuery;
use app::open311::ssr::{NewFiling, Open311Store, PublicEvent, PublicEventKind, PublicRequest};
use app::requests::model::Reference;
use std::num::NonZeroU32;

/// The public part of `request_events` (`e`, joined to its request `r`): a status event's note only if
/// staff made it public.
const EVENT_SELECT: &str = "SELECT e.id, r.reference, r.service_code, e.at, e.kind, e.status, e.reason, \
     CASE WHEN e.public = 1 THEN e.note ELSE '' END AS note, r.status AS current, \
     r.close_reason AS current_reason \
     FROM request_events e JOIN requests r ON r.id = e.request_id \
     WHERE (e.kind IN ('status', 'reopened') OR (e.kind = 'note' AND e.public = 1))";

/// An attachment `a` of a request whose service is `s` that the API may show: a photo the resident sent
/// with the request (not with a later update), its thumbnail made, of a public-photos, non-private service.
const PUBLIC_PHOTO: &str = "a.kind = 'photo' AND a.thumbnail = 1 AND a.event_id IS NULL \
     AND s.public_photos = 1 AND s.private = 0";

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    reference: String,
    service_code: String,
    at: i64,
    kind: String,
    status: Option<String>,
    reason: Option<String>,
    note: String,
    current: String,
    current_reason: Option<String>,
}

impl TryFrom<EventRow> for PublicEvent {
    type Error = anyhow::Error;

    fn try_from(row: EventRow) -> anyhow::Result<PublicEvent> {
        let reason = |reason: Option<&str>| reason.map(|r| CloseReason::parse(r).context("close reason")).transpose();
        let kind = match row.kind.as_str() {
            "status" => {
                let status = row.status.as_deref().and_then(Status::parse).context("event status")?;
                PublicEventKind::Status(status, reason(row.reason.as_deref())?)
            }
            "reopened" => PublicEventKind::Reopened,
            _ => PublicEventKind::Note,
        };
        Ok(PublicEvent {
            id: row.id,
            reference: Reference::parse(&row.reference).context("event reference")?,
            service: Code::parse(&row.service_code).context("event service")?,
            at: row.at,
            kind,
            // What a resident wrote when reopening is theirs (the survey's comment), not the city's.
            note: if matches!(kind, PublicEventKind::Reopened) { String::new() } else { row.note },
            current: (Status::parse(&row.current).context("request status")?, reason(row.current_reason.as_deref())?),
        })
    }
}

#[async_trait::async_trait]
impl Open311Store for Store {
    async fn file(&self, filing: &NewFiling) -> anyhow::Result<Reference> {
        self.file_request(filing).await
    }

    async fn api_key(&self, hash: &[u8]) -> anyhow::Result<Option<ApiKey>> {
        self.key_by_hash(hash).await
    }

    async fn create_api_key(
        &self,
        name: &KeyName,
        hash: &[u8],
        rate: NonZeroU32,
        now: i64,
    ) -> anyhow::Result<Option<ApiKey>> {
        self.new_key(name, hash, rate, now).await
    }

    async fn api_keys(&self) -> anyhow::Result<Vec<KeyListing>> {
        self.all_keys().await
    }

    async fn revoke_api_key(&self, name: &KeyName, now: i64) -> anyhow::Result<bool> {
        self.revoke_key(name, now).await
    }

    async fn requests(&self, query: &RequestsQuery) -> anyhow::Result<Vec<PublicRequest>> {
        // The photo's lookup runs only for the services that publish photos.
        let mut sql = Statement::new(format!(
            "SELECT {REQUEST_COLUMNS}, r.address_id, coalesce(r.updated_at, r.created_at) AS updated, \
             CASE WHEN s.public_photos = 1 AND s.private = 0 THEN (SELECT a.id FROM attachments a \
               WHERE a.request_id = r.id AND {PUBLIC_PHOTO} ORDER BY a.created_at, a.id LIMIT 1) END AS photo \
             FROM requests r JOIN services s ON s.code = r.service_code WHERE "
        ));
        if query.ids.is_empty() {
            sql.push("r.created_at BETWEEN ").bind(query.from).push(" AND ").bind(query.to);
            if !query.services.is_empty() {
                sql.push(" AND r.service_code");
                sql.bind_in(query.services.iter().map(|service| service.as_str()));
            }
            match query.open {
                Some(true) => sql.push(" AND r.status NOT IN ('completed', 'closed')"),
                Some(false) => sql.push(" AND r.status IN ('completed', 'closed')"),
                None => &mut sql,
            };
            if let Some(after) = query.updated_after {
                sql.push(" AND coalesce(r.updated_at, r.created_at) >= ").bind(after);
            }
            if let Some(before) = query.updated_before {
                sql.push(" AND coalesce(r.updated_at, r.created_at) <= ").bind(before);
            }
        } else {
            sql.push("r.reference");
            sql.bind_in(query.ids.iter().map(Reference::to_string));
        }
        let offset = i64::from(query.page - 1) * i64::from(query.page_size);
        sql.push(" ORDER BY r.created_at DESC, r.id DESC LIMIT ").bind(i64::from(query.page_size));
        sql.push(" OFFSET ").bind(offset);
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            request: RequestRow,
            address_id: Option<i64>,
            updated: i64,
            photo: Option<String>,
        }
        let (text, values) = sql.parts();
        let rows = sqlx::query_as_with::<_, Row, _>(&text, values).fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|row| {
                let (latitude, longitude) = (row.request.latitude, row.request.longitude);
                Ok(PublicRequest {
                    request: row.request.try_into()?,
                    address_id: row.address_id,
                    latitude,
                    longitude,
                    updated_at: row.updated,
                    photo: row.photo,
                })
            })
            .collect()
    }

    async fn public_events(&self, references: &[Reference]) -> anyhow::Result<Vec<PublicEvent>> {
        if references.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Statement::new(EVENT_SELECT);
        sql.push(" AND r.reference");
        sql.bind_in(references.iter().map(Reference::to_string));
        sql.push(" ORDER BY e.id");
        let (text, values) = sql.parts();
        let rows = sqlx::query_as_with::<_, EventRow, _>(&text, values).fetch_all(&self.pool).await?;
        rows.into_iter().map(PublicEvent::try_from).collect()
    }

    async fn updates(&self, from: i64, to: i64, limit: u32) -> anyhow::Result<Vec<PublicEvent>> {
        let mut sql = Statement::new(EVENT_SELECT);
        sql.push(" AND e.at BETWEEN ").bind(from).push(" AND ").bind(to);
        sql.push(" ORDER BY e.at, e.id LIMIT ").bind(i64::from(limit));
        let (text, values) = sql.parts();
        let rows = sqlx::query_as_with::<_, EventRow, _>(&text, values).fetch_all(&self.pool).await?;
        rows.into_iter().map(PublicEvent::try_from).collect()
    }

    async fn public_photo(&self, id: &str) -> anyhow::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT 1 FROM attachments a JOIN requests r ON r.id = a.request_id \
             JOIN services s ON s.code = r.service_code WHERE a.id = $1 AND {PUBLIC_PHOTO}"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}
