"""Word drafts (issue 4): templates, PK, tiered quarterly and semester reports,
evaluation documents, CLI. Rendered once per module from the example
institute (plus one ASN whose name needs escaping), with TW I and TW II forms
filled by the simulator, then parsed back with python-docx."""
from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from libreoffice import docx_to_pdf, require_libreoffice
from poskinerja.siklus import lke
from poskinerja.inti.angka import format_id, format_persen, format_rupiah, format_tanggal
from poskinerja.dokumen.penyaji import TEMPLATES, DokumenGagal, cari_template
from poskinerja.dokumen.evaluasi import tulis_hasil_evaluasi, tulis_rekomendasi_docx
from poskinerja.dokumen.pk import buat_pk, nama_berkas_pk
from poskinerja.siklus.evaluasi import HasilEvaluasi
from poskinerja.formulir.tulis import buat_formulir
from poskinerja.kompilasi.jalan import kumpulkan, kumpulkan_triwulan
from poskinerja.dokumen.laporan import laporan_semester, laporan_triwulan, susun_laporan
from poskinerja.master.baca import muat_master
from poskinerja.inti.model import STATUS_OK
from poskinerja.siklus.pelacak import SELESAI, SELESAI_TERLAMBAT, lacak
from poskinerja.inti.periode import data_periode
from poskinerja.siklus.rekomendasi import temukan
from poskinerja.contoh.simulasi import simulasi_pengisian
from poskinerja.berkas.sumber import contoh_master, resource

ROOT = Path(__file__).resolve().parent.parent
ODD_NIP = "199512312020122001"
ODD_NAME = 'Ahmad "Ucok" <Syafi\'i> & Co'
ODD_JABATAN = 'Analis <Data> & "Informasi"'
ODD_INDIKATOR = 'Persentase data "valid" & <terverifikasi> milik Ma\'ruf'
ODD_KEGIATAN = 'Verifikasi data & "Dapodik" <daerah>'
TAGS = ("{{", "}}", "{%", "%}")


# --- fixtures: one example institute, rendered once -------------------------------------------------

def _master_with_odd_asn(dest: Path) -> Path:
    """The example master with one more ASN whose texts need XML escaping."""
    shutil.copyfile(contoh_master(), dest)
    wb = openpyxl.load_workbook(dest)

    def append(sheet: str, values: dict) -> None:
        ws = wb[sheet]
        header = {str(c.value).strip().lower(): c.column for c in ws[1] if c.value}
        row = ws.max_row + 1
        for key, value in values.items():
            cell = ws.cell(row, header[key])
            cell.value = value
            if key in ("nip", "nip_atasan"):
                cell.number_format = "@"

    master = muat_master(contoh_master())
    kepala_si = master.unit["SI"].nip_kepala
    append("ASN", {"nip": ODD_NIP, "nama": ODD_NAME, "jabatan": ODD_JABATAN, "kode_unit": "SI",
                   "nip_atasan": kepala_si})
    append("Indikator", {"nip": ODD_NIP, "kode_indikator": "IKI-SI-99-01", "sasaran": "Mutu data & <layanan>",
                         "indikator": ODD_INDIKATOR, "satuan": "%", "polaritas": "+", "kumulatif": "ya",
                         "target_tahun": 90, "target_tw1": 60, "target_tw2": 70, "target_tw3": 80,
                         "target_tw4": 90})
    append("Kegiatan", {"nip": ODD_NIP, "kode_kegiatan": "KG-SI-99", "program": "Program Dukungan Manajemen",
                        "kegiatan": ODD_KEGIATAN, "output": "Data terverifikasi", "satuan_output": "dokumen",
                        "bulan_mulai": 1, "bulan_selesai": 12, "target_output_tw1": 1, "target_output_tw2": 1,
                        "target_output_tw3": 1, "target_output_tw4": 1, "pagu": 12_345_678})
    wb.save(dest)
    return dest


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    root = tmp_path_factory.mktemp("dokumen")
    path = _master_with_odd_asn(root / "master.xlsx")
    master = muat_master(path)
    assert ODD_NIP in master.asn
    # the odd ASN first in the list of forms, so the simulation does not skip them
    forms = buat_formulir(master, root / "asli")
    sk1 = simulasi_pengisian(master, forms, root / "tw1", triwulan=1)
    filled = {p.name: p for p in sk1.diisi}
    sk2 = simulasi_pengisian(master, [filled.get(p.name, p) for p in forms], root / "tw2", triwulan=2)
    assert sk2.diisi
    h1 = kumpulkan(master, root / "tw1", 1)
    per_tw = kumpulkan_triwulan(master, root / "tw2", [1, 2])
    return {"root": root, "path": path, "master": master, "h1": h1, "per_tw": per_tw}


