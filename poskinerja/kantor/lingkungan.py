"""Is this PC ready for poskinerja and its panel? The checks behind ``poskinerja periksa-lingkungan``.

Each check is a ``Cek``: what was looked at, whether it is fine, and in Bahasa
Indonesia what was found or what to do next.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

# (module imported, distribution whose version is shown, needed on Windows only)
PAKET = (("python_calamine", "python-calamine", False), ("xlsxwriter", "XlsxWriter", False),
         ("openpyxl", "openpyxl", False), ("docx", "python-docx", False), ("docxtpl", "docxtpl", False),
         ("pptx", "python-pptx", False), ("jinja2", "Jinja2", False), ("lxml", "lxml", False),
         ("pyopenvba", "pyOpenVBA", False), ("xlwings", "xlwings", False), ("win32com", "pywin32", True))
PYTHON_MINIMUM = (3, 10)


@dataclass
class Cek:
    hal: str
    baik: bool
    keterangan: str


def cek_python() -> list[Cek]:
    from .. import __version__

    exe = sys.executable or "(tidak diketahui)"
    version = ".".join(str(n) for n in sys.version_info[:3])
    rows = [Cek("Python", sys.version_info[:2] >= PYTHON_MINIMUM,
                f"{version} di {exe}" + ("" if sys.version_info[:2] >= PYTHON_MINIMUM else
                                         " — poskinerja membutuhkan Python 3.10 atau lebih baru"))]
    if "WindowsApps" in exe:  # the Microsoft Store alias: a different Python than the one pip installed into
        rows.append(Cek("Python dari Microsoft Store", False,
                        "pasang Python dari python.org lalu pasang ulang poskinerja dengan py -m pip"))
    rows.append(Cek("poskinerja", True, f"{__version__} di {Path(__file__).resolve().parents[1]}"))
    return rows


def cek_paket(windows: Optional[bool] = None) -> list[Cek]:
    windows = sys.platform == "win32" if windows is None else windows
    rows = []
    for module, dist, windows_only in PAKET:
        if windows_only and not windows:
            continue
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - any failure to import is what the user needs to see
            rows.append(Cek(dist, False, f"tidak dapat dimuat ({type(exc).__name__}); jalankan: "
                                         f"{Path(sys.executable).name} -m pip install \"{dist}\""))
            continue
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = "versi tidak diketahui"
        rows.append(Cek(dist, True, version))
    return rows


def _cek_jalur(hal: str, path: Path, folder: bool, tulis: bool) -> Cek:
    if not path.exists():
        return Cek(hal, False, f"{path} tidak ditemukan (drive bersama terputus atau jalur salah?)")
    if folder != path.is_dir():
        return Cek(hal, False, f"{path} {'bukan folder' if folder else 'adalah folder, bukan berkas'}")
    if not os.access(path, os.R_OK):
        return Cek(hal, False, f"{path} tidak dapat dibaca; minta hak baca")
    if tulis and not os.access(path, os.W_OK):
        return Cek(hal, False, f"{path} tidak dapat ditulisi; minta hak tulis folder itu")
    return Cek(hal, True, str(path))


def cek_jalur(master: Path, masuk: Path, keluar: Path) -> list[Cek]:
    """The three places the panel's buttons use."""
    return [_cek_jalur("Berkas master", master, folder=False, tulis=False),
            _cek_jalur("Folder formulir terkumpul", masuk, folder=True, tulis=False),
            _cek_jalur("Folder keluaran", keluar, folder=True, tulis=True)]


def jalur_panel(panel: Path | str) -> tuple[Path, Path, Path]:
    """The master and folders a panel workbook is set to (its named cells)."""
    import openpyxl

    from ..excel.tombol import SEL

    wb = openpyxl.load_workbook(panel, read_only=False, keep_vba=False, data_only=True)
    values = {}
    for key in ("master", "masuk", "keluar"):
        defined = wb.defined_names.get(SEL[key][0])
        value = None
        if defined is not None:
            for title, address in defined.destinations:
                value = wb[title][address.replace("$", "")].value
        values[key] = Path(str(value or ""))
    return values["master"], values["masuk"], values["keluar"]
