"""The values every ``poskinerja`` command and the panel read the same way.

A quarter is written ``1``, ``I``, ``TW1``, ``TW 1`` or ``Triwulan I`` by different
people; the command line and the panel's settings accept all of them through
``nomor_periode``, so a value the panel takes is never refused on the command line.
"""
from __future__ import annotations

import argparse
import re
from typing import Optional

_ROMAWI = {"I": 1, "II": 2, "III": 3, "IV": 4}
_AWALAN = re.compile(r"^(TRIWULAN|SEMESTER|TW|SMT|S)\s*", re.IGNORECASE)


def nomor_periode(text: object) -> Optional[int]:
    """The number in a quarter or semester label (``"TW 2"``, ``"II"``, ``"semester 1"``, ``2``);
    None when the text is not one."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        return int(text) if text.is_integer() else None
    value = _AWALAN.sub("", str(text or "").strip()).strip().upper()
    if value in _ROMAWI:
        return _ROMAWI[value]
    return int(value) if value.isascii() and value.isdigit() else None


def _periode(text: str, batas: int, nama: str, contoh: str) -> int:
    number = nomor_periode(text)
    if number is None or not 1 <= number <= batas:
        # the wording of kompilasi.periksa_triwulan, which the panel's messages use too
        pilihan = ", ".join(str(n) for n in range(1, batas)) + f" atau {batas}"
        shown = number if number is not None else f"\"{text}\""  # a number as read, anything else as typed
        raise argparse.ArgumentTypeError(f"{nama.capitalize()} {shown} tidak valid; isi {pilihan} (juga {contoh})")
    return number


def triwulan(text: str) -> int:
    """An argparse type: a quarter 1–4 in any of the accepted spellings."""
    return _periode(text, 4, "triwulan", "I–IV, TW1, TW 1")


def semester(text: str) -> int:
    """An argparse type: a semester 1–2 in any of the accepted spellings."""
    return _periode(text, 2, "semester", "I atau II")
