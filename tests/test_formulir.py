"""The per-ASN forms, written then read back with openpyxl (and LibreOffice)."""
from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from conftest import KASI, KEPALA, STAF_A, STAF_B
from isi import fill_form, header_map, row_of
from poskinerja.formulir import tulis as F
from poskinerja.formulir.cetak import C_TRIWULAN_PEMANTAUAN, CETAK_PEMANTAUAN_HEADERS
from poskinerja.master.baca import muat_master
from poskinerja.master.tulis import tulis_master
from poskinerja.inti.model import RULES, TRIWULAN, rule_for


@pytest.fixture
def forms(mini_master, tmp_path):
    paths = F.buat_formulir(mini_master, tmp_path / "formulir")
    return {p.name.split(" - ")[0]: p for p in paths}


def test_prefilled_values_equal_master(mini_master, forms):
    for nip, path in forms.items():
        wb = openpyxl.load_workbook(path)
        ws = wb[F.SHEET_PENGUKURAN]
        cols = header_map(ws)
        assert ws["C4"].value == nip and ws["C4"].data_type == "s"  # NIP as text
        for ind in mini_master.indikator[nip]:
            r = row_of(ws, ind.kode)
            got = {h: ws.cell(r, cols[h]).value for h in ("Sasaran", "Indikator Kinerja", "Satuan",
                                                          "Polaritas", "Target Tahun")}
            assert got == {"Sasaran": ind.sasaran, "Indikator Kinerja": ind.indikator,
                           "Satuan": ind.satuan, "Polaritas": ind.polaritas,
                           "Target Tahun": ind.target_tahun}
            assert [ws.cell(r, cols[h]).value for h in F.P_TARGET] == list(ind.target_tw)
            assert ws.cell(r, cols["Rumus Capaian"]).value == mini_master.rule(ind).rumus_untuk(
                    (ind.target_tahun, *ind.target_tw))
        ws = wb[F.SHEET_PEMANTAUAN]
        cols = header_map(ws)
        for keg in mini_master.kegiatan.get(nip, []):
            r = row_of(ws, keg.kode)
            assert ws.cell(r, cols["Kegiatan"]).value == keg.kegiatan
            assert ws.cell(r, cols["Pagu (Rp)"]).value == keg.pagu
            assert [ws.cell(r, cols[h]).value for h in F.K_TARGET] == list(keg.target_output_tw)


def _expected_inputs(master, nip, wb) -> set[tuple[str, str]]:
    expected = set()
    ws = wb[F.SHEET_PENGUKURAN]
    cols = header_map(ws)
    for ind in master.indikator.get(nip, []):
        r = row_of(ws, ind.kode)
        for t in TRIWULAN:
            if ind.diukur(t):
                expected.add((ws.title, ws.cell(r, cols[F.P_REALISASI[t - 1]]).coordinate))
        for h in F.P_NARASI + ("Bukti Dukung",):
            expected.add((ws.title, ws.cell(r, cols[h]).coordinate))
    ws = wb[F.SHEET_PEMANTAUAN]
    cols = header_map(ws)
    for keg in master.kegiatan.get(nip, []):
        r = row_of(ws, keg.kode)
        for h in F.K_REALISASI + F.K_ANGGARAN + F.K_STATUS_NARASI + F.K_TAIL:
            expected.add((ws.title, ws.cell(r, cols[h]).coordinate))
    expected.add((F.SHEET_CETAK, F.C_TRIWULAN_CETAK.replace("$", "")))  # the quarter to print
    expected.add((F.SHEET_CETAK_PEMANTAUAN, C_TRIWULAN_PEMANTAUAN.replace("$", "")))
    return expected


def test_unlocked_cells_are_exactly_the_input_cells(mini_master, forms):
    for nip, path in forms.items():
        wb = openpyxl.load_workbook(path)
        unlocked = {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows()
                    for c in row if c.has_style and not c.protection.locked}
        assert unlocked == _expected_inputs(mini_master, nip, wb)
        for title in (F.SHEET_PETUNJUK, F.SHEET_PENGUKURAN, F.SHEET_PEMANTAUAN):
            assert wb[title].protection.sheet, f"{title} must be protected"
            assert not wb[title].protection.password


