## Sign-in page
sign-in-forgot = Forgot your password?
sign-in-new-heading = New to the portal?
sign-in-new-text = You need an account to submit a request online. It takes a minute: we e-mail you a link to choose your password.
sign-in-register = Create an account

## Form fields
field-name = Full name
field-email = E-mail address
field-mobile = Mobile phone number (optional)
field-lang = Language for our messages
field-updates-by = How would you like to receive updates on your requests?
field-password = Password
field-new-password = New password
field-new-email = New e-mail address
field-current-password = Current password
field-confirm-password = Your password, to confirm
lang-fr = Français
lang-en = English
updates-email = By e-mail
updates-sms = By text message
updates-none = No updates

## Registration
register-title = Create an account
register-notice-heading = Why we ask for this information
register-notice = The City collects your name, e-mail address and, if you give it, your mobile number under the authority of the Municipal Act, 2001. It builds your customer profile and is used only to answer and follow up on your service requests. Questions about this collection go to:
register-email-hint = We will send a link to this address so you can choose your password.
register-mobile-hint = A 10-digit number, for example 705-555-0123. Needed only for text-message updates.
register-updates-hint = Text messages start once you reply OUI or YES to our confirmation text. Until then, updates come by e-mail.
register-button = Create my account
register-done-heading = Check your e-mail
register-done = We have sent a message to the address you gave. Follow its link within 24 hours to choose your password. If it does not arrive in a few minutes, look in your junk mail folder.

## Passwords
forgot-title = Forgot your password?
forgot-intro = Enter the e-mail address of your account. We will send you a link to choose a new password.
forgot-button = Send me a link
forgot-done-heading = Check your e-mail
forgot-done = If an account uses this address, we have sent it a link. The link works once, for 24 hours.
password-title = Choose your password
password-rules = At least 12 characters. A few words you will remember make a good password. Avoid common passwords and your name or e-mail address.
password-texts-to = Text-message updates will go to the number ending in { $ending }. Not your number? Do not use this link: register again, and use the link in the newest e-mail.
password-button = Save my password
password-done-heading = Your password is saved
password-done = You can now sign in with your e-mail address and this password.

## My account
account-title = My account
account-requests-heading = My requests
account-requests-empty = You have not submitted any requests yet.
account-requests-start = Find a service
account-followed-heading = Requests I follow
account-followed-hint = You receive their updates. Stop following one when you no longer need them.
account-unfollow = Stop following
account-unfollowed = You no longer follow that request.
account-profile-heading = My information
account-profile-save = Save my information
account-profile-saved = Your information is saved.
account-sms-pending = We sent a text message to this number. Reply OUI or YES to receive updates by text; until then, they come by e-mail.
account-sms-confirmed = Text-message updates are on for this number.
account-sms-stopped = Text messages are stopped (you replied STOP). Updates come by e-mail.
account-email-heading = Change my e-mail address
account-email-intro = We send a link to the new address; it becomes your account's once you follow it. Until then, messages keep going to your current address.
account-email-button = Send the link
account-email-sent = Check the new address's inbox: follow the link we sent there to confirm it.
account-password-heading = Change my password
account-password-button = Change my password
account-password-changed = Your password is changed. You were signed out everywhere else.
account-data-heading = My personal information
account-data-text = Download everything this portal holds about you, in a file you can open or keep.
account-data-download = Download my information
account-close-heading = Close my account
account-close-text = Your name, e-mail address and phone number are removed. Requests you submitted stay with the City, without your name. This cannot be undone.
account-close-button = Close my account
account-closed = Your account is closed. Thank you for using the portal.
account-sign-out-heading = Sign out
sign-out-button = Sign out
signed-out = You are signed out.
account-devices-heading = Signed-in devices
account-device-unknown = Unknown browser
account-device-this = this device
account-device-times = Signed in { $signed_in }, last used { $used }
account-devices-sign-out-others = Sign out of the other devices
account-devices-signed-out = Your other devices are signed out.

## Staff: the second step of signing in
field-code = Code
two-factor-title = Confirm it's you
two-factor-enrol-intro = Staff accounts open every resident's requests, so signing in takes a second step: a code from an authenticator app on your phone. Set it up once:
two-factor-enrol-app = If your phone has no authenticator app, install one (Microsoft Authenticator, Google Authenticator, FreeOTP or another).
two-factor-enrol-scan = In the app, add an account and scan this code.
two-factor-qr-label = QR code that adds the portal to your authenticator app
two-factor-enrol-phone = Setting it up on this phone?
two-factor-enrol-open-app = Open the authenticator app
two-factor-enrol-key = Or type this key in the app:
two-factor-enrol-code = Type the six-digit code the app shows for the portal.
two-factor-verify-intro = Type the six-digit code your authenticator app shows for the portal.
two-factor-code-hint = Six digits. Without your phone, one of your recovery codes.
two-factor-button = Confirm
two-factor-lost = No phone and no recovery codes? Ask your administrator to reset your second step.
two-factor-codes-heading = Save your recovery codes
two-factor-codes-text = Each code lets you sign in once without your phone. Print them or keep them somewhere safe: this is the only time they are shown.
two-factor-recovery-left = { $count ->
    [one] You used a recovery code. One is left: ask your administrator for new ones soon.
   *[other] You used a recovery code. { $count } are left.
}
two-factor-continue = Continue

