## L'énoncé d'accessibilité (/accessibility), lié depuis le pied de chaque page.
accessibility-title = Accessibilité
accessibility-intro = La Ville veut que tout le monde puisse utiliser ce portail, y compris les personnes handicapées, quels que soient l'appareil ou la technologie d'aide utilisés.
accessibility-standard-heading = La norme que nous respectons
accessibility-standard = Ce portail est conçu pour respecter les Règles pour l'accessibilité des contenus Web (WCAG) 2.0, niveau AA, comme l'exigent de la Ville la Loi sur l'accessibilité pour les personnes handicapées de l'Ontario (LAPHO) et ses Normes d'accessibilité intégrées.
accessibility-checked = Chaque page est vérifiée automatiquement pour déceler les problèmes d'accessibilité, en français et en anglais, sur téléphone et sur ordinateur, à chaque modification du portail ; chaque formulaire peut être rempli au clavier seulement et fonctionne sans JavaScript.
accessibility-formats-heading = Un autre format
accessibility-formats = Pour recevoir une page, un avis ou les détails de votre demande dans un autre format (gros caractères, texte simple, audio, braille) ou avec une aide à la communication, composez le { $phone } ou écrivez à { $email }. Nous vous le fournirons sans frais, dans un délai raisonnable qui tient compte de vos besoins.
accessibility-barrier-heading = Signaler un obstacle
accessibility-barrier-intro = Quelque chose sur ce portail vous a-t-il bloqué ou compliqué la tâche ? Dites-nous ce que vous tentiez de faire et à quel endroit. L'équipe responsable du portail lit chaque signalement.
accessibility-barrier-hint = Par exemple : la page, le bouton ou l'étape, et ce qui s'est passé.
accessibility-contact-hint = Une adresse courriel ou un numéro de téléphone, si vous souhaitez une réponse. Laissez vide pour rester anonyme.
accessibility-barrier-send = Envoyer le signalement
accessibility-barrier-thanks-title = Merci
accessibility-barrier-thanks-text = Votre signalement a été transmis à l'équipe responsable du portail. Si vous avez laissé un moyen de vous joindre, elle vous répondra.
