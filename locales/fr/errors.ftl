error-not-found-title = Page introuvable
error-not-found-text = Nous n'avons pas trouvé cette page ni ce service. Vérifiez l'adresse ou recommencez à partir de la page d'accueil.
error-internal-title = Un problème est survenu de notre côté
error-internal-text = Vous n'y êtes pour rien. Veuillez réessayer dans quelques minutes; si le problème persiste, joignez le 311.
error-unavailable-title = Le portail est injoignable
error-unavailable-text = Vérifiez votre connexion et réessayez. Si le problème persiste, joignez le 311.
error-home-link = Aller à la page d'accueil
