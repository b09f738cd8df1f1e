"""The service's root folder: every path a request names is taken inside it, or refused.

A panel sent to ``poskinerja layani`` carries paths typed by whoever sent it.
Before a button runs, the path cells of the payload (master, folder formulir
terkumpul, folder keluaran) are replaced by absolute paths inside the root:

- read as typed: no environment variables, no ``~`` (the button handler would
  expand ``$VAR``/``%VAR%``, so a path still holding ``$`` or ``%`` is refused);
- relative to the root; an absolute path only when it lies inside the root;
- normalised with symlinks followed, then checked: ``..`` or a link that leaves
  the root is refused with one message whether or not the target exists, so the
  reply reveals nothing about the server's files.

The book's own name is cut to its last component too, since the handlers read
relative paths from the folder of ``book.fullname``.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Optional

from .tombol import SEL
from ..berkas.xlsx_baca import text as _teks
from ..inti.galat import PoskinerjaGagal

# the named cells holding paths, and the label the coordinator sees beside each
SEL_JALUR = {SEL[key][0].lower(): SEL[key][1] for key in ("master", "masuk", "keluar")}

_ALAMAT = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_TAMPIL = 120  # characters of the typed path repeated in a message


class JalurDitolak(PoskinerjaGagal):
    """A path in the request is not usable on this service (message in Bahasa Indonesia)."""


def jalur_dalam_akar(teks: str, akar: Path, label: str) -> Path:
    """The absolute path ``teks`` names inside ``akar`` (already resolved), or JalurDitolak."""
    typed = teks.strip().strip('"').strip()
    shown = typed if len(typed) <= _TAMPIL else typed[:_TAMPIL] + "…"
    if "$" in typed or "%" in typed or typed.startswith("~"):
        raise JalurDitolak(f"Jalur di sel \"{label}\" ({shown}) memuat tanda $, % atau ~. Layanan membaca jalur "
                           "apa adanya, tanpa variabel lingkungan. Tulis jalur relatif terhadap folder layanan, "
                           "mis. 2026/master.xlsx, lalu klik lagi.")
    luar = JalurDitolak(f"Jalur di sel \"{label}\" ({shown}) berada di luar folder layanan. Di Excel web/Mac, jalur "
                        "ditulis relatif terhadap folder layanan (mis. 2026/master.xlsx atau 2026/keluaran); "
                        "tanyakan kepada pengelola layanan bila ragu, lalu klik lagi.")
    if os.sep == "/":
        # Windows-style paths typed on a PC: separators become "/", and a drive or UNC path
        # names a place this server does not have
        typed = typed.replace("\\", "/")
        if _DRIVE.match(typed) or typed.startswith("//"):
            raise luar
    if "\x00" in typed:
        raise luar
    try:
        path = Path(typed)
        real = (path if path.is_absolute() else akar / path).resolve()
    except (OSError, ValueError, RuntimeError):  # a symlink loop, a name the OS refuses
        raise luar from None
    if not real.is_relative_to(akar):
        raise luar
    if "$" in str(real) or "%" in str(real):  # a link whose target holds them: see the module note
        raise luar
    return real


def batasi_ke_akar(payload: dict[str, Any], akar: Path) -> None:
    """Rewrite the payload's path cells to absolute paths inside ``akar``; JalurDitolak if one is not.

    Every defined name of a path setting is followed (any scope, any case), so the handler
    finds only checked paths whichever entry it reads. Empty cells stay empty (the handler
    asks for them)."""
    book = payload.get("book")
    if isinstance(book, dict) and isinstance(book.get("name"), str):
        book["name"] = re.split(r"[\\/]", book["name"])[-1]
    sheets = payload["sheets"]
    for entry in payload.get("names") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        label = SEL_JALUR.get(entry["name"].split("!")[-1].lower())
        if label is None:
            continue
        cell = _sel(entry, sheets)
        if cell is None:
            raise JalurDitolak(f"Sel \"{label}\" di buku kerja ini tidak menunjuk satu sel. Bangun ulang panel "
                               "dengan: poskinerja panel --master MASTER --keluar FILE.xlsm")
        row, col = cell
        values = sheets[entry["sheet_index"]]["values"]
        if row >= len(values) or not isinstance(values[row], list) or col >= len(values[row]):
            continue  # outside the sent values: the handler reads it as empty
        typed = _teks(values[row][col]) if not isinstance(values[row][col], (dict, list)) else None
        if typed is None:
            raise JalurDitolak(f"Sel \"{label}\" berisi nilai yang bukan jalur.")
        if typed.strip().strip('"').strip():
            values[row][col] = str(jalur_dalam_akar(typed, akar, label))


def _sel(entry: dict[str, Any], sheets: list) -> Optional[tuple[int, int]]:
    """(row, column), 0-based, of a name that refers to one cell of a sent sheet."""
    index = entry.get("sheet_index")
    address = entry.get("address")
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(sheets):
        return None
    if not isinstance(sheets[index], dict) or not isinstance(sheets[index].get("values"), list):
        return None
    # the clients send the address alone ("C5", "$C$5"); the engine reads it on sheet_index
    match = _ALAMAT.match(address) if isinstance(address, str) else None
    if not match or int(match.group(2)) < 1:
        return None
    col = 0
    for ch in match.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1
