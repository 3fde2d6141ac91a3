//! Live chat's pages: the resident's conversation, "My chats", and the agents' console.
//!
//! One lazy route for the three: code that two split chunks share is moved into the main bundle (the
//! messages' component and decoders would have been), so the chat is one chunk, fetched when a chat
//! page opens and never on a first visit.

mod desk;
mod live;
mod mine;
mod resident;

use crate::routes;
use leptos::prelude::*;

lazy_page!(ChatRoute, ChatPages);

#[component]
fn ChatPages() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <leptos_meta::Stylesheet id="chat-css" href="/chat.css"/>
        {match path.as_str() {
            routes::MY_CHATS => view! { <mine::MyChatsPage/> }.into_any(),
            routes::STAFF_CHAT => view! { <desk::DeskPage/> }.into_any(),
            _ => view! { <resident::ChatPage/> }.into_any(),
        }}
    }
}
