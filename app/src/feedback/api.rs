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
        let (kind, improve) = super::ssr::parse(&easy, &improve)?;
        super::ssr::send(context.feedback.as_ref(), &context.accounts.limits, &caller, kind, improve).await
    };
    answer(result.await)
}

/// A barrier to accessibility, reported from the accessibility statement: kept with the feedback, flagged.
#[server(endpoint = "feedback/barrier", output = Json)]
pub async fn report_barrier(
    #[server(default)] barrier: String,
    #[server(default)] contact: String,
) -> Result<(), AppError> {
    let (context, caller) = crate::ssr::edge();
    let result = async {
        let (kind, what) = super::ssr::parse_barrier(&barrier, &contact)?;
        super::ssr::send(context.feedback.as_ref(), &context.accounts.limits, &caller, kind, what).await
    };
    answer(result.await)
}
