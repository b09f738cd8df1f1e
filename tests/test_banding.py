"""tools/banding_keluaran.py compares two output trees by content: timestamps and run ids aside."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import docx
import xlsxwriter

_spec = importlib.util.spec_from_file_location(
    "banding_keluaran", Path(__file__).resolve().parent.parent / "tools" / "banding_keluaran.py")
banding_keluaran = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(banding_keluaran)


def _keluaran(akar: Path, waktu: str, nilai: float, kalimat: str) -> Path:
    (akar / "4-rekap").mkdir(parents=True)
    wb = xlsxwriter.Workbook(str(akar / "4-rekap" / "Rekap.xlsx"))
    ws = wb.add_worksheet("Data")
    ws.write(0, 0, f"Dibuat {waktu} dari folder {akar / 'masuk'}")
    ws.write(1, 0, nilai)
    wb.close()
    doc = docx.Document()
    doc.add_paragraph(kalimat)
    doc.save(str(akar / "laporan.docx"))
    (akar / "kompilasi.json").write_text(f'{{"id_run": "20261202-{waktu[-8:].replace(":", "")}-a1b2c3"}}')
    return akar


def test_same_content_at_another_time_is_the_same(tmp_path):
    a = _keluaran(tmp_path / "a", "02/12/2026 16:13:05", 87.5, "Capaian 87,5%.")
    b = _keluaran(tmp_path / "b", "02/12/2026 16:14:41", 87.5, "Capaian 87,5%.")
    assert banding_keluaran.banding(a, b) == []


def test_a_changed_cell_a_changed_sentence_and_a_missing_file_are_named(tmp_path):
    a = _keluaran(tmp_path / "a", "02/12/2026 16:13:05", 87.5, "Capaian 87,5%.")
    b = _keluaran(tmp_path / "b", "02/12/2026 16:13:05", 87.6, "Capaian 87,6%.")
    (a / "hanya-a.txt").write_text("x")
    assert banding_keluaran.banding(a, b) == ["hanya di sebelum: hanya-a.txt", "isi berbeda: 4-rekap/Rekap.xlsx",
                                              "isi berbeda: laporan.docx"]
