//! `/requests/{reference}`, "Ma demande de service": the confirmation right after submitting, then the
//! request's status, expected completion date and timeline; the resident adds information here, and is
//! asked "Was it resolved?" once it is completed.

use crate::accounts::model::Channel;
use crate::components::{aria, FieldFrame, PlaceNoteLine, TextArea};
use crate::errors::{view_or_error, AppError, Field, Problem};
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Arg};
use crate::layout::PageTitle;
use crate::lifecycle::api::get_request;
use crate::lifecycle::model::RequestPage;
use crate::lifecycle::model::{RequestView, Status};
use crate::lifecycle::{Files, Timeline};
use crate::requests::model::Reference;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn RequestRoutePage() -> impl IntoView {
    let params = use_params_map();
    let found = Resource::new(move || params.read().get("reference").unwrap_or_default(), get_request);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view_or_error(found.await.map(|page| view! { <Request page/> })) })}
        </Suspense>
    }
}

#[component]
fn Request(page: RequestPage) -> impl IntoView {
    let i18n = use_i18n();
    let request = page.request;
    let author = !page.following;
    let reference = request.reference;
    // Right after submitting (nothing has happened yet), the page is the confirmation.
    let just_made = author && request.status == Status::Received && request.events.len() == 1;
    let title = match (page.following, just_made) {
        (true, _) => "following-title",
        (false, true) => "submitted-title",
        (false, false) => "request-title",
    };
    let receipt = match page.receipt_by {
        Channel::Email => "submitted-receipt-email",
        Channel::Sms => "submitted-receipt-sms",
        Channel::Nothing => "submitted-receipt-none",
    };
    let service = request.service_name.clone();
    let address = request.address.clone();
    let summary = move || {
        i18n.t_args(
            "submitted-summary",
            &[
                ("service", Arg::from(i18n.pick(&service))),
                ("address", Arg::from(crate::addresses::written(&address, i18n.lang()))),
            ],
        )
    };
    let note = request.place_note.clone();
    let survey = routes::request_survey(&reference);
    let ask_resolved = author && request.status == Status::Completed;
    let open = request.status.is_open();
    view! {
        <PageTitle title=t(title)/>
        <div class="panel-confirmation" role="status">
            <h1>{t(title)}</h1>
            <p>{t("submitted-reference")}</p>
            <p class="reference">{reference.to_string()}</p>
        </div>
        <p>{summary}</p>
        {(!note.is_empty()).then(|| view! { <p><PlaceNoteLine note/></p> })}
        {just_made.then(|| view! {
            <p>{t(receipt)}</p>
            <h2>{t("submitted-next-heading")}</h2>
            <p>{t("submitted-next-text")}</p>
        })}
        {page.following.then(|| view! { <p>{t("following-text")}</p> })}
        <Facts request=request.clone()/>
        {ask_resolved.then(|| view! {
            <div class="notice notice-question">
                <h2>{t("request-resolved-question")}</h2>
                <p>{t("request-resolved-text")}</p>
                <a class="button" href=survey.clone()>{t("request-resolved-answer")}</a>
            </div>
        })}
        {(!request.files.is_empty()).then(|| view! {
            <h2>{t("request-files")}</h2>
            <Files files=request.files.clone()/>
        })}
        <h2>{t("request-timeline")}</h2>
        <Timeline events=request.events.clone()/>
        {(author && open).then(|| view! { <AddUpdate reference/> })}
        {(author && !ask_resolved).then(|| view! {
            <aside class="survey-invitation">
                <h2>{t("request-survey-heading")}</h2>
                <p>{t(if page.surveyed { "request-survey-answered" } else { "request-survey-text" })}</p>
                <p><a class="button button-secondary" href=survey>{t("request-survey-link")}</a></p>
            </aside>
        })}
        <p><a href=routes::ACCOUNT>{t("request-all-mine")}</a></p>
    }
}

/// The status, and when the work is expected (or that it is late).
#[component]
fn Facts(request: RequestView) -> impl IntoView {
    let i18n = use_i18n();
    let status = request.status.key();
    let expected = request.expected_on.clone().map(|day| {
        let key = if request.overdue { "request-overdue" } else { "request-expected" };
        move || i18n.t_args(key, &[("date", Arg::from(day.clone()))])
    });
    view! {
        <dl class="request-facts">
            <dt>{t("request-status")}</dt>
            <dd><span class="tag tag-status">{move || i18n.t(status)}</span></dd>
            <dt>{t("request-received")}</dt>
            <dd>{request.created_on.clone()}</dd>
            {expected.map(|expected| view! {
                <dt>{t("request-expected-heading")}</dt>
                <dd>{expected}</dd>
            })}
        </dl>
    }
}

/// "Add information": a note and photos, posted as one multipart form (`requests::ssr::updates`), which
/// comes back here with `?problem=` when it refuses something.
#[component]
fn AddUpdate(reference: Reference) -> impl IntoView {
    let query = use_query_map();
    let error = Signal::derive(move || {
        let problem = query.read().get("problem").and_then(|code| Problem::parse(&code));
        problem.map(|problem| {
            let field = if Problem::OF_FILES.contains(&problem) { Field::Files } else { Field::Note };
            AppError::field(field, problem)
        })
    });
    let updated = move || query.read().get("updated").is_some();
    let (files_invalid, files_described_by) = aria(Field::Files, error, true);
    view! {
        <section class="add-update" id="update" aria-labelledby="update-heading">
            <h2 id="update-heading">{t("update-heading")}</h2>
            {move || updated().then(|| view! { <p class="confirmation" role="status">{t("update-saved")}</p> })}
            <form method="post" id=PAGE_FORM action=routes::request_updates(&reference) enctype="multipart/form-data" class="form">
                <TextArea field=Field::Note error hint="update-note-hint" rows=4/>
                <FieldFrame field=Field::Files error hint="update-files-hint">
                    <input
                        type="file"
                        id=Field::Files.code()
                        name="file"
                        multiple=true
                        accept="image/jpeg,image/png,image/webp,application/pdf"
                        aria-invalid=files_invalid
                        aria-describedby=files_described_by
                    />
                </FieldFrame>
                <button type="submit" class="button">{t("update-send")}</button>
            </form>
        </section>
    }
}
