"""The caseload: every plan file in a folder at a glance, from an index rebuilt from the files."""
