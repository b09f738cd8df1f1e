"""Regenerate the shipped Word templates in ``poskinerja/data/docx_templates/`` (python-docx).

Run from the repository root: ``python tools/buat_template.py``. The output is
byte-for-byte reproducible (fixed document properties and zip times), so a
re-run on an unchanged script leaves ``git status`` clean.

The committed ``.docx`` files are what the institute edits in Word; this
script is only how the first version was made. Every variable and loop the
templates receive is listed in ``docx_templates/README.md``.

Conventions used in all five templates:
- A4, margins 2,5 cm (left 3 cm), Arial 11 pt, Indonesian language tag;
- named styles: ``Heading 1``–``3`` (outline), ``Judul Dokumen``,
  ``Subjudul Dokumen``, ``Isian Manual`` (yellow: text people must write,
  always starting with ``[diisi: ...]``), ``Label Draf``, ``Isi Tabel``,
  ``Angka Tabel``, ``Judul Tabel``, ``Catatan``; tables use the table style
  ``Tabel Kinerja`` (header row shaded, repeated on every page);
- header: institute name; footer: document name and ``Halaman X dari Y``.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Optional, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "poskinerja" / "data" / "docx_templates"
FONT = "Arial"
BIRU = "1F4E78"  # table header shading only: official documents print their headings black
HITAM = "000000"
TABLE_STYLE = "Tabel Kinerja"
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)


# --- document skeleton -------------------------------------------------------------

def _strip_theme_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is not None:
        rpr.remove(fonts)


def _styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _strip_theme_fonts(rpr)
    rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
                            f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "id-ID")
    lang.set(qn("w:eastAsia"), "id-ID")

    normal = styles["Normal"]
    normal.font.size = Pt(11)
    pf = normal.paragraph_format
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15
    pf.widow_control = True

    for name, size, before, after in (("Heading 1", 13, 18, 8), ("Heading 2", 12, 12, 6),
                                      ("Heading 3", 11, 10, 4)):
        st = styles[name]
        _strip_theme_fonts(st.element.rPr)
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = RGBColor.from_string(HITAM)
        st.paragraph_format.space_before = Pt(before)
        st.paragraph_format.space_after = Pt(after)
        st.paragraph_format.keep_with_next = True

    def para(name: str, size: float = 11, bold: bool = False, italic: bool = False,
             align=None, color: Optional[str] = None, before: float = 0, after: float = 6,
             base: str = "Normal"):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles[base]
        st.quick_style = True
        st.font.size = Pt(size)
        st.font.bold = bold
        st.font.italic = italic
        if color:
            st.font.color.rgb = RGBColor.from_string(color)
        if align is not None:
            st.paragraph_format.alignment = align
        st.paragraph_format.space_before = Pt(before)
        st.paragraph_format.space_after = Pt(after)
        return st

    para("Judul Dokumen", 15, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color=HITAM, after=4)
    para("Subjudul Dokumen", 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    st = para("Isian Manual", 10.5, italic=True, color="7F6000", before=2, after=8)
    put(st.element.get_or_add_pPr(), parse_xml(
        f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FFF2CC"/>'), PPR_ORDER)
    st = para("Label Draf", 20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color="C00000", after=2)
    st.font.all_caps = True
    para("Catatan", 8.5, italic=True, color="595959", after=4)
    for name, align, bold, size in (("Isi Tabel", WD_ALIGN_PARAGRAPH.LEFT, False, 8.5),
                                    ("Angka Tabel", WD_ALIGN_PARAGRAPH.RIGHT, False, 8.5),
                                    ("Kode Tabel", WD_ALIGN_PARAGRAPH.LEFT, False, 8),
                                    ("Judul Tabel", WD_ALIGN_PARAGRAPH.CENTER, True, 8)):
        st = para(name, size, bold=bold, align=align, before=1, after=1)
        st.paragraph_format.line_spacing = 1.0
        st.paragraph_format.keep_with_next = name == "Judul Tabel"  # header stays with a first row
    st = para("Tanda Tangan", 11, after=0)
    st.paragraph_format.line_spacing = 1.0
    for name in ("Header", "Footer"):
        tabs = styles[name].element.pPr.find(qn("w:tabs"))  # Letter-sized tabs of the default template
        if tabs is not None:
            styles[name].element.pPr.remove(tabs)
        styles[name].font.size = Pt(8.5)
        styles[name].font.color.rgb = RGBColor.from_string("595959")
    styles["List Bullet"].paragraph_format.space_after = Pt(3)
    styles["Caption"].font.size = Pt(9)
    styles["Caption"].font.color.rgb = RGBColor.from_string("404040")
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # the table style: light grey grid, dark header row with white bold text
    tbl = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    tbl.base_style = styles["Table Grid"]
    tbl.element.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'))
    tbl.element.append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'))
    tbl.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblStyleRowBandSize w:val="1"/><w:tblBorders>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
          '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'))
    tbl.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        f'<w:tblPr/><w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BIRU}"/>'
        '<w:vAlign w:val="center"/></w:tcPr></w:tblStylePr>'))
    tbl.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="band2Horz"><w:tblPr/><w:tcPr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F6FA"/></w:tcPr></w:tblStylePr>'))


# Children of w:pPr and w:tblPr in the order the schema (ECMA-376) requires: Word tolerates any
# order, a validator does not.
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
               "tblLook", "tblCaption", "tblDescription")
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark")


SETTINGS_AFTER_UPDATE = {"hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                         "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                         "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                         "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                         "decimalSymbol", "listSeparator"}


def put(parent, child, order: Sequence[str]) -> None:
    """Insert ``child`` into ``parent`` at its schema position (replacing one of the same name)."""
    name = child.tag.split("}")[1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    rank = order.index(name)
    for i, existing in enumerate(parent):
        other = existing.tag.split("}")[1]
        if other in order and order.index(other) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def _field(paragraph, instr: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) updated by Word and LibreOffice on display."""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>{placeholder}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def _border_bottom(paragraph, color: str = "8EA9C1") -> None:
    put(paragraph._p.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{color}"/></w:pBdr>'),
        PPR_ORDER)


