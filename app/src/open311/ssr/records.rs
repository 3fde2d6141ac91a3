//! What the API answers, field for field as GeoReport v2 names them (and the extensions we serve).
//! Ids and codes are strings; an absent value is left out rather than written empty.

use serde::Serialize;

/// `discovery.{xml,json}`.
#[derive(Serialize)]
pub struct Discovery {
    pub changeset: String,
    pub contact: String,
    pub key_service: String,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Serialize)]
pub struct Endpoint {
    pub specification: &'static str,
    pub url: String,
    pub changeset: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub formats: [&'static str; 2],
}

/// One of `services.{xml,json}`.
#[derive(Serialize)]
pub struct ServiceRecord {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub keywords: String,
    pub group: String,
}

/// `services/{code}.{xml,json}`.
#[derive(Serialize)]
pub struct ServiceDefinition {
    pub service_code: String,
    pub attributes: Vec<AttributeRecord>,
}

#[derive(Serialize)]
pub struct AttributeRecord {
    pub variable: bool,
    pub code: String,
    pub datatype: &'static str,
    pub required: bool,
    pub datatype_description: String,
    pub order: usize,
    pub description: String,
    pub values: Vec<ValueRecord>,
}

#[derive(Serialize)]
pub struct ValueRecord {
    pub key: String,
    pub name: String,
}

/// One of `requests.{xml,json}`, `requests/{id}.{xml,json}`.
#[derive(Serialize)]
pub struct RequestRecord {
    pub service_request_id: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_notes: Option<String>,
    pub service_name: String,
    pub service_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_responsible: Option<String>,
    pub requested_datetime: String,
    pub updated_datetime: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_datetime: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_id: Option<String>,
    pub lat: f64,
    pub long: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
    /// `extensions=true` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_attributes: Option<Extended>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<NoteRecord>>,
}

/// What GeoReport has no field for: how it came in, and where it stands in our words.
#[derive(Serialize)]
pub struct Extended {
    pub channel: String,
    /// The app that filed it through this API (its key's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    pub detailed_status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<&'static str>,
}

/// A moment of the public timeline (`extensions=true`).
#[derive(Serialize)]
pub struct NoteRecord {
    pub datetime: String,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// One of mySociety's `servicerequestupdates.{xml,json}`.
#[derive(Serialize)]
pub struct UpdateRecord {
    pub update_id: String,
    pub service_request_id: String,
    pub status: &'static str,
    pub updated_datetime: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
}

/// What `POST requests` and `tokens/{token}` answer.
#[derive(Serialize)]
pub struct Filed {
    pub service_request_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

/// One of the errors the specification's error answers list.
#[derive(Serialize)]
pub struct ErrorRecord {
    pub code: u16,
    pub description: String,
}
