//! `/requests/new?service=CODE`: what the resident will be asked, and "Start". Starting makes the draft
//! the wizard fills in.

use crate::catalogue::{get_service, ServiceView};
use crate::components::{action_error, ErrorSummary, SubmitButton};
use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::layout::PageTitle;
use crate::requests::api::StartRequest;
use crate::requests::model::Step;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewRequestPage() -> impl IntoView {
    let query = use_query_map();
    let found = Resource::new(move || query.read().get("service").unwrap_or_default(), get_service);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(found.await.map(|found| view! { <Start found/> }))
            })}
        </Suspense>
    }
}

#[component]
fn Start(found: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let service = found.service;
    let action = ServerAction::<StartRequest>::new();
    let error = action_error(action.value());
    let name = service.name.clone();
    let title = service.name.clone();
    let body = if service.online {
        view! {
            <p class="lead">{t("request-start-lead")}</p>
            <ol class="step-list">
                {Step::ALL.map(|step| view! { <li>{t(step.key())}</li> }).collect_view()}
            </ol>
            <p>{t("request-start-time")}</p>
            <ErrorSummary error/>
            <ActionForm action>
                <input type="hidden" name="service" value=service.code.to_string()/>
                <SubmitButton label="request-start-button" pending=action.pending()/>
            </ActionForm>
        }
        .into_any()
    } else {
        view! { <crate::errors::ErrorMessage error=crate::errors::AppError::NotOnline/> }.into_any()
    };
    view! {
        <PageTitle title=move || i18n.t_args("request-start-title", &[("service", i18n.pick(&title).into())])/>
        <p class="caption">{t("request-new-title")}</p>
        <h1>{move || i18n.pick(&name)}</h1>
        {body}
    }
}
