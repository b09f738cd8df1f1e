"""Creating .xlsx files with XlsxWriter, with the options every output shares.

Strings are never turned into numbers, formulas or links: text typed by
staff (``=1+1``, ``=HYPERLINK(...)``) is written as text. Parts are built in
memory (no temporary file per XML part: a large share of a small form's cost).
Every string passes through ``teks.bersihkan`` (characters XML cannot hold)
and comes out exactly as typed otherwise (``_Lembar``).
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..inti.teks import bersihkan

# Cell formats for the institute's two kinds of numbers (shown with Indonesian separators by
# an Indonesian Excel/LibreOffice): capaian stored as 87.5 → "87,50%", rupiah → "Rp 1.250.000".
FORMAT_PERSEN = '0.00"%"'
FORMAT_RUPIAH = '"Rp "#,##0'

XLSX_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                "strings_to_urls": False}


class _Lembar(Worksheet):
    """A worksheet whose strings are cleaned for XML and kept as typed."""

    def _write_string(self, row, col, string, cell_format=None):
        string = bersihkan(string)
        # XlsxWriter stores rich strings in its string table as raw "<r>…</r>" XML and writes any
        # string of that shape unescaped: typed text such as "<r>x</r>" would become markup.
        # Store it as a one-run rich string whose text is escaped, so it reads back as typed.
        if string.startswith("<r>") and string.endswith("</r>"):
            string = f'<r><t xml:space="preserve">{escape(string)}</t></r>'
        return super()._write_string(row, col, string, cell_format)

    def write_comment(self, row, col, comment, options=None):
        return super().write_comment(row, col, bersihkan(comment), options)


class _Buku(xlsxwriter.Workbook):
    worksheet_class = _Lembar

    def add_worksheet(self, name=None, worksheet_class=None):
        return super().add_worksheet(bersihkan(name) if name else name, worksheet_class)


def new_workbook(path: Path | str) -> xlsxwriter.Workbook:
    return _Buku(str(path), XLSX_OPTIONS)
