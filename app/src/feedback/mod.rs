//! "Aidez-nous à mieux vous servir": feedback about the portal itself. The form anyone can fill in is part
//! of issue 5; until then the page asks the same questions and gives the address to answer them.

use crate::city::use_city;
use crate::i18n::t;
use crate::layout::PageTitle;
use leptos::prelude::*;

lazy_page!(FeedbackRoute, FeedbackPage);

#[component]
fn FeedbackPage() -> impl IntoView {
    let email = use_city().profile.email;
    view! {
        <PageTitle title=t("feedback-title")/>
        <h1>{t("feedback-title")}</h1>
        <p class="lead">{t("feedback-questions")}</p>
        <p>{t("feedback-by-email")} " " <a href=format!("mailto:{email}")>{email.clone()}</a></p>
    }
}
