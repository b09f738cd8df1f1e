"""Re-running ``format`` into a folder that already holds forms: nobody's entries are lost.

For each selected ASN the form already at its path decides what happens:

- none → a new form (``baru``);
- this ASN's form for this year, prefill unchanged (same ``sidik`` and version) → left
  byte for byte as it is (``dipertahankan`` when someone entered values, else ``tidak_berubah``);
- this ASN's form after a master revision (indicator added or removed, target changed) →
  the current form is written with every entered value carried across by Kode, and the old
  file is moved into ``FOLDER_CADANGAN`` (``diperbarui``); values the new form has no cell for
  (the indicator left the master, the quarter is no longer measured) stay in the backup and are
  listed (``tertinggal``);
- none, but this ASN's form for this year sits elsewhere in the folder (their name or unit
  changed in the master) → the same as a revision: entries carried, the old file backed up;
- anything else at that path (another person's or another year's form, a file that is not a
  readable form) → moved into the backup folder, with the reason, and a fresh form written.

The old form is read with the collector's own reader (``kumpul``): what is carried is exactly
what kompilasi would have read.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import kontrak as F
from .tulis import tulis_formulir
from ..berkas.aman import uraian_os, unique_path
from ..inti.model import ASN, ROMAWI, TRIWULAN, Master
from ..berkas.proses import ikat_ke_induk
from ..berkas.xlsx_baca import cell_ref

# The unlocked cells of each data sheet, by header: what a person may have typed.
INPUT_PENGUKURAN = F.P_REALISASI + F.P_NARASI + ("Bukti Dukung",)
INPUT_PEMANTAUAN = F.K_REALISASI + F.K_ANGGARAN + F.K_STATUS_NARASI + F.K_TAIL
_LEMBAR = ((F.SHEET_PENGUKURAN, "pengukuran", INPUT_PENGUKURAN),
           (F.SHEET_PEMANTAUAN, "pemantauan", INPUT_PEMANTAUAN))

Isian = dict[str, dict[tuple[str, str], Any]]  # sheet name → (kode, header) → value
KUNCI_SIDIK_TAMPILAN = "sidik_tampilan"  # metadata key


def sidik_tampilan(master: Master, asn: ASN) -> str:
    """Fingerprint of the rest of what a form prints from the master (``sidik`` covers the
    indicators' and activities' figures): institute, deadlines, the person and who signs above
    them, sasaran, rumus, program and schedule. Only what the form shows, so that ratifying a PK
    or changing a weight does not rewrite everybody's form."""
    p = master.pengaturan
    unit = master.unit.get(asn.kode_unit)
    payload = {
        "lembaga": [p.nama_lembaga, p.kota, p.tahun, [d.isoformat() if d else None for d in p.batas_tw]],
        "asn": [asn.nama, asn.jabatan, asn.kode_unit, unit.nama if unit else "", master.atasan(asn)],
        "indikator": [[i.kode, i.sasaran, master.rule(i).rumus_untuk((i.target_tahun, *i.target_tw))]
                      for i in master.indikator.get(asn.nip, [])],  # the target-0 rule changes formulas
        "kegiatan": [[k.kode, k.program, k.output, k.satuan_output, k.bulan_mulai, k.bulan_selesai]
                     for k in master.kegiatan.get(asn.nip, [])],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _sidik_tampilan_tersimpan(path: Path) -> Optional[str]:
    """The stored ``sidik_tampilan`` of a form, or None (forms written before it existed)."""
    from ..berkas.xlsx_baca import BerkasTidakTerbaca, find_sheet, open_workbook, read_grid, text

    try:
        wb = open_workbook(path)
        name = find_sheet(wb, F.META_SHEET)
        grid = read_grid(wb, name) if name else []
    except BerkasTidakTerbaca:
        return None
    for row in grid:
        if row and text(row[0]) == KUNCI_SIDIK_TAMPILAN and len(row) > 1:
            return text(row[1]) or None
    return None


@dataclass(frozen=True)
class NilaiTertinggal:
    """An entered value the new form has no cell for; it stays in the backup copy."""
    nip: str
    nama: str
    lembar: str
    kode: str
    kolom: str
    nilai: Any
    alasan: str


@dataclass
class HasilFormat:
    """What ``format`` did, form by form."""
    folder: Path
    berkas: list[Path] = field(default_factory=list)  # the current form of every selected ASN
    baru: list[Path] = field(default_factory=list)
    diperbarui: list[Path] = field(default_factory=list)  # rewritten after a master revision
    dibawa: list[Path] = field(default_factory=list)  # of those, the ones that carried entries
    dipertahankan: list[Path] = field(default_factory=list)  # already filled, master unchanged
    tidak_berubah: list[Path] = field(default_factory=list)  # still empty, master unchanged
    cadangan: list[tuple[Path, Path, str]] = field(default_factory=list)  # (old path, backup, why)
    tertinggal: list[NilaiTertinggal] = field(default_factory=list)
    dilewati: list[tuple[Path, str]] = field(default_factory=list)  # could not be handled, why

    @property
    def folder_cadangan(self) -> Path:
        return self.folder / F.FOLDER_CADANGAN


@dataclass
class _Rencana:
    """The decision for one ASN."""
    asn: ASN
    dest: Path
    jenis: str  # baru | ganti | tetap
    isian: Isian = field(default_factory=dict)
    terisi: bool = False  # the existing form carries entries
    alasan: str = ""  # why the old file is replaced
    tmp: Optional[Path] = None
    sumber: Optional[Path] = None  # the old form, when it is not at ``dest`` (name or unit changed)


def _kosong(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _entries(lembar, headers: tuple[str, ...]) -> dict[tuple[str, str], tuple[Any, str]]:
    """Every filled input cell of one read sheet: (kode, header) → (value, cell ref)."""
    if lembar is None:
        return {}
    found = {}
    for kode in lembar.rows:
        for header in headers:
            if header in lembar.columns:
                value = lembar.value(kode, header)
                if not _kosong(value):
                    found[(kode, header)] = (value, lembar.ref(kode, header))
    return found


def _baca(path: Path):
    """The old form through the collector's reader; sheets of an older form version too."""
    from . import kumpul
    from ..berkas.xlsx_baca import BerkasTidakTerbaca, find_sheet, open_workbook, read_grid

    read = kumpul.baca_formulir(path, path.parent)
    if read.pengukuran is None and read.versi not in (None, F.VERSI_FORMULIR) and read.nip:
        # kompilasi refuses an old version; its entries are still worth carrying
        try:
            wb = open_workbook(path)
            for attr, sheet_name, anchor in (("pengukuran", F.SHEET_PENGUKURAN, "Indikator Kinerja"),
                                             ("pemantauan", F.SHEET_PEMANTAUAN, "Kegiatan")):
                real = find_sheet(wb, sheet_name)
                if real:
                    setattr(read, attr, kumpul._sheet(read_grid(wb, real), real, anchor))
        except BerkasTidakTerbaca:
            pass
    return read


def _cells(master: Master, asn: ASN) -> dict[str, dict[str, dict[str, bool]]]:
    """Which input cells the new form has: sheet → kode → header → True."""
    out: dict[str, dict[str, dict[str, bool]]] = {F.SHEET_PENGUKURAN: {}, F.SHEET_PEMANTAUAN: {}}
    for ind in master.indikator.get(asn.nip, []):
        heads = {h: True for h in F.P_NARASI + ("Bukti Dukung",)}
        heads.update({F.P_REALISASI[t - 1]: True for t in TRIWULAN if ind.target(t) is not None})
        out[F.SHEET_PENGUKURAN][ind.kode] = heads
    for keg in master.kegiatan.get(asn.nip, []):
        out[F.SHEET_PEMANTAUAN][keg.kode] = {h: True for h in INPUT_PEMANTAUAN}
    return out


def _carry(master: Master, asn: ASN, read, hasil: HasilFormat) -> Isian:
    """The old form's entries that the new form has a cell for; the rest is listed as left behind."""
    cells = _cells(master, asn)
    isian: Isian = {}
    for sheet, attr, headers in _LEMBAR:
        lembar = getattr(read, attr)
        carried = {}
        for (kode, header), (value, ref) in _entries(lembar, headers).items():
            if kode not in cells[sheet]:
                why = "indikator" if sheet == F.SHEET_PENGUKURAN else "kegiatan"
                alasan = f"{why} {kode} tidak ada lagi di master"
            elif header not in cells[sheet][kode]:
                t = F.P_REALISASI.index(header) + 1
                alasan = f"triwulan {ROMAWI[t]} tidak diukur lagi untuk {kode}"
            else:
                if sheet == F.SHEET_PENGUKURAN and ref in read.persen and isinstance(value, (int, float)):
                    value = value * 100  # "85%" typed in Excel: kompilasi reads 85, so does the new form
                carried[(kode, header)] = value
                continue
            hasil.tertinggal.append(NilaiTertinggal(asn.nip, asn.nama, sheet, kode, header, value, alasan))
        isian[sheet] = carried
    return isian


def _cari_pindahan(out_dir: Path, dests: set[str], nips: set[str], tahun: int) -> dict[str, tuple[Path, Any]]:
    """Forms of ``nips`` elsewhere under ``out_dir`` (their name or unit changed in the master since):
    NIP → (path, what was read), the newest file when there are several."""
    found: dict[str, tuple[float, Path, Any]] = {}
    for root, dirs, names in os.walk(out_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != F.FOLDER_CADANGAN)
        for name in sorted(names):
            path = Path(root) / name
            if (not name.lower().endswith(".xlsx") or name.startswith(("~$", ".")) or path.is_symlink()
                    or str(path).casefold() in dests):
                continue
            try:
                read = _baca(path)
            except OSError:  # unreadable: not a form we could carry from; left where it is
                continue
            if read.nip in nips and read.tahun == tahun and read.pengukuran is not None:
                if read.nip not in found or read.mtime > found[read.nip][0]:
                    found[read.nip] = (read.mtime, path, read)
    return {nip: (path, read) for nip, (_, path, read) in found.items()}


def _rencana(master: Master, asn: ASN, dest: Path, hasil: HasilFormat,
             pindahan: Optional[tuple[Path, Any]] = None) -> Optional[_Rencana]:
    if not os.path.lexists(dest):
        if pindahan is None:
            return _Rencana(asn, dest, "baru")
        source, read = pindahan
        terisi = any(_entries(getattr(read, attr), headers) for _, attr, headers in _LEMBAR)
        where = source.relative_to(hasil.folder).as_posix()
        return _Rencana(asn, dest, "ganti", isian=_carry(master, asn, read, hasil), terisi=terisi,
                        alasan=f"dipindah dari {where}: nama atau unit berubah di master", sumber=source)
    if dest.is_dir() or dest.is_symlink() or not dest.is_file():
        hasil.dilewati.append((dest, "di jalur formulir ada folder, tautan atau berkas khusus; "
                                     "pindahkan lalu jalankan lagi"))
        return None
    try:
        read = _baca(dest)
    except OSError as exc:
        hasil.dilewati.append((dest, f"berkas yang ada tidak dapat dibaca ({uraian_os(exc)})"))
        return None
    tahun = master.pengaturan.tahun
    terisi = any(_entries(getattr(read, attr), headers) for _, attr, headers in _LEMBAR)
    if read.pengukuran is None:
        return _Rencana(asn, dest, "ganti", alasan="bukan formulir poskinerja yang dapat dibaca")
    if read.nip != asn.nip:
        return _Rencana(asn, dest, "ganti", terisi=terisi, alasan=f"formulir milik NIP {read.nip or '?'}")
    if read.tahun != tahun:
        return _Rencana(asn, dest, "ganti", terisi=terisi, alasan=f"formulir tahun {read.tahun}")
    fresh = F.sidik(master.indikator.get(asn.nip, []), master.kegiatan.get(asn.nip, []))
    if read.sidik == fresh and read.versi == F.VERSI_FORMULIR:
        stored = _sidik_tampilan_tersimpan(dest)
        if stored is None or stored == sidik_tampilan(master, asn):
            return _Rencana(asn, dest, "tetap", terisi=terisi)
    alasan = "master berubah" if read.versi == F.VERSI_FORMULIR else f"formulir versi lama ({read.versi})"
    return _Rencana(asn, dest, "ganti", isian=_carry(master, asn, read, hasil), terisi=terisi, alasan=alasan)


# --- writing the carried values into a new form -------------------------------------------

def tulis_isian(wb, master: Master, asn: ASN, isian: Isian) -> None:
    """Put carried values into the input cells of a form being written (before ``wb.close()``).

    Each value keeps the input cell's own format; a cell that is not an input cell of this
    form is a planning error, never silently overwritten.
    """
    items = {F.SHEET_PENGUKURAN: (F.PENGUKURAN_HEADERS, master.indikator.get(asn.nip, [])),
             F.SHEET_PEMANTAUAN: (F.PEMANTAUAN_HEADERS, master.kegiatan.get(asn.nip, []))}
    for sheet, values in isian.items():
        if not values:
            continue
        ws = wb.get_worksheet_by_name(sheet)
        headers, rows = items[sheet]
        row_of = {item.kode: F.HEADER_ROW + 1 + i for i, item in enumerate(rows)}
        for (kode, header), value in values.items():
            r, c = row_of[kode], headers.index(header)
            fmt = getattr(ws.table.get(r, {}).get(c), "format", None)
            if fmt is None or fmt.locked:
                raise ValueError(f"{sheet}!{cell_ref(r, c)} bukan sel isian ({kode}, {header})")
            _tulis_nilai(ws, r, c, value, fmt)


def _tulis_nilai(ws, r: int, c: int, value: Any, fmt) -> None:
    if isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)) and math.isfinite(value):
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, (dt.date, dt.time, dt.timedelta)):
        ws.write_datetime(r, c, value, fmt)
    else:  # text as typed (also "1,5" or "-" in a number cell: kompilasi judges it, not us)
        ws.write_string(r, c, str(value), fmt)


