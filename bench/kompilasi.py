"""Benchmark: kompilasi end to end against a bare python-calamine read.

    python bench/kompilasi.py N [--proses P]

Builds N filled forms once (cached under $TMPDIR/poskinerja-bench/N), then
times, in the same run: a bare read of every file (open with calamine and
read each sheet's values), and the whole kompilasi (scan, read, validate,
merge, write recap and manifest). Prints both, per form, and their ratio.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from format import scaled_master  # noqa: E402  (the same N-person master as bench/format.py)

from poskinerja.formulir import buat_formulir  # noqa: E402
from poskinerja.kompilasi import kompilasi  # noqa: E402
from poskinerja.simulasi import simulasi_pengisian  # noqa: E402


def _fill(args):
    master, forms, inbox, seed = args
    return len(simulasi_pengisian(master, forms, inbox, triwulan=1, seed=seed, kesalahan=False).diisi)


def build(n: int, master) -> Path:
    root = Path(tempfile.gettempdir()) / "poskinerja-bench" / str(n)
    inbox = root / "masuk"
    done = root / "selesai"
    if done.exists():
        return inbox
    forms = buat_formulir(master, root / "formulir")
    cores = os.cpu_count() or 1
    chunks = [forms[i::cores * 4] for i in range(cores * 4)]
    with ProcessPoolExecutor(cores) as pool:
        filled = sum(pool.map(_fill, [(master, c, inbox, i) for i, c in enumerate(chunks)]))
    assert filled == n, (filled, n)
    done.write_text("ok")
    return inbox


def bare_read(files: list[Path]) -> int:
    cells = 0
    for path in files:
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            cells += len(wb.get_sheet_by_name(name).to_python())
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("--proses", type=int, default=None)
    args = parser.parse_args()
    master = scaled_master(args.n)
    t0 = time.perf_counter()
    inbox = build(args.n, master)
    print(f"kompilasi: N={args.n} filled forms ready in {time.perf_counter() - t0:.1f} s ({inbox})")
    files = sorted(inbox.rglob("*.xlsx"))

    start = time.perf_counter()
    bare_read(files)
    bare = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = kompilasi(master, inbox, 1, out, proses=args.proses)
        full = time.perf_counter() - start
    rows = len(result.hasil.data)
    print(f"  bare calamine read (1 process) : {bare:7.2f} s  {bare / len(files) * 1000:6.3f} ms/form")
    print(f"  kompilasi end to end           : {full:7.2f} s  {full / len(files) * 1000:6.3f} ms/form"
          f"  ({rows} Data rows, {len(result.hasil.temuan)} temuan, {os.cpu_count()} cores)")
    print(f"  ratio kompilasi / bare read    : {full / bare:7.2f}x")


if __name__ == "__main__":
    main()
