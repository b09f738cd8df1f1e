"""Reading and validating the master workbook (the ▶ master contract).

Every problem is collected, not just the first: ``baca_master`` returns the
Master (None when unusable) with the full list of Temuan, each naming the
sheet, row and column.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional

from ..inti import angka
from ..inti import teks
from ..inti.model import (ASN, Indikator, Kegiatan, Master, NEGATIVE_RULES, Pengaturan,
                    SkalaPredikat, Unit)
from ..inti.model import TARGET_NOL, TARGET_NOL_BAKU
from ..inti.temuan import Temuan, buat
from ..berkas.xlsx_baca import (BerkasTidakTerbaca, col_letter, find_sheet, open_workbook, read_grid,
                        text)
from ..inti.galat import PoskinerjaGagal

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
NIP_SETTINGS = ("kepala_nip", "kasubbag_nip", "atasan_kepala_nip")
_NIP_AS_NUMBER = ("tersimpan sebagai angka (Excel hanya menyimpan 15 digit); "
                  "format kolom sebagai Teks lalu ketik ulang")
_TOLERANCE = 1e-6
TARGET_TW = ("target_tw1", "target_tw2", "target_tw3", "target_tw4")


class MasterTidakValid(PoskinerjaGagal):
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
    """Collects every problem of one master, each root cause once.

    A missing sheet or column is reported once and silences what follows from
    it (every row "wajib diisi", every NIP "tidak dikenal"); references to one
    unknown NIP are reported once with the other places listed; references to
    an ASN NIP that is itself malformed are folded into that NIP's finding.
    """

    def __init__(self, path: Path):
        self.file = path.name
        self.temuan: list[Temuan] = []
        self.peringatan: list[Temuan] = []  # reported, but the master stays usable
        self.hilang: set[tuple[str, str]] = set()  # (sheet, column); column "" = the whole sheet
        self._rujukan: dict[str, list[tuple[_Row, str]]] = {}  # unknown NIP -> where it is used
        self._nip_angka: dict[tuple[str, str], list[_Row]] = {}  # NIPs stored as numbers, per column
        self._nip_rusak: dict[str, int] = {}  # malformed ASN NIP (key) -> index of its finding
        self._unit: dict[str, list[_Row]] = {}  # unknown kode_unit -> ASN rows that use it

    def tersedia(self, sheet: str, column: str = "") -> bool:
        return (sheet, "") not in self.hilang and (sheet, column) not in self.hilang

    def add(self, kode: str, row: Optional[_Row] = None, column: str = "", **fields) -> None:
        sheet = fields.pop("sheet", row.sheet if row else "")
        if not self.tersedia(sheet, column):
            return  # follows from a missing sheet or column, already reported
        if kode == "MASTER_UNIT_TIDAK_DIKENAL" and not self.tersedia("Unit", "kode_unit"):
            return
        sel, lokasi = row.where(column) if row else ("", f"Lembar {sheet}")
        lokasi = fields.pop("lokasi", lokasi)
        fields.setdefault("kolom", column)
        self.temuan.append(buat(kode, file=self.file, sheet=sheet, sel=sel, lokasi=lokasi, **fields))

    def tambah_pesan(self, index: int, extra: str) -> None:
        self.temuan[index] = replace(self.temuan[index], pesan=f"{self.temuan[index].pesan} {extra}")

    def rujuk(self, row: _Row, column: str) -> str:
        """The NIP in ``column`` of ``row`` that must be an ASN row; unknown ones are
        collected and reported by ``selesai``."""
        value = row.values.get(column)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self._nip_angka.setdefault((row.sheet, column), []).append(row)
        return text(value).replace(" ", "")

    def unit_tidak_dikenal(self, row: _Row, kode: str) -> None:
        self._unit.setdefault(kode, []).append(row)

    def tidak_dikenal(self, row: _Row, column: str, nip: str) -> None:
        if isinstance(row.values.get(column), (int, float)):
            return  # reported once per column as "tersimpan sebagai angka"
        self._rujukan.setdefault(nip, []).append((row, column))

    def number(self, row: _Row, column: str, required: bool) -> Optional[float]:
        value = row.values.get(column)
        parsed = angka.parse(value)
        if parsed.status == angka.KOSONG:
            if required:
                self.add("MASTER_WAJIB_KOSONG", row, column)
            return None
        if parsed.status == angka.TIDAK_VALID:
            self.add("MASTER_ANGKA_TIDAK_VALID", row, column, mentah=text(value),
                     alasan=f" yang wajar ({parsed.alasan})" if parsed.alasan else "")
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

    def nip(self, row: _Row, column: str, **fields) -> str:
        """The NIP in ``column`` as text, reporting it when malformed."""
        value = row.values.get(column)
        before = len(self.temuan)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.add("MASTER_NIP_TIDAK_VALID", row, column, mentah=text(value), alasan=_NIP_AS_NUMBER,
                     **fields)
            nip = text(value)
        else:
            nip = text(value).replace(" ", "")
            problem = nip_problem(nip)
            if problem:
                self.add("MASTER_NIP_TIDAK_VALID", row, column, mentah=text(value), alasan=problem,
                         **fields)
        if len(self.temuan) > before and row.sheet == "ASN":
            self._nip_rusak[nip] = len(self.temuan) - 1
            self._nip_rusak.setdefault(_awal(value), len(self.temuan) - 1)
        return nip

    def akar(self, nip: str) -> Optional[int]:
        """The finding of the malformed ASN NIP that ``nip`` was meant to be, if any."""
        if nip in self._nip_rusak:
            return self._nip_rusak[nip]
        return self._nip_rusak.get(_awal(nip)) if len(nip) >= 15 else None

    def selesai(self) -> None:
        """Report the collected references: NIPs stored as numbers once per column, each
        unknown NIP once, and references to a malformed ASN NIP with that NIP's finding."""
        for (sheet, column), rows in self._nip_angka.items():
            self.add("MASTER_NIP_TIDAK_VALID", rows[0], column, mentah=rows[0].text(column),
                     alasan=_NIP_AS_NUMBER)
            if len(rows) > 1 and self.temuan and self.temuan[-1].sheet == sheet:
                self.tambah_pesan(len(self.temuan) - 1, f"Hal yang sama pada {_tempat(rows[1:])}.")
        for kode, rows in self._unit.items():  # a unit code renamed in Unit: one finding, not one per ASN
            before = len(self.temuan)
            self.add("MASTER_UNIT_TIDAK_DIKENAL", rows[0], "kode_unit", kode_unit=kode)
            if len(rows) > 1 and len(self.temuan) > before:
                self.tambah_pesan(before, f"Kode yang sama juga dipakai di {_tempat(rows[1:])}.")
        if not self.tersedia("ASN", "nip"):
            return  # no NIP can be known without the ASN sheet's nip column
        for nip, places in self._rujukan.items():
            root = self.akar(nip)
            if root is not None:
                self.tambah_pesan(root, f"NIP ini juga dirujuk di {_tempat([r for r, _ in places])}; "
                                        "rujukan itu cocok kembali setelah NIP ini diperbaiki.")
                continue
            row, column = places[0]
            before = len(self.temuan)
            self.add("MASTER_NIP_TIDAK_DIKENAL", row, column, nip=nip)
            if len(places) > 1 and len(self.temuan) > before:
                self.tambah_pesan(before, f"NIP yang sama juga dirujuk di {_tempat([r for r, _ in places[1:]])}.")


