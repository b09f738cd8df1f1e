"""The panel's button handlers on xlwings' real remote engine.

The tests build the JSON payload the Excel client sends for the generated
panel, run each handler on ``xw.Book(json=payload)`` against a real folder of
filled forms (the bundled example institute), and assert on ``book.json()``:
the actions Excel would apply.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from poskinerja.excel import tombol as px
from poskinerja.contoh.demo import salin_contoh
from poskinerja.formulir.tulis import buat_formulir
from poskinerja.kompilasi.jalan import KeluaranKompilasi, kumpulkan
from poskinerja.master.baca import muat_master
from poskinerja.excel.panel import buat_panel, payload_klien
from poskinerja.contoh.simulasi import simulasi_pengisian


def _xlwings():
    """xlwings with its remote engine (PolyForm Noncommercial key, set before the engines
    register; registered here too should another test have imported xlwings first)."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    if "remote" not in [e.name for e in xw.engines]:
        from xlwings.pro import _xlremote

        xw.engines.add(xw.Engine(impl=_xlremote.engine))
    return xw


class Lembaga:
    """The example institute on disk: master, filled TW I forms, the panel and its payload."""

    def __init__(self, root: Path):
        self.root = root
        self.master_path = salin_contoh(root)
        self.master = muat_master(self.master_path)
        forms = buat_formulir(self.master, root / "formulir")
        self.masuk = root / "terkumpul"
        self.skenario = simulasi_pengisian(self.master, forms, self.masuk, triwulan=1)
        self.keluar = root / "keluaran"
        self.panel = buat_panel(self.master_path, root, folder=self.masuk, keluar=self.keluar,
                                triwulan=1)
        self.payload = payload_klien(self.panel)

    def book(self, **settings):
        """A fresh book from the payload, with the named settings cells overridden."""
        xw = _xlwings()
        payload = copy.deepcopy(self.payload)
        names = {n["name"]: n for n in payload["names"]}
        for key, value in settings.items():
            name = names[px.SEL[key][0]]
            row, col = _cell(name["address"])
            payload["sheets"][name["sheet_index"]]["values"][row][col] = value
        return xw.Book(json=payload)


@pytest.fixture(scope="module")
def lembaga(tmp_path_factory) -> Lembaga:
    return Lembaga(tmp_path_factory.mktemp("panel-lembaga"))


@pytest.fixture(scope="module")
def hasil_tw1(lembaga):
    return kumpulkan(lembaga.master, lembaga.masuk, 1)


