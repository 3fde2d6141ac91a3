# La page d’un service : ce qu’il faut avoir en main, et le bouton qui commence une demande.
service-submit = Soumettre une demande de service
service-prepare = Avant de commencer, ayez en main
service-not-online-title = Cette demande ne peut pas encore être faite en ligne.
service-not-online-text = Joignez le 311 par téléphone, par clavardage ou par courriel : un préposé ou une préposée du Service à la clientèle prendra votre demande.
