"""Messages users read (issue 10, items 5 and 7): text XML cannot hold, master checks that
report each root cause once, commands that refuse what they cannot do, and every message
in Bahasa Indonesia. Real files written and read back; the CLI as a subprocess."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from conftest import KEPALA, STAF_A, STAF_B, mini_rows
from poskinerja.inti import teks
from poskinerja.master.baca import baca_master
from poskinerja.master.tulis import tulis_master
from poskinerja.berkas.xlsx_tulis import new_workbook
from isi import edited

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
    from poskinerja.dokumen.penyaji import Penyaji

    # Our own small template in a user template folder: the same environment (autoescape,
    # finalize) as the bundled ones, without tying the test to their fields.
    template = tmp_path / "tpl.docx"
    doc = Document()
    doc.add_paragraph("Nama: {{ nama }}")
    doc.add_paragraph("{% for t in teks %}[{{ t }}]{% endfor %}")
    doc.save(template)
    out = Penyaji("tpl.docx", tmp_path).tulis({"nama": f"Rina{CONTROL} Wati", "teks": AS_TYPED},
                                              tmp_path / "out.docx")
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


def _codes(temuan) -> list[str]:
    return [t.kode for t in temuan]


def test_numeric_asn_nip_is_one_finding_naming_its_references(tmp_path):
    path = edited(tulis_master(tmp_path / "m.xlsx", mini_rows()),
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
    master, temuan = baca_master(edited(tulis_master(tmp_path / "m.xlsx", mini_rows()), edit))
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
    master, temuan = baca_master(edited(tulis_master(tmp_path / "m.xlsx", mini_rows()), edit))
    assert master is None
    assert sorted(_codes(temuan)) == ["MASTER_BULAN_TIDAK_VALID", "MASTER_KOLOM_HILANG", "MASTER_WAJIB_KOSONG"]


def test_missing_asn_sheet_is_one_finding_not_one_per_reference(tmp_path):
    master, temuan = baca_master(edited(tulis_master(tmp_path / "m.xlsx", mini_rows()),
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
    master, temuan = baca_master(edited(tulis_master(tmp_path / "m.xlsx", mini_rows()),
                                       lambda wb: wb.create_sheet(twin)))
    assert master is None and _codes(temuan) == ["MASTER_LEMBAR_GANDA"]
    assert f'"{twin}"' in temuan[0].pesan and '"ASN"' in temuan[0].pesan


# --- item 7: the command line, in Bahasa Indonesia, refusing what it cannot do ------------------

# What an English frame, an OS error or a library leaks into users' messages.
ENGLISH = ("Traceback", "Error", "error:", "Errno", "Exception", "KeyboardInterrupt", "No such file",
           "Permission denied", "File exists", "Is a directory", "Not a directory", "Too many levels",
           "Cannot detect", "Zip archive", "usage:", "options:", "positional arguments", "show this help",
           "show program", "invalid", "required", "argument", "expected", "unrecognized", "choose from",
           "not allowed", "ambiguous", "could not", "cannot", "failed")


def assert_indonesian(run: subprocess.CompletedProcess) -> None:
    shown = run.stdout + run.stderr
    leaked = [f for f in ENGLISH if f in shown]
    assert not leaked, f"{leaked} in:\n{shown}"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """Files a coordinator may name by mistake, or that a shared drive may hold."""
    d = tmp_path_factory.mktemp("hostile")
    tulis_master(d / "master.xlsx", mini_rows())
    (d / "acak.xlsx").write_bytes(b"\x00\x17garbage" * 50)
    (d / "kosong.xlsx").write_bytes(b"")
    (d / "terpotong.xlsx").write_bytes((d / "master.xlsx").read_bytes()[:900])
    (d / "folder.xlsx").mkdir()
    (d / "hilang.xlsx").symlink_to(d / "tidak-ada.xlsx")
    (d / "putar.xlsx").symlink_to(d / "putar.xlsx")
    (d / "nol.xlsx").symlink_to("/dev/zero")
    import os
    os.mkfifo(d / "pipa.xlsx")
    doc = Document()
    doc.add_paragraph("bukan lembar kerja")
    doc.save(d / "dokumen.xlsx")  # a Word document renamed .xlsx
    return d


WRONG_USAGE = [
    [], ["bogus"], ["--kel"], ["kompilasi"], ["kompilasi", "f", "--master", "m", "--triwulan"],
    ["format", "m", "--keluar", "d", "--proses", "x"], ["format", "m", "--keluar", "d", "--proses", "0"], ["panel", "--master", "m", "--keluar", "k", "--triwulan", "7"],
    ["evaluasi", "--buat", "--hitung", "x"], ["evaluasi"], ["laporan", "--master", "m", "--folder", "f", "--keluar", "k"],
    ["status"], ["pk", "m"], ["pk", "m", "--keluar"], ["kompilasi", "f", "--mas", "m", "--master", "m"],
]


@pytest.mark.parametrize("args", WRONG_USAGE, ids=lambda a: " ".join(a) or "tanpa-argumen")
def test_wrong_usage_is_indonesian_exit_2(args, tmp_path):
    run = cli(*args, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert_indonesian(run)
    assert "Pemakaian: poskinerja" in run.stdout + run.stderr


@pytest.mark.parametrize("command, value", [("evaluasi", "x"), ("rekomendasi", "9"), ("evaluasi", "0")])
def test_wrong_quarter_named_as_typed(hostile, tmp_path, command, value):
    extra = ["--buat"] if command == "evaluasi" else []
    run = cli(command, *extra, "--master", str(hostile / "master.xlsx"), "--folder", str(tmp_path),
              "--keluar", str(tmp_path / "o"), "--triwulan", value, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert_indonesian(run)
    assert f"Triwulan \"{value}\" tidak valid" in run.stderr or f"Triwulan {value} tidak valid" in run.stderr


def test_help_of_every_command_is_indonesian(tmp_path):
    from poskinerja.cli.utama import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    for name in ["", *commands]:
        run = cli(*([name] if name else []), "--help", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert_indonesian(run)
        assert run.stdout.startswith("Pemakaian: poskinerja") and "opsi:" in run.stdout


@pytest.mark.parametrize("name, expected", [
    ("acak.xlsx", "bukan format lembar kerja Excel"), ("kosong.xlsx", "kosong, 0 bita"), ("terpotong.xlsx", "Excel"),
    ("folder.xlsx", "folder, bukan berkas"), ("hilang.xlsx", "tidak ditemukan"),
    ("putar.xlsx", "berputar"), ("nol.xlsx", "bukan berkas biasa"), ("pipa.xlsx", "bukan berkas biasa"),
    ("dokumen.xlsx", "dokumen Word (docx)"), ("tidak-ada.xlsx", "tidak ditemukan"),
])
def test_unusable_master_is_indonesian_exit_2_naming_the_file(hostile, name, expected):
    run = cli("periksa-master", name, cwd=hostile)
    assert run.returncode == 2, run.stderr
    assert_indonesian(run)
    assert name in run.stderr and expected in run.stderr


@pytest.mark.parametrize("name", ["master.xlsx", "acak.xlsx", "dokumen.xlsx", "folder.xlsx", "pipa.xlsx"])
def test_evaluasi_hitung_refuses_a_file_that_is_not_an_evaluation(hostile, name, tmp_path):
    run = cli("evaluasi", "--hitung", str(hostile / name), "--master", str(hostile / "master.xlsx"),
              "--keluar", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert_indonesian(run)
    assert name in run.stderr and "Nilai total" not in run.stdout
    assert not (tmp_path / "out").exists()  # no document


def test_rekomendasi_refuses_an_evaluation_that_is_not_one(hostile, tmp_path):
    (tmp_path / "masuk").mkdir()
    run = cli("rekomendasi", "--master", str(hostile / "master.xlsx"), "--folder", str(tmp_path / "masuk"),
              "--evaluasi", str(hostile / "master.xlsx"), "--keluar", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert_indonesian(run)
    assert "bukan Format Evaluasi Internal" in run.stderr and not (tmp_path / "out").exists()


def test_status_refuses_without_evidence_and_names_what_it_read(hostile, tmp_path):
    run = cli("status", str(hostile / "master.xlsx"), cwd=tmp_path)
    assert run.returncode == 2 and "--folder" in run.stderr and "--keluaran" in run.stderr
    assert_indonesian(run)
    (tmp_path / "masuk" / "TW1").mkdir(parents=True)
    (tmp_path / "keluaran").mkdir()
    run = cli("status", str(hostile / "master.xlsx"), "--folder", str(tmp_path / "masuk"),
              "--keluaran", str(tmp_path / "keluaran"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert f"formulir TW 1: {tmp_path / 'masuk' / 'TW1'}" in run.stdout
    assert "formulir TW 2: tidak ada" in run.stdout and f"keluaran: {tmp_path / 'keluaran'}" in run.stdout
    run = cli("status", str(hostile / "master.xlsx"), "--keluaran", str(tmp_path / "tidak-ada"), cwd=tmp_path)
    assert run.returncode == 2 and "tidak-ada" in run.stderr


def test_os_errors_name_the_users_file_never_a_temporary_one(hostile, tmp_path):
    blocked = tmp_path / "bukan-folder"
    blocked.write_text("sebuah berkas")
    for args in (["master-kosong", str(blocked / "master.xlsx")],
                 ["contoh", str(blocked / "x")],
                 ["format", str(hostile / "master.xlsx"), "--keluar", str(blocked / "formulir")]):
        run = cli(*args, cwd=tmp_path)
        assert run.returncode == 1, run.stdout + run.stderr
        assert_indonesian(run)
        assert "bukan-folder" in run.stderr and ".~tmp" not in run.stderr
        assert ("bagian jalurnya bukan folder" in run.stderr or "padahal yang dibutuhkan folder" in run.stderr)
        assert "ruang disk" not in run.stderr


def test_a_folder_that_refuses_new_files_is_named_not_the_temporary_file(tmp_path):
    run = cli("master-kosong", "/proc/master.xlsx", cwd=tmp_path)  # /proc takes no new files
    assert run.returncode == 1, run.stderr
    assert_indonesian(run)
    assert run.stderr.startswith("Kesalahan: /proc: ") and ".~tmp" not in run.stderr


def test_uraian_os_is_indonesian_for_the_errors_a_shared_drive_gives():
    import errno

    from poskinerja.berkas.aman import pesan_os, uraian_os

    for code in (errno.EEXIST, errno.ELOOP, errno.ENAMETOOLONG, errno.EIO, errno.EBUSY, errno.ENOSPC,
                 errno.EACCES, errno.ENOENT, errno.ETIMEDOUT, errno.EMFILE, errno.ESTALE):
        exc = OSError(code, "English text from the system", "/data/Rekap.xlsx")
        assert "English" not in uraian_os(exc) and "English" not in pesan_os(exc)
        assert pesan_os(exc).startswith("/data/Rekap.xlsx: ")
    assert "ruang disk" not in pesan_os(OSError(errno.ENOENT, "x", "f"))  # advice fits the error
    assert "ruang" in pesan_os(OSError(errno.ENOSPC, "x", "f"))
    assert "English" not in uraian_os(OSError(errno.EOWNERDEAD, "English text"))


def test_ctrl_c_is_one_indonesian_line_exit_130_nothing_half_written(hostile, tmp_path):
    import os
    import signal
    import time

    rows = mini_rows()
    base = rows["ASN"][3]
    for i in range(200):  # enough forms that the run is still going when Ctrl+C comes
        nip = f"19900101201503{1000 + i:04d}"[:14] + f"{1 + i % 2}{i % 1000:03d}"
        rows["ASN"].append({**base, "nip": nip, "nama": f"ASN {i}"})
    master = tulis_master(tmp_path / "besar.xlsx", rows)
    out = tmp_path / "formulir"
    proc = subprocess.Popen([sys.executable, "-m", "poskinerja", "format", str(master), "--keluar", str(out),
                             "--proses", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and not (out.exists() and any(out.rglob("*.xlsx"))):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl+C: to the whole group
    stdout, stderr = proc.communicate(timeout=60)
    run = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    assert proc.returncode == 130, stdout + stderr
    assert_indonesian(run)
    assert stderr.strip().splitlines() == ["Dihentikan (Ctrl+C). Berkas yang sedang ditulis tidak disimpan; "
                                           "keluaran sebelumnya tidak berubah."]
    assert not list(out.rglob(".~tmp*"))
    for form in out.rglob("*.xlsx"):  # every form written is whole
        assert zipfile.ZipFile(form).testzip() is None
    time.sleep(1)
    alive = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert not alive  # no worker outlives the run


def test_broken_template_is_explained_in_indonesian(hostile, tmp_path):
    from poskinerja.dokumen.penyaji import TEMPLATE_PK

    folder = tmp_path / "templat"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph("Perjanjian Kinerja {{ nama ")  # a tag left open while editing in Word
    doc.save(folder / TEMPLATE_PK)
    run = cli("pk", str(hostile / "master.xlsx"), "--keluar", str(tmp_path / "pk"), "--template", str(folder),
              cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert_indonesian(run)
    assert TEMPLATE_PK in run.stderr and "tidak lengkap atau salah tulis" in run.stderr
    assert not list((tmp_path / "pk").rglob("*.docx"))


def test_names_that_are_not_utf8_are_read_and_printed_without_crashing(hostile, tmp_path):
    import os

    odd = tmp_path / os.fsdecode(b"master-\xff.xlsx")  # a name copied from a Windows-1252 system
    shutil.copyfile(hostile / "master.xlsx", odd)
    run = subprocess.run([sys.executable, "-m", "poskinerja", "periksa-master", str(odd)], capture_output=True,
                         timeout=120)
    out, err = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")  # valid UTF-8 on the way out
    assert run.returncode == 0, err
    assert "master-\ufffd.xlsx valid" in out
    run = subprocess.run([sys.executable, "-m", "poskinerja", "periksa-master", os.fsdecode(b"hilang-\xff.xlsx")],
                         capture_output=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 2 and "hilang-\ufffd.xlsx" in run.stderr.decode("utf-8")
    assert_indonesian(subprocess.CompletedProcess(run.args, 2, run.stdout.decode(), run.stderr.decode()))


def test_unknown_unit_code_reported_once(tmp_path):
    rows = mini_rows()
    rows["Unit"][1]["kode_unit"] = "PMS-2"  # renamed in Unit, not in ASN
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    [t] = temuan
    assert t.kode == "MASTER_UNIT_TIDAK_DIKENAL" and t.sel == "D3" and "lembar ASN baris 4, 5" in t.pesan
