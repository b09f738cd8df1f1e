"""Reading .xlsx files from disk with python-calamine (the one reader we use).

Grids are returned with A1 at [0][0] and ``None`` for empty cells. Staff files
are only ever opened for reading, and never through Excel.

A file is read into memory once, checked against cheap bounds (``periksa_batas``)
and only then given to calamine, from those same bytes: calamine aborts the
whole process when a sheet's extent does not fit in memory (one value at
XFD1048576 asks for 512 GiB), so nothing that could trigger that reaches it.
"""
from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any, Optional, Union

from python_calamine import CalamineWorkbook

Grid = list[list[Any]]

# Bounds real forms and masters never approach. Measured on the example
# institute: a filled form is 16 KB on disk and 63 KB uncompressed, its
# largest sheet 17 KB of XML and 16 rows × 34 columns; a form with 200
# indicators stays under 1 MB. The example master (46 ASN, 164 indicators) is
# 183 KB uncompressed, so even 3,000 ASN stay near 12 MB. Each bound is two or
# more orders of magnitude above those, yet keeps a worker's memory far below
# the 500 MB a whole run may use.
BATAS_BERKAS = 50 * 2**20          # bytes on disk
BATAS_ANGGOTA = 2_000              # parts in the zip archive
BATAS_BAGIAN = 100 * 2**20         # one part, uncompressed
BATAS_TOTAL = 200 * 2**20          # all parts, uncompressed
BATAS_SHARED_STRINGS = 32 * 2**20  # xl/sharedStrings.xml, uncompressed
BATAS_BARIS = 100_000              # rows of a sheet (highest row with a value, or <row> elements)
BATAS_SEL = 2_000_000              # used-range area of a sheet (rows × columns), and <c> elements
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 20


class BerkasTidakTerbaca(Exception):
    """The file is not a readable workbook (corrupt, truncated, encrypted, not xlsx).

    The message is in Bahasa Indonesia and never carries a library's own text.
    """


class BerkasTerlaluBesar(BerkasTidakTerbaca):
    """The file is over a bound no real form approaches; nothing of it was parsed."""


