"""History across years from archived recaps (the ``Data`` sheets of ``Rekap Kinerja <tahun> TW<n>.xlsx``).

Each year's annual value of an indicator is rebuilt from that year's quarterly
Data rows with the same period arithmetic as the semester report (``periode``):
kumulatif → the last measured quarter, tidak kumulatif → the sum. Indicators
are matched across years by ``kode_indikator`` (a renamed indicator with the
same code is the same indicator); when a code is held by several people the
same NIP, then the same unit, is preferred. A year without that code is matched
by the cascade instead: the one indicator of the same person with the same
``kode_induk`` and unit of measure (recaps that carry ``kode_induk``). A year or
quarter that is missing is said to be missing, never filled in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Optional

from ..inti import angka
from ..inti.model import (RULES, ROMAWI, STATUS_OK, STATUS_TIDAK_DIUKUR, TARGET_NOL_BAKU, TARGET_NOL_DIHITUNG,
                    TARGET_NOL_TIDAK, TRIWULAN, Indikator)
from ..inti.periode import realisasi_periode
from ..berkas.xlsx_baca import BerkasTidakTerbaca, find_sheet, open_workbook, read_grid, text
from ..inti.galat import PoskinerjaGagal

REKAP_NAME = re.compile(r"^Rekap Kinerja (\d{4}) TW([1-4])\.xlsx$", re.IGNORECASE)
TAHUN_RIWAYAT = 5  # earlier years shown per indicator, where they exist
_NUMBERS = ("tahun", "triwulan", "target", "realisasi", "capaian", "target_tahun", "bobot")


class RiwayatGagal(PoskinerjaGagal, ValueError):
    """A recap that cannot be read (message in Bahasa Indonesia, naming the file)."""


@dataclass
class NilaiTahun:
    """One indicator's annual figures in one year, with where they came from."""
    tahun: int
    kode_indikator: str
    indikator: str = ""
    satuan: str = ""
    nip: str = ""
    kode_unit: str = ""
    target: Optional[float] = None
    realisasi: Optional[float] = None
    capaian: Optional[float] = None
    rumus_capaian: str = ""
    kumulatif: bool = False
    kode_induk: str = ""
    keterangan: str = ""  # why a value is missing ("" when complete)
    sumber: list[str] = field(default_factory=list)  # "<file> Data baris <n>" for every row used

    @property
    def ada(self) -> bool:
        return self.realisasi is not None


def cari_rekap(folders: Iterable[Path | str]) -> dict[int, dict[int, Path]]:
    """Recaps under ``folders`` (searched recursively, backups skipped): {tahun: {triwulan: path}}.
    When a quarter's recap exists twice the most recently saved one is used."""
    found: dict[int, dict[int, Path]] = {}
    for folder in folders:
        folder = Path(folder)
        candidates = [folder] if folder.is_file() else sorted(folder.rglob("*.xlsx"))
        for path in candidates:
            match = REKAP_NAME.match(path.name)
            if not match or "_cadangan" in path.parts or path.name.startswith("~$"):
                continue
            tahun, tw = int(match.group(1)), int(match.group(2))
            old = found.setdefault(tahun, {}).get(tw)
            if old is None or path.stat().st_mtime > old.stat().st_mtime:
                found[tahun][tw] = path
    return dict(sorted(found.items()))


def buka_rekap(path: Path | str):
    """A recap workbook, opened (and its bounds checked) once for all the sheets read from it."""
    path = Path(path)
    try:
        return open_workbook(path)
    except BerkasTidakTerbaca as exc:
        raise RiwayatGagal(f"{path.name}: tidak dapat dibaca ({exc}).") from None


def _baca(path: Path, sheet_name: str, kunci: str, wajib: tuple[str, ...], angka_kolom: tuple[str, ...],
          judul: Optional[dict[str, str]] = None, wb=None) -> list[dict[str, Any]]:
    """Rows of one recap sheet: text as text, ``angka_kolom`` as floats, each with ``_baris``/``_berkas``."""
    wb = wb if wb is not None else buka_rekap(path)
    try:
        sheet = find_sheet(wb, sheet_name)
        if sheet is None:
            raise RiwayatGagal(f"{path.name}: lembar {sheet_name} tidak ada; bukan rekap kompilasi poskinerja.")
        grid = read_grid(wb, sheet)
    except BerkasTidakTerbaca as exc:
        raise RiwayatGagal(f"{path.name}: tidak dapat dibaca ({exc}).") from None
    header = [text(v).lower() for v in grid[0]] if grid else []
    header = [(judul or {}).get(h, h) for h in header]  # sheets written with readable column titles
    if any(c not in header for c in wajib):
        raise RiwayatGagal(f"{path.name}: lembar {sheet_name} tidak memuat kolom {' dan '.join(wajib)}.")
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        row: dict[str, Any] = {h: (values[i] if i < len(values) else None) for i, h in enumerate(header) if h}
        if not text(row.get(kunci)):
            continue
        for key in list(row):
            row[key] = angka.parse(row[key]).nilai if key in angka_kolom else text(row[key])
        row["_baris"], row["_berkas"] = number, path.name
        rows.append(row)
    return rows


