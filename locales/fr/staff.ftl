# La console du personnel.
staff-queue-title = Demandes à traiter
staff-feedback-link = Lire les commentaires sur le portail
staff-filters = Filtrer les demandes
staff-filter-search = Numéro, adresse ou nom du résident
staff-filter-open = Ouvertes (ni terminées ni fermées)
staff-filter-all = Toutes
staff-filter-any = Tous
staff-filter-any-category = Toutes
staff-filter-category = Catégorie
staff-filter-service = Service
staff-filter-age = Reçue
staff-filter-age-days = il y a plus de { $days } jours
staff-filter-overdue = En retard seulement
staff-filter-attention = Le résident a ajouté des renseignements
staff-filter-channel = Reçue par
staff-filter-apply = Afficher
staff-queue-count = { $count ->
    [0] Aucune demande
    [one] 1 demande
   *[other] { $count } demandes
}, les plus anciennes d'abord
staff-queue-empty = Aucune demande ne correspond à ces filtres.
staff-queue-page = Page { $page } de { $pages }
staff-pagination = Pages
staff-previous = Page précédente
staff-next = Page suivante
staff-attention-update = nouveaux renseignements
staff-attention-reopened = rouverte
staff-overdue = (en retard)
staff-col-reference = Numéro
staff-col-service = Service
staff-col-address = Adresse et résident
staff-col-received = Reçue
staff-col-due = Échéance
staff-request-title = Demande
staff-back-to-queue = Retour aux demandes
staff-address = Adresse
staff-resident = Résident
staff-change-heading = Mettre à jour cette demande
staff-reason-none = (seulement pour fermer)
staff-reason-hint = Obligatoire pour fermer une demande.
staff-duplicate-hint = Pour fermer un doublon : le numéro de l'autre demande, p. ex. 2026-000042.
staff-team-none = Aucune équipe
staff-note-hint = Au plus 2 000 caractères.
staff-visibility-internal = Personnel seulement
staff-visibility-public = Le résident la voit (et en est avisé)
staff-followers-notice = { $count ->
    [one] Une autre personne suit cette demande : une note visible par le résident lui parvient aussi (sans le nom, la description ni les photos de l'auteur).
   *[other] { $count } autres personnes suivent cette demande : une note visible par le résident leur parvient aussi (sans le nom, la description ni les photos de l'auteur).
}
staff-change-save = Enregistrer
staff-feedback-title = Commentaires sur le portail
staff-feedback-empty = Aucun commentaire pour l'instant.
staff-feedback-signed-in = connecté
staff-feedback-anonymous = non connecté
staff-feedback-barrier = Obstacle à l'accessibilité
staff-feedback-contact = Pour lui répondre :
staff-chat-link = Clavardage en direct
staff-contact-link = Nouveau contact
