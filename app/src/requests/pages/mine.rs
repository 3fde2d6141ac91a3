//! "My requests", on the account page: the requests the resident made, then those they follow, each with
//! its reference, service, address, date and status; a followed one can be let go ("stop following").

use crate::addresses::written;
use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::requests::api::{my_requests, Unfollow};
use crate::requests::model::{MyRequestLists, RequestSummary};
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn MyRequests() -> impl IntoView {
    let found = Resource::new(|| (), |_| my_requests());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(found.await.map(|lists| view! { <Lists lists/> })) })}
        </Suspense>
    }
}

#[component]
fn Lists(lists: MyRequestLists) -> impl IntoView {
    let unfollow = ServerAction::<Unfollow>::new();
    let lists = StoredValue::new(lists);
    // After "stop following", the lists as the server answered them (without JavaScript, the page reloads).
    let current = move || unfollow.value().get().and_then(Result::ok).unwrap_or_else(|| lists.get_value());
    let followed = move || current().followed;
    view! {
        {move || match current().made {
            made if made.is_empty() => view! {
                <p>{t("account-requests-empty")}</p>
            }.into_any(),
            made => view! { <RequestList list=made unfollow=None/> }.into_any(),
        }}
        <p><a class="button button-secondary" href=routes::HOME>{t("account-requests-start")}</a></p>
        <Show when=move || !followed().is_empty()>
            <h3 id="followed-heading">{t("account-followed-heading")}</h3>
            <p class="hint">{t("account-followed-hint")}</p>
            {move || view! { <RequestList list=followed() unfollow=Some(unfollow)/> }}
        </Show>
        <Show when=move || matches!(unfollow.value().get(), Some(Ok(_)))>
            <p class="success" role="status">{t("account-unfollowed")}</p>
        </Show>
    }
}

/// A list of requests; with `unfollow`, each has its "stop following" button.
#[component]
fn RequestList(list: Vec<RequestSummary>, unfollow: Option<ServerAction<Unfollow>>) -> impl IntoView {
    let i18n = use_i18n();
    let items = list
        .into_iter()
        .map(|request| {
            let href = routes::request(&request.reference);
            let name = request.service_name.clone();
            let status = request.status.key();
            let reference = request.reference.to_string();
            let address = request.address.clone();
            let stop = unfollow.map(|action| {
                let reference = reference.clone();
                view! {
                    <ActionForm action attr:class="inline-form">
                        <input type="hidden" name="reference" value=reference.clone()/>
                        <button type="submit" class="button button-secondary">
                            {t("account-unfollow")}
                            <span class="visually-hidden">" "{reference}</span>
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <li class="result">
                    <a class="result-link" href=href>{move || i18n.pick(&name)}</a>
                    <p class="result-summary">{move || written(&address, i18n.lang())}</p>
                    <p class="result-meta">
                        <span>{reference}</span>
                        <span>{request.date.clone()}</span>
                        <span class="tag tag-status">{move || i18n.t(status)}</span>
                    </p>
                    {stop}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="result-list">{items}</ul> }
}