def test_headers_metadata_and_print_setup(mini_master, forms):
    wb = openpyxl.load_workbook(forms[KASI])
    assert wb.sheetnames == [F.SHEET_PETUNJUK, F.SHEET_PENGUKURAN, F.SHEET_PEMANTAUAN, F.SHEET_CETAK,
                             F.SHEET_CETAK_PEMANTAUAN, F.SHEET_HITUNG, F.META_SHEET]
    ws = wb[F.SHEET_PENGUKURAN]
    headers = list(header_map(ws))
    for name in ("Indikator Kinerja", *F.P_TARGET, *F.P_REALISASI, *F.P_CAPAIAN):
        assert headers.count(name) == 1
    assert ws.freeze_panes == "E11"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # 34 columns do not fit one page wide at a readable size: a fixed scale that prints 10-pt text
    # at >= 8 pt, the indicator columns repeated on every page (the print audit checks the PDF)
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    assert ws.page_setup.scale >= 80
    assert ws.print_title_rows == "$9:$10" and ws.print_title_cols == "$A:$D"
    meta = wb[F.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {r[0].value: r[1].value for r in meta.iter_rows()}
    assert values["nip"] == KASI and values["tahun"] == 2026 and values["versi_formulir"] == F.VERSI_FORMULIR
    assert values["sidik"] == F.sidik(mini_master.indikator[KASI], mini_master.kegiatan[KASI])
    # the realisasi cells carry a decimal >= 0 validation with an Indonesian message
    dv = [d for d in ws.data_validations.dataValidation if d.type == "decimal"]
    assert dv and "angka 0 atau lebih" in dv[0].error
    petunjuk = " ".join(str(c.value) for c in wb[F.SHEET_PETUNJUK]["A"] if c.value)
    assert "10 April 2026" in petunjuk and "KUNING" in petunjuk and F.SHEET_CETAK in petunjuk
    cetak = wb[F.SHEET_CETAK]
    assert cetak.page_setup.orientation == "landscape" and cetak.sheet_properties.pageSetUpPr.fitToPage
    assert cetak.protection.sheet and cetak[F.C_TRIWULAN_CETAK.replace("$", "")].value == 1
    # a quarter not measured is locked and says so
    r = row_of(ws, "PMS-03")
    assert ws.cell(r, header_map(ws)["Capaian TW I"]).value == "tidak diukur"


def test_safe_and_distinct_file_names(tmp_path, rows):
    rows["ASN"].append({"nip": "199309092020121002", "nama": "CON", "jabatan": "Staf",
                        "kode_unit": "PMS", "nip_atasan": KASI})
    rows["ASN"].append({"nip": "199309092020121003", "nama": "x" * 300, "jabatan": "Staf",
                        "kode_unit": "PMS", "nip_atasan": KASI})
    master = muat_master(tulis_master(tmp_path / "m.xlsx", rows))
    paths = F.buat_formulir(master, tmp_path / "out")
    names = [p.name for p in paths]
    assert len(set(n.lower() for n in names)) == len(names) == 6
    for p in paths:
        assert p.exists() and not set('\\/:*?"<>|') & set(p.name)
        assert len(p.name) <= 130
    staf_b = next(n for n in names if n.startswith(STAF_B))
    assert staf_b == f"{STAF_B} - Ahmad _Ucok_ _Syafi'i_ & Co_ A_B_.xlsx"
    assert f"{STAF_A} - CON.xlsx" in names  # not a bare reserved name, so legal


def test_reserved_names_made_safe():
    from poskinerja.berkas.aman import safe_name
    assert safe_name("CON") == "_CON"
    assert safe_name("lpt1.txt") == "_lpt1.txt"
    assert safe_name("a/b\\c:d*e?f\"g<h>i|j.") == "a_b_c_d_e_f_g_h_i_j"


def _fill_values(master, nip):
    """Realistic realisasi per indicator, including zero and above-target values."""
    values = {}
    for n, ind in enumerate(master.indikator[nip]):
        for t in TRIWULAN:
            if ind.diukur(t):
                values[(ind.kode, F.P_REALISASI[t - 1])] = [0, 1.5, 3, 7.25, 12, 55.5, 100][(n + t) % 7]
    return values


@pytest.mark.parametrize("rumus", ["selisih", "rasio"])
def test_fidelity_capaian_libreoffice_equals_python(tmp_path, rows, rumus):
    from libreoffice import recalc_xlsx, require_libreoffice
    require_libreoffice()
    rows["Pengaturan"] = [r if r["kunci"] != "rumus_polaritas_negatif" else {**r, "nilai": rumus}
                          for r in rows["Pengaturan"]]
    master = muat_master(tulis_master(tmp_path / "m.xlsx", rows))
    checked = 0
    for nip in (KEPALA, KASI, STAF_A, STAF_B):
        [form] = F.buat_formulir(master, tmp_path / "out", nip=nip)
        values = _fill_values(master, nip)
        filled = fill_form(form, tmp_path / f"isi-{nip}.xlsx", pengukuran=values)
        recalced = recalc_xlsx(filled, tmp_path / f"lo-{nip}.xlsx") or tmp_path / f"lo-{nip}.xlsx"
        ws = openpyxl.load_workbook(recalced, data_only=True)[F.SHEET_PENGUKURAN]
        cols = header_map(ws)
        for ind in master.indikator[nip]:
            r = row_of(ws, ind.kode)
            rule = rule_for(ind.polaritas, rumus)
            for t in TRIWULAN:
                got = ws.cell(r, cols[F.P_CAPAIAN[t - 1]]).value
                if not ind.diukur(t):
                    assert got == "tidak diukur"
                    continue
                want = rule.compute(ind.target(t), values[(ind.kode, F.P_REALISASI[t - 1])])
                if want is None:
                    assert got == "-", (ind.kode, t, got)
                else:
                    assert got == pytest.approx(want, abs=1e-9), (ind.kode, t, got, want)
                checked += 1
    assert checked >= 30
    # the cases that matter were really exercised
    assert RULES[rumus].compute(0, 5) is None or rumus == "rasio"


def test_format_cli_by_unit_and_nip(mini_master_path, tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "poskinerja.cli", *map(str, a)],  # noqa: E731
                                    capture_output=True, text=True)
    proc = run("format", mini_master_path, "--keluar", tmp_path / "u", "--unit", "PMS")
    assert proc.returncode == 0, proc.stderr
    assert "3 formulir" in proc.stdout
    assert sorted(p.parent.name for p in (tmp_path / "u").rglob("*.xlsx")) == ["PMS"] * 3
    proc = run("format", mini_master_path, "--keluar", tmp_path / "n", "--nip", KEPALA)
    assert proc.returncode == 0 and len(list((tmp_path / "n").rglob("*.xlsx"))) == 1
    proc = run("format", mini_master_path, "--keluar", tmp_path / "x", "--unit", "NOPE")
    assert proc.returncode == 2 and "Unit NOPE tidak ada" in proc.stderr
    proc = run("format", mini_master_path)
    assert proc.returncode == 2 and "wajib" in proc.stderr


