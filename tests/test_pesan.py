"""Messages users read (issue 10, items 5 and 7): text XML cannot hold, master checks that
report each root cause once, commands that refuse what they cannot do, and every message
in Bahasa Indonesia. Real files written and read back; the CLI as a subprocess."""
from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from conftest import KASI, KEPALA, STAF_A, STAF_B, mini_rows
from poskinerja import teks
from poskinerja.master import baca_master
from poskinerja.master_tulis import tulis_master
from poskinerja.xlsx_tulis import new_workbook

# Typed exactly like this by staff; each must come out exactly like this.
AS_TYPED = ['Ahmad "Ucok" <Syafi\'i> & Co', "Rina <b>&amp;</b>", 'Subbagian <Umum> & "Keuangan"',
            "{{ nama }} {% if x %}", "<r>x</r>", "_x0041_ 'kutip'"]
CONTROL = "\x01"


def cli(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "poskinerja", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300, **kwargs)


def _put_raw(path: Path, placeholder: str, raw: str) -> None:
    """Replace ``placeholder`` in the workbook's XML by ``raw`` (e.g. ``_x0001_``: how Excel stores
    a control character; no writer lets us type one directly)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith(".xml"):
                data = data.replace(placeholder.encode(), raw.encode())
            dst.writestr(item, data)
    tmp.replace(path)


# --- item 5: text that cannot go into XML -------------------------------------------------------

def test_bersihkan_drops_what_xml_cannot_hold_and_keeps_the_rest():
    assert teks.bersihkan("a\x01b\x0bc\ufffed\uffff\te\nf\rg") == "abcd\te\nf\rg"
    assert teks.bersihkan("nama\udcffberkas") == "nama\ufffdberkas"
    for text in AS_TYPED:
        assert teks.bersihkan(text) == text and teks.masalah(text) == ""
    assert teks.masalah("ab\x01c\x01") == "karakter U+0001 (karakter kendali) di posisi 3"
    assert "U+FFFE" in teks.masalah("x\ufffe") and "surrogate" in teks.masalah("\udc80")


def test_xlsx_writer_keeps_text_as_typed_and_cleans_control_characters(tmp_path):
    path = tmp_path / "t.xlsx"
    wb = new_workbook(path)
    ws = wb.add_worksheet("Data")
    for i, text in enumerate(AS_TYPED + [f"x{CONTROL}y", "nama\udcffberkas", "a\ufffeb"]):
        ws.write(i, 0, text)
    wb.close()
    got = [row[0] for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data").to_python()]
    assert got == AS_TYPED + ["xy", "nama\ufffdberkas", "ab"]
    # and Excel's own reader agrees (openpyxl parses the XML strictly)
    assert [c.value for c in openpyxl.load_workbook(path)["Data"]["A"]][:len(AS_TYPED)] == AS_TYPED


def test_docx_values_come_out_as_typed_and_control_characters_do_not_break_the_document(tmp_path):
    from poskinerja.dokumen import render

    # Our own small template in a user template folder: the same environment (autoescape,
    # finalize) as the bundled ones, without tying the test to their fields.
    template = tmp_path / "tpl.docx"
    doc = Document()
    doc.add_paragraph("Nama: {{ nama }}")
    doc.add_paragraph("{% for t in teks %}[{{ t }}]{% endfor %}")
    doc.save(template)
    out = render("tpl.docx", {"nama": f"Rina{CONTROL} Wati", "teks": AS_TYPED}, tmp_path / "out.docx",
                 folder=tmp_path)
    paragraphs = [p.text for p in Document(out).paragraphs]
    assert paragraphs[0] == "Nama: Rina Wati"
    assert paragraphs[1] == "".join(f"[{t}]" for t in AS_TYPED)


@pytest.fixture()
def odd_master(tmp_path) -> Path:
    """The mini master with one ASN name carrying every character that must survive, plus a
    control character stored the way Excel stores one."""
    rows = mini_rows()
    rows["ASN"][3]["nama"] = f"{AS_TYPED[0]} {AS_TYPED[3]} {AS_TYPED[4]} KENDALI"
    path = tulis_master(tmp_path / "master.xlsx", rows)
    _put_raw(path, "KENDALI", "_x0001_")
    return path


def test_periksa_master_reports_control_character_with_cell(odd_master):
    run = cli("periksa-master", str(odd_master))
    assert run.returncode == 0, run.stderr
    assert "valid" in run.stdout
    out = run.stdout + run.stderr
    assert "MASTER_TEKS_TIDAK_VALID" in out and "lembar ASN sel B5" in out and "U+0001" in out


def test_pk_and_recap_show_names_exactly_as_typed(odd_master, tmp_path):
    expected = f"{AS_TYPED[0]} {AS_TYPED[3]} {AS_TYPED[4]} "
    run = cli("pk", str(odd_master), "--keluar", str(tmp_path / "pk"), "--nip", STAF_B)
    assert run.returncode == 0, run.stderr
    [docx] = list((tmp_path / "pk").rglob("*.docx"))
    text = "\n".join(p.text for p in Document(docx).paragraphs) + "\n".join(
        c.text for t in Document(docx).tables for r in t.rows for c in r.cells)
    assert expected in text and CONTROL not in text

    (tmp_path / "masuk").mkdir()
    run = cli("kompilasi", str(tmp_path / "masuk"), "--master", str(odd_master), "--triwulan", "1",
              "--keluar", str(tmp_path / "rekap"))
    assert run.returncode == 0, run.stderr
    [recap] = list((tmp_path / "rekap").glob("Rekap*.xlsx"))
    data = CalamineWorkbook.from_path(str(recap)).get_sheet_by_name("Data").to_python()
    names = {row[data[0].index("nip")]: row[data[0].index("nama")] for row in data[1:]}
    assert names[STAF_B] == expected


# --- item 7: the master's checks, each root cause once ---------------------------------------

def _edit(path: Path, edit) -> Path:
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _codes(temuan) -> list[str]:
    return [t.kode for t in temuan]


def test_numeric_asn_nip_is_one_finding_naming_its_references(tmp_path):
    path = _edit(tulis_master(tmp_path / "m.xlsx", mini_rows()),
                 lambda wb: wb["ASN"].__setitem__("A2", int(KEPALA)))
    master, temuan = baca_master(path)
    assert master is None and _codes(temuan) == ["MASTER_NIP_TIDAK_VALID"], [str(t) for t in temuan]
    [t] = temuan
    assert t.sel == "A2" and "sebagai angka" in t.pesan
    # the head, the unit, the subordinate and the indicators that use it are named, not repeated
    assert "kepala_nip" in t.pesan and "lembar Unit baris 2" in t.pesan and "lembar ASN baris 3" in t.pesan
    assert "lembar Indikator baris 2, 3" in t.pesan


def test_pengaturan_nips_checked_like_asn_nips(tmp_path):
    def edit(wb):
        ws = wb["Pengaturan"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "kepala_nip":
                row[1].value = int(KEPALA)  # typed into a General cell
            if row[0].value == "kasubbag_nip":
                row[1].value = "19820315200604200"  # 17 digits
    master, temuan = baca_master(_edit(tulis_master(tmp_path / "m.xlsx", mini_rows()), edit))
    assert master is None
    found = {t.pesan.split(":")[0]: t for t in temuan}
    assert _codes(temuan) == ["MASTER_NIP_TIDAK_VALID", "MASTER_NIP_TIDAK_VALID"], [str(t) for t in temuan]
    assert any("(kepala_nip)" in k and "sebagai angka" in t.pesan for k, t in found.items())
    assert any("(kasubbag_nip)" in k and "18 digit" in t.pesan for k, t in found.items())


def test_master_kosong_formats_pengaturan_nips_as_text(tmp_path):
    run = cli("master-kosong", str(tmp_path / "kosong.xlsx"))
    assert run.returncode == 0, run.stderr
    ws = openpyxl.load_workbook(tmp_path / "kosong.xlsx")["Pengaturan"]
    formats = {row[0].value: row[1].number_format for row in ws.iter_rows(min_row=2)}
    assert formats["kepala_nip"] == "@" and formats["kasubbag_nip"] == "@"
    assert formats["nama_lembaga"] != "@"


def test_head_of_institute_must_be_an_asn_row_and_the_message_says_how(tmp_path):
    rows = mini_rows()
    rows["Pengaturan"] = [r if r["kunci"] != "kepala_nip" else {**r, "nilai": "198001012005011001"}
                          for r in rows["Pengaturan"]]
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    [t] = temuan
    assert master is None and t.kode == "MASTER_PENGATURAN" and t.sheet == "Pengaturan"
    assert "harus terdaftar sebagai satu baris di lembar ASN" in t.pesan and "Tambahkan baris Kepala" in t.pesan


def test_missing_column_does_not_hide_other_problems(tmp_path):
    def edit(wb):
        wb["Indikator"]["F1"] = "arah"  # polaritas column renamed
        wb["Kegiatan"]["H3"] = 0  # an unrelated problem
        wb["ASN"]["B3"] = None  # another one
    master, temuan = baca_master(_edit(tulis_master(tmp_path / "m.xlsx", mini_rows()), edit))
    assert master is None
    assert sorted(_codes(temuan)) == ["MASTER_BULAN_TIDAK_VALID", "MASTER_KOLOM_HILANG", "MASTER_WAJIB_KOSONG"]


def test_missing_asn_sheet_is_one_finding_not_one_per_reference(tmp_path):
    master, temuan = baca_master(_edit(tulis_master(tmp_path / "m.xlsx", mini_rows()),
                                       lambda wb: wb.remove(wb["ASN"])))
    assert master is None and _codes(temuan) == ["MASTER_LEMBAR_HILANG"], [str(t) for t in temuan]


def test_unknown_nip_reported_once_with_its_other_places(tmp_path):
    rows = mini_rows()
    for r in rows["Indikator"]:
        if r["nip"] == STAF_A:
            r["nip"] = "198801012010011001"
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    [t] = temuan
    assert t.kode == "MASTER_NIP_TIDAK_DIKENAL" and t.sel == "A7" and "lembar Indikator baris 8, 9" in t.pesan


@pytest.mark.parametrize("twin", ["asn ", "ASN ", " Asn"])  # Excel itself refuses "asn"
def test_sheet_names_differing_only_by_case_or_spaces_reported(tmp_path, twin):
    master, temuan = baca_master(_edit(tulis_master(tmp_path / "m.xlsx", mini_rows()),
                                       lambda wb: wb.create_sheet(twin)))
    assert master is None and _codes(temuan) == ["MASTER_LEMBAR_GANDA"]
    assert f'"{twin}"' in temuan[0].pesan and '"ASN"' in temuan[0].pesan
