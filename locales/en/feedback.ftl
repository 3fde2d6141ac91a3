feedback-title = Help us serve you better
feedback-questions = Is this online service easy to use? How can we improve it? We read every comment.
feedback-by-email = An online form is coming soon. Until then, send your comments by e-mail:
