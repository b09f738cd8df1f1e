"""The print audit: every kind of output the demo writes, printed to PDF by LibreOffice and read
back page by page (``poskinerja.dokumen.audit_cetak``): what staff see when they press Ctrl+P.

Checked from the PDF's words and their boxes: no ``###``, the smallest text at print scale,
page counts per kind, title rows/columns on continuation pages, no page holding only a signature
block, no table heading broken mid-word or left alone at a page's foot.
"""
from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from libreoffice import require_libreoffice
from poskinerja.dokumen.audit_cetak import Halaman, HasilPdf, Kata, baca_pdf, hanya_tanda_tangan, ke_pdf
from poskinerja.dokumen.pk import buat_pk
from poskinerja.formulir.tulis import buat_formulir
from poskinerja.kompilasi.jalan import kompilasi
from poskinerja.dokumen.laporan import laporan_triwulan
from poskinerja.master.baca import muat_master
from poskinerja.inti.model import BULAN, Master
from poskinerja.contoh.simulasi import simulasi_pengisian
from poskinerja.berkas.sumber import contoh_master

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
        # the annual Laporan Kinerja the demo writes for its archived earlier year
        "lkj_lembaga": next((root / "0-arsip-tahun-sebelumnya").rglob("Laporan Kinerja Tahunan * - Lembaga.docx")),
    }


DIRJEN = "Direktur Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, dan Pendidikan Menengah"
JUMLAH_ASN_STRES = 150


def stress_master() -> tuple[Master, str]:
    """The example institute at its longest plausible: long institute, unit and superior titles,
    long names with every academic title, 150 ASN, one ASN with 12 indicators. Returns the master
    and that ASN's NIP."""
    m = muat_master(contoh_master())
    p = dataclasses.replace(
        m.pengaturan, nama_lembaga="Balai Besar Penjaminan Mutu Pendidikan Provinsi Nusa Tenggara Timur",
        atasan_kepala_jabatan=DIRJEN,
        atasan_kepala_nama="Prof. Dr. Ir. H. Muhammad Abdurrahman Wicaksono Hadiningrat, M.Sc., Ph.D.")
    unit = {k: dataclasses.replace(u, nama=f"{u.nama} dan Pengembangan Kapasitas Satuan Pendidikan Daerah")
            for k, u in m.unit.items()}
    people = list(m.asn.values())
    asn, indikator, kegiatan = {}, {}, {}
    for i in range(JUMLAH_ASN_STRES):
        a = people[i % len(people)]
        nip = a.nip if i < len(people) else f"{a.nip[:15]}{i:03d}"
        name = a.nama if i % 3 else f"Prof. Dr. Hj. {a.nama.split(',')[0]} Kusumaningrum, S.Pd., M.Pd., M.Kom."
        asn[nip] = dataclasses.replace(a, nip=nip, nama=name,
                                       jabatan=f"{a.jabatan} pada {unit[a.kode_unit].nama}")
        indikator[nip] = [dataclasses.replace(x, nip=nip) for x in m.indikator.get(a.nip, [])]
        kegiatan[nip] = [dataclasses.replace(x, nip=nip) for x in m.kegiatan.get(a.nip, [])]
    banyak = next(n for n, items in indikator.items() if items and n != p.kepala_nip)
    base = indikator[banyak]
    indikator[banyak] = [dataclasses.replace(base[i % len(base)], kode=f"{base[i % len(base)].kode[:-2]}{i + 1:02d}")
                         for i in range(12)]
    return dataclasses.replace(m, pengaturan=p, unit=unit, asn=asn, indikator=indikator, kegiatan=kegiatan), banyak


