"""The whole cycle on the bundled example institute, into one folder.

Each step calls the same library functions as the CLI commands; the demo only
adds simulated staff in between. It returns what it wrote, step by step.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .berkas import atomic_path
from .formulir import buat_formulir
from .kompilasi import KeluaranKompilasi, kompilasi
from .master import muat_master
from .simulasi import Skenario, simulasi_pengisian
from .sumber import contoh_master


@dataclass
class HasilDemo:
    folder: Path
    master: Path
    formulir: list[Path] = field(default_factory=list)
    skenario: Skenario = field(default_factory=Skenario)
    kompilasi: KeluaranKompilasi | None = None
    langkah: list[tuple[str, str]] = field(default_factory=list)  # (label, where)


def salin_contoh(directory: Path) -> Path:
    """The bundled example master, copied to ``directory/master.xlsx``."""
    dest = Path(directory) / "master.xlsx"
    with atomic_path(dest) as tmp:
        shutil.copyfile(contoh_master(), tmp)
    return dest


def jalankan_demo(directory: Path | str, triwulan: int = 1) -> HasilDemo:
    root = Path(directory)
    master_path = salin_contoh(root)
    master = muat_master(master_path)
    hasil = HasilDemo(root, master_path)
    hasil.langkah.append(("Master lembaga contoh", str(master_path)))

    forms_dir = root / "1-formulir"
    hasil.formulir = buat_formulir(master, forms_dir)
    hasil.langkah.append((f"Formulir per ASN ({len(hasil.formulir)} berkas)", str(forms_dir)))

    masuk = root / "2-formulir-terkumpul" / f"TW{triwulan}"
    if masuk.exists():  # a re-run starts from a clean inbox, as a new quarter would
        shutil.rmtree(masuk)
    hasil.skenario = simulasi_pengisian(master, hasil.formulir, masuk, triwulan=triwulan)
    hasil.langkah.append((f"Formulir terisi (simulasi, TW {triwulan})", str(masuk)))

    hasil.kompilasi = kompilasi(master, masuk, triwulan, root / "3-rekap", master_path=master_path)
    hasil.langkah.append(("Rekap kompilasi", str(hasil.kompilasi.rekap)))
    return hasil
