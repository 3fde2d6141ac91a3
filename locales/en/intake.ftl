# Agent intake: the contact page (/staff/contact), and how a request or contact came in.

channel-web = Online
channel-phone = Phone
channel-email = E-mail
channel-counter = Counter (walk-in)
channel-chat = Chat
channel-open311 = App (Open311 API)

intake-title = New contact
intake-today = { $count ->
    [0] No contacts today
    [one] 1 contact today
   *[other] { $count } contacts today
}
intake-today-channel = { $channel }: { $requests } request(s), { $inquiries } inquiry(ies)
intake-find = Find the caller
intake-caller-lang = The caller's language
intake-find-label = Name, phone number or e-mail address
intake-find-hint = One or more words of the name, with or without accents, the whole number, or the start of the e-mail address.
intake-find-button = Find
intake-found-heading = Callers found
intake-found = { $count ->
    [0] Nobody matches. Make a profile below.
    [one] 1 caller matches
   *[other] { $count } callers match
}
intake-serve = Serve { $name }
intake-no-account = No online account
intake-open-requests = Open requests
intake-serving = Serving
intake-existing = This caller already has a profile: here it is, unchanged.
intake-another-caller = Find another caller
intake-file-heading = Submit a service request for them
intake-choose-service = Choose a service
intake-file-button = Start the request
intake-link-heading = Add their e-mail address
intake-link-hint = They can then register with it and find their requests. If they already have an account with this address, this profile joins it.
intake-link-button = Add the address
intake-new-profile = Make a profile
intake-new-profile-text = For a caller who has none. No password: if they register later with the same e-mail address, they will find their requests.
intake-mobile-hint = Text messages start only after they reply OUI or YES.
intake-updates-hint = How they get the receipt and the updates.
intake-create-button = Make the profile
intake-inquiry = Log an inquiry
intake-inquiry-logged = Inquiry logged.
intake-topic-other = Other topic
intake-note-hint = One line if needed; no personal information.
intake-inquiry-button = Log it
intake-outcome-resolved = Answered
intake-outcome-referred = Referred elsewhere
