"""Working days: the SOP's time limits (5 days, 2 weeks, 3 days) count them.

Weekends and the holidays listed in the master's ``Libur`` sheet are not
working days.
"""
from __future__ import annotations

import datetime as dt
from typing import Container

ONE_DAY = dt.timedelta(days=1)


def hari_kerja(day: dt.date, libur: Container[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in libur


def berikutnya(day: dt.date, libur: Container[dt.date] = ()) -> dt.date:
    """``day`` itself when it is a working day, else the next working day."""
    while not hari_kerja(day, libur):
        day += ONE_DAY
    return day


def tambah_hari_kerja(start: dt.date, days: int, libur: Container[dt.date] = ()) -> dt.date:
    """The last day of a span of ``days`` working days beginning on ``start``.

    ``tambah_hari_kerja(Monday, 5)`` is that Friday; a start on a weekend or
    holiday begins on the next working day.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day = berikutnya(start, libur)
    counted = 1
    while counted < days:
        day += ONE_DAY
        if hari_kerja(day, libur):
            counted += 1
    return day


def jumlah_hari_kerja(start: dt.date, end: dt.date, libur: Container[dt.date] = ()) -> int:
    """Working days from ``start`` to ``end``, both included (0 when end < start)."""
    count, day = 0, start
    while day <= end:
        count += hari_kerja(day, libur)
        day += ONE_DAY
    return count
