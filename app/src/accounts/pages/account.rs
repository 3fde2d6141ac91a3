//! "My account": the resident's requests, their profile and how they hear from us, their password, and
//! their personal data (download it, or close the account).

use super::register::{lang_options, updates_options};
use crate::accounts::api::{
    get_devices, get_profile, ChangePassword, CloseAccount, SignOut, SignOutOthers, UpdateProfile,
};
use crate::accounts::model::{DeviceView, Profile, SessionUser, SmsStatus};
use crate::accounts::session::use_session;
use crate::components::{action_error, Choices, ErrorSummary, SubmitButton, TextField};
use crate::errors::{view_or_error, Field};
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_profile());
    view! {
        <PageTitle title=t("account-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(profile.await.map(|profile| view! { <Account profile/> })) })}
        </Suspense>
    }
}

#[component]
fn Account(profile: Profile) -> impl IntoView {
    view! {
        <h1>{t("account-title")}</h1>
        <p class="lead">{profile.name.as_str().to_string()} " – " {profile.email.to_string()}</p>
        <section aria-labelledby="my-requests">
            <h2 id="my-requests">{t("account-requests-heading")}</h2>
            <crate::requests::MyRequests/>
        </section>
        <ProfileForm profile/>
        <super::EmailForm/>
        <PasswordForm/>
        <DevicesSection/>
        <DataSection/>
    }
}

#[component]
fn ProfileForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let action = ServerAction::<UpdateProfile>::new();
    let error = action_error(action.value());
    let saved = move || matches!(action.value().get(), Some(Ok(_)));
    // The header greets the resident by name: keep it in step with what they just saved.
    Effect::new(move |_| {
        if let Some(Ok(profile)) = action.value().get() {
            // Untracked: this effect sets the session, and must not run again because of it.
            let role = untrack(|| session.user()).map(|user| user.role).unwrap_or_default();
            session.set(Some(SessionUser { name: profile.name.as_str().to_string(), role }));
            i18n.set_lang(profile.lang);
        }
    });
    let sms_status = move || {
        let status = action.value().get().and_then(Result::ok).map_or(profile.sms_status, |p| p.sms_status);
        match status {
            SmsStatus::Pending => Some("account-sms-pending"),
            SmsStatus::Confirmed => Some("account-sms-confirmed"),
            SmsStatus::Stopped => Some("account-sms-stopped"),
            SmsStatus::None => None,
        }
        .map(|key| view! { <p class="hint">{move || i18n.t(key)}</p> })
    };
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t("account-profile-heading")}</h2>
            <ErrorSummary error/>
            <Show when=saved>
                <p class="success" role="status">{t("account-profile-saved")}</p>
            </Show>
            <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                <TextField field=Field::Name error autocomplete="name" value=profile.name.as_str().to_string()/>
                <TextField
                    field=Field::Mobile
                    error
                    kind="tel"
                    autocomplete="tel"
                    hint="register-mobile-hint"
                    value=profile.mobile.as_ref().map(|m| m.display()).unwrap_or_default()
                />
                <Choices field=Field::Lang error options=lang_options() selected=profile.lang.code()/>
                <Choices field=Field::UpdatesBy error options=updates_options() selected=profile.updates_by.code()/>
                {sms_status}
                <SubmitButton label="account-profile-save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action.value());
    let changed = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{t("account-password-heading")}</h2>
            <ErrorSummary error/>
            <Show when=changed>
                <p class="success" role="status">{t("account-password-changed")}</p>
            </Show>
            <ActionForm action attr:novalidate=true attr:class="form">
                <TextField field=Field::CurrentPassword error kind="password" autocomplete="current-password"/>
                <TextField field=Field::NewPassword error kind="password" autocomplete="new-password" hint="password-rules"/>
                <SubmitButton label="account-password-button" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// "Signed-in devices": where the account is signed in now, and "sign out of the other devices" for a
/// phone lost or a public computer left signed in.
#[component]
fn DevicesSection() -> impl IntoView {
    let devices = Resource::new(|| (), |_| get_devices());
    view! {
        <section aria-labelledby="devices-heading">
            <h2 id="devices-heading">{t("account-devices-heading")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move { view_or_error(devices.await.map(|devices| view! { <Devices devices/> })) })}
            </Suspense>
        </section>
    }
}

#[component]
fn Devices(devices: Vec<DeviceView>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignOutOthers>::new();
    let error = action_error(action.value());
    let current = move || action.value().get().and_then(Result::ok).unwrap_or_else(|| devices.clone());
    let signed_out = move || matches!(action.value().get(), Some(Ok(_)));
    let item = move |device: DeviceView| {
        let name = match device.device.is_empty() {
            true => i18n.t("account-device-unknown"),
            false => device.device.clone(),
        };
        let times = move || {
            let args = [
                ("signed_in", Arg::from(device.signed_in_at.clone())),
                ("used", Arg::from(device.last_used_at.clone())),
            ];
            i18n.t_args("account-device-times", &args)
        };
        view! {
            <li>
                <strong>{name}</strong>
                {device.this_device.then(|| view! { " – " {t("account-device-this")} })}
                <br/>
                <span class="hint">{times}</span>
            </li>
        }
    };
    let others = {
        let current = current.clone();
        move || current().len() > 1
    };
    view! {
        <ul class="devices">{move || current().into_iter().map(item).collect_view()}</ul>
        <ErrorSummary error/>
        <Show when=signed_out>
            <p class="success" role="status">{t("account-devices-signed-out")}</p>
        </Show>
        <Show when=others>
            <ActionForm action attr:class="form">
                <button type="submit" class="button button-secondary">{t("account-devices-sign-out-others")}</button>
            </ActionForm>
        </Show>
    }
}

/// Download, close, sign out: what a resident does with their account as a whole.
#[component]
fn DataSection() -> impl IntoView {
    let session = use_session();
    let close = ServerAction::<CloseAccount>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let error = action_error(close.value());
    let closed = move || matches!(close.value().get(), Some(Ok(())));
    Effect::new(move |_| {
        if matches!(close.value().get(), Some(Ok(()))) || matches!(sign_out.value().get(), Some(Ok(()))) {
            session.set(None);
        }
    });
    let signed_out = move || matches!(sign_out.value().get(), Some(Ok(())));
    view! {
        <section aria-labelledby="data-heading">
            <h2 id="data-heading">{t("account-data-heading")}</h2>
            <p>{t("account-data-text")}</p>
            // A plain link: the browser downloads the file the server prepares.
            <a class="button button-secondary" href=routes::ACCOUNT_EXPORT rel="external" download>
                {t("account-data-download")}
            </a>
            <h3>{t("account-close-heading")}</h3>
            <p>{t("account-close-text")}</p>
            <ErrorSummary error/>
            <Show when=closed>
                <p class="success" role="status">{t("account-closed")}</p>
            </Show>
            <ActionForm action=close attr:novalidate=true attr:class="form">
                <TextField field=Field::ConfirmPassword error kind="password" autocomplete="current-password"/>
                <button type="submit" class="button button-danger">{t("account-close-button")}</button>
            </ActionForm>
            <h3>{t("account-sign-out-heading")}</h3>
            <Show when=signed_out fallback=move || view! {
                <ActionForm action=sign_out attr:class="form">
                    <button type="submit" class="button button-secondary">{t("sign-out-button")}</button>
                </ActionForm>
            }>
                <p class="success" role="status">{t("signed-out")}</p>
            </Show>
        </section>
    }
}