def baca_data(path: Path | str, wb=None) -> list[dict[str, Any]]:
    """The rows of a recap's ``Data`` sheet, numbers as floats, each with ``_baris`` (its Excel row)."""
    rows = _baca(Path(path), "Data", "kode_indikator", ("kode_indikator", "realisasi"), _NUMBERS, wb=wb)
    for row in rows:
        for key in _NUMBERS:
            row.setdefault(key, None)
    return rows


def baca_pemantauan(path: Path | str, wb=None) -> list[dict[str, Any]]:
    """The rows of a recap's ``Pemantauan`` sheet (activities: output, budget to date, status, kendala)."""
    from ..kompilasi.rekap_xlsx import PEMANTAUAN_COLUMNS, label

    return _baca(Path(path), "Pemantauan", "kode_kegiatan", ("kode_kegiatan", "pagu"),
                 ("triwulan", "target_output", "realisasi_output", "pagu", "realisasi_anggaran", "serapan",
                  "serapan_acuan"), {label(c).lower(): c for c in PEMANTAUAN_COLUMNS}, wb=wb)


def data_per_indikator(recaps: dict[int, Path], buku: Optional[dict[int, Any]] = None
                       ) -> dict[tuple[str, str], dict[int, dict[str, Any]]]:
    """One year's Data rows by (nip, kode_indikator), then by quarter; ``buku``: recaps already opened."""
    by_key: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}
    for tw, path in sorted(recaps.items()):
        for row in baca_data(path, (buku or {}).get(tw)):
            by_key.setdefault((row["nip"], row["kode_indikator"]), {})[tw] = row
    return by_key


def _target_nol(quarters: dict[int, dict[str, Any]]) -> str:
    """The target-0 rule the recap applied, seen in its rows: a usable quarter with target 0 that got a
    capaian was counted (``dihitung``); one left without was not. Default as the master's default."""
    for row in quarters.values():
        if row.get("status") == STATUS_OK and row.get("target") == 0:
            return TARGET_NOL_DIHITUNG if row.get("capaian") is not None else TARGET_NOL_TIDAK
    return TARGET_NOL_BAKU


def _rule(row: dict[str, Any], nol: str = TARGET_NOL_BAKU):
    """The capaian rule a recap row states it used (its ``rumus_capaian``), else by polarity, with the
    target-0 rule ``nol``."""
    stated = row.get("rumus_capaian") or ""
    for rule in RULES.values():
        if stated == rule.rumus or stated.startswith(rule.rumus + ";"):
            return replace(rule, target_nol=nol)
    return replace(RULES["positif" if row.get("polaritas") != "-" else "selisih"], target_nol=nol)