def _stress_outputs(root: Path) -> tuple[Master, dict[str, Path]]:
    master, banyak = stress_master()
    p = master.pengaturan
    pk = buat_pk(master, root / "pk", nip=p.kepala_nip).berkas + buat_pk(master, root / "pk", nip=banyak).berkas
    forms = buat_formulir(master, root / "formulir")
    simulasi_pengisian(master, forms, root / "masuk", triwulan=1)
    out = kompilasi(master, root / "masuk", 1, root / "rekap")
    drafts = sorted(laporan_triwulan(master, out.hasil, root / "laporan"), key=lambda x: len(x.name))
    return master, {
        "rekap": out.rekap,
        "formulir": next(f for f in (root / "masuk").rglob("*.xlsx") if f.name.startswith(banyak)),
        "register": root / "pk" / f"Register PK {p.tahun}.xlsx",
        "triwulan_lembaga": next(d for d in drafts if "Lembaga" in d.name),
        "triwulan_unit": drafts[-1],
        "pk_kepala": pk[0],
        "pk_panjang": pk[1],
    }


@pytest.fixture(scope="module", params=["demo", "stres"])
def keluaran(request, tmp_path_factory) -> tuple[Master, dict[str, HasilPdf]]:
    """(master, PDF of each kind of output) for the demo and for the stress master."""
    require_libreoffice()
    root = tmp_path_factory.mktemp(f"cetak-{request.param}") / "hasil"
    if request.param == "demo":
        run = subprocess.run([sys.executable, "-m", "poskinerja", "demo", str(root)], capture_output=True,
                             text=True)
        assert run.returncode == 0, run.stderr
        master, kinds = muat_master(root / "master.xlsx"), _kinds(root)
    else:
        master, kinds = _stress_outputs(root)
    pdfs = ke_pdf(list(kinds.values()), root.parent / "pdf")
    missing = [k for k, p in kinds.items() if p not in pdfs]
    assert not missing, f"LibreOffice gave no PDF for {missing}"
    return master, {kind: baca_pdf(pdfs[path], path) for kind, path in kinds.items()}


@pytest.fixture(scope="module")
def cetak(keluaran) -> dict[str, HasilPdf]:
    return keluaran[1]


@pytest.fixture(scope="module")
def master(keluaran) -> Master:
    return keluaran[0]


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


def test_page_counts_within_bounds(cetak, master):
    n = len(master.asn)  # the register and a unit's report grow with the number of people
    bounds = {"rekap": (8, 400), "formulir": (4, 30), "register": (1, max(8, n // 3)), "evaluasi": (2, 10), "rtl": (1, 16),
              "rtl_docx": (1, 8), "hasil_evaluasi": (1, 4), "triwulan_lembaga": (3, 8), "triwulan_unit": (2, max(10, n // 8)),
              "semester_lembaga": (8, 30), "pk_kepala": (2, 3), "pk_panjang": (2, 3), "panel": (1, 16), "lkj_lembaga": (10, 90)}
    counts = {kind: hasil.jumlah_halaman for kind, hasil in cetak.items()}
    for kind, (low, high) in bounds.items():
        if kind in counts:
            assert low <= counts[kind] <= high, (kind, counts[kind])
    assert len(_sheet_pages(cetak["rekap"], "Ringkasan")) <= 2
    # the signed quarter page: one A4 page (up to 8 indicators; the stress form's 12 take two)
    rows = len(master.indikator[cetak["formulir"].sumber.name[:18]])
    assert len(_sheet_pages(cetak["formulir"], "Cetak Triwulan")) == (1 if rows <= 8 else 2)
    activities = len(master.kegiatan[cetak["formulir"].sumber.name[:18]])
    assert len(_sheet_pages(cetak["formulir"], "Cetak Pemantauan")) == (1 if activities <= 6 else 2)


def test_ringkasan_page_one_holds_the_whole_title_and_the_charts_stay_whole(cetak):
    first, second = _sheet_pages(cetak["rekap"], "Ringkasan")[:2]
    assert "Rekap Kinerja" in first.teks and re.search(r"Triwulan I+\b", first.teks)
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
    pages = _sheet_pages(cetak["formulir"], "Cetak Triwulan")
    assert not any("Pilih triwulan" in h.teks for h in pages) and "Mengetahui," in pages[-1].teks


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
                # "(real./target)" holds the words "real." and "target": brackets are not part of a word
                words.update(w.strip("()[],;:") for w in re.split(r"[\s/]+", cell.text) if len(w.strip("()[],;:")) >= 5)
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
