//! What surrounds every page: skip link, header with the language switch, footer with 311's channels,
//! and the page title.

use crate::accounts::use_session;
use crate::city::{use_city, Channels};
use crate::i18n::{t, use_i18n, LanguageToggle, Text};
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let city = use_city().profile.name;
    let session = use_session();
    // Signed in: their account. Otherwise: the way in.
    let account_link = move || match session.user() {
        Some(_) => view! { <a class="sign-in" href=routes::ACCOUNT>{t("account-link")}</a> }.into_any(),
        None => view! { <a class="sign-in" href=routes::SIGN_IN>{t("sign-in-link")}</a> }.into_any(),
    };
    // Staff reach the console from every page.
    let console_link = move || {
        session
            .user()
            .filter(|user| user.role.is_staff())
            .map(|_| view! { <a class="sign-in" href=routes::STAFF>{t("staff-link")}</a> })
    };
    view! {
        // rel="external" leaves the click to the browser, which moves the focus; the router would swallow it.
        <a class="skip-link" href="#main" rel="external">{t("skip-to-content")}</a>
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href=routes::HOME>
                    <span class="brand-mark" aria-hidden="true">"311"</span>
                    <span class="brand-text">
                        <span class="brand-city">{move || i18n.pick(&city)}</span>
                        <span class="brand-portal">{t("portal-name")}</span>
                    </span>
                </a>
                <nav class="header-nav" aria-label=move || i18n.t("header-nav-label")>
                    <LanguageToggle/>
                    {console_link}
                    {account_link}
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let city = use_city().profile.name;
    view! {
        <footer class="site-footer">
            <div class="container">
                <Channels heading="channels-title"/>
                <nav class="footer-links" aria-label=move || i18n.t("footer-nav-label")>
                    <a href=routes::PRIVACY>{t("privacy-link")}</a>
                    <a href=routes::ACCESSIBILITY>{t("accessibility-link")}</a>
                    <a href=routes::FEEDBACK>{t("feedback-link")}</a>
                    <a href=routes::OPEN311>{t("open311-link")}</a>
                </nav>
                <p class="footer-city">{move || i18n.pick(&city)}</p>
            </div>
        </footer>
    }
}

/// The `<title>`: the page's own words first, then the portal's name, in the current language.
#[component]
pub fn PageTitle(title: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let city = use_city().profile.name;
    let text = move || format!("{} – {} · {}", title(), i18n.t("portal-name"), i18n.pick(&city));
    // leptos_meta reads the title after the page has rendered, outside the request's reactive arena, where
    // reading the language signal panics. On the server the language cannot change anyway: give it the text.
    #[cfg(feature = "ssr")]
    let text = text();
    view! { <Title text/> }
}

/// A link one level up, beside "Home".
#[derive(Clone)]
pub struct Crumb {
    pub href: String,
    pub label: Text,
}

#[component]
pub fn Breadcrumbs(#[prop(optional)] crumb: Option<Crumb>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="breadcrumbs" aria-label=move || i18n.t("breadcrumbs-label")>
            <ol>
                <li><a href=routes::HOME>{t("breadcrumbs-home")}</a></li>
                {crumb.map(|Crumb { href, label }| view! { <li><a href=href>{move || i18n.pick(&label)}</a></li> })}
            </ol>
        </nav>
    }
}
