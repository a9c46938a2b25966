"""The UI's language: translators, shared texts, labels in the coach's language."""
