"""Native Word bar charts: a DrawingML chart part with its data workbook, not a picture.

Whoever opens the draft in Word can restyle the chart, or right-click → Edit
Data and change the numbers; it prints sharp at any size. The chart XML and
the embedded workbook come from python-pptx (DrawingML charts are the same in
Word and PowerPoint); this module only places them in the document.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Optional

CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TIDAK_ADA_DATA = "tidak ada data"
WARNA = (0x1F, 0x4E, 0x78)  # the recap's and forms' header blue
EMU_PER_CM = 360000


@dataclass(frozen=True)
class GrafikBatang:
    """A horizontal bar chart of one series (e.g. capaian per unit), first label on top."""

    label: tuple[str, ...]
    nilai: tuple[Optional[float], ...]
    nama_seri: str = "Capaian"
    satuan: str = "%"
    jenis: str = "batang"  # "garis": a line left to right over the labels (a trend over years)

    @property
    def kosong(self) -> bool:
        return not self.label

    def tinggi_cm(self) -> float:
        if self.jenis == "garis":
            return 6.5
        return min(20.0, 1.6 + 1.0 * len(self.label))


def chart_xml(grafik: GrafikBatang) -> tuple[bytes, bytes]:
    """(chartSpace XML, embedded xlsx) for ``grafik``."""
    from pptx.chart.chart import Chart
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.oxml import parse_xml
    from pptx.util import Pt

    data = CategoryChartData(number_format="0.0")
    # A point without data is left empty and its label says so, never drawn as 0.
    data.categories = [lbl if v is not None else f"{lbl} ({TIDAK_ADA_DATA})"
                       for lbl, v in zip(grafik.label, grafik.nilai)]
    data.add_series(grafik.nama_seri, list(grafik.nilai))
    garis = grafik.jenis == "garis"
    space = parse_xml(data.xml_bytes(XL_CHART_TYPE.LINE_MARKERS if garis else XL_CHART_TYPE.BAR_CLUSTERED))
    chart = Chart(space, None)
    chart.has_legend = False
    chart.has_title = False  # the document captions its charts (judul_grafik)
    chart.font.size = Pt(9)
    chart.font.name = "Calibri"
    plot = chart.plots[0]
    if not garis:
        plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = '0.0"%"' if grafik.satuan == "%" else "#,##0.##"
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.ABOVE if garis else XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(8)
    chart.category_axis.reverse_order = not garis  # bars in the order of the table, top to bottom
    # Every unit's name, however many: never let the renderer skip alternate labels.
    skip = chart.category_axis._element.makeelement(f"{{{NS_C}}}tickLblSkip", {"val": "1"})
    chart.category_axis._element.find(f"{{{NS_C}}}lblOffset").addnext(skip)
    chart.value_axis.minimum_scale = 0
    chart.value_axis.tick_labels.number_format = '0"%"' if grafik.satuan == "%" else "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    # python-pptx numbers its axes with negative ids; the schema wants unsigned ones.
    for i, old in enumerate(dict.fromkeys(e.get("val") for e in space.iter(f"{{{NS_C}}}axId")), start=1):
        for e in space.iter(f"{{{NS_C}}}axId", f"{{{NS_C}}}crossAx"):
            if e.get("val") == old:
                e.set("val", str(50000000 + i))
    if garis:  # a year without data leaves a gap in the line, never a drop to 0
        series = plot.series[0]
        series.format.line.color.rgb = RGBColor(*WARNA)
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = RGBColor(*WARNA)
        series.smooth = False
    else:
        fill = plot.series[0].format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor(*WARNA)
    from lxml import etree

    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True), data.xlsx_blob


def _drawing(rid: str, cx: int, cy: int, shape_id: int, name: str):
    from docx.oxml import parse_xml

    return parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:c="{NS_C}" xmlns:r="{NS_R}">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{name}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>')


def _chart_part(document, grafik: GrafikBatang) -> str:
    """Add ``grafik``'s chart part (with its workbook) to ``document``; returns its relationship id."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    part = document.part
    package = part.package
    xml, workbook = chart_xml(grafik)
    chart_part = Part(package.next_partname("/word/charts/chart%d.xml"), CT_CHART, b"", package)
    embedded = Part(PackURI(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")),
                    CT_XLSX, workbook, package)
    # Word's "Edit Data" opens this workbook; until then Word shows the cached values in the chart XML.
    space = etree.fromstring(xml)
    external = etree.SubElement(space, f"{{{NS_C}}}externalData")
    external.set(f"{{{NS_R}}}id", chart_part.relate_to(embedded, RT_PACKAGE))
    etree.SubElement(external, f"{{{NS_C}}}autoUpdate").set("val", "0")
    chart_part._blob = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return part.relate_to(chart_part, RT_CHART)


def ganti_penanda(document, penanda: dict[str, GrafikBatang], lebar_cm: float) -> int:
    """Put each chart where its marker text was rendered (body and table cells); returns charts placed.

    The marker is removed from its run and the chart goes into a new run right
    after it, with the same run formatting, so text around the marker stays.
    """
    from docx.oxml.ns import qn

    placed = 0
    shapes = sum(1 for _ in document.element.iter(qn("wp:docPr")))
    # only text holding a marker character can hold a marker: one pass over the body, not one per chart
    candidates = [t for t in document.element.body.iter(qn("w:t")) if t.text and "\u2063" in t.text]
    for key, grafik in penanda.items():
        for t in candidates:
            if not t.text or key not in t.text:
                continue
            t.text = t.text.replace(key, "")
            if grafik.kosong:
                continue
            run = t.getparent()
            chart_run = run.makeelement(qn("w:r"), {})
            if (props := run.find(qn("w:rPr"))) is not None:
                chart_run.append(copy.deepcopy(props))
            shapes += 1
            chart_run.append(_drawing(_chart_part(document, grafik), int(lebar_cm * EMU_PER_CM),
                                      int(grafik.tinggi_cm() * EMU_PER_CM), 7000 + shapes, f"Grafik {shapes}"))
            run.addnext(chart_run)
            placed += 1
    return placed
