//! The privacy statement the footer links to: what the portal collects, under which authority, why, every
//! cookie it sets, how long each kind of data is kept (the retention `startup` enforces: draft purge,
//! expired sessions and links), who else receives it, and who answers questions (MFIPPA s.29(2)).

mod api;

pub use api::get_privacy_officer;

use crate::city::PrivacyOfficer;
use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;

lazy_page!(PrivacyRoute, PrivacyPage);

#[component]
fn PrivacyPage() -> impl IntoView {
    view! {
        <PageTitle title=t("privacy-title")/>
        <h1>{t("privacy-title")}</h1>
        <p class="lead">{t("privacy-intro")}</p>
        <h2>{t("privacy-authority-heading")}</h2>
        <p>{t("privacy-authority")}</p>
        <h2>{t("privacy-purpose-heading")}</h2>
        <p>{t("privacy-purpose")}</p>
        <h2>{t("privacy-cookies-heading")}</h2>
        <p>{t("privacy-cookies")}</p>
        <ul>
            <li>{t("privacy-cookie-lang")}</li>
            <li>{t("privacy-cookie-session")}</li>
            <li>{t("privacy-cookie-chat")}</li>
            <li>{t("privacy-cookie-kept")}</li>
        </ul>
        <h2>{t("privacy-retention-heading")}</h2>
        <ul>
            <li>{t("privacy-retention-requests")}</li>
            <li>{t("privacy-retention-drafts")}</li>
            <li>{t("privacy-retention-account")}</li>
            <li>{t("privacy-retention-sessions")}</li>
            <li>{t("privacy-retention-feedback")}</li>
        </ul>
        <h2>{t("privacy-processors-heading")}</h2>
        <p>{t("privacy-processors")}</p>
        <p>{t("privacy-processors-map")}</p>
        <h2>{t("privacy-contact-heading")}</h2>
        <p>{t("privacy-contact")}</p>
        <OfficerCard/>
    }
}

/// The official who answers questions about personal information, as MFIPPA s.29(2) asks a notice to name.
#[component]
pub fn OfficerCard() -> impl IntoView {
    let i18n = use_i18n();
    let officer = OnceResource::new(get_privacy_officer());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(officer.await.map(|officer| {
                    let PrivacyOfficer { title, address, phone, email } = officer;
                    let href = phone.tel_href();
                    view! {
                        <address class="contact-card">
                            <strong>{move || i18n.pick(&title)}</strong>
                            <span>{move || i18n.pick(&address)}</span>
                            <span>{t("privacy-phone")} " " <a href=href>{move || phone.written(i18n.lang())}</a></span>
                            <a href=format!("mailto:{email}")>{email.clone()}</a>
                        </address>
                    }
                }))
            })}
        </Suspense>
    }
}
