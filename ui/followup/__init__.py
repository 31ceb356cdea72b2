"""Follow-up in the window: the check-in dialog and the actions that record check-ins."""
