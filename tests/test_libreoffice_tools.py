"""The LibreOffice helpers work on real files (recalc, PDF, macro workbooks, buttons)."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from libreoffice import (click_button, docx_to_pdf, recalc_xlsx, require_libreoffice,
                         soffice_available, xlsm_info)


@pytest.fixture(autouse=True)
def _needs_libreoffice():
    require_libreoffice()


@pytest.fixture(scope="module")
def xlwings_vba(tmp_path_factory) -> Path:
    """xl/vbaProject.bin of xlwings' quickstart_standalone.xlsm (Module1.SampleCall)."""
    import xlwings

    src = Path(os.path.dirname(xlwings.__file__)) / "quickstart_standalone.xlsm"
    out = tmp_path_factory.mktemp("vba") / "vbaProject.bin"
    out.write_bytes(zipfile.ZipFile(src).read("xl/vbaProject.bin"))
    return out


def _make_xlsm(path: Path, vba_bin: Path, macro: str = "SampleCall", caption: str = "Tombol") -> Path:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Sheet1")
    wb.add_vba_project(str(vba_bin))
    wb.set_vba_name("ThisWorkbook")
    ws.set_vba_name("Sheet1")
    ws.write("A1", "judul")
    ws.insert_button("B3", {"macro": macro, "caption": caption})
    wb.close()
    return path


def test_soffice_available():
    assert soffice_available()


def test_recalc_recomputes_cached_formula_values(tmp_path):
    src = tmp_path / "rumus.xlsx"
    wb = xlsxwriter.Workbook(src)
    ws = wb.add_worksheet("Data")
    ws.write("A1", 21)
    ws.write_formula("B1", "=A1*2", None, 0)            # cached value deliberately wrong
    ws.write_formula("C1", '=IF(B1>40,"lulus","gagal")', None, "")
    ws.write_formula("D1", "=SUM(A1:B1)")                # XlsxWriter caches 0
    wb.close()
    assert openpyxl.load_workbook(src, data_only=True)["Data"]["B1"].value == 0

    dst = recalc_xlsx(src, tmp_path / "out" / "rumus.xlsx")

    ws2 = openpyxl.load_workbook(dst, data_only=True)["Data"]
    assert ws2["B1"].value == 42
    assert ws2["C1"].value == "lulus"
    assert ws2["D1"].value == 63
    # formulas survive the round trip
    assert openpyxl.load_workbook(dst)["Data"]["B1"].value == "=A1*2"


def test_recalc_missing_input_raises(tmp_path):
    with pytest.raises(RuntimeError, match="not found"):
        recalc_xlsx(tmp_path / "tidak-ada.xlsx", tmp_path / "out.xlsx")


def test_docx_to_pdf_counts_pages(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_heading("Laporan Kinerja", level=1)
    doc.add_paragraph("Capaian indikator triwulan I sesuai target.")
    doc.save(tmp_path / "satu.docx")
    doc.add_page_break()
    doc.add_paragraph("Halaman kedua.")
    doc.save(tmp_path / "dua.docx")

    pages = docx_to_pdf(tmp_path / "satu.docx", tmp_path / "satu.pdf")
    assert pages == 1
    assert (tmp_path / "satu.pdf").read_bytes().startswith(b"%PDF")
    assert docx_to_pdf(tmp_path / "dua.docx", tmp_path / "dua.pdf") == 2


def test_xlsm_info_lists_modules_and_button_macro(tmp_path, xlwings_vba):
    xlsm = _make_xlsm(tmp_path / "kendali.xlsm", xlwings_vba)

    info = xlsm_info(xlsm)

    assert info["sheets"] == ["Sheet1"]
    vba = info["basic"]["VBAProject"]
    assert "SampleCall" in vba["Module1"]
    assert "RunPython" in vba["xlwings"]
    [button] = info["buttons"]
    assert button["sheet"] == "Sheet1"
    assert button["label"] == "Tombol"
    assert "Module1.SampleCall" in button["macro"]
    assert button["macro"].startswith("vnd.sun.star.script:VBAProject.")
    assert isinstance(info["compile_errors"], dict)


# --- clicking: needs a VBA project LibreOffice Basic can compile -----------------------
STUB_RUNPYTHON = (
    'Attribute VB_Name = "xlwings"\n'
    "Public Function RunPython(PythonCommand As String)\n"
    '    ThisWorkbook.Worksheets(1).Range("D5").Value = PythonCommand\n'
    "End Function\n"
)


def _stubbed_xlsm(path: Path, vba_bin: Path, **modules: str) -> Path:
    """The xlwings workbook with modules replaced via pyOpenVBA.

    LibreOffice 7.x cannot compile xlwings' own ``xlwings`` and ``Dictionary``
    modules, and one uncompilable module silently disables every macro of the
    library, so both are replaced.
    """
    import pyopenvba

    _make_xlsm(path, vba_bin)
    sources = {"xlwings": STUB_RUNPYTHON,
               "Dictionary": 'Attribute VB_Name = "Dictionary"\nOption Explicit\n', **modules}
    with pyopenvba.ExcelFile(str(path)) as wb:
        for name, src in sources.items():
            wb.set_module(name, src)
        wb.save(str(path))
    return path


def test_click_runs_bound_macro(tmp_path, xlwings_vba):
    xlsm = _stubbed_xlsm(tmp_path / "klik.xlsm", xlwings_vba)

    result = click_button(xlsm, "Tombol")

    assert "Module1.SampleCall" in result["macro"]
    rows = result["values"]["Sheet1"]
    assert rows[0][0] == "judul"
    # SampleCall: RunPython "import " & <workbook name without extension> & ";...main()"
    assert rows[4][3] == "import klik;klik.main()"


def test_click_reports_basic_errors(tmp_path, xlwings_vba):
    boom = _stubbed_xlsm(tmp_path / "boom.xlsm", xlwings_vba, xlwings=(
        'Attribute VB_Name = "xlwings"\n'
        "Public Function RunPython(PythonCommand As String)\n"
        '    Err.Raise 1234, , "gagal total"\n'
        "End Function\n"))
    with pytest.raises(RuntimeError, match="gagal total"):
        click_button(boom, "Tombol")

    # a syntax error in an unrelated module disables the whole library in LibreOffice
    broken = _stubbed_xlsm(tmp_path / "rusak.xlsm", xlwings_vba, Dictionary=(
        'Attribute VB_Name = "Dictionary"\n'
        "Sub Rusak(\n"
        "    If Then Else\n"
        "End Sub\n"))
    with pytest.raises(RuntimeError, match=r"compile.*Dictionary"):
        click_button(broken, "Tombol")
    with pytest.raises(RuntimeError, match="no button labelled 'Tidak ada'"):
        click_button(broken, "Tidak ada")
