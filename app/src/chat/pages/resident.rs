//! `/chat`: "Clavardage en direct". The start form (or, when chat cannot be had now, the channels that
//! work), then the conversation: where the resident is in line, the messages as they come, what to write;
//! at the end a rating, the transcript by e-mail, a new chat. Every form posts without JavaScript too.

use crate::chat::api::{get_chat, EmailTranscript, LeaveChat, NewChat, RateChat, SendChat, StartChat};
use crate::chat::model::{Author, ChatMessage, ChatState, ChatUpdate, QueueSpot, SystemEvent};
use crate::city::{use_city, Channels};
use crate::components::{action_error, Choices, ErrorSummary, SubmitButton, TextArea, TextField};
use crate::errors::{view_or_error, Field};
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartChat>,
    send: ServerAction<SendChat>,
    leave: ServerAction<LeaveChat>,
    rate: ServerAction<RateChat>,
    transcript: ServerAction<EmailTranscript>,
    new: ServerAction<NewChat>,
}

#[component]
pub fn ChatPage() -> impl IntoView {
    let actions = Actions {
        start: ServerAction::new(),
        send: ServerAction::new(),
        leave: ServerAction::new(),
        rate: ServerAction::new(),
        transcript: ServerAction::new(),
        new: ServerAction::new(),
    };
    // What changes which conversation this browser has, or its end, loads the page's picture again;
    // messages themselves come by the stream.
    let versions = move || {
        let Actions { start, leave, rate, new, .. } = actions;
        (start.version().get(), leave.version().get(), rate.version().get(), new.version().get())
    };
    let chat = Resource::new(versions, |_| get_chat());
    let session = crate::accounts::use_session();
    view! {
        <PageTitle title=t("chat-title")/>
        <h1>{t("chat-title")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(chat.await.map(|chat| match chat {
                    Some(update) => view! { <Conversation update actions/> }.into_any(),
                    None => view! { <Start action=actions.start/> }.into_any(),
                }))
            })}
        </Suspense>
        {move || session.user().is_some().then(|| view! {
            <p><a href=routes::MY_CHATS>{t("chat-mine-link")}</a></p>
        })}
    }
}

