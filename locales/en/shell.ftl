portal-name = 311 Portal
lang-switch = Français
skip-to-content = Skip to main content
header-nav-label = Language and account
sign-in-link = Sign in or register
footer-nav-label = About this portal
privacy-link = Privacy statement
feedback-link = Help us serve you better
breadcrumbs-label = You are here
breadcrumbs-home = Home
sign-in-title = Sign in or register
# Header links for the signed-in and for staff.
account-link = My account
sign-in-button = Sign in
staff-link = 311 console