## E-mails
mail-greeting = Hello { $name },
mail-closing = { $city } – 311
    { $phone } or { $long_distance } · { $email }
mail-link-fallback = If the button does not work, copy this address into your browser:
# Above the link, in the plain-text part of an e-mail.
mail-button-line = { $button }:
mail-welcome-subject = Choose your password for the Customer Service Portal
mail-welcome-body = Thank you for creating an account on the Customer Service Portal. Follow the link below to choose your password. The link works once, for { $hours } hours.
mail-welcome-button = Choose my password
mail-already-subject = Your Customer Service Portal account
mail-already-body = Someone, probably you, tried to create an account with this e-mail address, which already has one. If you forgot your password, follow the link below to choose a new one (it works once, for { $hours } hours). If it was not you, you can ignore this message.
mail-already-button = Choose a new password
mail-reset-subject = Choose a new password for the Customer Service Portal
mail-reset-body = We received a request to choose a new password for your account. Follow the link below; it works once, for { $hours } hours. If you did not ask, you can ignore this message: your password has not changed.
mail-reset-button = Choose a new password
mail-changed-subject = Your Customer Service Portal password was changed
mail-changed-body = The password of your Customer Service Portal account was just changed. If it was you, there is nothing to do. If it was not, call { $phone } right away.
mail-changed-button = Sign in
mail-receipt-subject = Request { $reference } received: { $service }
mail-receipt-body = We received your request { $reference } for { $service } at { $address }.

    A 311 agent reviews it and sends it to the right team. We will write when work starts and when it is done. Quote { $reference } if you call { $phone }.

    How was it to make this request? Tell us in a short survey: { $survey }
mail-receipt-button = See my request

mail-update-subject = Request { $reference }: an update
mail-update-body = Your request { $reference } ({ $service }, { $address }):

    { $what }
mail-update-button = See my request

## Text messages
sms-confirm = { $city } 311: reply OUI or YES to receive updates on your requests by text. Reply STOP to stop, HELP for help.
sms-confirmed = { $city } 311: text-message updates are on. Reply STOP to stop at any time.
sms-stopped = { $city } 311: you will no longer receive text messages. Updates will come by e-mail.
sms-help = { $city } 311: call { $phone } ({ $long_distance }) or write to { $email }. Reply STOP to stop texts.
sms-receipt = { $city } 311: request { $reference } received ({ $service }, { $address }). Details: { $link } Once it is done, tell us how it went: { $survey }
sms-update = { $city } 311: request { $reference }. { $what } { $link }

## What notifications say happened
notify-status = Its status is now: { $status }.
notify-closed = It was closed: { $reason }.
notify-note = The city wrote to you about it.
# The city's words, quoted under what happened.
notify-quote = “{ $note }”

mail-chat-subject = Your chat with 311 on { $day }
mail-chat-body = Here is the transcript of your chat with a 311 agent on { $day }, as you asked.

    { $transcript }
mail-chat-button = See my chats
mail-confirm-email-subject = Confirm your new e-mail address for the Customer Service Portal
mail-confirm-email-body = You asked to use this address for your Customer Service Portal account. Follow the link below to confirm it; until then, messages keep going to your current address. The link works once, for { $hours } hours. If you did not ask for this, you can ignore this message.
mail-confirm-email-button = Confirm this address
mail-email-taken-subject = This address already has a Customer Service Portal account
mail-email-taken-body = Someone, probably you, asked to move another account to this e-mail address, which already has an account of its own. An address can belong to one account only. If you forgot this account's password, you can choose a new one from the sign-in page. If it was not you, you can ignore this message.
mail-email-taken-button = Sign in
mail-email-changed-subject = Your Customer Service Portal e-mail address was changed
mail-email-changed-body = Your account's e-mail address is now { $new }: messages will go there from now on. If it was you, there is nothing to do. If it was not, call { $phone } right away.
mail-email-changed-button = Sign in
## The page an e-mail change link opens.
email-confirm-title = Confirm my new e-mail address
email-confirm-text = Make { $email } your account's e-mail address?
email-confirm-button = Confirm this address
email-confirmed-heading = Your e-mail address is changed
email-confirmed-text = Messages and sign-in now use your new address. We told your old address.
email-confirmed-account = Go to my account
