"""Finding and reading the returned forms in a folder (SOP step 4, first half).

Each file is read once, straight from disk with python-calamine, into plain
records: identity from the metadata sheet, and the rows of both sheets keyed
by their ``Kode``. Nothing is judged against the master here (``rekap`` does
that); a file that cannot be read becomes a Temuan, never a crash.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from . import formulir as F
from .proses import ikat_ke_induk
from .temuan import Temuan, buat
from .xlsx_baca import (BerkasTidakTerbaca, Grid, cell_ref, find_sheet, open_workbook,
                        percent_formatted, read_grid, text)

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass
class Lembar:
    """One data sheet of a form: header → column, and rows by Kode."""
    name: str
    columns: dict[str, int]
    rows: dict[str, tuple[int, list[Any]]]  # kode → (0-based row, cell values)

    def value(self, kode: str, header: str) -> Any:
        r, values = self.rows[kode]
        c = self.columns.get(header)
        return values[c] if c is not None and c < len(values) else None

    def ref(self, kode: str, header: str) -> str:
        r, _ = self.rows[kode]
        return cell_ref(r, self.columns[header]) if header in self.columns else ""


@dataclass
class FormulirTerbaca:
    """What one file holds, or why it could not be used (``temuan``)."""
    path: str
    relpath: str
    size: int
    mtime: float
    sha256: str
    nip: str = ""
    tahun: Optional[int] = None
    versi: Optional[int] = None
    sidik: str = ""
    pengukuran: Optional[Lembar] = None
    pemantauan: Optional[Lembar] = None
    persen: set[str] = field(default_factory=set)  # Pengukuran cells formatted as percent
    temuan: list[Temuan] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.pengukuran is not None and not self.temuan


@dataclass
class HasilPindai:
    files: list[Path]
    skipped: list[tuple[str, str]]  # (relative path, reason)


def pindai(folder: Path) -> HasilPindai:
    """Every candidate spreadsheet under ``folder``, and what was skipped and why."""
    files, skipped = [], []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            rel = str(path.relative_to(folder))
            suffix = path.suffix.lower()
            if name.startswith("~$"):
                skipped.append((rel, "berkas kunci Excel (~$)"))
            elif name.startswith(".") or suffix in {".tmp", ".bak"} or name.endswith("~"):
                skipped.append((rel, "berkas tersembunyi atau sementara"))
            elif suffix not in SPREADSHEET_SUFFIXES:
                skipped.append((rel, "bukan lembar kerja"))
            else:
                files.append(path)
    return HasilPindai(files, skipped)


def _sheet(grid: Grid, name: str, anchor: str) -> Optional[Lembar]:
    """Locate the header row by its anchor header and key rows by ``Kode``."""
    for r, row in enumerate(grid[:40]):
        if anchor in (text(v) for v in row):
            columns = {}
            for c, v in enumerate(row):
                label = text(v)
                if label and label not in columns:
                    columns[label] = c
            kode_col = columns.get("Kode")
            rows = {}
            if kode_col is not None:
                for rr in range(r + 1, len(grid)):
                    values = grid[rr]
                    kode = text(values[kode_col]) if kode_col < len(values) else ""
                    if kode and kode not in rows:
                        rows[kode] = (rr, values)
            return Lembar(name, columns, rows)
    return None


def baca_formulir(path: Path, folder: Path) -> FormulirTerbaca:
    """Read one file. Problems of the file itself go to ``temuan``."""
    data = path.read_bytes()
    stat = path.stat()
    rel = str(path.relative_to(folder))
    result = FormulirTerbaca(str(path), rel, stat.st_size, stat.st_mtime,
                             hashlib.sha256(data).hexdigest())
    try:
        wb = open_workbook(path)
        meta_name = find_sheet(wb, F.META_SHEET)
        if meta_name is None:
            result.temuan.append(buat("BUKAN_FORMULIR", file=rel))
            return result
        meta = {text(row[0]): row[1] if len(row) > 1 else None for row in read_grid(wb, meta_name) if row}
        result.nip = text(meta.get("nip"))
        result.sidik = text(meta.get("sidik"))
        try:
            result.tahun = int(float(meta.get("tahun")))
            result.versi = int(float(meta.get("versi_formulir")))
        except (TypeError, ValueError):
            result.temuan.append(buat("BUKAN_FORMULIR", file=rel, sheet=meta_name))
            return result
        if result.versi != F.VERSI_FORMULIR:
            result.temuan.append(buat("VERSI_FORMULIR_LAMA", nip=result.nip, file=rel,
                                      versi_formulir=result.versi, versi=F.VERSI_FORMULIR))
            return result
        for attr, sheet_name, anchor in (("pengukuran", F.SHEET_PENGUKURAN, "Indikator Kinerja"),
                                         ("pemantauan", F.SHEET_PEMANTAUAN, "Kegiatan")):
            real = find_sheet(wb, sheet_name)
            lembar = _sheet(read_grid(wb, real), real, anchor) if real else None
            if lembar is None or "Kode" not in lembar.columns:
                result.temuan.append(buat("BUKAN_FORMULIR", nip=result.nip, file=rel,
                                          sheet=sheet_name))
                return result
            setattr(result, attr, lembar)
        result.persen = _percent_cells(path, result.pengukuran)
    except BerkasTidakTerbaca as exc:
        result.temuan.append(buat("FILE_RUSAK", file=rel, alasan=str(exc)))
    return result


def _percent_cells(path: Path, lembar: Lembar) -> set[str]:
    """Realisasi cells of %-indicators holding a fraction with a percent format.

    Typing ``85%`` in Excel stores 0.85 formatted as percent; only such
    suspicious values make us look at the cell formats.
    """
    suspects = []
    for kode in lembar.rows:
        if text(lembar.value(kode, "Satuan")) != "%":
            continue
        for header in F.P_REALISASI:
            value = lembar.value(kode, header)
            if isinstance(value, float) and 0 < value <= 1.5:
                suspects.append(lembar.ref(kode, header))
    if not suspects:
        return set()
    try:
        return percent_formatted(path, lembar.name, suspects)
    except Exception:  # an odd but readable file: keep the values as typed
        return set()


def _read_chunk(args: tuple[list[Path], Path]) -> list[FormulirTerbaca]:
    paths, folder = args
    return [baca_formulir(p, folder) for p in paths]


def baca_folder(files: list[Path], folder: Path, proses: Optional[int] = None,
                kemajuan: Optional[Callable[[int], None]] = None) -> list[FormulirTerbaca]:
    """Read every file, on all cores for many files; order follows ``files``.

    ``kemajuan`` is called with the number of files just finished.
    """
    workers = proses or ((os.cpu_count() or 1) if len(files) >= 200 else 1)
    if workers <= 1:
        out = []
        for path in files:
            out.append(baca_formulir(path, folder))
            if kemajuan:
                kemajuan(1)
        return out
    size = max(8, min(200, -(-len(files) // (workers * 8))))
    chunks = [(files[i:i + size], folder) for i in range(0, len(files), size)]
    out = []
    with ProcessPoolExecutor(max_workers=workers, initializer=ikat_ke_induk) as pool:  # end with us
        for part in pool.map(_read_chunk, chunks):
            out.extend(part)
            if kemajuan:
                kemajuan(len(part))
    return out
