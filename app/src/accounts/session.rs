//! Who is signed in, as every page sees it. The server reads the session cookie before rendering
//! (`ssr::sessions::resolve`) and hands the answer to the browser with the page; signing in or out in the
//! browser updates it, so the header follows without a reload.

use super::model::SessionUser;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Session(RwSignal<Option<SessionUser>>);

impl Session {
    pub fn provide() -> Session {
        let user = SharedValue::new(|| {
            #[cfg(feature = "ssr")]
            return super::ssr::sessions::request_user();
            #[cfg(not(feature = "ssr"))]
            None
        })
        .into_inner();
        let session = Session(RwSignal::new(user));
        provide_context(session);
        session
    }

    pub fn user(self) -> Option<SessionUser> {
        self.0.get()
    }

    pub fn set(self, user: Option<SessionUser>) {
        self.0.set(user);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
