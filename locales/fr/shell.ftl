portal-name = Portail de service à la clientèle
# Ce que les moteurs de recherche affichent sous le nom du portail.
meta-description = Portail 311 ({ $city }) : trouvez un service, soumettez une demande avec photos et suivez-la, ou joignez le 311 par clavardage, téléphone ou courriel.
lang-switch = English
skip-to-content = Passer au contenu principal
header-nav-label = Langue et compte
sign-in-link = Se connecter ou s'inscrire
footer-nav-label = À propos de ce portail
privacy-link = Énoncé de confidentialité
accessibility-link = Accessibilité
open311-link = API Open311
feedback-link = Aidez-nous à mieux vous servir
breadcrumbs-label = Vous êtes ici
breadcrumbs-home = Accueil
sign-in-title = Se connecter ou s'inscrire
# Liens de l’en-tête, une fois connecté, et pour le personnel.
account-link = Mon compte
sign-in-button = Se connecter
staff-link = Console 311
