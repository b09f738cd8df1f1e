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

from . import kontrak as F
from .identitas import NipTampil, nip_nama_berkas, nip_tampil
from ..berkas.proses import ikat_ke_induk
from ..inti.temuan import Temuan, buat
from ..berkas.xlsx_baca import (BerkasTerlaluBesar, BerkasTidakTerbaca, Grid, baca_byte, cell_ref, find_sheet,
                        open_workbook, percent_formatted, read_grid, text)


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
    # where the form names its owner, for the identity check (``identitas``)
    sel_meta: dict[str, str] = field(default_factory=dict)  # metadata key → its value's cell
    nip_tampil: list[NipTampil] = field(default_factory=list)
    temuan: list[Temuan] = field(default_factory=list)
    nip_berkas: str = ""  # the NIP the file name shows; names the sender of a file that cannot be read

    @property
    def usable(self) -> bool:
        return self.pengukuran is not None and not self.temuan


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
    """Read one file, once: the sha256 recorded is of the very bytes parsed.

    Problems of the file itself go to ``temuan``; a FILE_RUSAK or
    BERKAS_TERLALU_BESAR finding carries the NIP its file name shows, so the
    sender can be told (see ``nip_dari_nama``).
    """
    rel = str(path.relative_to(folder))
    nip_nama = nip_dari_nama(path.name)
    try:
        data, stat = baca_byte(path, ikuti_tautan=False)  # an OSError (no access, gone) propagates
    except BerkasTidakTerbaca as exc:  # not a regular file (any more), or over the size bound
        result = FormulirTerbaca(str(path), rel, 0, 0.0, "", nip_berkas=nip_nama)
        kode = "BERKAS_TERLALU_BESAR" if isinstance(exc, BerkasTerlaluBesar) else "FILE_RUSAK"
        result.temuan.append(buat(kode, nip=nip_nama, file=rel, alasan=str(exc)))
        return result
    result = FormulirTerbaca(str(path), rel, stat.st_size, stat.st_mtime,
                             hashlib.sha256(data).hexdigest(), nip_berkas=nip_nama)
    try:
        wb = open_workbook(data)
        meta_name = find_sheet(wb, F.META_SHEET)
        if meta_name is None:
            result.temuan.append(buat("BUKAN_FORMULIR", file=rel))
            return result
        meta_grid = read_grid(wb, meta_name)
        meta = {text(row[0]): row[1] if len(row) > 1 else None for row in meta_grid if row}
        result.sel_meta = _meta_cells(meta_grid)
        result.nip = text(meta.get("nip"))
        result.sidik = text(meta.get("sidik"))
        try:
            result.tahun = int(float(meta.get("tahun")))
            result.versi = int(float(meta.get("versi_formulir")))
        except (TypeError, ValueError, OverflowError):  # OverflowError: a tahun of inf
            result.temuan.append(buat("BUKAN_FORMULIR", file=rel, sheet=meta_name))
            return result
        if result.versi != F.VERSI_FORMULIR:
            result.temuan.append(buat("VERSI_FORMULIR_LAMA", nip=result.nip, file=rel,
                                      versi_formulir=result.versi, versi=F.VERSI_FORMULIR))
            return result
        for attr, sheet_name, anchor in (("pengukuran", F.SHEET_PENGUKURAN, "Indikator Kinerja"),
                                         ("pemantauan", F.SHEET_PEMANTAUAN, "Kegiatan")):
            real = find_sheet(wb, sheet_name)
            grid = read_grid(wb, real) if real else []
            lembar = _sheet(grid, real, anchor) if real else None
            if lembar is None or "Kode" not in lembar.columns:
                result.temuan.append(buat("BUKAN_FORMULIR", nip=result.nip, file=rel,
                                          sheet=sheet_name))
                return result
            setattr(result, attr, lembar)
            result.nip_tampil.append(nip_tampil(grid, real))
        result.persen = _percent_cells(data, result.pengukuran)
    except BerkasTerlaluBesar as exc:
        result.temuan.append(buat("BERKAS_TERLALU_BESAR", nip=nip_nama, file=rel, alasan=str(exc)))
    except BerkasTidakTerbaca as exc:
        result.temuan.append(buat("FILE_RUSAK", nip=nip_nama, file=rel, alasan=str(exc)))
    return result


def nip_dari_nama(name: str) -> str:
    """The NIP a file name carries (as ``format`` names files), or '' when none or several."""
    found = nip_nama_berkas(name)
    return found[0] if len(found) == 1 else ""


def _alasan(exc: Exception) -> str:
    if isinstance(exc, OSError):
        from ..berkas.aman import uraian_os
        return uraian_os(exc)
    return str(exc)
