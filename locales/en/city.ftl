channels-title = Contact 311
channels-title-ask = Ask a 311 agent
channels-phone = Phone
channels-long-distance = long distance:
channels-chat = Live chat
channels-email = E-mail
channels-email-hours = Any time, 24 hours a day, 7 days a week
out-of-hours-title = Our agents are not available right now.
out-of-hours-urgent = For an urgent problem with municipal infrastructure (roads, water, sewers), or about a dog or a cat, call { $phone }.
weekly-hours = { $first } to { $last }, { $opens } to { $closes }
weekly-hours-all-day = { $first } to { $last }, 24 hours a day
time-hour = { $hour12 } { $pm ->
    [pm] p.m.
   *[am] a.m.
}
time-hour-minute = { $hour12 }:{ $minute } { $pm ->
    [pm] p.m.
   *[am] a.m.
}
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
channels-chat-start = Chat
