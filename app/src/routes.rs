//! Every page's address, written once: the route table the router matches, and the builders that pages,
//! redirects, e-mails and text messages use to point at a page. Change an address here and everything that
//! links to it follows.

use crate::requests::model::{DraftId, Reference, Step};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Routes},
    path, Lazy, SsrMode,
};

pub const HOME: &str = "/";
pub const SIGN_IN: &str = "/sign-in";
pub const ACCOUNT: &str = "/account";
pub const REGISTER: &str = "/account/register";
pub const FORGOT_PASSWORD: &str = "/account/forgot";
pub const ACCOUNT_EXPORT: &str = "/account/export";
pub const STAFF: &str = "/staff";
pub const STAFF_FEEDBACK: &str = "/staff/feedback";
/// Staff's second step of signing in: the authenticator's code (enrolment the first time).
pub const TWO_FACTOR: &str = "/staff/verify";
/// The agent's contact page (intake): find the caller, file for them, or log an inquiry.
pub const STAFF_CONTACT: &str = "/staff/contact";
pub const PRIVACY: &str = "/privacy";
pub const ACCESSIBILITY: &str = "/accessibility";
/// The Open311 API's page for developers (the API itself is under `/open311/v2`).
pub const OPEN311: &str = "/open311";
pub const FEEDBACK: &str = "/feedback";
/// Live chat: the resident's conversation, its event stream, "My chats"; the agents' console and its stream.
pub const CHAT: &str = "/chat";
pub const CHAT_EVENTS: &str = "/chat/events";
pub const MY_CHATS: &str = "/chats";
pub const STAFF_CHAT: &str = "/staff/chat";
pub const STAFF_CHAT_EVENTS: &str = "/staff/chat/events";

/// `/search?q=…`
pub fn search(query: &str) -> String {
    format!("/search?q={}", encode(query))
}

pub fn category(code: impl std::fmt::Display) -> String {
    format!("/categories/{code}")
}

pub fn service(code: impl std::fmt::Display) -> String {
    format!("/services/{code}")
}

/// The page that starts a request for a service.
pub fn new_request(service: impl std::fmt::Display) -> String {
    format!("/requests/new?service={service}")
}

/// A step of the wizard.
pub fn draft_step(draft: &DraftId, step: Step) -> String {
    format!("/requests/drafts/{}/{}", draft.as_str(), step.code())
}

/// The agent's one-page form for a request filed on a caller's behalf (intake).
pub fn call_request(draft: &DraftId) -> String {
    format!("{STAFF_CONTACT}/{}", draft.as_str())
}

/// Where the photo step posts its files (`requests::ssr::uploads`).
pub fn draft_uploads(draft: &DraftId) -> String {
    format!("/requests/uploads/{}", draft.as_str())
}

/// "Ma demande de service".
pub fn request(reference: &Reference) -> String {
    format!("/requests/{reference}")
}

pub fn request_survey(reference: &Reference) -> String {
    format!("/requests/{reference}/survey")
}

/// Where "add information" posts (`requests::ssr::updates`).
pub fn request_updates(reference: &Reference) -> String {
    format!("/requests/{reference}/updates")
}

pub fn staff_request(reference: &Reference) -> String {
    format!("/staff/requests/{reference}")
}

/// A photo or file of a request, and its thumbnail.
pub fn file(id: &str) -> String {
    format!("/requests/files/{id}")
}

pub fn thumbnail(id: &str) -> String {
    format!("/requests/files/{id}/thumbnail")
}

/// The sign-in page, coming back to `next` afterwards.
pub fn sign_in_then(next: &str) -> String {
    format!("{SIGN_IN}?next={next}")
}

/// The staff's second step of signing in, going on to `next` afterwards.
pub fn two_factor_then(next: &str) -> String {
    format!("{TWO_FACTOR}?next={}", encode(next))
}

/// The e-mailed link to choose a password.
pub fn set_password(token: &str) -> String {
    format!("/account/password?token={token}")
}

