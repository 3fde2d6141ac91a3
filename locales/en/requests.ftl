request-new-title = Submit a request
request-new-coming = Submitting a request online is coming soon. Until then, a 311 agent will take your request by phone, live chat or e-mail.
