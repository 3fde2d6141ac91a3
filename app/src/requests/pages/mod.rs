//! The request pages: the start page, the wizard (one page per step, all sharing [`wizard::Wizard`]'s
//! frame: progress, back link, title) and the confirmation.

mod details;
mod files;
mod mine;
mod review;
mod start;
mod submitted;
mod where_;
mod wizard;

pub use mine::MyRequests;
use start::NewRequestPage;
use submitted::SubmittedPage;
use wizard::WizardPage;

lazy_page!(NewRequestRoute, NewRequestPage);
lazy_page!(WizardRoute, WizardPage);
lazy_page!(SubmittedRoute, SubmittedPage);
