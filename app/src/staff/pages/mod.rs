//! The console's pages: the queue, a request, the portal feedback.

mod feedback;
mod queue;
mod request;

use feedback::FeedbackListPage;
use queue::QueuePage;
use request::StaffRequestPage;

lazy_page!(QueueRoute, QueuePage);
lazy_page!(StaffRequestRoute, StaffRequestPage);
lazy_page!(FeedbackListRoute, FeedbackListPage);
