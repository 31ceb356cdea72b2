"""Follow-up: check-ins that re-plan the rest of a taper while what was taken stays."""
