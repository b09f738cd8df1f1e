"""Where the bundled files live: the example master and the Word templates.

In a source checkout (``pip install -e .``) they sit beside the package; a
regular install puts them under ``<prefix>/share/poskinerja`` (setup.cfg).
"""
from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent.parent,
    Path(sys.prefix) / "share" / "poskinerja",
    Path(sysconfig.get_path("data")) / "share" / "poskinerja",
)


class BerkasBawaanHilang(FileNotFoundError):
    """A file that ships with poskinerja is missing: the installation is incomplete."""


def resource(*parts: str) -> Path:
    """The bundled file ``parts`` (e.g. ``"workbooks", "contoh-master.xlsx"``)."""
    for base in _CANDIDATES:
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise BerkasBawaanHilang(f"Berkas bawaan poskinerja tidak ditemukan: {'/'.join(parts)}")


def contoh_master() -> Path:
    return resource("workbooks", "contoh-master.xlsx")


def template(name: str) -> Path:
    return resource("docx_templates", name)
