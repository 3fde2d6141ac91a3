//! The timeline, as both the resident's page and the staff console show it: what happened, when, who
//! (staff names only in the console), the notes and the photos.

use super::model::{Actor, EventKind, Status, TimelineEvent};
use crate::components::FilePreview;
use crate::i18n::{t, use_i18n, Arg};
use crate::requests::model::AttachmentView;
use leptos::prelude::*;

#[component]
pub fn Timeline(events: Vec<TimelineEvent>) -> impl IntoView {
    let items = events.into_iter().rev().map(|event| view! { <Event event/> }).collect_view();
    view! { <ol class="timeline" id="timeline">{items}</ol> }
}

#[component]
fn Event(event: TimelineEvent) -> impl IntoView {
    let i18n = use_i18n();
    let what = {
        let kind = event.kind.clone();
        move || match &kind {
            EventKind::Created => i18n.t("timeline-created"),
            EventKind::Status { status, reason, duplicate_of } => {
                let mut line = i18n.t_args("timeline-status", &[("status", Arg::from(i18n.t(status.key())))]);
                if let Some(reason) = reason {
                    line = format!("{line} — {}", i18n.t(reason.key()));
                }
                if let Some(other) = duplicate_of {
                    let other = i18n.t_args("timeline-duplicate-of", &[("reference", Arg::from(other.to_string()))]);
                    line = format!("{line} ({other})");
                }
                line
            }
            EventKind::Note if event.public => i18n.t("timeline-note-public"),
            EventKind::Note => i18n.t("timeline-note-internal"),
            EventKind::Update => i18n.t("timeline-update"),
            EventKind::Assigned { team } => i18n.t_args("timeline-assigned", &[("team", Arg::from(i18n.pick(team)))]),
            EventKind::Reopened => i18n.t("timeline-reopened"),
            EventKind::Filed { channel } => {
                i18n.t_args("timeline-filed", &[("channel", Arg::from(i18n.t(channel.key())))])
            }
        }
    };
    let by = match event.actor {
        Actor::Staff { name: Some(name) } => Some(
            view! { <span class="timeline-by">{move || i18n.t_args("timeline-by", &[("name", Arg::from(name.clone()))])}</span> },
        ),
        _ => None,
    };
    let finished = matches!(event.kind, EventKind::Status { status: Status::Completed | Status::Closed, .. });
    let note = event.note.map(|note| {
        let internal = (!event.public).then(|| view! { <strong>{t("timeline-internal")} " "</strong> });
        view! { <p class="timeline-note" class:timeline-note-internal=!event.public>{internal}{note}</p> }
    });
    view! {
        <li class="timeline-event" class:timeline-finished=finished>
            <p class="timeline-what">{what}</p>
            <p class="timeline-when">
                <time>{event.at.clone()}</time>
                {by}
            </p>
            {note}
            {(!event.files.is_empty()).then(|| view! { <Files files=event.files.clone()/> })}
        </li>
    }
}

/// Photos as thumbnails and files as links; each opens the original.
#[component]
pub fn Files(files: Vec<AttachmentView>) -> impl IntoView {
    let items = files
        .into_iter()
        .map(|file| {
            view! {
                <li>
                    <a href=file.source() rel="external" target="_blank">
                        <FilePreview file=file.clone()/>
                        <span class="file-name">{file.name.clone()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="file-gallery">{items}</ul> }
}
