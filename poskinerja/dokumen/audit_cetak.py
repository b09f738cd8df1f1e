"""The print audit: outputs converted to PDF by LibreOffice, measured page by page.

What a person holding the printout would notice, read from the PDF (poppler's ``pdftotext
-bbox`` and ``pdfinfo``): the smallest text on each page, ``###`` where a number did not fit,
how many pages, and pages that hold nothing but a signature block. Used by
``tests/test_cetak.py`` and by ``tools/cetak.py`` (PNG pages for review by eye).

Needs ``soffice`` and poppler-utils on PATH; nothing in the library's normal path imports it.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

# A word box from pdftotext is the font's ascent + descent: ≈ 1.22 × the size for Calibri/Carlito,
# ≈ 1.15–1.3 for Arial/Liberation Sans. Dividing by 1.22 slightly favours Arial — fine for a floor.
RASIO_KOTAK = 1.22
JENIS = (".xlsx", ".xlsm", ".docx")
# Words of a signature block (Indonesian official letters): a page holding only these is a
# signature stranded away from the text it signs.
KATA_TANDA_TANGAN = re.compile(
    r"^(NIP|NIP\.|Mengetahui,?|Pihak|Pertama,?|Kedua,?|Ketua|Koordinator|Kepala|Tim|SPI,?|SAKIP,?|"
    r"Halaman|dari|\d+|\.+|,|\[diisi:.*|nama|\d{18})$", re.IGNORECASE)


@dataclass
class Kata:
    teks: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def ukuran_pt(self) -> float:
        return (self.y1 - self.y0) / RASIO_KOTAK


@dataclass
class Halaman:
    nomor: int
    lebar: float
    tinggi: float
    kata: list[Kata] = field(default_factory=list)

    @property
    def teks(self) -> str:
        return " ".join(k.teks for k in self.kata)

    def isi(self, tepi: float = 0.08) -> list[Kata]:
        """Words outside the running header and footer bands (top/bottom ``tepi`` of the page)."""
        return [k for k in self.kata if self.tinggi * tepi < k.y0 and k.y1 < self.tinggi * (1 - tepi)]

    @property
    def huruf_terkecil(self) -> Optional[float]:
        sizes = [k.ukuran_pt for k in self.kata if k.teks.strip()]
        return min(sizes) if sizes else None


@dataclass
class HasilPdf:
    sumber: Path
    pdf: Path
    halaman: list[Halaman]

    @property
    def jumlah_halaman(self) -> int:
        return len(self.halaman)

    @property
    def teks(self) -> str:
        return "\n".join(h.teks for h in self.halaman)


def _soffice() -> str:
    exe = os.environ.get("LO_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RuntimeError("soffice (LibreOffice) tidak ditemukan di PATH")
    return exe


def ke_pdf(sumber: Sequence[Path], keluar: Path, timeout: float = 600) -> dict[Path, Path]:
    """Convert every file in ``sumber`` to PDF under ``keluar`` with one headless LibreOffice
    (a throw-away profile, so runs never share state). Files with the same name in different
    folders are kept apart by a numbered prefix. Files LibreOffice cannot open are left out."""
    keluar.mkdir(parents=True, exist_ok=True)
    result: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="cetak-") as tmp:
        staging = Path(tmp) / "masuk"
        staging.mkdir()
        names = {}
        for i, path in enumerate(sumber):
            name = f"{i:03d} {Path(path).name}"
            os.symlink(Path(path).resolve(), staging / name)
            names[Path(path)] = name
        if not names:
            return result
        profile = Path(tmp) / "profil"
        cmd = [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(keluar), *(str(staging / n) for n in names.values())]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout, check=True,
                       stdin=subprocess.DEVNULL)
        for path, name in names.items():
            pdf = keluar / (Path(name).stem + ".pdf")
            if pdf.exists():  # a damaged file (the demo plants one) gives no PDF
                result[path] = pdf
    return result


def baca_pdf(pdf: Path, sumber: Optional[Path] = None) -> HasilPdf:
    """Every page's words with their boxes (``pdftotext -bbox``)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    text = out.decode("utf-8", "replace")
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    text = re.sub(r"<meta [^>]*>", "", text)  # unclosed in poppler's XHTML
    root = ET.fromstring(text.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    pages = []
    for n, page in enumerate(root.iter("page"), start=1):
        h = Halaman(n, float(page.get("width")), float(page.get("height")))
        for w in page.iter("word"):
            h.kata.append(Kata(w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                               float(w.get("xMax")), float(w.get("yMax"))))
        pages.append(h)
    return HasilPdf(sumber or pdf, pdf, pages)


def hanya_tanda_tangan(h: Halaman, nama: Iterable[str] = ()) -> bool:
    """A page whose body is only a signature block: signers' names, NIPs, titles and a date line
    — nothing of the text being signed. ``nama`` are words of the signers' names and titles."""
    known = {w.lower().strip(",.") for n in nama for w in n.split()}
    body = [k.teks for k in h.isi() if k.teks.strip()]
    if not body:
        return False
    other = [w for w in body if not KATA_TANDA_TANGAN.match(w) and w.lower().strip(",.") not in known]
    return len(other) <= 6 and len(body) <= 60


def halaman_png(pdf: Path, keluar: Path, resolusi: int = 70) -> list[Path]:
    """PNG pictures of every page (``pdftoppm``), for people who review by eye."""
    keluar.mkdir(parents=True, exist_ok=True)
    prefix = keluar / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(resolusi), str(pdf), str(prefix)], check=True)
    return sorted(keluar.glob(f"{glob_escape(pdf.stem)}-*.png"))


def glob_escape(text: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", text)


def cari_berkas(folder: Path) -> list[Path]:
    """Every workbook and document under ``folder`` (lock files and backups left out)."""
    return sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in JENIS
                  and not p.name.startswith(("~$", ".~lock")) and "_cadangan" not in p.parts)
