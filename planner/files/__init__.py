"""File formats: plan files, and the schedule as text, JSON, CSV and iCalendar."""
