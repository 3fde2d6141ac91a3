//! `/requests/{reference}`: the confirmation, with the reference number, what happens next, and where
//! the receipt went.

use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n, FluentValue};
use crate::layout::PageTitle;
use crate::requests::api::get_submitted;
use crate::requests::model::Submitted;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SubmittedPage() -> impl IntoView {
    let params = use_params_map();
    let found = Resource::new(move || params.read().get("reference").unwrap_or_default(), get_submitted);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(found.await.map(|submitted| view! { <Confirmation submitted/> })) })}
        </Suspense>
    }
}

#[component]
fn Confirmation(submitted: Submitted) -> impl IntoView {
    let i18n = use_i18n();
    let (title, receipt) = match (submitted.following, submitted.receipt_by.as_str()) {
        (true, _) => ("following-title", "following-text"),
        (false, "email") => ("submitted-title", "submitted-receipt-email"),
        (false, "sms") => ("submitted-title", "submitted-receipt-sms"),
        (false, _) => ("submitted-title", "submitted-receipt-none"),
    };
    let service = submitted.service_name.clone();
    let summary = move || {
        i18n.t_args(
            "submitted-summary",
            &[
                ("service", FluentValue::from(i18n.pick(&service))),
                ("address", FluentValue::from(submitted.address.clone())),
            ],
        )
    };
    view! {
        <PageTitle title=t(title)/>
        <div class="panel-confirmation" role="status">
            <h1>{t(title)}</h1>
            <p>{t("submitted-reference")}</p>
            <p class="reference">{submitted.reference.clone()}</p>
        </div>
        <p>{summary}</p>
        <p>{t(receipt)}</p>
        <h2>{t("submitted-next-heading")}</h2>
        <p>{t("submitted-next-text")}</p>
        <p>
            <a class="button button-secondary" href="/">{t("submitted-another")}</a>
        </p>
    }
}
