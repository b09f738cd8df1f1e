"""Benchmark: `poskinerja laporan` per Word draft, as a whole process, against bare docxtpl renders.

    python bench/laporan.py [--putaran R]        (default R = 3)

On the example institute (TW I and TW II forms filled by the simulator, not
timed), in R rotated rounds, two whole processes, start-up included:

  A  python -m poskinerja laporan --master M --folder TW1 --triwulan 1 --keluar OUT
     (reads and compiles the forms, then one draft for the institute and one per unit)
  B  python bench/_floor_docx.py: docxtpl alone rendering the same template with the
     same contexts (built beforehand; the chart left out), saving each document

and likewise for `--semester 1`. Prints per-document time for each and the
median of the per-round ratios A/B, then the same for `poskinerja pk`.
"""
from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _data import PYTHON, paired, spread  # noqa: E402

from poskinerja.demo import salin_contoh  # noqa: E402
from poskinerja.dokumen import TEMPLATE_SEMESTER, TEMPLATE_TRIWULAN, cari_template  # noqa: E402
from poskinerja.formulir import buat_formulir  # noqa: E402
from poskinerja.kompilasi import kumpulkan_triwulan  # noqa: E402
from poskinerja.laporan import konteks_semester, konteks_triwulan  # noqa: E402
from poskinerja.master import muat_master  # noqa: E402
from poskinerja.periode import data_periode  # noqa: E402
from poskinerja.simulasi import simulasi_pengisian  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--putaran", type=int, default=3, help="rotated rounds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="poskinerja-bench-laporan-") as tmp:
        root = Path(tmp)
        master_path = salin_contoh(root)
        master = muat_master(master_path)
        forms = buat_formulir(master, root / "asli")
        filled = {p.name: p for p in simulasi_pengisian(master, forms, root / "tw1", triwulan=1).diisi}
        simulasi_pengisian(master, [filled.get(p.name, p) for p in forms], root / "tw2", triwulan=2)
        per_tw = kumpulkan_triwulan(master, root / "tw2", [1, 2])
        kodes = [None, *(k for k in master.unit if master.asn_unit(k))]
        rows = data_periode(master, per_tw, 1)
        print(f"laporan vs bare docxtpl, whole processes, example institute ({len(master.asn)} ASN, "
              f"{len(kodes)} drafts per period), {os.cpu_count()} cores, {args.putaran} rotated rounds")
        cases = (
            ("triwulan 1", ["--folder", str(root / "tw1"), "--triwulan", "1"], TEMPLATE_TRIWULAN,
             [konteks_triwulan(master, per_tw[1], k)[0] for k in kodes]),
            ("semester 1", ["--folder", str(root / "tw2"), "--semester", "1"], TEMPLATE_SEMESTER,
             [konteks_semester(master, per_tw, 1, k, rows)[0] for k in kodes]),
        )
        for label, period, template, contexts in cases:
            pickled = root / f"{label}.pickle"
            pickled.write_bytes(pickle.dumps([{**c, "grafik": ""} for c in contexts]))
            a = [PYTHON, "-m", "poskinerja", "laporan", "--master", str(master_path), *period,
                 "--keluar", str(root / "keluar")]
            b = [PYTHON, str(HERE / "_floor_docx.py"), str(cari_template(template)), str(pickled),
                 str(root / "lantai")]
            runs_a, runs_b, ratios = paired(a, b, args.putaran)
            n = len(contexts)
            print(f"  {label}: CLI {spread([r.wall / n * 1000 for r in runs_a], 'ms/draf', '6.1f')}  "
                  f"bare docxtpl {spread([r.wall / n * 1000 for r in runs_b], 'ms/draf', '6.1f')}  "
                  f"ratio {statistics.median(ratios):.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
