error-not-found-title = Page introuvable
error-not-found-text = Nous n'avons pas trouvé cette page ni ce service. Vérifiez l'adresse ou recommencez à partir de la page d'accueil.
error-internal-title = Un problème est survenu de notre côté
error-internal-text = Vous n'y êtes pour rien. Veuillez réessayer dans quelques minutes; si le problème persiste, joignez le 311.
error-unavailable-title = Le portail est injoignable
error-unavailable-text = Vérifiez votre connexion et réessayez. Si le problème persiste, joignez le 311.
error-home-link = Aller à la page d'accueil
error-invalid-title = Il y a un problème
error-invalid-text = Corrigez les champs ci-dessous et réessayez.
error-summary-item = { $field } : { $problem }
error-prefix = Erreur :
error-too-many-title = Trop de tentatives
error-too-many-text = Pour votre sécurité, veuillez attendre { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
} avant de réessayer.
error-sign-in-required-title = Veuillez vous connecter
error-sign-in-required-text = Cette page est réservée aux résidents connectés. Connectez-vous ou créez un compte, puis réessayez.
error-sign-in-failed-title = Nous n'avons pas pu vous connecter
error-sign-in-failed-text = L'adresse courriel ou le mot de passe n'est pas le bon. Vérifiez-les et réessayez, ou choisissez un nouveau mot de passe avec « Mot de passe oublié? ».
error-link-invalid-title = Ce lien ne fonctionne plus
error-link-invalid-text = Il a expiré, a déjà servi ou a été coupé. Demandez-en un nouveau avec « Mot de passe oublié? » sur la page de connexion.
problem-required = remplissez ce champ
problem-email-invalid = entrez une adresse courriel comme nom@exemple.com
problem-mobile-invalid = entrez un numéro à 10 chiffres, comme 705-555-0123
problem-mobile-needed-for-sms = entrez un numéro de cellulaire pour recevoir des textos, ou choisissez un autre moyen
problem-name-invalid = entrez votre nom en 100 caractères ou moins
problem-choice-invalid = choisissez une des options
problem-password-too-short = utilisez au moins 12 caractères
problem-password-too-long = utilisez 256 caractères ou moins
problem-password-common = ce mot de passe est trop courant; choisissez quelques mots dont vous vous souviendrez
problem-password-personal = n'utilisez pas votre nom ni votre adresse courriel comme mot de passe
problem-password-wrong = ce n'est pas votre mot de passe actuel
error-link-invalid-action = Demander un nouveau lien