def baca_byte(path: Path, ikuti_tautan: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` (a regular file only) and its stat, read once.

    Opened non-blocking so a FIFO never hangs, checked to be a regular file
    before reading, and read only up to BATAS_BERKAS (``/dev/zero`` or a
    growing file cannot exhaust memory). ``ikuti_tautan=False`` refuses
    symbolic links (a staff folder's entries are checked, not followed).
    """
    # O_BINARY: on Windows os.open is text mode by default (CRLF translated, ^Z ends the read)
    flags = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_CLOEXEC", 0))
    if not ikuti_tautan:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BerkasTidakTerbaca("bukan berkas biasa (folder, perangkat atau pipa)")
        if st.st_size > BATAS_BERKAS:
            raise BerkasTerlaluBesar(f"ukurannya {_mb(st.st_size)}, batasnya {_mb(BATAS_BERKAS)}")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > BATAS_BERKAS:  # still growing while being read
                raise BerkasTerlaluBesar(f"ukurannya lebih dari {_mb(BATAS_BERKAS)}")
            chunks.append(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)


def _mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"


def periksa_batas(data: bytes) -> None:
    """Raise BerkasTerlaluBesar/BerkasTidakTerbaca unless ``data`` is safe to parse.

    For a zip (xlsx, xlsm, ods): the central directory's declared sizes first
    (no decompression), then every part is decompressed once, in bounded
    memory, so a part that inflates beyond its declared size fails its CRC
    check instead of filling memory; sheets are scanned for their extent.
    """
    if not data:
        raise BerkasTidakTerbaca("berkas kosong, 0 bita")
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data[:2**20]:  # Office's password-protected xlsx
            raise BerkasTidakTerbaca("berkas dilindungi kata sandi; simpan ulang tanpa kata sandi")
        return  # .xls: bounded by its file size; the format itself caps a sheet at 65,536 rows
    if not data.startswith(_ZIP):
        raise BerkasTidakTerbaca("isinya bukan format lembar kerja Excel")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = zf.infolist()
            _check_declared(zf, data, parts)
            names = {p.filename for p in parts}
            if "xl/workbook.xml" not in names and "content.xml" not in names:
                if "word/document.xml" in names:
                    raise BerkasTidakTerbaca("ini dokumen Word (docx) yang diberi nama lembar kerja")
                raise BerkasTidakTerbaca("arsip zip tanpa isi lembar kerja Excel")
            for part in parts:
                if part.is_dir():
                    continue
                body = _inflate(data, part)
                if part.filename.endswith(".xml") and b"sheetData" in body:
                    if problem := _extent_problem(body):
                        raise BerkasTerlaluBesar(f"lembar {_sheet_name(zf, data, part.filename)} {problem}")
    except BerkasTidakTerbaca:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, struct.error, zlib.error):
        # every part is read by _inflate, never through zipfile's own member readers: what is left
        # to fail is the central directory and the raw bytes
        raise BerkasTidakTerbaca("berkas terpotong atau rusak: arsip zip tidak utuh") from None


def _inflate(data: bytes, part: zipfile.ZipInfo) -> bytes:
    """One part's content, never more than its declared size, checked against its CRC.

    zlib directly on the raw member (zipfile's stream machinery costs more
    than the whole check on a 60 KB form); output is capped at the declared
    size + 1, so a part that inflates beyond what it declares is caught
    without ever being held in memory.
    """
    if part.flag_bits & 0x1:
        raise BerkasTidakTerbaca("berkas dilindungi kata sandi; simpan ulang tanpa kata sandi")
    start = part.header_offset
    if data[start:start + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile
    name_len, extra_len = struct.unpack("<HH", data[start + 26:start + 30])
    start += 30 + name_len + extra_len
    raw = data[start:start + part.compress_size]
    if part.compress_type == zipfile.ZIP_STORED:
        body = raw
    elif part.compress_type == zipfile.ZIP_DEFLATED:
        body = zlib.decompressobj(-15).decompress(raw, part.file_size + 1)
    else:
        raise BerkasTidakTerbaca("arsip zip memakai cara pemadatan yang tidak dikenal Excel")
    if len(body) != part.file_size or zlib.crc32(body) != part.CRC:
        raise BerkasTidakTerbaca(f"berkas terpotong atau rusak: bagian {part.filename} tidak utuh")
    return body


def _check_declared(zf: zipfile.ZipFile, data: bytes, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > BATAS_ANGGOTA:
        raise BerkasTerlaluBesar(f"arsipnya berisi {len(parts)} bagian, batasnya {BATAS_ANGGOTA}")
    total = 0
    for part in parts:
        total += part.file_size
        limit = BATAS_SHARED_STRINGS if part.filename.lower().endswith("sharedstrings.xml") else BATAS_BAGIAN
        if part.file_size > limit:
            what = (f"lembar {_sheet_name(zf, data, part.filename)}" if part.filename.startswith("xl/worksheets/")
                    else f"bagian {part.filename}")
            raise BerkasTerlaluBesar(f"{what} mengembang menjadi {_mb(part.file_size)}, batasnya {_mb(limit)}")
    if total > BATAS_TOTAL:
        raise BerkasTerlaluBesar(f"isinya mengembang menjadi {_mb(total)}, batasnya {_mb(BATAS_TOTAL)}")


# A cell that holds something: <c ... r="XFD1048576" ...> not self-closing (a
# self-closing <c .../> only carries a style, and calamine skips it). Excel,
# LibreOffice and XlsxWriter write r first: the quick pattern; any other
# spelling of a cell falls back to the general one.
_VALUE_CELL_QUICK = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*(?<!/)>')
_VALUE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})([0-9]{1,7})"[^>]*(?<!/)>')
_DIMENSION = re.compile(rb'<dimension\b[^>]*\bref="([A-Z]{1,3})?([0-9]{1,7})?(?::([A-Z]{1,3})([0-9]{1,7}))?"')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _extent_problem(xml: bytes) -> str:
    """What is over bound in a sheet's used range (from its cells and its declared <dimension>)."""
    prefixed = b"<sheetData" not in xml  # e.g. <x:row>, written by some .NET tools
    rows_elements = xml.count(b"<row")
    cells_elements = xml.count(b"<c ") + xml.count(b"<c>")
    if prefixed:
        rows_elements += xml.count(b":row ") + xml.count(b":row>")
        cells_elements += xml.count(b":c ") + xml.count(b":c>")
    if rows_elements > BATAS_BARIS or cells_elements > BATAS_SEL:
        return f"berisi {rows_elements:,} baris dan {cells_elements:,} sel".replace(",", ".")
    max_row = max_col = 0
    if m := _DIMENSION.search(xml, 0, 4096):  # the dimension sits before sheetData
        max_row = int(m.group(4) or m.group(2) or 0)
        max_col = _col_number(m.group(3) or m.group(1) or b"")
    quick = not prefixed and cells_elements == xml.count(b'<c r="')
    pattern = _VALUE_CELL_QUICK if quick else _VALUE_CELL
    pos, end_all = 0, len(xml)
    while pos < end_all:
        end = xml.find(b"<", min(end_all, pos + _CHUNK))  # cut before a tag, never inside one
        end = end_all if end == -1 else end
        refs = pattern.findall(xml, pos, end)
        if refs:
            max_row = max(max_row, max(int(r) for r in {r for _, r in refs}))
            max_col = max(max_col, max(_col_number(c) for c in {c for c, _ in refs}))
        pos = end
    if max_row > BATAS_BARIS or max_row * max_col > BATAS_SEL:
        return f"terpakai sampai sel {col_letter(max_col - 1)}{max_row}"
    return ""


def _sheet_name(zf: zipfile.ZipFile, data: bytes, part: str) -> str:
    """The name users see for a sheet part (the part's file name when the workbook does not say).

    The workbook's own parts are read like every other part (``_inflate``) and only when their
    declared size is within the bound: naming a sheet must not be the way round the checks.
    """
    try:
        workbook, rels_part = zf.getinfo("xl/workbook.xml"), zf.getinfo("xl/_rels/workbook.xml.rels")
        if max(workbook.file_size, rels_part.file_size) > BATAS_BAGIAN:
            return part.rsplit("/", 1)[-1]
        workbook_xml = _inflate(data, workbook).decode("utf-8", "replace")
        rels_xml = _inflate(data, rels_part).decode("utf-8", "replace")
    except (KeyError, BerkasTidakTerbaca, zipfile.BadZipFile, struct.error, zlib.error):
        return part.rsplit("/", 1)[-1]
    rels = dict(_REL.findall(rels_xml)) or {i: t for t, i in _REL_REVERSED.findall(rels_xml)}
    for name, rid in _SHEET_REL.findall(workbook_xml):
        target = rels.get(rid, "").lstrip("/")
        if (target if target.startswith("xl/") else f"xl/{target}") == part:
            return f'"{name}"'
    return part.rsplit("/", 1)[-1]


def open_workbook(source: Union[Path, str, bytes]) -> CalamineWorkbook:
    """A workbook from a path or from bytes already read, after ``periksa_batas``.

    An OSError reading a path (no access, gone) propagates as it is: callers
    tell "cannot be read" from "not a workbook".
    """
    data = bytes(source) if isinstance(source, (bytes, bytearray)) else baca_byte(Path(source))[0]
    periksa_batas(data)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # calamine raises several types, all with English text
        raise BerkasTidakTerbaca("isi lembar kerja rusak atau tidak dikenali") from None


def read_grid(workbook: CalamineWorkbook, sheet: str) -> Grid:
    """All cells of ``sheet`` from A1, empty cells as None."""
    try:
        rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception:  # calamine's text is English; say what it means
        raise BerkasTidakTerbaca(f"lembar {sheet} rusak atau tidak dapat dibaca") from None
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
