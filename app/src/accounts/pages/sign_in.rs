//! "Sign in or register": the sign-in form, with the ways to create an account or get a new password.

use crate::accounts::api::SignIn;
use crate::accounts::session::use_session;
use crate::components::{action_error, ErrorSummary, SubmitButton, TextField};
use crate::errors::Field;
use crate::i18n::t;
use crate::i18n::PAGE_FORM;
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action.value());
    let session = use_session();
    let navigate = use_navigate();
    // Where the resident was going when asked to sign in (a request's last step, say): a path on this site.
    // Otherwise their account. Staff type their authenticator's code first, then go on there or to the
    // console.
    let next = use_query_map().get_untracked().get("next").filter(|next| crate::navigation::is_local_path(next));
    Effect::new(move |_| {
        if let Some(Ok(user)) = action.value().get() {
            let to = match (user.role.is_staff(), &next) {
                (true, next) => routes::two_factor_then(next.as_deref().unwrap_or(routes::STAFF)),
                (false, Some(next)) => next.clone(),
                (false, None) => routes::ACCOUNT.to_string(),
            };
            session.set(Some(user));
            navigate(&to, Default::default());
        }
    });
    view! {
        <PageTitle title=t("sign-in-title")/>
        <div class="narrow">
            <h1>{t("sign-in-title")}</h1>
            <ErrorSummary error/>
            <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                <TextField field=Field::Email error kind="email" autocomplete="email"/>
                <TextField field=Field::Password error kind="password" autocomplete="current-password"/>
                <SubmitButton label="sign-in-button" pending=action.pending()/>
            </ActionForm>
            <p><a href=routes::FORGOT_PASSWORD>{t("sign-in-forgot")}</a></p>
            <section class="panel">
                <h2>{t("sign-in-new-heading")}</h2>
                <p>{t("sign-in-new-text")}</p>
                <a class="button button-secondary" href=routes::REGISTER>{t("sign-in-register")}</a>
            </section>
        </div>
    }
}
