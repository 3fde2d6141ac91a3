//! `/staff/chat`: the agent's chat console. Availability, the figures, the queue with "take next", the
//! agent's chats as tabs (the resident, their open requests, the messages, canned answers, transfer,
//! close), and the missed chats to follow up. Kept current by its event stream.

use super::live;
use super::resident::Message;
use crate::chat::desk_api::{get_desk, get_missed, AgentSend, Close, FollowUp, SetAvailable, TakeNext, Transfer};
use crate::chat::model::{AgentChat, Canned, ChatMessage, DeskUpdate, Figures};
use crate::errors::{view_or_error, ErrorMessage};
use crate::i18n::{t, use_i18n, Arg, Lang};
use crate::intake::model::ContactState;
use crate::layout::PageTitle;
use crate::requests::model::{ContactChannel, Reference};
use crate::routes;
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn DeskPage() -> impl IntoView {
    let desk = Resource::new(|| (), |_| get_desk());
    view! {
        <PageTitle title=t("desk-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(desk.await.map(|(desk, canned)| view! {
                    <h1>{t("desk-title")}</h1>
                    <Console first=desk canned/>
                    <Missed/>
                }))
            })}
        </Suspense>
    }
}

#[component]
fn Console(first: DeskUpdate, canned: Vec<Canned>) -> impl IntoView {
    let i18n = use_i18n();
    let messages = RwSignal::new(HashMap::<i64, Vec<ChatMessage>>::new());
    let add = move |new: Vec<(i64, ChatMessage)>| {
        messages.update(|all| {
            let mut by_chat = HashMap::<i64, Vec<ChatMessage>>::new();
            for (id, message) in new {
                by_chat.entry(id).or_default().push(message);
            }
            for (id, new) in by_chat {
                live::merge(all.entry(id).or_default(), new);
            }
        })
    };
    add(first.messages.clone());
    let desk = RwSignal::new(first);
    let selected = RwSignal::new(desk.with_untracked(|d| d.chats.first().map(|c| c.id)));
    // Chats with a resident's message the agent has not looked at: marked on their tab until opened.
    let unread = RwSignal::new(std::collections::HashSet::<i64>::new());
    #[cfg(feature = "hydrate")]
    live::follow(routes::STAFF_CHAT_EVENTS, "desk", move |update: DeskUpdate| {
        let from_residents = update.messages.iter().filter(|(_, m)| m.author == crate::chat::model::Author::Resident);
        let new: Vec<i64> =
            from_residents.map(|(id, _)| *id).filter(|id| Some(*id) != selected.get_untracked()).collect();
        unread.update(|unread| unread.extend(new));
        add(update.messages.clone());
        // A chat that is no longer the agent's leaves its tab; the first one left is shown.
        if !update.chats.iter().any(|c| Some(c.id) == selected.get_untracked()) {
            selected.set(update.chats.first().map(|c| c.id));
        }
        desk.set(update);
    });
    let take = ServerAction::<TakeNext>::new();
    Effect::new(move |_| {
        if let Some(Ok(Some(id))) = take.value().get() {
            selected.set(Some(id));
        }
    });
    let take_error = Signal::derive(move || take.value().get().and_then(Result::err));
    view! {
        <Availability desk/>
        <Figures figures=Signal::derive(move || desk.with(|d| d.figures))/>
        <section aria-labelledby="desk-queue">
            <h2 id="desk-queue">{t("desk-queue")}</h2>
            <p class="desk-notice" role="status">
                {move || desk.with(|d| match d.waiting.len() {
                    0 => i18n.t("desk-queue-empty"),
                    n => i18n.t_args("desk-queue-waiting", &[("count", Arg::from(n as u32))]),
                })}
            </p>
            <ActionForm action=take>
                <button type="submit" class="button">{t("desk-take-next")}</button>
            </ActionForm>
            {move || take_error.get().map(|error| view! { <ErrorMessage error/> })}
            <table class="desk-waiting">
                <thead><tr><th scope="col">{t("desk-col-name")}</th><th scope="col">{t("desk-col-lang")}</th><th scope="col">{t("desk-col-waited")}</th><th scope="col">{t("desk-col-first")}</th></tr></thead>
                <tbody>
                    <For each=move || desk.get().waiting key=|w| (w.id, w.waited_minutes) let:waiting>
                        <tr>
                            <td>{waiting.name}</td>
                            <td>{move || i18n.t(lang_key(waiting.lang))}</td>
                            <td>{move || i18n.t_args("desk-minutes", &[("minutes", Arg::from(waiting.waited_minutes))])}</td>
                            <td>{waiting.first_message}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
        <section aria-labelledby="desk-chats">
            <h2 id="desk-chats">{t("desk-chats")}</h2>
            <div role="tablist" class="desk-tabs" aria-labelledby="desk-chats">
                <For each=move || desk.get().chats key=|c| c.id let:chat>
                    <button type="button" role="tab" id=format!("tab-{}", chat.id) aria-controls="desk-panel"
                        aria-selected=move || (selected.get() == Some(chat.id)).to_string()
                        on:click=move |_| {
                            selected.set(Some(chat.id));
                            unread.update(|unread| { unread.remove(&chat.id); });
                        }>
                        {chat.name.clone()}
                        {move || unread.with(|u| u.contains(&chat.id)).then(|| view! { " "<span class="desk-unread">{t("desk-new")}</span> })}
                    </button>
                </For>
            </div>
            {move || {
                let chosen = selected.get().and_then(|id| desk.with(|d| d.chats.iter().find(|c| c.id == id).cloned()));
                match chosen {
                    Some(chat) => view! { <Panel chat messages canned=canned.clone() desk/> }.into_any(),
                    None => view! { <p>{t("desk-no-chats")}</p> }.into_any(),
                }
            }}
        </section>
    }
}

