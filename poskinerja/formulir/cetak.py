"""The form's print view of one quarter of the Pemantauan sheet (``Cetak Pemantauan``).

Pemantauan holds 35 columns (four quarters side by side): no A4 page takes them at a readable
size. Like ``Cetak Triwulan`` for Pengukuran, this sheet shows the chosen quarter only, through
formulas reading the Pemantauan sheet — nothing is typed twice and the collector never reads it.
The quarter selector and its instruction sit right of the printed columns.
"""
from __future__ import annotations

from ..inti.model import ASN, Kegiatan, Master

SHEET_CETAK_PEMANTAUAN = "Cetak Pemantauan"
C_TRIWULAN_PEMANTAUAN = "$N$2"  # the chosen quarter: right of the printed columns A–K
CETAK_PEMANTAUAN_HEADERS = ("No", "Kegiatan", "Output", "Satuan", "Target Output", "Realisasi Output",
                            "Pagu (Rp)", "Realisasi Anggaran (Rp)", "Status", "Kendala", "Solusi/Tindak Lanjut")
_WIDTHS = (4, 30, 20, 9, 9, 10, 15, 15, 11, 24, 24, 3, 26, 6)


def tulis_cetak_pemantauan(wb, f, master: Master, asn: ASN, items: list[Kegiatan]) -> None:
    from . import tulis as F  # the form's formats, identity block and print set-up

    ws = wb.add_worksheet(SHEET_CETAK_PEMANTAUAN)
    p = master.pengaturan
    F._identity_block(ws, f, f"LAPORAN PEMANTAUAN PROGRAM/KEGIATAN TRIWULAN — TAHUN {p.tahun}", master, asn,
                      legend=False)
    ws.write_string(1, 12, "Triwulan yang dicetak (1–4)", f.label)
    ws.write_number(1, 13, 1, f.input_num)
    ws.write_string(2, 12, f"Lembar untuk dicetak: isinya diambil dari lembar «{F.SHEET_PEMANTAUAN}». "
                           "Pilih triwulan di sel kuning, lalu cetak (hanya kolom A–K yang tercetak).", f.label)
    ws.data_validation(1, 13, 1, 13, {
        "validate": "list", "source": ["1", "2", "3", "4"], "input_title": "Triwulan",
        "input_message": "Pilih triwulan yang akan dicetak.", "error_title": "Triwulan tidak valid",
        "error_message": "Pilih 1, 2, 3 atau 4."})
    ws.write_string(F.HEADER_ROW - 1, 0, "Triwulan", f.label)
    ws.write_formula(F.HEADER_ROW - 1, 2, f'=CHOOSE({C_TRIWULAN_PEMANTAUAN},"I","II","III","IV")', f.value, "I")
    F._headers(ws, f, CETAK_PEMANTAUAN_HEADERS, ())
    for c, width in enumerate(_WIDTHS):
        ws.set_column(c, c, width)
    h = F.PEMANTAUAN_HEADERS
    c_target, c_real = h.index(F.K_TARGET[0]), h.index(F.K_REALISASI[0])
    c_status = h.index(F.K_STATUS_NARASI[0])
    first, last = F.HEADER_ROW + 1, F.HEADER_ROW + len(items)  # the same rows as on the Pemantauan sheet
    for i, k in enumerate(items):
        r = first + i
        ws.set_row(r, 48)  # room for four wrapped lines of explanation
        ws.write_number(r, 0, i + 1, f.locked_center)
        ws.write_string(r, 1, k.kegiatan, f.locked_text)
        ws.write_string(r, 2, k.output, f.locked_text)
        ws.write_string(r, 3, k.satuan_output, f.locked_text)
        ws.write_number(r, 6, k.pagu, f.rupiah)
    if items:
        quarter, sheet = C_TRIWULAN_PEMANTAUAN, F.SHEET_PEMANTAUAN
        # realisasi anggaran as kompilasi counts it (the hidden helper sheet's reading of each entry)
        picks = [(4, sheet, c_target, 4, quarter, f.locked_num), (5, sheet, c_real, 4, quarter, f.locked_num),
                 (7, F.SHEET_HITUNG, F._HITUNG_ANGGARAN, 4, quarter, f.rupiah)]
        picks += [(8 + n, sheet, c_status, 12, f"({quarter}-1)*3+{n + 1}", f.locked_text) for n in range(3)]
        cached = {4: [k.target_output_tw[0] for k in items]}  # TW I shown before any recalculation
        F.tulis_pilihan(ws, first, last, picks, cached, len(items))
    sign = first + len(items) + 2
    above = master.atasan(asn) or ("." * 30, "." * 18, "Atasan langsung")
    for r, (left, right, bold) in enumerate((("Mengetahui,", f"{p.kota}, {'.' * 24} {p.tahun}", False),
                                             (above[2], asn.jabatan, False), ("", "", False), ("", "", False),
                                             ("", "", False), (above[0], asn.nama, True),
                                             (f"NIP {above[1]}", f"NIP {asn.nip}", False)), start=sign):
        if left:
            ws.write_string(r, 1, left, f.label if bold else f.value)
        if right:
            ws.write_string(r, 8, right, f.label if bold else f.value)
    ws.freeze_panes(F.HEADER_ROW + 1, 0)
    F._print_setup(ws, len(CETAK_PEMANTAUAN_HEADERS) - 1, baris_judul=(F.HEADER_ROW, F.HEADER_ROW),
                   last_row=sign + 6)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True})
