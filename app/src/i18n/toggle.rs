use super::{t, use_i18n, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The language switch, in the header of every page, showing the other language's name in that language.
///
/// Without JavaScript it is a plain link to `/language/{code}`, where the server sets the cookie and sends
/// the resident back to the same page (query included). Once hydrated, a click switches the text in place:
/// whatever was typed stays in its field.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || i18n.lang().other();
    let href = move || {
        let search = location.search.get();
        let here = match search.is_empty() {
            true => location.pathname.get(),
            false => format!("{}?{search}", location.pathname.get()),
        };
        let here = form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>();
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
    view! {
        <a class="lang-toggle" href=href lang=move || other().code() hreflang=move || other().code() on:click=switch>
            {t("lang-switch")}
        </a>
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
