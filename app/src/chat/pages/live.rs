//! The browser's end of the chat's server-sent events: an `EventSource`, which reconnects by itself and
//! says where it stopped (`Last-Event-ID`). On the server, pages render what they loaded and follow nothing.

use crate::chat::model::ChatMessage;

/// Adds the messages of `new` that `messages` does not have yet, in order: an event repeated after a
/// reconnection, or a page's first picture overlapping the stream's first event, adds nothing twice.
pub fn merge(messages: &mut Vec<ChatMessage>, new: Vec<ChatMessage>) {
    for message in new {
        if let Err(at) = messages.binary_search_by_key(&message.id, |m| m.id) {
            messages.insert(at, message);
        }
    }
}

/// Follows `url`'s events named `event` while the component that called it lives, handing each decoded
/// payload to `on`. Payloads that do not decode are skipped (a newer server mid-deploy).
#[cfg(feature = "hydrate")]
pub fn follow<T: serde::de::DeserializeOwned + 'static>(url: &str, event: &str, on: impl Fn(T) + 'static) {
    let Ok(source) = web_sys::EventSource::new(url) else { return };
    crate::browser::on_json_messages(&source, event, on);
    let open = send_wrapper::SendWrapper::new(source);
    leptos::prelude::on_cleanup(move || open.close());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::model::Author;

    fn message(id: i64) -> ChatMessage {
        ChatMessage { id, author: Author::Resident, name: String::new(), body: id.to_string(), at: String::new() }
    }

    #[test]
    fn merging_keeps_order_and_never_doubles() {
        let mut messages = vec![message(1), message(3)];
        merge(&mut messages, vec![message(3), message(2), message(4), message(4)]);
        assert_eq!(messages.iter().map(|m| m.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
    }
}
