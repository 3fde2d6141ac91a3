//! `/staff/feedback`: what residents said about the portal, newest first.

use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::layout::PageTitle;
use crate::routes;
use crate::staff::api::get_feedback;
use leptos::prelude::*;

#[component]
pub fn FeedbackListPage() -> impl IntoView {
    let i18n = use_i18n();
    let found = Resource::new(|| (), |_| get_feedback(0));
    view! {
        <PageTitle title=t("staff-feedback-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(found.await.map(|rows| {
                    let heading = view! {
                        <p><a href=routes::STAFF>{t("staff-back-to-queue")}</a></p>
                        <h1>{t("staff-feedback-title")}</h1>
                    };
                    if rows.is_empty() {
                        return view! { {heading} <p>{t("staff-feedback-empty")}</p> }.into_any();
                    }
                    let items = rows
                        .into_iter()
                        .map(|row| {
                            let who = if row.signed_in { "staff-feedback-signed-in" } else { "staff-feedback-anonymous" };
                            view! {
                                <li class="feedback-item">
                                    <p class="result-meta">
                                        <span>{row.at.clone()}</span>
                                        <span>{row.lang.code().to_ascii_uppercase()}</span>
                                        <span>{t(who)}</span>
                                    </p>
                                    {row.barrier.is_some().then(|| view! {
                                        <p><span class="tag tag-attention">{t("staff-feedback-barrier")}</span></p>
                                    })}
                                    {row.easy.map(|easy| view! {
                                        <p><strong>{t("field-easy")} " "</strong>{move || i18n.t(easy.key())}</p>
                                    })}
                                    {(!row.improve.is_empty()).then(|| view! { <p>{row.improve.clone()}</p> })}
                                    {row.barrier.filter(|contact| !contact.is_empty()).map(|contact| view! {
                                        <p><strong>{t("staff-feedback-contact")} " "</strong>{contact}</p>
                                    })}
                                </li>
                            }
                        })
                        .collect_view();
                    view! { {heading} <ul class="feedback-list">{items}</ul> }.into_any()
                }))
            })}
        </Suspense>
    }
}
