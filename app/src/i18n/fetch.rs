//! The browser fetches a part of a language's messages the first time it needs it: the page's shell
//! messages before hydrating, the other pages' with the first of them, the other language's when the
//! resident switches.

use super::{bundles, Lang, Part, LOCALES_LINK};

pub async fn load(lang: Lang, part: Part) -> bool {
    if bundles::is_loaded(lang, part) {
        return true;
    }
    let Some(url) = url(lang, part) else { return false };
    let Ok(response) = gloo_net::http::Request::get(&url).send().await else { return false };
    if !response.ok() {
        return false;
    }
    let Ok(text) = response.text().await else { return false };
    bundles::install(lang, part, text);
    true
}

/// Whether the page's head has the `<link>` with this id.
pub fn head_has(id: &str) -> bool {
    element(id).is_some()
}

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The page's language as the document shows it (`<html lang>`, kept current by the language switch).
pub fn page_lang() -> Lang {
    web_sys::window()
        .and_then(|window| window.document()?.document_element()?.get_attribute("lang"))
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or_default()
}

/// The address of a part of a language's messages, next to the page's own in `<link id="locales">`: the
/// address carries a version, so that browsers can keep the file until the messages change.
fn url(lang: Lang, part: Part) -> Option<String> {
    let href = element(LOCALES_LINK)?.get_attribute("href")?;
    let (folder, _) = href.rsplit_once('/')?;
    Some(format!("{folder}/{}.{}.ftl", part.name(), lang.code()))
}
