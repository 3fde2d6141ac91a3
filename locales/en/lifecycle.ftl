# A request's statuses, closure reasons and timeline.
status-received = Received
status-under_review = Under review
status-scheduled = Scheduled
status-in_progress = In progress
status-completed = Completed
status-closed = Closed

reason-duplicate = duplicate of another request
reason-not_city = not the city's responsibility
reason-no_action = no action needed
reason-cancelled = cancelled

timeline-created = Request submitted
timeline-status = Status: { $status }
timeline-duplicate-of = see request { $reference }
timeline-note-public = Message from the city
timeline-note-internal = Internal note
timeline-update = Information added by the resident
timeline-assigned = Assigned to { $team }
timeline-filed = Filed for the resident by an agent ({ $channel })
timeline-reopened = Reopened: the resident says the problem is not resolved
timeline-by = by { $name }
timeline-internal = Staff only:
