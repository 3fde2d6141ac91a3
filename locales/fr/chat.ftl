## Clavardage : la page du résident
chat-title = Clavarder avec le 311
chat-lead = Un préposé ou une préposée du Service à la clientèle vous répondra ici. Aucun compte n’est nécessaire. Vous pouvez écrire votre question dès maintenant, avant qu’un préposé se joigne à vous.
chat-unavailable = Le clavardage n’est pas offert en ce moment : aucun préposé ne peut répondre. Voici comment joindre le 311.
chat-email-hint = Facultatif. Le préposé pourra s’en servir pour faire un suivi.
chat-first-message-hint = Facultatif : votre question, pour que le préposé la lise dès son arrivée.
chat-start = Commencer le clavardage
chat-send = Envoyer
chat-leave = Terminer le clavardage
chat-log = Conversation
chat-you = Vous
chat-note-by = Note interne de { $name }
chat-position = Vous êtes le numéro { $position } dans la file.
chat-wait = Attente habituelle : environ { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
}.
chat-wait-unknown = Nous ne pouvons pas encore estimer l’attente : un préposé vous répondra dès que possible.
chat-state-waiting = En attente d’un préposé.
chat-state-transferred = En attente d’un autre préposé.
chat-state-active = Un préposé est avec vous.
chat-state-closed = Ce clavardage est terminé.
chat-state-missed = Aucun préposé n’a pu répondre à temps.
chat-missed-kept = Vos messages sont conservés : le centre d’appels 311 fera un suivi. Vous pouvez aussi joindre le 311 maintenant :
chat-transcript-line = { $at } { $name } : { $text }
chat-event-joined = Un préposé s’est joint à la conversation.
chat-event-to-queue = La conversation a été remise dans la file : un autre préposé vous répondra.
chat-event-to-agent = Un autre préposé prend la conversation.
chat-event-closed = Le préposé a terminé la conversation.
chat-event-left = La conversation a été terminée.
chat-event-missed = Aucun préposé n’a pu répondre à temps. Vos messages sont conservés pour le 311.
chat-event-changed = La conversation a changé.
chat-rate-title = Qu’avez-vous pensé de ce clavardage ?
chat-rating-5 = Très bien
chat-rating-4 = Bien
chat-rating-3 = Passable
chat-rating-2 = Mal
chat-rating-1 = Très mal
chat-rate-send = Envoyer mon évaluation
chat-rated = Merci de votre évaluation.
chat-transcript = M’envoyer la transcription par courriel
chat-transcript-sent = La transcription a été envoyée à l’adresse courriel de votre compte.
chat-new = Commencer un nouveau clavardage
chat-mine-link = Mes clavardages
chat-mine-title = Mes clavardages
chat-mine-none = Vous n’avez pas encore clavardé avec le 311.

## Clavardage : la console des préposés
desk-title = Clavardage en direct
desk-available = Disponible pour clavarder
desk-available-on = Vous recevez des clavardages (jusqu’à { $max } à la fois).
desk-available-off = Vous ne recevez pas de clavardages.
desk-figures = En attente : { $waiting } · En cours : { $active } · Préposés disponibles : { $agents } · Attente médiane aujourd’hui : { $median }
desk-median-unknown = pas encore connue
desk-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
desk-queue = File d’attente
desk-queue-empty = Personne n’attend.
desk-queue-waiting = { $count ->
    [one] Un clavardage attend.
   *[other] { $count } clavardages attendent.
}
desk-take-next = Prendre le clavardage suivant
desk-col-name = Nom
desk-col-lang = Langue
desk-col-waited = Attend depuis
desk-col-first = Premier message
desk-chats = Mes clavardages
desk-no-chats = Vous n’avez aucun clavardage ouvert.
desk-lang-fr = français
desk-lang-en = anglais
desk-signed-in = connecté au portail
desk-file-request = Soumettre une demande pour cette personne (nouvel onglet)
chat-request-filed = Votre demande de service est enregistrée sous le numéro { $reference }. Vous recevrez les mises à jour comme vous l'avez choisi.
desk-signed-out = sans compte connecté
desk-canned = Réponse type
desk-canned-insert = Insérer
desk-transfer-to = Transférer à
desk-transfer-queue = La file d’attente
desk-transfer-note = Note pour le prochain préposé
desk-transfer = Transférer
desk-close = Terminer le clavardage
desk-missed = Clavardages manqués
desk-missed-none = Aucun clavardage manqué à suivre.
desk-followed-up = Suivi fait
desk-new = nouveau message
