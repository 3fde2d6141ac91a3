error-not-found-title = Page not found
error-not-found-text = We could not find this page or service. Check the address, or start again from the home page.
error-internal-title = Something went wrong on our side
error-internal-text = Nothing you did caused this. Please try again in a few minutes; if it keeps happening, contact 311.
error-unavailable-title = The portal cannot be reached
error-unavailable-text = Check your connection and try again. If it keeps happening, contact 311.
error-home-link = Go to the home page
error-invalid-title = There is a problem
error-invalid-text = Correct the fields below and try again.
error-unreadable-title = We could not read what was sent
error-unreadable-text = The form did not arrive whole. Reload the page and try again; if it keeps happening, contact 311.
error-summary-item = { $field }: { $problem }
error-prefix = Error:
error-too-many-title = Too many attempts
error-too-many-text = For your security, please wait { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
} before trying again.
error-sign-in-required-title = Please sign in
error-sign-in-required-text = This page is for signed-in residents. Sign in, or create an account, and try again.
error-sign-in-failed-title = We could not sign you in
error-sign-in-failed-text = The e-mail address or the password is not right. Check them and try again, or choose a new password with "Forgot your password?".
error-link-invalid-title = This link no longer works
error-link-invalid-text = It has expired, was already used, or was cut off. Ask for a new one with "Forgot your password?" on the sign-in page.
error-link-invalid-action = Ask for a new link
error-not-online-title = This cannot be requested online yet
error-not-online-text = A 311 agent will help you by phone, live chat or e-mail.

error-forbidden-title = This page is for city staff
error-forbidden-text = Your account cannot open it. If you work for the city, sign in with your staff account.
error-second-factor-title = Confirm it's you first
error-second-factor-text = The console opens once you type the code from your authenticator app.
error-second-factor-action = Type my code
error-conflict-title = Someone else changed this request
error-conflict-text = Another staff member updated this request after you opened it. Nothing was saved: reload the page to see their change, then make yours again.
error-chat-unavailable-title = Live chat is not available right now
error-chat-unavailable-text = No agent can answer a chat at the moment. Call or write to 311: your request will not be lost.
error-chat-ended-title = This chat has ended
error-chat-ended-text = It was closed or has moved on. Nothing was sent.
error-at-capacity-title = No room for another chat
error-at-capacity-text = You (or the colleague you chose) already have as many chats as allowed.
