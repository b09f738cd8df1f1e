"""Which cells of an .ods file are percentages (calamine gives values without formats).

A form saved by LibreOffice in its own format keeps "85%" typed on a %-indicator as 0.85 with
``office:value-type="percentage"``. The form's capaian (in LibreOffice) counts it as 85, so
kompilasi must see it too — the .xlsx counterpart is ``xlsx_baca.percent_formatted``.
"""
from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import iterparse

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_REF = re.compile(r"([A-Z]+)(\d+)")
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")


def adalah_ods(data: bytes) -> bool:
    """True when ``data`` is an OpenDocument spreadsheet (its first zip entry says so)."""
    return data[:2] == b"PK" and _MIMETYPE in data[:100]


def _position(ref: str) -> tuple[int, int]:
    letters, digits = _REF.fullmatch(ref).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def percent_formatted_ods(data: bytes, sheet: str, refs: list[str]) -> set[str]:
    """Which of ``refs`` (``M11``) on ``sheet`` hold a percentage, read in one pass that stops
    after the last row asked for."""
    wanted = {_position(ref): ref for ref in refs}
    if not wanted:
        return set()
    last_row = max(r for r, _ in wanted)
    found: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as content:
        inside, row, col, spans = False, 0, 0, []
        for event, elem in iterparse(content, events=("start", "end")):
            tag = elem.tag
            if tag == f"{{{_TABLE}}}table":
                if event == "start":
                    inside, row = elem.get(f"{{{_TABLE}}}name") == sheet, 0
                elif inside:
                    break
            elif not inside:
                if event == "end":
                    elem.clear()
            elif tag == f"{{{_TABLE}}}table-row":
                if event == "start":
                    col, spans = 0, []
                    continue
                # one element may stand for several identical rows
                rows = int(elem.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
                for (r, c), ref in wanted.items():
                    if row <= r < row + rows and any(a <= c < b for a, b in spans):
                        found.add(ref)
                row += rows
                elem.clear()
                if row > last_row:
                    break
            elif tag in _CELLS and event == "end":
                repeat = int(elem.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
                if elem.get(f"{{{_OFFICE}}}value-type") == "percentage":
                    spans.append((col, col + repeat))
                col += repeat
                elem.clear()
    return found
