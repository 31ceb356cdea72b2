"""Taper Planner's test suite; ``python -m tests`` runs it with the linters."""
