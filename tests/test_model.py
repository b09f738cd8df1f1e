"""Capaian rules, predikat scale and aggregation helpers."""
from __future__ import annotations

import pytest

from poskinerja.inti.model import RULES, SKALA_BAKU, SkalaPredikat, batasi, rule_for, serapan


def test_positive_rule():
    assert RULES["positif"].compute(80, 60) == pytest.approx(75)
    assert RULES["positif"].compute(0, 5) is None  # no ratio, never 0 or an error


def test_negative_selisih_is_100_when_met():
    rule = rule_for("-", "selisih")
    assert rule.compute(4, 4) == pytest.approx(100)
    assert rule.compute(4, 2) == pytest.approx(150)
    assert rule.compute(4, 6) == pytest.approx(50)
    assert rule_for("-", "selisih", "tidak_dihitung").compute(0, 0) is None


def test_negative_rasio():
    rule = rule_for("-", "rasio")
    assert rule.compute(4, 8) == pytest.approx(50)
    assert rule.compute(4, 0) is None
    assert rule.compute(0, 3) == 0


def test_excel_formula_shape():
    formula = RULES["selisih"].excel("I11", "M11")
    assert formula == ('IF(OR(M11="",I11=""),"",IF(ISTEXT(M11),"isian tidak valid",'
                       'IF(I11=0,"-",(2*I11-M11)/I11*100)))')
    assert RULES["rasio"].excel("I11", "M11").startswith(
        'IF(OR(M11="",I11=""),"",IF(ISTEXT(M11),"isian tidak valid",IF(M11=0,"-"')


@pytest.mark.parametrize("capaian, predikat", [
    (100, "Sangat Baik"), (91, "Sangat Baik"), (90.99, "Baik"), (76, "Baik"), (75.5, "Cukup"),
    (66, "Cukup"), (51, "Kurang"), (50.9, "Sangat Kurang"), (0, "Sangat Kurang"), (-20, "Sangat Kurang"),
    (None, ""),
])
def test_predikat_scale(capaian, predikat):
    assert SKALA_BAKU.untuk(capaian) == predikat


def test_scale_is_data():
    skala = SkalaPredikat.dari([(0, "C"), (80, "A"), (50, "B")])
    assert skala.nama == ["A", "B", "C"] and skala.untuk(79) == "B"


def test_cap_and_serapan():
    assert batasi(150, 120) == 120 and batasi(150, None) == 150 and batasi(None, 120) is None
    assert serapan(200, 50) == 25 and serapan(0, 50) is None and serapan(100, None) is None
