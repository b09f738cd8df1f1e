"""Issue 16 item 2: history across years from real recaps written by kompilasi runs."""
from __future__ import annotations

import shutil

import pytest

from conftest import KASI, KEPALA, STAF_A, STAF_B
from poskinerja.siklus.riwayat import RiwayatGagal, baca_data, cari_rekap, nilai_per_tahun, riwayat_indikator
from tahunan import rows_for_year, tahun_lengkap, tahunan_independen

TAHUN = (2020, 2021, 2023, 2024, 2025, 2026)  # 2022 has no recap at all


@pytest.fixture(scope="module")
def arsip(tmp_path_factory):
    root = tmp_path_factory.mktemp("riwayat")
    years = {}
    for tahun in TAHUN:
        rows = rows_for_year(tahun)
        if tahun == 2021:
            rows["Indikator"][0]["indikator"] = "Sekolah terpetakan (nama lama)"  # renamed, same code
        if tahun == 2024:
            rows["Indikator"][1]["kode_indikator"] = "IKU-02-LAMA"  # a code that changed: not matched
            rows["Indikator"][2]["kode_indikator"] = "PMS-01-LAMA"  # changed, but matched by its kode_induk
        years[tahun] = tahun_lengkap(root, tahun, rows, triwulan=(1, 2, 3) if tahun == 2023 else (1, 2, 3, 4))
    # a stale copy in a backup folder must be ignored
    backup = root / "2025" / "rekap" / "_cadangan"
    backup.mkdir()
    shutil.copy(years[2025]["rekap"][4], backup / years[2025]["rekap"][4].name)
    return {"root": root, "years": years, "per_tahun": nilai_per_tahun([root])}


def test_recaps_found_by_year_and_quarter(arsip):
    found = cari_rekap([arsip["root"]])
    assert sorted(found) == list(TAHUN)
    assert sorted(found[2023]) == [1, 2, 3]
    assert found[2025][4] == arsip["years"][2025]["rekap"][4]  # not the backup copy


def test_annual_values_equal_an_independent_computation(arsip):
    for tahun in TAHUN:
        if tahun == 2023:
            continue
        expected = tahunan_independen(arsip["years"][tahun]["rekap"])
        got = arsip["per_tahun"][tahun]
        assert set(got) == set(expected)
        assert sum(v is not None for v in expected.values()) >= 8  # mostly complete years
        for key, value in expected.items():
            if value is None:
                assert got[key].realisasi is None and got[key].keterangan, (tahun, key)
            else:
                assert got[key].realisasi == pytest.approx(value), (tahun, key)
                assert got[key].sumber and all("Data baris" in s for s in got[key].sumber)


def test_a_missing_value_names_only_the_quarters_the_rule_needs(tmp_path):
    year = tahun_lengkap(tmp_path, 2026, kesalahan=True)  # the last person (STAF_B) returns nothing
    values = nilai_per_tahun([year["folder"] / "rekap"])[2026]
    assert values[(STAF_B, "B-01")].keterangan == "realisasi TW IV tidak ada"  # kumulatif: the last quarter
    assert values[(STAF_B, "B-02")].keterangan == "realisasi TW I, TW II, TW III, TW IV tidak ada"


def test_capaian_uses_the_rule_the_recap_states(arsip):
    v = arsip["per_tahun"][2025][(KEPALA, "IKU-02")]  # negative polarity, selisih
    assert v.rumus_capaian == "(2 × target − realisasi) / target × 100"
    assert v.capaian == pytest.approx((2 * v.target - v.realisasi) / v.target * 100)
    v = arsip["per_tahun"][2025][(KASI, "PMS-02")]  # target 0, negative: the target-0 rule the recap applied
    assert v.target == 0 and v.capaian == (100.0 if v.realisasi == 0 else 0.0)
    v = arsip["per_tahun"][2025][(STAF_A, "A-01")]
    assert v.capaian == pytest.approx(v.realisasi / v.target * 100) and v.target == 40


def test_history_states_gaps_and_matches_renamed_indicators(arsip):
    master = arsip["years"][2026]["master"]
    iku1 = master.indikator[KEPALA][0]
    r = riwayat_indikator(arsip["per_tahun"], iku1, 2026)
    assert r.tahun == [2021, 2022, 2023, 2024, 2025, 2026]  # five earlier years
    by_year = dict(zip(r.tahun, r.nilai))
    assert by_year[2021].indikator == "Sekolah terpetakan (nama lama)" and by_year[2021].ada
    assert by_year[2022] is None
    assert not by_year[2023].ada and "TW IV" in by_year[2023].keterangan
    assert r.celah() == ["2022: data tidak tersedia", "2023: rekap TW IV 2023 tidak ada"]
    iku2 = master.indikator[KEPALA][1]
    gaps = riwayat_indikator(arsip["per_tahun"], iku2, 2026).celah()
    assert "2024: data tidak tersedia" in gaps  # its code was different that year


def test_a_changed_code_is_matched_through_its_parent_indicator(arsip):
    ind = arsip["years"][2026]["master"].indikator[KASI][0]
    assert (ind.kode, ind.kode_induk) == ("PMS-01", "IKU-01")
    by_year = dict(zip(*(lambda r: (r.tahun, r.nilai))(riwayat_indikator(arsip["per_tahun"], ind, 2026))))
    assert by_year[2024].kode_indikator == "PMS-01-LAMA" and by_year[2024].kode_induk == "IKU-01"
    assert by_year[2025].kode_indikator == "PMS-01"
    expected = tahunan_independen(arsip["years"][2024]["rekap"])
    assert by_year[2024].realisasi == pytest.approx(expected[(KASI, "PMS-01-LAMA")])


def test_history_prefers_the_same_person_when_a_code_repeats(arsip):
    from dataclasses import replace

    moved = arsip["per_tahun"][2025][(KASI, "PMS-01")]
    # the other holder of the same code comes first, so only the NIP preference picks the right one
    per_tahun = {2025: {(STAF_A, "PMS-01"): replace(moved, nip=STAF_A, realisasi=-1.0),
                        **arsip["per_tahun"][2025]}}
    ind = arsip["years"][2026]["master"].indikator[KASI][0]
    assert riwayat_indikator(per_tahun, ind, 2026, jumlah=1).nilai[0].realisasi == moved.realisasi


def test_a_file_that_is_not_a_recap_is_named(tmp_path, arsip):
    bad = tmp_path / "Rekap Kinerja 2019 TW1.xlsx"
    shutil.copy(arsip["years"][2026]["path"], bad)  # a master, not a recap
    with pytest.raises(RiwayatGagal, match="Rekap Kinerja 2019 TW1.xlsx: lembar Data tidak ada"):
        baca_data(bad)


def test_a_recap_that_left_target_zero_uncounted_stays_uncounted(tmp_path):
    rows = rows_for_year(2025)
    rows["Pengaturan"].append({"kunci": "target_nol", "nilai": "tidak_dihitung"})
    year = tahun_lengkap(tmp_path, 2025, rows)
    v = nilai_per_tahun([year["folder"] / "rekap"])[2025][(KASI, "PMS-02")]
    assert v.target == 0 and v.realisasi is not None and v.capaian is None
