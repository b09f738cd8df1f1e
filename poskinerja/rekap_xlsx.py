"""Writing the recap workbook ``Rekap Kinerja <tahun> TW<n>.xlsx`` (XlsxWriter).

Free text from staff is always written as a string cell, never as a formula:
a kendala of ``=HYPERLINK(...)`` appears literally.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from .xlsx_tulis import FORMAT_PERSEN, FORMAT_RUPIAH, new_workbook
from .berkas import atomic_path
from .model import ROMAWI
from .rekap import DATA_COLUMNS, HasilKompilasi
from .temuan import COLUMNS as TEMUAN_COLUMNS

PREDIKAT_COLORS = ("#63BE7B", "#A9D08E", "#FFEB84", "#F4B183", "#F8696B", "#C9C9C9")
TEXT_KEYS = {"nip", "kode_unit", "kode_indikator", "kode_kegiatan", "kode", "file", "file_sumber",
             "sel", "sel_realisasi", "isian_asli", "polaritas", "kode_induk"}
PERCENT_KEYS = {"capaian", "capaian_dibatasi", "rata_capaian", "rata_capaian_tanpa_batas",
                "kelengkapan", "serapan", "serapan_acuan", "ketepatan_waktu"}
RUPIAH_KEYS = {"pagu", "realisasi_anggaran"}

UNIT_COLUMNS = ("kode_unit", "nama_unit", "jenis", "jumlah_asn", "tepat_waktu", "terlambat",
                "belum_mengisi", "belum_mengumpulkan", "ketepatan_waktu", "indikator_diukur", "terisi", "kelengkapan",
                "rata_capaian", "rata_capaian_tanpa_batas", "predikat", "tidak_dapat_dihitung")
MONEY_COLUMNS = ("jumlah_kegiatan", "pagu", "realisasi_anggaran", "serapan", "serapan_acuan")
ASN_COLUMNS = ("nip", "nama", "jabatan", "kode_unit", "nama_unit", "status_pengumpulan",
               "indikator_diukur", "terisi", "kelengkapan", "rata_capaian", "rata_capaian_tanpa_batas",
               "predikat", "tidak_dapat_dihitung", "jumlah_temuan")
STATUS_COLUMNS = ("nip", "nama", "kode_unit", "nama_unit", "status_pengumpulan", "file", "disimpan",
                  "jumlah_temuan")
PEMANTAUAN_COLUMNS = ("nip", "nama", "kode_unit", "nama_unit", "kode_kegiatan", "program", "kegiatan",
                      "output", "satuan_output", "target_output", "realisasi_output", "pagu",
                      "realisasi_anggaran", "serapan", "serapan_acuan", "di_bawah_acuan",
                      "status_kegiatan", "kendala", "tindak_lanjut", "batas_waktu_tl",
                      "penanggung_jawab_tl", "status", "file_sumber")
KEBUTUHAN_COLUMNS = ("kode_unit", "nama_unit", "jenis", "kode", "uraian", "nip", "nama", "status",
                     "file_sumber")


SHEET_DILEWATI = "Berkas Dilewati"
DILEWATI_COLUMNS = ("berkas", "alasan")


def berkas_dilewati(hasil: HasilKompilasi) -> list[dict[str, str]]:
    """Every entry of the folder whose content is not in the recap, and why: the entries
    the scan left out, and the files that could not be used as a form."""
    rows = [{"berkas": path, "alasan": why} for path, why in hasil.skipped]
    rows += [{"berkas": f.relpath, "alasan": " ".join(t.pesan for t in f.temuan) or "bukan formulir"}
             for f in hasil.forms if not f.usable]
    return sorted(rows, key=lambda r: r["berkas"])


def nama_rekap(tahun: int, triwulan: int) -> str:
    return f"Rekap Kinerja {tahun} TW{triwulan}.xlsx"


_WORDS = {"nip": "NIP", "asn": "ASN", "tl": "TL", "rata": "rata-rata"}


def label(key: str) -> str:
    """``rata_capaian`` → ``Rata-rata capaian (%)``: the headers people read (``Data`` and ``Temuan``
    keep their contract names)."""
    words = [_WORDS.get(w, w) for w in key.split("_")]
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if key in PERCENT_KEYS:
        return f"{text} (%)"
    if key in RUPIAH_KEYS:
        return f"{text} (Rp)"
    return text


class _Writer:
    def __init__(self, wb):
        self.wb = wb
        self.header = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                     "text_wrap": True, "valign": "vcenter", "border": 1})
        self.text = wb.add_format({"num_format": "@"})
        self.percent = wb.add_format({"num_format": FORMAT_PERSEN})
        self.rupiah = wb.add_format({"num_format": FORMAT_RUPIAH})
        self.datetime = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        self.date = wb.add_format({"num_format": "dd/mm/yyyy"})
        self.title = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E78"})
        self.bold = wb.add_format({"bold": True})

    def table(self, ws, columns: Sequence[str], rows: Iterable[dict[str, Any]], first_row: int = 0,
              headers: Optional[Sequence[str]] = None, widths: Optional[dict[str, int]] = None) -> int:
        """Write a header and rows; returns the number of data rows."""
        headers = headers or [label(c) for c in columns]
        ws.set_row(first_row, 30)
        for c, name in enumerate(headers):
            ws.write_string(first_row, c, name, self.header)
        kinds = [self._kind(key) for key in columns]
        r = first_row
        for r, row in enumerate(rows, start=first_row + 1):
            for c, (key, (kind, fmt)) in enumerate(zip(columns, kinds)):
                self.write(ws, r, c, row.get(key), kind, fmt)
        count = r - first_row
        ws.freeze_panes(first_row + 1, 0)
        ws.autofilter(first_row, 0, max(first_row, r), len(columns) - 1)
        for c, key in enumerate(columns):
            width = (widths or {}).get(key) or (20 if key.startswith("nip") else
                                                 40 if key in ("indikator", "kegiatan", "pesan", "uraian",
                                                               "kendala", "tindak_lanjut", "program",
                                                               "sasaran", "file_sumber", "file") else
                                                 26 if key.startswith("nama") else 12)
            ws.set_column(c, c, width)
        return count

    def _kind(self, key: str):
        if key in TEXT_KEYS:
            return "text", self.text
        if key in PERCENT_KEYS:
            return "number", self.percent
        if key in RUPIAH_KEYS:
            return "number", self.rupiah
        return "auto", None

    def write(self, ws, r: int, c: int, value: Any, kind: str = "auto", fmt=None) -> None:
        if value is None or value == "":
            return
        if kind == "text" or isinstance(value, str):
            ws.write_string(r, c, str(value), fmt)
        elif isinstance(value, bool):
            ws.write_string(r, c, "ya" if value else "tidak")
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(r, c, value, self.datetime)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), self.date)
        else:
            ws.write_string(r, c, str(value))

    def predikat_colors(self, ws, names: list[str], col: int, first: int, last: int) -> None:
        for name, color in zip(names, PREDIKAT_COLORS):
            ws.conditional_format(first, col, max(first, last), col, {
                "type": "cell", "criteria": "==", "value": f'"{name}"',
                "format": self.wb.add_format({"bg_color": color})})


def tulis_rekap(hasil: HasilKompilasi, dest: Path, id_run: str = "") -> Path:
    """Write the recap workbook atomically (``id_run``: the run, as a document property)."""
    tahun, tw = hasil.tahun, hasil.triwulan
    names = hasil.master.skala.nama
    with atomic_path(dest) as tmp:
        wb = new_workbook(tmp)
        wb.set_properties({"title": f"Rekap Kinerja {tahun} Triwulan {ROMAWI[tw]}",
                           "author": hasil.master.pengaturan.nama_lembaga, "comments": "poskinerja"})
        if id_run:  # the manifest names the same run: a reader can match the two
            wb.set_custom_property("id_run", id_run)
        w = _Writer(wb)
        _ringkasan(w, hasil, names)

        ws = wb.add_worksheet("Unit")
        cols = UNIT_COLUMNS + tuple(f"jumlah_{n}" for n in names) + MONEY_COLUMNS
        n = w.table(ws, cols, hasil.unit)
        w.predikat_colors(ws, names, cols.index("predikat"), 1, n)

        ws = wb.add_worksheet("ASN")
        cols = ASN_COLUMNS + tuple(f"jumlah_{n}" for n in names)
        n = w.table(ws, cols, hasil.asn)
        w.predikat_colors(ws, names, cols.index("predikat"), 1, n)

        w.table(wb.add_worksheet("Pemantauan"), PEMANTAUAN_COLUMNS, hasil.pemantauan)
        ws = wb.add_worksheet("Status Pengumpulan")
        n = w.table(ws, STATUS_COLUMNS, hasil.asn)
        col = STATUS_COLUMNS.index("status_pengumpulan")
        for text, color in (("tepat waktu", "#C6EFCE"), ("terlambat", "#FFEB9C"),
                            ("belum mengisi", "#FFC7CE"), ("belum mengumpulkan", "#FFC7CE")):
            ws.conditional_format(1, col, max(1, n), col, {
                "type": "cell", "criteria": "==", "value": f'"{text}"',
                "format": wb.add_format({"bg_color": color})})
        for text, color in (("berkas rusak", "#FFC7CE"),):
            ws.conditional_format(1, col, max(1, n), col, {
                "type": "cell", "criteria": "==", "value": f'"{text}"',
                "format": wb.add_format({"bg_color": color})})
        w.table(wb.add_worksheet("Kebutuhan Data"), KEBUTUHAN_COLUMNS, hasil.kebutuhan)
        w.table(wb.add_worksheet("Temuan"), TEMUAN_COLUMNS, (t.as_dict() for t in hasil.temuan),
                headers=list(TEMUAN_COLUMNS), widths={"pesan": 90, "kode": 24, "file": 40})
        w.table(wb.add_worksheet(SHEET_DILEWATI), DILEWATI_COLUMNS, berkas_dilewati(hasil),
                widths={"berkas": 60, "alasan": 90})
        ws = wb.add_worksheet("Data")
        n = w.table(ws, DATA_COLUMNS, hasil.data, headers=list(DATA_COLUMNS))
        w.predikat_colors(ws, names, DATA_COLUMNS.index("predikat"), 1, n)
        wb.close()
    return dest


def _ringkasan(w: _Writer, hasil: HasilKompilasi, names: list[str]) -> None:
    from .angka import format_id

    ws = w.wb.add_worksheet("Ringkasan")
    p = hasil.master.pengaturan
    L = hasil.lembaga
    ws.write_string(0, 0, f"Rekap Kinerja {p.nama_lembaga} — Tahun {p.tahun} Triwulan {ROMAWI[hasil.triwulan]}",
                    w.title)
    ws.write_string(1, 0, f"Dibuat {dt.datetime.now():%d/%m/%Y %H:%M} dari folder {hasil.folder}")
    facts = [
        ("Jumlah ASN", L["jumlah_asn"]),
        ("Mengumpulkan tepat waktu", L["tepat_waktu"]),
        ("Terlambat", L["terlambat"]),
        ("Belum mengisi triwulan ini", L["belum_mengisi"]),
        ("Belum mengumpulkan", L["belum_mengumpulkan"]),
        ("Indikator diukur triwulan ini", L["indikator_diukur"]),
        ("Kelengkapan data (%)", L["kelengkapan"]),
        ("Rata-rata capaian lembaga (%)", L["rata_capaian"]),
        ("Rata-rata capaian tanpa batas (%)", L["rata_capaian_tanpa_batas"]),
        ("Predikat lembaga", L["predikat"]),
        ("Pagu (Rp)", L["pagu"]),
        ("Realisasi anggaran s.d. triwulan ini (Rp)", L["realisasi_anggaran"]),
        ("Serapan anggaran (%)", L["serapan"]),
        ("Jumlah temuan", len(hasil.temuan)),
    ]
    for r, (name, value) in enumerate(facts, start=3):
        ws.write_string(r, 0, name, w.bold)
        fmt = w.percent if "(%)" in name else w.rupiah if "(Rp)" in name else None
        w.write(ws, r, 1, value, "auto", fmt)
    batas = f"dibatasi {format_id(p.batas_capaian)}%" if p.batas_capaian else "tanpa batas"
    ws.write_string(len(facts) + 3, 0, f"Rata-rata capaian: rata-rata indikator yang dapat dihitung "
                                       f"(tertimbang bila ada bobot), {batas}. Rumus polaritas negatif: "
                                       f"{p.rumus_polaritas_negatif}.")
    ws.set_column(0, 0, 42)
    ws.set_column(1, 1, 18)
    first = len(facts) + 5
    cols = ("kode_unit", "nama_unit", "jumlah_asn", "belum_mengumpulkan", "kelengkapan", "rata_capaian",
            "predikat", "pagu", "realisasi_anggaran", "serapan")
    n = w.table(ws, cols, hasil.unit, first_row=first, widths={"kode_unit": 42, "nama_unit": 34})
    w.predikat_colors(ws, names, cols.index("predikat"), first + 1, first + n)
    ws.freeze_panes(0, 0)
    if n:
        last = first + n
        for i, (key, title) in enumerate((("rata_capaian", "Rata-rata capaian per unit (%)"),
                                          ("serapan", "Serapan anggaran per unit (%)"))):
            chart = w.wb.add_chart({"type": "column"})
            c = cols.index(key)
            chart.add_series({"name": title, "categories": ["Ringkasan", first + 1, 1, last, 1],
                              "values": ["Ringkasan", first + 1, c, last, c],
                              "data_labels": {"value": True, "num_format": "0.0"},
                              "fill": {"color": "#2E75B6" if i == 0 else "#70AD47"}})
            chart.set_title({"name": title})
            chart.set_legend({"none": True})
            chart.set_y_axis({"min": 0, "major_gridlines": {"visible": True}})
            chart.set_size({"width": 620, "height": 320})
            ws.insert_chart(last + 2, i * 6, chart)
