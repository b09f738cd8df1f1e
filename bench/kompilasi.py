"""Benchmark: `poskinerja kompilasi` end to end against the same-cores bare read.

    python bench/kompilasi.py [N ...] [--putaran R]      (default N = 2000 10000, R = 3)

For each N: a valid master of N people and an inbox of filled forms (with the
simulator's usual mistakes) are built once and cached under
$TMPDIR/poskinerja-bench/N. Then, in R rotated rounds, two whole processes:

  A  python -m poskinerja kompilasi INBOX --master MASTER --triwulan 1 --keluar OUT
  B  python bench/_floor_read.py INBOX   (python-calamine reading every sheet of
     every file on os.cpu_count() processes, the cores kompilasi uses)

Both include Python start-up and imports. Prints each side's median (min, max)
wall time and peak RSS, and the median of the per-round ratios A/B.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _data import PYTHON, paired, prepared_folder, spread  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="*", default=[2000, 10000])
    parser.add_argument("--putaran", type=int, default=3, help="rotated rounds per N")
    args = parser.parse_args()
    print(f"kompilasi vs same-cores bare calamine read, whole processes, {os.cpu_count()} cores, "
          f"{args.putaran} rotated rounds")
    for n in args.n:
        master, inbox = prepared_folder(n)
        files = sum(1 for _ in inbox.rglob("*.xlsx"))
        with tempfile.TemporaryDirectory(prefix="poskinerja-bench-") as out:
            a = [PYTHON, "-m", "poskinerja", "kompilasi", str(inbox), "--master", str(master),
                 "--triwulan", "1", "--keluar", out]
            b = [PYTHON, str(HERE / "_floor_read.py"), str(inbox)]
            runs_a, runs_b, ratios = paired(a, b, args.putaran)
        print(f"  N={n} ({files} files)")
        print(f"    kompilasi (CLI)   wall {spread([r.wall for r in runs_a])}  "
              f"peak {spread([r.peak_mib for r in runs_a], 'MiB', '6.0f')}")
        print(f"    bare read (floor) wall {spread([r.wall for r in runs_b])}  "
              f"peak {spread([r.peak_mib for r in runs_b], 'MiB', '6.0f')}")
        print(f"    ratio kompilasi / floor: {statistics.median(ratios):.2f}x "
              f"(min {min(ratios):.2f}, max {max(ratios):.2f})  target <= 2x")


if __name__ == "__main__":
    main()
