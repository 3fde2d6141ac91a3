//! What pages ask of the browser itself, beside what Leptos does for them (hydrate only).

use wasm_bindgen::{closure::Closure, JsCast};

/// Hands `on` the data of each `event` that `target` dispatches while the calling component lives,
/// decoded from JSON; data that does not decode is skipped (a newer server mid-deploy). The chat's event
/// streams and the upload script's new files both arrive this way.
pub fn on_json_messages<T: serde::de::DeserializeOwned + 'static>(
    target: &web_sys::EventTarget,
    event: &str,
    on: impl Fn(T) + 'static,
) {
    let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |message: web_sys::MessageEvent| {
        if let Some(payload) = message.data().as_string().and_then(|text| leptos::serde_json::from_str(&text).ok()) {
            on(payload);
        }
    });
    let _ = target.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    let kept = send_wrapper::SendWrapper::new((target.clone(), event.to_string(), listener));
    leptos::prelude::on_cleanup(move || {
        let (target, event, listener) = &*kept;
        let _ = target.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    });
}
