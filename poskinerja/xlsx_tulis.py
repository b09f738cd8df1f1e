"""Creating .xlsx files with XlsxWriter, with the options every output shares.

Strings are never turned into numbers, formulas or links: text typed by
staff (``=1+1``, ``=HYPERLINK(...)``) is written as text. Parts are built in
memory (no temporary file per XML part: a large share of a small form's cost).
"""
from __future__ import annotations

from pathlib import Path

import xlsxwriter

XLSX_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                "strings_to_urls": False}


def new_workbook(path: Path | str) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
