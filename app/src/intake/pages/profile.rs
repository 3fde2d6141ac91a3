//! A profile for a caller who has none: no password, a phone number and/or an e-mail address. What the
//! agent typed to find them fills the matching field, so nothing is typed twice.

use crate::accounts::model::{Mobile, UpdatesBy};
use crate::accounts::{lang_options, updates_options};
use crate::components::{action_error, Choices, ErrorSummary, SubmitButton, TextField};
use crate::errors::Field;
use crate::i18n::t;
use crate::i18n::PAGE_FORM;
use crate::intake::api::CreateProfile;
use crate::intake::model::ContactState;
use leptos::prelude::*;

#[component]
pub fn NewProfile(state: ContactState) -> impl IntoView {
    let action = ServerAction::<CreateProfile>::new();
    let error = action_error(action.value());
    let typed = state.q.trim().to_string();
    let (name, email, mobile) = match (Mobile::parse(&typed).is_some(), typed.contains('@')) {
        (true, _) => (String::new(), String::new(), typed),
        (false, true) => (String::new(), typed, String::new()),
        (false, false) => (typed, String::new(), String::new()),
    };
    // A caller on the phone hears back by text more often than not; by e-mail if that is what they gave.
    let updates = if email.is_empty() { UpdatesBy::None } else { UpdatesBy::Email };
    view! {
        <section aria-labelledby="intake-new-profile">
            <h2 id="intake-new-profile">{t("intake-new-profile")}</h2>
            <p>{t("intake-new-profile-text")}</p>
            <ErrorSummary error/>
            <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                <input type="hidden" name="channel" value=state.channel.clone()/>
                <TextField field=Field::Name error autocomplete="off" value=name/>
                <TextField field=Field::Mobile error kind="tel" hint="intake-mobile-hint" value=mobile/>
                <TextField field=Field::Email error kind="email" value=email/>
                <Choices field=Field::Lang error options=lang_options() selected=state.lang.clone()/>
                <Choices field=Field::UpdatesBy error options=updates_options() selected=updates.code() hint="intake-updates-hint"/>
                <SubmitButton label="intake-create-button" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
