//! Form parts shared by every form, following the GOV.UK pattern: an error summary at the top that takes
//! the focus and links to each field in error, and each field with its label, hint and error in the text
//! a screen reader reads with the input.

use crate::errors::{AppError, Field, Problem};
use crate::i18n::{t, use_i18n, Text};
use leptos::{html, prelude::*};

/// The problem with `field` in the last answer, if any.
pub fn problem_for(error: Signal<Option<AppError>>, field: Field) -> impl Fn() -> Option<Problem> + Copy {
    move || {
        error.with(|error| match error {
            Some(AppError::Invalid(problems)) => problems.iter().find(|p| p.field == field).map(|p| p.problem),
            _ => None,
        })
    }
}

/// The last answer of a form's action as an error, for the parts below.
pub fn action_error<T, V>(value: V) -> Signal<Option<AppError>>
where
    V: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|value| value.as_ref().and_then(|result| result.as_ref().err().cloned())))
}

/// Shows what went wrong with the last submission, and moves the focus there so that it is read out.
/// `answer_labels`: the labels of the service's questions, for problems with `Field::Answer`.
#[component]
pub fn ErrorSummary(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] answer_labels: Vec<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if error.with(Option::is_some) {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    move || {
        error.get().map(|error| {
            let details = match &error {
                AppError::Invalid(problems) => {
                    let items = problems
                        .iter()
                        .map(|p| {
                            let (field, problem) = (p.field, p.problem);
                            let label = match field {
                                Field::Answer(position) => answer_labels.get(position as usize).cloned(),
                                _ => None,
                            };
                            let text = move || {
                                let field_label =
                                    label.as_ref().map_or_else(|| i18n.t(field.label_key()), |l| i18n.pick(l));
                                i18n.t_args(
                                    "error-summary-item",
                                    &[("field", field_label.into()), ("problem", i18n.t(problem.key()).into())],
                                )
                            };
                            view! { <li><a href=format!("#{}", field.code()) rel="external">{text}</a></li> }
                        })
                        .collect_view();
                    view! { <ul>{items}</ul> }.into_any()
                }
                other => {
                    let other = other.clone();
                    view! { <p>{move || other.text(i18n)}</p> }.into_any()
                }
            };
            let title = error.clone();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary>
                    <h2>{move || title.title(i18n)}</h2>
                    {details}
                </div>
            }
        })
    }
}

/// A labelled input. Its name is the field's, which is also the server function's argument.
#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The input type: text, email, tel, password.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    /// A locale key for a hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let (invalid, described_by) = aria(field, error, hint.is_some());
    view! {
        <FieldFrame field error hint=hint>
            <input
                id=field.code()
                name=field.code()
                type=kind
                autocomplete=autocomplete
                value=value.clone()
                aria-invalid=invalid
                aria-describedby=described_by
            />
        </FieldFrame>
    }
}

/// A labelled drop-down list; `children` are its options.
#[component]
pub fn SelectField(field: Field, #[prop(into)] error: Signal<Option<AppError>>, children: Children) -> impl IntoView {
    let (invalid, described_by) = aria(field, error, false);
    view! {
        <FieldFrame field error>
            <select id=field.code() name=field.code() aria-invalid=invalid aria-describedby=described_by>
                {children()}
            </select>
        </FieldFrame>
    }
}

/// A labelled multi-line text input, for notes and comments.
#[component]
pub fn TextArea(
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// A locale key for a hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(default = 5)] rows: u8,
) -> impl IntoView {
    let (invalid, described_by) = aria(field, error, hint.is_some());
    view! {
        <FieldFrame field error hint=hint>
            <textarea id=field.code() name=field.code() rows=rows aria-invalid=invalid aria-describedby=described_by>
                {value.clone()}
            </textarea>
        </FieldFrame>
    }
}

/// What surrounds a field's input (`children`): its label, hint and problem. The input takes its
/// `aria-invalid` and `aria-describedby` from [`aria`]. The label is the field's own words unless
/// `label` gives others (a service's question, "Description (optional)"); the hint is a locale key, or
/// `help`, text that comes with the data (a question's help, in both languages).
#[component]
pub fn FieldFrame(
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into, default = None)] hint: Option<&'static str>,
    #[prop(into, default = None)] label: Option<Signal<String>>,
    #[prop(into, default = None)] help: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_for(error, field);
    let name = field.code();
    let label = label.unwrap_or_else(|| Signal::derive(move || i18n.t(field.label_key())));
    let hint = help.or_else(|| hint.map(|key| Signal::derive(move || i18n.t(key))));
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <label for=name>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{name}-hint")>{hint}</p> })}
            {move || problem().map(|problem| view! { <ProblemLine id=format!("{name}-error") problem/> })}
            {children()}
        </div>
    }
}

/// An input's `aria-invalid` and `aria-describedby` (its hint, and its problem while there is one).
pub fn aria(
    field: Field,
    error: Signal<Option<AppError>>,
    hint: bool,
) -> (impl Fn() -> Option<&'static str> + Copy, impl Fn() -> Option<String> + Copy) {
    let problem = problem_for(error, field);
    let name = field.code();
    let described_by = move || {
        let ids: Vec<String> = [hint.then(|| format!("{name}-hint")), problem().map(|_| format!("{name}-error"))]
            .into_iter()
            .flatten()
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    (move || problem().map(|_| "true"), described_by)
}

/// What is wrong with a field, under its label; screen readers read it after "Error:". `id` is what the
/// input's `aria-describedby` names.
#[component]
pub fn ProblemLine(#[prop(into)] id: String, problem: Problem) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="field-error" id=id>
            <span class="visually-hidden">{t("error-prefix")}</span>
            {move || i18n.t(problem.key())}
        </p>
    }
}

/// A group of radio buttons: a fieldset with its legend, one choice per option.
#[component]
pub fn Choices(
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// (value, locale key of its label)
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] selected: String,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_for(error, field);
    let name = field.code();
    let hint_id = format!("{name}-hint");
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <fieldset aria-describedby=hint.map(|_| hint_id.clone())>
                <legend>{t(field.label_key())}</legend>
                {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{t(hint)}</p> })}
                {move || {
                    problem().map(|problem| view! { <p class="field-error">{move || i18n.t(problem.key())}</p> })
                }}
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(index, (value, label))| {
                        // The first radio carries the field's id, so the error summary's link lands on it.
                        let id = if index == 0 { name.to_string() } else { format!("{name}-{value}") };
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name=name value=value checked=selected == value/>
                                <label for=id>{t(label)}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// The form's submit button; it is disabled while the form is on its way, so a double click sends it once.
#[component]
pub fn SubmitButton(
    label: &'static str,
    #[prop(into)] pending: Signal<bool>,
    /// The id of the form it sends, when the button stands outside it.
    #[prop(optional)]
    form: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button type="submit" class="button" disabled=pending form=form>
            {t(label)}
        </button>
    }
}

/// What a form did, once it is done: a heading, a sentence, and what to do next (`children`).
#[component]
pub fn Confirmation(
    heading: &'static str,
    text: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="confirmation" role="status">
            <h2>{t(heading)}</h2>
            <p>{t(text)}</p>
            {children.map(|children| children())}
        </div>
    }
}
