"""Steps 6–7 and the SOP tracker: working days, LKE scoring, evaluation and
recommendation workbooks, on real files."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from hypothesis import given, strategies as st

from conftest import KASI, KEPALA, STAF_A, STAF_B
from isi import fill_form
from poskinerja.formulir import tulis as F
from poskinerja.siklus import lke
from poskinerja.siklus.bukti import kumpulkan_bukti
from poskinerja.siklus.evaluasi import HEADER_ROW, baca_evaluasi, tulis_format_evaluasi
from poskinerja.inti.kalender import jumlah_hari_kerja, tambah_hari_kerja
from poskinerja.kompilasi.jalan import kumpulkan
from poskinerja.siklus.pelacak import BELUM_MULAI, BERJALAN, SELESAI, TERLAMBAT, lacak
from poskinerja.siklus.rekomendasi import baca_rekomendasi, perbarui_rekomendasi

LIBUR = {dt.date(2026, 1, 1), dt.date(2026, 3, 19), dt.date(2026, 3, 20)}


def test_working_days_skip_weekends_and_holidays():
    assert tambah_hari_kerja(dt.date(2026, 1, 5), 5) == dt.date(2026, 1, 9)  # Mon → Fri
    assert tambah_hari_kerja(dt.date(2026, 1, 8), 5) == dt.date(2026, 1, 14)  # Thu → next Wed
    assert tambah_hari_kerja(dt.date(2026, 1, 3), 1) == dt.date(2026, 1, 5)  # Saturday start
    assert tambah_hari_kerja(dt.date(2025, 12, 31), 2, LIBUR) == dt.date(2026, 1, 2)  # over New Year
    assert tambah_hari_kerja(dt.date(2026, 3, 18), 3, LIBUR) == dt.date(2026, 3, 24)  # Thu+Fri holidays
    assert jumlah_hari_kerja(dt.date(2026, 3, 16), dt.date(2026, 3, 27), LIBUR) == 8
    assert jumlah_hari_kerja(dt.date(2026, 3, 27), dt.date(2026, 3, 16)) == 0
    with pytest.raises(ValueError):
        tambah_hari_kerja(dt.date(2026, 1, 5), 0)


@given(start=st.dates(dt.date(2025, 12, 1), dt.date(2027, 1, 31)), days=st.integers(1, 40),
       libur=st.sets(st.dates(dt.date(2025, 12, 1), dt.date(2027, 3, 31)), max_size=30))
def test_working_day_span_counts_back_to_itself(start, days, libur):
    end = tambah_hari_kerja(start, days, libur)
    assert jumlah_hari_kerja(start, end, libur) == days
    assert end.weekday() < 5 and end not in libur  # a span ends on a working day
    assert end >= start


@pytest.mark.parametrize("total, predikat", [(90.01, "AA"), (90, "A"), (80.5, "A"), (80, "BB"), (70.01, "BB"),
                                             (70, "B"), (60, "CC"), (50.5, "CC"), (50, "C"), (30.01, "C"),
                                             (30, "D"), (0, "D")])
def test_lke_predikat_boundaries(total, predikat):
    assert lke.predikat_lke(total) == predikat


def test_lke_weights_sum_to_100_and_scores():
    assert sum(lke.bobot_kriteria(k) for k in lke.KRITERIA) == pytest.approx(100)
    all_a = lke.hitung_skor({k.kode: "A" for k in lke.KRITERIA})
    assert all_a.total == pytest.approx(90) and all_a.predikat == "A"
    assert all_a.komponen == pytest.approx({1: 27, 2: 27, 3: 13.5, 4: 22.5})
    only_planning = lke.hitung_skor({k.kode: "AA" for k in lke.KRITERIA if k.komponen == 1})
    assert only_planning.total == pytest.approx(30) and only_planning.predikat == "D"


@pytest.fixture
def quarters(mini_master, tmp_path):
    """TW I: everyone but Staf B, Kasi late; TW II: Kepala and Staf A only."""
    import os
    forms = {p.name.split(" - ")[0]: p for p in F.buat_formulir(mini_master, tmp_path / "asli")}
    inbox = tmp_path / "masuk"
    values = {
        KEPALA: {("IKU-01", "Realisasi TW I"): 30, ("IKU-02", "Realisasi TW I"): 1,
                 ("IKU-01", "Realisasi TW II"): 40, ("IKU-02", "Realisasi TW II"): 1},
        KASI: {("PMS-01", "Realisasi TW I"): 1, ("PMS-02", "Realisasi TW I"): 0,
               ("PMS-01", "Kendala/Permasalahan TW I"): "Data dinas terlambat"},
        STAF_A: {("A-01", "Realisasi TW I"): 4, ("A-02", "Realisasi TW I"): 5, ("A-03", "Realisasi TW I"): 0,
                 ("A-01", "Realisasi TW II"): 3, ("A-02", "Realisasi TW II"): 4, ("A-03", "Realisasi TW II"): 0,
                 ("A-01", "Kendala/Permasalahan TW I"): "Sekolah libur",
                 ("A-01", "Kendala/Permasalahan TW II"): "Sekolah libur lagi"},
    }
    for nip, v in values.items():
        dest = fill_form(forms[nip], inbox / f"{nip}.xlsx", pengukuran=v)
        when = dt.datetime(2026, 4, 20 if nip == KASI else 5).timestamp()
        os.utime(dest, (when, when))
    return {tw: kumpulkan(mini_master, inbox, tw) for tw in (1, 2)}


def test_evaluation_workbook_evidence_scores_and_bad_inputs(mini_master, quarters, tmp_path):
    bukti = kumpulkan_bukti(mini_master, quarters)
    assert len(bukti["ketepatan"].rincian) == 1 and bukti["ketepatan"].rincian[0]["nip"] == KASI
    assert "TW I: 1; TW II: 0" in bukti["ketepatan"].ringkasan
    assert {r["nip"] for r in bukti["pengumpulan"].rincian} == {STAF_B, KASI}  # STAF_B TW I+II, KASI TW II
    assert [r["nip"] for r in bukti["pk"].rincian] == [STAF_A, STAF_B]  # no tanggal_sah
    assert {r["uraian"].split()[0] for r in bukti["capaian_rendah"].rincian} >= {"A-01", "PMS-01"}
    path = tulis_format_evaluasi(mini_master, bukti, tmp_path / "lke.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    header = {c.value: c.column for c in ws[HEADER_ROW + 1]}
    rows = {ws.cell(r, 1).value: r for r in range(HEADER_ROW + 2, ws.max_row + 1)}
    assert ws.cell(rows["2.b.2"], header["Bukti Otomatis"]).value == bukti["ketepatan"].ringkasan
    assert wb["Bukti Otomatis"].max_row - 1 == sum(len(b.rincian) for b in bukti.values())
    assert [c.value for c in wb["Bukti Otomatis"][1]][:3] == ["Bukti", "Uraian", "NIP"]
    # Tim SPI answers: everything A, except 2.b.2 B by the evaluator over the unit's AA,
    # one invalid answer and one left empty.
    for k in lke.KRITERIA:
        ws.cell(rows[k.kode], header["Jawaban Unit (usulan)"]).value = "A"
    ws.cell(rows["2.b.2"], header["Jawaban Unit (usulan)"]).value = "AA"
    ws.cell(rows["2.b.2"], header["Jawaban Evaluator"]).value = "B"
    ws.cell(rows["3.c.1"], header["Jawaban Unit (usulan)"]).value = "sangat baik"
    ws.cell(rows["4.a.1"], header["Jawaban Unit (usulan)"]).value = None
    wb.save(path)
    hasil = baca_evaluasi(path)
    assert {(t.kode, t.sel) for t in hasil.temuan} == {
        ("JAWABAN_TIDAK_VALID", f"F{rows['3.c.1']}"), ("JAWABAN_KOSONG", f"G{rows['4.a.1']}")}
    expected = {k.kode: "A" for k in lke.KRITERIA} | {"2.b.2": "B"}
    del expected["3.c.1"], expected["4.a.1"]
    assert hasil.jawaban == expected
    assert hasil.skor.total == pytest.approx(lke.hitung_skor(expected).total)
    assert hasil.skor.total == pytest.approx(90 - 0.9 * 30 * 0.3 / 2 * (90 - 70) / 90 * 100 / 100
                                             - 15 * 0.5 * 0.9 - 25 * 0.2 * 0.9, abs=1e-9)
    assert {k.kode for k in hasil.kriteria_lemah()} == {"3.c.1", "4.a.1"}


def test_recommendations_keep_planner_edits_and_add_new(mini_master, quarters, tmp_path):
    from poskinerja.siklus.evaluasi import HasilEvaluasi
    answers = {k.kode: "A" for k in lke.KRITERIA} | {"4.c.1": "C"}
    evaluasi = HasilEvaluasi(lke.hitung_skor(answers), answers, {"4.c.1": "RTL 2025 belum dipantau"}, [])
    dest = tmp_path / "Format Rekomendasi 2026.xlsx"
    first = perbarui_rekomendasi(mini_master, {1: quarters[1]}, dest, evaluasi)
    assert [r["ID"] for r in first.rows] == ["LKE-4.c.1"]
    assert "RTL 2025 belum dipantau" in first.rows[0]["Temuan"]
    ids = {r["ID"] for r in first.rows}
    assert f"KENDALA-{STAF_A}-A-01" not in ids  # one quarter is not "persistent" yet
    wb = openpyxl.load_workbook(dest)
    ws = wb["Rekomendasi"]
    header = {c.value: c.column for c in ws[3]}
    edited_id = ws.cell(4, header["ID"]).value
    ws.cell(4, header["Penyebab"]).value = "Koordinasi dengan dinas lemah"
    ws.cell(4, header["Status"]).value = "proses"
    ws.cell(4, header["Progres (%)"]).value = 40
    wb.save(dest)
    second = perbarui_rekomendasi(mini_master, quarters, dest, evaluasi)
    assert edited_id in second.dipertahankan
    assert f"KENDALA-{STAF_A}-A-01" in second.baru and f"CAPAIAN-{STAF_A}-A-01" in second.baru
    rows = {r["ID"]: r for r in baca_rekomendasi(dest)}
    assert rows[edited_id]["Penyebab"] == "Koordinasi dengan dinas lemah"
    assert rows[edited_id]["Status"] == "proses" and rows[edited_id]["Progres (%)"] == 40
    assert len(rows) == len(second.rows) == len(first.rows) + len(second.baru)


def test_tracker_states_and_who_is_missing(mini_master, quarters, tmp_path):
    out = tmp_path / "keluaran"
    (out / "pk").mkdir(parents=True)
    for nip in (KEPALA, KASI, STAF_A):
        (out / "pk" / f"PK {nip} - nama.docx").write_bytes(b"x")
    rows = lacak(mini_master, quarters, out, hari_ini=dt.date(2026, 5, 4))
    by = {r.uraian: r for r in rows}
    pk = by["Menyusun dokumen Perjanjian Kinerja"]
    assert pk.status == TERLAMBAT and pk.kurang == [f"{mini_master.asn[STAF_B].nama} (PMS)"]
    assert (pk.mulai, pk.selesai) == (dt.date(2026, 1, 2), dt.date(2026, 1, 8))  # Jan 1 is a holiday? no: start 2 Jan
    sah = by["Mengesahkan PK"]
    assert sah.status == TERLAMBAT and len(sah.kurang) == 2
    tw1 = by["Pengukuran kinerja dan pemantauan TW I"]
    assert tw1.status == TERLAMBAT and tw1.kurang == [f"{mini_master.asn[STAF_B].nama} (PMS)"]
    tw2 = by["Pengukuran kinerja dan pemantauan TW II"]
    assert tw2.status == BERJALAN and len(tw2.kurang) == 2
    assert by["Pengukuran kinerja dan pemantauan TW III"].status == BELUM_MULAI
    assert by["Kompilasi hasil TW I (draf laporan berjenjang)"].status == TERLAMBAT
    (out / "kompilasi-2026-TW1.json").write_text('{"waktu": "2026-04-15T10:00:00"}')
    rows = lacak(mini_master, quarters, out, hari_ini=dt.date(2026, 5, 4))
    assert {r.uraian: r for r in rows}["Kompilasi hasil TW I (draf laporan berjenjang)"].status == SELESAI
    assert [r.nomor for r in rows] == [1, 2, 3, 4, 3, 4, 3, 4, 3, 4, 5, 5, 6, 7]
    # last year's documents kept beside this year's (the demo's archive) are not this year's evidence
    arsip = out / "arsip" / "2025"
    arsip.mkdir(parents=True)
    for name in ("Laporan Kinerja Tahunan 2025 (Semester 2) - Lembaga.docx", "Laporan Semester 1 2025 - Lembaga.docx",
                 "Hasil Evaluasi Internal 2025.docx", "Format Rekomendasi 2025.xlsx", "kompilasi-2025-TW2.json"):
        (arsip / name).write_bytes(b"x")
    later = {r.uraian: r for r in lacak(mini_master, quarters, out, hari_ini=dt.date(2027, 3, 1))}
    for step in ("Menyusun laporan kinerja Semester 1", "Menyusun laporan kinerja Semester 2",
                 "Evaluasi internal (pengawasan)", "Kompilasi hasil TW II (draf laporan berjenjang)"):
        assert later[step].status == TERLAMBAT and "2025" not in later[step].bukti, step
    assert later["Menyusun laporan kinerja Semester 2"].bukti == "0 dokumen laporan semester"


def _cli(*args, cwd=None):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "poskinerja.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def test_cli_evaluasi_rekomendasi_status(mini_master, mini_master_path, tmp_path):
    """Steps 6–7 and the tracker through the CLI, on per-quarter folders of simulated forms."""
    from poskinerja.contoh.simulasi import isi_evaluasi, simulasi_pengisian

    forms = F.buat_formulir(mini_master, tmp_path / "kosong")
    inbox = tmp_path / "masuk"
    for tw in (1, 2):
        simulasi_pengisian(mini_master, forms, inbox / f"TW{tw}", triwulan=tw)
    out = tmp_path / "keluaran"

    made = _cli("evaluasi", "--buat", "--master", mini_master_path, "--folder", inbox, "--triwulan", 2,
                "--keluar", out)
    assert made.returncode == 0, made.stderr
    lke_path = out / "Format Evaluasi Internal 2026.xlsx"
    assert "Format Evaluasi Internal ditulis ke" in made.stdout and lke_path.exists()
    late = kumpulkan_bukti(mini_master, {tw: kumpulkan(mini_master, inbox / f"TW{tw}", tw) for tw in (1, 2)})
    assert late["ketepatan"].ringkasan in made.stdout  # the evidence printed is the data's

    isi_evaluasi(lke_path, {k.kode: "A" for k in lke.KRITERIA} | {"1.a.1": "lumayan"})
    scored = _cli("evaluasi", "--hitung", lke_path, "--master", mini_master_path, "--keluar", out)
    assert scored.returncode == 0, scored.stderr
    assert "predikat" in scored.stdout and "JAWABAN_TIDAK_VALID" in scored.stdout
    from docx import Document
    hasil_doc = out / "Hasil Evaluasi Internal 2026.docx"
    text = "\n".join(p.text for p in Document(hasil_doc).paragraphs)
    assert mini_master.pengaturan.nama_lembaga in text and "{{" not in text

    rtl = _cli("rekomendasi", "--master", mini_master_path, "--folder", inbox, "--triwulan", 2,
               "--evaluasi", lke_path, "--keluar", out)
    assert rtl.returncode == 0, rtl.stderr
    assert (out / "Format Rekomendasi 2026.xlsx").exists() and "baru" in rtl.stdout
    assert (out / "Format Rekomendasi 2026.docx").exists()

    status = _cli("status", mini_master_path, "--folder", inbox, "--keluaran", out, "--tanggal", "2026-07-20")
    assert status.returncode == 0, status.stderr
    assert "Jadwal POS" in status.stdout and "Evaluasi internal" in status.stdout
    missing = mini_master.asn[list(mini_master.asn)[-1]].nama  # the simulation leaves the last ASN out
    assert f"kurang: {missing}" in status.stdout

    bad = _cli("status", mini_master_path, "--tanggal", "20-07-2026")
    assert bad.returncode == 2 and "tidak valid" in bad.stderr + bad.stdout
    filled = lke_path.read_bytes()
    again = _cli("evaluasi", "--buat", "--master", mini_master_path, "--folder", tmp_path / "kosong",
                 "--triwulan", 2, "--keluar", out)
    assert again.returncode == 2 and "--timpa" in again.stderr + again.stdout  # SPI's answers are never replaced
    assert lke_path.read_bytes() == filled
    none = _cli("evaluasi", "--buat", "--master", mini_master_path, "--folder", tmp_path / "kosong",
                "--triwulan", 2, "--keluar", tmp_path / "baru")
    assert none.returncode == 0  # a flat folder of blank forms: evidence says nobody filled


def test_tracker_done_late_names_who_was_late(mini_master, tmp_path):
    """Everyone submitted TW I but Kasi after the deadline: done, late, and Kasi named."""
    import os

    from poskinerja.siklus.pelacak import SELESAI_TERLAMBAT
    from poskinerja.contoh.simulasi import simulasi_pengisian

    forms = F.buat_formulir(mini_master, tmp_path / "kosong")
    inbox = tmp_path / "TW1"
    filled = simulasi_pengisian(mini_master, forms, inbox, triwulan=1, kesalahan=False).diisi
    assert len(filled) == len(mini_master.asn)
    kasi = next(p for p in filled if p.name.startswith(KASI))
    late = dt.datetime(2026, 4, 20, 9).timestamp()
    os.utime(kasi, (late, late))
    rows = lacak(mini_master, {1: kumpulkan(mini_master, inbox, 1)}, None, hari_ini=dt.date(2026, 5, 4))
    tw1 = {r.uraian: r for r in rows}["Pengukuran kinerja dan pemantauan TW I"]
    assert tw1.status == SELESAI_TERLAMBAT
    assert tw1.kurang == [f"{mini_master.asn[KASI].nama} (PMS)"] and "1 terlambat" in tw1.bukti
    os.utime(kasi, (late - 20 * 86400,) * 2)
    rows = lacak(mini_master, {1: kumpulkan(mini_master, inbox, 1)}, None, hari_ini=dt.date(2026, 5, 4))
    assert {r.uraian: r for r in rows}["Pengukuran kinerja dan pemantauan TW I"].status == SELESAI


def test_pk_evidence_counts_late_ratification(rows, tmp_path):
    """The window for ratifying PKs follows the tracker's working days; late ones are evidence."""
    from poskinerja.master.baca import muat_master
    from poskinerja.master.tulis import tulis_master
    from poskinerja.siklus.pelacak import jadwal_pk

    kasi = next(r for r in rows["ASN"] if r["nip"] == KASI)
    kasi["tanggal_sah"] = dt.date(2026, 2, 2)
    master = muat_master(tulis_master(tmp_path / "m.xlsx", rows))
    assert jadwal_pk(master)[3] == dt.date(2026, 1, 15)  # 2 Jan + 5 + 5 working days, 1 Jan excluded
    pk = kumpulkan_bukti(master, {})["pk"]
    assert "2 dari 4 ASN memiliki PK yang disahkan; 1 disahkan sesudah 15 Januari 2026" in pk.ringkasan
    assert [(r["nip"], r["uraian"]) for r in pk.rincian if r["nip"] == KASI] == [
        (KASI, "PK disahkan melewati jadwal")]
