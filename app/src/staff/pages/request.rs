//! `/staff/requests/{reference}`: everything about a request, its whole timeline (the audit of who did
//! what), and the one form that moves it along: a status (with a reason when closing), a team, a note
//! for the resident or for staff only. The form carries the version it was read at; if another agent
//! changed the request meanwhile, nothing is saved and the agent is told (their note stays in the form).

use crate::components::{action_error, aria, Choices, ErrorSummary, FieldFrame, PlaceText, SubmitButton, TextArea};
use crate::errors::{view_or_error, Field};
use crate::i18n::{t, use_i18n, Arg, PAGE_FORM};
use crate::layout::PageTitle;
use crate::lifecycle::model::{CloseReason, Status};
use crate::lifecycle::{Files, Timeline};
use crate::routes;
use crate::staff::api::{get_staff_request, UpdateRequest};
use crate::staff::model::StaffRequest;
use leptos::{html, prelude::*};
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffRequestPage() -> impl IntoView {
    let params = use_params_map();
    let action = ServerAction::<UpdateRequest>::new();
    // A saved change reloads the request (its timeline and its new version).
    let found = Resource::new(
        move || (params.read().get("reference").unwrap_or_default(), action.version().get()),
        |(reference, _)| get_staff_request(reference),
    );
    view! {
        <PageTitle title=t("staff-request-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(found.await.map(|request| view! { <Request request action/> }))
            })}
        </Suspense>
    }
}

#[component]
fn Request(request: StaffRequest, action: ServerAction<UpdateRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let view = request.request.clone();
    let service = view.service_name.clone();
    let status = view.status.key();
    let answers = request
        .answers
        .iter()
        .cloned()
        .map(|(question, value)| view! { <dt>{move || i18n.pick(&question)}</dt> <dd>{value}</dd> })
        .collect_view();
    let contact = request.resident.clone();
    view! {
        <p><a href=routes::STAFF>{t("staff-back-to-queue")}</a></p>
        <h1>{view.reference.to_string()} " — " {move || i18n.pick(&service)}</h1>
        <dl class="request-facts">
            <dt>{t("field-status")}</dt>
            <dd><span class="tag tag-status">{move || i18n.t(status)}</span></dd>
            <dt>{t("staff-address")}</dt>
            <dd><PlaceText label=view.address.clone() note=view.place_note.clone()/></dd>
            <dt>{t("staff-col-received")}</dt>
            <dd>
                {view.created_on.clone()} " · " {t(request.channel.key())}
                {request.client.clone().map(|client| format!(" — {client}"))}
            </dd>
            <dt>{t("staff-col-due")}</dt>
            <dd class:overdue=view.overdue>{view.expected_on.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{t("staff-resident")}</dt>
            <dd>
                {contact.name.clone()}<br/>
                {contact.email.clone()}<br/>
                {contact.mobile.clone()}
                <span class="hint">" (" {contact.lang.code().to_ascii_uppercase()} ")"</span>
            </dd>
        </dl>
        <h2>{t("field-description")}</h2>
        <p class="description">{view.description.clone()}</p>
        {(!request.answers.is_empty()).then(|| view! { <dl class="request-facts">{answers}</dl> })}
        {(!view.files.is_empty()).then(|| view! { <Files files=view.files.clone()/> })}
        <ChangeForm request=request.clone() action/>
        <h2>{t("request-timeline")}</h2>
        <Timeline events=view.events.clone()/>
    }
}

#[component]
fn ChangeForm(request: StaffRequest, action: ServerAction<UpdateRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action.value());
    // Saved: the form starts empty again, so that a second click does not post the same note twice.
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if action.value().with(|value| matches!(value, Some(Ok(())))) {
            #[cfg(feature = "hydrate")]
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    let current = request.request.status;
    let statuses = Status::ALL
        .into_iter()
        .filter(|next| *next == current || current.can_become(*next))
        .map(|status| {
            let label = move || i18n.t(status.key());
            view! { <option value=status.code() selected=status == current>{label}</option> }
        })
        .collect_view();
    let reasons = CloseReason::ALL
        .into_iter()
        .map(|reason| {
            let label = move || i18n.t(reason.key());
            view! { <option value=reason.code()>{label}</option> }
        })
        .collect_view();
    let team = request.team.clone().unwrap_or_default();
    let teams = request
        .teams
        .iter()
        .cloned()
        .map(|(code, name)| {
            let selected = code == team;
            view! { <option value=code selected=selected>{move || i18n.pick(&name)}</option> }
        })
        .collect_view();
    let select = move |field: Field, options: AnyView, hint: Option<&'static str>| {
        let (invalid, described_by) = aria(field, error, hint.is_some());
        view! {
            <FieldFrame field error hint=hint>
                <select id=field.code() name=field.code() aria-invalid=invalid aria-describedby=described_by>
                    {options}
                </select>
            </FieldFrame>
        }
    };
    let (duplicate_invalid, duplicate_described_by) = aria(Field::DuplicateOf, error, true);
    // Followers are told of public notes too: staff writing one should know it leaves the author's circle.
    let followers = request.followers;
    let followers_notice = (followers > 0).then(|| {
        let count = [("count", Arg::from(u64::from(followers)))];
        view! { <p class="notice">{move || i18n.t_args("staff-followers-notice", &count)}</p> }
    });
    view! {
        <section class="staff-change" aria-labelledby="change-heading">
            <h2 id="change-heading">{t("staff-change-heading")}</h2>
            <ErrorSummary error/>
            <ActionForm action node_ref=form attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                <input type="hidden" name="reference" value=request.request.reference.to_string()/>
                <input type="hidden" name="version" value=request.request.version/>
                {select(Field::Status, statuses.into_any(), None)}
                {select(
                    Field::Reason,
                    view! { <option value="">{t("staff-reason-none")}</option> {reasons} }.into_any(),
                    Some("staff-reason-hint"),
                )}
                <FieldFrame field=Field::DuplicateOf error hint="staff-duplicate-hint">
                    <input
                        id="duplicate_of"
                        name="duplicate_of"
                        type="text"
                        inputmode="numeric"
                        aria-invalid=duplicate_invalid
                        aria-describedby=duplicate_described_by
                    />
                </FieldFrame>
                {select(
                    Field::Team,
                    view! { <option value="">{t("staff-team-none")}</option> {teams} }.into_any(),
                    None,
                )}
                <TextArea field=Field::Note error hint="staff-note-hint" rows=4/>
                <Choices
                    field=Field::Visibility
                    error
                    options=vec![("internal", "staff-visibility-internal"), ("public", "staff-visibility-public")]
                    selected="internal"
                />
                {followers_notice}
                <SubmitButton label="staff-change-save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