def nilai_tahun(tahun: int, quarters: dict[int, dict[str, Any]], recaps: dict[int, Path]) -> NilaiTahun:
    """The annual value of one indicator from its Data rows per quarter (``{tw: row}``)."""
    last = quarters[max(quarters)]
    hasil = NilaiTahun(tahun, last["kode_indikator"], last.get("indikator", ""), last.get("satuan", ""),
                       last.get("nip", ""), last.get("kode_unit", ""), target=last.get("target_tahun"),
                       kumulatif=last.get("kumulatif") == "ya", kode_induk=last.get("kode_induk") or "",
                       rumus_capaian=last.get("rumus_capaian") or _rule(last).rumus)
    hasil.sumber = [f"{r['_berkas']} Data baris {r['_baris']}" for _, r in sorted(quarters.items())]
    absent = [tw for tw in TRIWULAN if tw not in recaps]
    if absent:
        hasil.keterangan = "rekap " + ", ".join(f"TW {ROMAWI[tw]}" for tw in absent) + f" {tahun} tidak ada"
        return hasil
    # A quarter is measured when its row says so; the periode rules then pick the rows needed.
    target_tw = tuple(None if quarters.get(tw, {}).get("status") in (None, STATUS_TIDAK_DIUKUR)
                      else (quarters[tw].get("target") or 0.0) for tw in TRIWULAN)
    ind = Indikator(hasil.nip, hasil.kode_indikator, "", hasil.indikator, hasil.satuan,
                    last.get("polaritas") or "+", hasil.kumulatif, hasil.target or 0.0, target_tw)
    usable = {tw: r.get("realisasi") for tw, r in quarters.items() if r.get("status") == STATUS_OK}
    hasil.realisasi = realisasi_periode(ind, usable, TRIWULAN)
    if hasil.realisasi is None:
        measured = [tw for tw in TRIWULAN if target_tw[tw - 1] is not None]
        needed = measured[-1:] if hasil.kumulatif else measured  # the quarters the periode rule reads
        missing = [tw for tw in needed if tw not in usable]
        hasil.keterangan = ("realisasi " + ", ".join(f"TW {ROMAWI[tw]}" for tw in missing) + " tidak ada"
                            if missing else "tidak diukur")
        return hasil
    if hasil.target is not None:
        hasil.capaian = _rule(last, _target_nol(quarters)).compute(hasil.target, hasil.realisasi)
    return hasil


def nilai_per_tahun(folders: Iterable[Path | str], sebelum: Optional[int] = None
                    ) -> dict[int, dict[tuple[str, str], NilaiTahun]]:
    """Every year's annual values: {tahun: {(nip, kode_indikator): NilaiTahun}}; with ``sebelum``,
    only the years before it (their recaps alone are read)."""
    result: dict[int, dict[tuple[str, str], NilaiTahun]] = {}
    for tahun, recaps in cari_rekap(folders).items():
        if sebelum is None or tahun < sebelum:
            result[tahun] = {key: nilai_tahun(tahun, q, recaps)
                             for key, q in data_per_indikator(recaps).items()}
    return result


def cocokkan(values: dict[tuple[str, str], NilaiTahun], kode: str, nip: str = "",
             kode_unit: str = "", kode_induk: str = "", satuan: str = "") -> Optional[NilaiTahun]:
    """The value of indicator ``kode`` in one year: by code, the same NIP or unit preferred; without that
    code, the single indicator of the same NIP under the same ``kode_induk`` with the same unit."""
    same = [v for (n, k), v in values.items() if k == kode]
    if not same:
        if not kode_induk:
            return None
        cascade = [v for (n, _), v in values.items()
                   if n == nip and v.kode_induk == kode_induk and v.satuan == satuan]
        return cascade[0] if len(cascade) == 1 else None
    for prefer in (lambda v: v.nip == nip, lambda v: v.kode_unit == kode_unit):
        chosen = [v for v in same if prefer(v)]
        if chosen:
            return chosen[0]
    return same[0]


@dataclass
class Riwayat:
    """One indicator over the years, oldest first; ``None`` where a year has no recap or no such code."""
    kode_indikator: str
    indikator: str
    satuan: str
    tahun: list[int]
    nilai: list[Optional[NilaiTahun]]

    def celah(self) -> list[str]:
        """Each gap stated in Bahasa Indonesia."""
        notes = []
        for year, v in zip(self.tahun, self.nilai):
            if v is None:
                notes.append(f"{year}: data tidak tersedia")
            elif not v.ada:
                notes.append(f"{year}: {v.keterangan}")
        return notes


def riwayat_indikator(per_tahun: dict[int, dict[tuple[str, str], NilaiTahun]], ind: Indikator, tahun: int,
                      kode_unit: str = "", jumlah: int = TAHUN_RIWAYAT) -> Riwayat:
    """``ind`` in the ``jumlah`` years before ``tahun`` and in ``tahun`` itself."""
    years = list(range(tahun - jumlah, tahun + 1))
    values = [cocokkan(per_tahun.get(y, {}), ind.kode, ind.nip, kode_unit, ind.kode_induk, ind.satuan)
              if y in per_tahun else None for y in years]
    # years before the first one with any recap at all are outside the archive, not gaps
    first = next((i for i, y in enumerate(years) if y in per_tahun), len(years) - 1)
    return Riwayat(ind.kode, ind.indikator, ind.satuan, years[first:], values[first:])
