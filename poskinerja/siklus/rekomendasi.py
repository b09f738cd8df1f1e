"""Format Rekomendasi / RTL (SOP step 7): one row per finding, from the
internal evaluation and from the year's data, for next year's programme.

Re-running keeps every row planners already have (matched by finding id) as
they left it, and only adds findings that are new.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from . import lke
from ..inti.angka import format_id, parse_tanggal
from ..berkas.aman import atomic_path
from ..berkas.cetak_xlsx import siapkan_cetak
from .evaluasi import HasilEvaluasi
from ..inti.model import ROMAWI, Master
from ..kompilasi.rekap import HasilKompilasi
from ..berkas.xlsx_baca import BerkasTidakTerbaca, find_sheet, open_workbook, read_grid, text
from ..berkas.xlsx_tulis import new_workbook

SHEET = "Rekomendasi"
COLUMNS = ("ID", "Sumber", "Temuan", "Kriteria LKE", "Penyebab", "Akibat", "Risiko", "Rekomendasi",
           "Prioritas", "Unit Penanggung Jawab", "Penanggung Jawab", "Batas Waktu", "Status",
           "Tindak Lanjut", "Tanggal Tindak Lanjut", "Progres (%)", "Bukti")
EDITABLE = COLUMNS[2:]
STATUS = ("belum", "proses", "selesai")
PRIORITAS = ("Tinggi", "Sedang", "Rendah")
CAPAIAN_RENDAH = 50.0


def nama_format_rekomendasi(tahun: int) -> str:
    return f"Format Rekomendasi {tahun}.xlsx"


@dataclass
class Rekomendasi:
    rows: list[dict[str, Any]]
    baru: list[str]  # ids added by this run
    dipertahankan: list[str]  # ids kept from the existing workbook


def _finding(id_: str, sumber: str, temuan: str, rekomendasi: str, prioritas: str, unit: str = "",
             penanggung_jawab: str = "", kriteria: str = "", batas: Optional[dt.date] = None) -> dict[str, Any]:
    return {"ID": id_, "Sumber": sumber, "Temuan": temuan, "Kriteria LKE": kriteria, "Rekomendasi": rekomendasi,
            "Prioritas": prioritas, "Unit Penanggung Jawab": unit, "Penanggung Jawab": penanggung_jawab,
            "Batas Waktu": batas, "Status": "belum", "Progres (%)": 0}


def temukan(master: Master, per_tw: dict[int, HasilKompilasi],
            evaluasi: Optional[HasilEvaluasi] = None) -> list[dict[str, Any]]:
    """Findings the data and the evaluation support, each with a stable id."""
    tahun = master.pengaturan.tahun
    deadline = dt.date(tahun + 1, 3, 31)  # before the first quarter of the next year closes
    kepala = master.pengaturan.kepala_nama
    head_of = {kode: master.asn[u.nip_kepala].nama if u.nip_kepala in master.asn else "" for kode, u in master.unit.items()}
    findings = []
    if evaluasi is not None:
        for k in evaluasi.kriteria_lemah():
            answer = evaluasi.jawaban.get(k.kode, "belum dijawab")
            findings.append(_finding(
                f"LKE-{k.kode}", "Evaluasi internal",
                f"Kriteria {k.kode} \"{k.uraian}\" dinilai {answer}."
                + (f" Catatan evaluator: {evaluasi.catatan[k.kode]}" if evaluasi.catatan.get(k.kode) else ""),
                f"Perbaiki {lke.KOMPONEN[k.komponen][0].lower()} agar memenuhi kriteria {k.kode}.",
                "Tinggi" if lke.JAWABAN.get(answer, 0) < 50 else "Sedang", "", "Tim Perencanaan dan Koordinator SAKIP",
                k.kode, deadline))
    kendala: dict[tuple[str, str], list[int]] = defaultdict(list)
    rendah: dict[tuple[str, str], list[int]] = defaultdict(list)
    info: dict[tuple[str, str], dict] = {}
    late_units: dict[str, list[int]] = defaultdict(list)
    for tw, hasil in sorted(per_tw.items()):
        for r in hasil.data:
            key = (r["nip"], r["kode_indikator"])
            info[key] = r
            if r["kendala"]:
                kendala[key].append(tw)
            if r["capaian"] is not None and r["capaian"] < CAPAIAN_RENDAH:
                rendah[key].append(tw)
        for u in hasil.unit:
            if u["terlambat"] or u["belum_mengumpulkan"] or u["belum_mengisi"]:
                late_units[u["kode_unit"]].append(tw)
    quarters = lambda tws: ", ".join(f"TW {ROMAWI[t]}" for t in tws)  # noqa: E731
    for key, tws in sorted(kendala.items()):
        if len(tws) >= 2:
            r = info[key]
            findings.append(_finding(
                f"KENDALA-{key[0]}-{key[1]}", "Data pemantauan",
                f"Kendala berulang pada indikator {key[1]} \"{r['indikator']}\" ({r['nama']}) di {quarters(tws)}: "
                f"{r['kendala']}", "Tetapkan solusi permanen dan masukkan ke rencana aksi tahun berikutnya.",
                "Sedang", r["kode_unit"], r["nama"], batas=deadline))
    for key, tws in sorted(rendah.items()):
        if len(tws) >= 2:
            r = info[key]
            findings.append(_finding(
                f"CAPAIAN-{key[0]}-{key[1]}", "Data pengukuran",
                f"Capaian indikator {key[1]} \"{r['indikator']}\" ({r['nama']}) di bawah "
                f"{format_id(CAPAIAN_RENDAH)}% pada {quarters(tws)}.",
                "Analisis penyebab, tinjau target dan strategi pelaksanaan.", "Tinggi", r["kode_unit"], r["nama"],
                batas=deadline))
    for kode, tws in sorted(late_units.items()):
        if len(tws) >= 2:
            unit = master.unit[kode]
            findings.append(_finding(
                f"TERLAMBAT-{kode}", "Data pengumpulan",
                f"{unit.nama} terlambat atau tidak lengkap mengumpulkan formulir pada {quarters(tws)}.",
                "Tetapkan penanggung jawab pengumpulan data di unit dan pengingat sebelum batas waktu.",
                "Sedang", kode, head_of.get(kode, kepala), batas=deadline))
    findings.extend(rtl_tahun_lalu(master, deadline))
    return findings


def rtl_tahun_lalu(master: Master, batas: dt.date) -> list[dict[str, Any]]:
    """Last year's recommendations carried in the master's RTL sheet, so this year's workbook tracks
    whether each was acted on; their status and follow-up come along as last recorded."""
    rows = []
    for r in master.rtl:
        where = " ".join(x for x in (f"unit {r.kode_unit}" if r.kode_unit else "",
                                     f"indikator {r.kode_indikator}" if r.kode_indikator else "") if x)
        row = _finding(f"RTL{r.tahun_asal}-{r.id}", f"RTL tahun {r.tahun_asal}",
                       f"Rekomendasi tahun {r.tahun_asal}{' (' + where + ')' if where else ''}, status akhir "
                       f"{r.status}: {r.rekomendasi}",
                       r.rekomendasi if r.status != "selesai" else "Pertahankan hasil tindak lanjut.",
                       "Tinggi" if r.status == "belum" else "Sedang", r.kode_unit, batas=batas)
        row.update({"Status": r.status if r.status in STATUS else "belum", "Tindak Lanjut": r.tindak_lanjut,
                    "Progres (%)": 100 if r.status == "selesai" else 0})
        rows.append(row)
    return rows


def baca_rekomendasi(path: Path) -> list[dict[str, Any]]:
    """Rows of an existing Format Rekomendasi, as planners left them."""
    try:
        wb = open_workbook(path)
        sheet = find_sheet(wb, SHEET)
        grid = read_grid(wb, sheet) if sheet else []
    except BerkasTidakTerbaca:
        return []
    header_row = next((r for r, row in enumerate(grid[:10]) if "ID" in [text(v) for v in row]), None)
    if header_row is None:
        return []
    col = {text(v): c for c, v in enumerate(grid[header_row]) if text(v)}
    rows = []
    for row in grid[header_row + 1:]:
        record = {name: (row[c] if c < len(row) else None) for name, c in col.items()}
        if text(record.get("ID")):
            record["ID"] = text(record["ID"])
            rows.append(record)
    return rows


def gabung_rekomendasi(existing: list[dict[str, Any]], findings: list[dict[str, Any]]) -> Rekomendasi:
    """Existing rows first, untouched; then findings whose id is new."""
    kept = {r["ID"] for r in existing}
    new = [f for f in findings if f["ID"] not in kept]
    return Rekomendasi(existing + new, [f["ID"] for f in new], [r["ID"] for r in existing])


def tulis_rekomendasi(master: Master, rekomendasi: Rekomendasi, dest: Path) -> Path:
    with atomic_path(dest) as tmp:
        wb = new_workbook(tmp)
        header = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1,
                                "text_wrap": True, "valign": "vcenter"})
        base = {"text_wrap": True, "valign": "top", "border": 1, "border_color": "#A6A6A6"}
        locked = wb.add_format({**base, "bg_color": "#F2F2F2"})
        edit = wb.add_format({**base, "bg_color": "#FFF2CC", "locked": False})
        date = wb.add_format({**base, "bg_color": "#FFF2CC", "locked": False, "num_format": "dd/mm/yyyy"})
        ws = wb.add_worksheet(SHEET)
        p = master.pengaturan
        ws.write_string(0, 1, f"Format Rekomendasi (Rencana Tindak Lanjut) Hasil Evaluasi Internal "
                              f"{p.nama_lembaga} Tahun {p.tahun}", wb.add_format({"bold": True, "font_size": 13}))
        for c, name in enumerate(COLUMNS):
            ws.write_string(2, c, name, header)
        for r, row in enumerate(rekomendasi.rows, start=3):
            for c, name in enumerate(COLUMNS):
                value = row.get(name)
                fmt = locked if name not in EDITABLE else date if name.startswith(("Batas", "Tanggal")) else edit
                when = parse_tanggal(value) if name.startswith(("Batas", "Tanggal")) else None
                if when:
                    ws.write_datetime(r, c, dt.datetime.combine(when, dt.time()), fmt)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, fmt)
                elif value not in (None, ""):
                    ws.write_string(r, c, str(value), fmt)
                else:
                    ws.write_blank(r, c, None, fmt)
        last = max(3, 2 + len(rekomendasi.rows))
        ws.data_validation(3, COLUMNS.index("Status"), last, COLUMNS.index("Status"),
                           {"validate": "list", "source": list(STATUS)})
        ws.data_validation(3, COLUMNS.index("Prioritas"), last, COLUMNS.index("Prioritas"),
                           {"validate": "list", "source": list(PRIORITAS)})
        ws.data_validation(3, COLUMNS.index("Progres (%)"), last, COLUMNS.index("Progres (%)"),
                           {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
                            "error_message": "Isi 0 sampai 100."})
        widths = (22, 16, 40, 10, 30, 24, 24, 40, 10, 14, 24, 12, 10, 36, 12, 10, 30)
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        ws.freeze_panes(3, 1)
        ws.autofilter(2, 0, last, len(COLUMNS) - 1)
        # printed from Sumber on: the ID is the key re-runs match rows by, not for readers;
        # the Temuan column names each row on every page
        siapkan_cetak(ws, f"Format Rekomendasi {p.tahun}", len(COLUMNS) - 1, baris_judul=(2, 2),
                      kolom_judul=(2, 2), dari_baris=2, first_col=1)
        ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": True})
        wb.close()
    return dest


def perbarui_rekomendasi(master: Master, per_tw: dict[int, HasilKompilasi], dest: Path,
                         evaluasi: Optional[HasilEvaluasi] = None) -> Rekomendasi:
    """Write (or update, keeping planners' rows) the Format Rekomendasi at ``dest``."""
    existing = baca_rekomendasi(dest) if dest.exists() else []
    rekomendasi = gabung_rekomendasi(existing, temukan(master, per_tw, evaluasi))
    tulis_rekomendasi(master, rekomendasi, dest)
    return rekomendasi
