error-not-found-title = Page not found
error-not-found-text = We could not find this page or service. Check the address, or start again from the home page.
error-internal-title = Something went wrong on our side
error-internal-text = Nothing you did caused this. Please try again in a few minutes; if it keeps happening, contact 311.
error-unavailable-title = The portal cannot be reached
error-unavailable-text = Check your connection and try again. If it keeps happening, contact 311.
error-home-link = Go to the home page