def test_print_sheet_shows_the_chosen_quarter_in_libreoffice(tmp_path, mini_master):
    """Cetak Triwulan reads the Pengukuran sheet for the chosen quarter: values, capaian, narratives;
    blank stays blank (never 0); an unmeasured quarter says so."""
    from libreoffice import recalc_xlsx, require_libreoffice
    require_libreoffice()
    [form] = F.buat_formulir(mini_master, tmp_path / "asli", nip=KASI)
    filled = fill_form(form, tmp_path / "isi.xlsx", pengukuran={
        ("PMS-01", "Realisasi TW I"): 2, ("PMS-01", "Realisasi TW II"): 4.5,
        ("PMS-01", "Kendala/Permasalahan TW II"): "Data dinas terlambat",
        ("PMS-01", "Kendala/Permasalahan TW I"): "lama", ("PMS-01", "Bukti Dukung"): "https://bukti/1",
        ("PMS-02", "Realisasi TW I"): 1})  # PMS-02 TW II left blank
    wb = openpyxl.load_workbook(filled)
    wb[F.SHEET_CETAK][F.C_TRIWULAN_CETAK.replace("$", "")] = 2
    wb.save(filled)
    out = openpyxl.load_workbook(recalc_xlsx(filled, tmp_path / "lo.xlsx"), data_only=True)
    cetak, ukur = out[F.SHEET_CETAK], out[F.SHEET_PENGUKURAN]
    cols = {c.value: c.column for c in cetak[F.HEADER_ROW + 1] if c.value}
    ukur_cols = header_map(ukur)
    for kode, nama in (("PMS-01", "Jumlah laporan pemetaan"), ("PMS-02", "Temuan BPK berulang"),
                       ("PMS-03", "Indeks kepuasan layanan")):
        r = row_of(ukur, kode)
        assert cetak.cell(r, cols["Indikator Kinerja"]).value == nama
        for header, source in (("Target", "Target TW II"), ("Realisasi", "Realisasi TW II"),
                               ("Capaian (%)", "Capaian TW II")):
            expected = ukur.cell(r, ukur_cols[source]).value
            assert cetak.cell(r, cols[header]).value == (expected if expected not in (None, "") else None), (
                kode, header)
    r1, r2 = row_of(ukur, "PMS-01"), row_of(ukur, "PMS-02")
    assert cetak.cell(r1, cols["Realisasi"]).value == 4.5
    assert cetak.cell(r1, cols["Capaian (%)"]).value == pytest.approx(150.0)
    assert cetak.cell(r1, cols["Kendala/Permasalahan"]).value == "Data dinas terlambat"
    assert cetak.cell(r1, cols["Bukti Dukung"]).value == "https://bukti/1"
    assert cetak.cell(r2, cols["Realisasi"]).value is None  # blank, not 0
    assert cetak.cell(row_of(ukur, "PMS-03"), cols["Capaian (%)"]).value == "tidak diukur"


