//! `/chats`: "My chats", beside "My requests": the signed-in resident's conversations and what was said.

use super::resident::Message;
use crate::chat::api::my_chats;
use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;

#[component]
pub fn MyChatsPage() -> impl IntoView {
    let i18n = use_i18n();
    let chats = Resource::new(|| (), |_| my_chats());
    view! {
        <PageTitle title=t("chat-mine-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(chats.await.map(|chats| view! {
                    <h1>{t("chat-mine-title")}</h1>
                    {chats.is_empty().then(|| view! { <p>{t("chat-mine-none")}</p> })}
                    {chats.into_iter().map(|chat| view! {
                        <details class="chat-past">
                            <summary>{chat.at}" · "{move || i18n.t(chat.state.key())}</summary>
                            <div class="chat-log">
                                <ol>{chat.messages.into_iter().map(|message| view! { <Message message/> }).collect_view()}</ol>
                            </div>
                        </details>
                    }).collect_view()}
                }))
            })}
        </Suspense>
    }
}
