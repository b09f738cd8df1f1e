"""Reading and validating the master workbook (the ▶ master contract).

Every problem is collected, not just the first: ``baca_master`` returns the
Master (None when unusable) with the full list of Temuan, each naming the
sheet, row and column.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from . import angka
from .model import (ASN, Indikator, Kegiatan, Master, NEGATIVE_RULES, Pengaturan,
                    SkalaPredikat, Unit)
from .temuan import Temuan, buat
from .xlsx_baca import (BerkasTidakTerbaca, col_letter, find_sheet, open_workbook, read_grid,
                        text)

SHEETS: dict[str, tuple[str, ...]] = {
    "Pengaturan": ("kunci", "nilai"),
    "Predikat": ("batas_bawah", "predikat"),
    "Unit": ("kode_unit", "nama_unit", "jenis", "nip_kepala"),
    "ASN": ("nip", "nama", "jabatan", "kode_unit", "nip_atasan"),
    "Indikator": ("nip", "kode_indikator", "sasaran", "indikator", "satuan", "polaritas",
                  "kumulatif", "target_tahun", "target_tw1", "target_tw2", "target_tw3",
                  "target_tw4"),
    "Kegiatan": ("nip", "kode_kegiatan", "program", "kegiatan", "output", "satuan_output",
                 "bulan_mulai", "bulan_selesai", "target_output_tw1", "target_output_tw2",
                 "target_output_tw3", "target_output_tw4", "pagu"),
}
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "ASN": ("tanggal_sah",),
    "Indikator": ("bobot", "realisasi_tahun_lalu", "kode_induk",
                  "target_renstra", "tahun_renstra", "standar_nasional", "sumber_standar", "aturan_turunan"),
    "Kegiatan": ("kode_indikator",),
}
OPTIONAL_SHEETS = {"Libur": ("tanggal", "keterangan"),
                   "RTL": ("id", "tahun_asal", "kode_unit", "kode_indikator", "rekomendasi", "status",
                           "tindak_lanjut")}
JENIS_UNIT = ("subbagian", "seksi", "kelompok fungsional", "pimpinan")
REQUIRED_SETTINGS = ("nama_lembaga", "kota", "tahun", "kepala_nama", "kepala_nip")
_TOLERANCE = 1e-6


class MasterTidakValid(Exception):
    """The master cannot be used; ``temuan`` lists every problem."""

    def __init__(self, temuan: list[Temuan]):
        super().__init__(f"Master tidak dapat dipakai: {len(temuan)} masalah.")
        self.temuan = temuan


@dataclass
class _Row:
    """One data row of a master sheet, with enough to point at its cells."""
    sheet: str
    number: int  # 1-based Excel row
    values: dict[str, Any]
    columns: dict[str, int]

    def where(self, column: str) -> tuple[str, str]:
        """(sel, lokasi) for a column of this row."""
        letter = col_letter(self.columns[column]) if column in self.columns else "?"
        return (f"{letter}{self.number}",
                f"Lembar {self.sheet} baris {self.number} kolom {column} ({letter})")

    def text(self, column: str) -> str:
        return text(self.values.get(column))


class _Checker:
    def __init__(self, path: Path):
        self.file = path.name
        self.temuan: list[Temuan] = []

    def add(self, kode: str, row: Optional[_Row] = None, column: str = "", **fields) -> None:
        sheet = fields.pop("sheet", row.sheet if row else "")
        sel, lokasi = row.where(column) if row else ("", f"Lembar {sheet}")
        fields.setdefault("kolom", column)
        self.temuan.append(buat(kode, file=self.file, sheet=sheet, sel=sel, lokasi=lokasi, **fields))

    def number(self, row: _Row, column: str, required: bool) -> Optional[float]:
        value = row.values.get(column)
        parsed = angka.parse(value)
        if parsed.status == angka.KOSONG:
            if required:
                self.add("MASTER_WAJIB_KOSONG", row, column)
            return None
        if parsed.status == angka.TIDAK_VALID:
            self.add("MASTER_ANGKA_TIDAK_VALID", row, column, mentah=text(value), alasan="")
            return None
        if parsed.nilai < 0:
            self.add("MASTER_ANGKA_TIDAK_VALID", row, column, mentah=text(value),
                     alasan=" yang tidak negatif")
            return None
        return parsed.nilai

    def required(self, row: _Row, *columns: str) -> None:
        for column in columns:
            if not row.text(column):
                self.add("MASTER_WAJIB_KOSONG", row, column)

    def nip(self, row: _Row, column: str) -> str:
        """The NIP in ``column`` as text, reporting it when malformed."""
        value = row.values.get(column)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.add("MASTER_NIP_TIDAK_VALID", row, column, mentah=text(value),
                     alasan="tersimpan sebagai angka (Excel hanya menyimpan 15 digit); "
                            "format kolom sebagai Teks lalu ketik ulang")
            return text(value)
        nip = text(value).replace(" ", "")
        problem = nip_problem(nip)
        if problem:
            self.add("MASTER_NIP_TIDAK_VALID", row, column, mentah=text(value), alasan=problem)
        return nip


def nip_problem(nip: str) -> str:
    """Why ``nip`` is not a structurally valid NIP, or "" when it is."""
    if len(nip) != 18 or not nip.isdigit():
        return "harus 18 digit angka"
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"tanggal lahir {nip[6:8]}-{nip[4:6]}-{nip[0:4]} tidak ada"
    if not 1900 <= born.year <= dt.date.today().year - 15:
        return f"tahun lahir {born.year} tidak mungkin"
    if not 1 <= int(nip[12:14]) <= 12:
        return f"bulan pengangkatan {nip[12:14]} tidak ada"
    if int(nip[8:12]) < born.year + 15:
        return f"tahun pengangkatan {nip[8:12]} terlalu dekat dengan tahun lahir"
    if nip[14] not in "12":
        return f"digit jenis kelamin {nip[14]} harus 1 atau 2"
    return ""


def _read_sheet(workbook, checker: _Checker, name: str, required_columns: tuple[str, ...],
                optional_columns: tuple[str, ...] = ()) -> Optional[list[_Row]]:
    real = find_sheet(workbook, name)
    if real is None:
        checker.add("MASTER_LEMBAR_HILANG", sheet=name)
        return None
    grid = read_grid(workbook, real)
    header = [text(v).lower() for v in grid[0]] if grid else []
    columns = {h: i for i, h in reversed(list(enumerate(header))) if h}
    missing = [c for c in required_columns if c not in columns]
    for column in missing:
        checker.add("MASTER_KOLOM_HILANG", sheet=name, kolom=column)
    if missing:
        return None
    wanted = required_columns + tuple(c for c in optional_columns if c in columns)
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append(_Row(name, number, {c: values[columns[c]] if columns[c] < len(values) else None
                                        for c in wanted}, columns))
    return rows


def baca_master(path: Path | str) -> tuple[Optional[Master], list[Temuan]]:
    """Read and validate a master workbook. Master is None when any problem is found."""
    path = Path(path)
    checker = _Checker(path)
    try:
        workbook = open_workbook(path)
        sheets = {name: _read_sheet(workbook, checker, name, cols, OPTIONAL_COLUMNS.get(name, ()))
                  for name, cols in SHEETS.items()}
        libur_rows = (_read_sheet(workbook, checker, "Libur", OPTIONAL_SHEETS["Libur"])
                      if find_sheet(workbook, "Libur") else [])
        rtl_rows = (_read_sheet(workbook, checker, "RTL", OPTIONAL_SHEETS["RTL"][:1],
                                OPTIONAL_SHEETS["RTL"][1:]) if find_sheet(workbook, "RTL") else [])
    except BerkasTidakTerbaca as exc:
        return None, [buat("FILE_RUSAK", file=path.name, alasan=str(exc))]
    if any(rows is None for rows in sheets.values()):
        return None, checker.temuan

    pengaturan = _pengaturan(checker, sheets["Pengaturan"])
    skala = _skala(checker, sheets["Predikat"])
    asn_rows = sheets["ASN"]
    asn: dict[str, ASN] = {}
    nip_row: dict[str, int] = {}
    for row in asn_rows:
        checker.required(row, "nama")
        nip = checker.nip(row, "nip")
        if nip in nip_row:
            checker.add("MASTER_NIP_GANDA", row, "nip", nip=nip, baris_lain=nip_row[nip])
            continue
        nip_row[nip] = row.number
        tanggal_sah = None
        if row.values.get("tanggal_sah") not in (None, ""):
            tanggal_sah = angka.parse_tanggal(row.values["tanggal_sah"])
            if tanggal_sah is None:
                checker.add("MASTER_ANGKA_TIDAK_VALID", row, "tanggal_sah",
                            mentah=row.text("tanggal_sah"), alasan=" atau tanggal yang dapat dibaca")
        asn[nip] = ASN(nip, row.text("nama"), row.text("jabatan"), row.text("kode_unit"),
                       row.text("nip_atasan").replace(" ", ""), tanggal_sah)

    unit: dict[str, Unit] = {}
    for row in sheets["Unit"]:
        checker.required(row, "kode_unit", "nama_unit")
        jenis = row.text("jenis").lower()
        if jenis not in JENIS_UNIT:
            checker.add("MASTER_PILIHAN_TIDAK_VALID", row, "jenis", mentah=row.text("jenis"),
                        pilihan=", ".join(JENIS_UNIT))
        kepala = row.text("nip_kepala").replace(" ", "")
        if kepala and kepala not in asn:
            checker.add("MASTER_NIP_TIDAK_DIKENAL", row, "nip_kepala", nip=kepala)
        unit[row.text("kode_unit")] = Unit(row.text("kode_unit"), row.text("nama_unit"), jenis, kepala)

    for row in asn_rows:
        nip = text(row.values.get("nip")).replace(" ", "")
        if nip not in asn or nip_row.get(nip) != row.number:
            continue
        if asn[nip].kode_unit not in unit:
            checker.add("MASTER_UNIT_TIDAK_DIKENAL", row, "kode_unit", kode_unit=asn[nip].kode_unit)
        atasan = asn[nip].nip_atasan
        if atasan and atasan not in asn:
            checker.add("MASTER_NIP_TIDAK_DIKENAL", row, "nip_atasan", nip=atasan)

    indikator = _indikator(checker, sheets["Indikator"], asn)
    kegiatan = _kegiatan(checker, sheets["Kegiatan"], asn)
    libur = {}
    for row in libur_rows or []:
        tanggal = angka.parse_tanggal(row.values.get("tanggal"))
        if tanggal is None:
            checker.add("MASTER_ANGKA_TIDAK_VALID", row, "tanggal", mentah=row.text("tanggal"),
                        alasan=" atau tanggal yang dapat dibaca")
        else:
            libur[tanggal] = row.text("keterangan")
    _check_kegiatan_indikator(checker, sheets["Kegiatan"], indikator)
    rtl = _rtl(checker, rtl_rows or [], unit)
    if checker.temuan or pengaturan is None:
        return None, checker.temuan
    return Master(pengaturan, skala, unit, asn, indikator, kegiatan, libur, rtl), []


def muat_master(path: Path | str) -> Master:
    """Read the master or raise MasterTidakValid with every problem."""
    master, temuan = baca_master(path)
    if master is None:
        raise MasterTidakValid(temuan)
    return master


def _pengaturan(checker: _Checker, rows: list[_Row]) -> Optional[Pengaturan]:
    values: dict[str, Any] = {}
    where: dict[str, _Row] = {}
    for row in rows:
        key = row.text("kunci").lower()
        values[key], where[key] = row.values.get("nilai"), row

    def problem(key: str, alasan: str) -> None:
        checker.add("MASTER_PENGATURAN", where.get(key), "nilai" if key in where else "",
                    sheet="Pengaturan", kunci=key, alasan=alasan)

    for key in REQUIRED_SETTINGS:
        if text(values.get(key)) == "":
            problem(key, "wajib diisi")
    tahun = angka.parse(values.get("tahun")).nilai
    if tahun is None or not tahun.is_integer() or not 2000 <= tahun <= 2100:
        problem("tahun", "harus tahun empat digit, mis. 2026")
    rumus = text(values.get("rumus_polaritas_negatif")).lower() or "selisih"
    if rumus not in NEGATIVE_RULES:
        problem("rumus_polaritas_negatif", f"harus {' atau '.join(NEGATIVE_RULES)}")
    batas = None
    if text(values.get("batas_capaian")):
        batas = angka.parse(values.get("batas_capaian")).nilai
        if batas is None or batas <= 0:
            problem("batas_capaian", "harus angka persen lebih dari 0 (mis. 120), atau kosong")
    deadlines = []
    for tw in (1, 2, 3, 4):
        raw = values.get(f"batas_tw{tw}")
        date = angka.parse_tanggal(raw)
        if text(raw) and date is None:
            problem(f"batas_tw{tw}", "harus tanggal (mis. 10/04/2026)")
        deadlines.append(date)
    mulai_raw = values.get("tanggal_mulai_anggaran")
    mulai = angka.parse_tanggal(mulai_raw)
    if text(mulai_raw) and mulai is None:
        problem("tanggal_mulai_anggaran", "harus tanggal (mis. 02/01/2026)")
    renstra = _tahun_akhir_renstra(values, problem, int(tahun or 0))
    if checker.temuan and any(t.sheet == "Pengaturan" for t in checker.temuan):
        return None
    get = lambda k: text(values.get(k))  # noqa: E731
    return Pengaturan(
        nama_lembaga=get("nama_lembaga"), kota=get("kota"), tahun=int(tahun),
        kepala_nama=get("kepala_nama"), kepala_nip=get("kepala_nip"),
        kasubbag_nama=get("kasubbag_nama"), kasubbag_nip=get("kasubbag_nip"),
        rumus_polaritas_negatif=rumus, batas_capaian=batas, batas_tw=tuple(deadlines),
        atasan_kepala_nama=get("atasan_kepala_nama"), atasan_kepala_nip=get("atasan_kepala_nip"),
        atasan_kepala_jabatan=get("atasan_kepala_jabatan"),
        tanggal_mulai_anggaran=mulai or dt.date(int(tahun), 1, 1),
        tahun_akhir_renstra=renstra)


def _skala(checker: _Checker, rows: list[_Row]) -> SkalaPredikat:
    levels = []
    for row in rows:
        bound = checker.number(row, "batas_bawah", required=True)
        checker.required(row, "predikat")
        if bound is not None:
            levels.append((bound, row.text("predikat")))
    return SkalaPredikat.dari(levels)


def _owner(checker: _Checker, row: _Row, asn: dict[str, ASN]) -> str:
    nip = text(row.values.get("nip")).replace(" ", "")
    if nip not in asn:
        checker.add("MASTER_NIP_TIDAK_DIKENAL", row, "nip", nip=nip)
    return nip


def _choice(checker: _Checker, row: _Row, column: str, choices: dict[str, Any]) -> Any:
    raw = row.text(column).lower()
    if raw not in choices:
        checker.add("MASTER_PILIHAN_TIDAK_VALID", row, column, mentah=row.text(column),
                    pilihan=", ".join(dict.fromkeys(str(k) for k in choices)))
    return choices.get(raw)


def _indikator(checker: _Checker, rows: list[_Row], asn: dict[str, ASN]) -> dict[str, list[Indikator]]:
    result: dict[str, list[Indikator]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        nip = _owner(checker, row, asn)
        kode = row.text("kode_indikator")
        checker.required(row, "kode_indikator", "indikator", "satuan")
        if (nip, kode) in seen:
            checker.add("MASTER_KODE_GANDA", row, "kode_indikator", kode_baris=kode, nip=nip,
                        baris_lain=seen[(nip, kode)])
            continue
        seen[(nip, kode)] = row.number
        polaritas = _choice(checker, row, "polaritas", {"+": "+", "-": "-"})
        kumulatif = _choice(checker, row, "kumulatif", {"ya": True, "tidak": False})
        tahun = checker.number(row, "target_tahun", required=True)
        tw = tuple(checker.number(row, f"target_tw{i}", required=False) for i in (1, 2, 3, 4))
        bobot = checker.number(row, "bobot", required=False) if "bobot" in row.values else None
        lalu = (checker.number(row, "realisasi_tahun_lalu", required=False)
                if "realisasi_tahun_lalu" in row.values else None)
        if tahun is not None and kumulatif is not None:
            _check_targets(checker, row, tahun, tw, kumulatif)
        result.setdefault(nip, []).append(Indikator(
            nip, kode, row.text("sasaran"), row.text("indikator"), row.text("satuan"),
            polaritas or "+", bool(kumulatif), tahun or 0.0, tw, bobot, lalu,
            row.text("kode_induk") if "kode_induk" in row.values else "",
            **_indikator_tambahan(checker, row, tahun)))
    return result


def _check_targets(checker: _Checker, row: _Row, tahun: float, tw: tuple, kumulatif: bool) -> None:
    given = [(i, t) for i, t in enumerate(tw, start=1) if t is not None]
    # A malformed quarterly target was already reported; do not pile on.
    if any(angka.parse(row.values.get(f"target_tw{i}")).status == angka.TIDAK_VALID for i in (1, 2, 3, 4)):
        return
    if not given:
        checker.add("MASTER_TARGET_TIDAK_SESUAI", row, "target_tw1",
                    alasan="semua target triwulan kosong; isi setidaknya satu triwulan")
        return
    if kumulatif:
        last_tw, last = given[-1]
        if abs(last - tahun) > _TOLERANCE * max(1.0, abs(tahun)):
            checker.add("MASTER_TARGET_TIDAK_SESUAI", row, f"target_tw{last_tw}",
                        alasan=f"indikator kumulatif: target TW {last_tw} ({angka.format_id(last)}) "
                               f"harus sama dengan target_tahun ({angka.format_id(tahun)})")
    else:
        total = sum(t for _, t in given)
        if abs(total - tahun) > _TOLERANCE * max(1.0, abs(tahun)):
            checker.add("MASTER_TARGET_TIDAK_SESUAI", row, "target_tahun",
                        alasan=f"indikator tidak kumulatif: jumlah target TW I–IV "
                               f"({angka.format_id(total)}) harus sama dengan target_tahun "
                               f"({angka.format_id(tahun)})")


def _month(checker: _Checker, row: _Row, column: str) -> Optional[int]:
    value = angka.parse(row.values.get(column)).nilai
    if value is None or not value.is_integer() or not 1 <= value <= 12:
        checker.add("MASTER_BULAN_TIDAK_VALID", row, column, mentah=row.text(column), alasan="")
        return None
    return int(value)


def _kegiatan(checker: _Checker, rows: list[_Row], asn: dict[str, ASN]) -> dict[str, list[Kegiatan]]:
    result: dict[str, list[Kegiatan]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        nip = _owner(checker, row, asn)
        kode = row.text("kode_kegiatan")
        checker.required(row, "kode_kegiatan", "kegiatan")
        if (nip, kode) in seen:
            checker.add("MASTER_KODE_GANDA", row, "kode_kegiatan", kode_baris=kode, nip=nip,
                        baris_lain=seen[(nip, kode)])
            continue
        seen[(nip, kode)] = row.number
        mulai, selesai = _month(checker, row, "bulan_mulai"), _month(checker, row, "bulan_selesai")
        if mulai and selesai and mulai > selesai:
            checker.add("MASTER_BULAN_TIDAK_VALID", row, "bulan_selesai", mentah=row.text("bulan_selesai"),
                        alasan=f" dan tidak sebelum bulan_mulai ({mulai})")
        targets = tuple(checker.number(row, f"target_output_tw{i}", required=False) for i in (1, 2, 3, 4))
        pagu = checker.number(row, "pagu", required=True)
        result.setdefault(nip, []).append(Kegiatan(
            nip, kode, row.text("program"), row.text("kegiatan"), row.text("output"),
            row.text("satuan_output"), mulai or 1, selesai or 12, targets, pagu or 0.0,
            kode_list(row.text("kode_indikator"))))
    return result


# --- optional additions of issue 16 (Renstra, national standard, cascade rule, activity links, RTL) ---

def kode_list(raw: str) -> tuple[str, ...]:
    """Several indicator codes in one cell, separated by commas or semicolons."""
    return tuple(dict.fromkeys(k.strip() for k in raw.replace(";", ",").split(",") if k.strip()))


def _year(value: Any) -> Optional[int]:
    number = angka.parse(value).nilai
    if number is None or not number.is_integer() or not 2000 <= number <= 2100:
        return None
    return int(number)


def _tahun_akhir_renstra(values: dict[str, Any], problem, tahun: int) -> Optional[int]:
    raw = values.get("tahun_akhir_renstra")
    if not text(raw):
        return None
    year = _year(raw)
    if year is None:
        problem("tahun_akhir_renstra", "harus tahun empat digit, mis. 2029, atau kosong")
    elif tahun and year < tahun:
        problem("tahun_akhir_renstra", f"tahun akhir Renstra ({year}) sebelum tahun master ({tahun})")
        return None
    return year


def _indikator_tambahan(checker: _Checker, row: _Row, target_tahun: Optional[float]) -> dict[str, Any]:
    """The optional Renstra / standard / derivation columns of one Indikator row, checked."""
    from .model import ATURAN_TURUNAN

    extra: dict[str, Any] = {}
    for column in ("target_renstra", "standar_nasional"):
        if column in row.values:
            extra[column] = checker.number(row, column, required=False)
    if row.text("tahun_renstra"):
        year = _year(row.values.get("tahun_renstra"))
        if year is None:
            checker.add("MASTER_ANGKA_TIDAK_VALID", row, "tahun_renstra", mentah=row.text("tahun_renstra"),
                        alasan=" tahun empat digit (mis. 2029)")
        extra["tahun_renstra"] = year
    if extra.get("standar_nasional") is not None and not row.text("sumber_standar"):
        checker.add("MASTER_WAJIB_KOSONG", row, "sumber_standar")
    extra["sumber_standar"] = row.text("sumber_standar")
    if row.text("aturan_turunan"):
        extra["aturan_turunan"] = _choice(checker, row, "aturan_turunan",
                                          {k: k for k in ATURAN_TURUNAN}) or ""
    return extra


def _check_kegiatan_indikator(checker: _Checker, rows: list[_Row], indikator: dict[str, list[Indikator]]) -> None:
    """Each code in a Kegiatan's ``kode_indikator`` must name an indicator of the master."""
    known = {i.kode for items in indikator.values() for i in items}
    for row in rows:
        for kode in kode_list(row.text("kode_indikator")):
            if kode not in known:
                checker.add("MASTER_KODE_TIDAK_DIKENAL", row, "kode_indikator", kode_baris=kode)


def _rtl(checker: _Checker, rows: list[_Row], unit: dict[str, Unit]) -> list:
    """Last year's recommendations carried into this master (sheet ``RTL``)."""
    from .model import RencanaTindakLanjut

    result = []
    for row in rows:
        checker.required(row, "id", "rekomendasi")
        kode_unit = row.text("kode_unit")
        if kode_unit and kode_unit not in unit:
            checker.add("MASTER_UNIT_TIDAK_DIKENAL", row, "kode_unit", kode_unit=kode_unit)
        result.append(RencanaTindakLanjut(
            row.text("id"), _year(row.values.get("tahun_asal")) or 0, kode_unit, row.text("kode_indikator"),
            row.text("rekomendasi"), row.text("status") or "belum", row.text("tindak_lanjut")))
    return result
