//! The request pages: the start page, the wizard (one page per step, all sharing [`wizard::Wizard`]'s
//! frame: progress, back link, title), and the request's own page (confirmation, status, timeline).

mod details;
mod files;
mod map;
mod mine;
mod request;
mod review;
mod start;
mod where_;
mod wizard;

pub use mine::MyRequests;
pub use wizard::WizardPage;

/// The wizard's parts that the agent's one-page form (intake) is made of: one set of fields and rules.
pub mod parts {
    pub use super::details::{answer_labels, questions, Description};
    pub use super::files::{files_error, FileUploads};
    pub use super::where_::{address_picker, AddressPicker};
    pub use super::wizard::ForCallerLine;
}
use request::RequestRoutePage;
use start::NewRequestPage;

lazy_page!(NewRequestRoute, NewRequestPage);
lazy_page!(RequestRoute, RequestRoutePage);
