use super::use_city;
use crate::i18n::{t, use_i18n};
use crate::routes;
use leptos::prelude::*;

/// How to reach a 311 agent: phone, e-mail and, when an agent can answer now, live chat, with their hours.
/// In the footer of every page (`channels-title`), and in the body of pages whose request cannot be made
/// online (`channels-title-ask`): two headings, so that the two regions have different names.
#[component]
pub fn Channels(heading: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let city = use_city();
    let profile = city.profile.clone();
    let (local, long_distance) = (profile.phone_local.clone(), profile.phone_long_distance.clone());
    let (local_href, long_distance_href) = (local.tel_href(), long_distance.tel_href());
    let phone_hours = profile.phone_hours;
    let chat_hours = profile.chat_hours;
    view! {
        <section class="channels" aria-labelledby=heading>
            <h2 id=heading>{t(heading)}</h2>
            <OutOfHoursNotice/>
            <ul class="channel-list">
                <li>
                    <span class="channel-name">{t("channels-phone")}</span>
                    <span>
                        <a href=local_href>{move || local.written(i18n.lang())}</a>
                        " · "
                        {t("channels-long-distance")}
                        " "
                        <a href=long_distance_href>{move || long_distance.written(i18n.lang())}</a>
                    </span>
                    <span class="channel-hours">{move || phone_hours.describe(i18n)}</span>
                </li>
                // Only when an agent can answer now: chat is not advertised where it cannot be had.
                {city.status.chat_open.then(|| view! {
                    <li>
                        <span class="channel-name">{t("channels-chat")}</span>
                        <a class="button" href=routes::CHAT>{t("channels-chat-start")}</a>
                        <span class="channel-hours">{move || chat_hours.describe(i18n)}</span>
                    </li>
                })}
                <li>
                    <span class="channel-name">{t("channels-email")}</span>
                    <a href=format!("mailto:{}", profile.email)>{profile.email.clone()}</a>
                    <span class="channel-hours">{t("channels-email-hours")}</span>
                </li>
            </ul>
        </section>
    }
}

/// Outside working hours: urgent problems with municipal infrastructure, a dog or a cat need a call to 311.
#[component]
fn OutOfHoursNotice() -> impl IntoView {
    let city = use_city();
    let i18n = use_i18n();
    let phone = city.profile.phone_local.clone();
    (!city.status.agents_available).then(|| {
        view! {
            <div class="notice notice-warning" role="note">
                <p>
                    <strong>{t("out-of-hours-title")}</strong>
                    " "
                    {move || i18n.t_args("out-of-hours-urgent", &[("phone", phone.written(i18n.lang()).into())])}
                </p>
            </div>
        }
    })
}
