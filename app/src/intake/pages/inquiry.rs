//! "Log an inquiry": a contact that is not a request (most calls are questions). Topic, outcome, a short
//! note; counted under the contact's channel. No personal data needed; the caller is attached when the
//! agent chose one.

use crate::catalogue::Code;
use crate::components::{action_error, Choices, ErrorSummary, SelectField, SubmitButton, TextArea};
use crate::errors::Field;
use crate::i18n::{t, use_i18n, Text, PAGE_FORM};
use crate::intake::api::LogInquiry;
use crate::intake::model::{ContactState, Outcome};
use leptos::{html, prelude::*};

#[component]
pub fn InquiryForm(
    state: ContactState,
    topics: Vec<(Code, Text)>,
    services: Vec<(Code, Text)>,
    /// Whether it is the page's form (the language switch carries it): only when no caller is being
    /// found or served, whose forms come first.
    page_form: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogInquiry>::new();
    let error = action_error(action.value());
    let logged = move || matches!(action.value().get(), Some(Ok(())));
    // Logged: the form starts empty again for the next call.
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if logged() {
            #[cfg(feature = "hydrate")]
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    // The topics that are not online come first: they are what most calls are about.
    let options = topics
        .into_iter()
        .chain(services)
        .map(|(code, name)| view! { <option value=code.to_string()>{move || i18n.pick(&name)}</option> })
        .collect_view();
    let outcomes = Outcome::ALL.map(|o| (o.code(), o.key())).to_vec();
    view! {
        <section aria-labelledby="intake-inquiry">
            <h2 id="intake-inquiry">{t("intake-inquiry")}</h2>
            <ErrorSummary error/>
            <Show when=logged>
                <p class="success" role="status">{t("intake-inquiry-logged")}</p>
            </Show>
            <ActionForm action node_ref=form attr:id=page_form.then_some(PAGE_FORM) attr:novalidate=true attr:class="form">
                <input type="hidden" name="channel" value=state.channel.clone()/>
                <input type="hidden" name="lang" value=state.lang.clone()/>
                <input type="hidden" name="caller" value=state.caller.map(|id| id.to_string()).unwrap_or_default()/>
                <SelectField field=Field::Topic error>
                    <option value="">{t("intake-topic-other")}</option>
                    {options}
                </SelectField>
                <Choices field=Field::Outcome error options=outcomes selected=Outcome::Resolved.code()/>
                <TextArea field=Field::Note error hint="intake-note-hint" rows=3/>
                <SubmitButton label="intake-inquiry-button" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
