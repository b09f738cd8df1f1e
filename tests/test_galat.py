"""One exception base: every error the library raises for the user derives from PoskinerjaGagal,
and both shells classify by it (the command line's exit code, the panel's message box)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import poskinerja
from poskinerja.berkas.cadangan import SudahAda
from poskinerja.cli.utama import main
from poskinerja.excel.tombol import _gagal
from poskinerja.inti.galat import KELUAR_BERKAS, KELUAR_PEMAKAIAN, PoskinerjaGagal

# Not the user's to act on as such: a reader's reason that its caller wraps with the file's name
# (BerkasTidakTerbaca and its BerkasTerlaluBesar), an incomplete installation that is an OSError to
# both shells (BerkasBawaanHilang), and xlwings Server's own error type (GalatIndonesia, nested).
BUKAN_GALAT_PEMAKAI = {"BerkasTidakTerbaca", "BerkasTerlaluBesar", "BerkasBawaanHilang"}


def _kelas_galat():
    for info in pkgutil.walk_packages(poskinerja.__path__, "poskinerja."):
        if info.name.endswith("__main__"):
            continue
        modul = importlib.import_module(info.name)
        for nama, kelas in inspect.getmembers(modul, inspect.isclass):
            if kelas.__module__ == info.name and issubclass(kelas, BaseException):
                yield nama, kelas


def test_every_library_error_derives_from_the_one_base():
    kelas = dict(_kelas_galat())
    assert {"KompilasiGagal", "MasterTidakValid", "PeriodeTidakValid", "DokumenGagal", "Gagal",
            "FolderSedangDipakai", "SudahAda", "MasalahPanel"} <= set(kelas)
    lepas = sorted(n for n, k in kelas.items() if n not in BUKAN_GALAT_PEMAKAI and not issubclass(k, PoskinerjaGagal))
    assert lepas == []


def test_a_busy_folder_exits_1_a_usage_problem_2():
    from poskinerja.kompilasi.generasi import FolderSedangDipakai
    from poskinerja.kompilasi.jalan import KompilasiGagal

    assert FolderSedangDipakai.kode_keluar == KELUAR_BERKAS == 1
    assert KompilasiGagal.kode_keluar == KELUAR_PEMAKAIAN == 2


def test_cli_prints_the_message_and_the_class_exit_code(tmp_path, capsys):
    # a missing forms folder: KompilasiGagal from the library, with no wrapper in the command
    from poskinerja.berkas.sumber import contoh_master

    kode = main(["kompilasi", str(contoh_master()), str(tmp_path / "tidak-ada"), "--triwulan", "1",
                 "--keluar", str(tmp_path / "keluar")])
    err = capsys.readouterr().err
    assert kode == 2 and err.startswith("Kesalahan: Folder formulir tidak ditemukan: ")


@pytest.mark.parametrize("exc", [SudahAda("Berkas contoh.xlsx sudah ada; pakai --timpa.")])
def test_panel_shows_any_library_error_as_its_message(exc):
    pesan, singkat = _gagal(None, exc)
    assert pesan.startswith(str(exc)) and "Periksa isian di lembar Panel" in pesan
    assert "tidak terduga" not in pesan and singkat == str(exc)
