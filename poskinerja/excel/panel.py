"""The panel: ``Panel Kinerja <tahun>.xlsm``, the coordinators' way in.

Built in three steps, none of which needs Excel:

1. The VBA project is taken from the installed xlwings package's own
   ``quickstart_standalone.xlsm`` (its standalone ``xlwings`` module matches
   the installed xlwings version; nothing of it is stored in this repository).
   pyOpenVBA replaces ``Module1`` with one macro per button, each calling
   ``RunPython "import poskinerja.excel as px; px.<handler>()"``, and adds a
   document module for every sheet beyond the two the quickstart holds, as
   Excel itself writes them.
2. ``xl/vbaProject.bin`` is extracted and the panel is written with
   XlsxWriter (``add_vba_project``, ``set_vba_name`` with the project's code
   names, ``insert_button`` bound to each macro).
3. The file is written atomically: an interrupted build never leaves half a
   panel on the shared drive.

The VBA is tied to the xlwings version it came from: rebuild the panel after
upgrading xlwings (``poskinerja panel`` again).
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Optional, Sequence

from .. import __version__
from . import panel_python
from ..berkas.aman import atomic_path
from .tombol import (DATA_ROW, HEADER_ROW, JADWAL_KOLOM, RINGKASAN_KOLOM, SEL, SEL_TERAKHIR, LABEL_TERAKHIR,
                    SHEET_CONF, SHEET_JADWAL, SHEET_PANEL, SHEET_RINGKASAN, SHEET_STATUS, STATUS_KOLOM, TOMBOL,
                    WARNA_STATUS)
from ..master.baca import muat_master
from ..inti.galat import PoskinerjaGagal

# Panel sheet layout (0-based rows for XlsxWriter; the named cells are what the handlers use)
_LABEL_COL, _VALUE_COL = 1, 2  # B, C
_FIRST_SETTING_ROW = 4  # row 5 in Excel
_TERAKHIR_ROW = _FIRST_SETTING_ROW + len(SEL) + 2
_BUTTON_COL, _DESC_COL = 4, 5  # E, F
_BUTTON_FIRST_ROW, _BUTTON_STEP = 3, 3
_LIST_COL = 25  # Z: the unit codes behind the Unit dropdown (hidden)

PETUNJUK = [
    "Petunjuk",
    "1. Isi sel kuning di bagian Pengaturan: lokasi master, folder formulir terkumpul, folder keluaran, "
    "tahun dan triwulan. Lokasi boleh ditempel dari \"Copy as path\" (tanda kutip diabaikan).",
    "2. Klik tombol yang diperlukan. Setiap tombol menjalankan Python di komputer ini; tunggu sampai kotak "
    "pesan muncul (biasanya beberapa detik).",
    "3. Hasil tampil di lembar Status (per ASN), Ringkasan (lembaga dan unit) dan Jadwal POS. Berkas "
    "keluaran (formulir, rekap, laporan) ditulis ke Folder keluaran.",
    "4. Bila kotak pesan melaporkan masalah, ikuti sarannya lalu klik lagi. Rincian setiap kejadian dicatat di "
    "berkas poskinerja-panel.log di Folder keluaran.",
    "5. Formulir ASN hanya dibaca, tidak pernah diubah. Rekap lama diganti hanya bila rekap baru selesai ditulis.",
    "6. Bila makro diblokir (pita merah \"Microsoft has blocked macros\"): tutup berkas, klik kanan > Properties > "
    "centang Unblock, atau minta TI menjadikan folder panel sebagai Trusted Location.",
    "7. Setelah xlwings atau poskinerja diperbarui, bangun ulang panel: poskinerja panel --master MASTER "
    "--keluar \"Panel Kinerja <tahun>.xlsm\".",
]


class PanelGagal(PoskinerjaGagal):
    """The panel cannot be built (message in Bahasa Indonesia)."""


def nama_panel(tahun: int) -> str:
    return f"Panel Kinerja {tahun}.xlsm"


def nama_makro(handler: str) -> str:
    """``kompilasi`` → ``TombolKompilasi``; ``buat_pk`` → ``TombolBuatPK``."""
    parts = [p.upper() if p in ("pk", "pos") else p.capitalize() for p in handler.split("_")]
    return "Tombol" + "".join(parts)


def tombol_panel() -> list[tuple[str, str, str]]:
    """(handler, caption, description) of every button the panel gets: ``excel.TOMBOL``, the one
    list the server (``poskinerja layani``) serves too."""
    return list(TOMBOL)


def modul_vba(buttons: Sequence[tuple[str, str, str]]) -> str:
    """Module1: one macro per button, each a RunPython of its handler."""
    lines = ['Attribute VB_Name = "Module1"', "Option Explicit",
             f"' Panel Kinerja: dibuat oleh poskinerja {__version__} dengan xlwings {_xlwings_version()}.",
             "' Setiap tombol menjalankan satu fungsi poskinerja.excel. Bangun ulang panel setelah xlwings "
             "diperbarui.", *panel_python.VBA.strip("\n").splitlines(), ""]
    for handler, caption, _ in buttons:
        lines += [f"Sub {nama_makro(handler)}()", f"    ' {caption}", *panel_python.tombol(handler), "End Sub", ""]
    return "\r\n".join(lines)


def _xlwings_version() -> str:
    try:
        import xlwings
    except ImportError:
        return "?"
    return xlwings.__version__


def sumber_vba() -> Path:
    """The installed xlwings package's ``quickstart_standalone.xlsm``."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise PanelGagal("xlwings belum terpasang: jalankan  python -m pip install xlwings")
    path = Path(spec.origin).parent / "quickstart_standalone.xlsm"
    if not path.is_file():
        raise PanelGagal(f"Berkas {path.name} tidak ada di paket xlwings yang terpasang ({path.parent}); "
                         "pasang ulang xlwings.")
    return path


