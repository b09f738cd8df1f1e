"""Shared benchmark data and timing: valid N-person masters, filled inboxes, paired whole-process runs.

Every benchmark times what users wait for — a command as a whole process,
start-up included — against its floor, in rotated rounds (A B, B A, …), and
reports the median of the per-round ratios with min and max.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from poskinerja.master.baca import muat_master, nip_problem
from poskinerja.berkas.sumber import contoh_master

CACHE = Path(tempfile.gettempdir()) / "poskinerja-bench"


def synthetic_nip(i: int, gender: str) -> str:
    """The i-th synthetic NIP: unique for i < 3,650,000 and valid for ``periksa-master``.

    Birth dates step one day per 1,000 people from 1970-01-01, appointment 25
    years later in month 1-12, and the last three digits count within the day.
    """
    born = dt.date(1970, 1, 1) + dt.timedelta(days=i // 1000)
    nip = f"{born:%Y%m%d}{born.year + 25:04d}{i % 12 + 1:02d}{gender}{i % 1000:03d}"
    assert not nip_problem(nip), (nip, nip_problem(nip))
    return nip


def scaled_master(n: int):
    """The example master with its ASN cycled to ``n`` people, every NIP unique and valid."""
    master = muat_master(contoh_master())
    people = list(master.asn.values())
    renamed = {a.nip: a.nip for a in people}  # the first cycle keeps the real people (heads, atasan)
    asn, indikator, kegiatan = {}, {}, {}
    for i in range(n):
        a = people[i % len(people)]
        nip = a.nip if i < len(people) else synthetic_nip(i, a.nip[14])
        assert nip not in asn, nip
        asn[nip] = dataclasses.replace(a, nip=nip, nip_atasan=renamed.get(a.nip_atasan, a.nip_atasan))
        indikator[nip] = [dataclasses.replace(x, nip=nip) for x in master.indikator.get(a.nip, [])]
        kegiatan[nip] = [dataclasses.replace(x, nip=nip) for x in master.kegiatan.get(a.nip, [])]
    return dataclasses.replace(master, asn=asn, indikator=indikator, kegiatan=kegiatan)


def master_rows(master) -> dict[str, list[dict]]:
    """A Master back into the rows ``tulis_master`` writes."""
    p = master.pengaturan
    settings = {k: getattr(p, k) for k in ("nama_lembaga", "kota", "tahun", "kepala_nama", "kepala_nip",
                                           "kasubbag_nama", "kasubbag_nip", "rumus_polaritas_negatif",
                                           "batas_capaian", "atasan_kepala_nama", "atasan_kepala_nip",
                                           "atasan_kepala_jabatan", "tanggal_mulai_anggaran")}
    settings.update({f"batas_tw{i}": d for i, d in enumerate(p.batas_tw, start=1)})
    return {
        "Pengaturan": [{"kunci": k, "nilai": v} for k, v in settings.items() if v not in (None, "")],
        "Predikat": [{"batas_bawah": t.batas_bawah, "predikat": t.nama} for t in master.skala.tingkat],
        "Unit": [{"kode_unit": u.kode, "nama_unit": u.nama, "jenis": u.jenis, "nip_kepala": u.nip_kepala}
                 for u in master.unit.values()],
        "ASN": [{"nip": a.nip, "nama": a.nama, "jabatan": a.jabatan, "kode_unit": a.kode_unit,
                 "nip_atasan": a.nip_atasan, "tanggal_sah": a.tanggal_sah} for a in master.asn.values()],
        "Indikator": [{"nip": i.nip, "kode_indikator": i.kode, "sasaran": i.sasaran, "indikator": i.indikator,
                       "satuan": i.satuan, "polaritas": i.polaritas, "kumulatif": "ya" if i.kumulatif else "tidak",
                       "target_tahun": i.target_tahun,
                       **{f"target_tw{n}": t for n, t in enumerate(i.target_tw, start=1)},
                       "bobot": i.bobot, "realisasi_tahun_lalu": i.realisasi_tahun_lalu, "kode_induk": i.kode_induk}
                      for rows in master.indikator.values() for i in rows],
        "Kegiatan": [{"nip": k.nip, "kode_kegiatan": k.kode, "program": k.program, "kegiatan": k.kegiatan,
                      "output": k.output, "satuan_output": k.satuan_output, "bulan_mulai": k.bulan_mulai,
                      "bulan_selesai": k.bulan_selesai,
                      **{f"target_output_tw{n}": t for n, t in enumerate(k.target_output_tw, start=1)},
                      "pagu": k.pagu} for rows in master.kegiatan.values() for k in rows],
        "Libur": [{"tanggal": d, "keterangan": n} for d, n in master.libur.items()],
    }


def _fill(args) -> int:
    from poskinerja.contoh.simulasi import simulasi_pengisian
    master, forms, inbox, seed = args
    # Mistakes in the first chunk only: the realistic few findings, not one per chunk.
    return len(simulasi_pengisian(master, forms, inbox, triwulan=1, seed=seed, kesalahan=seed == 0).diisi)


def prepared_folder(n: int) -> tuple[Path, Path]:
    """(master.xlsx, inbox) for N people, built once and cached under $TMPDIR/poskinerja-bench/N.

    The inbox is filled by the simulator, with its usual mistakes (a decimal
    comma typed as text, a late file, a missing person, a corrupt file …).
    """
    from poskinerja.formulir.tulis import buat_formulir
    from poskinerja.master.tulis import tulis_master

    root = CACHE / str(n)
    master_path, inbox, done = root / "master.xlsx", root / "masuk", root / "selesai"
    if done.exists():
        return master_path, inbox
    master = scaled_master(n)
    tulis_master(master_path, master_rows(master))
    forms = buat_formulir(muat_master(master_path), root / "formulir")
    cores = os.cpu_count() or 1
    chunks = [forms[i::cores * 4] for i in range(cores * 4)]
    with ProcessPoolExecutor(cores) as pool:
        filled = sum(pool.map(_fill, [(master, c, inbox, i) for i, c in enumerate(chunks)]))
    assert filled >= n - 2, (filled, n)
    done.write_text("ok")
    return master_path, inbox


@dataclasses.dataclass
class Run:
    wall: float
    peak_mib: float  # largest resident set of the process and the children it waited for


def run_process(argv: list[str], cwd: Path | None = None) -> Run:
    """Run ``argv`` as a whole process; wall time and peak RSS from the kernel's own accounting."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{err[-2000:]}")
    return Run(wall, usage.ru_maxrss / 1024)


def paired(a: list[str], b: list[str], rounds: int) -> tuple[list[Run], list[Run], list[float]]:
    """A and B in rotated rounds (A B, B A, …) after one warm-up each; per-round ratios A/B."""
    run_process(a), run_process(b)
    runs_a, runs_b, ratios = [], [], []
    for r in range(rounds):
        if r % 2:
            rb, ra = run_process(b), run_process(a)
        else:
            ra, rb = run_process(a), run_process(b)
        runs_a.append(ra), runs_b.append(rb), ratios.append(ra.wall / rb.wall)
    return runs_a, runs_b, ratios


def spread(values: list[float], unit: str = "s", fmt: str = "7.2f") -> str:
    """median (min … max) of ``values``."""
    return (f"{statistics.median(values):{fmt}} {unit} (min {min(values):{fmt.lstrip('0123456789')}}, "
            f"max {max(values):{fmt.lstrip('0123456789')}})")


PYTHON = sys.executable
