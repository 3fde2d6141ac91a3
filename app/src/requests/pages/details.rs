//! Step 2, "About the problem": the service's own questions (from the catalogue, in the Open311
//! attribute shape) and a description. Inputs are named `answers[code][n]`, which the server function
//! reads as a map from question to values, with or without JavaScript.

use crate::catalogue::{Datatype, Question};
use crate::components::{action_error, aria, problem_for, ErrorSummary, FieldFrame, ProblemLine, SubmitButton};
use crate::errors::{AppError, Field};
use crate::i18n::PAGE_FORM;
use crate::i18n::{use_i18n, Arg};
use crate::requests::api::SaveDetails;
use crate::requests::model::{DraftView, DESCRIPTION_MAX};
use leptos::prelude::*;

#[component]
pub fn Details(view: DraftView) -> impl IntoView {
    let action = ServerAction::<SaveDetails>::new();
    let error = action_error(action.value());
    view! {
        <ErrorSummary error answer_labels=answer_labels(&view)/>
        <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
            <input type="hidden" name="draft" value=view.id.as_str().to_string()/>
            {questions(&view, error)}
            <Description value=view.description.clone() error/>
            <SubmitButton label="step-continue" pending=action.pending()/>
        </ActionForm>
    }
}

/// The questions' labels, by position, for an error summary that names them.
pub fn answer_labels(view: &DraftView) -> Vec<crate::i18n::Text> {
    view.questions.iter().map(|q| q.label.clone()).collect()
}

/// The service's questions with the draft's answers, for this step and the agent's one-page form.
pub fn questions(view: &DraftView, error: Signal<Option<AppError>>) -> impl IntoView {
    view.questions
        .iter()
        .enumerate()
        .map(|(position, question)| {
            let values = view.answers.values(&question.code).to_vec();
            view! { <QuestionField question=question.clone() position values error/> }
        })
        .collect_view()
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
    let name = question.label.clone();
    let required = question.required;
    let label = Signal::derive(move || {
        let optional = if required { String::new() } else { format!(" {}", i18n.t("field-optional")) };
        format!("{}{optional}", i18n.pick(&name))
    });
    let help = question.help.clone().map(|help| Signal::derive(move || i18n.pick(&help)));
    if question.datatype.has_choices() {
        return view! { <ChoiceQuestion question field label help values error/> }.into_any();
    }
    let (invalid, described_by) = aria(field, error, help.is_some());
    let (id, name) = (field.code(), format!("answers[{}][0]", question.code));
    let value = values.first().cloned().unwrap_or_default();
    let input = match question.datatype {
        Datatype::Text => view! {
            <textarea id=id name=name rows="4" aria-invalid=invalid aria-describedby=described_by>{value}</textarea>
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
                    name=name
                    value=value
                    aria-invalid=invalid
                    aria-describedby=described_by
                />
            }
            .into_any()
        }
    };
    view! { <FieldFrame field error label help>{input}</FieldFrame> }.into_any()
}

/// A question answered by choosing: radio buttons (one) or checkboxes (several), in a fieldset whose
/// legend is the question.
#[component]
fn ChoiceQuestion(
    question: Question,
    field: Field,
    label: Signal<String>,
    help: Option<Signal<String>>,
    values: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field.code();
    let problem = problem_for(error, field);
    let (_, described_by) = aria(field, error, help.is_some());
    let (kind, multiple) = match question.datatype {
        Datatype::Multivaluelist => ("checkbox", true),
        _ => ("radio", false),
    };
    let code = question.code.to_string();
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
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <fieldset aria-describedby=described_by>
                <legend>{label}</legend>
                {help.map(|help| view! { <p class="hint" id=format!("{id}-hint")>{help}</p> })}
                {move || problem().map(|problem| view! { <ProblemLine id=format!("{id}-error") problem/> })}
                {choices}
            </fieldset>
        </div>
    }
}

#[component]
pub fn Description(value: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let length = RwSignal::new(value.chars().count());
    let count = move || {
        i18n.t_args(
            "details-description-count",
            &[("left", Arg::from(DESCRIPTION_MAX.saturating_sub(length.get()))), ("max", Arg::from(DESCRIPTION_MAX))],
        )
    };
    let label = Signal::derive(move || format!("{} {}", i18n.t("field-description"), i18n.t("field-optional")));
    let (invalid, described_by) = aria(Field::Description, error, true);
    view! {
        <FieldFrame field=Field::Description error label hint="details-description-hint">
            <textarea
                id="description"
                name="description"
                rows="6"
                maxlength=DESCRIPTION_MAX.to_string()
                aria-describedby=move || format!("{} description-count", described_by().unwrap_or_default())
                aria-invalid=invalid
                on:input=move |ev| length.set(event_target_value(&ev).chars().count())
            >
                {value}
            </textarea>
            <p class="hint" id="description-count">{count}</p>
        </FieldFrame>
    }
}