#[component]
fn Availability(desk: RwSignal<DeskUpdate>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetAvailable>::new();
    let available = move || desk.with(|d| d.available);
    view! {
        <ActionForm action attr:class="desk-availability">
            <input type="hidden" name="available" value=move || (!available()).to_string()/>
            <button type="submit" class="button" aria-pressed=move || available().to_string()>
                {t("desk-available")}
            </button>
            " "
            <span>{move || match available() {
                true => i18n.t_args("desk-available-on", &[("max", Arg::from(desk.with(|d| d.max_chats)))]),
                false => i18n.t("desk-available-off"),
            }}</span>
        </ActionForm>
    }
}

#[component]
fn Figures(figures: Signal<Figures>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let Figures { waiting, active, agents_available, median_wait_today } = figures.get();
        let median = median_wait_today.map_or_else(
            || i18n.t("desk-median-unknown"),
            |m| i18n.t_args("desk-minutes", &[("minutes", Arg::from(m))]),
        );
        i18n.t_args(
            "desk-figures",
            &[
                ("waiting", Arg::from(waiting)),
                ("active", Arg::from(active)),
                ("agents", Arg::from(agents_available)),
                ("median", Arg::from(median)),
            ],
        )
    };
    view! { <p class="desk-figures">{text}</p> }
}

