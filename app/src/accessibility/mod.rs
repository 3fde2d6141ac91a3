//! The accessibility statement the footer links to (AODA): the standard the portal meets and how it is
//! checked, how to ask for a page or a notice in another format, and a form to report a barrier, which
//! goes to the staff's feedback list, flagged (`feedback::ReportBarrier`).

use crate::city::use_city;
use crate::components::{action_error, Confirmation, ErrorSummary, SubmitButton, TextArea, TextField};
use crate::errors::Field;
use crate::feedback::ReportBarrier;
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;

/// In the footer pages' lazy chunk (`routes::FooterPages`).
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let profile = use_city().profile;
    let (phone, email) = (profile.phone_local, profile.email);
    let formats = move || {
        i18n.t_args(
            "accessibility-formats",
            &[("phone", phone.written(i18n.lang()).into()), ("email", email.clone().into())],
        )
    };
    view! {
        <PageTitle title=t("accessibility-title")/>
        <h1>{t("accessibility-title")}</h1>
        <p class="lead">{t("accessibility-intro")}</p>
        <h2>{t("accessibility-standard-heading")}</h2>
        <p>{t("accessibility-standard")}</p>
        <p>{t("accessibility-checked")}</p>
        <h2>{t("accessibility-formats-heading")}</h2>
        <p>{formats}</p>
        <h2 id="barrier-heading">{t("accessibility-barrier-heading")}</h2>
        <p>{t("accessibility-barrier-intro")}</p>
        <BarrierForm/>
    }
}

#[component]
fn BarrierForm() -> impl IntoView {
    let action = ServerAction::<ReportBarrier>::new();
    let error = action_error(action.value());
    let sent = move || action.value().with(|value| matches!(value, Some(Ok(()))));
    view! {
        {move || match sent() {
            true => view! {
                <Confirmation heading="accessibility-barrier-thanks-title" text="accessibility-barrier-thanks-text">
                    <p><a href=routes::HOME>{t("feedback-back-home")}</a></p>
                </Confirmation>
            }
            .into_any(),
            false => view! {
                <ErrorSummary error/>
                <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form" attr:aria-labelledby="barrier-heading">
                    <TextArea field=Field::Barrier error hint="accessibility-barrier-hint"/>
                    <TextField field=Field::Contact error hint="accessibility-contact-hint"/>
                    <SubmitButton label="accessibility-barrier-send" pending=action.pending()/>
                </ActionForm>
            }
            .into_any(),
        }}
    }
}
