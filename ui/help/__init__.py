"""Help: the offline user guide, opened at the section for the focused field."""