def _awal(nip: Any) -> str:
    """The first 15 significant digits: all Excel keeps of a NIP stored as a number."""
    if isinstance(nip, (int, float)) and not isinstance(nip, bool):
        nip = f"{float(nip):.14e}".split("e")[0]
    return "".join(c for c in text(nip) if c.isdigit())[:15]


def _tempat(rows: list[_Row], limit: int = 8) -> str:
    """``lembar Indikator baris 3, 4, 7; lembar Kegiatan baris 2`` (a few rows per sheet)."""
    per_sheet: dict[str, list[int]] = {}
    for row in rows:
        per_sheet.setdefault(row.sheet, []).append(row.number)
    parts = []
    for sheet, numbers in per_sheet.items():
        numbers = sorted(set(numbers))
        shown = ", ".join(map(str, numbers[:limit]))
        more = f" dan {len(numbers) - limit} baris lain" if len(numbers) > limit else ""
        parts.append(f"lembar {sheet} baris {shown}{more}")
    return "; ".join(parts)


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
                optional_columns: tuple[str, ...] = ()) -> list[_Row]:
    """The data rows of sheet ``name``; a missing sheet or column is reported once and the
    rest is still read, so its other problems are found in the same run."""
    real = find_sheet(workbook, name)
    if real is None:
        checker.add("MASTER_LEMBAR_HILANG", sheet=name)
        checker.hilang.add((name, ""))
        return []
    grid = read_grid(workbook, real)
    header = [text(v).lower() for v in grid[0]] if grid else []
    columns = {h: i for i, h in reversed(list(enumerate(header))) if h}
    for column in required_columns:
        if column not in columns:
            checker.add("MASTER_KOLOM_HILANG", sheet=name, kolom=column)
            checker.hilang.add((name, column))
    wanted = tuple(c for c in required_columns + optional_columns if c in columns)
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        row = _Row(name, number, {c: values[columns[c]] if columns[c] < len(values) else None
                                  for c in wanted}, columns)
        rows.append(row)
        for column, value in row.values.items():
            if isinstance(value, str) and (alasan := teks.masalah(value)):
                sel, lokasi = row.where(column)
                checker.peringatan.append(buat("MASTER_TEKS_TIDAK_VALID", file=checker.file, sheet=name,
                                               sel=sel, lokasi=lokasi, alasan=alasan))
    return rows


