"""The offline install folder for an office (``poskinerja paket-windows DIR``).

The folder holds wheels for poskinerja and every dependency for Windows x64 and
each supported Python version, and ``pasang.cmd``, which installs from them with
no internet into a virtual environment in the user's own profile: nothing is
written into the (possibly read-only) share the folder is copied to.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from ..berkas.aman import write_bytes_atomic
from ..inti.galat import PoskinerjaGagal

PYTHON_DIDUKUNG = ("3.10", "3.11", "3.12", "3.13")
PLATFORM = "win_amd64"
FOLDER_PAKET = "paket"
# pip evaluates environment markers for the machine it runs on, not for --platform: the Windows-only
# dependencies of our dependencies (xlwings → pywin32) are named so their wheels are fetched too
KHUSUS_WINDOWS = ("pywin32>=306",)
PASANG = "pasang.cmd"
# the source files a wheel is built from (copied first: building writes build/ and *.egg-info)
_SUMBER = ("setup.cfg", "pyproject.toml", "README.md")


class PaketGagal(PoskinerjaGagal):
    """The offline folder cannot be made (message in Bahasa Indonesia)."""


@dataclass
class HasilPaket:
    folder: Path
    wheel: Path
    pasang: Path
    per_python: dict[str, int] = field(default_factory=dict)  # version -> wheels it installs, all found offline


def folder_sumber() -> Optional[Path]:
    """The source checkout this poskinerja runs from, if it is one (it has setup.cfg)."""
    root = Path(__file__).resolve().parents[2]  # poskinerja/kantor/paket.py -> the checkout
    return root if (root / "setup.cfg").is_file() and (root / "pyproject.toml").is_file() else None


def _pip(args: Sequence[str], pesan: str) -> str:
    run = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True)
    if run.returncode != 0:
        tail = "\n".join((run.stderr or run.stdout).strip().splitlines()[-6:])
        raise PaketGagal(f"{pesan}\n  Keluaran pip:\n  " + tail.replace("\n", "\n  "))
    return run.stdout


def bangun_wheel(sumber: Path, tujuan: Path) -> Path:
    """poskinerja's wheel from a copy of ``sumber``, so the source folder stays untouched."""
    with tempfile.TemporaryDirectory(prefix="poskinerja-wheel-") as tmp:
        copy = Path(tmp) / "sumber"
        copy.mkdir()
        for name in _SUMBER:
            shutil.copy2(sumber / name, copy / name)
        shutil.copytree(sumber / "poskinerja", copy / "poskinerja",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        before = set(tujuan.glob("poskinerja-*.whl"))
        _pip(["wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tujuan), str(copy)],
             "Wheel poskinerja tidak dapat dibuat (butuh paket setuptools dan wheel).")
    built = sorted(set(tujuan.glob("poskinerja-*.whl")) - before) or sorted(tujuan.glob("poskinerja-*.whl"))
    return built[-1]


def teks_pasang(wheel_name: str) -> str:
    """pasang.cmd: a per-user virtual environment, filled from the folder beside it only."""
    return "\r\n".join([
        "@echo off",
        "rem Pemasang poskinerja tanpa internet: semua paket diambil dari folder 'paket' di sebelah berkas ini.",
        "rem Tidak ada yang ditulis ke folder ini; poskinerja dipasang di %LOCALAPPDATA%\\poskinerja.",
        "setlocal",
        'set "PAKET=%~dp0' + FOLDER_PAKET + '"',
        'set "VENV=%LOCALAPPDATA%\\poskinerja\\venv"',
        "where py >nul 2>nul",
        "if errorlevel 1 (",
        "  echo Python belum terpasang. Pasang Python 3.10 sampai 3.13 dari python.org ^(centang \"py launcher\"^),",
        "  echo lalu jalankan pasang.cmd ini lagi.",
        "  exit /b 1",
        ")",
        'py -3 -m venv "%VENV%"',
        "if errorlevel 1 (",
        "  echo Lingkungan virtual tidak dapat dibuat di %VENV%. Periksa ruang disk, lalu jalankan lagi.",
        "  exit /b 1",
        ")",
        f'"%VENV%\\Scripts\\python.exe" -m pip install --no-index --no-cache-dir --find-links "%PAKET%" '
        f'--disable-pip-version-check "%PAKET%\\{wheel_name}"',
        "if errorlevel 1 (",
        "  echo Pemasangan gagal: versi Python ini mungkin tidak didukung paket di folder ini.",
        "  echo Jalankan: py --version  ^(yang didukung: " + ", ".join(PYTHON_DIDUKUNG) + "^)",
        "  exit /b 1",
        ")",
        '"%VENV%\\Scripts\\python.exe" -m poskinerja periksa-lingkungan',
        "echo.",
        "echo Selesai. Jalankan poskinerja dengan:",
        "echo   \"%VENV%\\Scripts\\poskinerja.exe\" --help",
        "endlocal",
        "",
    ])


def buat_paket(folder: Path | str, sumber: Optional[Path] = None, wheel: Optional[Path] = None,
               versi_python: Sequence[str] = PYTHON_DIDUKUNG) -> HasilPaket:
    """Write the offline folder: ``paket/`` with every wheel, and ``pasang.cmd``.

    ``wheel``: a poskinerja wheel to ship; otherwise one is built from ``sumber`` (default:
    this source checkout). Downloading needs the package registry (or the office's mirror).
    """
    folder = Path(folder)
    paket = folder / FOLDER_PAKET
    paket.mkdir(parents=True, exist_ok=True)
    if wheel is not None:
        wheel = Path(wheel)
        if not wheel.is_file() or wheel.suffix != ".whl":
            raise PaketGagal(f"Berkas wheel poskinerja tidak ditemukan: {wheel}")
        if wheel.resolve().parent != paket.resolve():
            shutil.copy2(wheel, paket / wheel.name)
        wheel = paket / wheel.name
    else:
        sumber = sumber or folder_sumber()
        if sumber is None:
            raise PaketGagal("poskinerja ini tidak dipasang dari kode sumber; sebutkan wheel poskinerja dengan "
                             "--wheel BERKAS.whl atau folder kode sumbernya dengan --sumber DIR.")
        wheel = bangun_wheel(Path(sumber), paket)
    hasil = HasilPaket(folder, wheel, folder / PASANG)
    pilihan = ["--only-binary=:all:", "--platform", PLATFORM, "--implementation", "cp"]
    for version in versi_python:
        _pip(["download", *pilihan, "--python-version", version, "--find-links", str(paket), "-d", str(paket),
              str(wheel), *KHUSUS_WINDOWS], f"Paket untuk Python {version} ({PLATFORM}) tidak dapat diunduh; periksa sambungan "
                           "ke PyPI (atau proksi kantor), lalu jalankan lagi.")
    for version in versi_python:  # what pasang.cmd will do: resolve from the folder alone
        out = _pip(["download", *pilihan, "--python-version", version, "--no-index", "--find-links", str(paket),
                    "-d", str(paket), str(wheel), *KHUSUS_WINDOWS],
                   f"Folder {paket} belum lengkap untuk Python {version}: ada paket yang tidak ikut terunduh.")
        hasil.per_python[version] = sum(1 for line in out.splitlines()
                                        if line.strip().startswith(("Saved ", "File was already downloaded")))
    write_bytes_atomic(hasil.pasang, teks_pasang(wheel.name).encode("utf-8"))
    return hasil