def proyek_vba(buttons: Sequence[tuple[str, str, str]], code_names: Sequence[str]) -> bytes:
    """``vbaProject.bin``: xlwings' standalone project with our Module1 and a document
    module for each sheet code name in ``code_names`` (Sheet1, Sheet2, …)."""
    try:
        import pyopenvba
        from pyopenvba.cfb import CFB
    except ImportError:
        raise PanelGagal("pyOpenVBA belum terpasang: jalankan  python -m pip install pyOpenVBA") from None
    with tempfile.TemporaryDirectory(prefix="poskinerja-panel-") as tmp:
        work, out = Path(tmp) / "sumber.xlsm", Path(tmp) / "panel.xlsm"
        shutil.copyfile(sumber_vba(), work)
        with pyopenvba.ExcelFile(str(work)) as wb:
            present = {name.casefold() for name in wb.module_names()}
            for needed in ("module1", "xlwings", "thisworkbook", "sheet1"):
                if needed not in present:
                    raise PanelGagal(f"Proyek VBA xlwings tidak berisi modul {needed}; pasang ulang xlwings.")
            wb.set_module("Module1", modul_vba(buttons))
            project = wb.vba_project()
            template = project.get_module("Sheet1").source
            added = []
            for code in code_names:
                if code.casefold() not in present:
                    header = template.replace('Attribute VB_Name = "Sheet1"', f'Attribute VB_Name = "{code}"')
                    project.add_module(code, header, kind=pyopenvba.VBAModuleKind.other)
                    added.append(code)
            wb.save(str(out))
        data = zipfile.ZipFile(out).read("xl/vbaProject.bin")
    if not added:
        return data
    # pyOpenVBA declares an added module of this kind as a class; Excel declares a sheet's
    # module as a document (PROJECT stream: "Document=Sheet3/&H00000000").
    cfb = CFB.from_bytes(data)
    text = cfb.get_stream("PROJECT").decode("cp1252")
    lines = text.split("\r\n")
    fixed, in_workspace = [], False
    for line in lines:
        if line.startswith("["):
            in_workspace = line == "[Workspace]"
        if any(line == f"Class={code}" for code in added):
            line = f"Document={line[len('Class='):]}/&H00000000"
        if in_workspace and not line.strip():
            continue
        fixed.append(line)
    cfb.write_stream("PROJECT", ("\r\n".join(fixed).rstrip("\r\n") + "\r\n").encode("cp1252"))
    return cfb.to_bytes()


