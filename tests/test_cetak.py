"""The print audit: every kind of output the demo writes, printed to PDF by LibreOffice and read
back page by page (``poskinerja.audit_cetak``): what staff see when they press Ctrl+P.

Checked from the PDF's words and their boxes: no ``###``, the smallest text at print scale,
page counts per kind, title rows/columns on continuation pages, no page holding only a signature
block, no table heading broken mid-word or left alone at a page's foot.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from libreoffice import require_libreoffice
from poskinerja.audit_cetak import Halaman, HasilPdf, Kata, baca_pdf, hanya_tanda_tangan, ke_pdf
from poskinerja.master import muat_master
from poskinerja.model import BULAN

HURUF_MIN = 7.9  # 8 pt, less the rounding of the word-box estimate
KODE_TERPOTONG = re.compile(r"^(IKU|IKI|IKK|IK)-[-A-Z0-9]*-$")


def _kinds(root: Path) -> dict[str, Path]:
    """One output of each kind; for per-person/per-unit outputs the one with the longest names."""
    pk = sorted((p for p in (root / "1-pk").rglob("PK *.docx") if "disahkan" not in p.parts),
                key=lambda p: len(p.name))
    forms = sorted((root / "3-formulir-terkumpul" / "TW2").rglob("*.xlsx"), key=lambda p: p.stat().st_size)
    tw1 = sorted((root / "5-laporan" / "TW1").glob("*.docx"), key=lambda p: len(p.name))
    return {
        "rekap": root / "4-rekap" / "Rekap Kinerja 2026 TW2.xlsx",
        "formulir": forms[-1],
        "register": root / "1-pk" / "Register PK 2026.xlsx",
        "evaluasi": root / "6-evaluasi" / "Format Evaluasi Internal 2026 (diisi SPI).xlsx",
        "rtl": root / "7-rekomendasi" / "Format Rekomendasi 2026.xlsx",
        "rtl_docx": root / "7-rekomendasi" / "Format Rekomendasi 2026.docx",
        "hasil_evaluasi": root / "6-evaluasi" / "Hasil Evaluasi Internal 2026.docx",
        "triwulan_lembaga": root / "5-laporan" / "TW1" / "Laporan Triwulan I 2026 - Lembaga.docx",
        "triwulan_unit": tw1[-1],
        "semester_lembaga": root / "5-laporan" / "Semester 1" / "Laporan Semester 1 2026 - Lembaga.docx",
        "pk_kepala": next(p for p in pk if p.parent.name == "PIMPINAN"),
        "pk_panjang": pk[-1],
        "panel": root / "Panel Kinerja 2026.xlsm",
    }


@pytest.fixture(scope="module")
def cetak(tmp_path_factory) -> dict[str, HasilPdf]:
    require_libreoffice()
    root = tmp_path_factory.mktemp("cetak") / "demo"
    run = subprocess.run([sys.executable, "-m", "poskinerja", "demo", str(root)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    kinds = _kinds(root)
    pdfs = ke_pdf(list(kinds.values()), root.parent / "pdf")
    missing = [k for k, p in kinds.items() if p not in pdfs]
    assert not missing, f"LibreOffice gave no PDF for {missing}"
    return {kind: baca_pdf(pdfs[path], path) for kind, path in kinds.items()}


@pytest.fixture(scope="module")
def master(cetak):
    return muat_master(cetak["rekap"].sumber.parents[1] / "master.xlsx")


def _sheet_pages(hasil: HasilPdf, sheet: str) -> list[Halaman]:
    """Pages of one sheet: its name is in every page's footer (``… — <sheet>  Halaman X dari Y``)."""
    def footer(h: Halaman) -> str:
        marks = [k for k in h.kata if k.teks == "Halaman" and k.y0 > h.tinggi * 0.9]
        return " ".join(k.teks for k in h.kata if marks and abs(k.y0 - marks[-1].y0) < 2)
    return [h for h in hasil.halaman if re.search(rf"— {re.escape(sheet)} Halaman", footer(h))]


def test_no_hashes_and_readable_text_on_every_page(cetak):
    for kind, hasil in cetak.items():
        assert "###" not in hasil.teks, kind
        for h in hasil.halaman:
            small = sorted({k.teks for k in h.kata if k.ukuran_pt < HURUF_MIN})
            assert not small, f"{kind} page {h.nomor}: text below 8 pt: {small[:10]}"


def test_page_counts_within_bounds(cetak):
    bounds = {"rekap": (8, 120), "formulir": (4, 20), "register": (1, 8), "evaluasi": (2, 10), "rtl": (1, 16),
              "rtl_docx": (1, 8), "hasil_evaluasi": (1, 4), "triwulan_lembaga": (3, 8), "triwulan_unit": (2, 10),
              "semester_lembaga": (8, 30), "pk_kepala": (2, 3), "pk_panjang": (2, 3), "panel": (1, 16)}
    counts = {kind: hasil.jumlah_halaman for kind, hasil in cetak.items()}
    for kind, (low, high) in bounds.items():
        assert low <= counts[kind] <= high, (kind, counts[kind])
    assert len(_sheet_pages(cetak["rekap"], "Ringkasan")) <= 2
    assert len(_sheet_pages(cetak["formulir"], "Cetak Triwulan")) == 1


