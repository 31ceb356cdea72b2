"""The application shell: start-up, the main window, menus, settings, undo, recovery, errors."""
