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


# --- the same reading as a spreadsheet formula -----------------------------------------------
# A form shows capaian as a formula, so it must read an entry exactly as ``parse`` does, in Excel
# and LibreOffice under any regional setting. Hence only functions whose result does not depend
# on the locale: text is taken apart by hand and only a run of digits goes through VALUE.
# Without LET, each step lives in its own (hidden) helper cell; ``langkah_excel`` gives them.

LANGKAH_EXCEL = 9  # helper cells per entry, before the value itself
PENANDA_KOSONG = tuple(sorted(m for m in _EMPTY_MARKERS if m))  # the non-empty "no data" markers


def _tanpa_angka(x: str) -> str:
    """``x`` with the ten digits removed: empty exactly when ``x`` is all digits."""
    for d in "0123456789":
        x = f'SUBSTITUTE({x},"{d}","")'
    return x


def _wajar_excel(x: str) -> str:
    """Excel test that number ``x`` may be used: not negative and, where ``parse`` has bounds
    (BATAS_KECIL/BATAS_BESAR), within them."""
    test = f"{x}>=0"
    kecil, besar = globals().get("BATAS_KECIL"), globals().get("BATAS_BESAR")
    if kecil is not None and besar is not None:
        test = f"AND({test},OR({x}=0,AND(ABS({x})>={kecil!r},ABS({x})<={besar!r})))"
    return test


def langkah_excel(r: str, s: list[str], persen: bool, penanda: str) -> list[str]:
    """Formulas of the helper cells ``s[0..8]`` reading the entry in cell ``r``.

    s0 the text cleaned and lower-cased, s1 without "Rp" and "%", s2 without the sign, s3 the part
    before the decimal comma, s4 its digits, s5 the digits after the comma, s6 where the first dot
    of s3 must be, s7 the text's number as ``parse_text`` reads it ("" for a no-data marker, "?" when it is not a number), s8 a stored
    number as kompilasi takes it (``persen``: 85% typed on a %-indicator, 0.85, is 85 when
    0 < value ≤ 1,5, as kompilasi does). ``penanda``: a range holding PENANDA_KOSONG.
    """
    a, b, c, ip, d, f, head = s[:7]
    clean = r
    for ch in ("\u00a0", "\t", "\n", "\r"):  # Python's strip() takes these too; TRIM only spaces
        clean = f'SUBSTITUTE({clean},"{ch}"," ")'
    no_rp = f'IF(LEFT({a},2)="rp",TRIM(MID({a},IF(MID({a},3,1)=".",4,3),999)),{a})'
    # 1.234.567: the digits regrouped by threes from the right must give the text back
    groups = "&".join(f'IF(LEN({d})>={head}+{3 * g},"."&MID({d},{head}+{3 * g - 2},3),"")'
                      for g in range(1, 7))
    is_number = (f'AND(LEN({d})>0,{_tanpa_angka(f"{d}&{f}")}="",'
                 f'OR(NOT(ISNUMBER(FIND(",",{c}))),LEN({f})>0),'
                 f'OR(NOT(ISNUMBER(FIND(".",{ip}))),LEFT({d},{head})&{groups}={ip}))')
    stored = f'IF(AND({r}>0,{r}<=1.5,LEFT(CELL("format",{r}),1)="P"),{r}*100,{r})' if persen else r
    return [
        f'IF(ISTEXT({r}),LOWER(TRIM({clean})),"")',
        f'IF(RIGHT({no_rp},1)="%",TRIM(LEFT({no_rp},LEN({no_rp})-1)),{no_rp})',
        f'IF(OR(LEFT({b},1)="-",LEFT({b},1)="\u2212"),TRIM(MID({b},2,999)),{b})',
        f'IF(ISNUMBER(FIND(",",{c})),LEFT({c},FIND(",",{c})-1),{c})',
        f'SUBSTITUTE({ip},".","")',
        f'IF(ISNUMBER(FIND(",",{c})),MID({c},FIND(",",{c})+1,999),"")',
        f"MOD(LEN({d})+2,3)+1",
        f'IF(OR({a}="",SUMPRODUCT(--({a}={penanda}))>0),"",'
        # IFERROR: hundreds of digits overflow VALUE; kompilasi cannot use such a number either
        f'IF({is_number},IFERROR(IF({c}={b},1,-1)*VALUE({d}&{f})/10^LEN({f}),"?"),"?"))',
        f'IF(AND(ISNUMBER({r}),NOT(ISLOGICAL({r}))),{stored},"")',
    ]


def nilai_excel(r: str, s: list[str]) -> str:
    """The value of entry ``r`` as kompilasi uses it: a number, "" when empty, or the entry as text
    when it cannot be used (so the form can say so). ``s``: the cells of ``langkah_excel``."""
    teks, angka = s[7], s[8]
    # ISLOGICAL first: LibreOffice also calls TRUE a number. CELL "D" (a date typed into the
    # cell) is what Excel reports; LibreOffice says "G" for most date formats.
    return (f'IF(ISERROR({r}),"",IF(ISLOGICAL({r}),{r}&"",IF(ISNUMBER({r}),'
            f'IF(LEFT(CELL("format",{r}),1)="D",{r}&"",IF({_wajar_excel(angka)},{angka},{r}&"")),'
            f'IF(ISTEXT({r}),IF({teks}="","",IF(ISTEXT({teks}),{r},IF({_wajar_excel(teks)},{teks},{r}))),""))))')
