//! Portail 311: everything the browser and the server share — pages, components, server functions and
//! the types they exchange. Each feature is a folder; what only the server runs sits in its `ssr` module,
//! compiled with the `ssr` feature only.

/// A page loaded on demand: `lazy_page!(AccountRoute, AccountPage)` makes `AccountRoute`, which the router
/// takes as `view={Lazy::<AccountRoute>::new()}`. Its code is split out of the main WebAssembly bundle
/// (`cargo leptos build --split`), so a first visit to the home page does not download it, nor the messages
/// of such pages (`i18n::load_pages`).
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                // The page's messages first: at once on the server; in the browser, already there if the page is
                // hydrating (its head preloads them), else fetched once.
                Suspend::new(async {
                    match crate::i18n::load_pages().await {
                        true => view! { <$page/> }.into_any(),
                        false => view! { <crate::errors::ErrorMessage error=crate::errors::AppError::Unavailable/> }
                            .into_any(),
                    }
                })
                .into_any()
            }
        }
    };
}

pub mod accessibility;
pub mod accounts;
pub mod addresses;
#[cfg(feature = "hydrate")]
mod browser;
pub mod catalogue;
pub mod chat;
pub mod city;
mod codes;
pub mod components;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod encoding;
pub mod errors;
pub mod feedback;
pub mod i18n;
pub mod intake;
pub mod layout;
pub mod lifecycle;
pub mod navigation;
#[cfg(feature = "ssr")]
pub mod notifications;
pub mod open311;
pub mod privacy;
pub mod requests;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod staff;
pub mod survey;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html};
use leptos_router::components::Router;

/// The HTML document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use i18n::{ssr::locales_href, Part};
    let lang = i18n::ssr::request_lang();
    // A page loaded on demand hydrates with the other pages' messages too: they are preloaded with the shell's.
    let path = use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_string()).unwrap_or_default();
    let pages = (!SHELL_ONLY_PATHS.contains(&path.as_str())).then(|| locales_href(lang, Part::Pages));
    content_security_policy();
    // This build's files live under their own address (`ssr::bundle_root`): cached for a year, never mixed
    // with another build's.
    let bundle = ssr::bundle_root().to_string();
    let description = ssr::description(lang);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b4f8a"/>
                <meta name="description" content=description/>
                <link rel="stylesheet" id="leptos" href=format!("{bundle}/pkg/{}.css", options.output_name)/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // The messages, fetched with the WebAssembly rather than inside it (i18n::load).
                <link id=i18n::LOCALES_LINK rel="preload" href=locales_href(lang, Part::Shell) r#as="fetch" crossorigin="anonymous"/>
                {pages.map(|href| view! {
                    <link id=i18n::PAGES_LINK rel="preload" href=href r#as="fetch" crossorigin="anonymous"/>
                })}
                <HydrationScripts options root=bundle/>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: scripts only from this site or carrying this render's nonce (the
/// hydration scripts and resource data Leptos writes inline), WebAssembly compiled, styles, images,
/// fetches and forms from this site only (`blob:` images: the upload script's previews; the map's tiles
/// from the tile server of the city profile), and nothing
/// framing, embedding or rebasing the page. Set on the response as the page is rendered, because the
/// nonce is the render's own.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let tiles = crate::ssr::tile_origin().unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' blob: {tiles}; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'",
        &*nonce
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The addresses of the pages in the main bundle (the routes below that are not `lazy_page!`): they show
/// the shell's messages only.
#[cfg(feature = "ssr")]
const SHELL_ONLY_PATHS: [&str; 2] = ["/", "/search"];

/// `<html lang>`: follows the language switch in the browser. On the server, a plain value, because
/// leptos_meta may read it after the render, outside the request's reactive arena (see `PageTitle`).
#[cfg(feature = "ssr")]
fn html_lang(i18n: i18n::I18n) -> &'static str {
    i18n.lang().code()
}
#[cfg(not(feature = "ssr"))]
fn html_lang(i18n: i18n::I18n) -> impl Fn() -> &'static str {
    move || i18n.lang().code()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = i18n::I18n::provide();
    city::CityContext::provide();
    accounts::Session::provide();
    view! {
        <Html {..} lang=html_lang(i18n)/>
        <Router>
            <layout::Header/>
            <main id="main" class="container" tabindex="-1">
                <routes::PageRoutes/>
            </main>
            <layout::Footer/>
        </Router>
    }
}
