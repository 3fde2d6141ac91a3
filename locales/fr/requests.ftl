request-new-title = Soumettre une demande
request-new-coming = La soumission de demandes en ligne arrive bientôt. D'ici là, un agent du 311 prendra votre demande par téléphone, par clavardage ou par courriel.
