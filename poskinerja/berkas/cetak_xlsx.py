"""Print set-up and measured sizes for every worksheet the project writes (XlsxWriter).

Two jobs, shared by all writers:

* ``Ukuran`` measures what is written (the longest rendered value per column, at its number
  format; the wrapped lines per row) and sets column widths and explicit row heights, so money
  and dates never show ``###`` and LibreOffice/WPS — which do not auto-fit rows that carry no
  height — show wrapped text as Excel does.
* ``atur_cetak`` gives a sheet its A4 print set-up: the orientation that fits, fit to one page
  wide when the text stays readable (≥ 8 pt at print scale), otherwise a readable fixed scale
  with the title columns repeated on every page; repeated title rows, a print area, margins and
  a footer naming the file's subject with "Halaman X dari Y".

Sizes follow Excel's own arithmetic for the default font (Calibri 11: a character is 7 px,
a column adds 5 px of padding, a line is 15 pt); it is an estimate of the rendered text, which
the print audit (``tests/test_cetak.py``) checks on real PDFs.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

KERTAS_A4 = 9
# A4 in points, and the margins set here (inches, as XlsxWriter takes them).
A4_PT = (595.3, 841.9)
MARGIN_SISI = 0.4
MARGIN_ATAS = 0.6
MARGIN_BAWAH = 0.7
HURUF_MIN_PT = 8.0  # smallest readable size on paper
BARIS_PT = 15.0  # one line of 11-pt Calibri; 10-pt text uses 13.5
LEBAR_MAKS = 60  # a wider text column wraps instead of growing


def lebar_pt(karakter: float) -> float:
    """Printed width of a column ``karakter`` wide (Excel: 7 px per character + 5 px padding)."""
    if karakter <= 0:
        return 0.0
    return int(karakter * 7 + 5) * 0.75


def lebar_cetak(landscape: bool) -> float:
    """Printable width of A4 in points with the side margins set here."""
    width = A4_PT[1] if landscape else A4_PT[0]
    return width - 2 * MARGIN_SISI * 72


def tinggi_cetak(landscape: bool) -> float:
    height = A4_PT[0] if landscape else A4_PT[1]
    return height - (MARGIN_ATAS + MARGIN_BAWAH) * 72


def _ribuan(n: float, decimals: int = 0) -> str:
    text = f"{abs(n):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if n < 0 else "") + text


def teks_tampil(value: Any, num_format: Optional[str] = None) -> str:
    """Roughly how Excel shows ``value`` under ``num_format`` (length matters, not the exact
    glyphs): ``"Rp "#,##0`` → ``Rp 1.250.000``, ``0.00"%"`` → ``87,50%``, dates by their mask."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (dt.date, dt.datetime)):
        mask = num_format or "dd/mm/yyyy"
        return mask.replace("yyyy", "0000").replace("\\", "")
    if isinstance(value, (int, float)):
        fmt = num_format or "General"
        decimals = len(fmt.split(".", 1)[1].split('"')[0].rstrip("#")) if "." in fmt else 0
        if fmt == "General":
            text = f"{value:.10g}".replace(".", ",")
        else:
            text = _ribuan(value, decimals) if "#,##" in fmt else f"{value:.{decimals}f}".replace(".", ",")
        if "Rp" in fmt:
            text = "Rp " + text
        if "%" in fmt:
            text += "%"
        return text
    return str(value)


