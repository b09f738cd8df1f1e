"""Writing the per-ASN form: Format Pengukuran Kinerja + Format Pemantauan.

One workbook per ASN per year (the ▶ per-ASN form contract). Prefilled cells
are locked; the input cells are the only unlocked ones. Capaian and serapan
are formulas built from the rules in ``model``. The collector identifies a
form by its very-hidden metadata sheet, never by its file name.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from xlsxwriter.worksheet import Worksheet

from ..berkas.xlsx_tulis import FORMAT_PERSEN, FORMAT_RUPIAH, new_workbook
from ..berkas.aman import atomic_path
from ..berkas.cetak_xlsx import siapkan_cetak
from .cetak import SHEET_CETAK_PEMANTAUAN, tulis_cetak_pemantauan  # noqa: F401 (sheet name re-exported)
from ..inti.model import (ASN, BULAN, ROMAWI, STATUS_KEGIATAN, TRIWULAN, Indikator, Kegiatan, Master,
                    serapan_excel)
from ..inti.model import CAPAIAN_ISIAN_TIDAK_VALID, TARGET_NOL_DIHITUNG
from ..berkas.xlsx_baca import cell_ref, col_letter
from .kontrak import (HEADER_ROW, K_ANGGARAN, K_PAGU, K_REALISASI, K_SERAPAN, K_STATUS_NARASI, K_TAIL, K_TARGET, META_SHEET, NARASI, PEMANTAUAN_HEADERS, PENGUKURAN_HEADERS, P_CAPAIAN, P_NARASI, P_REALISASI, P_TARGET, SHEET_CETAK, SHEET_HITUNG, SHEET_PEMANTAUAN, SHEET_PENGUKURAN, SHEET_PETUNJUK, VERSI_FORMULIR, sidik)
from ..inti.angka import LANGKAH_EXCEL, PENANDA_KOSONG, langkah_excel, nilai_excel

GROUPS_PENGUKURAN = (("Target", P_TARGET), ("Realisasi (diisi)", P_REALISASI),
                     ("Capaian (%)", P_CAPAIAN))
GROUPS_PEMANTAUAN = (("Target Output", K_TARGET), ("Realisasi Output (diisi)", K_REALISASI),
                     ("Realisasi Anggaran (diisi)", K_ANGGARAN))


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
        self.invalid = wb.add_format({"font_color": "#C00000", "bold": True})  # "isian tidak valid"
        self.rupiah = add(bg_color="#F2F2F2", num_format=FORMAT_RUPIAH)
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top", "font_size": 11})
        self.wrap_bold = wb.add_format({"text_wrap": True, "valign": "top", "bold": True,
                                        "font_size": 12, "font_color": "#1F4E78"})


_REALISASI_RULE = {
    "validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
    "error_title": "Isian tidak valid",
    "error_message": "Isi dengan angka 0 atau lebih, ditulis seperti angka lain di komputer ini "
                     "(pemisah desimal mengikuti pengaturan wilayah: 85,5 atau 85.5). "
                     "Kosongkan bila belum ada data.",
    "input_title": "Realisasi",
    "input_message": "Angka saja, tanpa satuan. Kosongkan bila belum ada data.",
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
    ws.write_string(7, 2, "Isi hanya sel kuning, dengan angka saja. Kosongkan bila belum ada data.",
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
            formula = rule.excel(cell_ref(r, c_target + t - 1), _nilai_ref(r, t))
            ws.write_formula(r, c_cap + t - 1, f"={formula}", f.capaian, "")
        for c in range(c_narasi, c_bukti + 1):
            ws.write_blank(r, c, None, f.input_text)
        ws.write_string(r, c_rumus, rule.rumus_untuk((ind.target_tahun, *ind.target_tw)), f.locked_text)
    if items:
        last = first + len(items) - 1
        ws.data_validation(first, c_real, last, c_real + 3, _REALISASI_RULE)
        ws.conditional_format(first, c_cap, last, c_cap + 3, {
            "type": "cell", "criteria": "==", "value": f'"{CAPAIAN_ISIAN_TIDAK_VALID}"', "format": f.invalid})
    _page_setup(ws, len(h) - 1)


# The quarter chosen on the Cetak sheet: a yellow cell right of the printed columns, so neither
# it nor its instruction is printed (row 8 of the page shows the chosen quarter instead).
C_TRIWULAN_CETAK = "$M$2"
CETAK_HEADERS = ("No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)",
                 *NARASI, "Bukti Dukung")


def tulis_pilihan(ws, first: int, last: int, picks, cached: dict[int, list], n: int) -> None:
    """The Cetak sheets' columns: each an array formula picking the chosen quarter's block
    (``_pick``), with ``cached`` values per column shown until the spreadsheet recalculates.

    ``picks``: (column, source sheet, first source column, block width, quarter column, format).
    """
    for c, sheet, src, width, column, fmt in picks:
        values = cached.get(c, [None] * n)
        ws.write_array_formula(first, c, last, c, _pick(sheet, first, last, src, width, column), fmt,
                               "" if values[0] is None else values[0])
        for r, value in enumerate(values[1:], start=first + 1):  # replaces XlsxWriter's padding zeroes
            if value is None:
                ws.write_blank(r, c, None, fmt)
            else:
                ws.write_number(r, c, value, fmt)


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
    c_target, c_cap = h.index(P_TARGET[0]), h.index(P_CAPAIAN[0])
    c_narasi, c_bukti = h.index(P_NARASI[0]), h.index("Bukti Dukung")
    first, last = HEADER_ROW + 1, HEADER_ROW + len(items)  # the same rows as on the Pengukuran sheet
    for i, ind in enumerate(items):
        r = first + i
        ws.set_row(r, 48)  # room for four wrapped lines of explanation (rows stay resizable)
        ws.write_number(r, 0, i + 1, f.locked_center)
        ws.write_string(r, 1, ind.indikator, f.locked_text)
        ws.write_string(r, 2, ind.satuan, f.locked_text)
    if items:
        picks = [(3, c_target, 4, C_TRIWULAN_CETAK, f.locked_num), (4, 0, 4, C_TRIWULAN_CETAK, f.locked_num),
                 (5, c_cap, 4, C_TRIWULAN_CETAK, f.capaian)]
        picks += [(6 + k, c_narasi, 4 * len(NARASI), f"({C_TRIWULAN_CETAK}-1)*{len(NARASI)}+{k + 1}", f.locked_text)
                  for k in range(len(NARASI))]
        picks.append((9, c_bukti, 1, "1", f.locked_text))
        # Cached results for the default quarter (TW I), shown by a spreadsheet that does not
        # recalculate on opening: TW I targets, everything else still empty.
        cached = {3: [ind.target(1) for ind in items]}
        # realisasi (column 4) as counted, from the hidden helper sheet (85% → 85)
        tulis_pilihan(ws, first, last, [(c, SHEET_HITUNG if c == 4 else SHEET_PENGUKURAN, src, width, column, fmt)
                                         for c, src, width, column, fmt in picks], cached, len(items))
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
        # the spending as kompilasi reads it: text such as "Rp 12.500.000" counts, unreadable does not
        ws.write_formula(r, c_serapan, "=" + serapan_excel(cell_ref(r, c_pagu), _anggaran_range(r)), f.capaian, "")
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
    from ..inti.angka import format_tanggal

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
        "• Realisasi: angka saja, tanpa satuan, diketik seperti angka lain di komputer Anda: pemisah "
        "desimal mengikuti pengaturan wilayah komputer (Indonesia 85,5; Inggris/AS 85.5). Angka yang "
        "diterima tampil rata kanan. Bila belum ada data, biarkan kosong — jangan diisi 0.",
        "• Angka yang ditempel sebagai teks tetap dibaca bila ditulis cara Indonesia: 85, 85,5, "
        "1.234,5, 85% atau Rp 1.250.000 (koma desimal, titik ribuan). Pada indikator bersatuan %, "
        "85% dibaca 85.",
        f"• Kolom Capaian menunjukkan nilai yang akan masuk rekap. Bila tertulis "
        f"«{CAPAIAN_ISIAN_TIDAK_VALID}», realisasinya tidak terbaca sebagai angka (atau negatif) dan "
        "tidak dihitung: perbaiki isiannya. Tanda «-» berarti capaian tidak dapat dihitung.",
        *_petunjuk_target_nol(p.target_nol),
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


def _nilai_ref(row: int, triwulan: int) -> str:
    """The cell on SHEET_HITUNG holding the realisasi of ``row`` in ``triwulan`` as kompilasi reads it."""
    return f"'{SHEET_HITUNG}'!{cell_ref(row, triwulan - 1)}"


_HITUNG_BLOK = len(TRIWULAN) * (1 + LANGKAH_EXCEL)  # columns of one block on SHEET_HITUNG
_HITUNG_ANGGARAN = _HITUNG_BLOK + 1  # the Pemantauan block starts after the markers' column


def _anggaran_range(row: int) -> str:
    """The four quarters' realisasi anggaran of Pemantauan ``row`` as kompilasi reads them."""
    return (f"'{SHEET_HITUNG}'!{cell_ref(row, _HITUNG_ANGGARAN)}:"
            f"{cell_ref(row, _HITUNG_ANGGARAN + len(TRIWULAN) - 1)}")


