//! Registration: the privacy notice first (MFIPPA s.29(2)), then name, e-mail, mobile, language and how to
//! receive updates. The answer is the same whether or not the address has an account: check your e-mail.

use crate::accounts::api::Register;
use crate::accounts::model::UpdatesBy;
use crate::components::{action_error, Choices, Confirmation, ErrorSummary, SubmitButton, TextField};
use crate::errors::Field;
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Lang};
use crate::layout::PageTitle;
use crate::privacy::OfficerCard;
use leptos::prelude::*;

/// The language radios, each language named in itself.
pub fn lang_options() -> Vec<(&'static str, &'static str)> {
    Lang::ALL.iter().map(|lang| (lang.code(), if *lang == Lang::Fr { "lang-fr" } else { "lang-en" })).collect()
}

pub fn updates_options() -> Vec<(&'static str, &'static str)> {
    UpdatesBy::ALL
        .iter()
        .map(|u| {
            let label = match u {
                UpdatesBy::Email => "updates-email",
                UpdatesBy::Sms => "updates-sms",
                UpdatesBy::None => "updates-none",
            };
            (u.code(), label)
        })
        .collect()
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let error = action_error(action.value());
    let lang = use_i18n().lang().code();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <PageTitle title=t("register-title")/>
        <div class="narrow">
            <h1>{t("register-title")}</h1>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <section class="notice" aria-labelledby="privacy-notice">
                            <h2 id="privacy-notice">{t("register-notice-heading")}</h2>
                            <p>{t("register-notice")}</p>
                            <OfficerCard/>
                        </section>
                        <ErrorSummary error/>
                        <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                            <TextField field=Field::Name error autocomplete="name"/>
                            <TextField field=Field::Email error kind="email" autocomplete="email" hint="register-email-hint"/>
                            <TextField field=Field::Mobile error kind="tel" autocomplete="tel" hint="register-mobile-hint"/>
                            <Choices field=Field::Lang error options=lang_options() selected=lang/>
                            <Choices
                                field=Field::UpdatesBy
                                error
                                options=updates_options()
                                selected="email"
                                hint="register-updates-hint"
                            />
                            <SubmitButton label="register-button" pending=action.pending()/>
                        </ActionForm>
                    }
                }
            >
                <Confirmation heading="register-done-heading" text="register-done"/>
            </Show>
        </div>
    }
}
