"""`poskinerja demo DIR`: the whole cycle on the bundled example, run as a user would."""
import json
import subprocess
import sys

from docx import Document
from python_calamine import CalamineWorkbook

from poskinerja.master.baca import muat_master
from poskinerja.berkas.sumber import contoh_master


def test_demo_runs_the_whole_cycle(tmp_path):
    root = tmp_path / "demo lembaga"
    run = subprocess.run([sys.executable, "-m", "poskinerja.cli", "demo", str(root)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    master = muat_master(contoh_master())
    n = len(master.asn)
    assert (root / "master.xlsx").exists()
    assert len(list((root / "2-formulir").rglob("*.xlsx"))) == n
    drafts = [p for p in (root / "1-pk").rglob("PK *.docx") if "disahkan" not in p.parts]
    ratified = list((root / "1-pk" / "disahkan").rglob("PK *.docx"))
    assert len(drafts) == n
    assert len(ratified) == sum(1 for a in master.asn.values() if a.tanggal_sah)
    register = CalamineWorkbook.from_path(str(root / "1-pk" / "Register PK 2026.xlsx"))
    assert any("draf" in map(str, row) for row in register.get_sheet_by_index(0).to_python())
    for tw in (1, 2):
        manifest = json.loads((root / "4-rekap" / f"kompilasi-2026-TW{tw}.json").read_text("utf-8"))
        assert manifest["triwulan"] == tw and manifest["jumlah"]["asn_belum_mengumpulkan"] == 1
        assert (root / "4-rekap" / f"Rekap Kinerja 2026 TW{tw}.xlsx").exists()
    tw1 = list((root / "5-laporan" / "TW1").glob("*.docx"))
    semester = list((root / "5-laporan" / "Semester 1").glob("*.docx"))
    assert len(tw1) == len(semester) == 1 + len([u for u in master.unit if any(
        a.kode_unit == u for a in master.asn.values())])
    hasil = Document(root / "6-evaluasi" / "Hasil Evaluasi Internal 2026.docx")
    assert any("predikat" in p.text.lower() for p in hasil.paragraphs)
    assert (root / "7-rekomendasi" / "Format Rekomendasi 2026.xlsx").exists()
    assert (root / "Panel Kinerja 2026.xlsm").exists()
    out = run.stdout
    for expected in ("Langkah 1", "Langkah 7", "Simulasi pengisian TW 2", "Jadwal POS",
                     "Menyusun RTL", str(root / "master.xlsx")):
        assert expected in out, expected
    assert "Traceback" not in run.stderr
    # earlier years: their recaps, the last one's annual report, next year's master with its RTL
    arsip = root / "0-arsip-tahun-sebelumnya"
    for tahun in (2024, 2025):
        assert len(list((arsip / str(tahun) / "rekap").glob(f"Rekap Kinerja {tahun} TW*.xlsx"))) == 4
    assert (arsip / "2025" / "laporan-kinerja" / "Laporan Kinerja Tahunan 2025 (Semester 2) - Lembaga.docx").exists()
    assert muat_master(arsip / "2025" / "master 2026 (dari 2025).xlsx").rtl
    assert "Arsip 2025: Laporan Kinerja tahunan" in out
