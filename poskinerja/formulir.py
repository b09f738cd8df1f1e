"""Writing the per-ASN form: Format Pengukuran Kinerja + Format Pemantauan.

One workbook per ASN per year (the ▶ per-ASN form contract). Prefilled cells
are locked; the input cells are the only unlocked ones. Capaian and serapan
are formulas built from the rules in ``model``. The collector identifies a
form by its very-hidden metadata sheet, never by its file name.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .xlsx_tulis import FORMAT_PERSEN, FORMAT_RUPIAH, new_workbook
from .berkas import atomic_path, safe_name, unique_path
from .cetak_xlsx import siapkan_cetak
from .formulir_cetak import SHEET_CETAK_PEMANTAUAN, tulis_cetak_pemantauan  # noqa: F401 (sheet name re-exported)
from .model import (ASN, BULAN, ROMAWI, STATUS_KEGIATAN, TRIWULAN, Indikator, Kegiatan, Master,
                    serapan_excel)
from .xlsx_baca import cell_ref

VERSI_FORMULIR = 1
META_SHEET = "_poskinerja"
SHEET_PETUNJUK = "Petunjuk"
SHEET_PENGUKURAN = "Pengukuran Kinerja"
SHEET_PEMANTAUAN = "Pemantauan"
SHEET_CETAK = "Cetak Triwulan"  # one quarter, one A4 page wide: for the signed printout
HEADER_ROW = 9  # 0-based row of the column headers; data starts below it
# Where `format` moves a form it replaces; kompilasi never reads forms from here but lists them.
FOLDER_CADANGAN = "_cadangan"

# Pengukuran Kinerja columns, in order. The collector finds them by header text.
P_FIXED = ("No", "Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Kumulatif",
           "Target Tahun")
P_TARGET = tuple(f"Target TW {ROMAWI[t]}" for t in TRIWULAN)
P_REALISASI = tuple(f"Realisasi TW {ROMAWI[t]}" for t in TRIWULAN)
P_CAPAIAN = tuple(f"Capaian TW {ROMAWI[t]}" for t in TRIWULAN)
NARASI = ("Progres/Kegiatan", "Kendala/Permasalahan", "Strategi/Tindak Lanjut")
P_NARASI = tuple(f"{n} TW {ROMAWI[t]}" for t in TRIWULAN for n in NARASI)
P_TAIL = ("Bukti Dukung", "Rumus Capaian")
PENGUKURAN_HEADERS = P_FIXED + P_TARGET + P_REALISASI + P_CAPAIAN + P_NARASI + P_TAIL

# Pemantauan columns.
K_FIXED = ("No", "Kode", "Program", "Kegiatan", "Output", "Satuan Output", "Jadwal")
K_TARGET = tuple(f"Target Output TW {ROMAWI[t]}" for t in TRIWULAN)
K_REALISASI = tuple(f"Realisasi Output TW {ROMAWI[t]}" for t in TRIWULAN)
K_PAGU = ("Pagu (Rp)",)
K_ANGGARAN = tuple(f"Realisasi Anggaran TW {ROMAWI[t]} (Rp)" for t in TRIWULAN)
K_SERAPAN = ("Serapan (%)",)
K_STATUS_NARASI = tuple(f"{n} TW {ROMAWI[t]}" for t in TRIWULAN
                        for n in ("Status", "Kendala", "Solusi/Tindak Lanjut"))
K_TAIL = ("Batas Waktu Tindak Lanjut", "Penanggung Jawab Tindak Lanjut")
PEMANTAUAN_HEADERS = (K_FIXED + K_TARGET + K_REALISASI + K_PAGU + K_ANGGARAN + K_SERAPAN
                      + K_STATUS_NARASI + K_TAIL)

GROUPS_PENGUKURAN = (("Target", P_TARGET), ("Realisasi (diisi)", P_REALISASI),
                     ("Capaian (%)", P_CAPAIAN))
GROUPS_PEMANTAUAN = (("Target Output", K_TARGET), ("Realisasi Output (diisi)", K_REALISASI),
                     ("Realisasi Anggaran (diisi)", K_ANGGARAN))


def column(headers: tuple[str, ...], name: str) -> int:
    return headers.index(name)


@dataclass(frozen=True)
class FormIdentity:
    """What the metadata sheet records about a form."""
    versi: int
    tahun: int
    nip: str
    nama: str
    kode_unit: str
    sidik: str
    dibuat: str


def sidik(indikator: Iterable[Indikator], kegiatan: Iterable[Kegiatan]) -> str:
    """Fingerprint of a person's prefilled content, to tell a stale form."""
    payload = {
        "indikator": [[i.kode, i.indikator, i.satuan, i.polaritas, i.kumulatif, i.target_tahun,
                       list(i.target_tw)] for i in indikator],
        "kegiatan": [[k.kode, k.kegiatan, k.pagu, list(k.target_output_tw)] for k in kegiatan],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def form_path(out_dir: Path, asn: ASN) -> Path:
    return out_dir / safe_name(asn.kode_unit) / f"{safe_name(f'{asn.nip} - {asn.nama}')}.xlsx"


class _Formats:
    """All cell formats of a form, created once per workbook."""

    def __init__(self, wb):
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top", "text_wrap": True,
                "border": 1, "border_color": "#A6A6A6"}
        add = lambda **kw: wb.add_format({**base, **kw})  # noqa: E731
        self.title = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E78"})
        self.label = wb.add_format({"bold": True, "font_size": 10})
        self.value = wb.add_format({"font_size": 10, "num_format": "@"})
        self.legend_input = wb.add_format({"font_size": 10, "bg_color": "#FFF2CC", "border": 1})
        self.legend_locked = wb.add_format({"font_size": 10, "bg_color": "#F2F2F2", "border": 1})
        self.group = add(bold=True, align="center", bg_color="#DDEBF7")
        self.header = add(bold=True, align="center", valign="vcenter", bg_color="#1F4E78",
                          font_color="#FFFFFF")
        self.locked_text = add(bg_color="#F2F2F2", num_format="@")
        self.locked_num = add(bg_color="#F2F2F2", num_format="General")
        self.locked_center = add(bg_color="#F2F2F2", align="center", num_format="@")
        self.not_measured = add(bg_color="#D9D9D9", pattern=1)
        self.input_num = add(bg_color="#FFF2CC", locked=False, num_format="General")
        self.input_text = add(bg_color="#FFF2CC", locked=False, num_format="@")
        self.input_rupiah = add(bg_color="#FFF2CC", locked=False, num_format=FORMAT_RUPIAH)
        self.input_date = add(bg_color="#FFF2CC", locked=False, num_format="dd/mm/yyyy")
        self.capaian = add(bg_color="#E2EFDA", num_format=FORMAT_PERSEN, align="right")
        self.rupiah = add(bg_color="#F2F2F2", num_format=FORMAT_RUPIAH)
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top", "font_size": 11})
        self.wrap_bold = wb.add_format({"text_wrap": True, "valign": "top", "bold": True,
                                        "font_size": 12, "font_color": "#1F4E78"})


