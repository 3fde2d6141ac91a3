//! `/requests/drafts/{draft}/{step}`: the frame every step shares — "Step 2 of 4", a back link, the
//! service's name and the step's title — around the step's own form. The draft is read from the server
//! on every step, so a reload, a language switch or the back button shows what was saved.

use super::{details::Details, files::Files, review::Review, where_::Where};
use crate::errors::{view_or_error, AppError};
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::requests::api::get_draft;
use crate::requests::model::{DraftView, ForCaller, Step};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn WizardPage() -> impl IntoView {
    let params = use_params_map();
    let step = move || Step::ALL.into_iter().find(|s| params.read().get("step").as_deref() == Some(s.code()));
    let draft = Resource::new(
        move || (params.read().get("draft").unwrap_or_default(), step()),
        |(draft, step)| async move {
            match step {
                Some(step) => get_draft(draft, step).await.map(|view| (view, step)),
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(draft.await.map(|(view, step)| view! { <Frame view step/> }))
            })}
        </Suspense>
    }
}

#[component]
fn Frame(view: DraftView, step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let service = view.service_name.clone();
    let title = move || format!("{} – {}", i18n.t(step.key()), i18n.pick(&service));
    let progress = move || {
        i18n.t_args("step-progress", &[("number", Arg::from(step.number())), ("total", Arg::from(Step::ALL.len()))])
    };
    let back = step.previous().map(|previous| routes::draft_step(&view.id, previous));
    let service_name = view.service_name.clone();
    // An agent filing for a caller sees whom for at every step.
    let for_caller = view.for_caller.clone().map(|caller| view! { <ForCallerLine caller/> });
    let form = match step {
        Step::Where => view! { <Where view/> }.into_any(),
        Step::Details => view! { <Details view/> }.into_any(),
        Step::Files => view! { <Files view/> }.into_any(),
        Step::Review => view! { <Review view/> }.into_any(),
    };
    view! {
        <PageTitle title/>
        {back.map(|href| view! { <a class="back-link" href=href>{t("step-back")}</a> })}
        <div class="wizard">
            <p class="caption">
                <span>{move || i18n.pick(&service_name)}</span>
                " · "
                <span>{progress}</span>
            </p>
            <ol class="progress" aria-label=move || i18n.t("step-progress-label")>
                {Step::ALL
                    .map(|each| {
                        let current = (each == step).then_some("step");
                        let done = each.number() < step.number();
                        view! {
                            <li aria-current=current class:done=done class:current=each == step>
                                {t(each.key())}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <h1>{t(step.key())}</h1>
            {for_caller}
            {form}
        </div>
    }
}

/// "For: Zoé Gagnon · Phone": whom an agent is filing for, and how they reached us.
#[component]
pub fn ForCallerLine(caller: ForCaller) -> impl IntoView {
    let i18n = use_i18n();
    let line = move || {
        i18n.t_args(
            "step-for-caller",
            &[("name", Arg::from(caller.name.clone())), ("channel", Arg::from(i18n.t(caller.channel.key())))],
        )
    };
    view! { <p class="notice">{line}</p> }
}
