//! The browser's entry point: takes over the HTML the server rendered instead of drawing the page again.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Some pages are loaded on demand (`lazy_page!`): hydrating one first fetches its code, so hydration
    // is asynchronous.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
        let Some(body) = document.body() else { return };
        // The page's messages come from the server, preloaded by the page's head. Without them the page
        // stays as the server rendered it, which works without JavaScript.
        if !app::i18n::load_for_hydration().await {
            return;
        }
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        // Marks the page as interactive, for end-to-end tests and for anyone checking whether the bundle ran.
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("data-hydrated", "");
        }
    });
}
