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
