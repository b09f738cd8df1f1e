"""Filling generated forms as a person would: the library's own simulator helpers, plus the two
edits tests make to a saved workbook (set its saved time, change it with openpyxl)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl

from poskinerja.contoh.simulasi import header_map, isi_formulir as fill_form, row_of  # noqa: F401


def saved_at(path: Path, when: dt.datetime) -> Path:
    """``path`` with its modification time set to ``when`` (as if saved then)."""
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def edited(path: Path, edit) -> Path:
    """``path`` opened with openpyxl, changed by ``edit(workbook)``, saved in place."""
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path
