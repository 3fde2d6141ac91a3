use super::{t, use_i18n, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The id of a page's form whose fields the language switch carries (one per page).
pub const PAGE_FORM: &str = "page-form";

/// The language switch, in the header of every page, showing the other language's name in that language.
///
/// Without JavaScript it is a plain link to `/language/{code}`, where the server sets the cookie and sends
/// the resident back to the same page (query included); on a page with a form (`id="page-form"`), a
/// button of that form instead, which carries what was typed back into the page (`carry.rs`): the
/// server writes it in a `<noscript>` (no code in the browser's bundle for it) and the stylesheet shows
/// it in place of the link (`:has`). Once hydrated, a click on the link switches the text in place:
/// whatever was typed stays in its field.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || i18n.lang().other();
    let here = move || {
        let search = location.search.get();
        match search.is_empty() {
            true => location.pathname.get(),
            false => format!("{}?{search}", location.pathname.get()),
        }
    };
    let href = move || {
        let here = form_urlencoded::byte_serialize(here().as_bytes()).collect::<String>();
        format!("/language/{}?return={here}", other().code())
    };
    let switch = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let (current, lang) = (i18n.lang(), other());
        let fallback = href();
        leptos::task::spawn_local(async move {
            // The other language's messages are fetched on the first switch; if that fails, the
            // server-side switch still works.
            if super::load_like(current, lang).await {
                remember(lang);
                i18n.set_lang(lang);
            } else {
                go_to(&fallback);
            }
        });
    };
    // The browser never shows a <noscript> with JavaScript on, nor parses its content: it hydrates an
    // empty one, and its bundle has no code for the button.
    #[cfg(feature = "ssr")]
    let carry = view! { <noscript inner_html=super::carry::switch_button(other(), &here(), &i18n.t("lang-switch"))></noscript> };
    #[cfg(not(feature = "ssr"))]
    let carry = view! { <noscript></noscript> };
    view! {
        <a class="lang-toggle lang-link" href=href lang=move || other().code() hreflang=move || other().code() on:click=switch>
            {t("lang-switch")}
        </a>
        {carry}
    }
}

/// Leaves the app for a page of the server (the switch that works without JavaScript).
fn go_to(href: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(href);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// Keeps the choice for the next visit, as the server-side switch does.
fn remember(lang: Lang) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(document) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = document.set_cookie(&super::cookie_value(lang));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = lang;
}