def _border_top(paragraph, color: str = "8EA9C1") -> None:
    put(paragraph._p.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1" w:color="{color}"/></w:pBdr>'),
        PPR_ORDER)


def _page(section, landscape: bool = False) -> None:
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin = Cm(2.5)
    section.bottom_margin = Cm(2.2)
    section.left_margin = Cm(3.0) if not landscape else Cm(2.2)
    section.right_margin = Cm(2.0) if not landscape else Cm(2.2)
    section.header_distance = Cm(1.2)
    section.footer_distance = Cm(1.0)


def new_document(header: str, footer: str, title: str, landscape: bool = False):
    """A document with styles, page set-up, header (institute) and footer (page X of Y)."""
    doc = Document()
    # python-docx's default template carries a Word 2010 stylesWithEffects part that would no
    # longer match our styles (validators and Word flag the mismatch): drop it
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    _styles(doc)
    section = doc.sections[0]
    _page(section, landscape)
    width = section.page_width - section.left_margin - section.right_margin
    # Header: an empty cell on the left is the slot for the institute's logo (docx_templates/README.md),
    # the institute's name on the right.
    logo, name = _band(doc, section.header, width, Cm(2.0), "Header", "bottom")
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name.add_run(header)
    # Footer: the document's name wraps in its own cell; "Halaman X dari Y" never wraps.
    left, right = _band(doc, section.footer, width, width - Cm(3.4), "Footer", "top")
    left.add_run(footer)
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right.add_run("Halaman\u00a0")
    _field(right, "PAGE")
    right.add_run("\u00a0dari\u00a0")
    _field(right, "NUMPAGES")
    _no_wrap(right)
    props = doc.core_properties
    props.title = title
    props.author = "poskinerja"
    props.last_modified_by = "poskinerja"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 1
    props.language = "id-ID"
    props.comments = "Templat docxtpl poskinerja; daftar variabel: docx_templates/README.md"
    return doc


def _band(doc, part, width: int, first: int, style: str, line: str):
    """A two-cell row in a header or footer with one rule (``line``: top or bottom); returns the
    two cells' paragraphs. The part's own (required) last paragraph stays below it, tiny."""
    t = part.add_table(rows=1, cols=2, width=width)
    put(t._tbl.tblPr, parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(
            f'<w:{s} w:val="single" w:sz="6" w:space="0" w:color="8EA9C1"/>' if s == line else f'<w:{s} w:val="nil"/>'
            for s in ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders>'), TBLPR_ORDER)
    tail = part.paragraphs[0]
    tail._p.addprevious(t._tbl)
    tail.style = doc.styles[style]
    tail.paragraph_format.space_after = Pt(0)
    tail.paragraph_format.line_spacing = Pt(2)
    _set_widths(t, (first / 360000, (width - first) / 360000), width)
    paras = [c.paragraphs[0] for c in t.rows[0].cells]
    for para in paras:
        para.style = doc.styles[style]
    return paras


def _no_wrap(paragraph) -> None:
    tcpr = paragraph._p.getparent().get_or_add_tcPr()
    put(tcpr, parse_xml(f'<w:noWrap {nsdecls("w")}/>'), TCPR_ORDER)


def usable_width(doc) -> int:
    s = doc.sections[-1]
    return s.page_width - s.left_margin - s.right_margin


# --- building blocks -------------------------------------------------------------------

def p(doc, text: str = "", style: str = "Normal", align=None, bold: bool = False):
    para = doc.add_paragraph(style=style)
    if text:
        run = para.add_run(text)
        run.bold = bold or None
    if align is not None:
        para.alignment = align
    return para


def tag(doc, text: str):
    """A paragraph holding only a docxtpl paragraph tag (``{%p ... %}``); removed when rendered."""
    return doc.add_paragraph(text, style="Normal")


def h(doc, text: str, level: int = 1):
    heading = doc.add_heading(text, level)
    if text.startswith("BAB "):  # LKj convention: each chapter starts a page
        heading.paragraph_format.page_break_before = True
    return heading


def daftar_isi(doc) -> None:
    """A Daftar Isi page: a TOC field over Heading 1–2. Word refreshes it on opening (the document
    asks to update fields) or with F9; LibreOffice with Alat → Perbarui → Semua."""
    p(doc, "DAFTAR ISI", "Judul Dokumen").paragraph_format.space_after = Pt(12)
    para = doc.add_paragraph(style="Normal")
    _field(para, 'TOC \\o "1-2" \\h \\z \\u', "Daftar isi diperbarui saat dokumen dibuka (Word: tekan F9).")
    settings = doc.settings.element
    update = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    later = [c for c in settings if c.tag.split("}")[1] in SETTINGS_AFTER_UPDATE]
    if later:
        later[0].addprevious(update)  # schema position: before hdrShapeDefaults, compat, rsids, ...
    else:
        settings.append(update)
    page_break(doc)


def isian(doc, text: str):
    """A clearly marked place for what people must write."""
    assert text.startswith("[diisi:")
    return p(doc, text, "Isian Manual")


def bullets(doc, loop: str, item: str):
    tag(doc, f"{{%p for {loop} %}}")
    p(doc, item, "List Bullet")
    tag(doc, "{%p endfor %}")


def _set_widths(table, widths_cm: Sequence[float], total) -> None:
    scale = total / sum(Cm(w) for w in widths_cm)
    widths = [int(Cm(w) * scale) for w in widths_cm]
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w / 635)))  # EMU → twips
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    tblPr = table._tbl.tblPr
    put(tblPr, parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'), TBLPR_ORDER)
    tblW = tblPr.find(qn("w:tblW"))
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(int(sum(widths) / 635)))


