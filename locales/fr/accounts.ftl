## Page de connexion
sign-in-forgot = Mot de passe oublié ?
sign-in-new-heading = Première visite sur le portail ?
sign-in-new-text = Il faut un compte pour soumettre une demande en ligne. C'est rapide : nous vous envoyons par courriel un lien pour choisir votre mot de passe.
sign-in-register = Créer un compte

## Champs des formulaires
field-name = Nom complet
field-email = Adresse courriel
field-mobile = Numéro de téléphone cellulaire (facultatif)
field-lang = Langue de nos messages
field-updates-by = Comment voulez-vous recevoir les mises à jour de vos demandes ?
field-password = Mot de passe
field-new-password = Nouveau mot de passe
field-new-email = Nouvelle adresse courriel
field-current-password = Mot de passe actuel
field-confirm-password = Votre mot de passe, pour confirmer
lang-fr = Français
lang-en = English
updates-email = Par courriel
updates-sms = Par message texte
updates-none = Aucune mise à jour

## Inscription
register-title = Créer un compte
register-notice-heading = Pourquoi nous demandons ces renseignements
register-notice = La Ville recueille votre nom, votre adresse courriel et, si vous le fournissez, votre numéro de cellulaire en vertu de la Loi de 2001 sur les municipalités. Ces renseignements forment votre profil de client et servent uniquement à répondre à vos demandes de service et à en assurer le suivi. Pour toute question sur cette collecte :
register-email-hint = Nous enverrons à cette adresse un lien pour choisir votre mot de passe.
register-mobile-hint = Un numéro à 10 chiffres, par exemple 705 555-0123. Nécessaire seulement pour les mises à jour par message texte.
register-updates-hint = Les messages textes commenceront quand vous répondrez OUI à notre message de confirmation. D'ici là, les mises à jour arriveront par courriel.
register-button = Créer mon compte
register-done-heading = Consultez vos courriels
register-done = Nous avons envoyé un message à l'adresse indiquée. Suivez le lien qu'il contient dans les 24 heures pour choisir votre mot de passe. S'il n'arrive pas d'ici quelques minutes, regardez dans vos courriels indésirables.

## Mots de passe
forgot-title = Mot de passe oublié ?
forgot-intro = Entrez l'adresse courriel de votre compte. Nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-button = M'envoyer un lien
forgot-done-heading = Consultez vos courriels
forgot-done = Si un compte est associé à cette adresse, nous y avons envoyé un lien. Le lien fonctionne une seule fois, pendant 24 heures.
password-title = Choisissez votre mot de passe
password-rules = Au moins 12 caractères. Quelques mots dont vous vous souviendrez font un bon mot de passe. Évitez les mots de passe courants, votre nom et votre adresse courriel.
password-texts-to = Les mises à jour par message texte seront envoyées au numéro qui se termine par { $ending }. Ce n'est pas votre numéro ? N'utilisez pas ce lien : inscrivez-vous de nouveau et utilisez le lien du courriel le plus récent.
password-button = Enregistrer mon mot de passe
password-done-heading = Votre mot de passe est enregistré
password-done = Vous pouvez maintenant vous connecter avec votre adresse courriel et ce mot de passe.

## Mon compte
account-title = Mon compte
account-requests-heading = Mes demandes
account-requests-empty = Vous n'avez encore soumis aucune demande.
account-requests-start = Trouver un service
account-followed-heading = Demandes que je suis
account-followed-hint = Vous recevez leurs mises à jour. Cessez de suivre une demande quand vous n'en aurez plus besoin.
account-unfollow = Ne plus suivre
account-unfollowed = Vous ne suivez plus cette demande.
account-profile-heading = Mes renseignements
account-profile-save = Enregistrer mes renseignements
account-profile-saved = Vos renseignements sont enregistrés.
account-sms-pending = Nous avons envoyé un message texte à ce numéro. Répondez OUI pour recevoir les mises à jour par message texte ; d'ici là, elles arriveront par courriel.
account-sms-confirmed = Les mises à jour par message texte sont activées pour ce numéro.
account-sms-stopped = L'envoi de messages textes est interrompu (vous avez répondu ARRÊT). Les mises à jour arrivent par courriel.
account-email-heading = Changer mon adresse courriel
account-email-intro = Nous envoyons un lien à la nouvelle adresse ; elle deviendra celle de votre compte quand vous l'aurez suivi. D'ici là, les messages continuent d'arriver à votre adresse actuelle.
account-email-button = Envoyer le lien
account-email-sent = Consultez la boîte de réception de la nouvelle adresse : suivez le lien que nous y avons envoyé pour la confirmer.
account-password-heading = Changer mon mot de passe
account-password-button = Changer mon mot de passe
account-password-changed = Votre mot de passe a été changé. Vos autres sessions ont été fermées.
account-data-heading = Mes renseignements personnels
account-data-text = Téléchargez tout ce que ce portail conserve à votre sujet, dans un fichier que vous pouvez ouvrir ou garder.
account-data-download = Télécharger mes renseignements
account-close-heading = Fermer mon compte
account-close-text = Votre nom, votre adresse courriel et votre numéro de téléphone seront supprimés. Les demandes que vous avez soumises resteront à la Ville, sans votre nom. Cette action est irréversible.
account-close-button = Fermer mon compte
account-closed = Votre compte est fermé. Merci d'avoir utilisé le portail.
account-sign-out-heading = Se déconnecter
sign-out-button = Se déconnecter
signed-out = Votre session est fermée.
account-devices-heading = Appareils connectés
account-device-unknown = Navigateur inconnu
account-device-this = cet appareil
account-device-times = Connexion le { $signed_in }, dernière utilisation le { $used }
account-devices-sign-out-others = Me déconnecter des autres appareils
account-devices-signed-out = Vos autres appareils sont déconnectés.

