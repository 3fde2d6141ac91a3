# The page of a service: what to prepare, and the button that starts a request.
service-submit = Submit a service request
service-prepare = Before you start, have ready
service-not-online-title = This request cannot be made online yet.
service-not-online-text = Contact 311 by phone, live chat or e-mail: an agent will take your request.
