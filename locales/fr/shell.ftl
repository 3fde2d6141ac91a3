portal-name = Portail 311
lang-switch = English
skip-to-content = Passer au contenu principal
header-nav-label = Langue et compte
sign-in-link = Se connecter ou s'inscrire
footer-nav-label = À propos de ce portail
privacy-link = Énoncé de confidentialité
feedback-link = Aidez-nous à mieux vous servir
breadcrumbs-label = Vous êtes ici
breadcrumbs-home = Accueil
sign-in-title = Se connecter ou s'inscrire
# Liens de l’en-tête, une fois connecté, et pour le personnel.
account-link = Mon compte
sign-in-button = Se connecter
staff-link = Console 311
