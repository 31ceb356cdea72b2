"""The guidance panel: findings with one-click fixes, cautions, history and source guidance."""
