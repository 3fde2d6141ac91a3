home-title = Chercher les demandes communes
home-heading = Comment pouvons-nous vous aider ?
search-title = Résultats de recherche
search-heading = Chercher dans nos services
home-search-label = Chercher les demandes communes
search-label = Décrivez le problème ou le service dont vous avez besoin
search-hint = Par exemple : nid-de-poule, lampadaire brisé, chien qui jappe, bac vert non ramassé
search-button = Chercher
search-count = { $count ->
    [one] 1 service correspond à « { $query } »
   *[other] { $count } services correspondent à « { $query } »
}
search-none = Aucun service ne correspond à « { $query } »
search-none-help = Essayez d'autres mots, parcourez les catégories ou joignez le 311 : nous trouverons le bon service avec vous.
common-heading = Demandes communes
categories-heading = Parcourir par catégorie
service-not-online-tag = Non offert en ligne
