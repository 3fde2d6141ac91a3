//! Step 3, "Photos and files": up to five photos (JPEG, PNG, WebP) or PDF files of 10 MB at most. The
//! upload form is a plain multipart form (`POST /requests/uploads/{id}`, see `ssr::uploads`); with
//! JavaScript, `/uploads.js` scales photos down in the browser, shows a preview and a progress bar, and
//! sends each file on its own. The agent's one-page form (intake) uses the same list and upload form.

use crate::components::{action_error, aria, ErrorSummary, FieldFrame, FilePreview};
use crate::errors::{AppError, Field, Problem};
use crate::i18n::{t, use_i18n, Arg};
use crate::requests::api::RemoveFile;
use crate::requests::model::{AttachmentView, DraftId, DraftView, Step, FILES_MAX};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Files(view: DraftView) -> impl IntoView {
    let remove = ServerAction::<RemoveFile>::new();
    let error = files_error(remove);
    view! {
        <ErrorSummary error/>
        <p>{t("files-intro")}</p>
        <FileUploads draft=view.id.clone() attachments=view.attachments remove error stay=false/>
        <p>
            <a class="button" href=routes::draft_step(&view.id, Step::Review)>{t("step-continue")}</a>
        </p>
    }
}

/// A removal's problem, or the refused upload a page without JavaScript came back with
/// (`?problem=file-type`).
pub fn files_error(remove: ServerAction<RemoveFile>) -> Signal<Option<AppError>> {
    let refused = use_query_map()
        .get_untracked()
        .get("problem")
        .and_then(|code| Problem::parse(&code))
        .map(|problem| AppError::field(Field::Files, problem));
    let removed = action_error(remove.value());
    Signal::derive(move || removed.get().or_else(|| refused.clone()))
}

/// The draft's files, each with "Remove", and the upload form. With `stay`, the page is not reloaded
/// after an upload (the agent's one-page form keeps what was typed): the script hands the new files to
/// the list instead.
#[component]
pub fn FileUploads(
    draft: DraftId,
    attachments: Vec<AttachmentView>,
    remove: ServerAction<RemoveFile>,
    error: Signal<Option<AppError>>,
    stay: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let attachments = RwSignal::new(attachments);
    // The action's input is cleared once it resolves, so the file being removed is noted while it is
    // pending, and taken off the list when the server says it is gone.
    let removing = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(input) = remove.input().get() {
            removing.set(Some(input.file));
        }
    });
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(file)) = (remove.value().get(), removing.get_untracked()) {
            attachments.update(|list| list.retain(|a| a.id != file));
        }
    });
    // In `stay` mode the upload script dispatches `portal-uploaded` on the window, its data the server's
    // JSON answer: the files it just added.
    #[cfg(feature = "hydrate")]
    if let (true, Some(window)) = (stay, web_sys::window()) {
        crate::browser::on_json_messages(&window, "portal-uploaded", move |added: Vec<AttachmentView>| {
            attachments.update(|list| list.extend(added))
        });
    }
    let upload_to = routes::draft_uploads(&draft);
    let full = move || attachments.with(Vec::len) >= FILES_MAX;
    // The script reads its words for the problems it may meet from this hidden list (text, so no
    // escaping to get wrong).
    let problems =
        Problem::OF_FILES.map(|p| view! { <li data-code=p.code()>{move || i18n.t(p.key())}</li> }).collect_view();
    let (invalid, described_by) = aria(Field::Files, error, true);
    view! {
        <p class="hint">
            {move || i18n.t_args("files-limits", &[("max", Arg::from(FILES_MAX))])}
        </p>
        <ul class="file-list" aria-label=move || i18n.t("files-list-label")>
            <For
                each=move || attachments.get()
                key=|attachment| attachment.id.clone()
                children=move |attachment| view! { <FileItem attachment draft=draft.clone() remove/> }
            />
        </ul>
        <form
            method="post"
            enctype="multipart/form-data"
            action=upload_to
            class="upload-form"
            data-uploads=""
            data-stay=stay.then_some("")
            data-uploading=move || i18n.t_args("files-uploading", &[("name", "{name}".into())])
            data-failed=move || i18n.t_args("files-failed", &[("name", "{name}".into()), ("problem", "{problem}".into())])
        >
            <ul hidden=true data-upload-problems="">{problems}</ul>
            <FieldFrame field=Field::Files error hint="files-hint">
                <input
                    id="files"
                    name="file"
                    type="file"
                    multiple=true
                    accept="image/jpeg,image/png,image/webp,application/pdf"
                    aria-describedby=described_by
                    aria-invalid=invalid
                    disabled=full
                />
            </FieldFrame>
            <div class="upload-status" data-upload-status=""></div>
            <button type="submit" class="button button-secondary" data-upload-button="">{t("files-upload")}</button>
        </form>
        <script src="/uploads.js" defer=true></script>
    }
}

#[component]
fn FileItem(attachment: AttachmentView, draft: DraftId, remove: ServerAction<RemoveFile>) -> impl IntoView {
    let i18n = use_i18n();
    let source = attachment.source();
    let name = attachment.name.clone();
    let bytes = attachment.size;
    let size = move || match bytes < 1_048_576 {
        true => i18n.t_args("files-size-kb", &[("kilobytes", Arg::from(bytes.div_ceil(1024)))]),
        false => {
            // In tenths, rounded, with integers: printing a float would bring float formatting into the bundle.
            let tenths = (bytes * 10 + 524_288) / 1_048_576;
            let megabytes = format!("{}.{}", tenths / 10, tenths % 10);
            // 1.5 MB, 1,5 Mo
            let megabytes = if i18n.lang() == crate::i18n::Lang::Fr { megabytes.replace('.', ",") } else { megabytes };
            i18n.t_args("files-size", &[("megabytes", Arg::from(megabytes))])
        }
    };
    let remove_label = move || i18n.t_args("files-remove", &[("name", Arg::from(name.clone()))]);
    view! {
        <li class="file-item">
            <FilePreview file=attachment.clone()/>
            <span class="file-name">
                <a href=source rel="external" target="_blank">{attachment.name.clone()}</a>
                <span class="hint">{size}</span>
            </span>
            <ActionForm action=remove>
                <input type="hidden" name="draft" value=draft.as_str().to_string()/>
                <input type="hidden" name="file" value=attachment.id.clone()/>
                <button type="submit" class="button button-link" aria-label=remove_label>{t("files-remove-short")}</button>
            </ActionForm>
        </li>
    }
}
