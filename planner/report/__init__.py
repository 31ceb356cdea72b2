"""What printouts say, as plain data: words, tables and the pharmacy summary (no Qt)."""
