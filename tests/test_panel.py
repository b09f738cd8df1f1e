"""The panel workbook, checked by independent readers: openpyxl, olevba, pyOpenVBA and
headless LibreOffice (which opens it, lists its Basic modules and the macro bound to
every button, and clicks the buttons of a build whose RunPython is a stub)."""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from libreoffice import click_button, require_libreoffice, xlsm_info
from poskinerja.excel import tombol as px
from poskinerja.excel import panel as pn
from poskinerja.contoh.demo import salin_contoh
from poskinerja.master.baca import muat_master

WIN = r"C:\Program Files\Python311\python.exe"
MAC = "/Library/Frameworks/Python.framework/Versions/3.11/bin/python3"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The panel built once for the module: (path, master path, buttons)."""
    root = tmp_path_factory.mktemp("panel")
    master = salin_contoh(root)
    path = pn.buat_panel(master, root / "Panel Kinerja 2026.xlsm", folder=root / "masuk",
                         keluar=root / "keluar", triwulan=2, interpreter_win=WIN, interpreter_mac=MAC)
    return path, master, pn.tombol_panel()


def test_sheets_code_names_and_settings(built):
    path, master, _ = built
    wb = openpyxl.load_workbook(path, keep_vba=True)
    assert wb.sheetnames == ["Panel", "Status", "Ringkasan", "Jadwal POS", "xlwings.conf"]
    assert wb.code_name == "ThisWorkbook"
    assert [ws.sheet_properties.codeName for ws in wb.worksheets] == [f"Sheet{i}" for i in range(1, 6)]
    values = {}
    for key, (name, label, _) in px.SEL.items():
        [(sheet, address)] = list(wb.defined_names[name].destinations)
        assert sheet == "Panel"
        cell = wb["Panel"][address.replace("$", "")]
        assert wb["Panel"].cell(cell.row, cell.column - 1).value == label
        values[key] = cell.value
    assert values["master"] == str(Path(master).resolve())
    assert values["masuk"].endswith("masuk") and values["keluar"].endswith("keluar")
    assert (values["tahun"], values["triwulan"]) == (muat_master(master).pengaturan.tahun, 2)
    assert values["unit"] is None and values["nip"] is None
    # the triwulan dropdown, and the unit dropdown fed by the master's unit codes
    rules = {str(dv.sqref): dv for dv in wb["Panel"].data_validations.dataValidation}
    triwulan = rules[wb.defined_names["pk_triwulan"].attr_text.split("!")[1].replace("$", "")]
    assert triwulan.type == "list" and triwulan.formula1 == '"1,2,3,4"'
    unit = rules[wb.defined_names["pk_unit"].attr_text.split("!")[1].replace("$", "")]
    first, last = unit.formula1.replace("$", "").split(":")
    codes = [c.value for row in wb["Panel"][first:last] for c in row]
    assert codes == list(muat_master(master).unit)
    [(_, block)] = list(wb.defined_names[px.SEL_TERAKHIR].destinations)
    assert block.count("$") == 4 and ":" in block
    # the NIP column of Status is text, so 18 digits survive
    status = wb["Status"]
    assert [c.value for c in status[px.HEADER_ROW]][:len(px.STATUS_KOLOM)] == [h for h, _, _ in px.STATUS_KOLOM]
    assert status.column_dimensions["B"].number_format == "@"
    assert [c.value for c in wb["Jadwal POS"][px.HEADER_ROW]][:len(px.JADWAL_KOLOM)] == [
        h for h, _, _ in px.JADWAL_KOLOM]


def test_xlwings_conf_names_the_interpreters(built):
    wb = openpyxl.load_workbook(built[0])
    conf = wb["xlwings.conf"]
    rows = [(c.value, d.value) for c, d in conf.iter_rows(min_row=1, max_row=3, max_col=2)]
    assert rows[:2] == [("Interpreter_Win", WIN), ("Interpreter_Mac", MAC)]
    assert rows[2] == (None, None)  # xlwings reads from A1 down to the first empty row


def test_default_interpreter_win_is_no_machine_path(built, tmp_path, monkeypatch):
    """Built on Windows, the panel still names no python.exe: its VBA finds one on each PC (issue 12)."""
    from types import SimpleNamespace

    monkeypatch.setattr(pn, "sys", SimpleNamespace(platform="win32", executable=WIN))
    path = pn.buat_panel(built[1], tmp_path)
    assert path.name == "Panel Kinerja 2026.xlsm"
    conf = openpyxl.load_workbook(path)["xlwings.conf"]
    assert (conf["A1"].value, conf["B1"].value, conf["B2"].value) == ("Interpreter_Win", None, None)


def test_vba_module1_has_one_macro_per_button(built):
    path, _, buttons = built
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        modules = {Path(stream).name: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()
    assert {"Module1", "xlwings", "Dictionary", "ThisWorkbook", "Sheet1", "Sheet5"} <= set(modules)
    module1 = modules["Module1"]
    for handler, caption, _ in buttons:
        macro = pn.nama_makro(handler)
        assert f"Sub {macro}()" in module1
        assert f'RunPython "import poskinerja.excel as px; px.{handler}()"' in module1
        assert callable(getattr(px, handler))
    assert len(re.findall(r"^Sub \w+\(\)", module1, re.M)) == len(buttons)
    assert "Public Function RunPython" in modules["xlwings"]


def test_vba_project_declares_a_document_module_per_sheet(built):
    from pyopenvba.cfb import CFB

    data = zipfile.ZipFile(built[0]).read("xl/vbaProject.bin")
    project = CFB.from_bytes(data).get_stream("PROJECT").decode("cp1252")
    declared = [line for line in project.split("\r\n") if line.startswith(("Document=", "Module=", "Class="))]
    assert declared.count("Module=Module1") == 1
    for i in range(1, 6):
        assert f"Document=Sheet{i}/&H00000000" in declared
    assert "Document=ThisWorkbook/&H00000000" in declared
    assert "Class=Dictionary" in declared and "Module=xlwings" in declared
    assert len(declared) == len(set(declared))


def test_vba_comes_from_the_installed_xlwings(built):
    import xlwings

    assert pn.sumber_vba().parent == Path(xlwings.__file__).parent
    wb = openpyxl.load_workbook(built[0])
    notes = " ".join(str(c.value) for row in wb["xlwings.conf"].iter_rows() for c in row if c.value)
    assert f"xlwings {xlwings.__version__}" in notes


def test_button_names_and_the_one_button_list():
    assert pn.nama_makro("kompilasi") == "TombolKompilasi"
    assert pn.nama_makro("buat_pk") == "TombolBuatPK"
    assert pn.nama_makro("jadwal_pos") == "TombolJadwalPOS"
    handlers = [h for h, _, _ in pn.tombol_panel()]
    assert handlers == ["buat_format", "cek_kelengkapan", "kompilasi", "jadwal_pos", "susun_laporan", "buat_pk"]
    assert pn.tombol_panel() == px.TOMBOL  # the server serves the same list (poskinerja.excel.layanan)
    for handler in handlers:
        assert callable(getattr(px, handler, None)), f"{handler} button without a handler"


def test_payload_opens_on_the_remote_engine(built):
    from test_excel import _xlwings

    xw = _xlwings()
    book = xw.Book(json=pn.payload_klien(built[0]))
    assert book.names["pk_triwulan"].refers_to_range.value == 2
    assert book.names["pk_master"].refers_to_range.value == str(Path(built[1]).resolve())
    assert [s.name for s in book.sheets] == ["Panel", "Status", "Ringkasan", "Jadwal POS", "xlwings.conf"]


def test_written_atomically(built, tmp_path, monkeypatch):
    dest = tmp_path / "Panel Kinerja 2026.xlsm"
    dest.write_bytes(b"panel lama")

    def fail(*args, **kwargs):
        raise RuntimeError("putus di tengah")

    monkeypatch.setattr(pn, "_tulis", fail)
    with pytest.raises(RuntimeError):
        pn.buat_panel(built[1], dest)
    assert dest.read_bytes() == b"panel lama"
    assert [p.name for p in tmp_path.iterdir()] == [dest.name]


def test_missing_xlwings_workbook_is_reported(built, tmp_path, monkeypatch):
    monkeypatch.setattr(pn, "sumber_vba", lambda: (_ for _ in ()).throw(pn.PanelGagal("xlwings belum terpasang")))
    with pytest.raises(pn.PanelGagal, match="xlwings belum terpasang"):
        pn.buat_panel(built[1], tmp_path / "x.xlsm")
    with pytest.raises(pn.PanelGagal, match=r"\.xlsm"):
        pn.buat_panel(built[1], tmp_path / "panel.xlsx")


# --- the command ------------------------------------------------------------------------------------------

def _cli(*args):
    return subprocess.run([sys.executable, "-m", "poskinerja", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def test_cli_panel_builds_the_file(built, tmp_path):
    dest = tmp_path / "Panel Kinerja 2026.xlsm"
    run = _cli("panel", "--master", built[1], "--keluar", dest, "--triwulan", "3")
    assert run.returncode == 0, run.stderr
    assert f"Panel ditulis ke: {dest.resolve()}" in run.stdout and "Kompilasi" in run.stdout
    assert openpyxl.load_workbook(dest)["Panel"]["C9"].value == 3


def test_cli_panel_errors_in_indonesian(built, tmp_path):
    run = _cli("panel", "--master", tmp_path / "tidak-ada.xlsx", "--keluar", "p.xlsm")
    assert run.returncode == 2 and "Berkas master tidak ditemukan" in run.stderr
    run = _cli("panel", "--master", "m.xlsx", "--keluar", "p.xlsm", "--triwulan", "5")
    assert run.returncode == 2 and "Triwulan 5 tidak valid" in run.stderr
    assert "Traceback" not in run.stderr


def test_cli_registers_panel():
    from poskinerja.cli import utama as cli

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sub.choices["panel"].get_default("func").__module__ == "poskinerja.cli.panel"


# --- LibreOffice -------------------------------------------------------------------------------------------

def test_libreoffice_lists_module1_and_every_button_binding(built):
    require_libreoffice()
    path, _, buttons = built
    info = xlsm_info(path)
    assert info["sheets"] == ["Panel", "Status", "Ringkasan", "Jadwal POS", "xlwings.conf"]
    vba = info["basic"]["VBAProject"]
    # Module1: the Python finder (panel_python), then one macro per button
    assert [m for m in vba["Module1"] if m.startswith("Tombol")] == [pn.nama_makro(h) for h, _, _ in buttons]
    assert {"SiapkanPython", "PeriksaPython"} <= set(vba["Module1"])
    assert "RunPython" in vba["xlwings"]
    assert "Module1" not in info["compile_errors"].get("VBAProject", [])
    bound = {b["label"]: b for b in info["buttons"]}
    assert list(bound) == [caption for _, caption, _ in buttons] + ["Periksa Python"]
    assert bound["Periksa Python"]["macro"].startswith("vnd.sun.star.script:VBAProject.Module1.PeriksaPython?")
    for handler, caption, _ in buttons:
        assert bound[caption]["sheet"] == "Panel"
        assert bound[caption]["macro"].startswith(
            f"vnd.sun.star.script:VBAProject.Module1.{pn.nama_makro(handler)}?")


STUB_RUNPYTHON = (
    'Attribute VB_Name = "xlwings"\r\n'
    "Public Function RunPython(PythonCommand As String)\r\n"
    '    ThisWorkbook.Worksheets(1).Range("H2").Value = PythonCommand\r\n'
    "End Function\r\n"
)


def test_clicking_a_button_runs_its_python_command(built, tmp_path):
    """LibreOffice cannot compile xlwings' own modules, so this build's RunPython is a stub
    that writes its argument to a cell: button → macro → command string."""
    require_libreoffice()
    import pyopenvba

    path, _, buttons = built
    stub = tmp_path / "panel-stub.xlsm"
    shutil.copyfile(path, stub)
    with pyopenvba.ExcelFile(str(stub)) as wb:
        wb.set_module("xlwings", STUB_RUNPYTHON)
        wb.set_module("Dictionary", 'Attribute VB_Name = "Dictionary"\r\nOption Explicit\r\n')
        wb.save(str(stub))
    for handler, caption, _ in buttons:
        result = click_button(stub, caption)
        assert pn.nama_makro(handler) in result["macro"]
        assert result["values"]["Panel"][1][7] == f"import poskinerja.excel as px; px.{handler}()"
