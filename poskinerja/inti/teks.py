"""Text that cannot go into XML: finding it (for ``periksa-master``) and cleaning it (for every output).

xlsx and docx are XML inside a zip. XML 1.0 forbids the C0 control characters
other than tab, line feed and carriage return, the non-characters U+FFFE and
U+FFFF, and lone surrogates (what Python makes of the undecodable bytes of a
non-UTF-8 file name). One such character in a name makes Word refuse the
whole document or silently drop text around it. Every output cleans text with
``bersihkan`` — the same way everywhere — and ``periksa-master`` reports each
cell that holds one with ``masalah``.

Cleaning drops control characters and non-characters (invisible artefacts of
copy-paste from other systems) and turns a lone surrogate into U+FFFD "�" (it
stands for a byte that was there, e.g. in a file name, so the reader sees that
something was). ``<``, ``&``, quotes and braces are ordinary characters here:
escaping them is the writer's job, and they always come out as typed.
"""
from __future__ import annotations

import re

PENGGANTI = "\ufffd"  # what a lone surrogate becomes
_TERLARANG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NAMA_KENDALI = {0x09: "TAB", 0x0A: "LF", 0x0D: "CR"}


def _ganti(match: re.Match) -> str:
    return PENGGANTI if 0xD800 <= ord(match.group(0)) <= 0xDFFF else ""


def bersihkan(value: str) -> str:
    """``value`` without characters XML cannot hold (lone surrogates become "�")."""
    if not _TERLARANG.search(value):  # the common case costs one scan
        return value
    return _TERLARANG.sub(_ganti, value)


def bersihkan_nilai(value):
    """``bersihkan`` for strings; any other value is returned unchanged."""
    return bersihkan(value) if isinstance(value, str) else value


def _nama(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (bagian surrogate tanpa pasangan)"
    if code in (0xFFFE, 0xFFFF):
        return f"U+{code:04X} (bukan karakter)"
    return f"U+{code:04X} (karakter kendali)"


def masalah(value: str) -> str:
    """Why ``value`` cannot go into XML as typed, in Bahasa Indonesia, or "" when it can.

    Names each offending character once, with its position (1-based), so a user
    can find an invisible character: ``karakter U+0001 (karakter kendali) di posisi 5``.
    """
    found: dict[str, int] = {}
    for match in _TERLARANG.finditer(value):
        found.setdefault(match.group(0), match.start() + 1)
    if not found:
        return ""
    parts = [f"{_nama(char)} di posisi {pos}" for char, pos in found.items()]
    return "karakter " + ", ".join(parts[:5]) + (f", dan {len(parts) - 5} lainnya" if len(parts) > 5 else "")