_REALISASI_RULE = {
    "validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
    "error_title": "Isian tidak valid",
    "error_message": "Isi dengan angka 0 atau lebih (pakai koma untuk desimal, mis. 85,5). "
                     "Kosongkan bila belum ada data.",
    "input_title": "Realisasi", "input_message": "Angka, mis. 85,5. Kosongkan bila belum ada.",
}
_RUPIAH_RULE = {**_REALISASI_RULE, "input_title": "Realisasi anggaran",
                "input_message": "Rupiah yang dibelanjakan pada triwulan ini, mis. 12500000."}
_STATUS_RULE = {"validate": "list", "source": list(STATUS_KEGIATAN),
                "error_title": "Status tidak valid",
                "error_message": "Pilih salah satu: " + ", ".join(STATUS_KEGIATAN) + "."}
_DATE_RULE = {"validate": "date", "criteria": ">", "value": dt.date(2000, 1, 1),
              "error_title": "Tanggal tidak valid",
              "error_message": "Isi tanggal, mis. 15/05/2026."}


def _identity_block(ws, f: _Formats, title: str, master: Master, asn: ASN, legend: bool = True) -> None:
    p = master.pengaturan
    unit = master.unit.get(asn.kode_unit)
    ws.write_string(0, 0, title, f.title)
    rows = (("Lembaga", p.nama_lembaga), ("Nama", asn.nama), ("NIP", asn.nip),
            ("Jabatan", asn.jabatan), ("Unit Kerja", unit.nama if unit else asn.kode_unit),
            ("Tahun", str(p.tahun)))
    for r, (label, value) in enumerate(rows, start=1):
        ws.write_string(r, 0, label, f.label)
        ws.write_string(r, 2, value, f.value)
    if not legend:
        return
    ws.write_string(7, 0, "Diisi", f.legend_input)
    ws.write_string(7, 1, "Terkunci", f.legend_locked)
    ws.write_string(7, 2, "Isi hanya sel kuning. Kosongkan bila belum ada data; pakai koma untuk desimal.",
                    f.label)


