//! The feedback form's server function: the edge.

#[cfg(feature = "ssr")]
use crate::errors::answer;
use crate::errors::{AppError, Json};
use leptos::prelude::*;

#[server(endpoint = "feedback/send", output = Json)]
pub async fn send_feedback(
    #[server(default)] easy: String,
    #[server(default)] improve: String,
) -> Result<(), AppError> {
    let (context, caller) = crate::ssr::edge();
    let result = async {
        let form = super::ssr::parse(&easy, &improve)?;
        super::ssr::send(context.feedback.as_ref(), &context.accounts.limits, &caller, form).await
    };
    answer(result.await)
}
