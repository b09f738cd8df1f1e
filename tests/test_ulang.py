"""Re-runs never overwrite people's work: ``format`` into a folder of filled forms, and
``contoh`` / ``master-kosong`` / ``demo`` / ``panel`` / ``evaluasi --buat`` onto existing files.
Everything goes through the CLI as a subprocess and real files read back."""
from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import KASI, KEPALA, STAF_A, STAF_B, mini_rows
from isi import fill_form, header_map, row_of
from poskinerja.formulir import kontrak, tulis as F
from poskinerja.formulir.kumpul import baca_formulir
from poskinerja.master.tulis import tulis_master

STAF_C = "199807072022031005"


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "poskinerja", *map(str, args)], capture_output=True,
                          text=True, timeout=600, cwd=cwd)


def _counts(stdout: str) -> dict[str, int]:
    """The count lines of ``format``'s report, by their label."""
    labels = {"Baru": "baru", "Diperbarui karena master berubah": "diperbarui",
              "Tidak berubah, sudah diisi (dibiarkan)": "dipertahankan",
              "Tidak berubah, masih kosong": "tidak_berubah", "Berkas lama dicadangkan": "dicadangkan"}
    out = {}
    for line in stdout.splitlines():
        m = re.match(r"\s+(.+?)\s+: (\d+)", line)
        if m and m.group(1) in labels:
            out[labels[m.group(1)]] = int(m.group(2))
    m = re.search(r"isian dibawa dari (\d+) formulir", stdout)
    out["dibawa"] = int(m.group(1)) if m else -1
    return out


def _forms(out: Path) -> dict[str, Path]:
    """Current forms by NIP (the backup folder excluded)."""
    return {p.name.split(" - ")[0]: p for p in out.rglob("*.xlsx") if kontrak.FOLDER_CADANGAN not in p.parts}


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _percent(cell_kode: str, header: str):
    def edit(wb):
        ws = wb[F.SHEET_PENGUKURAN]
        ws.cell(row_of(ws, cell_kode), header_map(ws)[header]).number_format = "0%"
    return edit


def _value(path: Path, sheet: str, kode: str, header: str):
    ws = openpyxl.load_workbook(path)[sheet]
    return ws.cell(row_of(ws, kode), header_map(ws)[header])


def _revised_rows() -> dict:
    """The master after a mid-year PK revision: an indicator added (before the others, so rows
    shift), a target changed, an indicator dropped, a quarter no longer measured, an ASN added."""
    rows = copy.deepcopy(mini_rows())
    ind = rows["Indikator"]
    by_kode = {r["kode_indikator"]: r for r in ind}
    added = {**by_kode["PMS-01"], "kode_indikator": "PMS-04", "indikator": "Sekolah didampingi",
             "satuan": "sekolah", "target_tahun": 8, "target_tw1": 2, "target_tw2": 2, "target_tw3": 2,
             "target_tw4": 2, "kode_induk": ""}
    ind.insert(ind.index(by_kode["PMS-01"]), added)
    by_kode["A-01"].update(target_tw2=12, target_tw3=8)  # target changed, yearly total kept
    ind.remove(by_kode["B-03"])
    by_kode["B-02"].update(target_tw1=None, target_tw2=4)  # TW I no longer measured
    rows["ASN"].append({"nip": STAF_C, "nama": "Citra Lestari, S.Pd.", "jabatan": "Analis",
                        "kode_unit": "PMS", "nip_atasan": KASI})
    ind.append({**by_kode["A-02"], "nip": STAF_C, "kode_indikator": "C-01"})
    return rows


@pytest.fixture
def filled(tmp_path):
    """A master, its forms written by the CLI, three of them filled in by people."""
    master = tulis_master(tmp_path / "master.xlsx", mini_rows())
    out = tmp_path / "formulir"
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    forms = _forms(out)
    fill_form(forms[KASI], pengukuran={
        ("PMS-01", "Realisasi TW I"): 2, ("PMS-01", "Kendala/Permasalahan TW I"): "Data terlambat",
        ("PMS-03", "Bukti Dukung"): "https://drive/pms-03"},
        pemantauan={("K-01", "Realisasi Output TW I"): 1, ("K-01", "Realisasi Anggaran TW I (Rp)"): 50_000_000,
                    ("K-01", "Status TW I"): "Berjalan", ("K-01", "Batas Waktu Tindak Lanjut"): dt.datetime(2026, 5, 15)})
    fill_form(forms[STAF_A], pengukuran={("A-01", "Realisasi TW I"): 9, ("A-02", "Realisasi TW I"): "1,5",
                                          ("A-01", "Bukti Dukung"): "SK supervisi"})
    fill_form(forms[STAF_B], pengukuran={("B-01", "Realisasi TW I"): 0.85, ("B-02", "Realisasi TW I"): 2,
                                          ("B-03", "Realisasi TW I"): 1})
    wb = openpyxl.load_workbook(forms[STAF_B])
    _percent("B-01", "Realisasi TW I")(wb)  # "85%" typed in Excel: 0.85 in a percent-formatted cell
    wb.save(forms[STAF_B])
    return master, out


