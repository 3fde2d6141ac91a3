//! The browser fetches a language's messages the first time it needs them: the page's language before
//! hydrating, the other one when the resident switches.

use super::{bundles, Lang, LOCALES_LINK};

pub async fn load(lang: Lang) -> bool {
    if bundles::is_loaded(lang) {
        return true;
    }
    let Some(url) = url(lang) else { return false };
    let Ok(response) = gloo_net::http::Request::get(&url).send().await else { return false };
    if !response.ok() {
        return false;
    }
    let Ok(text) = response.text().await else { return false };
    bundles::install(lang, text);
    true
}

/// The address of a language's messages, next to the page's own in `<link id="locales">`: the address
/// carries a version, so that browsers can keep the file until the messages change.
fn url(lang: Lang) -> Option<String> {
    let link = web_sys::window()?.document()?.get_element_by_id(LOCALES_LINK)?;
    let href = link.get_attribute("href")?;
    let (folder, _) = href.rsplit_once('/')?;
    Some(format!("{folder}/{}.ftl", lang.code()))
}
