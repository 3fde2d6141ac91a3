request-new-title = Soumettre une demande de service
request-start-title = Soumettre une demande : { $service }
request-start-lead = Dites-nous où se trouve le problème et ce que vous voyez. Cela prend environ 3 minutes.
request-start-time = Vous pouvez revenir à n'importe quelle étape avant de soumettre votre demande. Ce que vous entrez est conservé si vous partez et revenez dans la semaine.
request-start-button = Commencer

step-where = Où est-ce ?
step-details = Le problème
step-files = Photos et fichiers
step-review = Vérifier et soumettre
step-progress = Étape { $number } de { $total }
step-for-caller = Pour : { $name } · { $channel }
step-progress-label = Étapes de votre demande
step-back = Retour
step-continue = Continuer

field-address = Lieu
field-place-note = Endroit exact (facultatif)
field-description = Description
field-files = Photos et fichiers
field-answer = Question { $number }
field-optional = (facultatif)

where-query-label = Tapez une adresse, deux rues ou un lieu
where-query-hint = Par exemple, 200 Brady, Brady et Paris, ou parc Bell. Choisissez ensuite dans la liste.
where-find = Chercher
where-locate = Utiliser ma position
where-found = { $count ->
    [one] 1 lieu trouvé
   *[other] { $count } lieux trouvés
}
where-none = Aucun lieu pour l'instant. Tapez un nom de rue, avec ou sans le numéro, deux rues, ou le nom d'un parc ou d'un édifice.
where-note-hint = Par exemple : côté nord, devant l'abribus, le numéro du poteau.
where-map-open = Placer un repère sur la carte
map-hint = Déplacez la carte jusqu'à ce que le repère soit sur l'endroit : avec les boutons sous la carte, ou en cliquant ou en touchant l'endroit. Le lieu s'affiche en premier dans la liste ci-dessous.
map-label = Carte, avec le repère au centre
map-controls = Déplacer la carte
map-north = Vers le nord
map-south = Vers le sud
map-west = Vers l'ouest
map-east = Vers l'est
map-closer = Zoom avant
map-farther = Zoom arrière
place-note-line = Endroit exact : { $note }
place-near = Près du { $address }
place-pin = Point sur la carte ({ $coordinates })

details-description-hint = Que voyez-vous, et où exactement ? N'indiquez pas de renseignements personnels sur d'autres personnes.
details-description-count = { $left } caractères restants (sur { $max })

files-intro = Les photos aident les équipes à trouver et à régler le problème. Vous pouvez en ajouter maintenant ou passer cette étape.
files-limits = Jusqu'à { $max } fichiers : photos (JPEG, PNG, WebP) ou PDF, 10 Mo chacun. Les photos sont réduites, et leurs données de localisation retirées, avant d'être conservées.
files-hint = Sur un téléphone, vous pouvez prendre une photo maintenant.
files-upload = Téléverser
files-uploading = Téléversement de { $name }
files-failed = { $name } n'a pas été ajouté : { $problem }
files-list-label = Fichiers ajoutés
files-size-kb = { $kilobytes } Ko
files-size = { $megabytes } Mo
files-remove = Retirer { $name }
files-remove-short = Retirer
files-pdf = PDF

review-change = Modifier
review-files-count = { $count ->
    [0] Aucun
    [one] 1 fichier
   *[other] { $count } fichiers
}
review-nearby-title = Une demande pour ce service est déjà ouverte tout près
review-nearby-text = La demande { $reference } a été faite le { $date } au { $address }. Les équipes sont déjà au courant. Vous pouvez tout de même soumettre la vôtre s'il s'agit d'un autre problème.
review-follow = Suivre plutôt cette demande
review-now = Soumettre votre demande
review-declaration = En soumettant votre demande, vous confirmez qu'à votre connaissance, ces renseignements sont exacts.
review-submit = Soumettre une demande de service
review-sign-in-text = Connectez-vous pour soumettre votre demande. Ce que vous avez entré est conservé : vous reviendrez à cette page.

submitted-title = Demande reçue
submitted-reference = Votre numéro de référence
submitted-summary = { $service } au { $address }.
submitted-receipt-email = Nous avons envoyé un accusé de réception à votre adresse courriel.
submitted-receipt-sms = Nous avons envoyé un accusé de réception à votre cellulaire par message texte.
submitted-receipt-none = Vous avez choisi de ne pas recevoir de messages : notez votre numéro de référence.
submitted-next-heading = La suite
submitted-next-text = Un préposé ou une préposée du Service à la clientèle examinera votre demande et la transmettra à la bonne équipe. Nous vous aviserons quand les travaux commenceront et quand ils seront terminés. Indiquez votre numéro de référence si vous appelez le 311.
following-title = Vous suivez cette demande
following-text = Vous n'avez pas créé de deuxième signalement du même problème. Nous vous aviserons quand les travaux commenceront et quand ils seront terminés, comme la personne qui l'a signalé.


request-title = Ma demande de service
request-status = État
request-received = Reçue le
request-expected-heading = Achèvement prévu
request-expected = D'ici le { $date } (jours ouvrables, jours fériés exclus)
request-overdue = Elle était prévue pour le { $date } : elle est en retard. Le personnel a été averti.
request-resolved-question = Le problème est-il réglé ?
request-resolved-text = La Ville a indiqué que cette demande est terminée. Dites-nous si le problème est vraiment réglé : sinon, nous la rouvrirons.
request-resolved-answer = Répondre
request-files = Vos photos et fichiers
request-timeline = Ce qui s'est passé
request-survey-heading = Comment cela s'est-il passé ?
request-survey-text = Trois questions rapides sur votre demande nous aident à améliorer le service.
request-survey-answered = Merci d'avoir répondu au sondage. Vous pouvez modifier votre réponse pendant 14 jours.
request-survey-link = Répondre au sondage
request-all-mine = Toutes mes demandes
update-heading = Ajouter des renseignements
update-saved = Vos renseignements ont été ajoutés. Le personnel les verra.
update-note-hint = Par exemple : le problème s'est aggravé, ou l'endroit exact. Au plus 2 000 caractères.
update-files-hint = Au plus 3 fichiers : JPEG, PNG, WebP ou PDF, 10 Mo chacun.
update-send = Ajouter à ma demande