# Widths a table needs so that no heading word and no code breaks mid-word (Arial; 1 cm = 28.35 pt):
# a bold 8-pt heading letter is ≈ 0.58 em, a code letter at 8 pt ≈ 0.55 em (capitals, digits), plus the cell margins.
CM_HURUF_JUDUL = 8 * 0.58 / 28.35
CM_HURUF_KODE = 8 * 0.55 / 28.35
CM_TEPI_SEL = 0.25
PANJANG_KODE = 14  # longest indicator code in practice, e.g. IKI-FPMP-01-01
MIN_KOLOM = {"Kode": PANJANG_KODE * CM_HURUF_KODE + CM_TEPI_SEL, "Satuan": 1.7}


def lebar_minimum(header: str) -> float:
    """The narrowest a column may be: its longest heading word on one line (a jinja label alone
    counts as a 12-letter word, inside a heading as a Roman numeral), and room for codes and units
    in the columns that hold them."""
    text = "x" * 12 if re.fullmatch(r"{{.*?}}", header) else re.sub(r"{{.*?}}", "xxxx", header)
    longest = max((len(w) for w in text.split()), default=1)
    return max(longest * CM_HURUF_JUDUL + CM_TEPI_SEL, MIN_KOLOM.get(header, 0.0))


def fit_widths(widths_cm: Sequence[float], minimum: Sequence[float], total_cm: float) -> list[float]:
    """Scale ``widths_cm`` to ``total_cm``, then raise columns below their minimum, taking the room
    from the columns that have more than theirs, in proportion to their spare width."""
    scale = total_cm / sum(widths_cm)
    widths = [w * scale for w in widths_cm]
    for _ in range(5):
        short = sum(max(0.0, m - w) for w, m in zip(widths, minimum))
        if short <= 1e-6:
            break
        spare = [max(0.0, w - m) for w, m in zip(widths, minimum)]
        if sum(spare) <= 0:
            break
        take = min(short, sum(spare))
        widths = [max(w, m) if w < m else w - take * sp / sum(spare) for w, m, sp in zip(widths, minimum, spare)]
    return widths


def _cell(cell, text: str, style: str) -> None:
    para = cell.paragraphs[0]
    para.style = style
    if text:
        para.add_run(text)


def table(doc, headers: Sequence[str], cells: Sequence[str], widths: Sequence[float], loop: Optional[str],
          numeric: Sequence[int] = (), total: Optional[Sequence[str]] = None):
    """A table in the ``Tabel Kinerja`` style with a docxtpl row loop.

    ``cells`` is the template row (jinja expressions); ``numeric`` the column
    indexes right-aligned; ``total`` an optional last row (a sum line).
    """
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = doc.styles[TABLE_STYLE]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, headers):
        _cell(cell, text, "Judul Tabel")
    trpr = t.rows[0]._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    codes = {i for i, text in enumerate(headers) if text == "Kode"}
    if loop:
        row = t.add_row()
        _cell(row.cells[0], f"{{%tr for {loop} %}}", "Isi Tabel")
    row = t.add_row()
    for i, (cell, text) in enumerate(zip(row.cells, cells)):
        _cell(cell, text, "Angka Tabel" if i in numeric else "Kode Tabel" if i in codes else "Isi Tabel")
    row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if loop:
        row = t.add_row()
        _cell(row.cells[0], "{%tr endfor %}", "Isi Tabel")
    if total:
        row = t.add_row()
        for i, (cell, text) in enumerate(zip(row.cells, total)):
            _cell(cell, text, "Angka Tabel" if i in numeric else "Isi Tabel")
            for r in cell.paragraphs[0].runs:
                r.bold = True
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    total_cm = usable_width(doc) / 360000
    _set_widths(t, fit_widths(widths, [lebar_minimum(h) for h in headers], total_cm), usable_width(doc))
    doc.add_paragraph(style="Catatan")  # breathing space after a table
    return t


def signatures(doc, rows: Sequence[tuple[str, str, dict]], widths: Sequence[float] = (8, 8)):
    """Signature blocks side by side in a borderless table, one row per line so both
    sides stay aligned however long a jabatan is: (left text, right text, options)."""
    t = doc.add_table(rows=len(rows), cols=2)
    _no_borders(t)
    for r, (left, right, opt) in enumerate(rows):
        for cell, text in zip(t.rows[r].cells, (left, right)):
            para = cell.paragraphs[0]
            para.style = doc.styles["Tanda Tangan"]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if text:
                run = para.add_run(text)
                run.bold = opt.get("bold") or None
                run.underline = opt.get("underline") or None
            if opt.get("space"):
                para.paragraph_format.space_before = Pt(opt["space"])
        t.rows[r]._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    _set_widths(t, widths, usable_width(doc))
    # the last lines of text above go with the block: a signature never stands alone on a page
    # Counted: paragraphs with text outside {%p if %} blocks (a block may vanish when rendered);
    # a table right above keeps its last row with the block.
    def keep(para) -> None:
        put(para.get_or_add_pPr(), parse_xml(f'<w:keepNext {nsdecls("w")}/>'), PPR_ORDER)

    previous, kept, conditional = t._tbl.getprevious(), 0, 0
    while previous is not None and kept < 2:
        if previous.tag == qn("w:tbl"):
            for para in previous.findall(qn("w:tr"))[-1].iter(qn("w:p")):
                keep(para)
            break
        if previous.tag == qn("w:p"):
            text = "".join(previous.itertext()).strip()
            keep(previous)
            if text.startswith("{%p endif"):
                conditional += 1
            elif text.startswith("{%p if"):
                conditional -= 1
            elif text and not text.startswith("{%") and not conditional:
                kept += 1
        previous = previous.getprevious()
    # keep the block on one page: every row's paragraphs keep with the next
    for row in t.rows[:-1]:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
    return t


