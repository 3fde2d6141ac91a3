//! Residents' accounts. Registration and sign-in are issue 3; the header's link already leads here.

use crate::components::ComingSoon;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    view! { <ComingSoon title="sign-in-title" text="sign-in-coming"/> }
}
