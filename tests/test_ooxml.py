"""Every workbook and document the project writes passes an OOXML schema validator
(openxml-audit): Word and Excel are lenient about element order, a validator is not.

Files the demo's simulated staff and SPI team filled in (``3-formulir-terkumpul``,
``… (diisi SPI).xlsx``) stand for what Excel would save and are not ours, so they are left out.
"""
from __future__ import annotations

from pathlib import Path

import openxml_audit
import pytest

from poskinerja.contoh.demo import jalankan_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ooxml") / "demo"
    jalankan_demo(root)
    return root


def _ours(root: Path) -> list[Path]:
    """One of each kind the project writes (every report and template-made document, a sample of
    the per-person files)."""
    files = []
    for folder, pattern, limit in (("1-pk", "PK *.docx", 4), ("1-pk", "Register PK *.xlsx", 1),
                                   ("2-formulir", "*.xlsx", 3), ("4-rekap", "*.xlsx", 2),
                                   ("5-laporan", "*.docx", 40), ("6-evaluasi", "*.docx", 1),
                                   ("6-evaluasi", "Format Evaluasi Internal ????.xlsx", 1),
                                   ("7-rekomendasi", "*.*", 2), (".", "Panel *.xlsm", 1)):
        found = sorted((root / folder).rglob(pattern))
        assert found, (folder, pattern)
        files += found[:limit]
    return files


def test_every_generated_file_passes_the_schema_validator(demo):
    validator = openxml_audit.OpenXmlValidator()
    problems = {}
    for path in _ours(demo):
        result = validator.validate(str(path))
        if result.errors:
            problems[str(path.relative_to(demo))] = [f"{e.part_uri}: {e.description[:160]}" for e in result.errors[:5]]
    assert not problems, problems


def test_the_validator_catches_an_element_out_of_order(demo, tmp_path):
    """The check can fail: a table property moved out of schema order is reported."""
    import zipfile

    src = next((demo / "5-laporan").rglob("*.docx"))
    bad = tmp_path / "rusak.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index('<w:tblLayout w:type="fixed"/>')
                text = text[:start] + text[start + len('<w:tblLayout w:type="fixed"/>'):]
                end = text.index("</w:tblPr>")
                data = (text[:end] + '<w:tblLayout w:type="fixed"/>' + text[end:]).encode("utf-8")
            zout.writestr(item, data)
    assert openxml_audit.OpenXmlValidator().validate(str(bad)).errors