def test_rerun_leaves_every_form_byte_for_byte(filled):
    master, out = filled
    before = _snapshot(out)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    assert _snapshot(out) == before
    assert not (out / kontrak.FOLDER_CADANGAN).exists()
    assert _counts(run.stdout) == {"baru": 0, "diperbarui": 0, "dipertahankan": 3, "tidak_berubah": 1,
                                   "dicadangkan": 0, "dibawa": 0}


def test_master_revision_carries_entries_and_backs_up_the_old_forms(filled):
    master, out = filled
    old = _forms(out)
    before = {nip: p.read_bytes() for nip, p in old.items()}
    tulis_master(master, _revised_rows())

    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    assert _counts(run.stdout) == {"baru": 1, "diperbarui": 3, "dipertahankan": 0, "tidak_berubah": 1,
                                   "dicadangkan": 3, "dibawa": 3}
    new = _forms(out)
    assert set(new) == {KEPALA, KASI, STAF_A, STAF_B, STAF_C}
    assert new[KEPALA].read_bytes() == before[KEPALA]  # untouched: its master part did not change

    # The old files sit in the backup folder, byte for byte, under timestamped names.
    backups = sorted((out / kontrak.FOLDER_CADANGAN).rglob("*.xlsx"))
    assert len(backups) == 3 and all(b.parent == out / kontrak.FOLDER_CADANGAN / "PMS" for b in backups)
    assert sorted(b.read_bytes() for b in backups) == sorted(before[n] for n in (KASI, STAF_A, STAF_B))
    assert all(re.search(r" \(cadangan \d{8}-\d{6}\)\.xlsx$", b.name) for b in backups)

    # Entered values are in the new forms, found by Kode although the rows moved.
    kasi = new[KASI]
    assert _value(kasi, F.SHEET_PENGUKURAN, "PMS-04", "Kode").row < _value(kasi, F.SHEET_PENGUKURAN, "PMS-01", "Kode").row
    assert _value(kasi, F.SHEET_PENGUKURAN, "PMS-01", "Realisasi TW I").value == 2
    assert _value(kasi, F.SHEET_PENGUKURAN, "PMS-01", "Kendala/Permasalahan TW I").value == "Data terlambat"
    assert _value(kasi, F.SHEET_PENGUKURAN, "PMS-04", "Realisasi TW I").value is None
    assert _value(kasi, F.SHEET_PENGUKURAN, "PMS-03", "Bukti Dukung").value == "https://drive/pms-03"
    assert _value(kasi, F.SHEET_PEMANTAUAN, "K-01", "Realisasi Output TW I").value == 1
    assert _value(kasi, F.SHEET_PEMANTAUAN, "K-01", "Realisasi Anggaran TW I (Rp)").value == 50_000_000
    assert _value(kasi, F.SHEET_PEMANTAUAN, "K-01", "Status TW I").value == "Berjalan"
    date = _value(kasi, F.SHEET_PEMANTAUAN, "K-01", "Batas Waktu Tindak Lanjut")
    assert date.value == dt.datetime(2026, 5, 15) and date.number_format == "dd/mm/yyyy"
    staf_a = new[STAF_A]
    assert _value(staf_a, F.SHEET_PENGUKURAN, "A-01", "Realisasi TW I").value == 9
    assert _value(staf_a, F.SHEET_PENGUKURAN, "A-01", "Target TW II").value == 12  # the revised target
    assert _value(staf_a, F.SHEET_PENGUKURAN, "A-02", "Realisasi TW I").value == "1,5"  # text stays as typed
    assert _value(staf_a, F.SHEET_PENGUKURAN, "A-01", "Bukti Dukung").value == "SK supervisi"
    staf_b = new[STAF_B]
    assert _value(staf_b, F.SHEET_PENGUKURAN, "B-01", "Realisasi TW I").value == pytest.approx(85)
    # Carried values keep the input cells unlocked (still fillable); formulas are the new form's.
    cell = _value(staf_a, F.SHEET_PENGUKURAN, "A-01", "Realisasi TW I")
    assert cell.protection.locked is False
    assert str(_value(staf_a, F.SHEET_PENGUKURAN, "A-01", "Capaian TW I").value).startswith("=")

    # The collector reads the carried values, and the new forms carry the new fingerprint.
    read = baca_formulir(kasi, out)
    assert not read.temuan and read.pengukuran.value("PMS-01", "Realisasi TW I") == 2
    assert baca_formulir(staf_b, out).pengukuran.value("B-01", "Realisasi TW I") == pytest.approx(85)

    # What the new forms have no cell for is listed, and kept in the backup.
    assert "B-03 «Realisasi TW I» = 1 (indikator B-03 tidak ada lagi di master)" in run.stdout
    assert "B-02 «Realisasi TW I» = 2 (triwulan I tidak diukur lagi untuk B-02)" in run.stdout
    assert "Isian yang tidak dapat dibawa (2;" in run.stdout
    assert f"Cadangan ada di {(out / kontrak.FOLDER_CADANGAN).resolve()}" in run.stdout

    # Once updated, a further run changes nothing.
    after = _snapshot(out)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    assert _snapshot(out) == after
    assert _counts(run.stdout) == {"baru": 0, "diperbarui": 0, "dipertahankan": 3, "tidak_berubah": 2,
                                   "dicadangkan": 0, "dibawa": 0}