def _headers(ws, f: _Formats, headers: tuple[str, ...], groups) -> None:
    ws.set_row(HEADER_ROW, 42)
    for c, name in enumerate(headers):
        ws.write_string(HEADER_ROW, c, name, f.header)
    for label, names in groups:
        first, last = headers.index(names[0]), headers.index(names[-1])
        ws.merge_range(HEADER_ROW - 1, first, HEADER_ROW - 1, last, label, f.group)


def _page_setup(ws, last_col: int) -> None:
    ws.freeze_panes(HEADER_ROW + 1, 4)
    _print_setup(ws, last_col, baris_judul=(HEADER_ROW - 1, HEADER_ROW), kolom_judul=(0, 3))
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})


def _print_setup(ws, last_col: int, baris_judul: Optional[tuple[int, int]] = None,
                 kolom_judul: Optional[tuple[int, int]] = None, last_row: Optional[int] = None,
                 measure_from: int = HEADER_ROW + 1) -> None:
    """A4 print set-up of one form sheet: columns 0..last_col printed (readable scale, title rows
    and columns repeated), explicit heights for wrapped rows; the footer names the file."""
    siapkan_cetak(ws, None, last_col, baris_judul=baris_judul, kolom_judul=kolom_judul, dari_baris=measure_from,
                  last_row=last_row, ukuran_huruf=10)


def _write_pengukuran(wb, f: _Formats, master: Master, asn: ASN, items: list[Indikator]) -> None:
    ws = wb.add_worksheet(SHEET_PENGUKURAN)
    _identity_block(ws, f, f"FORMAT PENGUKURAN KINERJA TAHUN {master.pengaturan.tahun}", master, asn)
    _headers(ws, f, PENGUKURAN_HEADERS, GROUPS_PENGUKURAN)
    h = PENGUKURAN_HEADERS
    c_target, c_real, c_cap = h.index(P_TARGET[0]), h.index(P_REALISASI[0]), h.index(P_CAPAIAN[0])
    c_narasi, c_bukti, c_rumus = h.index(P_NARASI[0]), h.index("Bukti Dukung"), h.index("Rumus Capaian")
    for c, width in ((0, 4), (1, 11), (2, 28), (3, 40), (4, 9), (5, 8), (6, 9), (7, 9)):
        ws.set_column(c, c, width)
    ws.set_column(c_target, c_cap + 3, 10)
    ws.set_column(c_narasi, c_bukti, 26)
    ws.set_column(c_rumus, c_rumus, 24)
    first = HEADER_ROW + 1
    for i, ind in enumerate(items):
        r = first + i
        ws.write_number(r, 0, i + 1, f.locked_center)
        for c, value in ((1, ind.kode), (2, ind.sasaran), (3, ind.indikator), (4, ind.satuan)):
            ws.write_string(r, c, value, f.locked_text)
        ws.write_string(r, 5, ind.polaritas, f.locked_center)
        ws.write_string(r, 6, "ya" if ind.kumulatif else "tidak", f.locked_center)
        ws.write_number(r, 7, ind.target_tahun, f.locked_num)
        rule = master.rule(ind)
        for t in TRIWULAN:
            target = ind.target(t)
            if target is None:  # tidak diukur: nothing to fill this quarter
                ws.write_blank(r, c_target + t - 1, None, f.not_measured)
                ws.write_blank(r, c_real + t - 1, None, f.not_measured)
                ws.write_string(r, c_cap + t - 1, "tidak diukur", f.not_measured)
                continue
            ws.write_number(r, c_target + t - 1, target, f.locked_num)
            ws.write_blank(r, c_real + t - 1, None, f.input_num)
            formula = rule.excel(cell_ref(r, c_target + t - 1), cell_ref(r, c_real + t - 1))
            ws.write_formula(r, c_cap + t - 1, f"={formula}", f.capaian, "")
        for c in range(c_narasi, c_bukti + 1):
            ws.write_blank(r, c, None, f.input_text)
        ws.write_string(r, c_rumus, rule.rumus, f.locked_text)
    if items:
        last = first + len(items) - 1
        ws.data_validation(first, c_real, last, c_real + 3, _REALISASI_RULE)
    _page_setup(ws, len(h) - 1)


