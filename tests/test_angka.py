"""Number parsing, the Indonesian way: examples and properties."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, strategies as st

from poskinerja.inti import angka


@pytest.mark.parametrize("raw, value", [
    ("85,5", 85.5), ("1.250", 1250), ("1.250.000,75", 1250000.75), ("85%", 85), ("85 %", 85),
    (" 90 ", 90), ("Rp 1.250.000", 1250000), ("Rp1.250.000,00", 1250000), ("rp. 500", 500),
    ("98,5", 98.5), ("334.327,57", 334327.57), ("0", 0), ("-5", -5), (85, 85), (0.85, 0.85),
    ("\u00a012,5\u00a0", 12.5),
])
def test_parses(raw, value):
    parsed = angka.parse(raw)
    assert parsed.status == angka.OK and parsed.nilai == pytest.approx(value)


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "n/a", "N/A", "belum ada", "Belum ada data", "—"])
def test_empty_markers_are_empty_not_zero(raw):
    parsed = angka.parse(raw)
    assert parsed.status == angka.KOSONG and parsed.nilai is None


@pytest.mark.parametrize("raw", ["85.5", "1,250,000", "sekitar 5", "5 dokumen", "12,5,3", "1.25.000",
                                 "tiga", "8O", True, dt.date(2026, 1, 1), float("nan")])
def test_invalid_is_never_guessed(raw):
    parsed = angka.parse(raw)
    assert parsed.status == angka.TIDAK_VALID and parsed.nilai is None


def indonesian(value: float, decimals: int, thousands: bool) -> str:
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=4),
       st.booleans(), st.sampled_from(["", "Rp ", "Rp"]), st.sampled_from(["", "%", " %"]))
def test_indonesian_formatted_numbers_parse_back(cents, decimals, thousands, prefix, suffix):
    value = round(cents / 10 ** decimals, decimals)
    text = prefix + indonesian(value, decimals, thousands) + suffix
    parsed = angka.parse(text)
    assert parsed.status == angka.OK, text
    assert parsed.nilai == pytest.approx(value, rel=1e-12, abs=1e-9), text


@given(st.text(max_size=30))
def test_arbitrary_text_never_raises_nor_invents_numbers(text):
    parsed = angka.parse(text)
    assert parsed.status in (angka.OK, angka.KOSONG, angka.TIDAK_VALID)
    if parsed.status == angka.OK:
        digits = re.sub(r"\D", "", text)
        # every digit of the number comes from the text, in order
        number_digits = re.sub(r"\D", "", f"{abs(parsed.nilai):.10f}").lstrip("0").rstrip("0")
        assert number_digits in digits.lstrip("0") or parsed.nilai == 0
    else:
        assert parsed.nilai is None


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_format_id_round_trips(value, decimals):
    text = angka.format_id(value, decimals)
    assert angka.parse(text).nilai == pytest.approx(round(value, decimals), rel=1e-9, abs=10 ** -decimals)


def test_formats():
    assert angka.format_persen(87.5) == "87,5%"
    assert angka.format_rupiah(1250000) == "Rp 1.250.000"
    assert angka.format_tanggal(dt.date(2026, 11, 23)) == "23 November 2026"
    assert angka.parse_tanggal("10 April 2026") == dt.date(2026, 4, 10)
    assert angka.parse_tanggal("10/04/2026") == dt.date(2026, 4, 10)
    assert angka.parse_tanggal("31/02/2026") is None and angka.parse_tanggal(45000) is None
