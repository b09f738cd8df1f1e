"""Issue 16: the master's optional annual-report additions, checked like everything else."""
from __future__ import annotations

from conftest import KASI, KEPALA
from poskinerja.master import baca_master, muat_master
from poskinerja.master_tulis import tulis_master
from poskinerja.model import ATURAN_TURUNAN, progres_renstra, target_lintasan


def _setting(rows, key, value):
    rows["Pengaturan"].append({"kunci": key, "nilai": value})


def test_old_master_without_additions_stays_valid(mini_master):
    ind = mini_master.indikator[KEPALA][0]
    assert (ind.target_renstra, ind.tahun_renstra, ind.standar_nasional, ind.aturan_turunan) == (None, None, None, "")
    assert mini_master.pengaturan.tahun_akhir_renstra is None
    assert all(k.kode_indikator == () for items in mini_master.kegiatan.values() for k in items)
    assert mini_master.rtl == []


def test_additions_are_read(tmp_path, rows):
    _setting(rows, "tahun_akhir_renstra", 2029)
    rows["Indikator"][0].update(target_renstra=100, standar_nasional=95, sumber_standar="Permen X/2024",
                                aturan_turunan="rata_tertimbang")
    rows["Indikator"][1].update(tahun_renstra=2028, target_renstra=2)
    rows["Kegiatan"][0]["kode_indikator"] = "PMS-01; IKU-01"
    master = muat_master(tulis_master(tmp_path / "m.xlsx", rows))
    iku1, iku2 = master.indikator[KEPALA][:2]
    assert (iku1.target_renstra, iku1.tahun_renstra, iku1.standar_nasional) == (100, None, 95)
    assert (iku1.sumber_standar, iku1.aturan_turunan) == ("Permen X/2024", "rata_tertimbang")
    assert (iku2.tahun_renstra, iku2.target_renstra) == (2028, 2)
    assert master.pengaturan.tahun_akhir_renstra == 2029
    assert master.kegiatan[KASI][0].kode_indikator == ("PMS-01", "IKU-01")


def test_additions_are_checked_with_sheet_row_and_column(tmp_path, rows):
    _setting(rows, "tahun_akhir_renstra", 2020)                      # before the master's year
    rows["Indikator"][0].update(standar_nasional=95)                  # no source given (row 2)
    rows["Indikator"][1].update(aturan_turunan="median", tahun_renstra="dua ribu")  # row 3
    rows["Indikator"][2].update(target_renstra=-4)                   # row 4
    rows["Kegiatan"][1]["kode_indikator"] = "A-01, X-99"             # unknown code (row 3)
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    assert master is None
    seen = {(t.kode, t.sheet, t.sel) for t in temuan}
    cols = _columns(rows)
    assert ("MASTER_WAJIB_KOSONG", "Indikator", f"{cols['sumber_standar']}2") in seen
    assert ("MASTER_PILIHAN_TIDAK_VALID", "Indikator", f"{cols['aturan_turunan']}3") in seen
    assert ("MASTER_ANGKA_TIDAK_VALID", "Indikator", f"{cols['tahun_renstra']}3") in seen
    assert ("MASTER_ANGKA_TIDAK_VALID", "Indikator", f"{cols['target_renstra']}4") in seen
    unknown = [t for t in temuan if t.kode == "MASTER_KODE_TIDAK_DIKENAL"]
    assert len(unknown) == 1 and unknown[0].sheet == "Kegiatan" and "X-99" in unknown[0].pesan
    assert any(t.kode == "MASTER_PENGATURAN" and "tahun_akhir_renstra" in t.pesan for t in temuan)


def _columns(rows):
    from poskinerja.master_tulis import columns_of
    from poskinerja.xlsx_baca import col_letter

    return {name: col_letter(i) for i, name in enumerate(columns_of("Indikator"))}


def test_rtl_sheet_is_read_and_unit_checked(tmp_path, rows):
    rows["RTL"] = [{"id": "CAPAIAN-X", "tahun_asal": 2025, "kode_unit": "PMS", "kode_indikator": "PMS-01",
                    "rekomendasi": "Tinjau target", "status": "proses"},
                   {"id": "T-2", "tahun_asal": 2025, "kode_unit": "ZZZ", "rekomendasi": "Apa saja"}]
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    assert master is None and [t.kode for t in temuan] == ["MASTER_UNIT_TIDAK_DIKENAL"]
    rows["RTL"].pop()
    master = muat_master(tulis_master(tmp_path / "m2.xlsx", rows))
    assert [(r.id, r.tahun_asal, r.kode_indikator, r.status) for r in master.rtl] == [
        ("CAPAIAN-X", 2025, "PMS-01", "proses")]


def test_derivation_rules_and_renstra_helpers():
    assert ATURAN_TURUNAN["jumlah"].compute([1, 2, 3]) == 6
    assert ATURAN_TURUNAN["rata"].compute([1, 2, 3]) == 2
    assert ATURAN_TURUNAN["rata_tertimbang"].compute([10, 20], [1, 3]) == 17.5
    assert ATURAN_TURUNAN["terakhir"].compute([4, 9]) == 9
    assert ATURAN_TURUNAN["rata"].compute([1, None]) is None  # never a partial result
    assert progres_renstra(80, 100) == 80 and progres_renstra(None, 100) is None
    assert target_lintasan(70, 100, 2026, 2029) == 80
    assert target_lintasan(70, 100, 2029, 2029) is None and target_lintasan(70, None, 2026, 2029) is None
