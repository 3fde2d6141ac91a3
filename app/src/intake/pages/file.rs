//! The caller the agent is serving: who they are, their open requests, and the request to file for them
//! (its one-page form follows, `request.rs`, on the agent's draft, with the caller named at the top).

use crate::catalogue::Code;
use crate::components::{action_error, ErrorSummary, SelectField, SubmitButton, TextField};
use crate::errors::Field;
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Text};
use crate::intake::api::{FileForCaller, LinkEmail};
use crate::intake::model::{CallerCard, ContactState};
use crate::routes;
use leptos::prelude::*;

/// A caller's details as find-the-caller and the serving panel show them.
#[component]
pub fn CallerDetails(caller: CallerCard) -> impl IntoView {
    let i18n = use_i18n();
    let open = caller
        .open
        .into_iter()
        .map(|request| {
            let (service, status) = (request.service_name, request.status.key());
            view! {
                <li>
                    <a href=routes::staff_request(&request.reference)>{request.reference.to_string()}</a>
                    " — " {move || i18n.pick(&service)} " · " {t(status)}
                </li>
            }
        })
        .collect_view();
    let lang = if caller.lang == crate::i18n::Lang::Fr { "lang-fr" } else { "lang-en" };
    view! {
        <p class="caller-name"><strong>{caller.name.clone()}</strong></p>
        <p>
            // The ways to reach them that they gave (one or both), then their language.
            {[caller.mobile.clone(), caller.email.clone()].into_iter().flatten().map(|way| format!("{way} · ")).collect::<String>()}
            {t(lang)}
            {caller.no_account.then(|| view! { " · " <span class="tag">{t("intake-no-account")}</span> })}
        </p>
        <ul class="caller-requests" aria-label=move || i18n.t("intake-open-requests")>{open}</ul>
    }
}

/// The chosen caller, and "file a request": a service, then the one-page form.
#[component]
pub fn Serving(caller: CallerCard, state: ContactState, services: Vec<(Code, Text)>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<FileForCaller>::new();
    let error = action_error(action.value());
    let id = caller.id.to_string();
    let options = services
        .into_iter()
        .map(|(code, name)| view! { <option value=code.to_string()>{move || i18n.pick(&name)}</option> })
        .collect_view();
    let another = ContactState { caller: None, existing: false, q: String::new(), ..state.clone() }.address();
    // A profile with no e-mail and no password: the agent may give it the caller's address later.
    let link = (caller.no_account && caller.email.is_none())
        .then(|| view! { <AddEmail caller=caller.id state=state.clone()/> });
    view! {
        <section class="panel" aria-labelledby="intake-serving">
            <h2 id="intake-serving">{t("intake-serving")}</h2>
            {state.existing.then(|| view! { <p class="notice" role="status">{t("intake-existing")}</p> })}
            <CallerDetails caller/>
            <p><a href=another>{t("intake-another-caller")}</a></p>
            <h3>{t("intake-file-heading")}</h3>
            <ErrorSummary error/>
            <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                <input type="hidden" name="caller" value=id/>
                <input type="hidden" name="channel" value=state.channel.clone()/>
                <input type="hidden" name="lang" value=state.lang.clone()/>
                <input type="hidden" name="chat" value=state.chat.map(|id| id.to_string()).unwrap_or_default()/>
                <SelectField field=Field::Service error>
                    <option value="">{t("intake-choose-service")}</option>
                    {options}
                </SelectField>
                <SubmitButton label="intake-file-button" pending=action.pending()/>
            </ActionForm>
            {link}
        </section>
    }
}

/// Gives the caller's profile their e-mail address: they can then register with it and find their
/// requests; if they already registered with it, the profile joins their account.
#[component]
fn AddEmail(caller: i64, state: ContactState) -> impl IntoView {
    let action = ServerAction::<LinkEmail>::new();
    let error = action_error(action.value());
    view! {
        <h3>{t("intake-link-heading")}</h3>
        <ErrorSummary error/>
        <ActionForm action attr:novalidate=true attr:class="form">
            <input type="hidden" name="caller" value=caller.to_string()/>
            <input type="hidden" name="channel" value=state.channel.clone()/>
            <input type="hidden" name="lang" value=state.lang.clone()/>
            <TextField field=Field::Email error kind="email" hint="intake-link-hint"/>
            <SubmitButton label="intake-link-button" pending=action.pending()/>
        </ActionForm>
    }
}
