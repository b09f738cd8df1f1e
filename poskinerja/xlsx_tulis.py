"""Creating .xlsx files with XlsxWriter, with the options every output shares.

Strings are never turned into numbers, formulas or links: text typed by
staff (``=1+1``, ``=HYPERLINK(...)``) is written as text. Parts are built in
memory (no temporary file per XML part: a large share of a small form's cost).
"""
from __future__ import annotations

from pathlib import Path

import xlsxwriter

# Cell formats for the institute's two kinds of numbers (shown with Indonesian separators by
# an Indonesian Excel/LibreOffice): capaian stored as 87.5 → "87,50%", rupiah → "Rp 1.250.000".
FORMAT_PERSEN = '0.00"%"'
FORMAT_RUPIAH = '"Rp "#,##0'

XLSX_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                "strings_to_urls": False}


def new_workbook(path: Path | str) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
