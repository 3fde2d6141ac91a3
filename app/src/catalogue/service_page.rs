//! `/services/{code}`: what a service covers, what to prepare, and the way to ask for it — the request
//! form for an online service, or 311's channels for a topic that is not online yet.

use super::api::{get_service, ServiceView};
use crate::city::Channels;
use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n, TextList};
use crate::layout::{Breadcrumbs, Crumb, PageTitle};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let view = Resource::new(move || params.read().get("code").unwrap_or_default(), get_service);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(view.await.map(|found| view! { <ServiceDetails found/> })) })}
        </Suspense>
    }
}

#[component]
fn ServiceDetails(found: ServiceView) -> impl IntoView {
    let i18n = use_i18n();
    let ServiceView { service, category } = found;
    let (name, summary, description) = (service.name.clone(), service.summary, service.description);
    let title = name.clone();
    let crumb = Crumb { href: routes::category(&category.code), label: category.name };
    let how_to_ask = if service.online {
        let href = routes::new_request(&service.code);
        view! {
            <Prepare items=service.prepare/>
            <p>
                <a class="button button-start" href=href>{t("service-submit")}</a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <div class="notice" role="note">
                <p><strong>{t("service-not-online-title")}</strong></p>
                <p>{t("service-not-online-text")}</p>
            </div>
            <Channels heading="channels-title-ask"/>
        }
        .into_any()
    };
    view! {
        <PageTitle title=move || i18n.pick(&title)/>
        <Breadcrumbs crumb/>
        <h1>{move || i18n.pick(&name)}</h1>
        <p class="lead">{move || i18n.pick(&summary)}</p>
        <p>{move || i18n.pick(&description)}</p>
        {how_to_ask}
    }
}

#[component]
fn Prepare(items: TextList) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{t("service-prepare")}</h2>
        <ul class="prepare-list">
            {move || items.get(i18n.lang()).iter().map(|item| view! { <li>{item.clone()}</li> }).collect_view()}
        </ul>
    }
}