# The quarter chosen on the Cetak sheet: a yellow cell right of the printed columns, so neither
# it nor its instruction is printed (row 8 of the page shows the chosen quarter instead).
C_TRIWULAN_CETAK = "$M$2"
CETAK_HEADERS = ("No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)",
                 *NARASI, "Bukti Dukung")


def _pick(sheet: str, first_row: int, last_row: int, first_col: int, width: int, column: str) -> str:
    """One column of a quarter's block on ``sheet`` for rows first..last, as an array formula
    (one formula per column, not per cell); blank shown blank, where INDEX alone gives 0."""
    rng = f"'{sheet}'!{cell_ref(first_row, first_col)}:{cell_ref(last_row, first_col + width - 1)}"
    pick = f"INDEX({rng},0,{column})"
    return f'{{=IF({pick}="","",{pick})}}'


def _write_cetak(wb, f: _Formats, master: Master, asn: ASN, items: list[Indikator]) -> None:
    """A print view of one quarter, reading the Pengukuran sheet through formulas: nothing to type
    twice, and the collector never reads it."""
    ws = wb.add_worksheet(SHEET_CETAK)
    p = master.pengaturan
    _identity_block(ws, f, f"LAPORAN PENGUKURAN KINERJA TRIWULAN — TAHUN {p.tahun}", master, asn, legend=False)
    ws.write_string(1, 11, "Triwulan yang dicetak (1–4)", f.label)
    ws.write_number(1, 12, 1, f.input_num)
    ws.write_string(2, 11, f"Lembar untuk dicetak: isinya diambil dari lembar «{SHEET_PENGUKURAN}». "
                           "Pilih triwulan di sel kuning, lalu cetak (hanya kolom A–J yang tercetak).", f.label)
    ws.write_string(HEADER_ROW - 1, 0, "Triwulan", f.label)
    ws.write_formula(HEADER_ROW - 1, 2, f'=CHOOSE({C_TRIWULAN_CETAK},"I","II","III","IV")', f.value, "I")
    ws.data_validation(1, 12, 1, 12, {
        "validate": "list", "source": ["1", "2", "3", "4"], "input_title": "Triwulan",
        "input_message": "Pilih triwulan yang akan dicetak.", "error_title": "Triwulan tidak valid",
        "error_message": "Pilih 1, 2, 3 atau 4."})
    _headers(ws, f, CETAK_HEADERS, ())
    for c, width in enumerate((4, 36, 9, 9, 10, 10, 24, 24, 24, 20, 3, 26, 6)):  # 10 printed + selector
        ws.set_column(c, c, width)
    h = PENGUKURAN_HEADERS
    c_target, c_real, c_cap = h.index(P_TARGET[0]), h.index(P_REALISASI[0]), h.index(P_CAPAIAN[0])
    c_narasi, c_bukti = h.index(P_NARASI[0]), h.index("Bukti Dukung")
    first, last = HEADER_ROW + 1, HEADER_ROW + len(items)  # the same rows as on the Pengukuran sheet
    for i, ind in enumerate(items):
        r = first + i
        ws.set_row(r, 48)  # room for four wrapped lines of explanation (rows stay resizable)
        ws.write_number(r, 0, i + 1, f.locked_center)
        ws.write_string(r, 1, ind.indikator, f.locked_text)
        ws.write_string(r, 2, ind.satuan, f.locked_text)
    if items:
        picks = [(3, c_target, 4, C_TRIWULAN_CETAK, f.locked_num), (4, c_real, 4, C_TRIWULAN_CETAK, f.locked_num),
                 (5, c_cap, 4, C_TRIWULAN_CETAK, f.capaian)]
        picks += [(6 + k, c_narasi, 4 * len(NARASI), f"({C_TRIWULAN_CETAK}-1)*{len(NARASI)}+{k + 1}", f.locked_text)
                  for k in range(len(NARASI))]
        picks.append((9, c_bukti, 1, "1", f.locked_text))
        # Cached results for the default quarter (TW I), shown by a spreadsheet that does not
        # recalculate on opening: TW I targets, everything else still empty.
        cached = {3: [ind.target(1) for ind in items]}
        for c, src, width, column, fmt in picks:
            values = cached.get(c, [None] * len(items))
            ws.write_array_formula(first, c, last, c, _pick(SHEET_PENGUKURAN, first, last, src, width, column), fmt,
                                   "" if values[0] is None else values[0])
            for r, value in enumerate(values[1:], start=first + 1):  # replaces XlsxWriter's padding zeroes
                if value is None:
                    ws.write_blank(r, c, None, fmt)
                else:
                    ws.write_number(r, c, value, fmt)
    sign = first + len(items) + 2
    above = master.atasan(asn) or ("." * 30, "." * 18, "Atasan langsung")
    ws.write_string(sign, 1, "Mengetahui,", f.value)
    ws.write_string(sign + 1, 1, above[2], f.value)
    ws.write_string(sign + 5, 1, above[0], f.label)
    ws.write_string(sign + 6, 1, f"NIP {above[1]}", f.value)
    ws.write_string(sign, 6, f"{p.kota}, {'.' * 24} {p.tahun}", f.value)
    ws.write_string(sign + 1, 6, asn.jabatan, f.value)
    ws.write_string(sign + 5, 6, asn.nama, f.label)
    ws.write_string(sign + 6, 6, f"NIP {asn.nip}", f.value)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(ws, len(CETAK_HEADERS) - 1, baris_judul=(HEADER_ROW, HEADER_ROW), last_row=sign + 6)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True})


