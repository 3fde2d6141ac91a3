//! `/requests/{reference}/survey`: the satisfaction survey.

use super::api::{get_survey, SaveSurvey};
use super::SurveyView;
use crate::components::{action_error, Choices, ErrorSummary, SubmitButton, TextArea};
use crate::errors::{view_or_error, Field};
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

lazy_page!(SurveyRoute, SurveyPage);

#[component]
fn SurveyPage() -> impl IntoView {
    let params = use_params_map();
    let found = Resource::new(move || params.read().get("reference").unwrap_or_default(), get_survey);
    view! {
        <PageTitle title=t("survey-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(found.await.map(|survey| view! { <Survey survey/> })) })}
        </Suspense>
    }
}

/// The ratings' choices: value and the locale key of its words.
const EASE: [(&str, &str); 5] = [
    ("1", "survey-ease-1"),
    ("2", "survey-ease-2"),
    ("3", "survey-ease-3"),
    ("4", "survey-ease-4"),
    ("5", "survey-ease-5"),
];
const SATISFACTION: [(&str, &str); 5] = [
    ("1", "survey-satisfaction-1"),
    ("2", "survey-satisfaction-2"),
    ("3", "survey-satisfaction-3"),
    ("4", "survey-satisfaction-4"),
    ("5", "survey-satisfaction-5"),
];

#[component]
fn Survey(survey: SurveyView) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveSurvey>::new();
    let saved = move || action.value().with(|value| value.as_ref().and_then(|v| v.as_ref().ok()).copied());
    let back = routes::request(&survey.reference);
    let heading = {
        let (reference, service) = (survey.reference, survey.service_name.clone());
        move || {
            i18n.t_args(
                "survey-about",
                &[("reference", Arg::from(reference.to_string())), ("service", Arg::from(i18n.pick(&service)))],
            )
        }
    };
    let until = survey
        .editable_until
        .clone()
        .map(|day| move || i18n.t_args("survey-editable-until", &[("date", Arg::from(day.clone()))]));
    view! {
        <h1>{t("survey-title")}</h1>
        <p class="lead">{heading}</p>
        {until.map(|until| view! { <p class="hint">{until}</p> })}
        {move || match saved() {
            Some(reopened) => {
                let text = if reopened { "survey-thanks-reopened" } else { "survey-thanks-text" };
                view! {
                    <div class="confirmation" role="status">
                        <h2>{t("survey-thanks-title")}</h2>
                        <p>{t(text)}</p>
                    </div>
                }
                .into_any()
            }
            None if !survey.editable => view! { <p class="notice">{t("survey-closed")}</p> }.into_any(),
            None => view! { <SurveyForm survey=survey.clone() action/> }.into_any(),
        }}
        <p><a href=back>{t("survey-back")}</a></p>
    }
}

#[component]
fn SurveyForm(survey: SurveyView, action: ServerAction<SaveSurvey>) -> impl IntoView {
    let error = action_error(action.value());
    let answer = survey.answer.clone();
    let value = |pick: fn(&super::Answer) -> String| answer.as_ref().map(pick).unwrap_or_default();
    let resolved = survey.ask_resolved.then(|| {
        let selected = value(|a| match a.resolved {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => String::new(),
        });
        view! {
            <Choices
                field=Field::Resolved
                error
                options=vec![("yes", "survey-resolved-yes"), ("no", "survey-resolved-no")]
                selected
                hint="survey-resolved-hint"
            />
        }
    });
    let (ease, satisfaction, comment) =
        (value(|a| a.ease.to_string()), value(|a| a.satisfaction.to_string()), value(|a| a.comment.clone()));
    view! {
        <ErrorSummary error/>
        <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
            <input type="hidden" name="reference" value=survey.reference.to_string()/>
            {resolved}
            <Choices field=Field::Ease error options=EASE.to_vec() selected=ease/>
            <Choices field=Field::Satisfaction error options=SATISFACTION.to_vec() selected=satisfaction/>
            <TextArea field=Field::Comment error value=comment rows=4/>
            <SubmitButton label="survey-send" pending=action.pending()/>
        </ActionForm>
    }
}
