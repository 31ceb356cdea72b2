"""Guideline checks: the rules a schedule is read against and the patient's risk, each sourced."""
