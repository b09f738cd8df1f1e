"""Run the demo from two checkouts and compare every output by content.

    python tools/banding_keluaran.py SEBELUM SESUDAH [--simpan DIR]

SEBELUM and SESUDAH are two source checkouts (e.g. ``git worktree add /tmp/lama main``).
Each runs ``python -m poskinerja demo`` with its own tree first on ``PYTHONPATH``, in a folder
of its own; then every file of the two output trees is compared:

- .xlsx/.xlsm/.ods: every sheet's cell values, read with calamine;
- .docx: the text of every paragraph and table cell, read with python-docx;
- text files (.json, .md, .txt, .csv, .log): the text;
- anything else: the bytes; a file that cannot be opened as its kind (the demo's truncated forms): its size.

Timestamps, run ids, the sizes of the simulated returned forms (zips stamped with the time they
were written) and the output folder's own path differ between any two runs, so they are masked
before comparing. Exit status 0 = same content everywhere, 1 = a difference (listed).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TEKS = {".json", ".md", ".txt", ".csv", ".log", ".xml", ".html"}
SEL = {".xlsx", ".xlsm", ".ods"}
# a date-time (ISO or with a space, with or without seconds/fraction/zone), a time of day, a long hex id
_WAKTU = re.compile(r"\d{4}-\d{2}-\d{2}[T _]\d{2}[:.]?\d{2}([:.]?\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_JAM = re.compile(r"\b\d{2}[:.]\d{2}[:.]\d{2}\b")
_WAKTU_ID = re.compile(r"\b\d{2}/\d{2}/\d{4},? \d{2}[:.]\d{2}([:.]\d{2})?")  # 02/12/2026 16:13 as shown to users
_ID_RUN = re.compile(r"\b\d{8}-\d{6}-[0-9a-f]{6}\b")  # a kompilasi run's id: its start time and a random tail
# a returned form's size in the manifest: the simulated forms are zips stamped with the time they were written
_UKURAN = re.compile(r'"ukuran": \d+')
_ID = re.compile(r"\b(?=[0-9]*[a-f])[0-9a-f]{12,}\b")  # a hash or id; NIPs (digits only) stay
_DURASI = re.compile(r"\b\d+[.,]\d+ ?(detik|s)\b")


def jalankan_demo(checkout: Path, keluar: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    proc = subprocess.run([sys.executable, "-m", "poskinerja", "demo", str(keluar)], cwd=checkout, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"demo gagal di {checkout} (kode {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def samarkan(teks: str, akar: Path) -> str:
    """Mask what differs between any two runs: the run's folder, timestamps, ids, durations."""
    for bentuk in (str(akar), akar.as_posix(), str(akar).replace("\\", "\\\\")):
        teks = teks.replace(bentuk, "<AKAR>")
    teks = _ID_RUN.sub("<ID_RUN>", teks)
    teks = _WAKTU.sub("<WAKTU>", teks)
    teks = _WAKTU_ID.sub("<WAKTU>", teks)
    teks = _UKURAN.sub('"ukuran": <UKURAN>', teks)
    teks = _JAM.sub("<JAM>", teks)
    teks = _DURASI.sub("<DURASI>", teks)
    return _ID.sub("<ID>", teks)


def isi_sel(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    bagian = []
    for nama in wb.sheet_names:
        bagian.append(f"## {nama}")
        for baris in wb.get_sheet_by_name(nama).to_python():
            bagian.append("\t".join("" if v is None else repr(v) for v in baris))
    return "\n".join(bagian)


def isi_docx(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    bagian = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        for baris in tabel.rows:
            bagian.append("\t".join(sel.text for sel in baris.cells))
    for section in doc.sections:
        bagian += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(bagian)


def isi(path: Path, akar: Path) -> str | bytes:
    akhiran = path.suffix.lower()
    try:
        if akhiran in SEL:
            return samarkan(isi_sel(path), akar)
        if akhiran == ".docx":
            return samarkan(isi_docx(path), akar)
    except Exception:  # the demo's deliberately truncated forms: a cut zip carries its write time; compare sizes
        return f"<tidak terbaca, {path.stat().st_size} bita>"
    if akhiran in TEKS:
        return samarkan(path.read_text(encoding="utf-8", errors="replace"), akar)
    return path.read_bytes()


def daftar(akar: Path) -> dict[str, Path]:
    """Every output file, keyed by its path under the run's folder with run-specific names masked."""
    return {samarkan(p.relative_to(akar).as_posix(), akar): p for p in sorted(akar.rglob("*")) if p.is_file()}


def banding(a: Path, b: Path) -> list[str]:
    a, b = a.resolve(), b.resolve()
    fa, fb = daftar(a), daftar(b)
    beda = [f"hanya di sebelum: {k}" for k in sorted(fa.keys() - fb.keys())]
    beda += [f"hanya di sesudah: {k}" for k in sorted(fb.keys() - fa.keys())]
    for kunci in sorted(fa.keys() & fb.keys()):
        if isi(fa[kunci], a) != isi(fb[kunci], b):
            beda.append(f"isi berbeda: {kunci}")
    return beda


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sebelum", type=Path)
    ap.add_argument("sesudah", type=Path)
    ap.add_argument("--simpan", type=Path, help="keep both runs' outputs in this folder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        kerja = args.simpan or Path(tmp)
        a, b = kerja / "sebelum", kerja / "sesudah"
        jalankan_demo(args.sebelum.resolve(), a)
        jalankan_demo(args.sesudah.resolve(), b)
        beda = banding(a, b)
        jumlah = len(daftar(a))
    for baris in beda:
        print(baris)
    print(f"{jumlah} berkas dibandingkan; {len(beda)} perbedaan")
    return 1 if beda else 0


if __name__ == "__main__":
    sys.exit(main())
