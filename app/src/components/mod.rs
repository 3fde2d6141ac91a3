//! Pieces several features use.

mod file_preview;
mod form;

pub use file_preview::FilePreview;
pub use form::{
    action_error, aria, problem_for, Choices, Confirmation, ErrorSummary, FieldFrame, ProblemLine, SubmitButton,
    TextArea, TextField,
};

use crate::city::Channels;
use crate::i18n::t;
use crate::layout::PageTitle;
use leptos::prelude::*;

/// A page whose feature is not built yet says so plainly and gives the way to get it done today: 311.
#[component]
pub fn ComingSoon(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <PageTitle title=t(title)/>
        <h1>{t(title)}</h1>
        <p class="lead">{t(text)}</p>
        <Channels heading="channels-title-ask"/>
    }
}