def _jadwal(k: Kegiatan) -> str:
    start, end = BULAN[k.bulan_mulai - 1], BULAN[k.bulan_selesai - 1]
    return start if start == end else f"{start} – {end}"


def _write_pemantauan(wb, f: _Formats, master: Master, asn: ASN, items: list[Kegiatan]) -> None:
    ws = wb.add_worksheet(SHEET_PEMANTAUAN)
    _identity_block(ws, f, f"FORMAT PEMANTAUAN PROGRAM/KEGIATAN TAHUN {master.pengaturan.tahun}",
                    master, asn)
    _headers(ws, f, PEMANTAUAN_HEADERS, GROUPS_PEMANTAUAN)
    h = PEMANTAUAN_HEADERS
    c_target, c_real = h.index(K_TARGET[0]), h.index(K_REALISASI[0])
    c_pagu, c_ang, c_serapan = h.index(K_PAGU[0]), h.index(K_ANGGARAN[0]), h.index(K_SERAPAN[0])
    c_status, c_tail = h.index(K_STATUS_NARASI[0]), h.index(K_TAIL[0])
    for c, width in ((0, 4), (1, 10), (2, 26), (3, 34), (4, 20), (5, 10), (6, 16)):
        ws.set_column(c, c, width)
    ws.set_column(c_target, c_real + 3, 9)
    ws.set_column(c_pagu, c_serapan, 15)
    ws.set_column(c_status, c_tail + 1, 22)
    first = HEADER_ROW + 1
    for i, k in enumerate(items):
        r = first + i
        ws.write_number(r, 0, i + 1, f.locked_center)
        for c, value in ((1, k.kode), (2, k.program), (3, k.kegiatan), (4, k.output),
                         (5, k.satuan_output), (6, _jadwal(k))):
            ws.write_string(r, c, value, f.locked_text)
        for t in TRIWULAN:
            target = k.target_output_tw[t - 1]
            if target is None:
                ws.write_blank(r, c_target + t - 1, None, f.locked_num)
            else:
                ws.write_number(r, c_target + t - 1, target, f.locked_num)
            ws.write_blank(r, c_real + t - 1, None, f.input_num)
            ws.write_blank(r, c_ang + t - 1, None, f.input_rupiah)
        ws.write_number(r, c_pagu, k.pagu, f.rupiah)
        span = f"{cell_ref(r, c_ang)}:{cell_ref(r, c_ang + 3)}"
        ws.write_formula(r, c_serapan, "=" + serapan_excel(cell_ref(r, c_pagu), span), f.capaian, "")
        for c in range(c_status, c_tail):
            ws.write_blank(r, c, None, f.input_text)
        ws.write_blank(r, c_tail, None, f.input_date)
        ws.write_blank(r, c_tail + 1, None, f.input_text)
    if items:
        last = first + len(items) - 1
        ws.data_validation(first, c_real, last, c_real + 3, _REALISASI_RULE)
        ws.data_validation(first, c_ang, last, c_ang + 3, _RUPIAH_RULE)
        for t in TRIWULAN:
            c = c_status + (t - 1) * 3
            ws.data_validation(first, c, last, c, _STATUS_RULE)
        ws.data_validation(first, c_tail, last, c_tail, _DATE_RULE)
    _page_setup(ws, len(h) - 1)


