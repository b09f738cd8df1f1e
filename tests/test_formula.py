"""One truth from form to recap: the form's capaian (recalculated by LibreOffice), its Cetak Triwulan
page and the recap written by `poskinerja kompilasi` agree for every kind of entry — percent-typed,
numbers typed as text, blanks, unreadable entries — and for both target-0 rules (`target_nol`)."""
from __future__ import annotations

import math
import subprocess
import sys

import openpyxl
import pytest

from conftest import STAF_A, mini_rows
from isi import header_map, row_of
from poskinerja.formulir import tulis as F
from poskinerja.master.baca import baca_master, muat_master
from poskinerja.master.tulis import tulis_master
from poskinerja.kompilasi.rekap_xlsx import label
from poskinerja.inti.model import (CAPAIAN_ISIAN_TIDAK_VALID, RULES, TARGET_NOL_BAKU, TARGET_NOL_DIHITUNG,
                              TARGET_NOL_TIDAK, rule_for)

KOSONG, INVALID = "kosong", "invalid"

# kode, satuan, polaritas, target, what is in the cell, its number format, expected capaian:
# a number (both rules), KOSONG, INVALID, or {target_nol: capaian or None for "-"}.
CASES = [
    ("P-01", "%", "+", 90, 0.85, "0%", 85 / 90 * 100),  # 85% typed in Excel on a %-indicator
    ("P-02", "%", "+", 100, 1, "0%", 100.0),  # 100% typed: stored as the whole number 1
    ("P-03", "%", "+", 80, 0.5, None, 0.5 / 80 * 100),  # a fraction typed plainly stays a fraction
    ("P-04", "%", "+", 100, 1.6, "0%", 1.6),  # above 150 %: kompilasi keeps the stored 1,6
    ("P-05", "%", "+", 100, 1.5, "0.00%", 150.0),
    ("P-06", "dokumen", "+", 10, 0.85, "0%", 8.5),  # percent format on a non-% indicator: 0,85
    ("T-01", "dokumen", "+", 100, "85", None, 85.0),
    ("T-02", "dokumen", "+", 100, "85,5", None, 85.5),
    ("T-03", "rupiah", "+", 1000, "1.234,5", None, 123.45),
    ("T-04", "%", "+", 90, "85%", None, 85 / 90 * 100),
    ("T-05", "rupiah", "+", 1_000_000, "Rp 1.250.000", None, 125.0),
    ("T-06", "dokumen", "-", 100, " 90 ", None, 110.0),  # selisih: (2·100 − 90)/100
    ("T-07", "dokumen", "+", 100, "85.5", None, INVALID),  # dot decimal typed as text
    ("T-08", "dokumen", "+", 100, "abc", None, INVALID),
    ("T-09", "dokumen", "+", 100, "-", None, KOSONG),
    ("T-10", "dokumen", "+", 100, "belum ada", None, KOSONG),
    ("T-11", "dokumen", "+", 100, None, None, KOSONG),
    ("T-12", "dokumen", "+", 100, "-3", None, INVALID),
    ("T-13", "dokumen", "+", 100, -3, None, INVALID),
    ("T-14", "dokumen", "+", 2, "1,5", None, 75.0),  # the "1,5" pasted as text
    ("T-15", "dokumen", "+", 3, "0,3", None, 10.0),
    ("T-16", "dokumen", "+", 100, True, None, INVALID),
    ("T-17", "dokumen", "+", 12_345_678, "12.345.678", None, 100.0),
    ("T-18", "dokumen", "+", 100, "1.23,4", None, INVALID),
    ("Z-01", "temuan", "-", 0, 0, None, {TARGET_NOL_DIHITUNG: 100.0, TARGET_NOL_TIDAK: None}),
    ("Z-02", "temuan", "-", 0, 2, None, {TARGET_NOL_DIHITUNG: 0.0, TARGET_NOL_TIDAK: None}),
    ("Z-03", "dokumen", "+", 0, 0, None, {TARGET_NOL_DIHITUNG: 100.0, TARGET_NOL_TIDAK: None}),
    ("Z-04", "dokumen", "+", 0, 3, None, {TARGET_NOL_DIHITUNG: 100.0, TARGET_NOL_TIDAK: None}),
    ("Z-05", "temuan", "-", 0, "0", None, {TARGET_NOL_DIHITUNG: 100.0, TARGET_NOL_TIDAK: None}),
    ("Z-06", "temuan", "-", 0, "abc", None, INVALID),
    ("Z-07", "temuan", "-", 0, None, None, KOSONG),
    ("R-01", "hari", "-", 4, 6, None, 50.0),
]


