"""Backups of files people may have edited, before anything replaces them.

A master, a panel or an evaluation workbook may hold hours of someone's
work: a command never replaces one silently. Without ``--timpa`` it refuses
(``SudahAda``); with it, the old file is first copied into a ``_cadangan``
folder beside it under a timestamped name.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Optional

from .aman import atomic_path
from ..inti.galat import PoskinerjaGagal

# The same name `format` uses for the forms it replaces (formulir.FOLDER_CADANGAN, the form
# contract kompilasi relies on); repeated here so this module stays free of the xlsx writer.
FOLDER_CADANGAN = "_cadangan"


class SudahAda(PoskinerjaGagal):
    """The output exists and ``--timpa`` was not given."""

    def __init__(self, path: Path, pesan: str = ""):
        self.path = Path(path)
        super().__init__(pesan or
            f"{self.path} sudah ada dan mungkin sudah diisi atau diubah orang; berkas itu tidak ditimpa. "
            f"Pakai nama atau folder lain, atau tambahkan --timpa untuk menggantinya (berkas lama "
            f"disimpan dulu di folder {FOLDER_CADANGAN} di sebelahnya).")


def ada(path: Path) -> bool:
    """A file (or a link, even a broken one) already sits at ``path``."""
    return os.path.lexists(path)


def jalur_cadangan(path: Path, folder: Optional[Path] = None, waktu: Optional[dt.datetime] = None) -> Path:
    """A free name for ``path``'s backup: ``<folder>/<stem> (cadangan YYYYMMDD-HHMMSS).<ext>``.

    ``folder`` defaults to ``_cadangan`` beside the file. The stamp has no colons (Windows names).
    """
    path = Path(path)
    folder = Path(folder) if folder is not None else path.parent / FOLDER_CADANGAN
    stamp = (waktu or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{path.stem} (cadangan {stamp}){path.suffix}"
    n = 2
    while ada(candidate):  # two backups of one file within a second
        candidate = folder / f"{path.stem} (cadangan {stamp} {n}){path.suffix}"
        n += 1
    return candidate


def cadangkan(path: Path, folder: Optional[Path] = None, pindah: bool = False) -> Path:
    """Copy (or, with ``pindah``, move) ``path`` into its backup folder; return the backup's path."""
    path = Path(path)
    dest = jalur_cadangan(path, folder)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if pindah:
        os.replace(path, dest)  # same drive: a rename, the bytes are never rewritten
    else:
        with atomic_path(dest) as tmp:
            shutil.copy2(path, tmp)
    return dest


def jaga_timpa(path: Path | str, timpa: bool) -> Optional[Path]:
    """Before writing ``path``: refuse if it exists and ``timpa`` is false, else back it up.

    Returns the backup's path, or None when there was nothing to keep.
    """
    path = Path(path)
    if not ada(path):
        return None
    if path.is_dir():  # a folder where the file should go: never ours to replace, even with --timpa
        raise SudahAda(path, f"{path} adalah sebuah folder, bukan berkas; pindahkan folder itu atau pilih tempat lain.")
    if not timpa:
        raise SudahAda(path)
    return cadangkan(path)