def _cell(address: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", address.split(":")[0])
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _sheet_position(book_json_payload: dict, name: str) -> int:
    return [s["name"] for s in book_json_payload["sheets"]].index(name)


def grids(payload: dict, actions: list[dict]) -> dict[str, dict[tuple[int, int], object]]:
    """What each sheet shows once Excel applied the actions (cleared cells disappear)."""
    out = {}
    for i, sheet in enumerate(payload["sheets"]):
        out[sheet["name"]] = {(r, c): v for r, row in enumerate(sheet["values"]) for c, v in enumerate(row)
                              if v not in ("", None)}
    names = [s["name"] for s in payload["sheets"]]
    for a in actions:
        if a["sheet_position"] is None:
            continue
        grid = out[names[a["sheet_position"]]]
        r0, c0 = a["start_row"], a["start_column"]
        if a["func"] == "rangeClearContents":
            for r in range(r0, r0 + a["row_count"]):
                for c in range(c0, c0 + a["column_count"]):
                    grid.pop((r, c), None)
        elif a["func"] == "setValues":
            for dr, row in enumerate(a["values"]):
                for dc, v in enumerate(row):
                    if v in ("", None):
                        grid.pop((r0 + dr, c0 + dc), None)
                    else:
                        grid[(r0 + dr, c0 + dc)] = v
    return out


def rows_of(grid: dict, first_row: int, width: int) -> list[list[object]]:
    """Data rows (0-based first_row) until the first empty row."""
    rows = []
    r = first_row
    while any((r, c) in grid for c in range(width)):
        rows.append([grid.get((r, c)) for c in range(width)])
        r += 1
    return rows


def the_alert(actions: list[dict]) -> tuple[str, str, str]:
    alerts = [a for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1, alerts
    assert actions[-1]["func"] == "alert"  # the message box comes last, after every write
    prompt, title, _buttons, mode, _cb = alerts[0]["args"]
    return prompt, title, mode


def _assert_friendly(prompt: str) -> None:
    assert "Traceback" not in prompt and 'File "' not in prompt and "Error:" not in prompt
    assert len(prompt) < 900


# --- kompilasi ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kompilasi_run(lembaga):
    book = lembaga.book()
    result = px.kompilasi(book)
    actions = book.json()["actions"]
    return result, actions, grids(lembaga.payload, actions)


def test_kompilasi_writes_status_rows_matching_the_merge(lembaga, hasil_tw1, kompilasi_run):
    result, actions, g = kompilasi_run
    assert result is not None
    rows = rows_of(g["Status"], px.DATA_ROW - 1, len(px.STATUS_KOLOM))
    assert len(rows) == len(hasil_tw1.asn) == len(lembaga.master.asn)
    for row, asn in zip(rows, hasil_tw1.asn):
        no, nip, nama, unit, status, terisi, diukur, file, disimpan, temuan = row
        assert nip == asn["nip"]
        assert isinstance(nip, str) and len(nip) == 18 and nip.isdigit()
        assert (nama, unit, status) == (asn["nama"], asn["nama_unit"], asn["status_pengumpulan"])
        assert (terisi, diukur, temuan) == (asn["terisi"], asn["indikator_diukur"], asn["jumlah_temuan"])
        assert (file or "") == asn["file"]
        if asn["disimpan"]:
            assert dt.datetime.fromisoformat(disimpan) == asn["disimpan"].replace(microsecond=0)
        else:
            assert disimpan is None
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    missing = [r for r in rows if r[4] == "belum mengumpulkan"]
    assert [r[2] for r in missing] == lembaga.skenario.tidak_mengumpulkan


def test_kompilasi_formats_the_nip_column_as_text_before_writing(lembaga, kompilasi_run):
    _, actions, _ = kompilasi_run
    status = _sheet_position(lembaga.payload, "Status")
    fmt = [i for i, a in enumerate(actions) if a["func"] == "setNumberFormat" and a["sheet_position"] == status]
    values = [i for i, a in enumerate(actions) if a["func"] == "setValues" and a["sheet_position"] == status
              and a["start_row"] == px.DATA_ROW - 1]
    assert fmt and values and fmt[0] < values[0]
    a = actions[fmt[0]]
    assert a["args"] == ["@"] and a["start_column"] == 1 and a["column_count"] == 1
    assert a["row_count"] == len(lembaga.master.asn)


def test_kompilasi_ringkasan_matches_institute_and_units(hasil_tw1, kompilasi_run):
    _, _, g = kompilasi_run
    rows = rows_of(g["Ringkasan"], px.DATA_ROW - 1, len(px.RINGKASAN_KOLOM))
    lembaga_row, unit_rows = rows[0], rows[1:1 + len(hasil_tw1.unit)]
    for row, expected in [(lembaga_row, hasil_tw1.lembaga), *zip(unit_rows, hasil_tw1.unit)]:
        assert row[2:9] == [expected[k] for k in ("jumlah_asn", "tepat_waktu", "terlambat", "belum_mengisi",
                                                  "belum_mengumpulkan", "indikator_diukur", "terisi")]
        assert row[9] == pytest.approx(expected["kelengkapan"], abs=0.01)
        assert row[10] == pytest.approx(expected["rata_capaian"], abs=0.01)
        assert row[11] == expected["predikat"]
        assert row[12] == pytest.approx(expected["pagu"])
        assert row[14] == pytest.approx(expected["serapan"], abs=0.01)
    assert hasil_tw1.lembaga["nama"] in lembaga_row[0]
    assert [r[0] for r in unit_rows] == [u["nama_unit"] for u in hasil_tw1.unit]
    # the Temuan counts per code follow the units
    temuan = {r[0]: r[1] for r in rows_of(g["Ringkasan"], px.DATA_ROW + len(hasil_tw1.unit) + 2, 3)}
    assert temuan == dict(hasil_tw1.jumlah_temuan())


def test_kompilasi_writes_recap_and_alert_names_the_counts(lembaga, hasil_tw1, kompilasi_run):
    _, actions, g = kompilasi_run
    rekap = lembaga.keluar / "Rekap Kinerja 2026 TW1.xlsx"
    manifest = json.loads((lembaga.keluar / "kompilasi-2026-TW1.json").read_text("utf-8"))
    assert rekap.is_file()
    expected = KeluaranKompilasi(hasil_tw1, None, None, 0).ringkasan()
    assert manifest["jumlah"] == expected
    prompt, title, mode = the_alert(actions)
    assert mode == "info" and "Kompilasi" in title
    assert "Kompilasi TW I 2026 selesai" in prompt
    assert f"ASN lengkap: {expected['asn_lengkap']} dari {expected['asn']}" in prompt
    assert f"ASN belum mengumpulkan: {expected['asn_belum_mengumpulkan']}" in prompt
    assert f"Terlambat: {expected['terlambat']}" in prompt
    assert f"Temuan: {sum(expected['temuan'].values())}" in prompt
    assert str(rekap) in prompt
    _assert_friendly(prompt)
    # the last-run block on the Panel: button, time, duration, one-line result
    name = next(n for n in lembaga.payload["names"] if n["name"] == px.SEL_TERAKHIR)
    r, c = _cell(name["address"])
    block = [g["Panel"].get((r + i, c)) for i in range(4)]
    assert block[0] == "Kompilasi"
    assert dt.datetime.fromisoformat(block[1]).date() == dt.date.today()
    assert isinstance(block[2], float) and 0 <= block[2] < 60
    assert f"{expected['asn_lengkap']} dari {expected['asn']} ASN lengkap" in block[3]
    log = (lembaga.keluar / px.LOG_NAME).read_text("utf-8")
    assert "Kompilasi:" in log


def test_kompilasi_writes_whole_ranges(kompilasi_run, lembaga):
    _, actions, _ = kompilasi_run
    # a handful of actions whatever the number of ASN: no cell-by-cell writes
    assert len(actions) <= 12
    big = [a for a in actions if a["func"] == "setValues" and a["row_count"] >= len(lembaga.master.asn)]
    assert len(big) == 1


# --- the other buttons ----------------------------------------------------------------------------------

def test_cek_kelengkapan_writes_status_but_no_recap(lembaga, hasil_tw1, tmp_path):
    keluar = tmp_path / "cek"
    book = lembaga.book(keluar=str(keluar))
    assert px.cek_kelengkapan(book) is not None
    actions = book.json()["actions"]
    g = grids(lembaga.payload, actions)
    rows = rows_of(g["Status"], px.DATA_ROW - 1, len(px.STATUS_KOLOM))
    assert [(r[1], r[4]) for r in rows] == [(a["nip"], a["status_pengumpulan"]) for a in hasil_tw1.asn]
    assert not list(keluar.glob("Rekap*")) and not list(keluar.glob("*.json"))
    prompt, _, mode = the_alert(actions)
    assert mode == "info"
    assert "Cek kelengkapan TW I 2026" in prompt
    assert f"Belum mengumpulkan: {lembaga.skenario.tidak_mengumpulkan[0]}" in prompt
    assert "Rekap belum ditulis" in prompt
    assert "rekap belum ditulis" in g["Ringkasan"][(0, 0)]


def test_jadwal_pos_writes_tracker_rows_with_status_fill(lembaga):
    from poskinerja.kompilasi.jalan import kumpulkan_triwulan
    from poskinerja.siklus.pelacak import lacak

    today = dt.date(2026, 4, 20)
    book = lembaga.book()
    px.jadwal_pos(book, hari_ini=today)
    actions = book.json()["actions"]
    g = grids(lembaga.payload, actions)
    per_tw = kumpulkan_triwulan(lembaga.master, lembaga.masuk, [1, 2, 3, 4], lewati_kosong=True)
    expected = lacak(lembaga.master, per_tw, lembaga.keluar, today)
    rows = rows_of(g["Jadwal POS"], px.DATA_ROW - 1, len(px.JADWAL_KOLOM))
    assert [(r[1], r[3], r[4], r[5]) for r in rows] == [
        (f"{e.nomor}. {e.uraian}", e.mulai.isoformat(), e.selesai.isoformat(), e.status) for e in expected]
    # the test's kompilasi ran today, after the planned TW I window of 2026: done, but late
    assert {r[5] for r in rows} >= {"selesai terlambat", "terlambat", "belum mulai"}
    # fills: every row of a status gets its colour, rows not started none
    jadwal = _sheet_position(lembaga.payload, "Jadwal POS")
    filled = {}
    for a in actions:
        if a["func"] == "setRangeColor" and a["sheet_position"] == jadwal:
            for r in range(a["start_row"], a["start_row"] + a["row_count"]):
                filled[r - (px.DATA_ROW - 1)] = a["args"][0]
    for i, row in enumerate(rows):
        assert filled.get(i) == px.WARNA_STATUS[row[5]], (i, row[5])
    prompt, _, mode = the_alert(actions)
    counts = {s: sum(1 for e in expected if e.status == s) for s in px.WARNA_STATUS}
    assert mode == "info"
    assert (f"Jadwal POS per 20/04/2026: {counts['selesai']} selesai, "
            f"{counts['selesai terlambat']} selesai terlambat, {counts['berjalan']} berjalan, "
            f"{counts['terlambat']} terlambat, {counts['belum mulai']} belum mulai") in prompt


def test_buat_format_writes_forms_and_lists_them(lembaga, tmp_path):
    keluar = tmp_path / "baru"
    book = lembaga.book(keluar=str(keluar))
    assert px.buat_format(book) is not None
    actions = book.json()["actions"]
    written = sorted((keluar / "Formulir 2026").rglob("*.xlsx"))
    assert len(written) == len(lembaga.master.asn)
    rows = rows_of(grids(lembaga.payload, actions)["Status"], px.DATA_ROW - 1, len(px.STATUS_KOLOM))
    assert [r[1] for r in rows] == list(lembaga.master.asn)
    assert all(r[4] == "formulir dibuat" and (keluar / "Formulir 2026" / r[7]).is_file() for r in rows)
    prompt, _, _ = the_alert(actions)
    assert prompt.startswith(f"{len(written)} formulir ditulis ke:")


def test_buat_format_for_one_unit(lembaga, tmp_path):
    unit = next(iter(lembaga.master.unit))
    book = lembaga.book(keluar=str(tmp_path), unit=unit)
    px.buat_format(book)
    people = [a for a in lembaga.master.asn.values() if a.kode_unit == unit]
    assert len(list((tmp_path / "Formulir 2026").rglob("*.xlsx"))) == len(people)


def test_buat_pk_writes_drafts_and_final_copies(lembaga, tmp_path):
    unit = "TU"  # the example's TU has ratified and unratified PKs
    book = lembaga.book(keluar=str(tmp_path), unit=unit)
    assert px.buat_pk(book) is not None
    actions = book.json()["actions"]
    out = tmp_path / "PK 2026"
    people = [a for a in lembaga.master.asn.values() if a.kode_unit == unit]
    ratified = [a for a in people if a.tanggal_sah]
    assert 0 < len(ratified) < len(people)
    drafts = sorted(p for p in out.rglob("PK *.docx") if px.FOLDER_PK_FINAL not in p.parts)
    finals = sorted((out / px.FOLDER_PK_FINAL).rglob("PK *.docx"))
    assert len(drafts) == len(people) and len(finals) == len(ratified)
    assert [p.name for p in out.rglob("Register PK*.xlsx")] == ["Register PK 2026.xlsx"]
    rows = rows_of(grids(lembaga.payload, actions)["Status"], px.DATA_ROW - 1, len(px.STATUS_KOLOM))
    assert [r[1] for r in rows] == [a.nip for a in people]
    by_nip = {r[1]: r for r in rows}
    for a in people:
        assert by_nip[a.nip][4] == ("PK disahkan" if a.tanggal_sah else "PK draf")
        assert by_nip[a.nip][7].startswith(px.FOLDER_PK_FINAL if a.tanggal_sah else unit)
    prompt, _, mode = the_alert(actions)
    assert mode == "info" and f"{len(drafts)} dokumen PK ditulis" in prompt
    assert f"yang sudah disahkan: {len(finals)}" in prompt


def test_susun_laporan_writes_quarter_drafts(lembaga, tmp_path):
    book = lembaga.book(keluar=str(tmp_path))
    assert px.susun_laporan(book) is not None
    docs = sorted((tmp_path / "Laporan 2026").rglob("*.docx"))
    assert docs
    prompt, _, mode = the_alert(book.json()["actions"])
    assert mode == "info"
    assert f"Draf laporan kinerja TW I 2026: {len(docs)} dokumen ditulis ke:" in prompt


def test_susun_laporan_bad_semester(lembaga, tmp_path):
    book = lembaga.book(keluar=str(tmp_path), semester=3)
    assert px.susun_laporan(book) is None
    prompt, _, mode = the_alert(book.json()["actions"])
    assert mode == "critical" and "Semester 3 tidak valid" in prompt and "lalu klik lagi" in prompt
    _assert_friendly(prompt)


def test_handler_uses_the_calling_book(lembaga):
    xw = _xlwings()
    book = lembaga.book()
    book.set_mock_caller()
    try:
        px.cek_kelengkapan()
    finally:
        del xw.Book._mock_caller
    assert the_alert(book.json()["actions"])[2] == "info"


def test_paths_pasted_with_quotes_and_roman_quarter(lembaga):
    book = lembaga.book(masuk=f'"{lembaga.masuk}"', triwulan="II", tahun=2026.0)
    px.cek_kelengkapan(book)
    prompt, _, mode = the_alert(book.json()["actions"])
    assert mode == "info" and "TW II 2026" in prompt


# --- bad settings: a friendly message box, never a traceback ---------------------------------------------

@pytest.mark.parametrize("handler, settings, expected", [
    ("kompilasi", {"masuk": "/tidak/ada/folder"}, "Folder formulir terkumpul tidak ditemukan"),
    ("kompilasi", {"triwulan": 5}, "Triwulan 5 tidak valid; isi 1, 2, 3 atau 4."),
    ("cek_kelengkapan", {"triwulan": "lima"}, "Triwulan \"lima\" tidak valid"),
    ("cek_kelengkapan", {"triwulan": ""}, "Sel \"Triwulan\" di lembar Panel masih kosong"),
    ("kompilasi", {"master": "/tidak/ada/master.xlsx"}, "Berkas master tidak ditemukan"),
    ("buat_format", {"master": ""}, "Sel \"Berkas master\" di lembar Panel masih kosong"),
    ("jadwal_pos", {"tahun": 2025}, "Tahun di lembar Panel (2025) berbeda dengan tahun di master (2026)"),
    ("buat_format", {"unit": "XYZ"}, "Unit XYZ tidak ada di master"),
])
def test_bad_setting_gives_friendly_alert(lembaga, handler, settings, expected):
    book = lembaga.book(**settings)
    assert getattr(px, handler)(book) is None
    actions = book.json()["actions"]
    prompt, title, mode = the_alert(actions)
    assert expected in prompt
    assert mode == "critical" and title.startswith("Panel Kinerja")
    assert "lalu klik" in prompt  # says what to do
    _assert_friendly(prompt)
    # nothing written to Status or Ringkasan on failure; the last-run block says Gagal
    status = _sheet_position(lembaga.payload, "Status")
    assert not [a for a in actions if a["sheet_position"] == status]
    block = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == 0]
    assert block and block[-1]["values"][3][0].startswith("Gagal:")


def test_per_quarter_subfolders(lembaga, tmp_path):
    import shutil

    shutil.copytree(lembaga.masuk, tmp_path / "masuk" / "TW1")
    book = lembaga.book(masuk=str(tmp_path / "masuk"), keluar=str(tmp_path / "out"), triwulan=1)
    assert px.cek_kelengkapan(book) is not None
    book = lembaga.book(masuk=str(tmp_path / "masuk"), keluar=str(tmp_path / "out"), triwulan=2)
    assert px.kompilasi(book) is None
    prompt, _, mode = the_alert(book.json()["actions"])
    assert mode == "critical" and "Folder formulir triwulan 2 tidak ditemukan" in prompt
    assert "lalu klik lagi" in prompt
    book = lembaga.book(masuk=str(tmp_path / "masuk"), keluar=str(tmp_path / "out"))
    assert px.jadwal_pos(book, hari_ini=dt.date(2026, 4, 20)) is not None


def test_unusable_master_lists_its_problems(lembaga, tmp_path):
    import openpyxl

    bad = tmp_path / "master-rusak.xlsx"
    wb = openpyxl.load_workbook(lembaga.master_path)
    wb["ASN"]["A3"].value = "12345"
    wb.save(bad)
    book = lembaga.book(master=str(bad), keluar=str(tmp_path / "out"))
    px.kompilasi(book)
    prompt, _, mode = the_alert(book.json()["actions"])
    assert mode == "critical"
    assert "Master tidak dapat dipakai" in prompt and "12345" in prompt and "periksa-master" in prompt
    _assert_friendly(prompt)
    log = (tmp_path / "out" / px.LOG_NAME).read_text("utf-8")
    assert "MASTER_NIP_TIDAK_VALID" in log


def test_unexpected_error_is_logged_not_shown(lembaga, tmp_path, monkeypatch):
    import poskinerja.kompilasi.jalan

    def boom(*args, **kwargs):
        raise RuntimeError("rusak di dalam")

    monkeypatch.setattr(poskinerja.kompilasi.jalan, "kompilasi", boom)
    book = lembaga.book(keluar=str(tmp_path))
    assert px.kompilasi(book) is None
    prompt, _, mode = the_alert(book.json()["actions"])
    assert mode == "critical"
    assert "kesalahan yang tidak terduga (RuntimeError)" in prompt
    assert str(tmp_path / px.LOG_NAME) in prompt
    assert "rusak di dalam" not in prompt
    _assert_friendly(prompt)
    log = (tmp_path / px.LOG_NAME).read_text("utf-8")
    assert "Traceback" in log and "rusak di dalam" in log and "GAGAL" in log


def test_file_locked_by_excel_is_explained(lembaga, tmp_path, monkeypatch):
    import poskinerja.kompilasi.jalan

    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "Rekap Kinerja 2026 TW1.xlsx"))

    monkeypatch.setattr(poskinerja.kompilasi.jalan, "kompilasi", locked)
    book = lembaga.book(keluar=str(tmp_path))
    px.kompilasi(book)
    prompt, _, _ = the_alert(book.json()["actions"])
    assert "sedang terbuka di Excel, tutup dulu" in prompt and "Rekap Kinerja 2026 TW1.xlsx" in prompt
    _assert_friendly(prompt)


def test_free_text_starting_with_equals_stays_text():
    assert px._sel("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert px._sel("biasa") == "biasa"
    assert len(px._sel("x" * 40_000)) < 32_767