# Pemantauan: kode, TW I realisasi anggaran as left in the cell, expected serapan (pagu 200.000.000)
ANGGARAN = [
    ("K-T1", "Rp 12.500.000", 6.25),  # pasted as text: counted, as kompilasi does
    ("K-T2", 50_000_000, 25.0),
    ("K-T3", "12,5 juta", None),  # unreadable: not counted (form and recap: no serapan)
    ("K-T4", None, None),
]


def _master_rows(target_nol: str) -> dict:
    rows = mini_rows()
    rows["Pengaturan"].append({"kunci": "target_nol", "nilai": target_nol})
    rows["Indikator"] = [r for r in rows["Indikator"] if r["nip"] != STAF_A] + [
        {"nip": STAF_A, "kode_indikator": kode, "sasaran": "Meningkatnya mutu layanan",
         "indikator": f"Indikator {kode}", "satuan": satuan, "polaritas": pol, "kumulatif": "ya",
         "target_tahun": target, "target_tw1": target, "target_tw2": target, "target_tw3": target,
         "target_tw4": target} for kode, satuan, pol, target, *_ in CASES]
    rows["Kegiatan"] = [r for r in rows["Kegiatan"] if r["nip"] != STAF_A] + [
        {"nip": STAF_A, "kode_kegiatan": kode, "program": "Program Dukungan Manajemen",
         "kegiatan": f"Kegiatan {kode}", "output": "Laporan", "satuan_output": "laporan", "bulan_mulai": 1,
         "bulan_selesai": 12, "target_output_tw1": 1, "target_output_tw2": 1, "target_output_tw3": 1,
         "target_output_tw4": 1, "pagu": 200_000_000} for kode, *_ in ANGGARAN]
    return rows


def _fill(form, dest):
    """Type each case into TW I as a person (or a paste) would leave it in the file."""
    wb = openpyxl.load_workbook(form)
    ws = wb[F.SHEET_PENGUKURAN]
    col = header_map(ws)["Realisasi TW I"]
    for kode, _, _, _, entry, fmt, _ in CASES:
        cell = ws.cell(row_of(ws, kode), col)
        cell.value = entry
        if fmt:
            cell.number_format = fmt
    ws = wb[F.SHEET_PEMANTAUAN]
    col = header_map(ws)[F.K_ANGGARAN[0]]
    for kode, entry, _ in ANGGARAN:
        ws.cell(row_of(ws, kode), col).value = entry
    wb.save(dest)
    return dest


