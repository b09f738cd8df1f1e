"""Every sub-command, run as users run it: bad input ends in exit 2 and one Indonesian line, never a traceback."""
import subprocess
import sys

import pytest

MISSING = "/tidak/ada/master.xlsx"


@pytest.mark.parametrize("entry", [["-m", "poskinerja"], ["-m", "poskinerja.cli"]])
@pytest.mark.parametrize("args", [
    ["periksa-master", MISSING],
    ["format", MISSING, "--keluar", "x"],
    ["kompilasi", "x", "--master", MISSING, "--triwulan", "1", "--keluar", "y"],
    ["pk", MISSING, "--keluar", "x"],
    ["laporan", "--master", MISSING, "--folder", "x", "--triwulan", "1", "--keluar", "y"],
    ["panel", "--master", MISSING, "--keluar", "p.xlsm"],
    ["status", MISSING],
    ["rekomendasi", "--master", MISSING, "--folder", "x", "--keluar", "y"],
])
def test_missing_master_is_a_clean_usage_error(entry, args, tmp_path):
    run = subprocess.run([sys.executable, *entry, *args], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert "master" in run.stderr.lower() and "tidak ditemukan" in run.stderr


def test_argparse_errors_are_indonesian(tmp_path):
    run = subprocess.run([sys.executable, "-m", "poskinerja", "laporan", "--master", "m", "--folder", "f",
                          "--keluar", "k"], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2
    assert "salah satu argumen --triwulan --semester wajib diisi" in run.stderr
    none = subprocess.run([sys.executable, "-m", "poskinerja"], capture_output=True, text=True, cwd=tmp_path)
    assert none.returncode == 2 and "PERINTAH" in none.stdout


def test_output_blocked_is_a_clear_message_and_previous_output_kept(tmp_path, mini_master_path):
    """The recap is a directory-shaped obstacle here (as an open file is on Windows): exit 1, no traceback."""
    blocked = tmp_path / "keluar" / "Rekap Kinerja 2026 TW1.xlsx"
    blocked.mkdir(parents=True)
    (blocked / "isi-lama").write_text("lama")
    (tmp_path / "masuk").mkdir()
    run = subprocess.run([sys.executable, "-m", "poskinerja", "kompilasi", str(tmp_path / "masuk"),
                          "--master", str(mini_master_path), "--triwulan", "1", "--keluar",
                          str(tmp_path / "keluar")], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "Rekap Kinerja 2026 TW1.xlsx" in run.stderr
    assert "sebuah folder, bukan berkas" in run.stderr and "Is a directory" not in run.stderr
    assert (blocked / "isi-lama").read_text() == "lama"
    assert [p.name for p in blocked.parent.iterdir()] == ["Rekap Kinerja 2026 TW1.xlsx"]  # no temp left


def test_output_locked_by_excel_exit_1(tmp_path, mini_master_path, monkeypatch, capsys):
    """Windows refuses to replace a file open in Excel with PermissionError: say what to do."""
    import os

    from poskinerja.cli import utama as cli

    (tmp_path / "masuk").mkdir()
    real_replace = os.replace

    def locked(src, dst):
        if str(dst).endswith(".xlsx"):
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    code = cli.main(["kompilasi", str(tmp_path / "masuk"), "--master", str(mini_master_path), "--triwulan", "1",
                     "--keluar", str(tmp_path / "keluar")])
    err = capsys.readouterr().err
    assert code == 1 and "Tutup berkas itu bila sedang terbuka di Excel" in err
    assert not list((tmp_path / "keluar").glob("*.xlsx"))


def test_readme_commands_match_ci():
    """CI runs the README's test command; the README's first command runs the demo."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text("utf-8")
    block = readme.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("python3 -m poskinerja demo demo-lembaga")
    assert commands[1] in (root / ".ci" / "run").read_text("utf-8")
