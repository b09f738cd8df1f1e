"""A hostile shared drive: one odd entry never stops kompilasi (issue 10, item 2).

Every case is built here from real files (xlsx written byte by byte, links,
FIFOs, unreadable entries), mixed into a folder of real filled forms.
"""
from __future__ import annotations

import math

import pytest

from poskinerja import angka
from poskinerja.master import baca_master
from poskinerja.master_tulis import tulis_master


@pytest.mark.parametrize("raw", [float("inf"), float("-inf"), float("nan"), 1e308, 9.99e307, 1e-307,
                                 "9" * 400, "1" + "0" * 16, "1.000.000.000.000.000.000", 10 ** 400])
def test_absurd_numbers_are_invalid_with_a_reason(raw):
    parsed = angka.parse(raw)
    assert parsed.status == angka.TIDAK_VALID and parsed.nilai is None
    assert "10^15" in parsed.alasan


@pytest.mark.parametrize("raw, value", [(1e15, 1e15), (1e-9, 1e-9), (-2.5, -2.5), (0.0, 0.0),
                                        ("1.000.000.000.000.000", 1e15), (250_000_000_000, 2.5e11)])
def test_large_but_real_numbers_pass(raw, value):
    parsed = angka.parse(raw)
    assert parsed.status == angka.OK and parsed.nilai == value and math.isfinite(parsed.nilai)


@pytest.mark.parametrize("column, value", [("target_tw1", 1e-307), ("target_tahun", 1e308),
                                           ("pagu", 1e308), ("pagu", "9" * 400)])
def test_periksa_master_rejects_absurd_targets_and_pagu(rows, tmp_path, column, value):
    sheet = "Kegiatan" if column == "pagu" else "Indikator"
    rows[sheet][0][column] = value
    path = tulis_master(tmp_path / "master.xlsx", rows)
    master, temuan = baca_master(path)
    assert master is None
    [t] = [t for t in temuan if t.kode == "MASTER_ANGKA_TIDAK_VALID"]
    assert t.sheet == sheet and t.sel and "wajar" in t.pesan and "10^15" in t.pesan