def _sheet_twins(workbook, checker: _Checker) -> None:
    """Report sheets whose names differ from a master sheet only by case or spaces
    ("ASN" and "asn " both present): which one would be read is not what the user sees."""
    def key(name: str) -> str:
        return "".join(name.split()).lower()

    for name in (*SHEETS, *OPTIONAL_SHEETS):
        twins = [real for real in workbook.sheet_names if key(real) == key(name)]
        if len(twins) > 1:
            checker.add("MASTER_LEMBAR_GANDA", sheet=name,
                        daftar=", ".join(f'"{t}"' for t in twins))


def baca_master(path: Path | str) -> tuple[Optional[Master], list[Temuan]]:
    """Read and validate a master workbook.

    Master is None when any problem is found, and the list holds every problem.
    A usable master comes with its warnings (text with characters that cannot go
    into a document, cleaned in every output), usually none.
    """
    path = Path(path)
    checker = _Checker(path)
    try:
        workbook = open_workbook(path)
        _sheet_twins(workbook, checker)
        sheets = {name: _read_sheet(workbook, checker, name, cols, OPTIONAL_COLUMNS.get(name, ()))
                  for name, cols in SHEETS.items()}
        libur_rows = (_read_sheet(workbook, checker, "Libur", OPTIONAL_SHEETS["Libur"])
                      if find_sheet(workbook, "Libur") else [])
        rtl_rows = (_read_sheet(workbook, checker, "RTL", OPTIONAL_SHEETS["RTL"][:1],
                                OPTIONAL_SHEETS["RTL"][1:]) if find_sheet(workbook, "RTL") else [])
    except BerkasTidakTerbaca as exc:  # the reader's reason is already Indonesian, from the bytes it read
        return None, [buat("FILE_RUSAK", file=path.name, alasan=str(exc))]

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
                       checker.rujuk(row, "nip_atasan"), tanggal_sah)

    unit: dict[str, Unit] = {}
    for row in sheets["Unit"]:
        checker.required(row, "kode_unit", "nama_unit")
        jenis = row.text("jenis").lower()
        if jenis not in JENIS_UNIT:
            checker.add("MASTER_PILIHAN_TIDAK_VALID", row, "jenis", mentah=row.text("jenis"),
                        pilihan=", ".join(JENIS_UNIT))
        kepala = checker.rujuk(row, "nip_kepala")
        if kepala and kepala not in asn:
            checker.tidak_dikenal(row, "nip_kepala", kepala)
        unit[row.text("kode_unit")] = Unit(row.text("kode_unit"), row.text("nama_unit"), jenis, kepala)

    for row in asn_rows:
        nip = text(row.values.get("nip")).replace(" ", "")
        if nip not in asn or nip_row.get(nip) != row.number:
            continue
        if asn[nip].kode_unit not in unit:
            checker.unit_tidak_dikenal(row, asn[nip].kode_unit)
        atasan = asn[nip].nip_atasan
        if atasan and atasan not in asn:
            checker.tidak_dikenal(row, "nip_atasan", atasan)

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
    _kepala_terdaftar(checker, sheets["Pengaturan"], pengaturan, asn)
    _check_kegiatan_indikator(checker, sheets["Kegiatan"], indikator)
    rtl = _rtl(checker, rtl_rows or [], unit)
    checker.selesai()
    if checker.temuan or pengaturan is None:
        return None, checker.temuan + checker.peringatan
    return Master(pengaturan, skala, unit, asn, indikator, kegiatan, libur, rtl), checker.peringatan


def muat_master(path: Path | str) -> Master:
    """Read the master or raise MasterTidakValid with every problem."""
    master, temuan = baca_master(path)
    if master is None:
        raise MasterTidakValid(temuan)
    return master


