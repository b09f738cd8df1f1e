"""Period arithmetic of the semester reports: cumulative vs instalment indicators."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import KASI, KEPALA, STAF_A
from poskinerja.inti.model import (STATUS_BELUM, STATUS_KOSONG, STATUS_OK, STATUS_TIDAK_DIUKUR, STATUS_TIDAK_VALID,
                              Indikator)
from poskinerja.inti.periode import (PeriodeTidakValid, data_periode, label_periode, periksa_semester,
                                realisasi_periode, status_periode, target_periode, triwulan_semester)

S1, S2 = triwulan_semester(1), triwulan_semester(2)


def ind(kumulatif: bool, tw, tahun=None, pol="+") -> Indikator:
    return Indikator("1" * 18, "X-01", "Sasaran", "Indikator", "dokumen", pol, kumulatif,
                     tahun if tahun is not None else (tw[-1] if kumulatif else sum(t or 0 for t in tw)), tuple(tw))


def test_semesters_and_labels():
    assert S1 == (1, 2) and S2 == (1, 2, 3, 4)
    assert label_periode(1) == "s.d. Semester I" and label_periode("2") == "s.d. Semester II"
    for bad in (0, 3, "x", None):
        with pytest.raises(PeriodeTidakValid, match="Semester"):
            periksa_semester(bad)


def test_cumulative_takes_last_measured_quarter():
    i = ind(True, (25, 50, 80, 95))
    assert target_periode(i, S1) == 50 and target_periode(i, S2) == 95
    assert realisasi_periode(i, {1: 20, 2: 48}, S1) == 48
    assert realisasi_periode(i, {1: 20, 2: 48, 3: 70, 4: 96}, S2) == 96
    # the last quarter missing is not replaced by an earlier one
    assert realisasi_periode(i, {1: 20}, S1) is None


def test_non_cumulative_sums_measured_quarters():
    i = ind(False, (3, 3, 3, 3))
    assert target_periode(i, S1) == 6 and target_periode(i, S2) == 12
    assert realisasi_periode(i, {1: 2, 2: 4}, S1) == 6
    assert realisasi_periode(i, {1: 2, 2: 4, 3: 1.5, 4: 3}, S2) == 10.5
    assert realisasi_periode(i, {1: 2, 2: None}, S1) is None  # never a partial sum


def test_quarters_not_measured_are_skipped():
    sparse = ind(False, (None, 4, 4, 6))  # measured from TW II
    assert target_periode(sparse, S1) == 4 and realisasi_periode(sparse, {2: 5}, S1) == 5
    assert target_periode(sparse, S2) == 14 and realisasi_periode(sparse, {2: 5, 3: 4, 4: 6}, S2) == 15
    yearly = ind(True, (None, None, None, 78))  # an index published once a year
    assert target_periode(yearly, S1) is None and realisasi_periode(yearly, {1: 70}, S1) is None
    assert status_periode(yearly, {1: STATUS_TIDAK_DIUKUR, 2: STATUS_TIDAK_DIUKUR}, S1) == STATUS_TIDAK_DIUKUR
    mid = ind(True, (30, None, 60, None), tahun=60)  # cumulative, last measured is TW III
    assert target_periode(mid, S2) == 60 and realisasi_periode(mid, {1: 10, 3: 55}, S2) == 55


def test_status_of_period_reports_the_most_serious_gap():
    i = ind(False, (3, 3, 3, 3))
    assert status_periode(i, {1: STATUS_OK, 2: STATUS_OK}, S1) == STATUS_OK
    assert status_periode(i, {1: STATUS_OK, 2: STATUS_KOSONG}, S1) == STATUS_KOSONG
    assert status_periode(i, {1: STATUS_KOSONG, 2: STATUS_TIDAK_VALID}, S1) == STATUS_TIDAK_VALID
    assert status_periode(i, {1: STATUS_OK}, S1) == STATUS_BELUM  # TW II not compiled at all
    cum = ind(True, (1, 2, 3, 4))
    assert status_periode(cum, {1: STATUS_KOSONG, 2: STATUS_OK}, S1) == STATUS_OK  # only TW II counts


def _row(nip, kode, tw, realisasi, status=STATUS_OK, kendala=""):
    return {"nip": nip, "kode_indikator": kode, "triwulan": tw, "realisasi": realisasi, "status": status,
            "kendala": kendala, "tindak_lanjut": "", "file_sumber": f"{nip}.xlsx"}


def test_data_periode_rows_follow_the_master_and_the_rules(mini_master):
    per_tw = {
        1: SimpleNamespace(data=[_row(KEPALA, "IKU-01", 1, 30), _row(KEPALA, "IKU-02", 1, 1),
                                 _row(KASI, "PMS-01", 1, 2, kendala="Data terlambat"),
                                 _row(STAF_A, "A-02", 1, 6)]),
        2: SimpleNamespace(data=[_row(KEPALA, "IKU-01", 2, 55), _row(KEPALA, "IKU-02", 2, 2),
                                 _row(KASI, "PMS-01", 2, None, STATUS_KOSONG),
                                 _row(STAF_A, "A-02", 2, 4, kendala="Data terlambat")]),
    }
    rows = {(r["nip"], r["kode_indikator"]): r for r in data_periode(mini_master, per_tw, 1)}
    assert len(rows) == sum(len(v) for v in mini_master.indikator.values())
    iku1 = rows[(KEPALA, "IKU-01")]  # cumulative %: TW II position against TW II target
    assert (iku1["target"], iku1["realisasi"], iku1["capaian"]) == (50, 55, pytest.approx(110))
    assert iku1["predikat"] == "Sangat Baik" and iku1["realisasi_tahun_lalu"] == 88
    iku2 = rows[(KEPALA, "IKU-02")]  # negative, instalments, selisih: (2·2 − 3) / 2
    assert (iku2["target"], iku2["realisasi"], iku2["capaian"]) == (2, 3, pytest.approx(50))
    pms1 = rows[(KASI, "PMS-01")]
    assert pms1["status"] == STATUS_KOSONG and pms1["realisasi"] is None and pms1["capaian"] is None
    assert pms1["kendala"] == "Data terlambat"
    a02 = rows[(STAF_A, "A-02")]  # negative cumulative: last quarter 4 days vs target 4
    assert (a02["target"], a02["realisasi"], a02["capaian"]) == (4, 4, pytest.approx(100))
    assert rows[(KASI, "PMS-03")]["status"] == STATUS_TIDAK_DIUKUR
    assert rows[(STAF_A, "A-01")]["status"] == STATUS_BELUM  # nothing compiled for it
    s2 = {(r["nip"], r["kode_indikator"]): r for r in data_periode(mini_master, per_tw, 2)}
    assert s2[(KEPALA, "IKU-01")]["target"] == 100 and s2[(KEPALA, "IKU-01")]["status"] == STATUS_BELUM
