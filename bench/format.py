"""Benchmark: per-ASN form generation.

    python bench/format.py N

Builds N forms from the bundled example master (its ASN repeated with new
NIPs), once in one process and once using every core, and prints ms per form
and forms per second for each.
"""
from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

from poskinerja.formulir import buat_formulir
from poskinerja.master import muat_master
from poskinerja.sumber import contoh_master


def scaled_master(n: int):
    """The example master with its ASN cycled to ``n`` people (unique NIPs)."""
    master = muat_master(contoh_master())
    people = list(master.asn.values())
    asn, indikator, kegiatan = {}, {}, {}
    for i in range(n):
        a = people[i % len(people)]
        nip = f"{a.nip[:14]}{a.nip[14]}{i % 1000:03d}" if i >= len(people) else a.nip
        nip = nip if nip not in asn else f"{a.nip[:8]}{2000 + i // 1000:04d}{a.nip[12:15]}{i % 1000:03d}"
        asn[nip] = dataclasses.replace(a, nip=nip)
        indikator[nip] = [dataclasses.replace(x, nip=nip) for x in master.indikator.get(a.nip, [])]
        kegiatan[nip] = [dataclasses.replace(x, nip=nip) for x in master.kegiatan.get(a.nip, [])]
    return dataclasses.replace(master, asn=asn, indikator=indikator, kegiatan=kegiatan)


def run(master, processes: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        paths = buat_formulir(master, Path(out), proses=processes)
        elapsed = time.perf_counter() - start
        assert len(paths) == len(master.asn)
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    master = scaled_master(n)
    rows = sum(len(v) for v in master.indikator.values()) / n
    cores = os.cpu_count() or 1
    print(f"format: N={n} forms, {rows:.1f} indikator/form on average, {cores} cores")
    single = run(master, 1)
    print(f"  1 process : {single / n * 1000:7.2f} ms/form  {n / single:8.1f} forms/s  ({single:.2f} s)")
    multi = run(master, cores)
    print(f"  {cores} processes: {multi / n * 1000:7.2f} ms/form  {n / multi:8.1f} forms/s  ({multi:.2f} s)"
          f"  speed-up {single / multi:.2f}x")


if __name__ == "__main__":
    main()