def _no_borders(t) -> None:
    put(t._tbl.tblPr, parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(f'<w:{s} w:val="nil"/>' for s in
                                                   ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders>'), TBLPR_ORDER)


def sign_rows(tempat: str, kiri: tuple[str, str, str, str], kanan: tuple[str, str, str, str]
              ) -> list[tuple[str, str, dict]]:
    """(role, jabatan, nama, nip) for the left and right signer; ``tempat`` above the right one."""
    return [("", tempat, {}), (kiri[0], kanan[0], {}), (kiri[1], kanan[1], {}), ("", "", {"space": 42}),
            (kiri[2], kanan[2], {"bold": True, "underline": True}), (kiri[3], kanan[3], {})]


def identity(doc, rows: Sequence[tuple[str, str]], indent_cm: float = 0.8, label_cm: float = 2.6) -> None:
    """``Nama : ...`` lines with aligned colons (tab stops, hanging indent for long values)."""
    for label, value in rows:
        para = doc.add_paragraph(style="Normal")
        pf = para.paragraph_format
        pf.left_indent = Cm(indent_cm + label_cm + 0.5)
        pf.first_line_indent = -Cm(label_cm + 0.5)
        pf.space_after = Pt(2)
        pf.tab_stops.add_tab_stop(Cm(indent_cm + label_cm))
        pf.tab_stops.add_tab_stop(Cm(indent_cm + label_cm + 0.5))
        para.add_run(f"{label}\t:\t{value}")


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def save(doc, path: Path) -> None:
    """Save with fixed zip times so the bytes only change when the content does."""
    raw = io.BytesIO()
    doc.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


HEADER = "{% if draf %}DRAF — {% endif %}{{ nama_lembaga }}"
IND_WIDTHS = (0.9, 2.2, 3.9, 1.5, 1.4, 1.5, 1.5, 1.7, 1.9)  # No, Kode, Indikator, …, Keterangan
RULES_NOTE = ("Cara menghitung: {{ catatan_rumus }}. Angka dihitung dari target Perjanjian Kinerja dan "
              "realisasi di formulir; \u201c-\u201d berarti tidak ada nilai.")


# --- 1. Perjanjian Kinerja ----------------------------------------------------------------

def perjanjian_kinerja() -> Document:
    doc = new_document(HEADER, "Perjanjian Kinerja Tahun {{ tahun }} — {{ pihak_pertama.nama }}",
                       "Perjanjian Kinerja")
    tag(doc, "{%p if draf %}")
    p(doc, "DRAF", "Label Draf")
    p(doc, "Belum disahkan: periksa, lengkapi, lalu tanda tangani pada Rakor Internal awal tahun anggaran.",
      "Catatan", WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "{%p endif %}")
    p(doc, "PERJANJIAN KINERJA TAHUN {{ tahun }}", "Judul Dokumen").paragraph_format.space_before = Pt(12)
    p(doc, "{{ pihak_pertama.jabatan }}", "Subjudul Dokumen")
    p(doc, "{{ nama_lembaga }}", "Subjudul Dokumen").paragraph_format.space_after = Pt(18)
    p(doc, "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
           "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
      align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    identity(doc, [("Nama", "{{ pihak_pertama.nama }}"), ("NIP", "{{ pihak_pertama.nip }}"),
                   ("Jabatan", "{{ pihak_pertama.jabatan }}")])
    p(doc, "selanjutnya disebut pihak pertama.").paragraph_format.left_indent = Cm(0.8)
    identity(doc, [("Nama", "{{ pihak_kedua.nama }}"), ("NIP", "{{ pihak_kedua.nip }}"),
                   ("Jabatan", "{{ pihak_kedua.jabatan }}")])
    p(doc, "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.").paragraph_format.left_indent = Cm(0.8)
    p(doc, "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian "
           "ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam "
           "dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi "
           "tanggung jawab kami.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    p(doc, "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
           "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian "
           "penghargaan dan sanksi.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    ttd = sign_rows("{{ kota }}, {{ tanggal_teks }}",
                    ("Pihak Kedua,", "{{ pihak_kedua.jabatan }}", "{{ pihak_kedua.nama }}",
                     "NIP {{ pihak_kedua.nip }}"),
                    ("Pihak Pertama,", "{{ pihak_pertama.jabatan }}", "{{ pihak_pertama.nama }}",
                     "NIP {{ pihak_pertama.nip }}"))
    p(doc, "")
    signatures(doc, ttd)
    page_break(doc)

    p(doc, "LAMPIRAN PERJANJIAN KINERJA TAHUN {{ tahun }}", "Judul Dokumen")
    p(doc, "{{ pihak_pertama.jabatan }} — {{ nama_unit }}", "Subjudul Dokumen").paragraph_format.space_after = Pt(12)
    h(doc, "A. Sasaran, Indikator Kinerja, dan Target", 2)
    table(doc, ["No", "{{ label_sasaran }}", "Indikator Kinerja", "Satuan", "Target Tahun",
                "TW I", "TW II", "TW III", "TW IV"],
          ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.target_tahun|angka }}",
           "{{ r.tw1|angka }}", "{{ r.tw2|angka }}", "{{ r.tw3|angka }}", "{{ r.tw4|angka }}"],
          (1.0, 3.3, 4.3, 1.9, 1.7, 1.1, 1.1, 1.2, 1.1), "r in indikator", numeric=(4, 5, 6, 7, 8))
    tag(doc, "{%p if not indikator %}")
    p(doc, "Belum ada indikator kinerja untuk ASN ini di master.", "Catatan")
    tag(doc, "{%p endif %}")
    p(doc, "Target TW I–IV adalah rencana aksi; \u201c-\u201d berarti indikator tidak diukur pada triwulan "
           "itu. {{ catatan_kumulatif }}", "Catatan")
    h(doc, "B. Program, Kegiatan, dan Anggaran", 2)
    table(doc, ["No", "Program", "Kegiatan", "Anggaran (Rp)"],
          ["{{ k.no }}", "{{ k.program }}", "{{ k.kegiatan }}", "{{ k.pagu|rupiah }}"],
          (1.0, 5.0, 7.0, 3.2), "k in kegiatan", numeric=(3,),
          total=["", "", "Jumlah", "{{ total_pagu|rupiah }}"])
    tag(doc, "{%p if not kegiatan %}")
    p(doc, "Tidak ada kegiatan beranggaran yang menjadi tanggung jawab ASN ini.", "Catatan")
    tag(doc, "{%p endif %}")
    p(doc, "")
    signatures(doc, ttd)
    return doc


