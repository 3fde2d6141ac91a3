//! `/staff/contact/{draft}`: the request an agent files for a caller, on one page they complete without
//! the mouse — the address (focused when the page opens), the service's questions, the description, the
//! files (an e-mail's attachments), then one "Submit". The fields and rules are the wizard's own
//! (`requests::parts`); the server checks the address, answers and description together and saves
//! nothing while one is wrong.

use crate::components::{action_error, ErrorSummary, SubmitButton};
use crate::errors::view_or_error;
use crate::i18n::use_i18n;
use crate::i18n::PAGE_FORM;
use crate::intake::api::{get_call_request, FileCallRequest};
use crate::layout::PageTitle;
use crate::requests::api::RemoveFile;
use crate::requests::model::DraftView;
use crate::requests::parts::{
    address_picker, answer_labels, files_error, questions, AddressPicker, Description, FileUploads, ForCallerLine,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CallRequestPage() -> impl IntoView {
    let params = use_params_map();
    let draft = Resource::new(move || params.read().get("draft").unwrap_or_default(), get_call_request);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(draft.await.map(|view| view! { <CallRequest view/> }))
            })}
        </Suspense>
    }
}

#[component]
fn CallRequest(view: DraftView) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<FileCallRequest>::new();
    let remove = ServerAction::<RemoveFile>::new();
    let (sent, files) = (action_error(action.value()), files_error(remove));
    let AddressPicker { search, choices, error } = address_picker(&view, sent, true);
    let error = Signal::derive(move || error.get().or_else(|| files.get()));
    let service = view.service_name.clone();
    let title = Signal::derive(move || i18n.pick(&service));
    let for_caller = view.for_caller.clone().map(|caller| view! { <ForCallerLine caller/> });
    let (labels, fields) = (answer_labels(&view), questions(&view, error));
    let (id, draft, attachments) = (view.id.as_str().to_string(), view.id.clone(), view.attachments.clone());
    view! {
        <PageTitle title=move || title.get()/>
        <div class="wizard">
            <h1>{title}</h1>
            {for_caller}
            <ErrorSummary error answer_labels=labels/>
            {search}
            <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                <input type="hidden" name="draft" value=id/>
                {choices}
                {fields}
                <Description value=view.description error/>
            </ActionForm>
            <FileUploads draft attachments remove error=files stay=true/>
            // The files' upload form stands between the fields and this button (forms do not nest): the
            // button names the form it sends.
            <SubmitButton label="review-submit" pending=action.pending() form=PAGE_FORM/>
        </div>
    }
}
