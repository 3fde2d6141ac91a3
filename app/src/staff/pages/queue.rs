//! `/staff`: requests to handle, oldest first, with filters in the address (a GET form: bookmarkable,
//! and it works without JavaScript).

use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::lifecycle::model::Status;
use crate::requests::model::ContactChannel;
use crate::routes;
use crate::staff::api::get_queue;
use crate::staff::model::{Age, QueueFilter, QueuePage, STATUS_ALL, STATUS_OPEN};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.read();
        let text = |name: &str| query.get(name).unwrap_or_default();
        QueueFilter {
            status: text("status"),
            service: text("service"),
            category: text("category"),
            age: text("age"),
            overdue: query.get("overdue").is_some(),
            attention: query.get("attention").is_some(),
            channel: text("channel"),
            q: text("q"),
            page: text("page").parse().unwrap_or(0),
        }
    });
    let found = Resource::new(move || filter.get(), get_queue);
    view! {
        <PageTitle title=t("staff-queue-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let filter = filter.get_untracked();
                // The heading only with the queue: a refusal is a page of its own, with its own heading.
                view_or_error(found.await.map(|page| view! {
                    <h1>{t("staff-queue-title")}</h1>
                    <p>
                        <a href=routes::STAFF_CONTACT>{t("staff-contact-link")}</a>
                        " · "
                        <a href=routes::STAFF_CHAT>{t("staff-chat-link")}</a>
                        " · "
                        <a href=routes::STAFF_FEEDBACK>{t("staff-feedback-link")}</a>
                    </p>
                    <Filters page=page.clone() filter=filter.clone()/>
                    <Results page filter/>
                }))
            })}
        </Suspense>
    }
}

#[component]
fn Filters(page: QueuePage, filter: QueueFilter) -> impl IntoView {
    let i18n = use_i18n();
    let option = move |value: String, label: Signal<String>, selected: &str| {
        let chosen = value == selected;
        view! { <option value=value selected=chosen>{label}</option> }
    };
    let statuses = std::iter::once((STATUS_OPEN.to_string(), "staff-filter-open"))
        .chain(std::iter::once((STATUS_ALL.to_string(), "staff-filter-all")))
        .chain(Status::ALL.map(|s| (s.code().to_string(), s.key())))
        .map(|(value, key)| option(value, Signal::derive(move || i18n.t(key)), &filter.status))
        .collect_view();
    // "Any" agrees with the noun in French: "Toutes" (catégories), "Tous" (services).
    let named = |list: Vec<(crate::catalogue::Code, crate::i18n::Text)>, selected: &str, any: &'static str| {
        std::iter::once(option(String::new(), Signal::derive(move || i18n.t(any)), selected))
            .chain(
                list.into_iter()
                    .map(|(code, name)| option(code.to_string(), Signal::derive(move || i18n.pick(&name)), selected)),
            )
            .collect_view()
    };
    let ages = std::iter::once(("".to_string(), "staff-filter-any"))
        .chain(Age::ALL.map(|age| (age.code().to_string(), "staff-filter-age-days")))
        .map(|(value, key)| {
            let days = value.clone();
            let label = Signal::derive(move || i18n.t_args(key, &[("days", Arg::from(days.clone()))]));
            option(value, label, &filter.age)
        })
        .collect_view();
    let channels = std::iter::once(("".to_string(), "staff-filter-any"))
        .chain(ContactChannel::ALL.map(|c| (c.code().to_string(), c.key())))
        .map(|(value, key)| option(value, Signal::derive(move || i18n.t(key)), &filter.channel))
        .collect_view();
    view! {
        <form method="get" action=routes::STAFF class="queue-filters" role="search" aria-label=move || i18n.t("staff-filters")>
            <div class="field">
                <label for="q">{t("staff-filter-search")}</label>
                <input id="q" name="q" type="search" value=filter.q.clone()/>
            </div>
            <div class="field">
                <label for="status">{t("field-status")}</label>
                <select id="status" name="status">{statuses}</select>
            </div>
            <div class="field">
                <label for="category">{t("staff-filter-category")}</label>
                <select id="category" name="category">{named(page.categories, &filter.category, "staff-filter-any-category")}</select>
            </div>
            <div class="field">
                <label for="service">{t("staff-filter-service")}</label>
                <select id="service" name="service">{named(page.services, &filter.service, "staff-filter-any")}</select>
            </div>
            <div class="field">
                <label for="age">{t("staff-filter-age")}</label>
                <select id="age" name="age">{ages}</select>
            </div>
            <div class="field">
                <label for="channel">{t("staff-filter-channel")}</label>
                <select id="channel" name="channel">{channels}</select>
            </div>
            <div class="choice">
                <input type="checkbox" id="overdue" name="overdue" value="true" checked=filter.overdue/>
                <label for="overdue">{t("staff-filter-overdue")}</label>
            </div>
            <div class="choice">
                <input type="checkbox" id="attention" name="attention" value="true" checked=filter.attention/>
                <label for="attention">{t("staff-filter-attention")}</label>
            </div>
            <button type="submit" class="button">{t("staff-filter-apply")}</button>
        </form>
    }
}

