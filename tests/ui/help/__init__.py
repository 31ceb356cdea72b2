"""Tests for ui.help."""
