//! How a photo or file looks in a list: the photo's thumbnail (the photo itself, scaled, until the
//! thumbnail is made), or a "PDF" tile.

use crate::i18n::t;
use crate::requests::model::{AttachmentKind, AttachmentView};
use leptos::prelude::*;

#[component]
pub fn FilePreview(file: AttachmentView) -> impl IntoView {
    match file.kind {
        AttachmentKind::Photo => {
            let src = file.thumbnail.clone().unwrap_or_else(|| file.source());
            view! { <img src=src alt="" width="96" height="96" loading="lazy"/> }.into_any()
        }
        AttachmentKind::Document => {
            view! { <span class="file-icon" aria-hidden="true">{t("files-pdf")}</span> }.into_any()
        }
    }
}
