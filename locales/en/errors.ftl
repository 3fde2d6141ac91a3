error-not-found-title = Page not found
error-not-found-text = We could not find this page or service. Check the address, or start again from the home page.
error-internal-title = Something went wrong on our side
error-internal-text = Nothing you did caused this. Please try again in a few minutes; if it keeps happening, contact 311.
error-unavailable-title = The portal cannot be reached
error-unavailable-text = Check your connection and try again. If it keeps happening, contact 311.
error-home-link = Go to the home page
error-invalid-title = There is a problem
error-invalid-text = Correct the fields below and try again.
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
problem-required = fill this in
problem-email-invalid = enter an e-mail address like name@example.com
problem-mobile-invalid = enter a 10-digit phone number, like 705-555-0123
problem-mobile-needed-for-sms = enter a mobile number to receive text messages, or choose another way
problem-name-invalid = enter your name in 100 characters or fewer
problem-choice-invalid = choose one of the options
problem-password-too-short = use at least 12 characters
problem-password-too-long = use 256 characters or fewer
problem-password-common = this password is too common; choose a few words you will remember
problem-password-personal = do not use your name or e-mail address as your password
problem-password-wrong = this is not your current password
error-link-invalid-action = Ask for a new link