def _meta_cells(grid: Grid) -> dict[str, str]:
    """Each metadata key's value cell (the last row of a key wins, as in reading), so
    findings can point at it."""
    return {text(row[0]): cell_ref(r, 1) for r, row in enumerate(grid) if row and text(row[0])}



def _percent_cells(data: bytes, lembar: Lembar) -> set[str]:
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
    from ..berkas.ods_baca import adalah_ods, percent_formatted_ods

    try:
        if adalah_ods(data):  # saved by LibreOffice in its own format
            return percent_formatted_ods(data, lembar.name, suspects)
        return percent_formatted(data, lembar.name, suspects)
    except Exception:  # an odd but readable file: keep the values as typed
        return set()


def _read_one(path: Path, folder: Path) -> FormulirTerbaca:
    try:
        return baca_formulir(path, folder)
    except OSError as exc:  # made unreadable or removed since the scan
        return _failed(path, folder, _alasan(exc))
    except Exception:  # noqa: BLE001 — a bug or MemoryError on one file must cost only that file
        return _failed(path, folder, "pembacaannya gagal karena isi berkas yang tidak terduga")


def _failed(path: Path, folder: Path, alasan: str) -> FormulirTerbaca:
    """The record of a file whose reading failed as a whole (the worker died, or raised)."""
    rel = str(path.relative_to(folder))
    nip_nama = nip_dari_nama(path.name)
    try:
        data, stat = baca_byte(path, ikuti_tautan=False)
        result = FormulirTerbaca(str(path), rel, stat.st_size, stat.st_mtime,
                                 hashlib.sha256(data).hexdigest(), nip_berkas=nip_nama)
    except (OSError, BerkasTidakTerbaca):
        result = FormulirTerbaca(str(path), rel, 0, 0.0, "", nip_berkas=nip_nama)
    result.temuan.append(buat("FILE_RUSAK", nip=nip_nama, file=rel, alasan=alasan))
    return result


def _read_chunk(args: tuple[list[Path], Path]) -> list[FormulirTerbaca]:
    paths, folder = args
    return [_read_one(p, folder) for p in paths]


# Extra address space a worker may use beyond what it inherits: far above what
# reading a bounded form needs, so a runaway native allocation fails in the
# worker (costing that one file) instead of exhausting the machine.
RUANG_PEKERJA = 1 << 30


def _start_worker() -> None:
    """Pool initializer: die with the parent (every system, see ``proses.ikat_ke_induk``); on
    Linux also cap the worker's memory and keep a dying library's English last words ("memory
    allocation of … failed") off the user's screen (the file is reported as a finding instead)."""
    import sys

    ikat_ke_induk()
    if not sys.platform.startswith("linux"):
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    import resource

    try:
        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + RUANG_PEKERJA
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass


WORKER_MATI = ("proses pembacanya berhenti mendadak pada berkas ini (isinya tidak wajar); "
               "berkas lain tetap dibaca")


def baca_folder(files: list[Path], folder: Path, proses: Optional[int] = None,
                kemajuan: Optional[Callable[[int], None]] = None) -> list[FormulirTerbaca]:
    """Read every file in worker processes; order follows ``files``.

    Files are read outside this process so that a worker dying on one file
    (a native abort, the memory cap) costs only that file: when the pool
    breaks, finished results are kept and the rest are re-read one file at a
    time in a one-worker pool, where the file being read when it breaks again
    is the one to blame; it gets FILE_RUSAK and the pool restarts after it.
    ``kemajuan`` is called with the number of files just finished.
    """
    from concurrent.futures.process import BrokenProcessPool

    results: dict[int, FormulirTerbaca] = {}
    pending = list(range(len(files)))
    workers = proses or ((os.cpu_count() or 1) if len(files) >= 200 else 1)
    isolated = False
    while pending:
        n = 1 if isolated else max(1, min(workers, len(pending)))
        size = 1 if isolated else max(8, min(200, -(-len(pending) // (n * 8))))
        chunks = [pending[i:i + size] for i in range(0, len(pending), size)]
        try:
            with ProcessPoolExecutor(max_workers=n, initializer=_start_worker) as pool:
                futures = [pool.submit(_read_chunk, ([files[i] for i in chunk], folder)) for chunk in chunks]
                for chunk, future in zip(chunks, futures):
                    for i, form in zip(chunk, future.result()):
                        results[i] = form
                    if kemajuan:
                        kemajuan(len(chunk))
            pending = []
        except BrokenProcessPool:
            rest = [i for i in pending if i not in results]
            if isolated:  # one worker reads in order: the first unfinished file is the one it died on
                culprit = rest[0]
                results[culprit] = _failed(files[culprit], folder, WORKER_MATI)
                rest.remove(culprit)
                if kemajuan:
                    kemajuan(1)
            pending, isolated = rest, True
    return [results[i] for i in range(len(files))]
