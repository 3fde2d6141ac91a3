//! Languages: which one a page is in, the Fluent strings, and bilingual city data.
//!
//! The language is decided once per request on the server (cookie, then `Accept-Language`, then English),
//! handed to the browser with the page, and switched in the browser without a reload.

mod arg;
mod bundles;
#[cfg(feature = "ssr")]
pub mod carry;
#[cfg(feature = "hydrate")]
mod fetch;
mod ftl;
mod lang;
mod text;
mod toggle;

#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(test)]
mod tests;

pub use arg::Arg;
pub use bundles::Part;
pub use lang::Lang;
pub use text::{Text, TextList};
pub use toggle::{LanguageToggle, PAGE_FORM};

use leptos::prelude::*;

/// The page's language, shared by every component through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Provides the language for the whole app. On the server it comes from the request; in the browser,
    /// from what the server decided, so that hydration sees the same text.
    pub fn provide() -> Self {
        let lang = SharedValue::new(|| {
            #[cfg(feature = "ssr")]
            return ssr::request_lang();
            #[cfg(not(feature = "ssr"))]
            Lang::default()
        })
        .into_inner();
        let i18n = I18n { lang: RwSignal::new(lang) };
        provide_context(i18n);
        i18n
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
    }

    /// The message `key` in the current language (reactive).
    pub fn t(self, key: &str) -> String {
        bundles::format(self.lang(), key, &[])
    }

    /// The message `key` with arguments, e.g. `i18n.t_args("search-count", &[("count", n.into())])`.
    pub fn t_args(self, key: &str, args: &[(&str, Arg)]) -> String {
        bundles::format(self.lang(), key, args)
    }

    /// City data in the current language (reactive).
    pub fn pick(self, text: &Text) -> String {
        text.get(self.lang()).to_string()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive message for views: `<h1>{t("home-title")}</h1>` re-renders when the language changes.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// A message outside a reactive view, in a given language: e-mails, text messages, tests.
pub fn message(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    bundles::format(lang, key, args)
}

/// Makes a part of a language's messages available: at once on the server, which has them built in; in the
/// browser, by fetching it the first time. False when that failed.
pub async fn load(lang: Lang, part: Part) -> bool {
    #[cfg(feature = "hydrate")]
    return send_wrapper::SendWrapper::new(fetch::load(lang, part)).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (lang, part);
        true
    }
}

/// What the page the server rendered needs before it hydrates, in the page's language: the shell's
/// messages, and the other pages' when the head preloads them (`PAGES_LINK`). False when they could not be
/// fetched.
#[cfg(feature = "hydrate")]
pub async fn load_for_hydration() -> bool {
    let (lang, pages) = (fetch::page_lang(), fetch::head_has(PAGES_LINK));
    load(lang, Part::Shell).await && (!pages || load(lang, Part::Pages).await)
}

/// The messages of every page but the home and search pages, in the page's language: what a page loaded
/// on demand (`lazy_page!`) awaits before it renders. False when they could not be fetched.
pub async fn load_pages() -> bool {
    #[cfg(feature = "hydrate")]
    return load(fetch::page_lang(), Part::Pages).await;
    #[cfg(not(feature = "hydrate"))]
    true
}

/// For a switch to `lang`: the parts of its messages that the page has in its current language.
pub async fn load_like(current: Lang, lang: Lang) -> bool {
    for part in Part::ALL {
        if bundles::is_loaded(current, part) && !load(lang, part).await {
            return false;
        }
    }
    true
}

/// The id of the `<link>` in every page's head that preloads the page's shell messages and tells the
/// browser where to find the others.
pub const LOCALES_LINK: &str = "locales";

/// The id of the `<link>` that preloads the other pages' messages, in the head of the pages loaded on
/// demand: they need them to hydrate.
pub const PAGES_LINK: &str = "locales-pages";

/// Lower case for the letters of French and English (ASCII, Latin-1, Œ and Ÿ); any other character is
/// returned as it is. Search and e-mail addresses need no more, and `char::to_lowercase` would bring all of
/// Unicode's case tables (25 kB) into the browser bundle.
pub fn lower_latin(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Œ' => 'œ',
        'Ÿ' => 'ÿ',
        _ => c,
    }
}

/// The cookie that remembers the language, written the same way by the server and the browser.
pub fn cookie_value(lang: Lang) -> String {
    format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code())
}

pub const COOKIE: &str = "lang";
