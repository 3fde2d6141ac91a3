//! The two password pages: asking for a link ("forgot your password?"), and choosing a password from an
//! e-mailed link (after registration, or to reset it).

use crate::accounts::api::{check_link, ForgotPassword, SetPassword};
use crate::components::{action_error, Confirmation, ErrorSummary, SubmitButton, TextField};
use crate::errors::{view_or_error, Field};
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let error = action_error(action.value());
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <PageTitle title=t("forgot-title")/>
        <div class="narrow">
            <h1>{t("forgot-title")}</h1>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <p>{t("forgot-intro")}</p>
                        <ErrorSummary error/>
                        <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                            <TextField field=Field::Email error kind="email" autocomplete="email"/>
                            <SubmitButton label="forgot-button" pending=action.pending()/>
                        </ActionForm>
                    }
                }
            >
                <Confirmation heading="forgot-done-heading" text="forgot-done"/>
            </Show>
        </div>
    }
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let link = Resource::new(token, check_link);
    view! {
        <PageTitle title=t("password-title")/>
        <div class="narrow">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    view_or_error(link.await.map(|link| view! { <SetPasswordForm texts_to=link.texts_to/> }))
                })}
            </Suspense>
        </div>
    }
}

/// `texts_to`: the last digits of the number the first password will ask for texts (see `LinkView`).
#[component]
fn SetPasswordForm(texts_to: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let token = use_query_map().read_untracked().get("token").unwrap_or_default();
    let texts_to_line = move |ending: String| {
        let line = move || i18n.t_args("password-texts-to", &[("ending", Arg::from(ending.clone()))]);
        view! { <p class="notice" role="note">{line}</p> }
    };
    let action = ServerAction::<SetPassword>::new();
    let error = action_error(action.value());
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <h1>{t("password-title")}</h1>
        <Show
            when=done
            fallback=move || {
                let token = token.clone();
                view! {
                    {texts_to.clone().map(texts_to_line)}
                    <ErrorSummary error/>
                    <ActionForm action attr:novalidate=true attr:class="form">
                        <input type="hidden" name="token" value=token/>
                        <TextField
                            field=Field::NewPassword
                            error
                            kind="password"
                            autocomplete="new-password"
                            hint="password-rules"
                        />
                        <SubmitButton label="password-button" pending=action.pending()/>
                    </ActionForm>
                }
            }
        >
            <Confirmation heading="password-done-heading" text="password-done">
                <a class="button" href=routes::SIGN_IN>{t("sign-in-button")}</a>
            </Confirmation>
        </Show>
    }
}
