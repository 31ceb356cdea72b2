"""Dosing: methods propose targets; rounding, splitting and the switch make measurable steps."""
