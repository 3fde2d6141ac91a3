//! Service requests. Submitting one online is the next piece of work (issue 4); until then the page says so
//! and gives the channels that work today.

use crate::components::ComingSoon;
use leptos::prelude::*;

lazy_page!(NewRequestRoute, NewRequestPage);

/// `/requests/new?service=CODE`, where every "Submit a request" button leads.
#[component]
fn NewRequestPage() -> impl IntoView {
    view! { <ComingSoon title="request-new-title" text="request-new-coming"/> }
}