def _petunjuk_lines(master: Master, asn: ASN) -> list[str]:
    from .angka import format_tanggal

    p = master.pengaturan
    deadlines = [f"• Triwulan {ROMAWI[t]}: paling lambat {format_tanggal(d)}" if d else
                 f"• Triwulan {ROMAWI[t]}: batas waktu akan diumumkan Tim Perencanaan"
                 for t, d in zip(TRIWULAN, p.batas_tw)]
    return [
        f"Yth. {asn.nama},",
        "Formulir ini berisi dua lembar yang diisi setiap triwulan: «Pengukuran Kinerja» "
        "(realisasi indikator Perjanjian Kinerja Anda) dan «Pemantauan» (pelaksanaan "
        "program/kegiatan dan anggaran).",
        "Apa yang diisi",
        "• Hanya sel berwarna KUNING. Sel abu-abu berasal dari Perjanjian Kinerja dan terkunci.",
        "• Realisasi: angka saja, tanpa satuan. Gunakan koma untuk desimal (85,5). Bila belum "
        "ada data, biarkan kosong — jangan diisi 0.",
        "• Indikator kumulatif (kolom Kumulatif = ya): isi posisi sampai akhir triwulan. "
        "Indikator tidak kumulatif: isi capaian triwulan itu saja.",
        "• Polaritas +: makin tinggi makin baik. Polaritas -: makin rendah makin baik "
        "(mis. jumlah temuan); capaian dihitung otomatis dengan rumus yang tertulis di kolom "
        "Rumus Capaian.",
        "• Tuliskan progres, kendala dan tindak lanjut pada kolom triwulan yang sedang "
        "dilaporkan, serta tautan/nama berkas bukti dukung.",
        "• Pemantauan: isi realisasi output, realisasi anggaran (rupiah yang dibelanjakan pada "
        "triwulan itu), status kegiatan, kendala dan solusinya.",
        "• Sel bertanda «tidak diukur» berarti indikator tidak diukur pada triwulan itu.",
        "Kapan",
        *deadlines,
        "Cara mengumpulkan",
        "• Simpan berkas ini (boleh dengan nama lain; formulir dikenali dari isinya) dan letakkan "
        "kembali di folder bersama unit Anda, atau kirim ke Tim Perencanaan.",
        "• Satu berkas untuk satu tahun: isi triwulan berikutnya pada berkas yang sama. Bila folder "
        "bersama dibagi per triwulan (TW1 … TW4), simpan salinannya ke folder triwulan yang sedang "
        "dilaporkan.",
        "• Jangan menyalin lembar ke berkas lain dan jangan membuka proteksi lembar.",
        f"• Untuk mencetak laporan satu triwulan (mis. untuk ditandatangani atasan), buka lembar "
        f"«{SHEET_CETAK}», pilih triwulan di sel kuning, lalu cetak: isinya diambil dari lembar "
        f"«{SHEET_PENGUKURAN}».",
        f"Pertanyaan: Tim Perencanaan dan Koordinator SAKIP {p.nama_lembaga}.",
    ]


