"""Where the bundled files live: the example master, the Word templates and the guides.

They are package data under ``poskinerja/data/`` (setup.cfg ``package_data``) and are
found with ``importlib.resources``, so a venv, ``pip install --user``, pipx or conda
install finds them the same way as a source checkout.
"""
from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from pathlib import Path

# Files extracted from a zipped install live until the process ends.
_EXTRACTED = contextlib.ExitStack()
atexit.register(_EXTRACTED.close)

# The guides ``poskinerja panduan`` writes out: name -> (bundled parts, file name for the user).
PANDUAN = {
    "panel": (("docs", "panel-koordinator.md"), "panduan-panel-koordinator.md"),
    "templat": (("docx_templates", "README.md"), "panduan-templat-word.md"),
}


class BerkasBawaanHilang(FileNotFoundError):
    """A file that ships with poskinerja is missing: the installation is incomplete."""


def resource(*parts: str) -> Path:
    """The bundled file ``parts`` (e.g. ``"workbooks", "contoh-master.xlsx"``) as a real path."""
    item = resources.files("poskinerja").joinpath("data", *parts)
    if not item.is_file():
        raise BerkasBawaanHilang(f"Berkas bawaan poskinerja tidak ditemukan: {'/'.join(parts)}")
    if isinstance(item, Path):
        return item
    return _EXTRACTED.enter_context(resources.as_file(item))  # e.g. a zip import: a temporary copy


def contoh_master() -> Path:
    return resource("workbooks", "contoh-master.xlsx")


def template(name: str) -> Path:
    return resource("docx_templates", name)


def panduan(name: str) -> Path:
    """The bundled guide ``name`` (a key of ``PANDUAN``)."""
    return resource(*PANDUAN[name][0])