## Personnel : la deuxième étape de la connexion
field-code = Code
two-factor-title = Confirmez votre identité
two-factor-enrol-intro = Les comptes du personnel ouvrent les demandes de tous les résidents : la connexion demande donc une deuxième étape, un code d'une application d'authentification sur votre téléphone. À configurer une seule fois :
two-factor-enrol-app = Si votre téléphone n'a pas d'application d'authentification, installez-en une (Microsoft Authenticator, Google Authenticator, FreeOTP ou une autre).
two-factor-enrol-scan = Dans l'application, ajoutez un compte et balayez ce code.
two-factor-qr-label = Code QR qui ajoute le portail à votre application d'authentification
two-factor-enrol-phone = Vous configurez ce téléphone ?
two-factor-enrol-open-app = Ouvrir l'application d'authentification
two-factor-enrol-key = Ou entrez cette clé dans l'application :
two-factor-enrol-code = Entrez le code à six chiffres que l'application affiche pour le portail.
two-factor-verify-intro = Entrez le code à six chiffres que votre application d'authentification affiche pour le portail.
two-factor-code-hint = Six chiffres. Sans votre téléphone, un de vos codes de récupération.
two-factor-button = Confirmer
two-factor-lost = Ni téléphone ni codes de récupération ? Demandez à votre administrateur de réinitialiser votre deuxième étape.
two-factor-codes-heading = Conservez vos codes de récupération
two-factor-codes-text = Chaque code permet de vous connecter une fois sans votre téléphone. Imprimez-les ou gardez-les en lieu sûr : ils ne s'affichent qu'une seule fois.
two-factor-recovery-left = { $count ->
    [one] Vous avez utilisé un code de récupération. Il en reste un : demandez-en bientôt de nouveaux à votre administrateur.
   *[other] Vous avez utilisé un code de récupération. Il en reste { $count }.
}
two-factor-continue = Continuer

## Courriels
mail-greeting = Bonjour { $name },
mail-closing = { $city } – 311
    { $phone } ou { $long_distance } · { $email }
mail-link-fallback = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
# Au-dessus du lien, dans la partie texte d'un courriel.
mail-button-line = { $button } :
mail-welcome-subject = Choisissez votre mot de passe pour le Portail de service à la clientèle
mail-welcome-body = Merci d'avoir créé un compte sur le Portail de service à la clientèle. Suivez le lien ci-dessous pour choisir votre mot de passe. Le lien fonctionne une seule fois, pendant { $hours } heures.
mail-welcome-button = Choisir mon mot de passe
mail-already-subject = Votre compte du Portail de service à la clientèle
mail-already-body = Quelqu'un, probablement vous, a tenté de créer un compte avec cette adresse courriel, qui est déjà associée à un compte. Si vous avez oublié votre mot de passe, suivez le lien ci-dessous pour en choisir un nouveau (il fonctionne une seule fois, pendant { $hours } heures). Si ce n'était pas vous, ignorez ce message.
mail-already-button = Choisir un nouveau mot de passe
mail-reset-subject = Choisissez un nouveau mot de passe pour le Portail de service à la clientèle
mail-reset-body = Nous avons reçu une demande pour choisir un nouveau mot de passe pour votre compte. Suivez le lien ci-dessous ; il fonctionne une seule fois, pendant { $hours } heures. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe n'a pas changé.
mail-reset-button = Choisir un nouveau mot de passe
mail-changed-subject = Le mot de passe de votre compte du Portail de service à la clientèle a été changé
mail-changed-body = Le mot de passe de votre compte du Portail de service à la clientèle vient d'être changé. Si c'était vous, il n'y a rien à faire. Sinon, appelez le { $phone } sans tarder.
mail-changed-button = Se connecter
mail-receipt-subject = Demande { $reference } reçue : { $service }
mail-receipt-body = Nous avons reçu votre demande { $reference } pour « { $service } » au { $address }.

    Un préposé ou une préposée du Service à la clientèle l'examinera et la transmettra à la bonne équipe. Nous vous écrirons quand les travaux commenceront et quand ils seront terminés. Indiquez le numéro { $reference } si vous appelez le { $phone }.

    Comment s'est passée votre demande ? Dites-le-nous dans un court sondage : { $survey }
