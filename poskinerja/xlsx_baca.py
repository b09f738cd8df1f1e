"""Reading .xlsx files from disk with python-calamine (the one reader we use).

Grids are returned with A1 at [0][0] and ``None`` for empty cells. Staff files
are only ever opened for reading, and never through Excel.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Optional

from python_calamine import CalamineWorkbook

Grid = list[list[Any]]


class BerkasTidakTerbaca(Exception):
    """The file is not a readable workbook (corrupt, truncated, encrypted, not xlsx)."""


def open_workbook(path: Path | bytes) -> CalamineWorkbook:
    """Open a file, or bytes already read (so a hash of them describes what was parsed)."""
    try:
        if isinstance(path, (bytes, bytearray)):
            return CalamineWorkbook.from_filelike(io.BytesIO(path))
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for broken files
        raise BerkasTidakTerbaca(_short(exc)) from exc


def read_grid(workbook: CalamineWorkbook, sheet: str) -> Grid:
    """All cells of ``sheet`` from A1, empty cells as None."""
    try:
        rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise BerkasTidakTerbaca(_short(exc)) from exc
    return [[None if v == "" else v for v in row] for row in rows]


def find_sheet(workbook: CalamineWorkbook, name: str) -> Optional[str]:
    """The sheet's real name, matched case-insensitively."""
    wanted = name.strip().lower()
    for real in workbook.sheet_names:
        if real.strip().lower() == wanted:
            return real
    return None


def col_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """0-based row/column → ``B7``."""
    return f"{col_letter(col)}{row + 1}"


def cell(grid: Grid, row: int, col: int) -> Any:
    if row < len(grid) and col < len(grid[row]):
        return grid[row][col]
    return None


def text(value: Any) -> str:
    """A cell as clean text (numbers that are whole print without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_SHEET_REL = re.compile(r'<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*\bId="([^"]*)"[^>]*\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(r'<Relationship\b[^>]*\bTarget="([^"]*)"[^>]*\bId="([^"]*)"')
_XF = re.compile(r"<xf\b([^>]*)/?>")
_NUMFMT = re.compile(r'<numFmt\b[^>]*\bnumFmtId="(\d+)"[^>]*\bformatCode="([^"]*)"')
_PERCENT_BUILTIN = {9, 10}


def percent_formatted(path: Path | bytes, sheet: str, refs: list[str]) -> set[str]:
    """Which of ``refs`` on ``sheet`` carry a percent number format.

    Calamine gives values without formats; someone typing ``85%`` in Excel
    stores 0.85 with a percent format. Only called for the rare suspicious
    value, so the cost of reading the sheet XML is paid rarely.
    """
    from xml.sax.saxutils import unescape

    with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, (bytes, bytearray)) else path) as zf:
        workbook_xml = zf.read("xl/workbook.xml").decode("utf-8")
        rels_xml = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        rels = dict(_REL.findall(rels_xml)) or {i: t for t, i in _REL_REVERSED.findall(rels_xml)}
        target = next((rels.get(rid) for name, rid in _SHEET_REL.findall(workbook_xml)
                       if unescape(name, {"&quot;": '"', "&apos;": "'"}) == sheet), None)
        if target is None:
            return set()
        target = target.lstrip("/")
        sheet_xml = zf.read(target if target.startswith("xl/") else f"xl/{target}").decode("utf-8")
        styles_xml = zf.read("xl/styles.xml").decode("utf-8")
    custom = {int(i): code for i, code in _NUMFMT.findall(styles_xml)}
    cell_xfs = styles_xml.split("<cellXfs", 1)[-1].split("</cellXfs>", 1)[0]
    percent_styles = set()
    for index, attrs in enumerate(_XF.findall(cell_xfs)):
        m = re.search(r'numFmtId="(\d+)"', attrs)
        fmt = int(m.group(1)) if m else 0
        if fmt in _PERCENT_BUILTIN or "%" in custom.get(fmt, ""):
            percent_styles.add(index)
    found = set()
    for ref in refs:
        m = re.search(rf'<c\b[^>]*\br="{ref}"[^>]*>', sheet_xml)
        if m:
            s = re.search(r'\bs="(\d+)"', m.group(0))
            if s and int(s.group(1)) in percent_styles:
                found.add(ref)
    return found


def _short(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message[:160]