def test_pemantauan_print_sheet_shows_the_chosen_quarter_in_libreoffice(tmp_path, mini_master):
    """Cetak Pemantauan: one quarter of the 35-column Pemantauan sheet, read through formulas."""
    from libreoffice import recalc_xlsx, require_libreoffice

    require_libreoffice()
    form = F.buat_formulir(mini_master, tmp_path / "f", nip=KASI)[0]
    filled = fill_form(form, tmp_path / "isi.xlsx", pemantauan={
        ("K-01", "Realisasi Output TW II"): 3, ("K-01", "Realisasi Anggaran TW II (Rp)"): 12500000,
        ("K-01", "Status TW II"): "Berjalan", ("K-01", "Kendala TW II"): "Data dinas terlambat",
        ("K-01", "Realisasi Output TW I"): 1})
    wb = openpyxl.load_workbook(filled)
    wb[F.SHEET_CETAK_PEMANTAUAN][C_TRIWULAN_PEMANTAUAN.replace("$", "")] = 2
    wb.save(filled)
    out = openpyxl.load_workbook(recalc_xlsx(filled, tmp_path / "lo.xlsx"), data_only=True)
    cetak, pantau = out[F.SHEET_CETAK_PEMANTAUAN], out[F.SHEET_PEMANTAUAN]
    cols = {c.value: c.column for c in cetak[F.HEADER_ROW + 1] if c.value}
    assert set(CETAK_PEMANTAUAN_HEADERS) <= set(cols)
    r = row_of(pantau, "K-01")
    keg = mini_master.kegiatan[KASI][0]
    assert cetak.cell(r, cols["Kegiatan"]).value == keg.kegiatan
    assert cetak.cell(r, cols["Target Output"]).value == keg.target_output_tw[1]
    assert cetak.cell(r, cols["Realisasi Output"]).value == 3
    assert cetak.cell(r, cols["Realisasi Anggaran (Rp)"]).value == 12500000
    assert cetak.cell(r, cols["Status"]).value == "Berjalan"
    assert cetak.cell(r, cols["Kendala"]).value == "Data dinas terlambat"
    assert cetak.cell(r, cols["Solusi/Tindak Lanjut"]).value is None  # blank, not 0
    assert cetak.cell(F.HEADER_ROW, 3).value == "II"  # the printed page names the quarter
    # printed: columns A–K only (the selector is outside), one A4 page wide
    ws = openpyxl.load_workbook(form)[F.SHEET_CETAK_PEMANTAUAN]
    assert ws.print_area.endswith("$K$" + ws.print_area.rsplit("$", 1)[1])
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.paperSize == 9
