//! Pieces several features use.

mod file_preview;
mod form;
mod place;

pub use file_preview::FilePreview;
pub use form::{
    action_error, aria, problem_for, Choices, Confirmation, ErrorSummary, FieldFrame, ProblemLine, SelectField,
    SubmitButton, TextArea, TextField,
};
pub use place::{PlaceNoteLine, PlaceText};
