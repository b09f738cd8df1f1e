"""Format Evaluasi Internal (SOP step 6): the LKE workbook for Tim SPI, and
reading it back into scores.

The workbook keeps the unit's proposed answer, the evaluator's decided answer
and the evidence side by side; the evaluator's answer counts (the proposal
when the evaluator left it empty). Automatic evidence is prefilled.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import lke
from ..berkas.aman import atomic_path
from ..berkas.cetak_xlsx import siapkan_cetak
from .bukti import Bukti
from ..inti.model import Master
from ..inti.temuan import Temuan, buat
from ..berkas.xlsx_baca import (BerkasTidakTerbaca, cell_ref, find_sheet, open_workbook, read_grid, text)
from ..berkas.xlsx_tulis import new_workbook

SHEET_LKE = "LKE"
SHEET_BUKTI = "Bukti Otomatis"
SHEET_SKALA = "Skala"
META_SHEET = "_poskinerja"
HEADERS = ("Kode", "Komponen", "Sub Komponen", "Kriteria", "Bobot", "Jawaban Unit (usulan)",
           "Jawaban Evaluator", "Nilai", "Catatan Evaluator", "Bukti Dukung", "Bukti Otomatis")
HEADER_ROW = 3
INPUTS = ("Jawaban Unit (usulan)", "Jawaban Evaluator", "Catatan Evaluator", "Bukti Dukung")
BUKTI_COLUMNS = ("kunci", "uraian", "nip", "nama", "unit", "triwulan", "nilai")
BUKTI_LABELS = {"kunci": "Bukti", "nip": "NIP"}


def nama_format_evaluasi(tahun: int) -> str:
    return f"Format Evaluasi Internal {tahun}.xlsx"


def tulis_format_evaluasi(master: Master, bukti: dict[str, Bukti], dest: Path) -> Path:
    """Write the LKE workbook with its automatic evidence."""
    with atomic_path(dest) as tmp:
        wb = new_workbook(tmp)
        title = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E78"})
        header = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1,
                                "text_wrap": True, "valign": "vcenter", "align": "center"})
        base = {"text_wrap": True, "valign": "top", "border": 1, "border_color": "#A6A6A6"}
        locked = wb.add_format({**base, "bg_color": "#F2F2F2"})
        group = wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7"})
        number = wb.add_format({**base, "bg_color": "#F2F2F2", "num_format": "0.00"})
        answer = wb.add_format({**base, "bg_color": "#FFF2CC", "locked": False, "align": "center"})
        note = wb.add_format({**base, "bg_color": "#FFF2CC", "locked": False})
        auto = wb.add_format({**base, "bg_color": "#E2EFDA", "font_size": 10})

        ws = wb.add_worksheet(SHEET_LKE)
        p = master.pengaturan
        ws.write_string(0, 0, f"Lembar Kerja Evaluasi Internal AKIP {p.nama_lembaga} Tahun {p.tahun}", title)
        ws.write_string(1, 0, "Isi sel kuning: jawaban AA/A/BB/B/CC/C/D/E, catatan dan bukti dukung. "
                              "Nilai di sini perkiraan; nilai resmi dihitung Tim Perencanaan dari berkas ini.")
        for c, name in enumerate(HEADERS):
            ws.write_string(HEADER_ROW, c, name, header)
        for c, width in enumerate((8, 26, 22, 48, 8, 12, 12, 9, 32, 32, 48)):
            ws.set_column(c, c, width)
        r = HEADER_ROW + 1
        col = {h: i for i, h in enumerate(HEADERS)}
        first_answer = r
        for komponen, (nama, bobot) in lke.KOMPONEN.items():
            ws.write_string(r, 0, str(komponen), group)
            ws.merge_range(r, 1, r, 3, f"{nama} (bobot {bobot:g})", group)
            ws.write_number(r, 4, bobot, group)
            r += 1
            for k in (k for k in lke.KRITERIA if k.komponen == komponen):
                ws.write_string(r, col["Kode"], k.kode, locked)
                ws.write_string(r, col["Komponen"], nama, locked)
                ws.write_string(r, col["Sub Komponen"], f"{k.sub}. {lke.SUB_NAMA[k.sub]} "
                                                        f"({lke.SUB_BOBOT[k.sub]:g}%)", locked)
                ws.write_string(r, col["Kriteria"], k.uraian, locked)
                ws.write_number(r, col["Bobot"], lke.bobot_kriteria(k), number)
                ws.write_blank(r, col["Jawaban Unit (usulan)"], None, answer)
                ws.write_blank(r, col["Jawaban Evaluator"], None, answer)
                unit_ref, eval_ref = cell_ref(r, col["Jawaban Unit (usulan)"]), cell_ref(r, col["Jawaban Evaluator"])
                chosen = f'IF({eval_ref}<>"",{eval_ref},{unit_ref})'
                ws.write_formula(r, col["Nilai"],
                                 f'=IFERROR(VLOOKUP({chosen},{SHEET_SKALA}!$A$2:$B$9,2,FALSE)'
                                 f'*{cell_ref(r, col["Bobot"])}/100,0)', number, 0)
                ws.write_blank(r, col["Catatan Evaluator"], None, note)
                ws.write_blank(r, col["Bukti Dukung"], None, note)
                evidence = bukti.get(k.bukti_otomatis)
                ws.write_string(r, col["Bukti Otomatis"], evidence.ringkasan if evidence else "", auto)
                r += 1
        last_answer = r - 1
        for name in ("Jawaban Unit (usulan)", "Jawaban Evaluator"):
            ws.data_validation(first_answer, col[name], last_answer, col[name], {
                "validate": "list", "source": list(lke.JAWABAN),
                "error_title": "Jawaban tidak valid",
                "error_message": "Pilih salah satu: " + ", ".join(lke.JAWABAN) + "."})
        ws.write_string(r + 1, col["Kriteria"], "Nilai total (perkiraan)", group)
        ws.write_formula(r + 1, col["Nilai"], f"=SUM({cell_ref(first_answer, col['Nilai'])}:"
                                              f"{cell_ref(last_answer, col['Nilai'])})", number, 0)
        ws.freeze_panes(HEADER_ROW + 1, 1)
        subjek = f"Evaluasi Internal {p.tahun}"
        siapkan_cetak(ws, f"{subjek} — {SHEET_LKE}", len(HEADERS) - 1, baris_judul=(HEADER_ROW, HEADER_ROW),
                      kolom_judul=(0, 0), dari_baris=HEADER_ROW + 1, ukuran_huruf=10)
        ws.protect("", {"format_columns": True, "format_rows": True})

        ws = wb.add_worksheet(SHEET_BUKTI)
        for c, name in enumerate(BUKTI_COLUMNS):
            ws.write_string(0, c, BUKTI_LABELS.get(name, name.capitalize()), header)
        rows = [row for item in bukti.values() for row in item.rincian]
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        for r, row in enumerate(rows, start=1):
            for c, name in enumerate(BUKTI_COLUMNS):
                value = row.get(name)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, wrap)
                elif isinstance(value, dt.datetime):
                    ws.write_string(r, c, value.strftime("%d/%m/%Y %H:%M"), wrap)
                elif value not in (None, ""):
                    ws.write_string(r, c, str(value), wrap)
        for c, width in enumerate((16, 50, 20, 26, 10, 9, 14)):
            ws.set_column(c, c, width)
        ws.autofilter(0, 0, max(1, len(rows)), len(BUKTI_COLUMNS) - 1)
        ws.freeze_panes(1, 0)
        siapkan_cetak(ws, f"{subjek} — {SHEET_BUKTI}", len(BUKTI_COLUMNS) - 1, baris_judul=(0, 0),
                      kolom_judul=(0, 0), dari_baris=1)

        ws = wb.add_worksheet(SHEET_SKALA)
        ws.write_row(0, 0, ["Jawaban", "Nilai (%)"], header)
        for r, (name, pct) in enumerate(lke.JAWABAN.items(), start=1):
            ws.write_string(r, 0, name)
            ws.write_number(r, 1, pct)
        ws.write_row(0, 3, ["Nilai total lebih dari", "Predikat"], header)
        for r, (bound, name) in enumerate(lke.SKALA_LKE, start=1):
            ws.write_string(r, 3, "-" if bound == float("-inf") else f"{bound:g}")
            ws.write_string(r, 4, name)
        ws.set_column(3, 3, 22)
        siapkan_cetak(ws, f"{subjek} — {SHEET_SKALA}", 4, baris_judul=(0, 0))

        meta = wb.add_worksheet(META_SHEET)
        meta.write_row(0, 0, ["jenis", "evaluasi"])
        meta.write_row(1, 0, ["tahun", master.pengaturan.tahun])
        meta.very_hidden()
        wb.close()
    return dest


@dataclass
class HasilEvaluasi:
    skor: lke.SkorLKE
    jawaban: dict[str, str]  # the answer that counted, by criterion
    catatan: dict[str, str]
    temuan: list[Temuan]  # problems in the filled workbook

    def kriteria_lemah(self, batas: float = 70.0) -> list[lke.Kriteria]:
        """Criteria answered below ``batas`` percent (or not at all): the findings."""
        return [k for k in lke.KRITERIA if lke.JAWABAN.get(self.jawaban.get(k.kode, ""), 0) < batas]


def baca_evaluasi(path: Path | str) -> HasilEvaluasi:
    """Read a filled LKE workbook; bad or missing answers are reported with their cells."""
    path = Path(path)
    temuan: list[Temuan] = []
    try:
        wb = open_workbook(path)
        sheet = find_sheet(wb, SHEET_LKE)
        if sheet is None:
            raise BerkasTidakTerbaca(f"lembar {SHEET_LKE} tidak ada; ini bukan Format Evaluasi Internal")
        grid = read_grid(wb, sheet)
    except BerkasTidakTerbaca as exc:
        return HasilEvaluasi(lke.hitung_skor({}), {}, {}, [buat("FILE_RUSAK", file=path.name, alasan=str(exc))])
    header_row = next((r for r, row in enumerate(grid[:20]) if "Jawaban Evaluator" in [text(v) for v in row]), None)
    if header_row is not None and "Kode" not in [text(v) for v in grid[header_row]]:
        header_row = None  # a header without the criterion codes: not our layout
    if header_row is None:
        return HasilEvaluasi(lke.hitung_skor({}), {}, {}, [buat("BUKAN_FORMULIR", file=path.name, sheet=sheet)])
    col = {text(v): c for c, v in enumerate(grid[header_row]) if text(v)}
    known = {k.kode for k in lke.KRITERIA}
    jawaban, catatan = {}, {}
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        kode = text(row[col["Kode"]]) if col["Kode"] < len(row) else ""
        if kode not in known:
            continue
        get = lambda name: text(row[col[name]]) if col[name] < len(row) else ""  # noqa: E731
        decided, proposed = get("Jawaban Evaluator").upper(), get("Jawaban Unit (usulan)").upper()
        use_col = "Jawaban Evaluator" if decided else "Jawaban Unit (usulan)"
        answer = decided or proposed
        ref = cell_ref(r, col[use_col])
        if not answer:
            temuan.append(buat("JAWABAN_KOSONG", file=path.name, sheet=sheet, sel=cell_ref(r, col["Jawaban Evaluator"]),
                               kode_kriteria=kode))
        elif answer not in lke.JAWABAN:
            temuan.append(buat("JAWABAN_TIDAK_VALID", file=path.name, sheet=sheet, sel=ref, kode_kriteria=kode,
                               mentah=answer, pilihan=", ".join(lke.JAWABAN)))
        else:
            jawaban[kode] = answer
        catatan[kode] = get("Catatan Evaluator")
    for kode in sorted(known - set(catatan)):  # a criterion row that was deleted
        temuan.append(buat("JAWABAN_KOSONG", file=path.name, sheet=sheet, kode_kriteria=kode))
    return HasilEvaluasi(lke.hitung_skor(jawaban), jawaban, catatan, temuan)