/// One chat: who it is, what they wrote, and what the agent can do.
#[component]
fn Panel(
    chat: AgentChat,
    messages: RwSignal<HashMap<i64, Vec<ChatMessage>>>,
    canned: Vec<Canned>,
    desk: RwSignal<DeskUpdate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = chat.id;
    let send = ServerAction::<AgentSend>::new();
    let transfer = ServerAction::<Transfer>::new();
    let close = ServerAction::<Close>::new();
    let form = NodeRef::<leptos::html::Form>::new();
    let text = NodeRef::<leptos::html::Textarea>::new();
    let choice = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if send.value().with(|value| matches!(value, Some(Ok(())))) {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    let error = Signal::derive(move || {
        [send.value().get(), transfer.value().get(), close.value().get()].into_iter().flatten().find_map(Result::err)
    });
    let canned_for_insert = canned.clone();
    let insert = move |_| {
        let (Some(text), Some(choice)) = (text.get(), choice.get()) else { return };
        if let Some(answer) = choice.value().parse::<usize>().ok().and_then(|i| canned_for_insert.get(i)) {
            let words = match chat.lang {
                Lang::Fr => &answer.text.fr,
                Lang::En => &answer.text.en,
            };
            text.set_value(words);
            let _ = text.focus();
        }
    };
    let requests = chat.open_requests.clone();
    // Filing for this resident: the contact page, in a tab of its own so that the console stays open (the
    // agent stays on the desk). A resident signed out is looked up by what they gave.
    let file = ContactState {
        channel: ContactChannel::Chat.code().into(),
        lang: chat.lang.code().into(),
        q: if chat.account.is_some() { String::new() } else { chat.email.clone().unwrap_or_else(|| chat.name.clone()) },
        caller: chat.account,
        existing: false,
        chat: Some(id),
    }
    .address();
    view! {
        <div id="desk-panel" role="tabpanel" aria-labelledby=format!("tab-{id}") class="desk-panel">
            <p class="desk-resident">
                <strong>{chat.name.clone()}</strong>" · "{move || i18n.t(lang_key(chat.lang))}
                {chat.email.clone().map(|email| view! { " · "{email} })}
                " · "{move || i18n.t(if chat.account.is_some() { "desk-signed-in" } else { "desk-signed-out" })}
            </p>
            <p>
                <a class="button button-secondary" href=file target="_blank" rel="noopener">{t("desk-file-request")}</a>
            </p>
            {(!requests.is_empty()).then(|| view! {
                <ul class="desk-requests">
                    {requests.into_iter().map(|(reference, service)| {
                        let href = Reference::parse(&reference).map(|r| routes::staff_request(&r)).unwrap_or_default();
                        view! { <li><a href=href>{reference}</a>" "{move || i18n.pick(&service)}</li> }
                    }).collect_view()}
                </ul>
            })}
            <div class="chat-log" role="log" aria-label=move || i18n.t("chat-log")>
                <ol>
                    <For each=move || messages.with(|m| m.get(&id).cloned().unwrap_or_default()) key=|m| m.id let:message>
                        <Message message/>
                    </For>
                </ol>
            </div>
            {move || error.get().map(|error| view! { <ErrorMessage error/> })}
            <ActionForm action=send node_ref=form attr:class="form chat-composer">
                <input type="hidden" name="conversation" value=id/>
                <label for="desk-message">{t("field-message")}</label>
                <textarea id="desk-message" name="message" rows="3" node_ref=text></textarea>
                <div class="desk-canned">
                    <label for="desk-canned">{t("desk-canned")}</label>
                    <select id="desk-canned" node_ref=choice>
                        {canned.iter().enumerate().map(|(index, answer)| {
                            let title = answer.title.clone();
                            view! { <option value=index.to_string()>{move || i18n.pick(&title)}</option> }
                        }).collect_view()}
                    </select>
                    <button type="button" class="button button-secondary" on:click=insert>{t("desk-canned-insert")}</button>
                </div>
                <button type="submit" class="button">{t("chat-send")}</button>
            </ActionForm>
            <ActionForm action=transfer attr:class="form desk-transfer">
                <input type="hidden" name="conversation" value=id/>
                <label for="desk-transfer-to">{t("desk-transfer-to")}</label>
                <select id="desk-transfer-to" name="to">
                    <option value="">{t("desk-transfer-queue")}</option>
                    {move || desk.with(|d| d.colleagues.clone()).into_iter().map(|(agent, name)| view! {
                        <option value=agent.to_string()>{name}</option>
                    }).collect_view()}
                </select>
                <label for="desk-transfer-note">{t("desk-transfer-note")}</label>
                <input id="desk-transfer-note" name="note" type="text" maxlength="2000"/>
                <button type="submit" class="button button-secondary">{t("desk-transfer")}</button>
            </ActionForm>
            <ActionForm action=close>
                <input type="hidden" name="conversation" value=id/>
                <button type="submit" class="button button-secondary">{t("desk-close")}</button>
            </ActionForm>
        </div>
    }
}

/// Messages left when nobody answered, for an agent to follow up by e-mail or phone.
#[component]
fn Missed() -> impl IntoView {
    let i18n = use_i18n();
    let done = ServerAction::<FollowUp>::new();
    let missed = Resource::new(move || done.version().get(), |_| get_missed());
    view! {
        <section aria-labelledby="desk-missed">
            <h2 id="desk-missed">{t("desk-missed")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    view_or_error(missed.await.map(|missed| match missed.is_empty() {
                        true => view! { <p>{t("desk-missed-none")}</p> }.into_any(),
                        false => view! {
                            <ul class="desk-missed">
                                {missed.into_iter().map(|chat| view! {
                                    <li>
                                        <p><strong>{chat.name}</strong>" · "{move || i18n.t(lang_key(chat.lang))}" · "{chat.at}
                                            {chat.email.map(|email| view! { " · "<a href=format!("mailto:{email}")>{email.clone()}</a> })}
                                        </p>
                                        {chat.messages.into_iter().map(|m| view! { <p class="desk-missed-text">{m}</p> }).collect_view()}
                                        <ActionForm action=done>
                                            <input type="hidden" name="conversation" value=chat.id/>
                                            <button type="submit" class="button button-secondary">{t("desk-followed-up")}</button>
                                        </ActionForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                    }))
                })}
            </Suspense>
        </section>
    }
}

/// The resident's language, as the agent reads it: "français", "English".
fn lang_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "desk-lang-fr",
        Lang::En => "desk-lang-en",
    }
}
