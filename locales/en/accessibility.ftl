## The accessibility statement (/accessibility), linked from every page's footer.
accessibility-title = Accessibility
accessibility-intro = The City wants everyone to be able to use this portal, including people with disabilities, whatever device or assistive technology they use.
accessibility-standard-heading = The standard we meet
accessibility-standard = This portal is built to meet the Web Content Accessibility Guidelines (WCAG) 2.0, level AA, as the Accessibility for Ontarians with Disabilities Act (AODA) and its Integrated Accessibility Standards require of the City's websites.
accessibility-checked = Every page is checked automatically for accessibility problems, in French and in English, on a phone and on a computer, each time the portal changes; every form can be filled in with the keyboard alone, and works without JavaScript.
accessibility-formats-heading = Another format
accessibility-formats = To receive a page, a notice or the details of your request in another format (large print, plain text, audio, Braille) or with communication support, call { $phone } or write to { $email }. We will provide it at no cost, in a timely way that takes your needs into account.
accessibility-barrier-heading = Report a barrier
accessibility-barrier-intro = Did something on this portal stop you or make it hard to use? Tell us what you were trying to do and where. The team responsible for the portal reads every report.
accessibility-barrier-hint = For example: the page, the button or the step, and what happened.
accessibility-contact-hint = An e-mail address or a phone number, if you want an answer. Leave it blank to stay anonymous.
accessibility-barrier-send = Send the report
accessibility-barrier-thanks-title = Thank you
accessibility-barrier-thanks-text = Your report was sent to the team responsible for the portal. If you left a way to reach you, they will answer you.