def _pengaturan(checker: _Checker, rows: list[_Row]) -> Optional[Pengaturan]:
    if not (checker.tersedia("Pengaturan", "kunci") and checker.tersedia("Pengaturan", "nilai")):
        return None  # the missing sheet or column is the one problem to report
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
    for key in NIP_SETTINGS:  # checked like the ASN sheet's NIPs: a number loses its last digits
        if key in where and text(values.get(key)):
            row = where[key]
            checker.nip(row, "nilai", lokasi=f"Lembar Pengaturan baris {row.number} ({key})")
    tahun = angka.parse(values.get("tahun")).nilai
    if tahun is None or not tahun.is_integer() or not 2000 <= tahun <= 2100:
        problem("tahun", "harus tahun empat digit, mis. 2026")
    rumus = text(values.get("rumus_polaritas_negatif")).lower() or "selisih"
    if rumus not in NEGATIVE_RULES:
        problem("rumus_polaritas_negatif", f"harus {' atau '.join(NEGATIVE_RULES)}")
    target_nol = text(values.get("target_nol")).lower().replace(" ", "_") or TARGET_NOL_BAKU
    if target_nol not in TARGET_NOL:
        problem("target_nol", "harus dihitung (praktik SAKIP: target 0 yang tercapai bernilai 100 %, "
                "polaritas negatif di atas 0 bernilai 0 %) atau tidak_dihitung (capaian \"-\", "
                "tidak masuk rata-rata)")
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
    get = lambda k: text(values.get(k)).replace(" ", "") if k in NIP_SETTINGS else text(values.get(k))  # noqa: E731
    return Pengaturan(
        nama_lembaga=get("nama_lembaga"), kota=get("kota"), tahun=int(tahun),
        kepala_nama=get("kepala_nama"), kepala_nip=get("kepala_nip"),
        kasubbag_nama=get("kasubbag_nama"), kasubbag_nip=get("kasubbag_nip"),
        rumus_polaritas_negatif=rumus, target_nol=target_nol, batas_capaian=batas, batas_tw=tuple(deadlines),
        atasan_kepala_nama=get("atasan_kepala_nama"), atasan_kepala_nip=get("atasan_kepala_nip"),
        atasan_kepala_jabatan=get("atasan_kepala_jabatan"),
        tanggal_mulai_anggaran=mulai or dt.date(int(tahun), 1, 1),
        tahun_akhir_renstra=renstra)


def _kepala_terdaftar(checker: _Checker, rows: list[_Row], pengaturan: Optional[Pengaturan],
                     asn: dict[str, ASN]) -> None:
    """The head of the institute must be a row of the ASN sheet: the institute's own
    indicators (IKU) are the head's, and the head signs and is the first party of a PK."""
    if pengaturan is None or not pengaturan.kepala_nip or not checker.tersedia("ASN", "nip"):
        return
    if pengaturan.kepala_nip in asn:
        return
    if (root := checker.akar(pengaturan.kepala_nip)) is not None:
        checker.tambah_pesan(root, "NIP ini juga kepala_nip di lembar Pengaturan.")
        return
    row = next((r for r in rows if r.text("kunci").lower() == "kepala_nip"), None)
    checker.add("MASTER_PENGATURAN", row, "nilai", sheet="Pengaturan", kunci="kepala_nip",
                alasan=(f"NIP {pengaturan.kepala_nip} tidak ada di lembar ASN. Kepala lembaga harus "
                        "terdaftar sebagai satu baris di lembar ASN (unit berjenis pimpinan, nip_atasan "
                        "kosong), karena indikator kinerja utama lembaga adalah indikator Kepala dan "
                        "Kepala menandatangani PK serta laporan. Tambahkan baris Kepala di lembar ASN "
                        "(dan indikatornya di lembar Indikator), atau samakan kepala_nip dengan NIP "
                        "Kepala yang sudah ada di lembar ASN"))


def _skala(checker: _Checker, rows: list[_Row]) -> SkalaPredikat:
    levels = []
    for row in rows:
        bound = checker.number(row, "batas_bawah", required=True)
        checker.required(row, "predikat")
        if bound is not None:
            levels.append((bound, row.text("predikat")))
    return SkalaPredikat.dari(levels)


def _owner(checker: _Checker, row: _Row, asn: dict[str, ASN]) -> str:
    nip = checker.rujuk(row, "nip")
    if nip not in asn:
        checker.tidak_dikenal(row, "nip", nip)
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
    if not all(checker.tersedia(row.sheet, c) for c in ("target_tahun", *TARGET_TW)):
        return  # a missing target column was reported; sums over the rest would mislead
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


# --- optional additions (Renstra, national standard, cascade rule, activity links, RTL) ---

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
    from ..inti.model import ATURAN_TURUNAN

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
    from ..inti.model import RencanaTindakLanjut

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