/// The link e-mailed to a new address, to confirm it as the account's.
pub fn confirm_email(token: &str) -> String {
    format!("/account/email?token={token}")
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The pages that fill in a request — the resident's wizard, and the agent's contact page and one-page
/// form — are one lazy chunk: they share the form's pieces (`requests::parts`: the place picker, the
/// questions, the files), and code that two chunks share is moved into the main bundle, which every
/// first visit downloads.
#[component]
fn RequestFormPages() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    match path.strip_prefix(STAFF_CONTACT) {
        Some("" | "/") => view! { <crate::intake::ContactPage/> }.into_any(),
        Some(_) => view! { <crate::intake::CallRequestPage/> }.into_any(),
        None => view! { <crate::requests::WizardPage/> }.into_any(),
    }
}

lazy_page!(RequestFormsRoute, RequestFormPages);

/// Two of the footer's pages — the accessibility statement and the Open311 API's page for developers —
/// are one lazy chunk: each chunk adds about 140 bytes to the loader every first visit downloads.
#[component]
fn FooterPages() -> impl IntoView {
    match leptos_router::hooks::use_location().pathname.get_untracked().as_str() {
        OPEN311 => view! { <crate::open311::Open311Page/> }.into_any(),
        _ => view! { <crate::accessibility::AccessibilityPage/> }.into_any(),
    }
}

lazy_page!(FooterPagesRoute, FooterPages);

/// The route table. Every page waits for its data before the first byte (`SsrMode::Async`), so that a
/// missing service answers 404 rather than 200, and a browser without JavaScript gets the whole page at
/// once. Pages other than home and search are `lazy_page!`s, fetched when opened.
#[component]
pub fn PageRoutes() -> impl IntoView {
    use crate::{accounts, catalogue, chat, errors, feedback, privacy, requests, staff, survey};
    view! {
        <Routes fallback=errors::NotFoundPage>
            <Route path=path!("") view=catalogue::HomePage ssr=SsrMode::Async/>
            <Route path=path!("search") view=catalogue::SearchPage ssr=SsrMode::Async/>
            <Route path=path!("categories/:code") view={Lazy::<catalogue::CategoryRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("services/:code") view={Lazy::<catalogue::ServiceRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("requests/new") view={Lazy::<requests::NewRequestRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("requests/drafts/:draft/:step") view={Lazy::<RequestFormsRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("requests/:reference") view={Lazy::<requests::RequestRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("requests/:reference/survey") view={Lazy::<survey::SurveyRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("staff") view={Lazy::<staff::QueueRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("staff/requests/:reference") view={Lazy::<staff::StaffRequestRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("staff/feedback") view={Lazy::<staff::FeedbackListRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("staff/verify") view={Lazy::<accounts::TwoFactorRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("staff/contact") view={Lazy::<RequestFormsRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("staff/contact/:draft") view={Lazy::<RequestFormsRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("sign-in") view={Lazy::<accounts::SignInRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("account") view={Lazy::<accounts::AccountRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("account/register") view={Lazy::<accounts::RegisterRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("account/forgot") view={Lazy::<accounts::ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("account/password") view={Lazy::<accounts::SetPasswordRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("account/email") view={Lazy::<accounts::ConfirmEmailRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("privacy") view={Lazy::<privacy::PrivacyRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("feedback") view={Lazy::<feedback::FeedbackRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("accessibility") view={Lazy::<FooterPagesRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("open311") view={Lazy::<FooterPagesRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("chat") view={Lazy::<chat::ChatRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("chats") view={Lazy::<chat::ChatRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("staff/chat") view={Lazy::<chat::ChatRoute>::new()} ssr=SsrMode::Async/>
        </Routes>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_built_from_typed_values_and_escape_what_they_carry() {
        let reference = Reference::parse("2026-000042").unwrap();
        assert_eq!(request(&reference), "/requests/2026-000042");
        assert_eq!(request_survey(&reference), "/requests/2026-000042/survey");
        assert_eq!(staff_request(&reference), "/staff/requests/2026-000042");
        let draft = DraftId::parse("abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE").unwrap();
        assert_eq!(draft_step(&draft, Step::Details), format!("/requests/drafts/{}/details", draft.as_str()));
        assert_eq!(call_request(&draft), format!("/staff/contact/{}", draft.as_str()));
        assert_eq!(search("nid de poule & co"), "/search?q=nid+de+poule+%26+co");
        assert_eq!(sign_in_then("/requests/2026-000042"), "/sign-in?next=/requests/2026-000042");
    }
}