def test_ringkasan_page_one_holds_the_whole_title_and_the_charts_stay_whole(cetak):
    first, second = _sheet_pages(cetak["rekap"], "Ringkasan")[:2]
    assert "Rekap Kinerja" in first.teks and "Triwulan II" in first.teks
    assert "Rata-rata capaian per unit" in second.teks and "Serapan anggaran per unit" in second.teks


def test_continuation_pages_repeat_their_titles(cetak):
    # wide sheets print across pages: the header row and the columns naming the row on every page
    for kind, sheet, words in (("rekap", "ASN", {"NIP", "Nama"}), ("rekap", "Pemantauan", {"NIP", "Nama"}),
                               ("rekap", "Unit", {"Kode", "Nama"}),
                               ("formulir", "Pengukuran Kinerja", {"Kode", "Indikator"}),
                               ("formulir", "Pemantauan", {"Kode", "Kegiatan"})):
        pages = _sheet_pages(cetak[kind], sheet)
        assert len(pages) >= 2, (kind, sheet)
        for h in pages:
            assert words <= {k.teks for k in h.kata}, (kind, sheet, h.nomor)
    # the selector and its instruction are not printed on the signed page
    [page] = _sheet_pages(cetak["formulir"], "Cetak Triwulan")
    assert "Pilih triwulan" not in page.teks and "Mengetahui," in page.teks


def _signers(master) -> list[str]:
    p = master.pengaturan
    people = [f"{a.nama} {a.jabatan} {a.nip}" for a in master.asn.values()]
    extra = [p.kota, p.nama_lembaga, getattr(p, "atasan_kepala_nama", ""), getattr(p, "atasan_kepala_jabatan", ""),
             " ".join(BULAN), "Penyusun Mengetahui atasan jabatan penyusun"]
    return people + [u.nama for u in master.unit.values()] + extra


def test_no_page_holds_only_a_signature_block(cetak, master):
    names = _signers(master)
    for kind, hasil in cetak.items():
        if hasil.sumber.suffix != ".docx":
            continue
        for h in hasil.halaman:
            assert not hanya_tanda_tangan(h, names), f"{kind} page {h.nomor}: only a signature block"


def _page(words: list[str]) -> Halaman:
    h = Halaman(1, 595, 842)
    for i, w in enumerate(words):
        y = 200 + (i // 8) * 14
        h.kata.append(Kata(w, 80 + (i % 8) * 50, y, 120 + (i % 8) * 50, y + 12))
    return h


def test_signature_check_tells_a_stranded_block_from_a_page_of_text():
    names = ["Drs. H. Ahmad Syafi'i, M.M. Kepala Subbagian Umum", "Jakarta", " ".join(BULAN)]
    stranded = _page("Jakarta, 12 Januari 2026 Pihak Kedua, Pihak Pertama, Kepala Subbagian Umum "
                     "Drs. H. Ahmad Syafi'i, M.M. NIP 196803011990121006".split())
    text = _page("Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
                 "capaian kinerja dari perjanjian ini Jakarta, 12 Januari 2026 Pihak Kedua, Kepala Subbagian "
                 "Umum NIP 196803011990121006".split())
    assert hanya_tanda_tangan(stranded, names)
    assert not hanya_tanda_tangan(text, names)


def _heading_words(path: Path) -> set[str]:
    words = set()
    for table in Document(str(path)).tables:
        if table.rows and table.style is not None and table.style.name == "Tabel Kinerja":
            for cell in table.rows[0].cells:
                words.update(w for w in re.split(r"[\s/]+", cell.text) if len(w) >= 5)
    return words


def test_no_table_heading_or_code_broken_mid_word(cetak):
    for kind, hasil in cetak.items():
        if hasil.sumber.suffix != ".docx":
            continue
        headings = _heading_words(hasil.sumber)
        for h in hasil.halaman:
            words = [k.teks for k in h.kata]
            broken = sorted({w for w in words if len(w) >= 4 and w not in headings
                             and any(H.startswith(w) and len(H) > len(w) for H in headings)})
            assert not broken, f"{kind} page {h.nomor}: heading words broken: {broken}"
            # a code in a Kode column stays on one line (in running text a break at a hyphen is normal)
            columns = [(k.x0 - 30, k.x1) for k in h.kata if k.teks == "Kode"]
            codes = sorted({k.teks for k in h.kata if KODE_TERPOTONG.match(k.teks)
                            and any(a <= k.x0 <= b for a, b in columns)})
            assert not codes, f"{kind} page {h.nomor}: codes broken at a hyphen: {codes}"


def test_no_table_heading_alone_at_a_page_foot(cetak):
    for kind, hasil in cetak.items():
        if hasil.sumber.suffix != ".docx":
            continue
        headings = _heading_words(hasil.sumber) | {"No", "TW", "I", "II", "III", "IV", "(Rp)", "(%)"}
        for h in hasil.halaman[:-1]:
            body = h.isi()
            if not body:
                continue
            bottom = max(k.y1 for k in body)
            last = [k.teks for k in body if k.y1 > bottom - 24]  # the last row of text, wrapped in two lines
            assert not set(last) <= headings, f"{kind} page {h.nomor} ends with a table heading: {last}"
