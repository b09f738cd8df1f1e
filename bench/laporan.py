"""Benchmark: milliseconds per Word draft on the bundled example institute.

    python bench/laporan.py [REPEAT]

Fills TW I and TW II forms with the simulator (not timed), compiles them,
then times the quarterly drafts (institute and per unit, chart included),
the semester-1 reports, and the PKs. Prints figures; asserts nothing.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from poskinerja.dokumen import TEMPLATE_SEMESTER, TEMPLATE_TRIWULAN, Penyaji
from poskinerja.dokumen_pk import buat_pk
from poskinerja.formulir import buat_formulir
from poskinerja.kompilasi import kumpulkan_triwulan
from poskinerja.laporan import konteks_semester, konteks_triwulan
from poskinerja.master import muat_master
from poskinerja.periode import data_periode
from poskinerja.simulasi import simulasi_pengisian
from poskinerja.sumber import contoh_master


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms (min {min(samples) * 1000:.1f}, n={len(samples)})"


def main(repeat: int = 3) -> None:
    master = muat_master(contoh_master())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        forms = buat_formulir(master, root / "asli")
        sk1 = simulasi_pengisian(master, forms, root / "tw1", triwulan=1)
        filled = {p.name: p for p in sk1.diisi}
        simulasi_pengisian(master, [filled.get(p.name, p) for p in forms], root / "tw2", triwulan=2)
        per_tw = kumpulkan_triwulan(master, root / "tw2", [1, 2])
        units = [k for k in master.unit if master.asn_unit(k)]
        print(f"Lembaga contoh: {len(master.unit)} unit, {len(master.asn)} ASN, "
              f"{sum(map(len, master.indikator.values()))} indikator; ulangan {repeat}x")

        for label, name, build in (
                ("Triwulan I", TEMPLATE_TRIWULAN, lambda kode: konteks_triwulan(master, per_tw[1], kode)),
                ("Semester 1", TEMPLATE_SEMESTER,
                 lambda kode, rows=data_periode(master, per_tw, 1): konteks_semester(master, per_tw, 1, kode, rows))):
            penyaji = Penyaji(name)
            context, chart = build(None)  # warm-up: imports, template cache, fonts
            penyaji.tulis(context, root / "pemanasan.docx", {"grafik": chart})
            for target, kodes in ((f"{label} lembaga", [None]), (f"{label} per unit", units)):
                ctx_t, render_t = [], []
                for _ in range(repeat):
                    for kode in kodes:
                        t0 = time.perf_counter()
                        context, chart = build(kode)
                        t1 = time.perf_counter()
                        penyaji.tulis(context, root / "out" / f"{label} {kode}.docx", {"grafik": chart})
                        t2 = time.perf_counter()
                        ctx_t.append(t1 - t0)
                        render_t.append(t2 - t1)
                total = [a + b for a, b in zip(ctx_t, render_t)]
                print(f"  {target:<24} total {_ms(total)} | data+grafik {_ms(ctx_t)} | docx {_ms(render_t)}")

        t0 = time.perf_counter()
        hasil = buat_pk(master, root / "pk")
        elapsed = time.perf_counter() - t0
        print(f"  {'PK (46 draf + register)':<24} total {elapsed * 1000 / len(hasil.berkas):7.1f} ms per PK "
              f"({elapsed:.2f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
