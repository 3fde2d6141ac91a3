//! `/open311`: the API explained to developers, in both languages — what each address answers, the
//! filters, filing a request and its parameters, keys, the languages, what is never published, the
//! errors — with examples (the discovery document's `contact` and `key_service` point here).

use crate::i18n::t;
use crate::layout::PageTitle;
use leptos::prelude::*;

/// Each address under `/open311/v2`, with the message that says what it answers.
const ENDPOINTS: [(&str, &str, &str); 9] = [
    ("GET", "discovery.{xml,json}", "open311-endpoint-discovery"),
    ("GET", "services.{xml,json}", "open311-endpoint-services"),
    ("GET", "services/{service_code}.{xml,json}", "open311-endpoint-definition"),
    ("GET", "requests.{xml,json}", "open311-endpoint-requests"),
    ("POST", "requests.{xml,json}", "open311-endpoint-post"),
    ("GET", "requests/{service_request_id}.{xml,json}", "open311-endpoint-request"),
    ("GET", "tokens/{token}.{xml,json}", "open311-endpoint-token"),
    ("GET", "servicerequestupdates.{xml,json}", "open311-endpoint-updates"),
    ("GET", "media/{id}.jpg", "open311-endpoint-media"),
];

/// The filters of `GET requests`, with the message that explains each.
const FILTERS: [(&str, &str); 9] = [
    ("service_request_id", "open311-filter-ids"),
    ("service_code", "open311-filter-services"),
    ("start_date, end_date", "open311-filter-dates"),
    ("status", "open311-filter-status"),
    ("updated_after, updated_before", "open311-filter-updated"),
    ("page, page_size", "open311-filter-pages"),
    ("extensions=true", "open311-filter-extensions"),
    ("locale", "open311-filter-locale"),
    ("jurisdiction_id", "open311-filter-jurisdiction"),
];

/// The parameters of `POST requests`, with the message that explains each.
const POST_PARAMETERS: [(&str, &str); 7] = [
    ("api_key", "open311-post-key"),
    ("service_code", "open311-post-service"),
    ("lat, long, address_id, address_string", "open311-post-place"),
    ("attribute[CODE], attribute[CODE][]", "open311-post-attributes"),
    ("description", "open311-post-description"),
    ("email, phone, first_name, last_name", "open311-post-reporter"),
    ("media, media[]", "open311-post-media"),
];

const EXAMPLE_POST: &str = "curl -F api_key=YOUR_KEY -F service_code=pothole -F lat=46.49063 -F long=-80.99281 \\\n  \
     -F 'attribute[size]=large' -F email=reporter@example.ca -F 'media[]=@photo.jpg' \\\n  \
     https://311.example.ca/open311/v2/requests.json";
const EXAMPLE_FILED: &str = r#"[{"service_request_id":"2026-000043",
  "service_notice":"Received. Expected done by 2026-12-11 (working days, holidays excluded)."}]"#;
const EXAMPLE_READ: &str = "curl -H 'Accept-Language: fr' \\\n  'https://311.example.ca/open311/v2/requests.json?service_code=pothole&status=open&page_size=50'";
const EXAMPLE_ANSWER: &str = r#"[{"service_request_id":"2026-000042","status":"open","service_name":"Nid-de-poule",
  "service_code":"pothole","requested_datetime":"2026-12-01T08:30:00-05:00",
  "updated_datetime":"2026-12-02T10:05:00-05:00","expected_datetime":"2026-12-08T23:59:59-05:00",
  "address":"200, rue Brady, Sudbury","address_id":"100001","lat":46.49063,"long":-80.99281}]"#;
const EXAMPLE_ERROR: &str = r#"[{"code":400,"description":"start_date and end_date may be at most 90 days apart."}]"#;

/// In the footer pages' lazy chunk (`routes::FooterPages`).
#[component]
pub fn Open311Page() -> impl IntoView {
    let endpoints = ENDPOINTS
        .into_iter()
        .map(|(method, path, key)| {
            view! {
                <tr>
                    <td>{method}</td>
                    <td><code>{format!("/open311/v2/{path}")}</code></td>
                    <td>{t(key)}</td>
                </tr>
            }
        })
        .collect_view();
    let terms = |list: &[(&'static str, &'static str)]| {
        list.iter().map(|&(name, key)| view! { <dt><code>{name}</code></dt><dd>{t(key)}</dd> }).collect_view()
    };
    view! {
        <PageTitle title=t("open311-title")/>
        <h1>{t("open311-title")}</h1>
        <p class="lead">{t("open311-intro")}</p>
        <h2>{t("open311-endpoints-heading")}</h2>
        <div class="table-scroll" role="region" aria-labelledby="open311-endpoints-caption" tabindex="0">
            <table class="table">
                <caption id="open311-endpoints-caption">{t("open311-endpoints-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("open311-method")}</th>
                        <th scope="col">{t("open311-address")}</th>
                        <th scope="col">{t("open311-answers")}</th>
                    </tr>
                </thead>
                <tbody>{endpoints}</tbody>
            </table>
        </div>
        <p>{t("open311-formats")}</p>
        <h2>{t("open311-filters-heading")}</h2>
        <dl>{terms(&FILTERS)}</dl>
        <pre><code>{EXAMPLE_READ}</code></pre>
        <pre><code>{EXAMPLE_ANSWER}</code></pre>
        <h2>{t("open311-post-heading")}</h2>
        <p>{t("open311-post-intro")}</p>
        <dl>{terms(&POST_PARAMETERS)}</dl>
        <pre><code>{EXAMPLE_POST}</code></pre>
        <pre><code>{EXAMPLE_FILED}</code></pre>
        <h2>{t("open311-keys-heading")}</h2>
        <p>{t("open311-keys")}</p>
        <h2>{t("open311-privacy-heading")}</h2>
        <p>{t("open311-privacy")}</p>
        <h2>{t("open311-errors-heading")}</h2>
        <p>{t("open311-errors")}</p>
        <pre><code>{EXAMPLE_ERROR}</code></pre>
    }
}