#[component]
fn Results(page: QueuePage, filter: QueueFilter) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    let count = move || i18n.t_args("staff-queue-count", &[("count", Arg::from(total))]);
    if page.rows.is_empty() {
        return view! { <p role="status">{t("staff-queue-empty")}</p> }.into_any();
    }
    // On a phone each row is a card; its cells say which column they are (style/main.css).
    let label = move |key: &'static str| move || i18n.t(key);
    let rows = page
        .rows
        .into_iter()
        .map(|row| {
            let href = routes::staff_request(&row.reference);
            let (service, team) = (row.service_name.clone(), row.team.clone());
            let status = row.status.key();
            let attention = row.attention.map(|kind| {
                view! { <span class="tag tag-attention">{t(kind.key())}</span> }
            });
            // Requests from the portal are most of them: only the others say how they came in.
            let channel = (row.channel != ContactChannel::Web)
                .then(|| view! { <span class="tag">{t(row.channel.key())}</span> });
            view! {
                <tr>
                    <th scope="row"><a href=href>{row.reference.to_string()}</a> {attention} {channel}</th>
                    <td data-label=label("staff-col-service")>{move || i18n.pick(&service)}</td>
                    <td data-label=label("staff-col-address")>
                        {crate::addresses::written(&row.address, i18n.lang())}<br/><span class="hint">{row.resident.clone()}</span>
                    </td>
                    <td data-label=label("field-status")><span class="tag tag-status">{move || i18n.t(status)}</span></td>
                    <td data-label=label("staff-col-received")>{row.created_on.clone()}</td>
                    <td data-label=label("staff-col-due") class:overdue=row.overdue>
                        {row.due_on.clone()}
                        {row.overdue.then(|| view! { <span class="visually-hidden">" "{t("staff-overdue")}</span> })}
                    </td>
                    <td data-label=label("field-team")>{move || team.as_ref().map(|t| i18n.pick(t)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let previous = (page.page > 0).then(|| filter.query_string(page.page - 1));
    let next = (page.page + 1 < page.pages).then(|| filter.query_string(page.page + 1));
    let (current, pages) = (page.page + 1, page.pages);
    let position =
        move || i18n.t_args("staff-queue-page", &[("page", Arg::from(current)), ("pages", Arg::from(pages))]);
    view! {
        <p role="status">{count}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t("staff-queue-title")>
            <table class="queue">
                <thead>
                    <tr>
                        <th scope="col">{t("staff-col-reference")}</th>
                        <th scope="col">{t("staff-col-service")}</th>
                        <th scope="col">{t("staff-col-address")}</th>
                        <th scope="col">{t("field-status")}</th>
                        <th scope="col">{t("staff-col-received")}</th>
                        <th scope="col">{t("staff-col-due")}</th>
                        <th scope="col">{t("field-team")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pagination" aria-label=move || i18n.t("staff-pagination")>
            {previous.map(|href| view! { <a href=href rel="prev">{t("staff-previous")}</a> })}
            <span>{position}</span>
            {next.map(|href| view! { <a href=href rel="next">{t("staff-next")}</a> })}
        </nav>
    }
    .into_any()
}