def _triwulan_sekarang(tahun: int, today: dt.date) -> int:
    if today.year < tahun:
        return 1
    if today.year > tahun:
        return 4
    return (today.month - 1) // 3 + 1


def buat_panel(master_path: Path | str, dest: Path | str, folder: Path | str | None = None,
               keluar: Path | str | None = None, triwulan: Optional[int] = None,
               semester: Optional[int] = None, interpreter_win: Optional[str] = None,
               interpreter_mac: Optional[str] = None) -> Path:
    """Write the panel workbook to ``dest`` (a folder gets ``Panel Kinerja <tahun>.xlsm``).

    Settings start filled: the master's absolute path, ``folder`` for the returned
    forms (default ``<master folder>/formulir-terkumpul``), ``keluar`` for the outputs
    (default ``<master folder>/keluaran``), the master's year and the current quarter.
    ``Interpreter_Win`` stays empty unless given: the panel's VBA finds Python on
    whichever PC a button is clicked (``panel_python``); ``Interpreter_Mac`` names the
    interpreter building the panel on a Mac. Raises MasterTidakValid
    for an unusable master and PanelGagal when the VBA sources are missing.
    """
    master_path = Path(master_path).resolve()
    master = muat_master(master_path)
    tahun = master.pengaturan.tahun
    dest = Path(dest)
    if dest.is_dir() or dest.suffix.lower() != ".xlsm":
        if dest.suffix and not dest.is_dir():
            raise PanelGagal(f"Nama panel harus berakhiran .xlsm: {dest}")
        dest = dest / nama_panel(tahun)
    if interpreter_win is None:  # found at click time by the panel's VBA (panel_python), on whichever PC
        interpreter_win = ""
    if interpreter_mac is None:
        interpreter_mac = sys.executable if sys.platform == "darwin" else ""
    masuk = Path(folder) if folder else master_path.parent / "formulir-terkumpul"
    keluar = Path(keluar) if keluar else master_path.parent / "keluaran"
    buttons = tombol_panel()
    sheets = [SHEET_PANEL, SHEET_STATUS, SHEET_RINGKASAN, SHEET_JADWAL, SHEET_CONF]
    code_names = [f"Sheet{i}" for i in range(1, len(sheets) + 1)]
    vba = proyek_vba(buttons, code_names)
    settings = {
        "master": str(master_path), "masuk": str(masuk.resolve()), "keluar": str(keluar.resolve()),
        "tahun": tahun, "triwulan": triwulan or _triwulan_sekarang(tahun, dt.date.today()),
        "semester": semester, "unit": None, "nip": None,
    }
    with tempfile.TemporaryDirectory(prefix="poskinerja-panel-") as tmp:
        vba_bin = Path(tmp) / "vbaProject.bin"
        vba_bin.write_bytes(vba)
        with atomic_path(dest) as out:
            _tulis(out, vba_bin, master, settings, buttons, code_names,
                   {"Interpreter_Win": interpreter_win, "Interpreter_Mac": interpreter_mac})
    return dest


