"""poskinerja on a real office PC: a regular install finds its own files, the guides are reachable
from the command line, and the command line reads as one tool."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from poskinerja.berkas.sumber import PANDUAN, BerkasBawaanHilang, contoh_master, panduan, resource

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "poskinerja", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


# --- bundled files ------------------------------------------------------------------------------------

def test_bundled_files_are_package_data():
    """Everything a command reads from the package sits inside it, not beside the source checkout."""
    package = ROOT / "poskinerja"
    for path in (contoh_master(), resource("docx_templates", "perjanjian_kinerja.docx"),
                 *(panduan(name) for name in PANDUAN)):
        assert path.is_file() and package in path.resolve().parents, path
    with pytest.raises(BerkasBawaanHilang, match="tidak ditemukan: docx_templates/tidak-ada.docx"):
        resource("docx_templates", "tidak-ada.docx")


@pytest.mark.parametrize("topik", sorted(PANDUAN))
def test_panduan_writes_the_installed_guide(tmp_path, topik):
    run = run_cli("panduan", topik, str(tmp_path), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    written = tmp_path / PANDUAN[topik][1]
    assert written.read_bytes() == panduan(topik).read_bytes()
    assert str(written.resolve()) in run.stdout
    # into the current folder when none is named; a second run refreshes the copy
    again = run_cli("panduan", topik, cwd=tmp_path)
    assert again.returncode == 0 and sorted(p.name for p in tmp_path.iterdir()) == [written.name]


def test_panduan_refuses_a_missing_folder_or_topic(tmp_path):
    run = run_cli("panduan", "panel", str(tmp_path / "tidak-ada"), cwd=tmp_path)
    assert run.returncode == 2 and "Folder tujuan panduan tidak ditemukan" in run.stderr
    run = run_cli("panduan", "lain", cwd=tmp_path)
    assert run.returncode == 2 and "pilihan tidak valid" in run.stderr and "Traceback" not in run.stderr


# --- a regular install --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def user_install(tmp_path_factory):
    """The wheel built from a copy of the source (the checkout stays untouched), installed with
    ``pip install --user`` into a fresh user base: the install a non-admin Windows user gets."""
    base = tmp_path_factory.mktemp("pasang")
    src = base / "sumber"
    src.mkdir()
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "poskinerja", src / "poskinerja", ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONUSERBASE"] = str(base / "pengguna")
    # the dependencies are those of this Python; only poskinerja itself comes from the wheel
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(base / "dist"), str(src)], check=True, capture_output=True, env=env)
    (wheel,) = (base / "dist").glob("poskinerja-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--user", "--no-deps", "--no-index",
                    "--ignore-installed", "--no-warn-script-location", "-q", str(wheel)],
                   check=True, capture_output=True, env=env)
    elsewhere = base / "kantor"
    elsewhere.mkdir()
    return env, elsewhere


def test_user_install_runs_contoh_pk_laporan_from_another_folder(user_install):
    env, cwd = user_install
    where = subprocess.run([sys.executable, "-c", "import poskinerja; print(poskinerja.__file__)"],
                           capture_output=True, text=True, cwd=cwd, env=env, check=True).stdout.strip()
    assert Path(where).is_relative_to(env["PYTHONUSERBASE"]), where  # not this checkout

    def poskinerja(*args: str) -> str:
        run = run_cli(*args, cwd=cwd, env=env)
        assert run.returncode == 0, (args, run.stderr)
        assert "tidak ditemukan" not in run.stderr, run.stderr
        return run.stdout

    poskinerja("contoh", "2026")
    master = cwd / "2026" / "master.xlsx"
    assert master.read_bytes() == contoh_master().read_bytes()
    poskinerja("pk", str(master), "--keluar", "pk")
    pk = sorted((cwd / "pk").rglob("PK *.docx"))
    assert pk and "PERJANJIAN KINERJA" in "\n".join(p.text for p in Document(str(pk[0])).paragraphs).upper()
    poskinerja("format", str(master), "--keluar", "formulir")
    out = poskinerja("laporan", "--master", str(master), "--folder", "formulir", "--triwulan", "1",
                     "--keluar", "laporan")
    laporan = sorted((cwd / "laporan").glob("Laporan Triwulan I 2026*.docx"))
    assert laporan and all(p.name in out for p in laporan)
    poskinerja("panduan", "panel")
    assert (cwd / PANDUAN["panel"][1]).read_bytes() == panduan("panel").read_bytes()


# --- one command line ---------------------------------------------------------------------------------

def _commands() -> list[str]:
    from poskinerja.cli.utama import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "perintah"]
    return sorted(sub.choices)


@pytest.mark.parametrize("perintah", [None, *_commands()])
def test_every_help_is_indonesian_with_an_example(tmp_path, perintah):
    run = run_cli(*([perintah] if perintah else []), "--help", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert text.startswith("Pemakaian: poskinerja") and "\nopsi:\n" in text
    for english in ("usage:", "options:", "positional arguments", "show this help", "optional arguments"):
        assert english not in text, (perintah, english)
    contoh = text.split("\ncontoh:\n", 1)[1].splitlines()
    assert contoh and all(line.startswith("  poskinerja ") or line.startswith("      ") for line in contoh), text
    assert f"  poskinerja {perintah or ''}".rstrip() in contoh[0]


@pytest.mark.parametrize("flag", ["-V", "--version", "--versi"])
def test_version_in_every_spelling(tmp_path, flag):
    from poskinerja import __version__

    run = run_cli(flag, cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.strip() == f"poskinerja {__version__}"


def test_master_positional_and_old_flag_alike(tmp_path):
    master = contoh_master()
    for args in (["periksa-master", str(master)], ["periksa-master", "--master", str(master)]):
        run = run_cli(*args, cwd=tmp_path)
        assert run.returncode == 0 and "valid" in run.stdout, run.stderr
    (tmp_path / "keluaran").mkdir()
    outs = []
    for args in (["status", str(master), "--keluar", "keluaran"], ["status", "--master", str(master), "--keluaran",
                                                                    "keluaran"]):
        run = run_cli(*args, "--tanggal", "2026-05-04", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        outs.append(run.stdout)
    assert outs[0] == outs[1] and "keluaran: " + str((tmp_path / "keluaran").resolve()) in outs[0]
    both = run_cli("periksa-master", str(master), "--master", "lain.xlsx", cwd=tmp_path)
    assert both.returncode == 2 and "MASTER diberikan dua kali" in both.stderr
    none = run_cli("laporan", "--folder", "f", "--triwulan", "1", "--keluar", "k", cwd=tmp_path)
    assert none.returncode == 2 and "wajib diisi: MASTER" in none.stderr and "Traceback" not in none.stderr


@pytest.fixture
def forms(tmp_path, mini_master_path):
    run = run_cli("format", str(mini_master_path), "--keluar", "formulir", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    return tmp_path / "formulir"


@pytest.mark.parametrize("tw", ["2", "II", "TW2", "TW 2", "triwulan ii"])
def test_quarter_in_every_spelling(tmp_path, mini_master_path, forms, tw):
    """Old and new spellings of the same run give the same recap."""
    run = run_cli("kompilasi", str(mini_master_path), str(forms), "--triwulan", tw, "--keluar", "baru",
                  cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    old = run_cli("kompilasi", str(forms), "--master", str(mini_master_path), "--triwulan", "2",
                  "--keluaran", "lama", cwd=tmp_path)
    assert old.returncode == 0, old.stderr
    (new_recap,) = (tmp_path / "baru").glob("Rekap Kinerja * TW2.xlsx")
    assert (tmp_path / "lama" / new_recap.name).is_file()


@pytest.mark.parametrize("perintah", [
    ["rekomendasi", "M", "--folder", "f", "--keluar", "k"],
    ["laporan", "M", "--folder", "f", "--keluar", "k"],
    ["kompilasi", "M", "f", "--keluar", "k"],
    ["evaluasi", "--buat"],
    ["panel", "M", "--keluar", "p.xlsm"],
])
@pytest.mark.parametrize("tw", ["x", "5", "TW 0"])
def test_bad_quarter_named_in_indonesian(tmp_path, perintah, tw):
    run = run_cli(*perintah, "--triwulan", tw, cwd=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "invalid" not in run.stderr
    shown = {"x": '"x"', "5": "5", "TW 0": "0"}[tw]
    assert f"argumen --triwulan: Triwulan {shown} tidak valid; isi 1, 2, 3 atau 4" in run.stderr, run.stderr


# --- the year folder ----------------------------------------------------------------------------------

def test_year_folder_runs_every_command_without_paths(tmp_path, mini_master_path):
    """mulai, then the whole cycle inside the year folder with no path flag; status finds every step's
    evidence where the commands wrote it."""
    import openpyxl

    from poskinerja.master.baca import muat_master
    from poskinerja.kantor.ruang import PENANDA, cari_ruang
    from poskinerja.contoh.simulasi import isi_evaluasi, penilaian_spi, simulasi_pengisian

    run = run_cli("mulai", "Kinerja 2027", "--tahun", "2027", "--dari", str(mini_master_path), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    root = tmp_path / "Kinerja 2027"
    ruang = cari_ruang(root / "Keluaran" / "Rekap")  # found from a sub-folder, like git
    assert ruang is not None and ruang.akar == root.resolve() and ruang.tahun == 2027
    assert (root / PENANDA).is_file() and (root / "BACA SAYA.txt").is_file()
    assert ruang.panel.is_file() and "Panel" in run.stdout
    panel_conf = openpyxl.load_workbook(ruang.panel)["xlwings.conf"]
    assert not any(sys.executable in str(c.value) for row in panel_conf.iter_rows() for c in row)
    master = muat_master(ruang.master)
    assert master.pengaturan.tahun == 2027 and all(a.tanggal_sah is None for a in master.asn.values())
    assert master.pengaturan.batas_tw[0].year == 2027  # the settings' dates moved with the year

    def poskinerja(*args: str, cwd: Path = root) -> str:
        run = run_cli(*args, cwd=cwd)
        assert run.returncode == 0, (args, run.stderr)
        return run.stdout

    assert "valid" in poskinerja("periksa-master")
    poskinerja("pk")
    poskinerja("format", cwd=root / "Keluaran")  # any sub-folder of the year folder works
    forms = sorted(ruang.formulir.rglob("*.xlsx"))
    assert len(forms) == len(master.asn)
    for tw in (1, 2):
        simulasi_pengisian(master, forms, ruang.terkumpul_tw(tw), triwulan=tw, kesalahan=False)
        poskinerja("kompilasi", "--triwulan", str(tw))
    poskinerja("laporan", "--triwulan", "TW 2")
    poskinerja("laporan", "--semester", "1")
    poskinerja("evaluasi", "--buat", "--triwulan", "2")
    (lke,) = ruang.evaluasi.glob("Format Evaluasi Internal 2027*.xlsx")
    isi_evaluasi(lke, penilaian_spi({}))
    poskinerja("evaluasi", "--hitung", str(lke))
    poskinerja("rekomendasi", "--triwulan", "2")
    status = poskinerja("status", "--tanggal", "2027-07-30")
    rows = {line[:56].strip(): line for line in status.splitlines() if line[:1].isdigit()}
    n = len(master.asn)
    assert f"{n} dari {n} draf PK" in rows["1   Menyusun dokumen Perjanjian Kinerja"]
    for tw in ("I", "II"):
        assert f"{n} dari {n} ASN mengisi" in rows[f"3   Pengukuran kinerja dan pemantauan TW {tw}"]
        assert "kompilasi " in rows[f"4   Kompilasi hasil TW {tw} (draf laporan berjenjang)"]
    assert "dokumen laporan semester" in rows["5   Menyusun laporan kinerja Semester 1"]
    assert "0 dokumen" not in rows["5   Menyusun laporan kinerja Semester 1"]
    assert "Hasil Evaluasi Internal" in rows["6   Evaluasi internal (pengawasan)"]
    assert "Format Rekomendasi 2027" in rows["7   Menyusun RTL / rekomendasi tahun berikutnya"]
    assert str(ruang.keluaran) in status and str(ruang.terkumpul_tw(1)) in status


def test_explicit_paths_override_the_year_folder(tmp_path, mini_master_path):
    run = run_cli("mulai", "ruang", "--tahun", "2027", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Isi master itu" in run.stdout  # a blank master: no panel yet, the next step is named
    root = tmp_path / "ruang"
    lain = tmp_path / "lain"
    run = run_cli("pk", str(mini_master_path), "--keluar", str(lain), cwd=root)
    assert run.returncode == 0, run.stderr
    assert list(lain.rglob("PK *.docx")) and not list((root / "Keluaran").rglob("*.docx"))
    # --ruang from elsewhere; and outside any year folder a missing path is named, not guessed
    run = run_cli("periksa-master", "--ruang", str(root), cwd=tmp_path)
    assert run.returncode == 2 and "Master Kinerja 2027.xlsx tidak dapat dipakai" in run.stderr
    run = run_cli("pk", str(mini_master_path), cwd=tmp_path)
    assert run.returncode == 2 and "wajib diisi: --keluar" in run.stderr and "poskinerja mulai" in run.stderr
    run = run_cli("mulai", "ruang", "--tahun", "2028", cwd=tmp_path)
    assert run.returncode == 2 and "sudah menjadi ruang kerja tahun 2027" in run.stderr


# --- the environment check ----------------------------------------------------------------------------

def test_periksa_lingkungan_reports_interpreter_packages_and_folders(tmp_path, mini_master_path):
    run = run_cli("mulai", "ruang", "--tahun", "2027", "--dari", str(mini_master_path), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    root = tmp_path / "ruang"
    run = run_cli("periksa-lingkungan", cwd=root / "Keluaran")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "[OK] Python" in run.stdout and sys.executable in run.stdout
    for dist in ("xlwings", "Jinja2", "pyOpenVBA", "Folder keluaran"):
        assert f"[OK] {dist}" in run.stdout
    # the panel's own cells name the same places; a folder gone (a share not mapped) is named
    shutil.rmtree(root / "Keluaran")
    run = run_cli("periksa-lingkungan", "--panel", str(root / "Panel Kinerja 2027.xlsm"), cwd=tmp_path)
    assert run.returncode == 1
    assert "[MASALAH] Folder keluaran" in run.stdout and str((root / "Keluaran").resolve()) in run.stdout
    assert "[OK] Berkas master" in run.stdout and "1 masalah" in run.stdout


def test_missing_windows_package_is_named_with_the_install_command():
    from poskinerja.kantor.lingkungan import cek_paket

    rows = {r.hal: r for r in cek_paket(windows=True)}
    try:
        import win32com  # noqa: F401
    except ImportError:
        assert not rows["pywin32"].baik and 'pip install "pywin32"' in rows["pywin32"].keterangan
    else:
        assert rows["pywin32"].baik
    assert "pywin32" not in {r.hal for r in cek_paket(windows=False)}


# --- the offline install folder (uses the package registry, as CI does) --------------------------------

def test_paket_windows_resolves_offline_for_every_supported_python(tmp_path):
    from poskinerja.kantor.paket import PYTHON_DIDUKUNG

    run = run_cli("paket-windows", "offline", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    folder = tmp_path / "offline"
    pasang = (folder / "pasang.cmd").read_bytes().decode("utf-8")
    assert "--no-index" in pasang and '--find-links "%PAKET%"' in pasang and 'set "PAKET=%~dp0paket"' in pasang
    assert "%LOCALAPPDATA%" in pasang and "\r\n" in pasang  # the venv goes into the user's profile
    (wheel,) = (folder / "paket").glob("poskinerja-*.whl")
    for version in PYTHON_DIDUKUNG:
        assert f"Python {version}:" in run.stdout
        # an independent resolution for that Windows Python from the folder alone, into a fresh folder
        got = tmp_path / f"cek-{version}"
        check = subprocess.run([sys.executable, "-m", "pip", "download", "--no-index", "--find-links",
                                str(folder / "paket"), "--only-binary=:all:", "--platform", "win_amd64",
                                "--implementation", "cp", "--python-version", version, "-d", str(got),
                                str(wheel), "pywin32"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        names = {p.name.split("-")[0].lower() for p in got.glob("*.whl")}
        assert {"poskinerja", "xlwings", "pywin32", "lxml", "python_calamine", "docxtpl", "jinja2"} <= names, names
        tag = "cp" + version.replace(".", "")
        assert any(p.name.startswith("lxml-") and f"-{tag}-" in p.name and p.name.endswith("win_amd64.whl")
                   for p in got.glob("*.whl"))
    assert not list(folder.rglob("*.egg-info")) and not (folder / "build").exists()


# --- the panel finds Python on each PC ----------------------------------------------------------------

@pytest.fixture(scope="module")
def module1(tmp_path_factory):
    from oletools.olevba import VBA_Parser

    from conftest import mini_rows
    from poskinerja.master.tulis import tulis_master

    root = tmp_path_factory.mktemp("panel-python")
    master = tulis_master(root / "master.xlsx", mini_rows())
    run = run_cli("panel", str(master), "--keluar", str(root / "Panel.xlsm"), cwd=root)
    assert run.returncode == 0, run.stderr
    parser = VBA_Parser(str(root / "Panel.xlsm"))
    try:
        return {Path(stream).name: code for _, stream, _, code in parser.extract_macros()}["Module1"]
    finally:
        parser.close()


def test_panel_vba_resolves_the_interpreter_in_order_with_no_machine_path(module1):
    finder = re.search(r"^Private Function CariPython\(.*?^End Function", module1, re.M | re.S).group(0)
    steps = ["ExpandEnvironmentStrings(pythonAsal)",  # the configured path, environment variables expanded
             'ThisWorkbook.Path & "\\python\\python.exe"',  # a Python beside the panel on the share
             "%LOCALAPPDATA%\\poskinerja\\venv\\Scripts\\python.exe",  # where pasang.cmd installs
             "Array(&H80000001, &H80000002)",  # python.org installs: HKCU then HKLM …
             "py -3 -c", "where python"]  # … the py launcher, then PATH
    where = [finder.find(step) for step in steps]
    assert all(i >= 0 for i in where), dict(zip(steps, where))
    assert where == sorted(where)
    assert '"Software\\Python\\PythonCore\\" & versi(i) & "\\InstallPath"' in module1  # the keys py reads
    assert '"\\WindowsApps\\"' in module1  # the Store alias is refused
    assert "import poskinerja, xlwings, win32api" in module1  # a candidate must import what the buttons need
    bodies = re.findall(r"^Sub (Tombol\w+)\(\)\r?\n(.*?)^End Sub", module1, re.M | re.S)
    assert bodies and all(b.index("SiapkanPython") < b.index("RunPython") < b.index("PulihkanPython")
                          for _, b in bodies)
    assert "Public Sub PeriksaPython()" in module1 and "periksa-lingkungan --panel" in module1
    assert not re.search(r"[A-Za-z]:\\\\?(Users|Program|Python)", module1), "a machine-specific path"
    assert sys.executable not in module1


ENGLISH = {"the", "could", "not", "found", "please", "error", "file", "install", "failed", "check", "found",
           "interpreter", "missing", "run", "click", "again", "cannot", "is", "was", "and", "or", "with"}


def test_panel_vba_messages_are_indonesian(module1):
    # every string literal a user can see: MsgBox text and title, and the notes appended to them
    shown = []
    for statement in re.findall(r"(?:MsgBox|catatan = catatan &) (.*?)(?<!_)\r?\n(?!\s+\")", module1, re.S):
        shown += re.findall(r'"((?:[^"]|"")*)"', statement)
    text = " ".join(shown)
    assert "Python untuk panel tidak ditemukan" in text and "pasang.cmd" in text and "Periksa Python" in text
    # commands and setting names the user types or looks for stay as they are
    for code in ("py -m pip install poskinerja", "Interpreter_Win", "xlwings.conf", "python.exe", "pasang.cmd"):
        text = text.replace(code, "")
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    assert not words & ENGLISH, words & ENGLISH
