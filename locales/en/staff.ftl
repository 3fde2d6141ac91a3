# The staff console.
staff-queue-title = Requests to handle
staff-feedback-link = Read portal feedback
staff-filters = Filter requests
staff-filter-search = Reference, address or resident's name
staff-filter-open = Open (not completed or closed)
staff-filter-all = All
staff-filter-any = Any
staff-filter-any-category = Any
staff-filter-category = Category
staff-filter-service = Service
staff-filter-age = Received
staff-filter-age-days = more than { $days } days ago
staff-filter-overdue = Overdue only
staff-filter-attention = Resident added information
staff-filter-channel = Came in by
staff-filter-apply = Show
staff-queue-count = { $count ->
    [0] No request
    [one] 1 request
   *[other] { $count } requests
}, oldest first
staff-queue-empty = No request matches these filters.
staff-queue-page = Page { $page } of { $pages }
staff-pagination = Pages
staff-previous = Previous page
staff-next = Next page
staff-attention-update = new information
staff-attention-reopened = reopened
staff-overdue = (overdue)
staff-col-reference = Reference
staff-col-service = Service
staff-col-address = Address and resident
staff-col-received = Received
staff-col-due = Due
staff-request-title = Request
staff-back-to-queue = Back to the requests
staff-address = Address
staff-resident = Resident
staff-change-heading = Update this request
staff-reason-none = (only when closing)
staff-reason-hint = Required to close a request.
staff-duplicate-hint = When closing as a duplicate: the other request's reference, e.g. 2026-000042.
staff-team-none = No team
staff-note-hint = Up to 2,000 characters.
staff-visibility-internal = Staff only
staff-visibility-public = The resident sees it (and is notified)
staff-followers-notice = { $count ->
    [one] One other resident follows this request: a note the resident sees reaches them too (without the author's name, description or photos).
   *[other] { $count } other residents follow this request: a note the resident sees reaches them too (without the author's name, description or photos).
}
staff-change-save = Save
staff-feedback-title = Portal feedback
staff-feedback-empty = No feedback yet.
staff-feedback-signed-in = signed in
staff-feedback-anonymous = not signed in
staff-feedback-barrier = Accessibility barrier
staff-feedback-contact = Reach them at:
staff-chat-link = Live chat
staff-contact-link = New contact
