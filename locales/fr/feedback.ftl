feedback-title = Aidez-nous à mieux vous servir
feedback-questions = Ce service en ligne est-il facile à utiliser? Comment pouvons-nous l'améliorer? Nous lisons tous les commentaires.
feedback-by-email = Un formulaire en ligne arrive bientôt. D'ici là, envoyez vos commentaires par courriel :