def _tulis(job: tuple[Master, list[tuple[ASN, Path, Isian]]]) -> list[Path]:
    master, items = job
    return [tulis_formulir(master, asn, dest, isian=isian) for asn, dest, isian in items]


def _tulis_semua(master: Master, jobs: list[tuple[ASN, Path, Isian]], proses: Optional[int]) -> None:
    workers = proses or ((os.cpu_count() or 1) if len(jobs) >= 64 else 1)
    if workers <= 1:
        _tulis((master, jobs))
        return
    size = max(1, -(-len(jobs) // (workers * 4)))
    chunks = [(master, jobs[i:i + size]) for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=ikat_ke_induk) as pool:  # end with us
        list(pool.map(_tulis, chunks))


def _tmp_beside(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~tmp-", suffix=dest.suffix, dir=dest.parent)
    os.close(fd)
    return Path(tmp)


def perbarui_formulir(master: Master, out_dir: Path | str, unit: Optional[str] = None,
                      nip: Optional[str] = None, proses: Optional[int] = None) -> HasilFormat:
    """Write or update the forms of the selected ASN under ``out_dir/<kode_unit>/``.

    A form is replaced only after its replacement is fully written, and the old file is moved
    (never copied and deleted) into ``out_dir/_cadangan/<kode_unit>/`` first.
    """
    out_dir = Path(out_dir)
    hasil = HasilFormat(out_dir)
    taken: dict[str, int] = {}
    dests = [(asn, unique_path(F.form_path(out_dir, asn), taken)) for asn in master.pilih_asn(unit, nip)]
    missing = {asn.nip for asn, dest in dests if not os.path.lexists(dest)}
    pindahan = (_cari_pindahan(out_dir, {str(d).casefold() for _, d in dests}, missing, master.pengaturan.tahun)
                if missing and out_dir.is_dir() else {})
    plans = []
    for asn, dest in dests:
        plan = _rencana(master, asn, dest, hasil, pindahan.get(asn.nip))
        if plan is not None:
            plans.append(plan)
    try:
        jobs = []
        for plan in plans:
            if plan.jenis == "ganti":
                plan.tmp = _tmp_beside(plan.dest)
                jobs.append((plan.asn, plan.tmp, plan.isian))
            elif plan.jenis == "baru":
                jobs.append((plan.asn, plan.dest, {}))
        _tulis_semua(master, jobs, proses)
        for plan in plans:
            _selesaikan(plan, out_dir, hasil)
    finally:
        for plan in plans:
            if plan.tmp is not None:
                with contextlib.suppress(OSError):
                    plan.tmp.unlink()
    return hasil


@contextlib.contextmanager
def _tanpa_sela():
    """Hold Ctrl-C / SIGTERM until the block is done (POSIX; elsewhere the window is two renames)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _selesaikan(plan: _Rencana, out_dir: Path, hasil: HasilFormat) -> None:
    """Record the outcome; for a replaced form, move the old file away, then the new one in."""
    from ..berkas.cadangan import cadangkan

    if plan.jenis == "baru":
        hasil.baru.append(plan.dest)
    elif plan.jenis == "tetap":
        (hasil.dipertahankan if plan.terisi else hasil.tidak_berubah).append(plan.dest)
    else:
        old = plan.sumber or plan.dest
        folder = out_dir / F.FOLDER_CADANGAN / old.parent.relative_to(out_dir)
        with _tanpa_sela():  # Ctrl-C between the two renames would leave no form at its path
            try:
                backup = cadangkan(old, folder, pindah=True)
            except OSError as exc:
                hasil.dilewati.append((plan.dest, f"berkas lama tidak dapat dipindahkan ke cadangan "
                                                  f"({uraian_os(exc)}); formulir ini tidak diperbarui"))
                return
            try:
                os.replace(plan.tmp, plan.dest)
            except OSError as exc:
                try:
                    os.replace(backup, old)  # put the old form back where its owner left it
                    where = "berkas lama tetap di tempatnya"
                except OSError:
                    where = f"berkas lama ada di {backup}"
                hasil.dilewati.append((plan.dest, f"formulir baru tidak dapat ditulis ({uraian_os(exc)}); {where}"))
                return
            plan.tmp = None
        hasil.cadangan.append((old, backup, plan.alasan))
        hasil.diperbarui.append(plan.dest)
        if any(plan.isian.values()):
            hasil.dibawa.append(plan.dest)
    hasil.berkas.append(plan.dest)