mail-receipt-button = Voir ma demande

mail-update-subject = Demande { $reference } : du nouveau
mail-update-body = Votre demande { $reference } (« { $service } », { $address }) :

    { $what }
mail-update-button = Voir ma demande

## Messages textes
sms-confirm = { $city } 311 : répondez OUI pour recevoir les mises à jour de vos demandes par message texte. Répondez ARRÊT pour arrêter, AIDE pour de l'aide.
sms-confirmed = { $city } 311 : les mises à jour par message texte sont activées. Répondez ARRÊT pour arrêter en tout temps.
sms-stopped = { $city } 311 : vous ne recevrez plus de messages textes. Les mises à jour arriveront par courriel.
sms-help = { $city } 311 : composez le { $phone } ({ $long_distance }) ou écrivez à { $email }. Répondez ARRÊT pour ne plus recevoir de messages textes.
sms-receipt = { $city } 311 : demande { $reference } reçue ({ $service }, { $address }). Détails : { $link } Une fois la demande réglée, dites-nous comment cela s'est passé : { $survey }
sms-update = { $city } 311 : demande { $reference }. { $what } { $link }

## Ce que les avis annoncent
notify-status = Son état est maintenant : { $status }.
notify-closed = Elle a été fermée : { $reason }.
notify-note = La Ville vous a écrit à son sujet.
# Le mot de la Ville, cité sous ce qui s'est passé.
notify-quote = « { $note } »

mail-chat-subject = Votre clavardage avec le 311 du { $day }
mail-chat-body = Voici, comme demandé, la transcription de votre clavardage avec un préposé ou une préposée du Service à la clientèle le { $day }.

    { $transcript }
mail-chat-button = Voir mes clavardages
mail-confirm-email-subject = Confirmez votre nouvelle adresse courriel pour le Portail de service à la clientèle
mail-confirm-email-body = Vous avez demandé d'utiliser cette adresse pour votre compte du Portail de service à la clientèle. Suivez le lien ci-dessous pour la confirmer ; d'ici là, les messages continuent d'arriver à votre adresse actuelle. Le lien fonctionne une seule fois, pendant { $hours } heures. Si vous n'avez rien demandé, ignorez ce message.
mail-confirm-email-button = Confirmer cette adresse
mail-email-taken-subject = Cette adresse a déjà un compte du Portail de service à la clientèle
mail-email-taken-body = Quelqu'un, probablement vous, a demandé d'associer un autre compte à cette adresse courriel, qui a déjà son propre compte. Une adresse ne peut appartenir qu'à un seul compte. Si vous avez oublié le mot de passe de ce compte, vous pouvez en choisir un nouveau depuis la page de connexion. Si ce n'était pas vous, ignorez ce message.
mail-email-taken-button = Se connecter
mail-email-changed-subject = L'adresse courriel de votre compte du Portail de service à la clientèle a été changée
mail-email-changed-body = L'adresse courriel de votre compte est maintenant { $new } : les messages y seront envoyés désormais. Si c'était vous, il n'y a rien à faire. Sinon, appelez le { $phone } sans tarder.
mail-email-changed-button = Se connecter
## La page qu'ouvre le lien de changement d'adresse courriel.
email-confirm-title = Confirmer ma nouvelle adresse courriel
email-confirm-text = Faire de { $email } l'adresse courriel de votre compte ?
email-confirm-button = Confirmer cette adresse
email-confirmed-heading = Votre adresse courriel est changée
email-confirmed-text = Les messages et la connexion utilisent maintenant votre nouvelle adresse. Nous en avons avisé votre ancienne adresse.
email-confirmed-account = Aller à mon compte
