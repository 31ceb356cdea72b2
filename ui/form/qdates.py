"""Dates between Python and Qt: the planner speaks datetime.date, the date fields QDate."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def to_qdate(day: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())
