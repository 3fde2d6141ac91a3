request-new-title = Submit a service request
request-start-title = Submit a request: { $service }
request-start-lead = Tell us where the problem is and what you see. It takes about 3 minutes.
request-start-time = You can go back to any step before you submit. What you enter is kept if you leave and come back within a week.
request-start-button = Start

step-where = Where is it?
step-details = About the problem
step-files = Photos and files
step-review = Check and submit
step-progress = Step { $number } of { $total }
step-for-caller = For: { $name } · { $channel }
step-progress-label = Steps of your request
step-back = Back
step-continue = Continue

field-address = Place
field-place-note = Where exactly? (optional)
field-description = Description
field-files = Photos and files
field-answer = Question { $number }
field-optional = (optional)

where-query-label = Type an address, two streets or a place
where-query-hint = For example, 200 Brady, Brady & Paris, or Bell Park. Then choose from the list.
where-find = Find
where-locate = Use my location
where-found = { $count ->
    [one] 1 place found
   *[other] { $count } places found
}
where-none = No place yet. Type a street name, with or without the civic number, two streets, or the name of a park or building.
where-note-hint = For example: north side, in front of the bus shelter, the pole's number.
where-map-open = Put a pin on the map
map-hint = Move the map until the pin is on the spot: with the buttons under the map, or click or tap the spot. The place appears first in the list below.
map-label = Map, with the pin in the middle
map-controls = Move the map
map-north = Move north
map-south = Move south
map-west = Move west
map-east = Move east
map-closer = Zoom in
map-farther = Zoom out
place-note-line = Where exactly: { $note }
place-near = Near { $address }
place-pin = Point on the map ({ $coordinates })

details-description-hint = What do you see, and exactly where? Do not include personal information about other people.
details-description-count = { $left } characters left (out of { $max })

files-intro = Photos help crews find and fix the problem. You can add them now or skip this step.
files-limits = Up to { $max } files: photos (JPEG, PNG, WebP) or PDF, 10 MB each. Photos are resized, and their location data removed, before we keep them.
files-hint = On a phone, you can take a photo now.
files-upload = Upload
files-uploading = Uploading { $name }
files-failed = { $name } was not added: { $problem }
files-list-label = Files added
files-size-kb = { $kilobytes } kB
files-size = { $megabytes } MB
files-remove = Remove { $name }
files-remove-short = Remove
files-pdf = PDF

review-change = Change
review-files-count = { $count ->
    [0] None
    [one] 1 file
   *[other] { $count } files
}
review-nearby-title = A request for this service is already open nearby
review-nearby-text = Request { $reference } was made on { $date } at { $address }. Crews already know about it. You can still submit yours if it is a different problem.
review-follow = Follow that request instead
review-now = Submit your request
review-declaration = By submitting, you confirm that the information is accurate to the best of your knowledge.
review-submit = Submit a service request
review-sign-in-text = Sign in to submit your request. What you entered is kept: you will come back to this page.

submitted-title = Request received
submitted-reference = Your reference number
submitted-summary = { $service } at { $address }.
submitted-receipt-email = We sent a receipt to your e-mail address.
submitted-receipt-sms = We sent a receipt to your mobile phone by text message.
submitted-receipt-none = You chose not to receive messages from us: note your reference number.
submitted-next-heading = What happens next
submitted-next-text = A 311 agent reviews your request and sends it to the right team. You will get updates when work starts and when it is done. Quote your reference number if you call 311.
following-title = You are following this request
following-text = You did not make a second report of the same problem. We will tell you when work starts and when it is done, as we tell the person who reported it.


request-title = My service request
request-status = Status
request-received = Received on
request-expected-heading = Expected completion
request-expected = By { $date } (working days, holidays excluded)
request-overdue = It was expected by { $date }: it is late. Staff have been alerted.
request-resolved-question = Was the problem resolved?
request-resolved-text = The city marked this request as completed. Tell us whether the problem is really fixed: if not, we reopen it.
request-resolved-answer = Answer
request-files = Your photos and files
request-timeline = What happened
request-survey-heading = How did it go?
request-survey-text = Three quick questions about making this request help us improve the service.
request-survey-answered = Thank you for answering the survey. You can change your answer for 14 days.
request-survey-link = Answer the survey
request-all-mine = All my requests
update-heading = Add information
update-saved = Your information was added. Staff will see it.
update-note-hint = For example: the problem got worse, or where exactly it is. Up to 2,000 characters.
update-files-hint = Up to 3 files: JPEG, PNG, WebP or PDF, 10 MB each.
update-send = Add to my request
