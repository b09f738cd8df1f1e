"""Print set-up and measured sizes (``poskinerja.berkas.cetak_xlsx``), written with XlsxWriter and read
back with openpyxl: what Excel, LibreOffice and WPS will find in the file."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from poskinerja.berkas.cetak_xlsx import (Ukuran, atur_cetak, baris_teks, lebar_cetak, lebar_pt, pilih_tata,
                                   siapkan_cetak, teks_tampil)
from poskinerja.berkas.xlsx_tulis import FORMAT_PERSEN, FORMAT_RUPIAH, new_workbook


def test_rendered_text_follows_the_number_format():
    assert teks_tampil(10153000000, FORMAT_RUPIAH) == "Rp 10.153.000.000"
    assert teks_tampil(87.5, FORMAT_PERSEN) == "87,50%"
    assert teks_tampil(dt.datetime(2026, 4, 3, 9, 5), "dd/mm/yyyy hh:mm") == "dd/mm/0000 hh:mm"
    assert teks_tampil(3.25) == "3,25" and teks_tampil(None) == ""


def test_wrapped_lines_count_words_not_characters():
    assert baris_teks("", 10) == 1
    assert baris_teks("satu dua tiga", 40) == 1
    # "Persentase satuan / pendidikan yang / melakukan pemetaan / mutu"
    assert baris_teks("Persentase satuan pendidikan yang melakukan pemetaan mutu", 20) == 4
    assert baris_teks("baris satu\nbaris dua", 40) == 2


def test_layout_is_readable_or_split():
    narrow = pilih_tata([10, 30, 12])
    assert not narrow.landscape and narrow.skala is None  # portrait, one page wide
    wide = pilih_tata([12] * 14)
    assert wide.landscape and wide.skala is None  # landscape still readable at fit-to-width
    huge = pilih_tata([26] * 30, ukuran_huruf=10)
    assert huge.landscape and huge.skala == 80  # 10-pt text printed at 8 pt, columns continue
    assert lebar_cetak(True) / sum(lebar_pt(w) for w in [12] * 14) >= 8 / 11


def test_measured_sheet_has_no_hashes_and_explicit_heights(tmp_path):
    path = tmp_path / "ukur.xlsx"
    wb = new_workbook(path)
    ws = wb.add_worksheet("Uji")
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    money = wb.add_format({"num_format": FORMAT_RUPIAH})
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 20)
    ws.write_number(0, 0, 10153000000, money)  # far wider than 6 characters
    ws.write_string(1, 1, "Terselenggaranya layanan administrasi umum, kepegawaian, dan keuangan yang akuntabel",
                    wrap)
    ws.write_string(2, 1, "pendek", wrap)
    ws.write_string(3, 1, "IKI-FPMP-01-01-XXXXXXXXXXXXXXXX", wrap)  # one word longer than the column
    tata = siapkan_cetak(ws, "Uji & cetak", 1, baris_judul=(0, 0))
    wb.close()
    back = openpyxl.load_workbook(path)["Uji"]
    assert back.column_dimensions["A"].width >= len("Rp 10.153.000.000")
    assert back.column_dimensions["B"].width >= len("IKI-FPMP-01-01-XXXXXXXXXXXXXXXX") / 1.15
    assert back.row_dimensions[2].height >= 3 * 15  # three wrapped lines at least
    assert back.row_dimensions[3].height is None  # one line: left to the default
    assert back.page_setup.paperSize == 9 and back.print_title_rows == "$1:$1"
    assert back.print_area == "'Uji'!$A$1:$B$4" and not tata.landscape
    assert back.oddFooter.left.text == "Uji && cetak" and "Halaman &P dari &N" in back.oddFooter.right.text


def test_fixed_scale_repeats_title_columns(tmp_path):
    path = tmp_path / "lebar.xlsx"
    wb = new_workbook(path)
    ws = wb.add_worksheet("Lebar")
    widths = [26] * 30
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
        ws.write_string(0, c, f"Kolom {c}")
    tata = atur_cetak(ws, None, widths, ukuran_huruf=10, baris_judul=(0, 0), kolom_judul=(0, 1))
    wb.close()
    back = openpyxl.load_workbook(path)["Lebar"]
    assert tata.skala == 80 and back.page_setup.scale == 80 and back.page_setup.orientation == "landscape"
    assert back.print_title_cols == "$A:$B" and back.page_setup.pageOrder == "overThenDown"
    assert back.oddFooter.left.text == "&F — &A"  # no subject given: the file and sheet name


@pytest.mark.parametrize("ukuran", [Ukuran(minimum=8, maksimum=12)])
def test_ukuran_caps_text_and_wraps_it(ukuran):
    ukuran.catat(1, 0, "x" * 40)
    ukuran.catat_judul(0, 0, "Judul")
    assert ukuran.lebar(0) == 12 and ukuran.tinggi(1) and ukuran.tinggi(0) is None
