//! "Aidez-nous à mieux vous servir": feedback about the portal itself, from anyone, signed in or not.
//! Staff read it in the console (`/staff/feedback`).

mod api;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use api::{ReportBarrier, SendFeedback};

use crate::components::{action_error, Choices, Confirmation, ErrorSummary, SubmitButton, TextArea};
use crate::errors::Field;
use crate::i18n::t;
use crate::i18n::PAGE_FORM;
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;

crate::codes::coded! {
    /// "Is this online service easy to use?"
    pub enum Easy in "feedback-easy" {
        Yes = "yes",
        Partly = "partly",
        No = "no",
    }
}

lazy_page!(FeedbackRoute, FeedbackPage);

#[component]
fn FeedbackPage() -> impl IntoView {
    let action = ServerAction::<SendFeedback>::new();
    let error = action_error(action.value());
    let sent = move || action.value().with(|value| matches!(value, Some(Ok(()))));
    view! {
        <PageTitle title=t("feedback-title")/>
        <h1>{t("feedback-title")}</h1>
        <p class="lead">{t("feedback-questions")}</p>
        {move || match sent() {
            true => view! {
                <Confirmation heading="feedback-thanks-title" text="feedback-thanks-text">
                    <p><a href=routes::HOME>{t("feedback-back-home")}</a></p>
                </Confirmation>
            }
            .into_any(),
            false => view! {
                <ErrorSummary error/>
                <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
                    <Choices field=Field::Easy error options=Easy::ALL.map(|e| (e.code(), e.key())).to_vec() selected=""/>
                    <TextArea field=Field::Improve error hint="feedback-improve-hint"/>
                    <p class="hint">{t("feedback-anonymous")}</p>
                    <SubmitButton label="feedback-send" pending=action.pending()/>
                </ActionForm>
            }
            .into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip() {
        for easy in Easy::ALL {
            assert_eq!(Easy::parse(easy.code()), Some(easy));
        }
        assert_eq!(Easy::parse("maybe"), None);
    }
}
