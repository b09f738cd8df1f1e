"""Benchmark: `poskinerja format` (per-ASN forms) and `poskinerja pk` as whole processes.

    python bench/format.py [N ...] [--putaran R]        (default N = 2000 20000, R = 3)

For each N a valid master of N people (bench/_data.py) is written once. Then,
in R rotated rounds, two whole processes, start-up included:

  A  python -m poskinerja format MASTER --keluar OUT
  B  cp -r of the N forms A produced (the floor: the bytes alone, already made)

and likewise `poskinerja pk MASTER --keluar OUT` against copying its output.
Prints ms per form for each, the ratio A/B, and the per-form time across N
(a linear command keeps it flat: no quadratic step).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _data import CACHE, PYTHON, master_rows, paired, scaled_master, spread  # noqa: E402,F401

from poskinerja.master.tulis import tulis_master  # noqa: E402


def master_for(n: int) -> Path:
    path = CACHE / f"master-{n}.xlsx"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tulis_master(path, master_rows(scaled_master(n)))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument("--putaran", type=int, default=3, help="rotated rounds per N")
    args = parser.parse_args()
    print(f"format and pk vs copying their output, whole processes, {os.cpu_count()} cores, "
          f"{args.putaran} rotated rounds")
    per_form: dict[str, list[float]] = {"format": [], "pk": []}
    for n in args.n:
        master = master_for(n)
        for command in ("format", "pk"):
            with tempfile.TemporaryDirectory(prefix="poskinerja-bench-") as tmp:
                made, out = Path(tmp) / "dibuat", Path(tmp) / "keluar"
                subprocess.run([PYTHON, "-m", "poskinerja", command, str(master), "--keluar", str(made)],
                               check=True, stdout=subprocess.DEVNULL)
                files = sum(1 for p in made.rglob("*") if p.is_file())
                # Each run starts from an empty output folder, as a first run does.
                a = ["sh", "-c", f'rm -rf "{out}" && exec {PYTHON} -m poskinerja {command} "{master}" '
                                 f'--keluar "{out}"']
                b = ["sh", "-c", f'rm -rf "{out}" && exec cp -r "{made}" "{out}"']
                runs_a, runs_b, ratios = paired(a, b, args.putaran)
                shutil.rmtree(out, ignore_errors=True)
            ms = [r.wall / n * 1000 for r in runs_a]
            per_form[command].append(statistics.median(ms))
            print(f"  {command:<6} N={n:<6} ({files} files)  {spread(ms, 'ms/ASN', '6.2f')}  "
                  f"copy {spread([r.wall / n * 1000 for r in runs_b], 'ms/ASN', '6.3f')}  "
                  f"ratio {statistics.median(ratios):.1f}x")
    if len(args.n) > 1:
        for command, values in per_form.items():
            print(f"  {command}: per-ASN time at N={args.n[-1]} is {values[-1] / values[0]:.2f}x that at "
                  f"N={args.n[0]} (target <= 1.2x)")


if __name__ == "__main__":
    main()
