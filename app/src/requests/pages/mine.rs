//! "My requests", on the account page: each request's reference, service, address, date and status.

use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::requests::api::my_requests;
use crate::requests::model::RequestSummary;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn MyRequests() -> impl IntoView {
    let found = Resource::new(|| (), |_| my_requests());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(found.await.map(|list| view! { <RequestList list/> })) })}
        </Suspense>
    }
}

#[component]
fn RequestList(list: Vec<RequestSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! {
            <p>{t("account-requests-empty")}</p>
            <a class="button button-secondary" href=routes::HOME>{t("account-requests-start")}</a>
        }
        .into_any();
    }
    let items = list
        .into_iter()
        .map(|request| {
            let href = routes::request(&request.reference);
            let name = request.service_name.clone();
            let status = request.status.key();
            view! {
                <li class="result">
                    <a class="result-link" href=href>{move || i18n.pick(&name)}</a>
                    <p class="result-summary">{request.address.clone()}</p>
                    <p class="result-meta">
                        <span>{request.reference.to_string()}</span>
                        <span>{request.date.clone()}</span>
                        <span class="tag tag-status">{move || i18n.t(status)}</span>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="result-list">{items}</ul>
        <p><a class="button button-secondary" href=routes::HOME>{t("account-requests-start")}</a></p>
    }
    .into_any()
}
