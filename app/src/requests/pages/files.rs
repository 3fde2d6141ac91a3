//! Step 3, "Photos and files": up to five photos (JPEG, PNG, WebP) or PDF files of 10 MB at most. The
//! upload form is a plain multipart form (`POST /requests/uploads/{id}`, see `ssr::uploads`); with
//! JavaScript, `/uploads.js` scales photos down in the browser, shows a preview and a progress bar, and
//! sends each file on its own.

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
    let i18n = use_i18n();
    // A refused upload without JavaScript comes back here with `?problem=file-type`.
    let refused = use_query_map()
        .get_untracked()
        .get("problem")
        .and_then(|code| Problem::parse(&code))
        .map(|problem| AppError::field(Field::Files, problem));
    let remove = ServerAction::<RemoveFile>::new();
    let removed = RwSignal::new(Vec::<String>::new());
    let remove_error = action_error(remove.value());
    let error = Signal::derive(move || remove_error.get().or_else(|| refused.clone()));
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            if let Some(input) = remove.input().get_untracked() {
                removed.update(|ids| ids.push(input.file));
            }
        }
    });
    let draft = view.id.clone();
    let upload_to = routes::draft_uploads(&draft);
    let attachments = view.attachments.clone();
    let count = move || attachments.iter().filter(|a| !removed.with(|r| r.contains(&a.id))).count();
    let full = move || count() >= FILES_MAX;
    // The script reads its words for the problems it may meet from this hidden list (text, so no
    // escaping to get wrong).
    let problems =
        Problem::OF_FILES.map(|p| view! { <li data-code=p.code()>{move || i18n.t(p.key())}</li> }).collect_view();
    let (invalid, described_by) = aria(Field::Files, error, true);
    let list = view
        .attachments
        .into_iter()
        .map(|attachment| {
            let id = attachment.id.clone();
            let draft = draft.clone();
            let gone = move || removed.with(|r| r.contains(&id));
            view! {
                <Show when=move || !gone()>
                    <FileItem attachment=attachment.clone() draft=draft.clone() remove/>
                </Show>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary error/>
        <p>{t("files-intro")}</p>
        <p class="hint">
            {move || i18n.t_args("files-limits", &[("max", Arg::from(FILES_MAX))])}
        </p>
        <ul class="file-list" aria-label=move || i18n.t("files-list-label")>{list}</ul>
        <form
            method="post"
            enctype="multipart/form-data"
            action=upload_to
            class="upload-form"
            data-uploads=""
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
        <p>
            <a class="button" href=routes::draft_step(&view.id, Step::Review)>{t("step-continue")}</a>
        </p>
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
