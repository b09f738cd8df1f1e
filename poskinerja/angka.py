"""Reading what people type into numbers, the Indonesian way, never guessing.

Numbers stored by Excel or LibreOffice are taken as they are (xlsx stores them
locale-free). Only text needs parsing, with decimal comma and thousands dot:
``85,5``, ``1.250``, ``1.250.000,75``, ``Rp 1.250.000``, ``85%``, `` 90 ``.
Markers of "no data" (``-``, ``n/a``, ``belum ada``, blank) are empty, not zero.
Anything else is ``tidak_valid``: reported, never turned into a number.
So is a number outside sane bounds (see ``BATAS_BESAR``): infinity, 1e308 or
400 typed nines never reach a sum, an average or a workbook writer.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any, Optional

from .model import BULAN

OK = "ok"
KOSONG = "kosong"
TIDAK_VALID = "tidak_valid"

_EMPTY_MARKERS = {
    "", "-", "–", "—", "n/a", "na", "#n/a", "belum ada", "belum ada data", "tidak ada data",
    "belum", "kosong", "nihil data",
}
# 1.250.000,75 (thousands dots, optional decimal comma) or 1250,75 or 1250
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
_CURRENCY = re.compile(r"^rp\.?\s*", re.IGNORECASE)

# Sane bounds for any number typed into a form or a master. Excel keeps 15
# significant digits, so nothing above 10^15 is stored exactly; the largest
# real figure (a ministry's pagu) is about 10^14 rupiah. The smallest non-zero
# magnitude keeps ratios finite: capaian divides by target and, for negative
# polarity, by realisasi, so 10^15 / 10^-9 × 100 stays far below overflow.
BATAS_BESAR = 1e15
BATAS_KECIL = 1e-9
ALASAN_BATAS = "nilai mutlak paling besar 10^15 dan, selain nol, paling kecil 10^-9"


@dataclass(frozen=True)
class Angka:
    """A parsed cell: ``nilai`` is set only when ``status`` is ``ok``."""
    nilai: Optional[float]
    status: str
    mentah: str = ""  # the raw text, kept for audit
    alasan: str = ""  # why a value is tidak_valid, when it is more than "not a number"


def wajar(value: float) -> bool:
    """True when ``value`` is finite and within the sane bounds above."""
    return math.isfinite(value) and (value == 0 or BATAS_KECIL <= abs(value) <= BATAS_BESAR)


def _checked(value: float, raw: str) -> Angka:
    if not wajar(value):
        return Angka(None, TIDAK_VALID, raw, ALASAN_BATAS)
    return Angka(value, OK, raw)


def parse(value: Any) -> Angka:
    """Parse one cell value as read from a workbook."""
    if value is None:
        return Angka(None, KOSONG)
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return Angka(None, TIDAK_VALID, str(value))
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float
            return Angka(None, TIDAK_VALID, str(value), ALASAN_BATAS)
        checked = _checked(number, "")
        return checked if checked.status == OK else Angka(None, TIDAK_VALID, str(value), ALASAN_BATAS)
    text = str(value)
    return parse_text(text)


def parse_text(text: str) -> Angka:
    """Parse text typed by a person with Indonesian conventions."""
    raw = text
    s = text.replace("\u00a0", " ").strip()
    if s.lower() in _EMPTY_MARKERS:
        return Angka(None, KOSONG, raw)
    s = _CURRENCY.sub("", s)
    if s.endswith("%"):
        s = s[:-1].rstrip()
    sign = 1.0
    if s[:1] in ("-", "−"):
        sign, s = -1.0, s[1:].lstrip()
    if _THOUSANDS.fullmatch(s) or _PLAIN.fullmatch(s):
        number = float(s.replace(".", "").replace(",", "."))  # 400 digits give inf, caught below
        return _checked(sign * number, raw)
    return Angka(None, TIDAK_VALID, raw)


def format_id(value: Optional[float], decimals: int = 2, trim: bool = True) -> str:
    """Format a number the Indonesian way: ``1.250.000,5``. Empty for None."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_persen(value: Optional[float], decimals: int = 1) -> str:
    """``87,5%``; empty for None."""
    return "" if value is None else f"{format_id(value, decimals)}%"


def format_rupiah(value: Optional[float]) -> str:
    """``Rp 1.250.000`` (rounded to the rupiah)."""
    return "" if value is None else f"Rp {format_id(round(value), 0)}"


_BULAN_NAMA = {name.lower(): i for i, name in enumerate(BULAN, start=1)}
_DATE_DMY = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_WORDS = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")


def parse_tanggal(value: Any) -> Optional[dt.date]:
    """A date cell or text (``10/04/2026``, ``2026-04-10``, ``10 April 2026``).

    Returns None when the value is not a date; numbers are not taken as
    serial dates (a typed number is never guessed to be a date).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    try:
        if m := _DATE_ISO.fullmatch(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DATE_DMY.fullmatch(s):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _DATE_WORDS.fullmatch(s)) and m[2].lower() in _BULAN_NAMA:
            return dt.date(int(m[3]), _BULAN_NAMA[m[2].lower()], int(m[1]))
    except ValueError:
        return None
    return None


def format_tanggal(value: Optional[dt.date]) -> str:
    """``23 November 2026``."""
    if value is None:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
