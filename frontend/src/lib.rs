//! The browser's entry point: takes over the HTML the server rendered instead of drawing the page again.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Marks the page as interactive, for end-to-end tests and for anyone checking whether the bundle ran.
    if let Some(root) = web_sys::window().and_then(|window| window.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-hydrated", "");
    }
}