/// The start form, or the channels that work when nobody can chat now.
#[component]
fn Start(action: ServerAction<StartChat>) -> impl IntoView {
    if !use_city().status.chat_open {
        return view! {
            <div class="notice" role="note"><p>{t("chat-unavailable")}</p></div>
            <Channels heading="channels-title-ask"/>
        }
        .into_any();
    }
    let error = action_error(action.value());
    let signed_in = crate::accounts::use_session().user().is_some();
    view! {
        <p class="lead">{t("chat-lead")}</p>
        <ErrorSummary error/>
        <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
            {(!signed_in).then(|| view! {
                <TextField field=Field::Name error autocomplete="name"/>
                <TextField field=Field::Email error kind="email" autocomplete="email" hint="chat-email-hint"/>
            })}
            <TextArea field=Field::Message error hint="chat-first-message-hint" rows=4/>
            <SubmitButton label="chat-start" pending=action.pending()/>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn Conversation(update: ChatUpdate, actions: Actions) -> impl IntoView {
    let state = RwSignal::new(update.state);
    let queue = RwSignal::new(update.queue);
    let rated = RwSignal::new(update.rated);
    let messages = RwSignal::new(update.messages);
    #[cfg(feature = "hydrate")]
    {
        use super::live;
        let last = messages.with_untracked(|m| m.last().map_or(0, |m| m.id));
        live::follow(&format!("{}?after={last}", routes::CHAT_EVENTS), "update", move |update: ChatUpdate| {
            state.set(update.state);
            queue.set(update.queue);
            rated.set(update.rated);
            messages.update(|messages| live::merge(messages, update.messages));
        });
    }
    let can_email = update.can_email;
    view! {
        <p class="chat-status" role="status">{move || view! { <Status state=state.get() queue=queue.get()/> }}</p>
        <Log messages/>
        {move || match state.get() {
            live if live.is_live() => view! { <Composer actions/> }.into_any(),
            ChatState::Missed => view! {
                <p>{t("chat-missed-kept")}</p>
                <Channels heading="channels-title-ask"/>
                <After actions rated can_email/>
            }
            .into_any(),
            _ => view! { <After actions rated can_email/> }.into_any(),
        }}
    }
}

/// The status region: read out when it changes (place in line, an agent joining), never per keystroke.
#[component]
fn Status(state: ChatState, queue: Option<QueueSpot>) -> impl IntoView {
    let i18n = use_i18n();
    move || match (state, queue) {
        (_, Some(QueueSpot { position, wait_minutes })) => {
            let place = i18n.t_args("chat-position", &[("position", Arg::from(position))]);
            let wait = match wait_minutes {
                Some(minutes) => i18n.t_args("chat-wait", &[("minutes", Arg::from(minutes))]),
                None => i18n.t("chat-wait-unknown"),
            };
            format!("{place} {wait}")
        }
        (state, _) => i18n.t(state.key()),
    }
}

/// The conversation, as a `log`: a screen reader announces each new message once.
#[component]
fn Log(messages: RwSignal<Vec<ChatMessage>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="chat-log" role="log" aria-label=move || i18n.t("chat-log")>
            <ol>
                <For each=move || messages.get() key=|message| message.id let:message>
                    <Message message/>
                </For>
            </ol>
        </div>
    }
}

#[component]
pub(super) fn Message(message: ChatMessage) -> impl IntoView {
    let i18n = use_i18n();
    let ChatMessage { author, name, body, at, .. } = message;
    let who = move || match author {
        Author::Resident => i18n.t("chat-you"),
        Author::Note => i18n.t_args("chat-note-by", &[("name", Arg::from(name.clone()))]),
        _ => name.clone(),
    };
    match author {
        Author::System => {
            let event = SystemEvent::parse(&body).map_or("chat-event-changed", SystemEvent::key);
            view! { <li class="chat-message chat-system"><span class="chat-time">{at}</span>" "{t(event)}</li> }
                .into_any()
        }
        _ => view! {
            <li class=format!("chat-message chat-{}", author.code())>
                <span class="chat-who">{who}</span>" "<span class="chat-time">{at}</span>
                <p>{body}</p>
            </li>
        }
        .into_any(),
    }
}

/// What to write, and the way out.
#[component]
fn Composer(actions: Actions) -> impl IntoView {
    let error = action_error(actions.send.value());
    let form = NodeRef::<leptos::html::Form>::new();
    // Sent: the box empties for the next message (the message itself arrives by the stream).
    Effect::new(move |_| {
        if actions.send.value().with(|value| matches!(value, Some(Ok(())))) {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    view! {
        <ErrorSummary error/>
        <ActionForm action=actions.send node_ref=form attr:novalidate=true attr:class="form chat-composer">
            <TextArea field=Field::Message error rows=3/>
            <SubmitButton label="chat-send" pending=actions.send.pending()/>
        </ActionForm>
        <ActionForm action=actions.leave attr:class="chat-leave">
            <button type="submit" class="button button-secondary">{t("chat-leave")}</button>
        </ActionForm>
    }
}

/// Once it is over: the rating (asked once), the transcript by e-mail, a new chat.
#[component]
fn After(actions: Actions, rated: RwSignal<bool>, can_email: bool) -> impl IntoView {
    let error = action_error(actions.rate.value());
    let sent = move || actions.transcript.value().with(|value| matches!(value, Some(Ok(()))));
    view! {
        {move || match rated.get() {
            true => view! { <p role="status">{t("chat-rated")}</p> }.into_any(),
            false => view! {
                <h2>{t("chat-rate-title")}</h2>
                <ErrorSummary error/>
                <ActionForm action=actions.rate attr:novalidate=true attr:class="form">
                    <Choices field=Field::Rating error options=RATINGS.to_vec() selected=""/>
                    <TextArea field=Field::Comment error rows=3/>
                    <SubmitButton label="chat-rate-send" pending=actions.rate.pending()/>
                </ActionForm>
            }
            .into_any(),
        }}
        {can_email.then(|| view! {
            <ActionForm action=actions.transcript attr:class="chat-transcript">
                <button type="submit" class="button button-secondary">{t("chat-transcript")}</button>
            </ActionForm>
            {move || sent().then(|| view! { <p role="status">{t("chat-transcript-sent")}</p> })}
        })}
        <ActionForm action=actions.new>
            <button type="submit" class="button">{t("chat-new")}</button>
        </ActionForm>
    }
}

/// The rating's choices, best first: (value, words).
const RATINGS: [(&str, &str); 5] = [
    ("5", "chat-rating-5"),
    ("4", "chat-rating-4"),
    ("3", "chat-rating-3"),
    ("2", "chat-rating-2"),
    ("1", "chat-rating-1"),
];