def _write_bacaan(ws, r: int, base: int, t: int, entry: str, persen: bool, penanda: str) -> None:
    """The cells reading one entry (``angka.langkah_excel``) and its value at column ``base + t - 1``."""
    first = base + len(TRIWULAN) + (t - 1) * LANGKAH_EXCEL
    steps = [cell_ref(r, first + k) for k in range(LANGKAH_EXCEL)]
    for k, formula in enumerate(langkah_excel(entry, steps, persen, penanda)):
        ws.write_formula(r, first + k, f"={formula}", None, "")
    ws.write_formula(r, base + t - 1, "=" + nilai_excel(entry, steps), None, "")


class _HitungSheet(Worksheet):
    """The helper sheet: thousands of long formulas of classic functions only. XlsxWriter scans every
    formula with some thirty patterns for Excel 365 functions to prefix; here none can occur (the
    formulas come from ``angka``), and that scan alone tripled the time to write a form."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula[1:] if formula.startswith("=") else formula


def _write_hitung(wb, items: list[Indikator], kegiatan: list[Kegiatan]) -> None:
    """Each entry read the way kompilasi reads it, so capaian, serapan and the Cetak page show what
    the recap will: 85% typed on a %-indicator is 85, "85,5" typed as text is 85.5, "-" is empty,
    anything unreadable stays text (the capaian cell then says so; serapan leaves it out, as
    kompilasi does). Formulas only; never typed in. Rows are those of the form's sheets; columns:
    Pengukuran realisasi block, the "no data" markers, Pemantauan realisasi anggaran block."""
    ws = wb.add_worksheet(SHEET_HITUNG, worksheet_class=_HitungSheet)
    for k, marker in enumerate(PENANDA_KOSONG):
        ws.write_string(k, _HITUNG_BLOK, marker)
    col = col_letter(_HITUNG_BLOK)
    penanda = f"${col}$1:${col}${len(PENANDA_KOSONG)}"
    c_real = PENGUKURAN_HEADERS.index(P_REALISASI[0])
    for i, ind in enumerate(items):
        r = HEADER_ROW + 1 + i
        for t in TRIWULAN:
            if ind.diukur(t):
                entry = f"'{SHEET_PENGUKURAN}'!{cell_ref(r, c_real + t - 1)}"
                _write_bacaan(ws, r, 0, t, entry, ind.satuan == "%", penanda)
    c_ang = PEMANTAUAN_HEADERS.index(K_ANGGARAN[0])
    for i, _ in enumerate(kegiatan):
        r = HEADER_ROW + 1 + i
        for t in TRIWULAN:
            entry = f"'{SHEET_PEMANTAUAN}'!{cell_ref(r, c_ang + t - 1)}"
            _write_bacaan(ws, r, _HITUNG_ANGGARAN, t, entry, False, penanda)
    ws.very_hidden()
    ws.protect("")


def _petunjuk_target_nol(target_nol: str) -> list[str]:
    if target_nol != TARGET_NOL_DIHITUNG:
        return ["• Indikator bertarget 0: capaian tidak dihitung (tanda «-») dan tidak masuk rata-rata."]
    return ["• Indikator bertarget 0 (mis. jumlah temuan berulang): polaritas -, realisasi 0 berarti "
            "capaian 100 % dan di atas 0 berarti 0 %; polaritas +, capaian 100 %."]


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
    from .ulang import KUNCI_SIDIK_TAMPILAN, sidik_tampilan

    rows += ((KUNCI_SIDIK_TAMPILAN, sidik_tampilan(master, asn)),)  # tells `format` the printed text changed
    for r, (key, value) in enumerate(rows):
        ws.write_string(r, 0, key)
        if isinstance(value, int):
            ws.write_number(r, 1, value)
        else:
            ws.write_string(r, 1, value)
    ws.very_hidden()
    ws.protect("")


def tulis_formulir(master: Master, asn: ASN, dest: Path, isian: Optional[dict] = None) -> Path:
    """Write one ASN's form to ``dest`` atomically.

    ``isian``: values carried from an earlier version of the form (``formulir_ulang``).
    """
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
        _write_hitung(wb, indikator, kegiatan)
        _write_meta(wb, master, asn, sidik(indikator, kegiatan))
        if isian:
            from .ulang import tulis_isian

            tulis_isian(wb, master, asn, isian)
        wb.worksheets()[1].activate()
        wb.close()
    return dest


def buat_formulir(master: Master, out_dir: Path | str, unit: Optional[str] = None,
                  nip: Optional[str] = None, proses: Optional[int] = None) -> list[Path]:
    """The forms of the selected ASN under ``out_dir/<kode_unit>/``, written or kept.

    Forms already there are never replaced silently: see ``formulir_ulang.perbarui_formulir``,
    which also says what happened to each. ``proses``: worker processes (default: all cores
    when there are many forms).
    """
    from .ulang import perbarui_formulir

    return perbarui_formulir(master, out_dir, unit=unit, nip=nip, proses=proses).berkas
