//! The contact page (/staff/contact), in parts: finding the caller (this file), the caller the agent is
//! serving and the request to file for them (`file.rs`), a new profile (`profile.rs`), an inquiry that
//! is not a request (`inquiry.rs`); and the one-page form of that request (`request.rs`).

mod file;
mod inquiry;
mod profile;
mod request;

use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n, Arg, Lang};
use crate::intake::api::get_contact_page;
use crate::intake::model::{CallerCard, ChannelCount, ContactState};
use crate::layout::PageTitle;
use crate::requests::model::ContactChannel;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
pub use request::CallRequestPage;

/// The contact's state from the page's address; a new contact starts on the phone, in the agent's language.
fn contact_state() -> Memo<ContactState> {
    let query = use_query_map();
    let i18n = use_i18n();
    Memo::new(move |_| {
        let query = query.read();
        let channel =
            query.get("channel").filter(|c| ContactChannel::parse(c).is_some_and(|c| c != ContactChannel::Web));
        ContactState {
            channel: channel.unwrap_or_else(|| ContactChannel::Phone.code().into()),
            lang: query
                .get("lang")
                .filter(|l| Lang::from_tag(l).is_some())
                .unwrap_or_else(|| i18n.lang().code().into()),
            q: query.get("q").unwrap_or_default(),
            caller: query.get("caller").and_then(|id| id.parse().ok()),
            existing: query.get("existing").is_some(),
            chat: query.get("chat").and_then(|id| id.parse().ok()),
        }
    })
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let state = contact_state();
    let found =
        Resource::new(move || state.get(), |state| get_contact_page(state.q, state.caller.map(|id| id.to_string())));
    view! {
        <PageTitle title=t("intake-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let state = state.get_untracked();
                view_or_error(found.await.map(|page| {
                    let (chosen, today) = (page.chosen.clone(), page.today.clone());
                    let (matches, services) = (page.matches.clone(), page.services.clone());
                    // One form per page is the language switch's: the caller's, when there is one.
                    let page_form = chosen.is_none() && state.q.trim().is_empty();
                    // Once the caller is chosen, serving them comes first; finding another, after.
                    let find = view! { <FindCaller state=state.clone()/> };
                    let serving = match chosen {
                        Some(caller) => view! {
                            <file::Serving caller state=state.clone() services/>
                            {find}
                        }
                        .into_any(),
                        None => view! {
                            {find}
                            <Matches matches state=state.clone()/>
                        }
                        .into_any(),
                    };
                    view! {
                        <h1>{t("intake-title")}</h1>
                        <p>
                            <a href=routes::STAFF>{t("staff-back-to-queue")}</a>
                            " · "
                            <a href=routes::STAFF_CHAT>{t("staff-chat-link")}</a>
                        </p>
                        {serving}
                        <inquiry::InquiryForm state topics=page.topics services=page.services page_form/>
                        <Today counts=today/>
                    }
                }))
            })}
        </Suspense>
    }
}

/// Today's contacts by channel: the contact centre's counts, at a glance.
#[component]
fn Today(counts: Vec<ChannelCount>) -> impl IntoView {
    let i18n = use_i18n();
    let total: u64 = counts.iter().map(|c| c.requests + c.inquiries).sum();
    let lines = counts
        .into_iter()
        .map(|count| {
            let line = move || {
                i18n.t_args(
                    "intake-today-channel",
                    &[
                        ("channel", Arg::from(i18n.t(count.channel.key()))),
                        ("requests", Arg::from(count.requests)),
                        ("inquiries", Arg::from(count.inquiries)),
                    ],
                )
            };
            view! { <li>{line}</li> }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="intake-today">
            <h2 id="intake-today">{move || i18n.t_args("intake-today", &[("count", Arg::from(total))])}</h2>
            <ul>{lines}</ul>
        </section>
    }
}

/// Find-the-caller: how they reached us, their language, and their name, phone number or e-mail. A GET
/// form: the contact's state is the page's address.
#[component]
fn FindCaller(state: ContactState) -> impl IntoView {
    let i18n = use_i18n();
    // Radios of their own ids: the new-profile form on the same page has a "lang" field too.
    let radios = move |name: &'static str,
                       legend: &'static str,
                       options: Vec<(&'static str, &'static str)>,
                       selected: String| {
        let choices = options
            .into_iter()
            .map(|(value, key)| {
                let id = format!("find-{name}-{value}");
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name=name value=value checked=selected == value/>
                        <label for=id>{t(key)}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <div class="field">
                <fieldset class="inline-choices">
                    <legend>{t(legend)}</legend>
                    {choices}
                </fieldset>
            </div>
        }
    };
    let channels = ContactChannel::AGENTS.map(|c| (c.code(), c.key())).to_vec();
    view! {
        <form method="get" action=routes::STAFF_CONTACT class="form" role="search" aria-label=move || i18n.t("intake-find")>
            <h2>{t("intake-find")}</h2>
            {radios("channel", "field-channel", channels, state.channel.clone())}
            {radios("lang", "intake-caller-lang", crate::accounts::lang_options(), state.lang.clone())}
            <div class="field">
                <label for="q">{t("intake-find-label")}</label>
                <p class="hint" id="q-hint">{t("intake-find-hint")}</p>
                <div class="search-row">
                    <input id="q" name="q" type="search" autocomplete="off" aria-describedby="q-hint" value=state.q.clone()/>
                    <button type="submit" class="button">{t("intake-find-button")}</button>
                </div>
            </div>
        </form>
    }
}

/// What find-the-caller found, and the form for a caller who has no profile.
#[component]
fn Matches(matches: Vec<CallerCard>, state: ContactState) -> impl IntoView {
    let i18n = use_i18n();
    if state.q.trim().is_empty() {
        return ().into_any();
    }
    let count = matches.len();
    let cards = matches
        .into_iter()
        .map(|caller| {
            let serve = ContactState { caller: Some(caller.id), ..state.clone() }.address();
            let name = caller.name.clone();
            let label = move || i18n.t_args("intake-serve", &[("name", Arg::from(name.clone()))]);
            view! {
                <li class="caller">
                    <file::CallerDetails caller/>
                    <a class="button button-secondary" href=serve>{label}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="intake-found">
            <h2 id="intake-found">{t("intake-found-heading")}</h2>
            <p role="status">{move || i18n.t_args("intake-found", &[("count", Arg::from(count))])}</p>
            <ul class="callers">{cards}</ul>
        </section>
        <profile::NewProfile state/>
    }
    .into_any()
}
