"""Issue 16 item 5: next year's master from this one, on real recaps of four kompilasi runs."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from conftest import KASI, KEPALA, STAF_A, STAF_B
from poskinerja.master.baca import muat_master
from poskinerja.siklus.rekomendasi import (Rekomendasi, baca_rekomendasi, perbarui_rekomendasi, rtl_tahun_lalu,
                                    tulis_rekomendasi)
from tahunan import rows_for_year, tahun_lengkap, tahunan_independen


@pytest.fixture(scope="module")
def tahun_ini(tmp_path_factory):
    root = tmp_path_factory.mktemp("tahun_baru")
    rows = rows_for_year(2026)
    rows["Pengaturan"].append({"kunci": "tahun_akhir_renstra", "nilai": 2029})
    rows["Indikator"][0].update(target_renstra=130)                       # IKU-01: 100 → 130 by 2029
    rows["Indikator"][2].update(target_renstra=15, tahun_renstra=2027)   # PMS-01: 12 → 15 next year
    rows["Kegiatan"][0]["kode_indikator"] = "PMS-01, IKU-01"
    rows["RTL"] = [{"id": "LAMA-1", "tahun_asal": 2025, "kode_unit": "PMS", "kode_indikator": "PMS-02",
                    "rekomendasi": "Tuntaskan temuan BPK", "status": "proses"},
                   {"id": "LAMA-2", "tahun_asal": 2025, "kode_unit": "PMS", "rekomendasi": "Sudah beres",
                    "status": "selesai"}]
    year = tahun_lengkap(root, 2026, rows, kesalahan=True)
    rtl = root / "Format Rekomendasi 2026.xlsx"
    tulis_rekomendasi(year["master"], Rekomendasi([
        {"ID": f"CAPAIAN-{STAF_B}-B-01", "Sumber": "Data pengukuran", "Temuan": "Capaian rendah",
         "Rekomendasi": "Tinjau strategi validasi data", "Unit Penanggung Jawab": "PMS", "Status": "proses",
         "Tindak Lanjut": "Pelatihan operator"},
        {"ID": "LKE-1.a.1", "Sumber": "Evaluasi internal", "Temuan": "Renstra belum selaras",
         "Rekomendasi": "Selaraskan Renstra", "Unit Penanggung Jawab": "", "Status": "belum"},
        # the items this master carried from 2025, as this year's Format Rekomendasi lists them
        *rtl_tahun_lalu(year["master"], dt.date(2027, 3, 31))], [], []), rtl)
    out = root / "master 2027.xlsx"
    proc = subprocess.run([sys.executable, "-m", "poskinerja", "tahun-baru", str(year["path"]),
                           "--rekap", str(year["folder"] / "rekap"), "--keluar", str(out),
                           "--rekomendasi", str(rtl)], capture_output=True, text=True)
    return {**year, "root": root, "out": out, "proc": proc, "rows": rows}


def test_cli_writes_a_valid_master_for_next_year(tahun_ini):
    proc = tahun_ini["proc"]
    assert proc.returncode == 0, proc.stderr
    assert "Master tahun 2027 ditulis" in proc.stdout and "Rekomendasi (RTL) dibawa: 3" in proc.stdout
    baru = muat_master(tahun_ini["out"])
    lama = tahun_ini["master"]
    assert baru.pengaturan.tahun == 2027 and baru.pengaturan.tahun_akhir_renstra == 2029
    assert baru.pengaturan.batas_tw[0].year == 2027 and baru.pengaturan.kepala_nip == KEPALA
    assert list(baru.unit) == list(lama.unit) and list(baru.asn) == list(lama.asn)
    assert all(a.tanggal_sah is None for a in baru.asn.values())  # next year's PK is not signed yet
    key = lambda m: [(i.nip, i.kode, i.indikator, i.kode_induk, i.polaritas, i.kumulatif, i.bobot)  # noqa: E731
                     for items in m.indikator.values() for i in items]
    assert key(baru) == key(lama)
    assert [(k.nip, k.kode, k.pagu, k.kode_indikator) for items in baru.kegiatan.values() for k in items] == \
           [(k.nip, k.kode, k.pagu, k.kode_indikator) for items in lama.kegiatan.values() for k in items]


def test_realisasi_tahun_lalu_is_this_years_final_value(tahun_ini):
    expected = tahunan_independen(tahun_ini["rekap"])
    baru = muat_master(tahun_ini["out"])
    got = {(i.nip, i.kode): i.realisasi_tahun_lalu for items in baru.indikator.values() for i in items}
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value) if value is not None else got[key] is None, key
    # both kinds occur: a kumulatif one (last quarter) and a tidak-kumulatif one (sum of four)
    assert expected[(KEPALA, "IKU-01")] is not None and expected[(STAF_A, "A-01")] is not None
    # the simulation left one person out and one realisasi blank in TW IV: stated, not invented
    assert any(v is None for v in expected.values())


def test_targets_follow_the_renstra_else_are_copied(tahun_ini):
    baru = {(i.nip, i.kode): i for items in muat_master(tahun_ini["out"]).indikator.values() for i in items}
    iku1 = baru[(KEPALA, "IKU-01")]
    assert iku1.target_tahun == 110 and iku1.target_tw == (27.5, 55, 82.5, 110)  # 100 + (130−100)/3
    pms1 = baru[(KASI, "PMS-01")]
    assert pms1.target_tahun == 15 and sum(pms1.target_tw) == 15 and pms1.target_tw[0] == 3.75
    assert baru[(STAF_A, "A-01")].target_tahun == 40  # no Renstra: copied for the planners
    assert "Target dari lintasan Renstra: 2; disalin untuk ditetapkan: 9" in tahun_ini["proc"].stdout


def test_rtl_reaches_next_years_tracker(tahun_ini, tmp_path):
    baru = muat_master(tahun_ini["out"])
    carried = {r.id: r for r in baru.rtl}
    assert set(carried) == {f"CAPAIAN-{STAF_B}-B-01", "LKE-1.a.1", "LAMA-1"}  # LAMA-2 was done
    assert (carried[f"CAPAIAN-{STAF_B}-B-01"].kode_unit, carried[f"CAPAIAN-{STAF_B}-B-01"].kode_indikator,
            carried[f"CAPAIAN-{STAF_B}-B-01"].status) == ("PMS", "B-01", "proses")
    assert carried["LAMA-1"].tahun_asal == 2025 and carried["LKE-1.a.1"].tahun_asal == 2026
    assert carried["LAMA-1"].kode_indikator == "PMS-02" and carried["LAMA-1"].status == "proses"
    dest = tmp_path / "Format Rekomendasi 2027.xlsx"
    perbarui_rekomendasi(baru, {}, dest)
    rows = {r["ID"]: r for r in baca_rekomendasi(dest)}
    row = rows[f"RTL2026-CAPAIAN-{STAF_B}-B-01"]
    assert row["Sumber"] == "RTL tahun 2026" and row["Status"] == "proses"
    assert "indikator B-01" in row["Temuan"] and row["Tindak Lanjut"] == "Pelatihan operator"
    assert "RTL2025-LAMA-1" in rows


def test_refuses_to_overwrite_and_needs_recaps(tahun_ini, tmp_path):
    args = [sys.executable, "-m", "poskinerja", "tahun-baru", str(tahun_ini["path"])]
    proc = subprocess.run(args + ["--rekap", str(tahun_ini["folder"] / "rekap"), "--keluar", str(tahun_ini["out"])],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "--timpa" in proc.stderr
    proc = subprocess.run(args + ["--rekap", str(tmp_path), "--keluar", str(tmp_path / "x.xlsx")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Tidak ada rekap kompilasi tahun 2026" in proc.stderr
    assert not (tmp_path / "x.xlsx").exists()