@pytest.fixture(scope="module")
def docs(contoh):
    master, root = contoh["master"], contoh["root"]
    out = root / "keluaran"
    answers = {k.kode: "A" for k in lke.KRITERIA} | {"4.c.1": "C", "2.b.2": "CC"}
    evaluasi = HasilEvaluasi(lke.hitung_skor(answers), answers,
                             {"4.c.1": "RTL 2025 belum dipantau & <perlu> \"dicek\""}, [])
    return {
        "out": out,
        "pk": buat_pk(master, out / "pk"),
        "pk_final": buat_pk(master, out / "pk-final", final=True),
        "triwulan": laporan_triwulan(master, contoh["h1"], out / "laporan"),
        "semester": laporan_semester(master, contoh["per_tw"], 1, out / "laporan"),
        "evaluasi": tulis_hasil_evaluasi(master, evaluasi, out),
        "rekomendasi": tulis_rekomendasi_docx(master, temukan(master, contoh["per_tw"], evaluasi), out),
    }


def all_docs(docs) -> list[Path]:
    return [*docs["pk"].berkas, *docs["pk_final"].berkas, *docs["triwulan"], *docs["semester"],
            docs["evaluasi"], docs["rekomendasi"]]


# --- reading rendered documents ---------------------------------------------------------------------

def rp(value: float) -> str:
    """Rupiah as the documents show it: a no-break space after "Rp"."""
    return format_rupiah(value).replace("Rp ", "Rp\u00a0")


def texts(path: Path) -> list[str]:
    """Every paragraph's text: body (tables included), headers and footers."""
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    w_p = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    for section in doc.sections:  # header and footer paragraphs, those in their tables too
        for part in (section.header, section.footer):
            out += ["".join(p.itertext()) for p in part._element.iter(w_p)]
    return out


def headings(path: Path, level: int | None = None) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")
            and (level is None or p.style.name == f"Heading {level}")]


def tables_with(path: Path, *columns: str) -> list[list[dict[str, str]]]:
    """Tables whose header row has all ``columns``, as lists of {header: text}."""
    found = []
    for table in Document(str(path)).tables:
        header = [c.text.strip() for c in table.rows[0].cells]
        if all(any(h.startswith(c) for h in header) for c in columns):
            found.append([{h: c.text.strip() for h, c in zip(header, row.cells)} for row in table.rows[1:]])
    return found


def col(row: dict[str, str], prefix: str) -> str:
    return next(v for k, v in row.items() if k.startswith(prefix))


def fmt_angka(v) -> str:
    return "-" if v is None else format_id(v)


def fmt_persen(v) -> str:
    return "-" if v is None else format_persen(v)


def assert_rows_match(rows: list[dict[str, str]], expected: dict[str, dict]) -> None:
    for row in rows:
        if not row.get("Kode"):
            continue
        data = expected[row["Kode"]]
        assert col(row, "Target") == fmt_angka(data["target"]), row
        assert col(row, "Realisasi") == fmt_angka(data["realisasi"]), row
        assert col(row, "Capaian") == fmt_persen(data["capaian"]), row
        assert col(row, "Predikat") == data["predikat"], row


# --- templates ----------------------------------------------------------------------------------------

