"""Printing and export: one render() for print, preview and PDF, laid out from planner.report."""
