//! Step 4, "Check and submit": everything entered, each part with a link to change it, a word about an
//! open request for the same service close by, and "Submit". A resident who is not signed in (or whose
//! session ended) signs in first and comes back here: the draft waits on the server.

use crate::catalogue::Datatype;
use crate::components::{action_error, ErrorSummary, PlaceText, SubmitButton};
use crate::i18n::{t, use_i18n, Arg};
use crate::requests::api::{FollowNearby, SubmitRequest};
use crate::requests::model::{DraftId, DraftView, Nearby, Step};
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn Review(view: DraftView) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SubmitRequest>::new();
    let follow = ServerAction::<FollowNearby>::new();
    let (submit_error, follow_error) = (action_error(action.value()), action_error(follow.value()));
    let error = Signal::derive(move || submit_error.get().or_else(|| follow_error.get()));
    let id = view.id.clone();
    let place = view.place.as_ref().map(|p| p.label.clone()).unwrap_or_default();
    let place_note = view.place_note.as_str().to_string();
    let photos = view.attachments.len();
    let description = view.description.clone();
    let answers = answer_rows(&view);
    let nearby = view.nearby.clone().map(|nearby| view! { <NearbyNotice nearby draft=id.clone() follow/> });
    view! {
        <ErrorSummary error/>
        {nearby}
        <dl class="summary">
            <div class="summary-row">
                <dt>{t("field-address")}</dt>
                <dd><PlaceText label=place note=place_note/></dd>
                <dd class="summary-action">{change_link(&id, Step::Where)}</dd>
            </div>
            {answers}
            <div class="summary-row">
                <dt>{t("field-description")}</dt>
                <dd class="pre-line">{description}</dd>
                <dd class="summary-action">{change_link(&id, Step::Details)}</dd>
            </div>
            <div class="summary-row">
                <dt>{t("field-files")}</dt>
                <dd>{move || i18n.t_args("review-files-count", &[("count", Arg::from(photos))])}</dd>
                <dd class="summary-action">{change_link(&id, Step::Files)}</dd>
            </div>
        </dl>
        <h2>{t("review-now")}</h2>
        <p>{t("review-declaration")}</p>
        <SubmitOrSignIn draft=view.id signed_in=view.signed_in action/>
    }
}

/// "Change", with the step it goes back to for screen readers.
fn change_link(draft: &DraftId, step: Step) -> impl IntoView {
    let href = routes::draft_step(draft, step);
    view! { <a href=href>{t("review-change")}<span class="visually-hidden">" "{t(step.key())}</span></a> }
}

/// One row per answered question, choices shown by their names in the current language.
fn answer_rows(view: &DraftView) -> impl IntoView {
    let i18n = use_i18n();
    view.questions
        .iter()
        .filter_map(|question| {
            let values = view.answers.values(&question.code).to_vec();
            if values.is_empty() {
                return None;
            }
            let label = question.label.clone();
            let choices = question.choices.clone();
            let list = question.datatype == Datatype::Multivaluelist || question.datatype == Datatype::Singlevaluelist;
            let shown = move || {
                let lang = i18n.lang();
                values
                    .iter()
                    .map(|value| match list {
                        true => choices
                            .iter()
                            .find(|c| c.key.as_str() == value)
                            .map_or(value.clone(), |c| c.name.get(lang).to_string()),
                        false => value.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            Some(view! {
                <div class="summary-row">
                    <dt>{move || i18n.pick(&label)}</dt>
                    <dd>{shown}</dd>
                    <dd class="summary-action">{change_link(&view.id, Step::Details)}</dd>
                </div>
            })
        })
        .collect_view()
}

/// An open request for the same service close by: follow it instead of reporting the problem again.
#[component]
fn NearbyNotice(nearby: Nearby, draft: DraftId, follow: ServerAction<FollowNearby>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        i18n.t_args(
            "review-nearby-text",
            &[
                ("reference", Arg::from(nearby.reference.to_string())),
                ("address", Arg::from(crate::addresses::written(&nearby.address, i18n.lang()))),
                ("date", Arg::from(nearby.date.clone())),
            ],
        )
    };
    view! {
        <div class="notice" role="note">
            <p><strong>{t("review-nearby-title")}</strong></p>
            <p>{text}</p>
            <ActionForm action=follow>
                <input type="hidden" name="draft" value=draft.as_str().to_string()/>
                <button type="submit" class="button button-secondary" disabled=follow.pending()>
                    {t("review-follow")}
                </button>
            </ActionForm>
        </div>
    }
}

/// "Submit", or for a resident who is not signed in, the way to sign in and come back here.
#[component]
fn SubmitOrSignIn(draft: DraftId, signed_in: bool, action: ServerAction<SubmitRequest>) -> impl IntoView {
    match signed_in {
        true => view! {
            <ActionForm action>
                <input type="hidden" name="draft" value=draft.as_str().to_string()/>
                <SubmitButton label="review-submit" pending=action.pending()/>
            </ActionForm>
        }
        .into_any(),
        false => view! {
            <div class="notice" role="note">
                <p>{t("review-sign-in-text")}</p>
                <p><a class="button" href=routes::sign_in_then(&routes::draft_step(&draft, Step::Review))>{t("sign-in-button")}</a></p>
                <p><a href=routes::REGISTER>{t("sign-in-register")}</a></p>
            </div>
        }
        .into_any(),
    }
}
