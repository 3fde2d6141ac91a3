//! `/staff/verify`: staff's second step of signing in. The first time, adding the portal to an
//! authenticator app (QR code, a link for the phone the page is open on, or the key to type) and the
//! recovery codes; then, at each sign-in, the app's code.

use crate::accounts::api::{get_two_factor, ProveTwoFactor};
use crate::accounts::model::{Enrolment, TwoFactorPage, Verified};
use crate::components::{action_error, ErrorSummary, SubmitButton, TextField};
use crate::errors::{view_or_error, Field};
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn VerifyPage() -> impl IntoView {
    let state = Resource::new(|| (), |_| get_two_factor());
    view! {
        <PageTitle title=t("two-factor-title")/>
        <div class="narrow">
            <h1>{t("two-factor-title")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move { view_or_error(state.await.map(|page| view! { <Step page/> })) })}
            </Suspense>
        </div>
    }
}

/// Where to go once the code is typed: the page the staff member was going to, or the console.
fn next() -> String {
    let next = use_query_map().get_untracked().get("next");
    next.filter(|next| crate::navigation::is_local_path(next)).unwrap_or_else(|| routes::STAFF.to_string())
}

#[component]
fn Step(page: TwoFactorPage) -> impl IntoView {
    let next = next();
    let action = ServerAction::<ProveTwoFactor>::new();
    let error = action_error(action.value());
    let navigate = use_navigate();
    let to = next.clone();
    // A code from the app: straight on. After enrolment or a recovery code there is something to read first.
    Effect::new(move |_| {
        if let Some(Ok(Verified { recovery_codes, recovery_left: None })) = action.value().get() {
            if recovery_codes.is_empty() {
                navigate(&to, Default::default());
            }
        }
    });
    if page == TwoFactorPage::Done {
        return view! { <Continue next/> }.into_any();
    }
    let intro = move || match page.clone() {
        TwoFactorPage::Enrol(enrolment) => view! { <EnrolSteps enrolment/> }.into_any(),
        _ => view! { <p>{t("two-factor-verify-intro")}</p> }.into_any(),
    };
    let proven = move || action.value().get().and_then(Result::ok);
    view! {
        <Show
            when=move || proven().is_some()
            fallback=move || {
                view! {
                    {intro()}
                    <ErrorSummary error/>
                    <ActionForm action attr:novalidate=true attr:class="form">
                        <TextField field=Field::Code error autocomplete="one-time-code" hint="two-factor-code-hint"/>
                        <SubmitButton label="two-factor-button" pending=action.pending()/>
                    </ActionForm>
                    <p class="hint">{t("two-factor-lost")}</p>
                }
            }
        >
            {
                let next = next.clone();
                move || proven().map(|verified| view! { <Proven verified next=next.clone()/> })
            }
        </Show>
    }
    .into_any()
}

/// The first time: add the portal to an authenticator app.
#[component]
fn EnrolSteps(enrolment: Enrolment) -> impl IntoView {
    let Enrolment { key, link, qr_svg } = enrolment;
    view! {
        <p>{t("two-factor-enrol-intro")}</p>
        <ol class="steps-list">
            <li>{t("two-factor-enrol-app")}</li>
            <li>
                {t("two-factor-enrol-scan")}
                // The SVG is drawn by the server from the link below; it carries no script.
                <div class="qr-code" role="img" aria-label=t("two-factor-qr-label") inner_html=qr_svg></div>
                <p>
                    {t("two-factor-enrol-phone")} " " <a href=link>{t("two-factor-enrol-open-app")}</a>
                </p>
                <p>{t("two-factor-enrol-key")} " " <code class="secret-key">{key}</code></p>
            </li>
            <li>{t("two-factor-enrol-code")}</li>
        </ol>
    }
}

/// After enrolment, the recovery codes (shown this once); after a recovery code, how many are left.
#[component]
fn Proven(verified: Verified, next: String) -> impl IntoView {
    let i18n = use_i18n();
    let left = verified.recovery_left;
    let codes = (!verified.recovery_codes.is_empty()).then(|| {
        view! {
            <h2>{t("two-factor-codes-heading")}</h2>
            <p>{t("two-factor-codes-text")}</p>
            <ul class="recovery-codes">
                {verified.recovery_codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="confirmation" role="status">
            {codes}
            {left.map(|left| {
                view! { <p>{move || i18n.t_args("two-factor-recovery-left", &[("count", Arg::from(u64::from(left)))])}</p> }
            })}
        </div>
        <Continue next/>
    }
}

#[component]
fn Continue(next: String) -> impl IntoView {
    view! {
        <p>
            <a class="button" href=next>{t("two-factor-continue")}</a>
        </p>
    }
}
