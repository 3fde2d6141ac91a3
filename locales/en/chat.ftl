## Live chat: the resident's page
chat-title = Chat with 311
chat-lead = A 311 agent will answer you here. You do not need an account. You can write your question now, before an agent joins.
chat-unavailable = Live chat is not available right now: no agent can answer. Here is how to reach 311.
chat-email-hint = Optional. The agent can use it to follow up with you.
chat-first-message-hint = Optional: your question, so the agent can read it as soon as they join.
chat-start = Start the chat
chat-send = Send
chat-leave = End the chat
chat-log = Conversation
chat-you = You
chat-note-by = Internal note by { $name }
chat-position = You are number { $position } in line.
chat-wait = Usual wait: about { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
chat-wait-unknown = We cannot estimate the wait yet: an agent will answer as soon as possible.
chat-state-waiting = Waiting for an agent.
chat-state-transferred = Waiting for another agent.
chat-state-active = An agent is with you.
chat-state-closed = This chat has ended.
chat-state-missed = No agent could answer in time.
chat-missed-kept = Your messages are kept: the 311 contact centre will follow up. You can also reach 311 now:
chat-transcript-line = { $at } { $name }: { $text }
chat-event-joined = An agent joined the chat.
chat-event-to-queue = The chat was handed back: another agent will answer.
chat-event-to-agent = Another agent is taking over the chat.
chat-event-closed = The agent ended the chat.
chat-event-left = The chat was ended.
chat-event-missed = No agent could answer in time. Your messages are kept for 311.
chat-event-changed = The chat changed.
chat-rate-title = How did we do?
chat-rating-5 = Very good
chat-rating-4 = Good
chat-rating-3 = Fair
chat-rating-2 = Poor
chat-rating-1 = Very poor
chat-rate-send = Send my rating
chat-rated = Thank you for your rating.
chat-transcript = E-mail me the transcript
chat-transcript-sent = The transcript is on its way to your account's e-mail address.
chat-new = Start a new chat
chat-mine-link = My chats
chat-mine-title = My chats
chat-mine-none = You have not chatted with 311 yet.

## Live chat: the agents' console
desk-title = Live chat
desk-available = Available for chat
desk-available-on = You receive chats (up to { $max } at once).
desk-available-off = You do not receive chats.
desk-figures = Waiting: { $waiting } · In progress: { $active } · Agents available: { $agents } · Median wait today: { $median }
desk-median-unknown = not known yet
desk-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
desk-queue = Queue
desk-queue-empty = Nobody is waiting.
desk-queue-waiting = { $count ->
    [one] One chat is waiting.
   *[other] { $count } chats are waiting.
}
desk-take-next = Take the next chat
desk-col-name = Name
desk-col-lang = Language
desk-col-waited = Waiting for
desk-col-first = First message
desk-chats = My chats
desk-no-chats = You have no chat open.
desk-lang-fr = French
desk-lang-en = English
desk-signed-in = signed in
desk-file-request = Submit a request for them (new tab)
chat-request-filed = Your service request is registered as number { $reference }. You will get updates the way you chose.
desk-signed-out = not signed in
desk-canned = Canned answer
desk-canned-insert = Insert
desk-transfer-to = Hand over to
desk-transfer-queue = The queue
desk-transfer-note = Note for the next agent
desk-transfer = Hand over
desk-close = End the chat
desk-missed = Missed chats
desk-missed-none = No missed chat to follow up.
desk-followed-up = Followed up
desk-new = new message
