# Agent intake: the contact page (/staff/contact), and how a request or contact came in.

channel-web = En ligne
channel-phone = Téléphone
channel-email = Courriel
channel-counter = Comptoir (en personne)
channel-chat = Clavardage
channel-open311 = Application (API Open311)

intake-title = Nouveau contact
intake-today = { $count ->
    [0] Aucun contact aujourd'hui
    [one] 1 contact aujourd'hui
   *[other] { $count } contacts aujourd'hui
}
intake-today-channel = { $channel } : { $requests } demande(s), { $inquiries } renseignement(s)
intake-find = Trouver la personne
intake-caller-lang = Langue de la personne
intake-find-label = Nom, numéro de téléphone ou adresse courriel
intake-find-hint = Un ou plusieurs mots du nom, avec ou sans accents, le numéro complet, ou le début de l'adresse courriel.
intake-find-button = Chercher
intake-found-heading = Personnes trouvées
intake-found = { $count ->
    [0] Personne ne correspond. Créez un profil ci-dessous.
    [one] 1 personne correspond
   *[other] { $count } personnes correspondent
}
intake-serve = Servir { $name }
intake-no-account = Sans compte en ligne
intake-open-requests = Demandes en cours
intake-serving = Personne servie
intake-existing = Cette personne a déjà un profil : le voici, inchangé.
intake-another-caller = Chercher une autre personne
intake-file-heading = Soumettre une demande de service pour elle
intake-choose-service = Choisissez un service
intake-file-button = Commencer la demande
intake-link-heading = Ajouter son adresse courriel
intake-link-hint = Elle pourra s'inscrire avec cette adresse et retrouver ses demandes. Si elle a déjà un compte avec cette adresse, ce profil s'y joint.
intake-link-button = Ajouter l'adresse
intake-new-profile = Créer un profil
intake-new-profile-text = Pour une personne qui n'a pas de profil. Aucun mot de passe : si elle s'inscrit plus tard avec la même adresse courriel, elle retrouvera ses demandes.
intake-mobile-hint = Les messages textes ne commencent qu'après sa réponse OUI.
intake-updates-hint = Comment elle recevra l'accusé de réception et les mises à jour.
intake-create-button = Créer le profil
intake-inquiry = Consigner un renseignement
intake-inquiry-logged = Renseignement consigné.
intake-topic-other = Autre sujet
intake-note-hint = Une ligne, au besoin ; pas de renseignements personnels.
intake-inquiry-button = Consigner
intake-outcome-resolved = Réponse donnée
intake-outcome-referred = Dirigée ailleurs