def _write_petunjuk(wb, f: _Formats, master: Master, asn: ASN) -> None:
    ws = wb.add_worksheet(SHEET_PETUNJUK)
    ws.set_column(0, 0, 100)
    ws.write_string(0, 0, f"Petunjuk Pengisian Formulir Kinerja {master.pengaturan.tahun}", f.title)
    headings = {"Apa yang diisi", "Kapan", "Cara mengumpulkan"}
    for r, line in enumerate(_petunjuk_lines(master, asn), start=2):
        ws.write_string(r, 0, line, f.wrap_bold if line in headings else f.wrap)
    _print_setup(ws, 0, measure_from=0)
    ws.protect("", {"select_locked_cells": True})


def _write_meta(wb, master: Master, asn: ASN, fingerprint: str) -> None:
    ws = wb.add_worksheet(META_SHEET)
    rows = (("versi_formulir", VERSI_FORMULIR), ("tahun", master.pengaturan.tahun),
            ("nip", asn.nip), ("nama", asn.nama), ("kode_unit", asn.kode_unit),
            ("sidik", fingerprint), ("dibuat", dt.datetime.now().isoformat(timespec="seconds")),
            ("lembar_pengukuran", SHEET_PENGUKURAN), ("lembar_pemantauan", SHEET_PEMANTAUAN))
    for r, (key, value) in enumerate(rows):
        ws.write_string(r, 0, key)
        if isinstance(value, int):
            ws.write_number(r, 1, value)
        else:
            ws.write_string(r, 1, value)
    ws.very_hidden()
    ws.protect("")


def tulis_formulir(master: Master, asn: ASN, dest: Path) -> Path:
    """Write one ASN's form to ``dest`` atomically."""
    indikator = master.indikator.get(asn.nip, [])
    kegiatan = master.kegiatan.get(asn.nip, [])
    with atomic_path(dest) as tmp:
        wb = new_workbook(tmp)
        wb.set_properties({"title": f"Formulir Kinerja {master.pengaturan.tahun} - {asn.nama}",
                           "author": master.pengaturan.nama_lembaga, "comments": "poskinerja"})
        f = _Formats(wb)
        _write_petunjuk(wb, f, master, asn)
        _write_pengukuran(wb, f, master, asn, indikator)
        _write_pemantauan(wb, f, master, asn, kegiatan)
        _write_cetak(wb, f, master, asn, indikator)
        tulis_cetak_pemantauan(wb, f, master, asn, kegiatan)
        _write_meta(wb, master, asn, sidik(indikator, kegiatan))
        wb.worksheets()[1].activate()
        wb.close()
    return dest


def _write_chunk(args: tuple[Master, list[tuple[ASN, Path]]]) -> list[Path]:
    master, jobs = args
    return [tulis_formulir(master, asn, dest) for asn, dest in jobs]


def buat_formulir(master: Master, out_dir: Path | str, unit: Optional[str] = None,
                  nip: Optional[str] = None, proses: Optional[int] = None) -> list[Path]:
    """Write the forms of the selected ASN under ``out_dir/<kode_unit>/``.

    ``proses``: worker processes (default: all cores when there are many forms).
    """
    out_dir = Path(out_dir)
    taken: dict[str, int] = {}
    jobs = [(asn, unique_path(form_path(out_dir, asn), taken)) for asn in master.pilih_asn(unit, nip)]
    workers = proses or (os.cpu_count() or 1 if len(jobs) >= 64 else 1)
    if workers <= 1:
        return _write_chunk((master, jobs))
    size = max(1, -(-len(jobs) // (workers * 4)))
    chunks = [(master, jobs[i:i + size]) for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [p for paths in pool.map(_write_chunk, chunks) for p in paths]
