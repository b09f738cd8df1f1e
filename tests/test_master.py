"""Master validation: every problem kind is reported with sheet, row and column."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import KASI, STAF_A
from poskinerja.master.baca import baca_master, nip_problem
from poskinerja.master.tulis import tulis_master


def problems(tmp_path, rows):
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    assert master is None, "an invalid master must not be usable"
    return temuan


def only(temuan, kode):
    found = [t for t in temuan if t.kode == kode]
    assert found, f"expected {kode} in {[str(t) for t in temuan]}"
    return found


def test_mini_master_is_valid(mini_master):
    assert len(mini_master.asn) == 4
    assert mini_master.pengaturan.tahun == 2026
    assert [i.kode for i in mini_master.indikator[KASI]] == ["PMS-01", "PMS-02", "PMS-03"]
    assert mini_master.indikator[KASI][2].target_tw == (None, None, None, 3.5)


def test_all_problems_reported_at_once(tmp_path, rows):
    rows["ASN"][3]["nip"] = rows["ASN"][2]["nip"]           # duplicate NIP (row 5)
    rows["Indikator"][0]["polaritas"] = "naik"               # bad polarity (row 2)
    rows["Kegiatan"][0]["bulan_mulai"] = 13                  # month outside 1-12 (row 2)
    temuan = problems(tmp_path, rows)
    codes = {t.kode for t in temuan}
    assert {"MASTER_NIP_GANDA", "MASTER_PILIHAN_TIDAK_VALID", "MASTER_BULAN_TIDAK_VALID"} <= codes


def test_duplicate_nip(tmp_path, rows):
    rows["ASN"][3]["nip"] = STAF_A
    [t] = only(problems(tmp_path, rows), "MASTER_NIP_GANDA")
    assert (t.sheet, t.sel) == ("ASN", "A5")
    assert "Lembar ASN baris 5 kolom nip (A)" in t.pesan and "baris 4" in t.pesan


@pytest.mark.parametrize("nip, reason", [
    ("19900101201503100", "18 digit"),
    ("199002302015031003", "tanggal lahir 30-02-1990 tidak ada"),
    ("199001012015039003", "digit jenis kelamin 9"),
    ("199001012015131003", "bulan pengangkatan 13"),
])
def test_invalid_nip(tmp_path, rows, nip, reason):
    rows["ASN"][2]["nip"] = nip
    for r in rows["Indikator"] + rows["Kegiatan"]:
        if r["nip"] == STAF_A:
            r["nip"] = nip
    [t] = only(problems(tmp_path, rows), "MASTER_NIP_TIDAK_VALID")
    assert t.sel == "A4" and reason in t.pesan


def test_nip_stored_as_number(tmp_path, rows):
    import openpyxl
    path = tulis_master(tmp_path / "m.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    wb["ASN"]["A4"] = 199001012015031003  # Excel keeps only 15 digits of this
    wb.save(path)
    master, temuan = baca_master(path)
    [t] = only(temuan, "MASTER_NIP_TIDAK_VALID")
    assert "sebagai angka" in t.pesan and t.sel == "A4"


def test_unknown_unit_and_superior(tmp_path, rows):
    rows["ASN"][2]["kode_unit"] = "XYZ"
    rows["ASN"][3]["nip_atasan"] = "198001012005011001"
    temuan = problems(tmp_path, rows)
    [unit] = only(temuan, "MASTER_UNIT_TIDAK_DIKENAL")
    assert unit.sel == "D4" and "XYZ" in unit.pesan
    [atasan] = only(temuan, "MASTER_NIP_TIDAK_DIKENAL")
    assert atasan.sel == "E5" and "nip_atasan" in atasan.pesan


def test_indicator_for_unknown_nip(tmp_path, rows):
    rows["Indikator"][5]["nip"] = "198801012010011001"
    [t] = only(problems(tmp_path, rows), "MASTER_NIP_TIDAK_DIKENAL")
    assert (t.sheet, t.sel) == ("Indikator", "A7")


def test_duplicate_indicator_code(tmp_path, rows):
    rows["Indikator"][6]["kode_indikator"] = "A-01"
    [t] = only(problems(tmp_path, rows), "MASTER_KODE_GANDA")
    assert (t.sheet, t.sel) == ("Indikator", "B8") and "baris 7" in t.pesan


@pytest.mark.parametrize("value, fragment", [("banyak", "bukan angka"), (-5, "tidak negatif")])
def test_bad_target(tmp_path, rows, value, fragment):
    rows["Indikator"][5]["target_tw2"] = value
    [t] = only(problems(tmp_path, rows), "MASTER_ANGKA_TIDAK_VALID")
    assert (t.sheet, t.sel) == ("Indikator", "J7") and fragment in t.pesan


def test_non_cumulative_targets_must_sum(tmp_path, rows):
    rows["Indikator"][5]["target_tw4"] = 11  # 10+10+10+11 != 40
    [t] = only(problems(tmp_path, rows), "MASTER_TARGET_TIDAK_SESUAI")
    assert t.sel == "H7" and "jumlah target TW I–IV (41)" in t.pesan


def test_cumulative_last_quarter_must_equal_year(tmp_path, rows):
    rows["Indikator"][8]["target_tw4"] = 85  # cumulative, year target 90
    [t] = only(problems(tmp_path, rows), "MASTER_TARGET_TIDAK_SESUAI")
    assert t.sel == "L10" and "target TW 4 (85)" in t.pesan


def test_month_outside_range(tmp_path, rows):
    rows["Kegiatan"][1]["bulan_selesai"] = 0
    [t] = only(problems(tmp_path, rows), "MASTER_BULAN_TIDAK_VALID")
    assert (t.sheet, t.sel) == ("Kegiatan", "H3")


def test_missing_sheet_and_column(tmp_path, rows):
    from poskinerja.master import tulis as master_tulis
    path = master_tulis.tulis_master(tmp_path / "m.xlsx", rows)
    import openpyxl
    wb = openpyxl.load_workbook(path)
    del wb["Kegiatan"]
    wb["Unit"]["C1"] = "tipe"
    wb.save(path)
    master, temuan = baca_master(path)
    assert master is None
    codes = {(t.kode, t.sheet) for t in temuan}
    assert ("MASTER_LEMBAR_HILANG", "Kegiatan") in codes and ("MASTER_KOLOM_HILANG", "Unit") in codes


def test_corrupt_master(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    master, temuan = baca_master(path)
    assert master is None and temuan[0].kode == "FILE_RUSAK"


def test_nip_problem_accepts_valid():
    assert nip_problem("197410062003121001") == ""


def test_cli_unusable_master_exits_2_with_full_list(tmp_path, rows):
    rows["ASN"][3]["nip"] = STAF_A
    rows["Kegiatan"][0]["bulan_mulai"] = 13
    path = tulis_master(tmp_path / "m.xlsx", rows)
    proc = subprocess.run([sys.executable, "-m", "poskinerja.cli", "format", str(path), "--keluar",
                           str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "MASTER_NIP_GANDA" in proc.stderr and "MASTER_BULAN_TIDAK_VALID" in proc.stderr
    assert "tidak dapat dipakai (2 masalah)" in proc.stderr or "masalah" in proc.stderr


def test_master_kosong_has_headers_and_validates_structure(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "poskinerja.cli", "master-kosong",
                           str(tmp_path / "kosong.xlsx")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    import openpyxl
    wb = openpyxl.load_workbook(tmp_path / "kosong.xlsx")
    assert {"Petunjuk", "Pengaturan", "Predikat", "Unit", "ASN", "Indikator", "Kegiatan", "Libur"} <= set(wb.sheetnames)
    assert [c.value for c in wb["ASN"][1]][:5] == ["nip", "nama", "jabatan", "kode_unit", "nip_atasan"]
    assert wb["Indikator"]["F1"].comment is not None  # column notes
    assert any("polaritas" not in str(dv.sqref) for dv in wb["Indikator"].data_validations.dataValidation)
    master, temuan = baca_master(tmp_path / "kosong.xlsx")
    # The empty master is structurally complete: only its empty settings are reported.
    assert {t.kode for t in temuan} == {"MASTER_PENGATURAN"}
