portal-name = Customer Service Portal
# What search engines show under the portal's name.
meta-description = 311 customer service portal ({ $city }): find a city service, submit a request with photos and follow it, or reach 311 by chat, phone or e-mail.
lang-switch = Français
skip-to-content = Skip to main content
header-nav-label = Language and account
sign-in-link = Sign in or register
footer-nav-label = About this portal
privacy-link = Privacy statement
accessibility-link = Accessibility
open311-link = Open311 API
feedback-link = Help us serve you better
breadcrumbs-label = You are here
breadcrumbs-home = Home
sign-in-title = Sign in or register
# Header links for the signed-in and for staff.
account-link = My account
sign-in-button = Sign in
staff-link = 311 console