def test_shipped_templates_are_what_the_script_builds(tmp_path):
    spec = importlib.util.spec_from_file_location("buat_template", ROOT / "tools" / "buat_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path)]) == 0
    for name in TEMPLATES:
        assert (tmp_path / name).read_bytes() == resource("docx_templates", name).read_bytes(), (
            f"{name} differs from tools/buat_template.py output: run python tools/buat_template.py")


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_are_real_word_documents(name):
    doc = Document(str(cari_template(name)))
    section = doc.sections[0]
    assert {round(section.page_width.cm, 1), round(section.page_height.cm, 1)} == {21.0, 29.7}
    assert section.left_margin.cm == pytest.approx(3.0 if section.page_width < section.page_height else 2.2, abs=0.01)
    styles = {s.name for s in doc.styles}
    assert {"Heading 1", "Isian Manual", "Tabel Kinerja", "Judul Dokumen"} <= styles
    assert doc.tables and all(t.style.name == "Tabel Kinerja" for t in doc.tables if t.style is not None
                              and t.style.name != "Normal Table")
    assert "nama_lembaga" in "".join(section.header._element.itertext())
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    readme = resource("docx_templates", "README.md").read_text(encoding="utf-8")
    assert f"`{name}`" in readme
    body = "\n".join(texts(cari_template(name)))
    if name != "perjanjian_kinerja.docx":
        assert "[diisi:" in body
    # every variable the template uses is documented in the README
    for var in set(re.findall(r"\{\{\s*([a-z_]+)", body)) - {"r", "k", "a", "b", "d", "s", "g", "m"}:
        assert f"`{var}`" in readme, f"{var} of {name} is not in docx_templates/README.md"


def test_template_folder_falls_back_and_checks(tmp_path):
    assert cari_template("laporan_triwulan.docx", tmp_path) == cari_template("laporan_triwulan.docx")
    with pytest.raises(DokumenGagal, match="tidak ditemukan"):
        cari_template("laporan_triwulan.docx", tmp_path / "tidak-ada")


# --- all documents -----------------------------------------------------------------------------------------

def test_no_template_tags_left_and_odd_names_exact(docs):
    paths = all_docs(docs)
    assert len(paths) == 46 + 1 + 40 + 8 + 8 + 2
    for path in paths:
        body = "\n".join(texts(path))
        for tag in TAGS:
            assert tag not in body, f"{tag} left in {path.name}"
        assert "&amp;" not in body and "&lt;" not in body and "&#39;" not in body and "&#34;" not in body
    unit_si = next(p for p in docs["triwulan"] if " - SI " in p.name)
    body = "\n".join(texts(unit_si))
    assert ODD_NAME in body and ODD_INDIKATOR in body
    assert any(ODD_KEGIATAN in t for t in texts(unit_si))
    smt_si = next(p for p in docs["semester"] if " - SI " in p.name)
    assert ODD_NAME in "\n".join(texts(smt_si)) and ODD_JABATAN in "\n".join(texts(smt_si))
    assert "RTL 2025 belum dipantau & <perlu> \"dicek\"" in "\n".join(texts(docs["evaluasi"]))


def test_pk_shape_parties_and_draft_label(contoh, docs):
    master = contoh["master"]
    p = master.pengaturan
    pk = {path.name[3:21]: path for path in docs["pk"].berkas}
    assert set(pk) == set(master.asn)
    odd = pk[ODD_NIP]
    assert odd.name == nama_berkas_pk(master.asn[ODD_NIP]) and odd.parent.name == "SI"
    assert re.fullmatch(r"PK \d{18} - .*\.docx", odd.name) and "<" not in odd.name
    lines = texts(odd)
    body = "\n".join(lines)
    kepala_si = master.asn[master.unit["SI"].nip_kepala]
    assert "DRAF" in lines and "PERJANJIAN KINERJA TAHUN 2026" in lines
    assert f"Nama\t:\t{ODD_NAME}" in lines and f"Jabatan\t:\t{ODD_JABATAN}" in lines
    assert f"Nama\t:\t{kepala_si.nama}" in lines and f"NIP {kepala_si.nip}" in lines
    assert f"NIP {ODD_NIP}" in lines and f"{p.kota}, " in body
    assert "Rp\u00a012.345.678" in lines and ODD_KEGIATAN in lines and ODD_INDIKATOR in lines
    [targets] = tables_with(odd, "No", "Indikator Kinerja", "Target Tahun")
    assert [(r["Target Tahun"], r["TW I"], r["TW IV"]) for r in targets] == [("90", "60", "90")]
    assert "DRAF — " in "".join(Document(str(odd)).sections[0].header._element.itertext())
    head = "\n".join(texts(pk[p.kepala_nip]))
    assert p.atasan_kepala_nama in head and p.atasan_kepala_jabatan in head and p.atasan_kepala_nip in head
    assert f"{p.kota}, {format_tanggal(master.asn[p.kepala_nip].tanggal_sah)}" in head
    # activities: every pagu in rupiah, with the total
    [keg] = tables_with(pk[p.kepala_nip], "No", "Program", "Anggaran")
    pagu = [k.pagu for k in master.kegiatan[p.kepala_nip]]
    assert [r["Anggaran (Rp)"] for r in keg] == [rp(v) for v in pagu] + [rp(sum(pagu))]


def test_register_and_final_pk(contoh, docs):
    master = contoh["master"]
    reg = docs["pk"].register
    assert reg.name == "Register PK 2026.xlsx"
    ws = openpyxl.load_workbook(reg)["Register PK"]
    header = [c.value for c in ws[4]]
    rows = {r[header.index("NIP")]: dict(zip(header, r)) for r in ws.iter_rows(min_row=5, values_only=True)}
    assert set(rows) == set(master.asn) and all(isinstance(n, str) for n in rows)
    for nip, asn in master.asn.items():
        assert rows[nip]["Status"] == ("disahkan" if asn.tanggal_sah else "draf")
        assert rows[nip]["Berkas PK"].endswith(nama_berkas_pk(asn))
    assert rows[ODD_NIP]["Nama"] == ODD_NAME
    final = docs["pk_final"]
    ratified = {n for n, a in master.asn.items() if a.tanggal_sah}
    assert {p.name[3:21] for p in final.berkas} == ratified
    assert set(final.dilewati) == set(master.asn) - ratified and ODD_NIP in final.dilewati
    for path in final.berkas:
        lines = texts(path)
        assert "DRAF" not in lines and not any(t.startswith("DRAF") for t in lines)
        asn = master.asn[path.name[3:21]]
        assert any(t == f"{master.pengaturan.kota}, {format_tanggal(asn.tanggal_sah)}" for t in lines)


# --- quarterly ----------------------------------------------------------------------------------------------

def test_quarterly_tiers_outline_and_numbers(contoh, docs):
    master, h1 = contoh["master"], contoh["h1"]
    paths = docs["triwulan"]
    assert paths[0].name == "Laporan Triwulan I 2026 - Lembaga.docx"
    assert len(paths) == 1 + len(master.unit)
    outline = ["1. Ringkasan Triwulan I", "2. Capaian per", "3. Capaian Indikator Kinerja",
               "4. Realisasi Anggaran dan Pemantauan Kegiatan", "5. Kendala dan Tindak Lanjut", "6. Kelengkapan Data"]
    by_kode = {r["kode_indikator"]: r for r in h1.data}
    for path in paths:
        found = headings(path, 1)
        assert len(found) == len(outline) and all(f.startswith(o) for f, o in zip(found, outline)), found
        rows = [r for t in tables_with(path, "Kode", "Realisasi", "Capaian") for r in t]
        assert rows
        assert_rows_match(rows, by_kode)
    # institute: the roll-up of units equals the recap's Unit sheet, the total its Lembaga line
    [units] = tables_with(paths[0], "No", "Unit Kerja", "Indikator Diukur")
    recap = {u["nama_unit"]: u for u in h1.unit}
    for row in units[:-1]:
        u = recap[row["Unit Kerja"]]
        assert (row["Indikator Diukur"], row["Terisi"], row["Rata-rata Capaian"], row["Predikat"]) == (
            str(u["indikator_diukur"]), str(u["terisi"]), fmt_persen(u["rata_capaian"]), u["predikat"])
    assert units[-1]["Rata-rata Capaian"] == fmt_persen(h1.lembaga["rata_capaian"])
    body = "\n".join(texts(paths[0]))
    s = h1.lembaga
    assert f"{s['indikator_diukur']} indikator kinerja lembaga diukur dan {s['terisi']} di antaranya" in body
    assert f"{s['jumlah_Sangat Baik']} indikator Sangat Baik" in body
    assert f"sebesar {format_persen(s['serapan'])} ({rp(s['realisasi_anggaran'])}" in body
    assert f"{s['belum_mengumpulkan']} belum mengumpulkan" in body
    assert "[diisi: analisis penyebab" in body
    # each unit: every ASN × indicator of the unit appears exactly once; ASN rolled up
    si = next(p for p in paths if " - SI " in p.name)
    rows = [r for t in tables_with(si, "Kode", "Realisasi", "Capaian") for r in t if r["Kode"]]
    assert sorted(r["Kode"] for r in rows) == sorted(r["kode_indikator"] for r in h1.data if r["kode_unit"] == "SI")
    [people] = tables_with(si, "No", "ASN", "Indikator Diukur")
    assert [r["ASN"] for r in people[:-1]] == [a.nama for a in master.asn_unit("SI")]
    assert headings(si, 2)[-1] == ODD_NAME
    assert len(Document(str(si)).inline_shapes) == 1  # the chart


# --- semester -------------------------------------------------------------------------------------------------

SEMESTER_OUTLINE = ["Kata Pengantar", "Ikhtisar Eksekutif", "BAB I Pendahuluan", "BAB II Perencanaan Kinerja",
                    "BAB III Akuntabilitas Kinerja", "BAB IV Penutup", "Lampiran"]


def test_semester_outline_and_period_numbers(contoh, docs):
    master, per_tw = contoh["master"], contoh["per_tw"]
    paths = docs["semester"]
    assert all("Semester 1" in p.name for p in paths) and paths[0].name.endswith("- Lembaga.docx")
    period = {r["kode_indikator"]: r for r in data_periode(master, per_tw, 1)}
    for path in paths:
        assert headings(path, 1) == SEMESTER_OUTLINE
        h2 = headings(path, 2)
        assert h2.index("A. Capaian Kinerja Organisasi") < h2.index("B. Realisasi Anggaran")
        assert h2.index("A. Gambaran Umum") < h2.index("Perjanjian Kinerja Tahun 2026") < h2.index("A. Simpulan")
        rows = [r for t in tables_with(path, "Kode", "Realisasi", "Capaian") for r in t]
        assert_rows_match(rows, period)
    lembaga = paths[0]
    # Bab III A: the institute's sasaran with last year's realisasi
    kepala = [i for i in master.indikator[master.pengaturan.kepala_nip]]
    sasaran = [r for t in tables_with(lembaga, "Kode", "Realisasi Tahun Lalu") for r in t]
    assert [r["Kode"] for r in sasaran] == [i.kode for i in kepala]
    assert [r["Realisasi Tahun Lalu"] for r in sasaran] == [fmt_angka(i.realisasi_tahun_lalu) for i in kepala]
    # the lampiran covers every indicator of the institute once
    all_rows = [r["Kode"] for t in tables_with(lembaga, "Kode", "Realisasi", "Keterangan") for r in t]
    assert sorted(all_rows) == sorted(period)
    # end to end: a non-cumulative indicator sums TW I + TW II of the recap, a cumulative one takes TW II
    tw = {q: {r["kode_indikator"]: r for r in per_tw[q].data} for q in (1, 2)}
    summed = next(k for k, r in period.items() if r["kumulatif"] == "tidak" and r["status"] == STATUS_OK
                  and len(r["triwulan_diukur"]) == 2)
    assert period[summed]["realisasi"] == pytest.approx(tw[1][summed]["realisasi"] + tw[2][summed]["realisasi"])
    last = next(k for k, r in period.items() if r["kumulatif"] == "ya" and r["status"] == STATUS_OK)
    assert period[last]["realisasi"] == tw[2][last]["realisasi"]
    body = "\n".join(texts(lembaga))
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in body and "[diisi: kata pengantar" in body


def test_tracker_sees_the_outputs(contoh, docs):
    def saved_on(paths, day):
        for path in paths:
            os.utime(path, (dt.datetime.combine(day, dt.time(10)).timestamp(),) * 2)

    # the PKs drafted within their window; semester reports made a week after theirs
    saved_on(docs["pk"].berkas + docs["pk_final"].berkas, dt.date(2026, 1, 6))
    saved_on(docs["semester"], dt.date(2026, 8, 7))
    rows = lacak(contoh["master"], contoh["per_tw"], docs["out"], hari_ini=dt.date(2026, 8, 10))
    by = {r.uraian: r for r in rows}
    assert by["Menyusun dokumen Perjanjian Kinerja"].status == SELESAI
    s1 = by["Menyusun laporan kinerja Semester 1"]
    assert s1.status == SELESAI_TERLAMBAT and not s1.kurang
    saved_on(docs["semester"], dt.date(2026, 7, 30))
    s1 = {r.uraian: r for r in lacak(contoh["master"], contoh["per_tw"], docs["out"],
                                      hari_ini=dt.date(2026, 8, 10))}["Menyusun laporan kinerja Semester 1"]
    assert s1.status == SELESAI
    assert by["Evaluasi internal (pengawasan)"].bukti == "Hasil Evaluasi Internal 2026.docx"


# --- editability ---------------------------------------------------------------------------------------------

def test_structurally_edited_template_still_renders(contoh, tmp_path):
    folder = tmp_path / "templat"
    folder.mkdir()
    doc = Document(str(cari_template("laporan_triwulan.docx")))
    paras = doc.paragraphs
    moved = next(p for p in paras if p.text.startswith("[diisi: simpulan umum"))
    first_heading = next(p for p in paras if p.style.name == "Heading 1")
    first_heading._p.addprevious(moved._p)  # the summary placeholder now opens the body
    for table in doc.tables:
        table.style = doc.styles["Light Grid Accent 1"]
    first_heading.insert_paragraph_before("Catatan admin: templat ini diubah di Word.")
    doc.save(str(folder / "laporan_triwulan.docx"))
    [path] = laporan_triwulan(contoh["master"], contoh["h1"], tmp_path / "out", template_dir=folder, unit="PMS")
    rendered = Document(str(path))
    body = [p.text for p in rendered.paragraphs]
    assert body.index("Catatan admin: templat ini diubah di Word.") < body.index("1. Ringkasan Triwulan I")
    assert next(i for i, t in enumerate(body) if t.startswith("[diisi: simpulan umum")) < body.index(
        "1. Ringkasan Triwulan I")
    assert {t.style.name for t in rendered.tables} == {"Light Grid Accent 1"}
    for tag in TAGS:
        assert tag not in "\n".join(texts(path))
    by_kode = {r["kode_indikator"]: r for r in contoh["h1"].data}
    rows = [r for t in tables_with(path, "Kode", "Realisasi", "Capaian") for r in t]
    assert len([r for r in rows if r["Kode"]]) == sum(1 for r in contoh["h1"].data if r["kode_unit"] == "PMS")
    assert_rows_match(rows, by_kode)


# --- native charts -------------------------------------------------------------------------------------------

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def native_charts(path: Path) -> list[tuple[list[str], list[float | None], list[list]]]:
    """Each chart part of a docx: (categories, cached values, rows of its embedded workbook)."""
    import io
    import zipfile

    from lxml import etree
    from python_calamine import CalamineWorkbook

    charts = []
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
        for name in names:
            space = etree.fromstring(z.read(name))
            [ser] = space.iter(f"{C}ser")
            cats = [pt.findtext(f"{C}v") for pt in ser.find(f"{C}cat").iter(f"{C}pt")]
            count = int(ser.find(f"{C}val").find(f".//{C}ptCount").get("val"))
            values: list[float | None] = [None] * count
            for pt in ser.find(f"{C}val").iter(f"{C}pt"):
                values[int(pt.get("idx"))] = float(pt.findtext(f"{C}v"))
            rels = etree.fromstring(z.read(name.replace("charts/", "charts/_rels/") + ".rels"))
            [target] = [r.get("Target") for r in rels]
            book = CalamineWorkbook.from_filelike(io.BytesIO(z.read("word/" + target.replace("../", ""))))
            charts.append((cats, values, book.get_sheet_by_index(0).to_python()))
    return charts


def test_charts_are_native_word_charts_holding_the_reports_numbers(docs):
    lembaga = next(p for p in docs["triwulan"] if p.name.endswith("Lembaga.docx"))
    for path in (lembaga, next(p for p in docs["triwulan"] if " - SI " in p.name), docs["semester"][0]):
        assert not [n for n in __import__("zipfile").ZipFile(path).namelist() if n.startswith("word/media/")]
        [(cats, values, sheet)] = native_charts(path)
        label = "Unit Kerja" if path.name.endswith("Lembaga.docx") else "ASN"
        [table] = [t for t in tables_with(path, "No", label, "Rata-rata Capaian") if t]
        rows = [r for r in table if r["No"].isdigit()]
        # Category i is row i of the report's own table; a bar without data says so instead of showing 0.
        assert [c.replace(" (tidak ada data)", "") for c in cats] == [r[label] for r in rows]
        assert [fmt_persen(v) for v in values] == [col(r, "Rata-rata Capaian") for r in rows]
        assert all((v is None) == c.endswith("(tidak ada data)") for c, v in zip(cats, values))
        # Word's "Edit Data" opens the embedded workbook: the same labels and numbers.
        assert [row[0] for row in sheet[1:]] == cats
        assert [row[1] if row[1] != "" else None for row in sheet[1:]] == pytest.approx(values, rel=1e-12)
    assert len(Document(str(lembaga)).inline_shapes) == 1


# --- fidelity -----------------------------------------------------------------------------------------------

def test_every_kind_of_document_converts_to_pdf(docs, tmp_path):
    require_libreoffice()
    odd_pk = next(p for p in docs["pk"].berkas if ODD_NIP in p.name)
    chosen = [odd_pk, docs["pk_final"].berkas[0], docs["triwulan"][0], docs["triwulan"][-1], docs["semester"][0],
              docs["semester"][2], docs["evaluasi"], docs["rekomendasi"]]

    def convert(i_path):
        i, path = i_path
        return path.name, docx_to_pdf(path, tmp_path / f"{i}.pdf")

    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = dict(pool.map(convert, enumerate(chosen)))
    assert all(n >= 1 for n in pages.values()), pages
    assert pages[odd_pk.name] == 2  # statement page + annex


# --- CLI ----------------------------------------------------------------------------------------------------

def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "poskinerja", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def test_cli_pk_and_laporan(contoh, tmp_path):
    master = contoh["path"]
    done = run_cli("pk", master, "--keluar", tmp_path / "pk", "--unit", "SI")
    assert done.returncode == 0, done.stderr
    assert f"{len(contoh['master'].asn_unit('SI'))} draf PK ditulis ke" in done.stdout
    assert len(list((tmp_path / "pk" / "SI").glob("PK *.docx"))) == len(contoh["master"].asn_unit("SI"))
    assert (tmp_path / "pk" / "Register PK 2026.xlsx").exists()
    done = run_cli("pk", master, "--keluar", tmp_path / "final", "--final", "--unit", "SI")
    assert done.returncode == 0 and "PK final" in done.stdout and "Dilewati" in done.stdout
    done = run_cli("laporan", "--master", master, "--folder", contoh["root"] / "tw2", "--semester", "1",
                   "--keluar", tmp_path / "lap")
    assert done.returncode == 0, done.stderr
    assert "Laporan Semester 1 2026 - Lembaga.docx" in done.stdout
    assert len(list((tmp_path / "lap").glob("*Semester 1*.docx"))) == 1 + len(contoh["master"].unit)
    for args, message in (
            (("pk", master, "--keluar", tmp_path / "x", "--unit", "ZZ"), "Unit ZZ tidak ada"),
            (("pk", tmp_path / "tidak-ada.xlsx", "--keluar", tmp_path / "x"), "tidak ditemukan"),
            (("pk", master, "--keluar", tmp_path / "x", "--template", tmp_path / "tidak-ada"), "Folder templat"),
            (("laporan", "--master", master, "--folder", contoh["root"] / "tw1", "--triwulan", "5",
              "--keluar", tmp_path / "x"), "Triwulan 5 tidak valid"),
            (("laporan", "--master", master, "--folder", contoh["root"] / "tw1", "--semester", "3",
              "--keluar", tmp_path / "x"), "Semester 3 tidak valid")):
        done = run_cli(*args)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
    assert not (tmp_path / "x").exists()


def test_susun_laporan_quarter_from_a_folder(contoh, tmp_path):
    paths = susun_laporan(contoh["path"], contoh["root"] / "tw1", tmp_path, triwulan=1)
    assert [p.name for p in paths][:1] == ["Laporan Triwulan I 2026 - Lembaga.docx"]
    with pytest.raises(DokumenGagal, match="Unit ZZ tidak ada"):
        laporan_triwulan(contoh["master"], contoh["h1"], tmp_path, unit="ZZ")
    with pytest.raises(DokumenGagal, match="salah satu"):
        susun_laporan(contoh["master"], contoh["root"] / "tw1", tmp_path, triwulan=1, semester=1)
