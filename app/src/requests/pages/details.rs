//! Step 2, "About the problem": the service's own questions (from the catalogue, in the Open311
//! attribute shape) and a description. Inputs are named `answers[code][n]`, which the server function
//! reads as a map from question to values, with or without JavaScript.

use crate::catalogue::{Datatype, Question};
use crate::components::{action_error, problem_for, ErrorSummary, ProblemLine, SubmitButton};
use crate::errors::{AppError, Field};
use crate::i18n::{t, use_i18n, Arg};
use crate::requests::api::SaveDetails;
use crate::requests::model::{DraftView, DESCRIPTION_MAX};
use leptos::prelude::*;

#[component]
pub fn Details(view: DraftView) -> impl IntoView {
    let action = ServerAction::<SaveDetails>::new();
    let error = action_error(action.value());
    let labels = view.questions.iter().map(|q| q.label.clone()).collect();
    let questions = view
        .questions
        .iter()
        .enumerate()
        .map(|(position, question)| {
            let values = view.answers.values(&question.code).to_vec();
            view! { <QuestionField question=question.clone() position values error/> }
        })
        .collect_view();
    view! {
        <ErrorSummary error answer_labels=labels/>
        <ActionForm action attr:novalidate=true attr:class="form">
            <input type="hidden" name="draft" value=view.id.as_str().to_string()/>
            {questions}
            <Description value=view.description.clone() error/>
            <SubmitButton label="step-continue" pending=action.pending()/>
        </ActionForm>
    }
}

#[component]
fn QuestionField(
    question: Question,
    position: usize,
    values: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = Field::Answer(position as u8);
    let id = field.code();
    let problem = problem_for(error, field);
    let error_line = move || problem().map(|problem| view! { <ProblemLine id=format!("{id}-error") problem/> });
    let label = question.label.clone();
    let label = move || {
        let optional = if question.required { String::new() } else { format!(" {}", i18n.t("field-optional")) };
        format!("{}{optional}", i18n.pick(&label))
    };
    let help = question
        .help
        .clone()
        .map(|help| view! { <p class="hint" id=format!("{id}-hint")>{move || i18n.pick(&help)}</p> });
    let described_by = move || {
        let mut ids = Vec::new();
        if question.help.is_some() {
            ids.push(format!("{id}-hint"));
        }
        if problem().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let code = question.code.to_string();
    let invalid = move || problem().map(|_| "true");
    let input = match question.datatype {
        Datatype::Singlevaluelist | Datatype::Multivaluelist => {
            let (kind, multiple) = match question.datatype {
                Datatype::Multivaluelist => ("checkbox", true),
                _ => ("radio", false),
            };
            let choices = question
                .choices
                .iter()
                .enumerate()
                .map(|(index, choice)| {
                    let input_id = if index == 0 { id.to_string() } else { format!("{id}-{index}") };
                    let name = format!("answers[{code}][{}]", if multiple { index } else { 0 });
                    let checked = values.iter().any(|v| v == choice.key.as_str());
                    let choice_name = choice.name.clone();
                    view! {
                        <div class="choice">
                            <input type=kind id=input_id.clone() name=name value=choice.key.to_string() checked=checked/>
                            <label for=input_id>{move || i18n.pick(&choice_name)}</label>
                        </div>
                    }
                })
                .collect_view();
            return view! {
                <div class="field" class:field-invalid=move || problem().is_some()>
                    <fieldset aria-describedby=described_by>
                        <legend>{label}</legend>
                        {help}
                        {error_line}
                        {choices}
                    </fieldset>
                </div>
            }
            .into_any();
        }
        Datatype::Text => view! {
            <textarea id=id name=format!("answers[{code}][0]") rows="4" aria-invalid=invalid aria-describedby=described_by>
                {values.first().cloned().unwrap_or_default()}
            </textarea>
        }
        .into_any(),
        datatype => {
            let (kind, mode) = match datatype {
                Datatype::Number => ("text", Some("decimal")),
                Datatype::Datetime => ("date", None),
                _ => ("text", None),
            };
            view! {
                <input
                    id=id
                    type=kind
                    inputmode=mode
                    name=format!("answers[{code}][0]")
                    value=values.first().cloned().unwrap_or_default()
                    aria-invalid=invalid
                    aria-describedby=described_by
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <label for=id>{label}</label>
            {help}
            {error_line}
            {input}
        </div>
    }
    .into_any()
}

#[component]
fn Description(value: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_for(error, Field::Description);
    let length = RwSignal::new(value.chars().count());
    let count = move || {
        i18n.t_args(
            "details-description-count",
            &[("left", Arg::from(DESCRIPTION_MAX.saturating_sub(length.get()))), ("max", Arg::from(DESCRIPTION_MAX))],
        )
    };
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <label for="description">{move || format!("{} {}", i18n.t("field-description"), i18n.t("field-optional"))}</label>
            <p class="hint" id="description-hint">{t("details-description-hint")}</p>
            {move || problem().map(|problem| view! { <ProblemLine id="description-error" problem/> })}
            <textarea
                id="description"
                name="description"
                rows="6"
                maxlength=DESCRIPTION_MAX.to_string()
                aria-describedby=move || {
                    let error = problem().map(|_| " description-error").unwrap_or_default();
                    format!("description-hint description-count{error}")
                }
                aria-invalid=move || problem().map(|_| "true")
                on:input=move |ev| length.set(event_target_value(&ev).chars().count())
            >
                {value}
            </textarea>
            <p class="hint" id="description-count">{count}</p>
        </div>
    }
}