def test_foreign_or_broken_file_at_a_form_path_is_backed_up_not_replaced(filled):
    master, out = filled
    forms = _forms(out)
    kepala = forms[KEPALA]
    kepala.write_bytes(b"bukan xlsx sama sekali")
    staf_b_bytes = forms[STAF_B].read_bytes()
    forms[STAF_A].write_bytes(staf_b_bytes)  # someone saved another person's form under this name
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    assert _counts(run.stdout)["dicadangkan"] == 2
    assert "bukan formulir poskinerja yang dapat dibaca" in run.stdout
    assert f"formulir milik NIP {STAF_B}" in run.stdout
    backups = {b.read_bytes() for b in (out / kontrak.FOLDER_CADANGAN).rglob("*.xlsx")}
    assert backups == {b"bukan xlsx sama sekali", staf_b_bytes}
    assert baca_formulir(kepala, out).nip == KEPALA
    read = baca_formulir(_forms(out)[STAF_A], out)
    assert read.nip == STAF_A and read.pengukuran.value("A-01", "Realisasi TW I") is None


def test_an_older_form_version_is_updated_with_its_entries(filled):
    master, out = filled
    form = _forms(out)[STAF_A]
    wb = openpyxl.load_workbook(form)
    meta = wb[F.META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "versi_formulir":
            row[1].value = F.VERSI_FORMULIR - 1
    wb.save(form)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    assert f"formulir versi lama ({F.VERSI_FORMULIR - 1})" in run.stdout
    read = baca_formulir(_forms(out)[STAF_A], out)
    assert read.versi == F.VERSI_FORMULIR and read.pengukuran.value("A-01", "Realisasi TW I") == 9


def test_contoh_and_master_kosong_refuse_an_existing_master(tmp_path):
    run = _cli("contoh", tmp_path)
    assert run.returncode == 0, run.stderr
    master = tmp_path / "master.xlsx"
    edited = tulis_master(master, mini_rows()).read_bytes()  # the institute's own master now
    for args in (("contoh", tmp_path), ("master-kosong", master)):
        run = _cli(*args)
        assert run.returncode == 2, run.stdout
        assert "sudah ada" in run.stderr and "--timpa" in run.stderr and "Traceback" not in run.stderr
        assert master.read_bytes() == edited
    assert not (tmp_path / kontrak.FOLDER_CADANGAN).exists()

    run = _cli("master-kosong", master, "--timpa")
    assert run.returncode == 0, run.stderr
    [backup] = (tmp_path / kontrak.FOLDER_CADANGAN).glob("master (cadangan *).xlsx")
    assert backup.read_bytes() == edited and f"Berkas lama disimpan sebagai: {backup.resolve()}" in run.stdout
    assert openpyxl.load_workbook(master)["ASN"].max_row < 3  # the blank master replaced it

    blank = master.read_bytes()
    run = _cli("contoh", tmp_path, "--timpa")
    assert run.returncode == 0, run.stderr
    backups = sorted((tmp_path / kontrak.FOLDER_CADANGAN).glob("master (cadangan *).xlsx"))
    assert len(backups) == 2 and blank in {b.read_bytes() for b in backups}


def test_demo_refuses_an_existing_master(tmp_path):
    master = tulis_master(tmp_path / "master.xlsx", mini_rows())
    before = master.read_bytes()
    run = _cli("demo", tmp_path)
    assert run.returncode == 2 and "--timpa" in run.stderr and "Traceback" not in run.stderr
    assert master.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx"]  # nothing else written


def test_panel_and_evaluation_workbook_refuse_without_timpa(tmp_path):
    master = tulis_master(tmp_path / "master.xlsx", mini_rows())
    panel = tmp_path / "Panel Kinerja 2026.xlsm"
    panel.write_bytes(b"panel lama dengan pengaturan")
    run = _cli("panel", "--master", master, "--keluar", tmp_path)
    assert run.returncode == 2 and "--timpa" in run.stderr and panel.name in run.stderr
    assert panel.read_bytes() == b"panel lama dengan pengaturan"
    run = _cli("panel", "--master", master, "--keluar", panel, "--timpa")
    assert run.returncode == 0, run.stderr
    [backup] = (tmp_path / kontrak.FOLDER_CADANGAN).glob("Panel Kinerja 2026 (cadangan *).xlsm")
    assert backup.read_bytes() == b"panel lama dengan pengaturan"
    assert openpyxl.load_workbook(panel, keep_vba=True)["Panel"] is not None

    from poskinerja.siklus.evaluasi import nama_format_evaluasi

    (tmp_path / "masuk").mkdir()
    scored = tmp_path / "evaluasi" / nama_format_evaluasi(2026)
    scored.parent.mkdir()
    scored.write_bytes(b"dinilai Tim SPI")
    args = ("evaluasi", "--buat", "--master", master, "--folder", tmp_path / "masuk", "--keluar", scored.parent)
    run = _cli(*args)
    assert run.returncode == 2 and "--timpa" in run.stderr and scored.read_bytes() == b"dinilai Tim SPI"
    run = _cli(*args, "--timpa")
    assert run.returncode == 0, run.stderr
    [backup] = (scored.parent / kontrak.FOLDER_CADANGAN).glob("*.xlsx")
    assert backup.read_bytes() == b"dinilai Tim SPI"


def test_demo_with_timpa_keeps_the_old_master(tmp_path):
    mine = tulis_master(tmp_path / "master.xlsx", mini_rows()).read_bytes()
    run = _cli("demo", tmp_path, "--timpa")
    assert run.returncode == 0, run.stderr
    [backup] = (tmp_path / kontrak.FOLDER_CADANGAN).glob("master (cadangan *).xlsx")
    assert backup.read_bytes() == mine and str(backup.resolve()) in run.stdout
    assert (tmp_path / "master.xlsx").read_bytes() != mine


def test_renamed_or_moved_asn_takes_their_entries_along(filled):
    master, out = filled
    old = _forms(out)
    rows = copy.deepcopy(mini_rows())
    for asn in rows["ASN"]:
        if asn["nip"] == STAF_A:
            asn["nama"] = "Conrad Hutapea"  # name corrected: a new file name
        if asn["nip"] == STAF_B:
            asn["kode_unit"] = "PIM"  # moved to another unit: another folder
    tulis_master(master, rows)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    counts = _counts(run.stdout)
    assert (counts["baru"], counts["diperbarui"], counts["dibawa"], counts["dicadangkan"]) == (0, 2, 2, 2)
    assert "nama atau unit berubah di master" in run.stdout
    new = _forms(out)
    assert new[STAF_A].name == f"{STAF_A} - Conrad Hutapea.xlsx" and new[STAF_B].parent.name == "PIM"
    assert not old[STAF_A].exists() and not old[STAF_B].exists()
    assert _value(new[STAF_A], F.SHEET_PENGUKURAN, "A-01", "Realisasi TW I").value == 9
    assert _value(new[STAF_B], F.SHEET_PENGUKURAN, "B-03", "Realisasi TW I").value == 1
    assert len(list((out / kontrak.FOLDER_CADANGAN / "PMS").glob("*.xlsx"))) == 2


def test_rekomendasi_keeps_a_copy_before_updating(tmp_path):
    from poskinerja.siklus.rekomendasi import nama_format_rekomendasi

    master = tulis_master(tmp_path / "master.xlsx", mini_rows())
    (tmp_path / "masuk").mkdir()
    args = ("rekomendasi", "--master", master, "--folder", tmp_path / "masuk", "--keluar", tmp_path / "rtl")
    run = _cli(*args)
    assert run.returncode == 0, run.stderr
    rtl = tmp_path / "rtl" / nama_format_rekomendasi(2026)
    first = rtl.read_bytes()
    assert not (tmp_path / "rtl" / kontrak.FOLDER_CADANGAN).exists()
    run = _cli(*args)
    assert run.returncode == 0, run.stderr
    [backup] = (tmp_path / "rtl" / kontrak.FOLDER_CADANGAN).glob("*.xlsx")
    assert backup.read_bytes() == first and str(backup.resolve()) in run.stdout


def test_a_folder_in_a_forms_place_is_reported_and_the_rest_done(filled):
    master, out = filled
    kepala = _forms(out)[KEPALA]
    kepala.unlink()
    kepala.mkdir()
    before = _snapshot(out)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 1
    assert "Tidak dapat diproses (1;" in run.stdout and kepala.name in run.stdout
    assert "Traceback" not in run.stderr and _snapshot(out) == before and kepala.is_dir()


def test_printed_text_change_updates_the_form_but_a_ratification_does_not(filled):
    master, out = filled
    before = _snapshot(out)
    rows = copy.deepcopy(mini_rows())
    for asn in rows["ASN"]:
        asn["tanggal_sah"] = dt.date(2026, 2, 1)  # PKs ratified: nothing on the form changes
    tulis_master(master, rows)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    assert _snapshot(out) == before and _counts(run.stdout)["diperbarui"] == 0

    next(r for r in rows["Indikator"] if r["kode_indikator"] == "PMS-01")["sasaran"] = "Sasaran yang diperbaiki"
    tulis_master(master, rows)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    counts = _counts(run.stdout)
    assert (counts["diperbarui"], counts["dibawa"], counts["dipertahankan"], counts["tidak_berubah"]) == (1, 1, 2, 1)
    kasi = _forms(out)[KASI]
    assert _value(kasi, F.SHEET_PENGUKURAN, "PMS-01", "Sasaran").value == "Sasaran yang diperbaiki"
    assert _value(kasi, F.SHEET_PENGUKURAN, "PMS-01", "Realisasi TW I").value == 2


def test_an_unreadable_form_is_reported_and_left_alone(filled):
    import os
    import shutil

    master, out = filled
    form = _forms(out)[STAF_A]
    before = form.read_bytes()
    # root reads anything: run the CLI without root's read override (CAP_DAC_*), as a user would
    drop = (["setpriv", "--bounding-set=-dac_override,-dac_read_search",
             "--inh-caps=-dac_override,-dac_read_search"] if os.geteuid() == 0 else [])
    assert not drop or shutil.which("setpriv"), "setpriv (util-linux) dibutuhkan untuk uji ini sebagai root"
    form.chmod(0)
    try:
        run = subprocess.run([*drop, sys.executable, "-m", "poskinerja", "format", str(master), "--keluar", str(out)],
                             capture_output=True, text=True, timeout=600)
    finally:
        form.chmod(0o644)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "tidak dapat dibaca (akses ditolak)" in run.stdout and "Traceback" not in run.stderr
    assert form.read_bytes() == before and _counts(run.stdout)["dipertahankan"] == 2


def test_changing_the_target_zero_rule_refreshes_only_forms_with_a_target_of_zero(filled):
    """`target_nol` changes the capaian formula of indicators with a target of 0 (Kasi's PMS-02,
    Staf A's A-03) and nothing else: only those two forms are rewritten, with their entries."""
    master, out = filled
    before = _snapshot(out)
    rows = copy.deepcopy(mini_rows())
    rows["Pengaturan"] = ([r for r in rows["Pengaturan"] if r["kunci"] != "target_nol"]
                          + [{"kunci": "target_nol", "nilai": "tidak_dihitung"}])
    tulis_master(master, rows)
    run = _cli("format", master, "--keluar", out)
    assert run.returncode == 0, run.stderr
    counts = _counts(run.stdout)
    assert (counts["diperbarui"], counts["dibawa"]) == (2, 2), run.stdout
    after = _snapshot(out)
    changed = {p for p in after if before.get(p) != after[p]}
    assert {p.name.split(" - ")[0] for p in changed if kontrak.FOLDER_CADANGAN not in p.parts} == {KASI, STAF_A}
    assert _value(_forms(out)[KASI], F.SHEET_PENGUKURAN, "PMS-01", "Realisasi TW I").value == 2
