//! `/categories/{code}`: the services of one category.

use super::api::{get_category, CategoryView, ServiceSummary};
use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::layout::{Breadcrumbs, PageTitle};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let view = Resource::new(move || params.read().get("code").unwrap_or_default(), get_category);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(view.await.map(|found| view! { <CategoryDetails found/> })) })}
        </Suspense>
    }
}

#[component]
fn CategoryDetails(found: CategoryView) -> impl IntoView {
    let i18n = use_i18n();
    let (name, description) = (found.category.name, found.category.description);
    let title = name.clone();
    view! {
        <PageTitle title=move || i18n.pick(&title)/>
        <Breadcrumbs/>
        <h1>{move || i18n.pick(&name)}</h1>
        <p class="lead">{move || i18n.pick(&description)}</p>
        <ul class="service-list">
            {found.services.into_iter().map(|service| view! { <ServiceItem service/> }).collect_view()}
        </ul>
    }
}

#[component]
fn ServiceItem(service: ServiceSummary) -> impl IntoView {
    let i18n = use_i18n();
    let ServiceSummary { code, online, name, summary } = service;
    view! {
        <li class="result">
            <a href=routes::service(&code) class="result-link">{move || i18n.pick(&name)}</a>
            <p class="result-summary">{move || i18n.pick(&summary)}</p>
            {(!online).then(|| view! { <p class="result-meta"><span class="tag tag-offline">{t("service-not-online-tag")}</span></p> })}
        </li>
    }
}
