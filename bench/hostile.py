"""Benchmark: kompilasi over the hostile corpus (issue 10: under 60 s and 500 MB on 2 cores).

    python bench/hostile.py [DIR]

Builds the corpus of tests/test_hostile.py (the example institute's filled
forms mixed with a 1 GB-inflating sheet, a shared-strings bomb, a million-row
sheet, a far sparse cell, FIFO, links, unreadable entries, …) under DIR
(default: a new temporary folder), then runs ``poskinerja kompilasi`` once as
a subprocess, without root's read override when run as root, and prints its
wall time and peak resident memory (the largest single process: the CLI or
one of its reading workers), and how many entries the recap names as skipped.

Linux keeps a process's peak RSS across exec, counting the parent it was
forked from; so the corpus is built in a child of its own and this process
stays small until the run has been measured.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    if sys.argv[1:2] == ["--bangun"]:  # the child that builds the corpus
        sys.path.insert(0, str(ROOT / "tests"))
        sys.path.insert(0, str(ROOT))
        from test_hostile import Korpus, snapshot

        t0 = time.perf_counter()
        korpus = Korpus(Path(sys.argv[2]))
        print(f"hostile corpus: {len(snapshot(korpus.folder))} entries, {len(korpus.kasus)} hostile cases, "
              f"built in {time.perf_counter() - t0:.1f} s ({korpus.folder})")
        return
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="poskinerja-hostile-"))
    base.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, __file__, "--bangun", str(base)], check=True)

    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT))
    import test_hostile  # imported only now: its memory must not count in the run's peak

    korpus = test_hostile.Korpus.__new__(test_hostile.Korpus)  # the corpus is on disk already
    korpus.folder, korpus.master_path = base / "masuk", base / "master.xlsx"
    start = time.perf_counter()
    proc = korpus.jalankan(base / "keluar")
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, sep="\n")
        raise SystemExit(f"kompilasi exited {proc.returncode}")
    rekap = next((base / "keluar").glob("Rekap Kinerja *.xlsx"))
    skipped = len(test_hostile.read_sheet(rekap, "Berkas Dilewati"))
    print(f"  kompilasi (CLI, exit 0)  : {wall:6.2f} s wall, peak RSS {proc.peak_rss / 2**20:6.1f} MB "
          f"(target < 60 s, < 500 MB)")
    print(f"  Berkas Dilewati rows     : {skipped}")


if __name__ == "__main__":
    main()
