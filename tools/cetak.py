"""PNG pages of every output in a folder, for people who review changes by eye.

Run from the repository root::

    python tools/cetak.py DIR [--keluar OUT] [--satu-per-folder] [--resolusi 70]

Every .xlsx/.xlsm/.docx under DIR is printed to PDF by LibreOffice (each sheet with its own
print set-up) and every page is written as a PNG under OUT (default ``DIR/_cetak``), with one
line per file: pages, smallest text at print scale, and ``###`` if a number did not fit.
``--satu-per-folder`` takes only the first file of each folder (the demo writes 46 forms).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poskinerja.dokumen.audit_cetak import baca_pdf, cari_berkas, halaman_png, ke_pdf  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--keluar", type=Path)
    ap.add_argument("--satu-per-folder", action="store_true")
    ap.add_argument("--resolusi", type=int, default=70)
    args = ap.parse_args(argv)
    out = args.keluar or args.folder / "_cetak"
    files = [f for f in cari_berkas(args.folder) if out not in f.parents]
    if args.satu_per_folder:
        seen: dict[tuple[Path, str], Path] = {}
        for f in files:
            seen.setdefault((f.parent, f.suffix), f)
        files = list(seen.values())
    pdfs = ke_pdf(files, out / "pdf")
    for src, pdf in pdfs.items():
        hasil = baca_pdf(pdf, src)
        sizes = [h.huruf_terkecil for h in hasil.halaman if h.huruf_terkecil]
        smallest = f"{min(sizes):4.1f} pt" if sizes else "   -   "
        flag = "  ###" if "###" in hasil.teks else ""
        halaman_png(pdf, out / "png", args.resolusi)
        print(f"{hasil.jumlah_halaman:4d} hlm  huruf terkecil {smallest}{flag}  {src.relative_to(args.folder)}")
    print(f"PNG: {out / 'png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
