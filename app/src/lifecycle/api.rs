//! The server function of the resident's page of a request ("Ma demande de service"); the console's are
//! in `staff::api`.

use super::model::RequestPage;
#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

#[server(endpoint = "requests/page", output = Json)]
pub async fn get_request(reference: String) -> Result<RequestPage, AppError> {
    use super::ssr::flows::{self, ResidentPage};
    let (context, caller) = crate::ssr::edge();
    let result = async {
        let session = caller.signed_in()?;
        let reference = crate::requests::model::Reference::find(&reference)?;
        let with = ResidentPage {
            city: &context.city,
            catalogue: &context.catalogue,
            accounts: context.accounts.store.as_ref(),
        };
        let surveyed = context.surveys.survey(&reference).await?.is_some();
        flows::resident_page(with, context.timeline_stores(), &reference, session, surveyed).await
    };
    answer(result.await)
}