# --- 2. Laporan triwulan ----------------------------------------------------------------------

def laporan_triwulan() -> Document:
    doc = new_document(HEADER, "{{ judul }} — {{ nama_tingkat }}", "Draf Laporan Kinerja Triwulan")
    p(doc, "DRAF", "Label Draf")
    # "DRAF" once, as the stamp above (and in the page header): not again in the title
    p(doc, "{{ judul|replace('Draf ', '')|upper }}", "Judul Dokumen").paragraph_format.space_before = Pt(6)
    p(doc, "{{ nama_tingkat }}", "Subjudul Dokumen")
    p(doc, "Periode {{ periode }} · disusun {{ tanggal_susun }} dari kompilasi formulir di {{ sumber_data }}",
      "Catatan", WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_after = Pt(12)

    h(doc, "1. Ringkasan Triwulan {{ tw_romawi }}", 1)
    bullets(doc, "k in ringkasan", "{{ k }}")
    isian(doc, "[diisi: simpulan umum kinerja triwulan ini dan hal yang perlu diputuskan dalam rapat triwulan]")

    h(doc, "2. Capaian per {{ label_bagian }}", 1)
    p(doc, "{{ kalimat_bagian }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    table(doc, ["No", "{{ label_bagian }}", "Indikator Diukur", "Terisi", "Kelengkapan", "Rata-rata Capaian",
                "Predikat", "Serapan Anggaran"],
          ["{{ b.no }}", "{{ b.nama }}", "{{ b.diukur }}", "{{ b.terisi }}", "{{ b.kelengkapan|persen }}",
           "{{ b.capaian|persen }}", "{{ b.predikat }}", "{{ b.serapan|persen }}"],
          (0.9, 3.6, 2.2, 1.4, 2.5, 2.0, 2.2, 2.2), "b in bagian", numeric=(2, 3, 4, 5, 7),
          total=["", "{{ total.nama }}", "{{ total.diukur }}", "{{ total.terisi }}", "{{ total.kelengkapan|persen }}",
                 "{{ total.capaian|persen }}", "{{ total.predikat }}", "{{ total.serapan|persen }}"])
    p(doc, "{{ grafik }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "Gambar 1. {{ judul_grafik }}", "Caption")

    h(doc, "3. Capaian Indikator Kinerja", 1)
    tag(doc, "{%p for g in kelompok %}")
    h(doc, "{{ g.judul }}", 2)
    p(doc, "{{ g.keterangan }}", "Catatan").paragraph_format.keep_with_next = True
    table(doc, ["No", "Kode", "Indikator Kinerja", "Satuan", "Target TW {{ tw_romawi }}", "Realisasi", "Capaian",
                "Predikat", "Keterangan"],
          ["{{ r.no }}", "{{ r.kode }}", "{{ r.indikator }}{% if r.pemilik %} — {{ r.pemilik }}{% endif %}",
           "{{ r.satuan }}", "{{ r.target|angka }}", "{{ r.realisasi|angka }}", "{{ r.capaian|persen }}",
           "{{ r.predikat }}", "{{ r.keterangan }}"],
          IND_WIDTHS, "r in g.baris", numeric=(4, 5, 6))
    tag(doc, "{%p endfor %}")
    p(doc, RULES_NOTE, "Catatan")
    isian(doc, "[diisi: analisis penyebab capaian di bawah target atau jauh di atas target, dan upaya yang "
               "telah dilakukan]")

    h(doc, "4. Realisasi Anggaran dan Pemantauan Kegiatan", 1)
    p(doc, "{{ kalimat_anggaran }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    table(doc, ["No", "{{ label_anggaran }}", "Pagu", "Realisasi s.d. TW {{ tw_romawi }}", "Serapan", "Keterangan"],
          ["{{ a.no }}", "{{ a.uraian }}", "{{ a.pagu|rupiah }}", "{{ a.realisasi|rupiah }}", "{{ a.serapan|persen }}",
           "{{ a.keterangan }}"],
          (0.9, 3.9, 3.4, 3.4, 1.9, 2.7), "a in anggaran", numeric=(2, 3, 4),
          total=["", "Jumlah", "{{ total_anggaran.pagu|rupiah }}", "{{ total_anggaran.realisasi|rupiah }}",
                 "{{ total_anggaran.serapan|persen }}", ""])
    isian(doc, "[diisi: analisis penyerapan anggaran dan keselarasannya dengan kemajuan fisik kegiatan]")

    h(doc, "5. Kendala dan Tindak Lanjut", 1)
    p(doc, "{{ kalimat_kendala }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    tag(doc, "{%p if kendala %}")
    table(doc, ["No", "{{ label_sumber_kendala }}", "Kendala/Permasalahan", "Strategi/Tindak Lanjut"],
          ["{{ k.no }}", "{{ k.sumber }}", "{{ k.kendala }}", "{{ k.tindak_lanjut }}"],
          (0.9, 3.4, 5.85, 5.85), "k in kendala")
    tag(doc, "{%p endif %}")
    isian(doc, "[diisi: tindak lanjut yang disepakati dalam rapat triwulan, penanggung jawab, dan batas waktunya]")

    h(doc, "6. Kelengkapan Data", 1)
    p(doc, "{{ kalimat_kelengkapan }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    tag(doc, "{%p if kebutuhan %}")
    h(doc, "Daftar kebutuhan data kinerja", 3)
    table(doc, ["No", "Nama", "Unit", "Jenis", "Uraian", "Status"],
          ["{{ d.no }}", "{{ d.nama }}", "{{ d.unit }}", "{{ d.jenis }}", "{{ d.uraian }}", "{{ d.status }}"],
          (0.9, 3.6, 1.7, 1.7, 5.6, 2.5), "d in kebutuhan")
    tag(doc, "{%p endif %}")
    p(doc, "Dokumen ini adalah draf yang disusun dari kompilasi formulir kinerja. Bagian berlatar kuning "
           "diisi oleh {{ penyusun }} sebelum rapat triwulan.", "Catatan")
    # approval block: the report is signed by its author and acknowledged by the one above
    signatures(doc, sign_rows("{{ kota }}, {{ tanggal_susun }}",
                              ("Mengetahui,", "[diisi: jabatan atasan]", "[diisi: nama]", "NIP [diisi: NIP]"),
                              ("Penyusun,", "[diisi: jabatan penyusun]", "[diisi: nama]", "NIP [diisi: NIP]")))
    return doc


def sampul_laporan(doc, periode: str, catatan: str) -> None:
    """The cover page of a Laporan Kinerja (semester or annual): DRAF, title, period, who, where, source."""
    for _ in range(5):
        p(doc, "")
    p(doc, "DRAF", "Label Draf")
    p(doc, "LAPORAN KINERJA", "Judul Dokumen").paragraph_format.space_before = Pt(24)
    p(doc, periode, "Judul Dokumen")
    p(doc, "{{ nama_tingkat }}", "Subjudul Dokumen").paragraph_format.space_before = Pt(24)
    tag(doc, "{%p if tingkat == 'unit' %}")
    p(doc, "{{ nama_lembaga }}", "Subjudul Dokumen")
    tag(doc, "{%p endif %}")
    for _ in range(6):
        p(doc, "")
    p(doc, "{{ kota }}, {{ tanggal_susun }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, catatan, "Catatan", WD_ALIGN_PARAGRAPH.CENTER)
    page_break(doc)


def bab_penutup(doc, periode: str, berikutnya: str) -> None:
    """BAB IV Penutup of a Laporan Kinerja, the signature, and the page break before the Lampiran."""
    h(doc, "BAB IV Penutup", 1)
    h(doc, "A. Simpulan", 2)
    bullets(doc, "k in simpulan", "{{ k }}")
    isian(doc, f"[diisi: simpulan atas capaian kinerja {periode}]")
    h(doc, "B. Langkah ke Depan", 2)
    isian(doc, f"[diisi: langkah perbaikan untuk {berikutnya}]")
    signatures(doc, sign_rows("{{ kota }}, {{ tanggal_susun }}", ("", "", "", ""),
                              ("", "{{ penandatangan.jabatan }}", "{{ penandatangan.nama }}",
                               "NIP {{ penandatangan.nip }}")))
    page_break(doc)


# --- 3. Laporan semester -------------------------------------------------------------------------

def laporan_semester() -> Document:
    doc = new_document(HEADER, "Laporan Kinerja {{ label_periode }} Tahun {{ tahun }} — {{ nama_tingkat }}",
                       "Draf Laporan Kinerja Semester")
    sampul_laporan(doc, "{{ label_periode|upper }} TAHUN {{ tahun }}",
                   "Disusun dari kompilasi TW {{ daftar_tw }} ({{ sumber_data }}).")
    daftar_isi(doc)

    h(doc, "Kata Pengantar", 1)
    isian(doc, "[diisi: kata pengantar oleh {{ penandatangan.jabatan }}]")
    h(doc, "Ikhtisar Eksekutif", 1)
    bullets(doc, "k in ikhtisar", "{{ k }}")
    isian(doc, "[diisi: ikhtisar capaian utama, permasalahan pokok, dan langkah perbaikan]")

    h(doc, "BAB I Pendahuluan", 1)
    h(doc, "A. Gambaran Umum", 2)
    p(doc, "{{ kalimat_gambaran }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    isian(doc, "[diisi: gambaran umum organisasi dan lingkungan strategis]")
    h(doc, "B. Dasar Hukum", 2)
    bullets(doc, "d in dasar_hukum", "{{ d }}")
    h(doc, "C. Tugas, Fungsi, dan Struktur Organisasi", 2)
    table(doc, ["No", "{{ label_bagian }}", "Keterangan", "Jumlah Indikator"],
          ["{{ s.no }}", "{{ s.nama }}", "{{ s.keterangan }}", "{{ s.jumlah_indikator }}"],
          (1.0, 6.0, 7.0, 2.2), "s in struktur", numeric=(3,))
    isian(doc, "[diisi: tugas dan fungsi sesuai peraturan organisasi dan tata kerja]")
    h(doc, "D. Isu Strategis", 2)
    isian(doc, "[diisi: isu strategis yang dihadapi pada tahun berjalan]")

    h(doc, "BAB II Perencanaan Kinerja", 1)
    p(doc, "{{ kalimat_perencanaan }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    h(doc, "Perjanjian Kinerja Tahun {{ tahun }}", 2)
    table(doc, ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahun"],
          ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.target_tahun|angka }}"],
          (1.0, 5.0, 6.6, 1.8, 1.8), "r in pk", numeric=(4,))
    p(doc, "Anggaran yang dialokasikan untuk mendukung pencapaian sasaran: {{ total_pagu|rupiah }}.")

    h(doc, "BAB III Akuntabilitas Kinerja", 1)
    h(doc, "A. Capaian Kinerja Organisasi", 2)
    p(doc, "{{ kalimat_capaian }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    tag(doc, "{%p for s in sasaran %}")
    h(doc, "Sasaran {{ s.no }}: {{ s.nama }}", 3)
    table(doc, ["No", "Kode", "Indikator Kinerja", "Satuan", "Target {{ label_periode_singkat }}", "Realisasi",
                "Capaian", "Predikat", "Realisasi Tahun Lalu"],
          ["{{ r.no }}", "{{ r.kode }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.target|angka }}",
           "{{ r.realisasi|angka }}", "{{ r.capaian|persen }}", "{{ r.predikat }}",
           "{{ r.realisasi_tahun_lalu|angka }}"],
          (0.9, 2.2, 3.9, 1.5, 1.5, 1.5, 1.5, 1.7, 1.7), "r in s.baris", numeric=(4, 5, 6, 8))
    bullets(doc, "k in s.kalimat", "{{ k }}")
    isian(doc, "[diisi: analisis penyebab keberhasilan atau kegagalan, upaya yang telah dilakukan, efisiensi "
               "penggunaan sumber daya, serta program/kegiatan yang menunjang]")
    tag(doc, "{%p endfor %}")
    p(doc, RULES_NOTE + " {{ catatan_periode }}", "Catatan")
    h(doc, "Capaian per {{ label_bagian }}", 3)
    table(doc, ["No", "{{ label_bagian }}", "Indikator Diukur", "Terisi", "Kelengkapan", "Rata-rata Capaian",
                "Predikat"],
          ["{{ b.no }}", "{{ b.nama }}", "{{ b.diukur }}", "{{ b.terisi }}", "{{ b.kelengkapan|persen }}",
           "{{ b.capaian|persen }}", "{{ b.predikat }}"],
          (1.0, 5.3, 2.3, 1.5, 2.6, 2.0, 2.1), "b in bagian", numeric=(2, 3, 4, 5),
          total=["", "{{ total.nama }}", "{{ total.diukur }}", "{{ total.terisi }}", "{{ total.kelengkapan|persen }}",
                 "{{ total.capaian|persen }}", "{{ total.predikat }}"])
    p(doc, "{{ grafik }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "Gambar 1. {{ judul_grafik }}", "Caption")
    h(doc, "B. Realisasi Anggaran", 2)
    p(doc, "{{ kalimat_anggaran }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    table(doc, ["No", "{{ label_anggaran }}", "Pagu", "Realisasi", "Serapan", "Keterangan"],
          ["{{ a.no }}", "{{ a.uraian }}", "{{ a.pagu|rupiah }}", "{{ a.realisasi|rupiah }}", "{{ a.serapan|persen }}",
           "{{ a.keterangan }}"],
          (0.9, 3.9, 3.4, 3.4, 1.9, 2.7), "a in anggaran", numeric=(2, 3, 4),
          total=["", "Jumlah", "{{ total_anggaran.pagu|rupiah }}", "{{ total_anggaran.realisasi|rupiah }}",
                 "{{ total_anggaran.serapan|persen }}", ""])
    isian(doc, "[diisi: analisis realisasi anggaran dan efisiensi penggunaan sumber daya]")

    bab_penutup(doc, "periode ini", "semester berikutnya")
    h(doc, "Lampiran", 1)
    h(doc, "Lampiran 1. Pengukuran Kinerja {{ label_periode }}", 2)
    tag(doc, "{%p for g in lampiran %}")
    h(doc, "{{ g.judul }}", 3)
    table(doc, ["No", "Kode", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Predikat",
                "Keterangan"],
          ["{{ r.no }}", "{{ r.kode }}", "{{ r.indikator }}{% if r.pemilik %} — {{ r.pemilik }}{% endif %}",
           "{{ r.satuan }}", "{{ r.target|angka }}", "{{ r.realisasi|angka }}", "{{ r.capaian|persen }}",
           "{{ r.predikat }}", "{{ r.keterangan }}"],
          IND_WIDTHS, "r in g.baris", numeric=(4, 5, 6))
    tag(doc, "{%p endfor %}")
    h(doc, "Lampiran 2. Status Perjanjian Kinerja", 2)
    table(doc, ["No", "NIP", "Nama", "Jabatan", "Status PK", "Tanggal Sah"],
          ["{{ a.no }}", "{{ a.nip }}", "{{ a.nama }}", "{{ a.jabatan }}", "{{ a.status }}",
           "{{ a.tanggal_sah|tanggal }}"],
          (0.9, 3.6, 3.6, 3.6, 1.9, 2.4), "a in daftar_pk")
    return doc


# --- 4. Hasil evaluasi internal ----------------------------------------------------------------------

def hasil_evaluasi() -> Document:
    # always a draft: it holds "[diisi: ...]" places until the SPI team completes and signs it
    doc = new_document("DRAF — {{ nama_lembaga }}", "Hasil Evaluasi Internal Tahun {{ tahun }}",
                       "Hasil Evaluasi Internal")
    p(doc, "DRAF", "Label Draf")
    p(doc, "LAPORAN HASIL EVALUASI INTERNAL", "Judul Dokumen")
    p(doc, "AKUNTABILITAS KINERJA INSTANSI PEMERINTAH TAHUN {{ tahun }}", "Subjudul Dokumen")
    p(doc, "{{ nama_lembaga }}", "Subjudul Dokumen").paragraph_format.space_after = Pt(12)
    p(doc, "{{ kalimat_pembuka }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    h(doc, "A. Nilai per Komponen", 1)
    table(doc, ["No", "Komponen", "Bobot", "Nilai", "Persentase Bobot"],
          ["{{ k.no }}", "{{ k.nama }}", "{{ k.bobot|angka }}", "{{ k.nilai|angka }}", "{{ k.persen|persen }}"],
          (1.0, 8.4, 2.0, 2.2, 2.6), "k in komponen", numeric=(2, 3, 4),
          total=["", "Nilai Total", "{{ bobot_total|angka }}", "{{ nilai_total|angka }}", "{{ persen_total|persen }}"])
    p(doc, "{{ kalimat_predikat }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    h(doc, "B. Nilai per Sub Komponen", 1)
    table(doc, ["No", "Komponen", "Sub Komponen", "Bobot", "Nilai"],
          ["{{ s.no }}", "{{ s.komponen }}", "{{ s.sub }}", "{{ s.bobot|angka }}", "{{ s.nilai|angka }}"],
          (1.0, 6.0, 5.2, 2.0, 2.0), "s in sub", numeric=(3, 4))
    h(doc, "C. Kriteria yang Perlu Perbaikan", 1)
    p(doc, "{{ kalimat_lemah }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    tag(doc, "{%p if lemah %}")
    table(doc, ["No", "Kode", "Kriteria", "Jawaban", "Catatan Evaluator"],
          ["{{ k.no }}", "{{ k.kode }}", "{{ k.uraian }}", "{{ k.jawaban }}", "{{ k.catatan }}"],
          (1.0, 1.4, 7.2, 1.8, 4.8), "k in lemah")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if masalah %}")
    h(doc, "D. Catatan atas Lembar Kerja Evaluasi", 1)
    bullets(doc, "m in masalah", "{{ m }}")
    tag(doc, "{%p endif %}")
    h(doc, "Simpulan dan Rekomendasi", 1)
    isian(doc, "[diisi: simpulan evaluator dan rekomendasi utama; rinciannya dituangkan dalam Format Rekomendasi]")
    signatures(doc, sign_rows("{{ kota }}, {{ tanggal_teks }}", ("", "", "", ""),
                              ("Ketua Tim SPI,", "", "[diisi: nama ketua Tim SPI]", "NIP [diisi: NIP]")))
    return doc


# --- 5. Format Rekomendasi / RTL -------------------------------------------------------------------------

def rekomendasi() -> Document:
    doc = new_document("{{ nama_lembaga }}", "Format Rekomendasi (RTL) Tahun {{ tahun }}",
                       "Format Rekomendasi", landscape=True)
    p(doc, "FORMAT REKOMENDASI (RENCANA TINDAK LANJUT)", "Judul Dokumen")
    p(doc, "HASIL EVALUASI INTERNAL TAHUN {{ tahun }} — {{ nama_lembaga }}", "Subjudul Dokumen")
    p(doc, "{{ kalimat_pembuka }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    table(doc, ["No", "Temuan", "Penyebab", "Rekomendasi", "Prioritas", "Penanggung Jawab", "Batas Waktu",
                "Status", "Progres"],
          ["{{ r.no }}", "{{ r.temuan }}{% if r.kriteria %} (kriteria LKE {{ r.kriteria }}){% endif %}",
           "{{ r.penyebab }}", "{{ r.rekomendasi }}", "{{ r.prioritas }}", "{{ r.penanggung_jawab }}",
           "{{ r.batas_waktu|tanggal }}", "{{ r.status }}", "{{ r.progres|persen(0) }}"],
          (0.9, 6.6, 3.4, 5.4, 2.0, 3.2, 2.3, 1.6, 1.9), "r in baris", numeric=(8,))
    tag(doc, "{%p if not baris %}")
    p(doc, "Belum ada temuan yang memerlukan rekomendasi.", "Catatan")
    tag(doc, "{%p endif %}")
    isian(doc, "[diisi: penyebab yang belum terisi, dan keputusan Rakor atas rekomendasi]")
    signatures(doc, sign_rows("{{ kota }}, {{ tanggal_teks }}", ("", "", "", ""),
                              ("Koordinator SAKIP,", "", "[diisi: nama Koordinator SAKIP]", "NIP [diisi: NIP]")),
               (12.6, 12.6))
    return doc


BUILDERS = {
    "perjanjian_kinerja.docx": perjanjian_kinerja,
    "laporan_triwulan.docx": laporan_triwulan,
    "laporan_semester.docx": laporan_semester,
    "hasil_evaluasi.docx": hasil_evaluasi,
    "rekomendasi.docx": rekomendasi,
}


def main(argv: Optional[list[str]] = None) -> int:
    out = Path((argv or sys.argv[1:] or [str(OUT)])[0])
    for name, build in BUILDERS.items():
        save(build(), out / name)
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
