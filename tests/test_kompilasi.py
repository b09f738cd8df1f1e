"""Kompilasi on a folder of real filled forms covering every Temuan code."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from conftest import KASI, KEPALA, STAF_A, STAF_B
from isi import edited, saved_at, fill_form, header_map, row_of
from poskinerja.formulir import kontrak, tulis as F
from poskinerja.kompilasi.jalan import KompilasiGagal, kompilasi
from poskinerja.inti.model import STATUS_BELUM, STATUS_KOSONG, STATUS_OK, STATUS_TIDAK_DIUKUR, STATUS_TIDAK_VALID




ON_TIME = dt.datetime(2026, 4, 5, 10, 0)
LATE = dt.datetime(2026, 4, 20, 9, 30)


@pytest.fixture
def folder(mini_master, tmp_path):
    """Returned forms: one of each situation a coordinator meets."""
    src = {p.name.split(" - ")[0]: p for p in F.buat_formulir(mini_master, tmp_path / "asli")}
    inbox = tmp_path / "masuk"
    (inbox / "PIM").mkdir(parents=True)
    (inbox / "PMS" / "lama").mkdir(parents=True)

    # Kepala: complete and on time; IKU-01 typed as 20% in a General cell (stored 0.2, % format);
    # an extra row the master does not know.
    kepala = fill_form(src[KEPALA], inbox / "PIM" / "laporan kepala.xlsx", pengukuran={
        ("IKU-01", "Realisasi TW I"): 0.2, ("IKU-02", "Realisasi TW I"): 0,
        ("IKU-01", "Kendala/Permasalahan TW I"): "Sekolah terpencil",
        ("IKU-01", "Strategi/Tindak Lanjut TW I"): "Jadwal ulang",
    }, pemantauan=None)

    def percent_and_extra(wb):
        ws = wb[F.SHEET_PENGUKURAN]
        cols = header_map(ws)
        ws.cell(row_of(ws, "IKU-01"), cols["Realisasi TW I"]).number_format = "0%"
        ws.cell(ws.max_row + 1, cols["Kode"]).value = "X-99"
    saved_at(edited(kepala, percent_and_extra), ON_TIME)

    # Kasi: late; a text percent; a changed prefilled target; an unknown activity status;
    # a kendala that looks like a formula.
    kasi = fill_form(src[KASI], inbox / "PMS" / "kasi.xlsx", pengukuran={
        ("PMS-01", "Realisasi TW I"): "2,5", ("PMS-02", "Realisasi TW I"): "1",
    }, pemantauan={("K-01", "Status TW I"): "Hampir selesai",
                   ("K-01", "Realisasi Anggaran TW I (Rp)"): "Rp 25.000.000",
                   ("K-01", "Realisasi Output TW I"): 1})

    def tamper(wb):
        ws = wb[F.SHEET_PENGUKURAN]
        ws.cell(row_of(ws, "PMS-01"), header_map(ws)["Target TW I"]).value = 1
        for kode, text in (("PMS-01", '=HYPERLINK("http://x","klik")'), ("PMS-02", "=1+1")):
            c = ws.cell(row_of(ws, kode), header_map(ws)["Kendala/Permasalahan TW I"])
            c.value, c.data_type = text, "s"
    saved_at(edited(kasi, tamper), LATE)

    # Staf A: two copies; the newer one counts. It has an unreadable value and a blank.
    saved_at(fill_form(src[STAF_A], inbox / "PMS" / "lama" / "staf a v1.xlsx",
                  pengukuran={("A-01", "Realisasi TW I"): 1}), dt.datetime(2026, 4, 1))
    saved_at(fill_form(src[STAF_A], inbox / "PMS" / "staf a v2.xlsx", pengukuran={
        ("A-01", "Realisasi TW I"): 9, ("A-02", "Realisasi TW I"): "sekitar lima",
    }, pemantauan={("K-02", "Realisasi Anggaran TW I (Rp)"): 10_000_000}), dt.datetime(2026, 4, 2))
    # Staf B: no form at all.

    # Forms that cannot be used.
    saved_at(edited(shutil.copy(src[STAF_B], inbox / "tahun lalu.xlsx"),
              lambda wb: wb[F.META_SHEET].__setitem__("B2", 2025)), ON_TIME)
    saved_at(edited(shutil.copy(src[STAF_B], inbox / "versi lama.xlsx"),
              lambda wb: wb[F.META_SHEET].__setitem__("B1", 0)), ON_TIME)
    saved_at(edited(shutil.copy(src[STAF_B], inbox / "orang lain.xlsx"),
              lambda wb: wb[F.META_SHEET].__setitem__("B3", "198812122015012001")), ON_TIME)
    (inbox / "rusak.xlsx").write_bytes(Path(src[KEPALA]).read_bytes()[:3000])
    plain = openpyxl.Workbook()
    plain.active["A1"] = "daftar hadir"
    plain.save(inbox / "daftar hadir.xlsx")
    # Things to skip.
    (inbox / "~$kasi.xlsx").write_bytes(b"lock")
    (inbox / ".~tmp-x.xlsx").write_bytes(b"")
    (inbox / "catatan.txt").write_text("bukan lembar kerja")
    # A form `format` replaced and kept: a backup, never read as a submission.
    backup = inbox / kontrak.FOLDER_CADANGAN / "PMS" / "kasi (cadangan 20260401-090000).xlsx"
    backup.parent.mkdir(parents=True)
    saved_at(fill_form(src[KASI], backup, pengukuran={("PMS-01", "Realisasi TW I"): 7}), LATE + dt.timedelta(days=1))
    return inbox


def _snapshot(folder: Path) -> dict:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_every_temuan_code_with_cells(mini_master, folder, tmp_path):
    out = kompilasi(mini_master, folder, 1, tmp_path / "keluar")
    h = out.hasil
    codes = Counter(t.kode for t in h.temuan)
    for kode in ("FILE_RUSAK", "BUKAN_FORMULIR", "TAHUN_BERBEDA", "VERSI_FORMULIR_LAMA",
                 "NIP_TIDAK_DIKENAL", "DUPLIKAT", "NILAI_TIDAK_VALID", "NILAI_KOSONG", "PRAISI_DIUBAH",
                 "BELUM_MENGUMPULKAN", "TERLAMBAT", "NILAI_PERSEN", "INDIKATOR_TIDAK_DIKENAL",
                 "STATUS_TIDAK_VALID"):
        assert codes[kode], f"{kode} missing from {codes}"
    by = lambda kode: [t for t in h.temuan if t.kode == kode]  # noqa: E731
    [rusak] = by("FILE_RUSAK")
    assert rusak.file == "rusak.xlsx"
    assert {t.file for t in by("BUKAN_FORMULIR")} == {"daftar hadir.xlsx"}
    assert by("TAHUN_BERBEDA")[0].file == "tahun lalu.xlsx"
    assert by("VERSI_FORMULIR_LAMA")[0].file == "versi lama.xlsx"
    assert by("NIP_TIDAK_DIKENAL")[0].nip == "198812122015012001"
    dup = by("DUPLIKAT")
    assert {t.file for t in dup} == {"PMS/staf a v2.xlsx", "PMS/lama/staf a v1.xlsx"}
    assert "dipakai adalah yang terakhir disimpan: PMS/staf a v2.xlsx" in dup[0].pesan
    [invalid] = by("NILAI_TIDAK_VALID")
    assert (invalid.nip, invalid.sheet, invalid.sel) == (STAF_A, F.SHEET_PENGUKURAN, "M12")
    assert "sekitar lima" in invalid.pesan
    kosong = {(t.nip, t.sel) for t in by("NILAI_KOSONG")}
    assert kosong == {(STAF_A, "M13")}  # A-03 left blank; Kasi's PMS-03 is not measured in TW I
    [praisi] = by("PRAISI_DIUBAH")
    assert (praisi.nip, praisi.sel) == (KASI, "I11") and "Target TW I" in praisi.pesan
    assert [t.nip for t in by("BELUM_MENGUMPULKAN")] == [STAF_B]
    [late] = by("TERLAMBAT")
    assert late.nip == KASI and "10 April 2026" in late.pesan
    [persen] = by("NILAI_PERSEN")
    assert (persen.nip, persen.sel) == (KEPALA, "M11")
    [extra] = by("INDIKATOR_TIDAK_DIKENAL")
    assert extra.nip == KEPALA and "X-99" in extra.pesan
    [status] = by("STATUS_TIDAK_VALID")
    assert status.sel == "V11" and "Hampir selesai" in status.pesan
    assert {p for p, _ in h.skipped} == {"~$kasi.xlsx", ".~tmp-x.xlsx", "catatan.txt", kontrak.FOLDER_CADANGAN}


def test_every_asn_indicator_appears_once_with_status(mini_master, folder, tmp_path):
    h = kompilasi(mini_master, folder, 1, tmp_path / "keluar").hasil
    keys = Counter((r["nip"], r["kode_indikator"]) for r in h.data)
    expected = {(nip, i.kode) for nip, items in mini_master.indikator.items() for i in items}
    assert set(keys) == expected and set(keys.values()) == {1}
    status = {(r["nip"], r["kode_indikator"]): r for r in h.data}
    assert status[(KEPALA, "IKU-01")]["realisasi"] == pytest.approx(20)  # 20% → 20 on a % indicator
    assert status[(KEPALA, "IKU-01")]["capaian"] == pytest.approx(80)
    assert status[(KEPALA, "IKU-02")]["capaian"] == pytest.approx(200)  # selisih: (2*1-0)/1*100
    assert status[(KASI, "PMS-01")]["target"] == 3  # master wins over the tampered form
    assert status[(KASI, "PMS-01")]["capaian"] == pytest.approx(2.5 / 3 * 100)
    # target 0, negative polarity, realisasi 1: missed, 0 % under the default target_nol = dihitung
    assert status[(KASI, "PMS-02")]["status"] == STATUS_OK and status[(KASI, "PMS-02")]["capaian"] == 0
    assert status[(KASI, "PMS-03")]["status"] == STATUS_TIDAK_DIUKUR
    assert status[(STAF_A, "A-01")]["realisasi"] == 9 and status[(STAF_A, "A-01")]["file_sumber"] == "PMS/staf a v2.xlsx"
    assert status[(STAF_A, "A-02")]["status"] == STATUS_TIDAK_VALID
    assert status[(STAF_A, "A-02")]["isian_asli"] == "sekitar lima"
    assert status[(STAF_A, "A-03")]["status"] == STATUS_KOSONG
    assert {status[(STAF_B, k)]["status"] for k in ("B-01", "B-02", "B-03")} == {STATUS_BELUM}
    # aggregation: the institute mean leaves out "tidak dapat dihitung" and caps at 120
    lembaga = h.lembaga
    capped = [min(r["capaian"], 120) for r in h.data if r["capaian"] is not None]
    weights = [r["bobot"] or 1 for r in h.data if r["capaian"] is not None]
    assert lembaga["rata_capaian"] == pytest.approx(sum(c * w for c, w in zip(capped, weights)) / sum(weights))
    assert lembaga["rata_capaian_tanpa_batas"] > lembaga["rata_capaian"]
    assert lembaga["belum_mengumpulkan"] == 1 and lembaga["terlambat"] == 1
    keg = {r["kode_kegiatan"]: r for r in h.pemantauan}
    assert keg["K-01"]["serapan"] == pytest.approx(10.0) and keg["K-01"]["di_bawah_acuan"] == "ya"
    assert keg["K-02"]["realisasi_anggaran"] == 10_000_000


def test_recap_workbook_and_manifest(mini_master, folder, tmp_path):
    out = kompilasi(mini_master, folder, 1, tmp_path / "keluar")
    assert out.rekap.name == "Rekap Kinerja 2026 TW1.xlsx"
    wb = openpyxl.load_workbook(out.rekap)
    assert wb.sheetnames == ["Ringkasan", "Unit", "ASN", "Pemantauan", "Status Pengumpulan",
                             "Kebutuhan Data", "Temuan", "Berkas Dilewati", "Data"]
    data = wb["Data"]
    header = [c.value for c in data[1]]
    assert header[:16] == ["tahun", "triwulan", "nip", "nama", "kode_unit", "nama_unit", "kode_indikator",
                           "indikator", "satuan", "polaritas", "target", "realisasi", "capaian", "predikat",
                           "status", "file_sumber"]
    nip_col = header.index("nip") + 1
    assert all(data.cell(r, nip_col).data_type == "s" and len(data.cell(r, nip_col).value) == 18
               for r in range(2, data.max_row + 1))
    kendala = {data.cell(r, header.index("kendala") + 1).value: data.cell(r, header.index("kendala") + 1)
               for r in range(2, data.max_row + 1)}
    for text in ('=HYPERLINK("http://x","klik")', "=1+1"):
        assert kendala[text].data_type == "s", "free text must never become a formula"
    assert len(wb["Ringkasan"]._charts) == 2
    assert [c.value for c in wb["Temuan"][1]] == ["kode", "nip", "file", "sheet", "sel", "pesan"]
    assert wb["Temuan"].max_row - 1 == len(out.hasil.temuan)
    assert wb["Data"].conditional_formatting
    unit_header = [c.value for c in wb["Unit"][1]]
    assert {"Jumlah ASN", "Rata-rata capaian (%)", "Kelengkapan (%)", "Pagu (Rp)"} <= set(unit_header)
    assert [c.value for c in wb["Status Pengumpulan"][1]][:2] == ["NIP", "Nama"]
    status = {r[0].value: r[4].value for r in wb["Status Pengumpulan"].iter_rows(min_row=2)}
    assert status == {KEPALA: "tepat waktu", KASI: "terlambat", STAF_A: "tepat waktu",
                      STAF_B: "belum mengumpulkan"}
    kebutuhan = {(r[5].value, r[3].value) for r in wb["Kebutuhan Data"].iter_rows(min_row=2)}
    assert (STAF_B, "B-01") in kebutuhan and (STAF_A, "A-02") in kebutuhan

    manifest = json.loads(out.manifest.read_text(encoding="utf-8"))
    assert manifest["tahun"] == 2026 and manifest["triwulan"] == 1
    files = {f["path"]: f for f in manifest["berkas"]}
    assert len(files) == 9 and len(files["PMS/kasi.xlsx"]["sha256"]) == 64
    assert {"path": kontrak.FOLDER_CADANGAN, "alasan": "folder cadangan formulir lama"} in manifest["dilewati"]
    assert len(manifest["temuan"]) == len(out.hasil.temuan)
    assert manifest["jumlah"]["asn_belum_mengumpulkan"] == 1


def test_inputs_untouched_and_rerun_identical(mini_master, folder, tmp_path):
    before = _snapshot(folder)
    first = kompilasi(mini_master, folder, 1, tmp_path / "a")
    second = kompilasi(mini_master, folder, 1, tmp_path / "b")
    assert _snapshot(folder) == before
    read = lambda p: CalamineWorkbook.from_path(str(p)).get_sheet_by_name("Data").to_python()  # noqa: E731
    assert read(first.rekap) == read(second.rekap)


def test_failed_write_keeps_previous_outputs(mini_master, folder, tmp_path, monkeypatch):
    out = kompilasi(mini_master, folder, 1, tmp_path / "keluar")
    before = out.rekap.read_bytes()
    from poskinerja.kompilasi import rekap_xlsx

    def crash(*args, **kwargs):
        raise RuntimeError("listrik padam")
    monkeypatch.setattr(rekap_xlsx, "_ringkasan", crash)
    with pytest.raises(RuntimeError):
        kompilasi(mini_master, folder, 1, tmp_path / "keluar")
    assert out.rekap.read_bytes() == before
    assert not [p for p in (tmp_path / "keluar").iterdir() if p.name.startswith(".~tmp")]


def test_bad_settings(mini_master, folder, tmp_path):
    with pytest.raises(KompilasiGagal, match="Triwulan 5 tidak valid"):
        kompilasi(mini_master, folder, 5, tmp_path)
    with pytest.raises(KompilasiGagal, match="Folder formulir tidak ditemukan"):
        kompilasi(mini_master, tmp_path / "tidak-ada", 1, tmp_path)


def test_cli_kompilasi(mini_master_path, folder, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "poskinerja.cli", "kompilasi", str(folder), "--master",
                           str(mini_master_path), "--triwulan", "1", "--keluar", str(tmp_path / "k")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Berkas dibaca" in proc.stdout and "BELUM_MENGUMPULKAN" in proc.stdout
    assert (tmp_path / "k" / "Rekap Kinerja 2026 TW1.xlsx").exists()
    proc = subprocess.run([sys.executable, "-m", "poskinerja.cli", "kompilasi", str(folder), "--master",
                           str(mini_master_path), "--triwulan", "7", "--keluar", str(tmp_path / "k")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Triwulan" in proc.stderr


def test_capaian_equals_libreoffice_on_libreoffice_saved_forms(mini_master, tmp_path):
    """A form saved by LibreOffice is read, and kompilasi's capaian equals LibreOffice's."""
    from libreoffice import recalc_xlsx, require_libreoffice
    require_libreoffice()
    [form] = F.buat_formulir(mini_master, tmp_path / "asli", nip=STAF_B)
    filled = fill_form(form, tmp_path / "isi.xlsx", pengukuran={
        ("B-01", "Realisasi TW I"): 45.5, ("B-02", "Realisasi TW I"): 3, ("B-03", "Realisasi TW I"): 3})
    (tmp_path / "masuk").mkdir()
    saved = tmp_path / "masuk" / "lo.xlsx"
    recalc_xlsx(filled, saved)
    h = kompilasi(mini_master, tmp_path / "masuk", 1, tmp_path / "keluar").hasil
    ws = openpyxl.load_workbook(saved, data_only=True)[F.SHEET_PENGUKURAN]
    rows = {r["kode_indikator"]: r for r in h.data if r["nip"] == STAF_B}
    for kode in ("B-01", "B-02", "B-03"):
        lo_value = ws.cell(row_of(ws, kode), header_map(ws)["Capaian TW I"]).value
        assert rows[kode]["status"] == STATUS_OK
        assert rows[kode]["capaian"] == pytest.approx(lo_value, abs=1e-9)


def test_quarter_subfolders_are_read_per_quarter(mini_master, tmp_path):
    """A root with TW1/TW2 sub-folders: each quarter reads its own copy, TW II's copy repeats TW I."""
    from poskinerja.formulir.tulis import buat_formulir
    from poskinerja.kompilasi.jalan import folder_triwulan, kumpulkan_triwulan
    from poskinerja.contoh.simulasi import simulasi_pengisian

    forms = buat_formulir(mini_master, tmp_path / "kosong")
    root = tmp_path / "masuk"
    simulasi_pengisian(mini_master, forms, root / "TW1", triwulan=1, kesalahan=False)
    simulasi_pengisian(mini_master, forms, root / "TW2", triwulan=2, kesalahan=False)
    assert folder_triwulan(root, 2) == root / "TW2" and folder_triwulan(root, 3) is None
    assert folder_triwulan(root / "TW1", 1) == root / "TW1"  # a plain folder holds the forms itself

    per_tw = kumpulkan_triwulan(mini_master, root, [1, 2, 3], lewati_kosong=True)
    assert sorted(per_tw) == [1, 2]
    assert per_tw[1].folder == str(root / "TW1") and per_tw[2].folder == str(root / "TW2")
    assert not [t for t in per_tw[1].temuan + per_tw[2].temuan if t.kode == "DUPLIKAT"]

    tw2_copy = kumpulkan_triwulan(mini_master, root / "TW2", [1])[1]  # TW I read from TW II's copy
    key = lambda r: (r["nip"], r["kode_indikator"])  # noqa: E731
    assert {key(r): r["realisasi"] for r in per_tw[1].data} == {key(r): r["realisasi"] for r in tw2_copy.data}
    with pytest.raises(KompilasiGagal, match="triwulan 3"):
        kumpulkan_triwulan(mini_master, root, [3])


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_forms_saved_as_ods_or_xls_by_libreoffice_are_read(mini_master, tmp_path, suffix):
    """Staff on LibreOffice may keep its own format (ODS) or pick the old .xls: nothing is lost."""
    from libreoffice import recalc_xlsx, require_libreoffice
    require_libreoffice()
    [form] = F.buat_formulir(mini_master, tmp_path / "asli", nip=STAF_B)
    values = {("B-01", "Realisasi TW I"): 45.5, ("B-02", "Realisasi TW I"): "3", ("B-03", "Realisasi TW I"): 3}
    filled = fill_form(form, tmp_path / "xlsx" / "isi.xlsx", pengukuran=values)
    recalc_xlsx(filled, tmp_path / "lain" / f"isi{suffix}")
    from poskinerja.kompilasi.jalan import kumpulkan
    as_xlsx = {r["kode_indikator"]: r for r in kumpulkan(mini_master, tmp_path / "xlsx", 1).data
               if r["nip"] == STAF_B}
    other = kumpulkan(mini_master, tmp_path / "lain", 1)
    assert [f.relpath for f in other.forms if f.usable] == [f"isi{suffix}"]
    rows = {r["kode_indikator"]: r for r in other.data if r["nip"] == STAF_B}
    for kode in ("B-01", "B-02", "B-03"):
        assert rows[kode]["status"] == STATUS_OK
        assert (rows[kode]["realisasi"], rows[kode]["capaian"]) == (as_xlsx[kode]["realisasi"],
                                                                      as_xlsx[kode]["capaian"])
    assert rows["B-01"]["file_sumber"] == f"isi{suffix}"
