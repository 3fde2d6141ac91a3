//! Live chat's pages: the resident's conversation, "My chats", and the agents' console.

mod desk;
mod live;
mod mine;
mod resident;

use desk::DeskPage;
use mine::MyChatsPage;
use resident::ChatPage;

lazy_page!(ChatRoute, ChatPage);
lazy_page!(MyChatsRoute, MyChatsPage);
lazy_page!(DeskRoute, DeskPage);

/// The chat's styles (`style/assets/chat.css`), loaded with its pages only.
#[leptos::prelude::component]
fn ChatStyle() -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    view! { <leptos_meta::Stylesheet id="chat-css" href="/chat.css"/> }
}
