error-not-found-title = Page introuvable
error-not-found-text = Nous n'avons pas trouvé cette page ni ce service. Vérifiez l'adresse ou recommencez à partir de la page d'accueil.
error-internal-title = Un problème est survenu de notre côté
error-internal-text = Vous n'y êtes pour rien. Veuillez réessayer dans quelques minutes ; si le problème persiste, joignez le 311.
error-unavailable-title = Le portail est inaccessible pour le moment
error-unavailable-text = Vérifiez votre connexion et réessayez. Si le problème persiste, joignez le 311.
error-home-link = Aller à la page d'accueil
error-invalid-title = Il y a un problème
error-invalid-text = Corrigez les champs ci-dessous et réessayez.
error-unreadable-title = Nous n'avons pas pu lire ce qui a été envoyé
error-unreadable-text = Le formulaire reçu est incomplet. Rechargez la page et réessayez ; si le problème persiste, joignez le 311.
error-summary-item = { $field } : { $problem }
error-prefix = Erreur :
error-too-many-title = Trop de tentatives
error-too-many-text = Pour votre sécurité, veuillez attendre { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
} avant de réessayer.
error-sign-in-required-title = Veuillez vous connecter
error-sign-in-required-text = Cette page est réservée aux personnes connectées. Connectez-vous ou créez un compte, puis réessayez.
error-sign-in-failed-title = Nous n'avons pas pu vous connecter
error-sign-in-failed-text = L'adresse courriel ou le mot de passe est incorrect. Vérifiez-les et réessayez, ou choisissez un nouveau mot de passe avec « Mot de passe oublié ? ».
error-link-invalid-title = Ce lien ne fonctionne plus
error-link-invalid-text = Il a expiré, a déjà servi ou est incomplet. Demandez-en un nouveau avec « Mot de passe oublié ? » sur la page de connexion.
error-link-invalid-action = Demander un nouveau lien
error-not-online-title = Cette demande ne peut pas encore se faire en ligne
error-not-online-text = Un préposé ou une préposée du Service à la clientèle vous aidera par téléphone, par clavardage ou par courriel.

error-forbidden-title = Cette page est réservée au personnel de la Ville
error-forbidden-text = Votre compte ne peut pas l'ouvrir. Si vous travaillez pour la Ville, connectez-vous avec votre compte du personnel.
error-second-factor-title = Confirmez d'abord votre identité
error-second-factor-text = La console s'ouvre une fois que vous avez entré le code de votre application d'authentification.
error-second-factor-action = Entrer mon code
error-conflict-title = Quelqu'un d'autre a modifié cette demande
error-conflict-text = Un autre membre du personnel a modifié cette demande depuis son ouverture. Rien n'a été enregistré : rechargez la page, puis refaites votre modification.
error-chat-unavailable-title = Le clavardage n'est pas offert en ce moment
error-chat-unavailable-text = Aucun préposé ne peut clavarder pour l’instant. Appelez ou écrivez au 311 : votre demande ne sera pas perdue.
error-chat-ended-title = Cette conversation est terminée
error-chat-ended-text = Elle a été fermée ou transférée. Rien n'a été envoyé.
error-at-capacity-title = Pas de place pour une autre conversation
error-at-capacity-text = Vous (ou la personne choisie) avez déjà le nombre maximal de conversations.
