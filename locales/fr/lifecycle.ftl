# Les états d'une demande, les raisons de fermeture et l'historique.
status-received = Reçue
status-under_review = En examen
status-scheduled = Planifiée
status-in_progress = En cours
status-completed = Terminée
status-closed = Fermée

reason-duplicate = doublon d'une autre demande
reason-not_city = ne relève pas de la Ville
reason-no_action = aucune intervention nécessaire
reason-cancelled = annulée

timeline-created = Demande soumise
timeline-status = État : { $status }
timeline-duplicate-of = voir la demande { $reference }
timeline-note-public = Message de la Ville
timeline-note-internal = Note interne
timeline-update = Renseignements ajoutés par le résident
timeline-assigned = Confiée à : { $team }
timeline-filed = Soumise pour la personne par un préposé ou une préposée ({ $channel })
timeline-reopened = Rouverte : le résident indique que le problème n'est pas réglé
timeline-by = par { $name }
timeline-internal = Personnel seulement :