def _recap(folder, master_path, out):
    proc = subprocess.run([sys.executable, "-m", "poskinerja.cli", "kompilasi", str(folder), "--master",
                           str(master_path), "--triwulan", "1", "--keluar", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    [path] = out.glob("Rekap Kinerja * TW1.xlsx")
    wb = openpyxl.load_workbook(path, read_only=True)
    found = {}
    for sheet, kode in (("Data", "kode_indikator"), ("Pemantauan", label("kode_kegiatan"))):
        rows = wb[sheet].iter_rows(values_only=True)
        header = next(rows)
        for r in rows:
            r = dict(zip(header, r))
            if r.get("nip", r.get(label("nip"))) == STAF_A:
                found[r[kode]] = r
    return found


@pytest.mark.parametrize("target_nol", [TARGET_NOL_DIHITUNG, TARGET_NOL_TIDAK])
def test_form_cetak_and_recap_agree_in_libreoffice(tmp_path, target_nol):
    from libreoffice import recalc_xlsx, require_libreoffice
    require_libreoffice()
    master_path = tulis_master(tmp_path / "master.xlsx", _master_rows(target_nol))
    master = muat_master(master_path)
    assert master.pengaturan.target_nol == target_nol
    [form] = F.buat_formulir(master, tmp_path / "asli", nip=STAF_A)
    filled = _fill(form, tmp_path / "isi.xlsx")
    # the person saves in LibreOffice: that file is both what they print and what is collected
    collected = tmp_path / "kumpul" / "PMS"
    collected.mkdir(parents=True)
    saved = recalc_xlsx(filled, collected / "formulir.xlsx")
    recap = _recap(tmp_path / "kumpul", master_path, tmp_path / "rekap")

    wb = openpyxl.load_workbook(saved, data_only=True)
    ukur, cetak = wb[F.SHEET_PENGUKURAN], wb[F.SHEET_CETAK]
    cap_col = header_map(ukur)["Capaian TW I"]
    cetak_cols = {c.value: c.column for c in cetak[F.HEADER_ROW + 1] if c.value}
    assert cetak[F.C_TRIWULAN_CETAK.replace("$", "")].value == 1
    for kode, _, _, _, entry, _, expected in CASES:
        r = row_of(ukur, kode)
        form_cap = ukur.cell(r, cap_col).value
        page_cap = cetak.cell(r, cetak_cols["Capaian (%)"]).value
        page_real = cetak.cell(r, cetak_cols["Realisasi"]).value
        row = recap[kode]
        want = expected[target_nol] if isinstance(expected, dict) else expected
        where = (kode, entry, form_cap, page_cap, page_real, row["status"], row["capaian"])
        assert form_cap != "#VALUE!" and page_cap != "#VALUE!", where
        if want == INVALID:
            assert row["status"] == "tidak_valid" and row["capaian"] is None, where
            assert form_cap == page_cap == CAPAIAN_ISIAN_TIDAK_VALID, where
            assert isinstance(page_real, str) and page_real, where  # the entry, as typed
        elif want == KOSONG:
            assert row["status"] == "kosong" and row["capaian"] is None, where
            assert form_cap in (None, "") and page_cap in (None, "") and page_real in (None, ""), where
        elif want is None:  # target 0 left uncounted: no capaian, shown "-"
            assert row["status"] == "ok" and row["capaian"] is None, where
            assert form_cap == page_cap == "-", where
            assert page_real == row["realisasi"], where
        else:
            assert row["status"] == "ok" and row["capaian"] == pytest.approx(want, rel=1e-12), where
            # the form and the signed page show the recap's very number, realisasi as counted
            assert form_cap == pytest.approx(row["capaian"], rel=1e-12, abs=1e-12), where
            assert page_cap == pytest.approx(row["capaian"], rel=1e-12, abs=1e-12), where
            assert page_real == pytest.approx(row["realisasi"], rel=1e-12), where
            assert row["predikat"], where
    pantau = wb[F.SHEET_PEMANTAUAN]
    serapan_col = header_map(pantau)[F.K_SERAPAN[0]]
    for kode, entry, want in ANGGARAN:
        form_serapan = pantau.cell(row_of(pantau, kode), serapan_col).value
        recap_serapan = recap[kode][label("serapan")]
        where = (kode, entry, form_serapan, recap_serapan)
        if want is None:
            assert recap_serapan is None and form_serapan in (None, ""), where
        else:
            assert recap_serapan == pytest.approx(want) and form_serapan == pytest.approx(recap_serapan), where


def test_target_nol_rule_in_python():
    neg = rule_for("-", "selisih", TARGET_NOL_DIHITUNG)
    assert (neg.compute(0, 0), neg.compute(0, 2), neg.compute(0, 0.5)) == (100.0, 0.0, 0.0)
    rasio = rule_for("-", "rasio", TARGET_NOL_DIHITUNG)
    assert (rasio.compute(0, 0), rasio.compute(0, 3), rasio.compute(4, 0)) == (100.0, 0.0, None)
    pos = rule_for("+", "selisih", TARGET_NOL_DIHITUNG)
    assert (pos.compute(0, 0), pos.compute(0, 7)) == (100.0, 100.0)
    for pol in "+-":
        old = rule_for(pol, "selisih", TARGET_NOL_TIDAK)
        assert old.compute(0, 0) is None and old.compute(0, 3) is None
    # targets other than 0 are untouched by the rule
    assert neg.compute(4, 2) == RULES["selisih"].compute(4, 2) == pytest.approx(150)
    assert TARGET_NOL_BAKU == TARGET_NOL_DIHITUNG  # SAKIP practice (README, Pengaturan)


def test_target_nol_explained_where_it_applies():
    neg = rule_for("-", "selisih", TARGET_NOL_DIHITUNG)
    assert "target 0: realisasi 0 = 100 %" in neg.rumus_untuk((0, 0, 0, 0, 0))
    assert neg.rumus_untuk((4, 1, 1, 1, 1)) == neg.rumus  # no target 0: the plain formula
    assert "100 %" in rule_for("+", "selisih", TARGET_NOL_DIHITUNG).rumus_untuk((0, None, 0, 0, 0))
    assert rule_for("-", "selisih", TARGET_NOL_TIDAK).rumus_untuk((0,) * 5) == neg.rumus


def test_master_reads_and_checks_target_nol(tmp_path):
    rows = mini_rows()
    assert all(r["kunci"] != "target_nol" for r in rows["Pengaturan"])
    master, temuan = baca_master(tulis_master(tmp_path / "tanpa.xlsx", rows))
    assert not temuan and master.pengaturan.target_nol == TARGET_NOL_BAKU  # absent: the default
    rows["Pengaturan"].append({"kunci": "target_nol", "nilai": "Tidak Dihitung"})
    master, temuan = baca_master(tulis_master(tmp_path / "tidak.xlsx", rows))
    assert not temuan and master.pengaturan.target_nol == TARGET_NOL_TIDAK
    rows["Pengaturan"][-1]["nilai"] = "seratus"
    master, temuan = baca_master(tulis_master(tmp_path / "salah.xlsx", rows))
    assert master is None
    [t] = [t for t in temuan if t.kode == "MASTER_PENGATURAN"]
    assert t.sheet == "Pengaturan" and t.sel and "target_nol" in t.pesan
    assert "dihitung" in t.pesan and "tidak_dihitung" in t.pesan and "SAKIP" in t.pesan


def test_blank_master_lists_target_nol_with_its_choices(tmp_path):
    path = tulis_master(tmp_path / "kosong.xlsx")
    ws = openpyxl.load_workbook(path)["Pengaturan"]
    [row] = [r for r in ws.iter_rows() if r[0].value == "target_nol"]
    assert row[1].value == TARGET_NOL_BAKU and "SAKIP" in row[2].value
    lists = [dv for dv in ws.data_validations.dataValidation if row[1].coordinate in str(dv.sqref)]
    assert lists and TARGET_NOL_TIDAK in lists[0].formula1


def test_form_words_hold_under_any_regional_setting(tmp_path):
    """No instruction tells people to use a comma (or a dot) for decimals: wrong on half the PCs."""
    master_path = tulis_master(tmp_path / "m.xlsx", _master_rows(TARGET_NOL_DIHITUNG))
    [form] = F.buat_formulir(muat_master(master_path), tmp_path / "f", nip=STAF_A)
    wb = openpyxl.load_workbook(form)
    words = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and not c.value.startswith("=")]
    ukur = wb[F.SHEET_PENGUKURAN]
    words += [f"{dv.error} {dv.prompt}" for dv in ukur.data_validations.dataValidation]
    text = " ".join(words).lower()
    for wrong in ("pakai koma untuk desimal", "gunakan koma untuk desimal", "pakai titik", "gunakan titik"):
        assert wrong not in text
    petunjuk = " ".join(str(c.value) for c in wb[F.SHEET_PETUNJUK]["A"] if c.value)
    assert "pengaturan wilayah" in petunjuk and "1.234,5" in petunjuk
    assert CAPAIAN_ISIAN_TIDAK_VALID in petunjuk and "target 0" in petunjuk
    rules = [r for cf in ukur.conditional_formatting for r in cf.rules]
    assert any(CAPAIAN_ISIAN_TIDAK_VALID in (r.formula or [""])[0] for r in rules)  # shown in red
    hitung = wb[F.SHEET_HITUNG]
    assert hitung.sheet_state == "veryHidden" and hitung.protection.sheet



def test_periksa_master_says_which_target_nol_rule_applies_and_why(tmp_path):
    run = lambda path: subprocess.run([sys.executable, "-m", "poskinerja.cli", "periksa-master", str(path)],  # noqa: E731
                                      capture_output=True, text=True)
    proc = run(tulis_master(tmp_path / "baku.xlsx", mini_rows()))
    assert proc.returncode == 0, proc.stderr
    # mini master: PMS-02 and A-03 have target 0
    assert "Target 0 (2 indikator): dihitung" in proc.stdout and "praktik SAKIP" in proc.stdout
    rows = mini_rows()
    rows["Pengaturan"].append({"kunci": "target_nol", "nilai": "tidak_dihitung"})
    proc = run(tulis_master(tmp_path / "tidak.xlsx", rows))
    assert proc.returncode == 0 and "Target 0 (2 indikator): tidak_dihitung" in proc.stdout
    rows["Pengaturan"][-1]["nilai"] = "kadang"
    proc = run(tulis_master(tmp_path / "salah.xlsx", rows))
    assert proc.returncode == 2 and "target_nol" in proc.stderr + proc.stdout


TEKS = ["85", "85,5", "1.234,5", "85%", "85 %", "2,50%", "Rp 1.250.000", "rp. 5.000", "Rp85", " 90 ", "1\u00a0",
        "0,3", "0", "-0", "- 0,0", "12.345.678", "0.123", "1.234.567.890.123,25", "1234,5",
        "-", "–", "—", "belum ada", "BELUM", "N/A", "kosong", "   ", "  -  ",
        "85.5", "12.34", "123.4567", "1.2", "1.234.5", "123.456.7890", "1234.567", "1.23,4", "1,5,5",
        "85,", ",5", ".5", "abc", "-3", "−5", "+5", "Rp -5", "%", "rp", "1 000", "1e5", "0x10", "*", "?",
        "~", "n/a*", "sekitar lima",
        "10.000.000.000.000.000", "0,0000000001",  # past angka's bounds where it has them: both sides agree
        "9" * 400]  # beyond a double: no number to count


def test_excel_reading_of_entries_equals_angka_parse_in_libreoffice(tmp_path):
    """angka.langkah_excel/nilai_excel read every kind of entry as angka.parse (and kompilasi's
    percent rule) does, recalculated by LibreOffice: the same number, empty, or not usable."""
    import xlsxwriter

    from libreoffice import recalc_xlsx, require_libreoffice
    from poskinerja.inti import angka
    from poskinerja.berkas.xlsx_baca import cell_ref
    require_libreoffice()
    wb = xlsxwriter.Workbook(tmp_path / "baca.xlsx")
    ws = wb.add_worksheet("S")
    pct = wb.add_format({"num_format": "0%"})
    for k, marker in enumerate(angka.PENANDA_KOSONG):
        ws.write_string(k, 20, marker)
    penanda = f"$U$1:$U${len(angka.PENANDA_KOSONG)}"
    numbers = [(0.85, True), (1, True), (1.5, True), (1.6, True), (0, True), (0.5, False), (-3, False), (7, False), (1e16, False)]
    entries = [("teks", t) for t in TEKS] + [("angka", n) for n in numbers] + [("logika", True), ("kosong", None)]
    for i, (kind, value) in enumerate(entries):
        if kind == "teks":
            ws.write_string(i, 0, value)
        elif kind == "angka":
            ws.write_number(i, 0, value[0], pct if value[1] else None)
        elif kind == "logika":
            ws.write_boolean(i, 0, value)
        steps = [cell_ref(i, c) for c in range(1, 1 + angka.LANGKAH_EXCEL)]
        for c, formula in enumerate(angka.langkah_excel(cell_ref(i, 0), steps, True, penanda), start=1):
            ws.write_formula(i, c, "=" + formula, None, "")
        ws.write_formula(i, 1 + angka.LANGKAH_EXCEL, "=" + angka.nilai_excel(cell_ref(i, 0), steps), None, "")
    wb.close()
    out = openpyxl.load_workbook(recalc_xlsx(tmp_path / "baca.xlsx", tmp_path / "lo.xlsx"), data_only=True)["S"]
    seen = set()
    for i, (kind, value) in enumerate(entries):
        got = out.cell(i + 1, 2 + angka.LANGKAH_EXCEL).value
        raw = value[0] if kind == "angka" else value
        parsed = angka.parse(raw)
        nilai = parsed.nilai
        if kind == "angka" and value[1] and nilai is not None and 0 < nilai <= 1.5:
            nilai *= 100  # kompilasi's NILAI_PERSEN
        if parsed.status == angka.OK and (nilai < 0 or not math.isfinite(nilai)):
            parsed = angka.Angka(None, angka.TIDAK_VALID)  # kompilasi: negative (or infinite) is tidak_valid
        if parsed.status == angka.OK:
            assert type(got) in (int, float) and got == nilai, (value, got)
        elif parsed.status == angka.KOSONG:
            assert got in (None, ""), (value, got)
        else:  # not counted: the entry itself comes back, as text (never an error value)
            assert isinstance(got, str) and got and not got.startswith("#"), (value, got)
            assert got == value or kind != "teks", (value, got)
        seen.add(parsed.status)
    assert seen == {angka.OK, angka.KOSONG, angka.TIDAK_VALID}


def test_helper_sheet_formulas_need_no_excel_365_prefixes(tmp_path):
    """The helper sheet skips XlsxWriter's scan for Excel 365 functions (speed); that is only right
    while its formulas use none: XlsxWriter's own preparation must leave each one unchanged."""
    from xlsxwriter.worksheet import Worksheet

    master_path = tulis_master(tmp_path / "m.xlsx", _master_rows(TARGET_NOL_DIHITUNG))
    [form] = F.buat_formulir(muat_master(master_path), tmp_path / "f", nip=STAF_A)
    ws = openpyxl.load_workbook(form)[F.SHEET_HITUNG]
    formulas = [c.value for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formulas) >= len(CASES) * 4 * 10
    stock = Worksheet()
    for formula in set(formulas):
        assert stock._prepare_formula(formula, expand_future_functions=True) == formula[1:]


def test_form_saved_as_ods_gives_the_recap_of_the_xlsx(tmp_path):
    """A person who keeps LibreOffice's own format (.ods): 85% typed on a %-indicator still counts
    as 85 in the recap, as on their form; every row equals the recap of the same form as .xlsx."""
    from libreoffice import recalc_xlsx, require_libreoffice
    from poskinerja.formulir.kumpul import baca_formulir
    require_libreoffice()
    master_path = tulis_master(tmp_path / "master.xlsx", _master_rows(TARGET_NOL_DIHITUNG))
    [form] = F.buat_formulir(muat_master(master_path), tmp_path / "asli", nip=STAF_A)
    filled = _fill(form, tmp_path / "isi.xlsx")
    recaps = {}
    for suffix in (".xlsx", ".ods"):
        folder = tmp_path / suffix[1:] / "PMS"
        folder.mkdir(parents=True)
        saved = recalc_xlsx(filled, folder / f"formulir{suffix}")
        read = baca_formulir(saved, folder.parent)
        # P-01, P-02, P-05: percent-typed fractions on %-indicators (P-04 is above 1,5; P-06 not in %)
        assert read.persen == {"M11", "M12", "M15"}, suffix
        recaps[suffix] = _recap(folder.parent, master_path, tmp_path / f"rekap{suffix}")
    keep = ("status", "realisasi", "capaian", "predikat", label("serapan"), label("status"))
    for kode, row in recaps[".xlsx"].items():
        other = recaps[".ods"][kode]
        assert {k: row.get(k) for k in keep} == {k: other.get(k) for k in keep}, kode
    assert recaps[".ods"]["P-01"]["realisasi"] == 85