def _tulis(path: Path, vba_bin: Path, master, settings: dict[str, Any], buttons, code_names,
           conf: dict[str, str]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.add_vba_project(str(vba_bin))
    wb.set_vba_name("ThisWorkbook")
    wb.set_properties({"title": f"Panel Kinerja {master.pengaturan.tahun}", "author": "poskinerja",
                       "comments": f"poskinerja {__version__}, xlwings {_xlwings_version()}"})
    f = {
        "title": wb.add_format({"bold": True, "font_size": 18, "font_color": "#1F4E78"}),
        "subtitle": wb.add_format({"italic": True, "font_color": "#595959"}),
        "section": wb.add_format({"bold": True, "font_size": 12, "font_color": "#FFFFFF", "bg_color": "#1F4E78"}),
        "label": wb.add_format({"bold": True, "valign": "vcenter"}),
        "input": wb.add_format({"bg_color": "#FFF2CC", "border": 1, "border_color": "#BF9000", "locked": False,
                                "valign": "vcenter"}),
        "input_text": wb.add_format({"bg_color": "#FFF2CC", "border": 1, "border_color": "#BF9000",
                                     "locked": False, "num_format": "@", "valign": "vcenter"}),
        "input_center": wb.add_format({"bg_color": "#FFF2CC", "border": 1, "border_color": "#BF9000",
                                       "locked": False, "align": "left", "num_format": "0", "valign": "vcenter"}),
        "out": wb.add_format({"border": 1, "border_color": "#A6A6A6", "bg_color": "#F2F2F2", "text_wrap": True,
                              "valign": "top"}),
        "out_time": wb.add_format({"border": 1, "border_color": "#A6A6A6", "bg_color": "#F2F2F2",
                                   "num_format": "dd/mm/yyyy hh:mm:ss", "align": "left"}),
        "out_num": wb.add_format({"border": 1, "border_color": "#A6A6A6", "bg_color": "#F2F2F2",
                                  "num_format": "0.00", "align": "left"}),
        "desc": wb.add_format({"text_wrap": True, "valign": "vcenter", "font_color": "#404040"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "header": wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1,
                                 "text_wrap": True, "valign": "vcenter"}),
        "sheet_title": wb.add_format({"bold": True, "font_size": 13, "font_color": "#1F4E78"}),
    }
    col_formats = {
        "text": wb.add_format({"valign": "top"}),
        "nip": wb.add_format({"num_format": "@", "valign": "top"}),
        "int": wb.add_format({"num_format": "0", "valign": "top"}),
        "num": wb.add_format({"num_format": "#,##0.00", "valign": "top"}),
        "pct": wb.add_format({"num_format": "0.00", "valign": "top"}),
        "rupiah": wb.add_format({"num_format": "#,##0", "valign": "top"}),
        "date": wb.add_format({"num_format": "dd/mm/yyyy", "align": "left", "valign": "top"}),
        "datetime": wb.add_format({"num_format": "dd/mm/yyyy hh:mm", "align": "left", "valign": "top"}),
    }

    ws = wb.add_worksheet(SHEET_PANEL)
    ws.set_vba_name(code_names[0])
    _panel_sheet(wb, ws, f, master, settings, buttons)

    for i, (name, columns, note) in enumerate((
            (SHEET_STATUS, STATUS_KOLOM, "Diisi oleh tombol Buat Format, Cek Kelengkapan dan Kompilasi: "
                                         "satu baris per ASN."),
            (SHEET_RINGKASAN, RINGKASAN_KOLOM, "Diisi oleh Cek Kelengkapan dan Kompilasi: lembaga, unit, "
                                               "lalu jumlah temuan per kode."),
            (SHEET_JADWAL, JADWAL_KOLOM, "Diisi oleh tombol Jadwal POS: merah = terlambat, kuning = berjalan, "
                                         "hijau = selesai.")), start=1):
        sheet = wb.add_worksheet(name)
        sheet.set_vba_name(code_names[i])
        sheet.write_string(0, 0, f"{name} (belum dijalankan)", f["sheet_title"])
        sheet.write_string(1, 0, note, f["subtitle"])
        sheet.set_row(HEADER_ROW - 1, 32)
        for c, (header, width, kind) in enumerate(columns):
            sheet.set_column(c, c, width, col_formats[kind])
            sheet.write_string(HEADER_ROW - 1, c, header, f["header"])
        sheet.freeze_panes(DATA_ROW - 1, 0)
        sheet.autofilter(HEADER_ROW - 1, 0, HEADER_ROW - 1, len(columns) - 1)
        if name == SHEET_JADWAL:
            sheet.set_column(len(columns) - 1, len(columns) - 1, JADWAL_KOLOM[-1][1], f["wrap"])
            legend = [(s, c) for s, c in WARNA_STATUS.items() if c]
            for j, (status, color) in enumerate(legend):
                sheet.write_string(1, 3 + j, status, wb.add_format({"bg_color": color, "border": 1}))

    conf_sheet = wb.add_worksheet(SHEET_CONF)
    conf_sheet.set_vba_name(code_names[4])
    conf_sheet.hide()  # settings for xlwings, not for people (xlwings reads it hidden too)
    conf_sheet.set_column(0, 0, 22)
    conf_sheet.set_column(1, 1, 70)
    for r, (key, value) in enumerate(conf.items()):
        conf_sheet.write_string(r, 0, key)
        if value:
            conf_sheet.write_string(r, 1, value)
    notes = [
        "Pengaturan xlwings untuk panel ini (dibaca dari A1 ke bawah sampai baris kosong pertama).",
        "Interpreter_Win / Interpreter_Mac: lokasi python.exe / python yang memasang poskinerja "
        "(%LOCALAPPDATA% dan variabel lingkungan lain boleh dipakai). Interpreter_Win kosong = dicari "
        "sendiri setiap kali tombol diklik (tombol Periksa Python menampilkan hasilnya).",
        f"Dibuat {dt.datetime.now():%d/%m/%Y %H:%M} oleh poskinerja {__version__} dengan xlwings "
        f"{_xlwings_version()}. Setelah memperbarui xlwings, bangun ulang panel.",
    ]
    for r, line in enumerate(notes, start=len(conf) + 2):
        conf_sheet.write_string(r, 0, line, f["subtitle"])
    ws.activate()
    wb.close()


def _panel_sheet(wb, ws, f, master, settings: dict[str, Any], buttons) -> None:
    p = master.pengaturan
    ws.hide_gridlines(2)
    ws.set_landscape()  # printed, settings beside the buttons
    ws.set_paper(9)
    # one page wide, as many tall as the buttons and notes need: fitting one page shrank the text below 8 pt
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 2)
    ws.set_column(_LABEL_COL, _LABEL_COL, 27)
    ws.set_column(_VALUE_COL, _VALUE_COL, 62)
    ws.set_column(3, 3, 2)
    ws.set_column(_BUTTON_COL, _BUTTON_COL, 30)
    ws.set_column(_DESC_COL, _DESC_COL, 52)
    ws.set_column(_LIST_COL, _LIST_COL, 10, None, {"hidden": True})
    ws.set_row(0, 30)
    ws.write_string(0, _LABEL_COL, f"Panel Kinerja {p.nama_lembaga}", f["title"])
    ws.write_string(1, _LABEL_COL, f"Tahun {p.tahun} · POS Pengumpulan Data Kinerja (SAKIP) · "
                                   f"poskinerja {__version__}", f["subtitle"])
    ws.merge_range(3, _LABEL_COL, 3, _VALUE_COL, "Pengaturan", f["section"])

    units = list(master.unit)
    for i, code in enumerate(units):
        ws.write_string(_FIRST_SETTING_ROW + i, _LIST_COL, code)
    for i, (key, (name, label, note)) in enumerate(SEL.items()):
        row = _FIRST_SETTING_ROW + i
        ws.set_row(row, 21)
        ws.write_string(row, _LABEL_COL, label, f["label"])
        value = settings.get(key)
        if key in ("tahun", "triwulan", "semester"):
            if value in (None, ""):
                ws.write_blank(row, _VALUE_COL, None, f["input_center"])
            else:
                ws.write_number(row, _VALUE_COL, int(value), f["input_center"])
        elif value:
            ws.write_string(row, _VALUE_COL, str(value), f["input_text"])
        else:
            ws.write_blank(row, _VALUE_COL, None, f["input_text"])
        cell = f"${_col(_VALUE_COL)}${row + 1}"
        wb.define_name(name, f"='{SHEET_PANEL}'!{cell}")
        rule: dict[str, Any] = {"validate": "any"}
        if key == "triwulan":
            rule = {"validate": "list", "source": [1, 2, 3, 4], "error_title": "Triwulan tidak valid",
                    "error_message": "Pilih triwulan 1, 2, 3 atau 4."}
        elif key == "semester":
            rule = {"validate": "list", "source": [1, 2], "error_title": "Semester tidak valid",
                    "error_message": "Pilih semester 1 atau 2, atau kosongkan."}
        elif key == "unit" and units:
            first, last = _FIRST_SETTING_ROW + 1, _FIRST_SETTING_ROW + len(units)
            rule = {"validate": "list", "source": f"=${_col(_LIST_COL)}${first}:${_col(_LIST_COL)}${last}",
                    "error_title": "Unit tidak dikenal", "error_message": "Pilih kode unit dari master, "
                                                                          "atau kosongkan untuk semua unit."}
        rule.update({"input_title": label[:32], "input_message": note[:255], "ignore_blank": True})
        ws.data_validation(row, _VALUE_COL, row, _VALUE_COL, rule)

    top = _TERAKHIR_ROW
    ws.merge_range(top, _LABEL_COL, top, _VALUE_COL, "Hasil terakhir", f["section"])
    for i, label in enumerate(LABEL_TERAKHIR):
        row = top + 1 + i
        ws.write_string(row, _LABEL_COL, label, f["label"])
        fmt = f["out_time"] if i == 1 else f["out_num"] if i == 2 else f["out"]
        ws.write_blank(row, _VALUE_COL, None, fmt)
    ws.set_row(top + len(LABEL_TERAKHIR), 45)
    wb.define_name(SEL_TERAKHIR, f"='{SHEET_PANEL}'!${_col(_VALUE_COL)}${top + 2}:"
                                 f"${_col(_VALUE_COL)}${top + 1 + len(LABEL_TERAKHIR)}")

    ws.merge_range(3, _BUTTON_COL, 3, _DESC_COL, "Tombol", f["section"])
    for i, (handler, caption, desc) in enumerate(buttons):
        row = _BUTTON_FIRST_ROW + 1 + i * _BUTTON_STEP
        ws.insert_button(row, _BUTTON_COL, {"macro": nama_makro(handler), "caption": caption,
                                            "width": 200, "height": 52, "x_offset": 8, "y_offset": 4,
                                            "description": desc})
        ws.merge_range(row, _DESC_COL, row + _BUTTON_STEP - 2, _DESC_COL, desc, f["desc"])
    # Periksa Python: VBA only (panel_python), no RunPython handler, so not in TOMBOL that `layani` serves
    row = _BUTTON_FIRST_ROW + 1 + len(buttons) * _BUTTON_STEP
    ws.insert_button(row, _BUTTON_COL, {"macro": panel_python.MAKRO_PERIKSA, "caption": panel_python.TOMBOL_PERIKSA,
                                        "width": 200, "height": 52, "x_offset": 8, "y_offset": 4,
                                        "description": panel_python.URAIAN_PERIKSA})
    ws.merge_range(row, _DESC_COL, row + _BUTTON_STEP - 2, _DESC_COL, panel_python.URAIAN_PERIKSA, f["desc"])

    first = max(_TERAKHIR_ROW + len(LABEL_TERAKHIR) + 3,
                _BUTTON_FIRST_ROW + 1 + (len(buttons) + 1) * _BUTTON_STEP + 1)
    ws.merge_range(first, _LABEL_COL, first, _DESC_COL, PETUNJUK[0], f["section"])
    for i, line in enumerate(PETUNJUK[1:], start=1):
        ws.set_row(first + i, 32)
        ws.merge_range(first + i, _LABEL_COL, first + i, _DESC_COL, line, f["wrap"])
    ws.activate()
    ws.set_first_sheet()
    ws.set_selection(_FIRST_SETTING_ROW, _VALUE_COL, _FIRST_SETTING_ROW, _VALUE_COL)


def _col(index: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(index)


# --- the JSON an Excel client sends for a workbook (tests, benchmarks, a server) --------------------

def payload_klien(path: Path | str, client: str = "Microsoft Excel") -> dict[str, Any]:
    """The request body xlwings' remote clients send for the workbook at ``path``:
    book, defined names, and every sheet's values from A1 (dates as ISO text).

    ``xw.Book(json=payload_klien(path))`` then behaves as the panel would in Excel.
    """
    import openpyxl

    path = Path(path)
    wb = openpyxl.load_workbook(path, data_only=True, keep_vba=False)
    try:
        import xlwings

        version = xlwings.__version__
    except ImportError:
        version = ""
    sheet_index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
    names = []
    for name, defined in wb.defined_names.items():
        for title, address in defined.destinations:
            names.append({"name": name, "sheet_index": sheet_index[title], "address": address,
                          "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None})
    sheets = []
    for ws in wb.worksheets:
        values = [[_json_value(v) for v in row] for row in ws.iter_rows(values_only=True)] or [[]]
        if values != [[]]:
            width = max(len(r) for r in values)
            values = [r + [""] * (width - len(r)) for r in values]
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": []})
    return {"client": client, "version": version,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
            "names": names, "sheets": sheets}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return value
