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

Then the annual report (issue 16): `poskinerja lkj` from the four recaps of
the year (forms filled to TW IV and compiled beforehand, not timed; last
year's history from copies of those recaps under last year's name) against
`poskinerja laporan --semester 1` on the same institute, per draft (target <= 2x).
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

from poskinerja.contoh.demo import salin_contoh  # noqa: E402
from poskinerja.dokumen.penyaji import TEMPLATE_SEMESTER, TEMPLATE_TRIWULAN, cari_template  # noqa: E402
from poskinerja.formulir.tulis import buat_formulir  # noqa: E402
from poskinerja.kompilasi.jalan import kumpulkan_triwulan  # noqa: E402
from poskinerja.dokumen.laporan import konteks_semester, konteks_triwulan  # noqa: E402
from poskinerja.master.baca import muat_master  # noqa: E402
from poskinerja.inti.periode import data_periode  # noqa: E402
from poskinerja.contoh.simulasi import simulasi_pengisian  # noqa: E402


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
        tahunan(root, master_path, master, forms, args.putaran)


def tahunan(root: Path, master_path: Path, master, forms: list[Path], rounds: int) -> None:
    """`poskinerja lkj` per draft against the semester report per draft, same institute, whole processes."""
    import shutil

    from poskinerja.kompilasi.jalan import kompilasi

    simulasi_pengisian(master, forms, root / "tw4", triwulan=4)
    tahun = master.pengaturan.tahun
    for tw in (1, 2, 3, 4):
        rekap = kompilasi(master, root / "tw4", tw, root / "rekap").rekap
        (root / "arsip").mkdir(exist_ok=True)
        shutil.copy(rekap, root / "arsip" / rekap.name.replace(str(tahun), str(tahun - 1)))
    a = [PYTHON, "-m", "poskinerja", "lkj", "--master", str(master_path), "--rekap", str(root / "rekap"),
         "--arsip", str(root / "arsip"), "--keluar", str(root / "keluar-lkj")]
    b = [PYTHON, "-m", "poskinerja", "laporan", "--master", str(master_path), "--folder", str(root / "tw2"),
         "--semester", "1", "--keluar", str(root / "keluar-smt")]
    runs_a, runs_b, ratios = paired(a, b, rounds)
    n = 1 + sum(1 for k in master.unit if master.asn_unit(k))
    print(f"  tahunan (lkj) vs semester 1, both CLI: lkj {spread([r.wall / n * 1000 for r in runs_a], 'ms/draf', '6.1f')}"
          f"  semester {spread([r.wall / n * 1000 for r in runs_b], 'ms/draf', '6.1f')}  "
          f"ratio {statistics.median(ratios):.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