def baris_teks(text: str, lebar: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``lebar`` characters wide (word wrap)."""
    if not text:
        return 1
    # a width unit is the digit "0"; ordinary text is narrower, about 1.15 characters per unit
    usable = max(1.0, lebar * 1.15 - 1.5)
    lines = 0
    for paragraph in str(text).split("\n"):
        used, count = 0.0, 1
        for word in paragraph.split(" "):
            size = len(word)
            if used and used + 1 + size > usable:
                count += 1
                used = 0.0
            if size > usable:  # a word longer than the column is broken by the spreadsheet
                count += int(size // usable)
                size = size % usable
            used = used + (1 if used else 0) + size
        lines += count
    return lines


@dataclass
class Ukuran:
    """Widths and row heights measured from the values written on one sheet.

    ``catat`` every cell as it is written; ``terapkan`` sets the widths (between ``minimum``
    and ``maksimum`` characters, or the fixed width given) and, for rows whose text wraps,
    an explicit height."""
    minimum: float = 6
    maksimum: float = LEBAR_MAKS
    baris_pt: float = BARIS_PT
    tetap: dict[int, float] = field(default_factory=dict)  # col → fixed width
    _lebar: dict[int, float] = field(default_factory=dict)
    _isi: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # row → [(col, text)]

    def catat(self, row: int, col: int, value: Any, num_format: Optional[str] = None,
              bungkus: bool = True) -> None:
        text = teks_tampil(value, num_format)
        if not text:
            return
        longest = max(len(line) for line in text.split("\n"))
        self._lebar[col] = max(self._lebar.get(col, 0), longest + 1.5)
        if bungkus:
            self._isi.setdefault(row, []).append((col, text))

    def catat_judul(self, row: int, col: int, text: str) -> None:
        """A header cell wraps at spaces: only its longest word sets a minimum width."""
        longest = max((len(w) for w in text.split()), default=0)
        self._lebar[col] = max(self._lebar.get(col, 0), longest + 2)
        self._isi.setdefault(row, []).append((col, text))

    def lebar(self, col: int) -> float:
        if col in self.tetap:
            return self.tetap[col]
        return min(self.maksimum, max(self.minimum, self._lebar.get(col, self.minimum)))

    def semua_lebar(self, jumlah: int) -> list[float]:
        return [self.lebar(c) for c in range(jumlah)]

    def tinggi(self, row: int) -> Optional[float]:
        """Explicit height for a row that wraps, or None when one line is enough."""
        lines = max((baris_teks(text, self.lebar(col)) for col, text in self._isi.get(row, ())), default=1)
        return lines * self.baris_pt + 3 if lines > 1 else None

    def terapkan(self, ws, jumlah_kolom: int, formats: Optional[dict[int, Any]] = None) -> list[float]:
        widths = self.semua_lebar(jumlah_kolom)
        for c, width in enumerate(widths):
            ws.set_column(c, c, width, (formats or {}).get(c))
        for row in sorted(self._isi):
            height = self.tinggi(row)
            if height:
                ws.set_row(row, height)
        return widths


@dataclass(frozen=True)
class Tata:
    """The print layout chosen for a sheet (returned for tests and callers that place charts)."""
    landscape: bool
    skala: Optional[int]  # fixed print scale in %, or None when fitted to one page wide
    lebar_pt: float  # width of the printed columns at 100 %


def pilih_tata(widths: Sequence[float], ukuran_huruf: float = 11) -> Tata:
    """Portrait when it fits at a readable scale, else landscape; fitted to one page wide when the
    text stays ≥ 8 pt, else a fixed readable scale (the columns continue on further pages)."""
    total = sum(lebar_pt(w) for w in widths)
    minimum = HURUF_MIN_PT / ukuran_huruf
    for landscape in (False, True):
        if total and lebar_cetak(landscape) / total >= minimum:
            return Tata(landscape, None, total)
    return Tata(True, math.ceil(minimum * 100), total)


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def atur_cetak(ws, subjek: Optional[str], widths: Sequence[float], *, ukuran_huruf: float = 11,
               baris_judul: Optional[tuple[int, int]] = None, kolom_judul: Optional[tuple[int, int]] = None,
               area: Optional[tuple[int, int, int, int]] = None, tata: Optional[Tata] = None) -> Tata:
    """A4 print set-up for one sheet; ``widths`` are the printed columns' widths (characters),
    ``area`` = (first_row, first_col, last_row, last_col) when part of the sheet is not printed
    (instructions, selectors). Without ``subjek`` the footer names the file and the sheet."""
    tata = tata or pilih_tata(widths, ukuran_huruf)
    ws.set_paper(KERTAS_A4)
    if tata.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if tata.skala is None:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(tata.skala)
        ws.print_across()  # the columns of one block of rows, then the next block
        if kolom_judul:
            ws.repeat_columns(*kolom_judul)
    if baris_judul:
        ws.repeat_rows(*baris_judul)
    if area:
        ws.print_area(*area)
    ws.set_margins(left=MARGIN_SISI, right=MARGIN_SISI, top=MARGIN_ATAS, bottom=MARGIN_BAWAH)
    left = _escape(subjek) if subjek else "&F — &A"
    ws.set_footer(f"&L{left}&RHalaman &P dari &N", {"margin": 0.3})
    return tata


# --- measuring a sheet already written ---------------------------------------------------------
# Writers whose loops belong to other modules (the form) are measured after the fact, from what
# XlsxWriter holds in memory: the cells, the shared strings, the column widths set.

LEBAR_BAWAAN = 8.43


def _simpan_piksel() -> bool:
    """XlsxWriter ≥ 3.2 keeps column widths in pixels, older versions in characters."""
    from xlsxwriter.worksheet import Worksheet

    probe = Worksheet()
    probe.set_column(0, 0, 10)
    info = probe.col_info[0]
    return (info.width if hasattr(info, "width") else info[0]) == 75


_PIKSEL = _simpan_piksel()


def _lebar_kolom(ws, col: int) -> tuple[float, bool]:
    info = ws.col_info.get(col)
    if info is None:
        return LEBAR_BAWAAN, False
    width = info.width if hasattr(info, "width") else info[0]
    hidden = info.hidden if hasattr(info, "hidden") else info[2]
    if width is None:
        return LEBAR_BAWAAN, bool(hidden)
    if _PIKSEL:
        width = max(0.0, (width - 5) / 7)
    return width, bool(hidden)


def lebar_terpasang(ws, first: int, last: int) -> list[float]:
    """The widths set on columns first..last (hidden columns count 0)."""
    out = []
    for c in range(first, last + 1):
        width, hidden = _lebar_kolom(ws, c)
        out.append(0 if hidden else width)
    return out


def _merged(ws) -> set[tuple[int, int]]:
    cells = set()
    for r1, c1, r2, c2 in ws.merge:
        cells.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
    return cells


def ukur_lembar(ws, dari_baris: int = 0, sampai_kolom: Optional[int] = None, dari_kolom: int = 0) -> None:
    """Widen columns whose numbers or dates would show ``###`` or whose wrapped text holds a word
    longer than the column (it would break mid-word), and give rows holding wrapped text an
    explicit height (rows whose height the writer set are left as they are). Only the printed
    columns, ``dari_kolom``..``sampai_kolom``, are measured."""
    strings = {i: s for s, i in ws.str_table.string_table.items()}
    merged = _merged(ws)
    need: dict[int, float] = {}
    for r, cells in list(ws.table.items()):
        if r < dari_baris:
            continue
        for c, cell in cells.items():
            if (r, c) in merged or c < dari_kolom or (sampai_kolom is not None and c > sampai_kolom):
                continue
            fmt = getattr(cell, "format", None)
            size = float(getattr(fmt, "font_size", 11) or 11)
            kind = type(cell).__name__
            if kind in ("Number", "Datetime") or (kind == "Formula" and isinstance(cell.value, (int, float))):
                number = cell.number if kind != "Formula" else cell.value
                mask = getattr(fmt, "num_format", "General") or "General"
                text = teks_tampil(number, mask if isinstance(mask, str) else "General")
                if kind == "Datetime":
                    text = mask.replace("yyyy", "0000") if isinstance(mask, str) else "00/00/0000"
                width, hidden = _lebar_kolom(ws, c)
                want = (len(text) + 2) * size / 11
                if not hidden and want > width:
                    ws.set_column(c, c, want, getattr(ws.col_info.get(c), "column_format", None))
            elif kind == "String" and getattr(fmt, "text_wrap", False):
                width, hidden = _lebar_kolom(ws, c)
                text = strings.get(cell.string, "")
                word = max((len(w) for w in text.split()), default=0) * size / 11
                if not hidden and word > width * 1.15 - 1.5:
                    width = (word + 2) / 1.15
                    ws.set_column(c, c, width, getattr(ws.col_info.get(c), "column_format", None))
                lines = baris_teks(text, width * 11 / size)
                if lines > 1:  # one line: the default height is right everywhere
                    need[r] = max(need.get(r, 0), lines * size * 1.36 + 2)
    for r, height in need.items():
        if r not in ws.row_info:
            ws.set_row(r, height)


def siapkan_cetak(ws, subjek: Optional[str], last_col: int, *, baris_judul: Optional[tuple[int, int]] = None,
                  kolom_judul: Optional[tuple[int, int]] = None, dari_baris: int = 0,
                  last_row: Optional[int] = None, ukuran_huruf: float = 11, first_col: int = 0) -> Tata:
    """Measure a written sheet (``ukur_lembar``) and give columns first_col..last_col its print
    set-up; ``ukuran_huruf`` is the smallest font used in the printed part."""
    ukur_lembar(ws, dari_baris, last_col, first_col)
    last_row = last_row if last_row is not None else max(ws.table.keys(), default=0)
    return atur_cetak(ws, subjek, lebar_terpasang(ws, first_col, last_col), ukuran_huruf=ukuran_huruf,
                      baris_judul=baris_judul, kolom_judul=kolom_judul, area=(0, first_col, last_row, last_col))
