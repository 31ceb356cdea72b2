"""The caseload window: every plan in a folder, filtered, sorted and searched."""
