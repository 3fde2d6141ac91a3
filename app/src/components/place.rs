//! Where a request is, as pages show it: the place in the reader's language, then "where exactly" in
//! the resident's words when they gave it.

use crate::i18n::{use_i18n, Arg};
use leptos::prelude::*;

#[component]
pub fn PlaceText(label: String, note: String) -> impl IntoView {
    let i18n = use_i18n();
    let note = (!note.is_empty()).then(|| view! { <br/> <PlaceNoteLine note/> });
    view! { {move || crate::addresses::written(&label, i18n.lang())} {note} }
}

/// "Where exactly: north side", when the resident said.
#[component]
pub fn PlaceNoteLine(note: String) -> impl IntoView {
    let i18n = use_i18n();
    (!note.is_empty()).then(|| {
        view! { <span class="hint">{move || i18n.t_args("place-note-line", &[("note", Arg::from(note.clone()))])}</span> }
    })
}
