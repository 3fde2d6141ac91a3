//! Changing one's e-mail address: the form on the account page (the new address and the password), and
//! the page the link e-mailed to the new address opens, where a button confirms it. Opening the link
//! changes nothing by itself: mail scanners open links too.

use crate::accounts::api::{email_link, ChangeEmail, ConfirmEmail};
use crate::components::{action_error, Confirmation, ErrorSummary, SubmitButton, TextField};
use crate::errors::{view_or_error, Field};
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The account page's section. Not the page's form (`PAGE_FORM`, one per page): the profile above is.
/// Without JavaScript a language switch keeps the profile's fields, not the new address typed here.
#[component]
pub fn EmailForm() -> impl IntoView {
    let action = ServerAction::<ChangeEmail>::new();
    let error = action_error(action.value());
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section aria-labelledby="email-heading">
            <h2 id="email-heading">{t("account-email-heading")}</h2>
            <p class="hint">{t("account-email-intro")}</p>
            <ErrorSummary error/>
            <Show when=sent>
                <p class="success" role="status">{t("account-email-sent")}</p>
            </Show>
            <ActionForm action attr:novalidate=true attr:class="form">
                <TextField field=Field::NewEmail error kind="email" autocomplete="email"/>
                <TextField field=Field::EmailPassword error kind="password" autocomplete="current-password"/>
                <SubmitButton label="account-email-button" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// `/account/email?token=…`: the new address, and the button that makes it the account's.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let link = Resource::new(token, email_link);
    view! {
        <PageTitle title=t("email-confirm-title")/>
        <div class="narrow">
            <h1>{t("email-confirm-title")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    view_or_error(link.await.map(|address| view! { <ConfirmForm address/> }))
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ConfirmForm(address: String) -> impl IntoView {
    let i18n = use_i18n();
    let token = use_query_map().read_untracked().get("token").unwrap_or_default();
    let action = ServerAction::<ConfirmEmail>::new();
    let error = action_error(action.value());
    let done = move || matches!(action.value().get(), Some(Ok(_)));
    let question = move || i18n.t_args("email-confirm-text", &[("email", Arg::from(address.clone()))]);
    view! {
        <Show
            when=done
            fallback=move || {
                let token = token.clone();
                view! {
                    <p>{question.clone()}</p>
                    <ErrorSummary error/>
                    <ActionForm action attr:class="form">
                        <input type="hidden" name="token" value=token/>
                        <SubmitButton label="email-confirm-button" pending=action.pending()/>
                    </ActionForm>
                }
            }
        >
            <Confirmation heading="email-confirmed-heading" text="email-confirmed-text">
                <p><a href=routes::ACCOUNT>{t("email-confirmed-account")}</a></p>
            </Confirmation>
        </Show>
    }
}
