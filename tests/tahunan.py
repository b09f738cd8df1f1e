"""Years of real recaps for the annual tests: a master per year, forms filled by the simulation,
and actual kompilasi runs writing each quarter's Rekap (and its Data sheet)."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import openpyxl

from conftest import mini_rows
from poskinerja.formulir.tulis import buat_formulir
from poskinerja.kompilasi.jalan import kompilasi
from poskinerja.master.baca import muat_master
from poskinerja.master.tulis import tulis_master
from poskinerja.contoh.simulasi import simulasi_pengisian


def rows_for_year(tahun: int, rows: dict | None = None) -> dict:
    """``mini_rows`` (or ``rows``) moved to ``tahun``: deadlines and dates shifted along."""
    rows = copy.deepcopy(rows or mini_rows())
    for r in rows["Pengaturan"]:
        if isinstance(r["nilai"], dt.date):
            r["nilai"] = r["nilai"].replace(year=r["nilai"].year + tahun - 2026)
        if r["kunci"] == "tahun":
            r["nilai"] = tahun
    for r in rows["ASN"]:
        if r.get("tanggal_sah"):
            r["tanggal_sah"] = r["tanggal_sah"].replace(year=tahun)
    rows["Libur"] = []
    return rows


def tahun_lengkap(root: Path, tahun: int, rows: dict | None = None, triwulan=(1, 2, 3, 4),
                  seed: int | None = None, kesalahan: bool = False, ubah=None) -> dict:
    """Write a year's master, fill every form through TW IV, and run kompilasi for ``triwulan``
    into ``root/<tahun>/rekap``. Returns the master, its path and the recap paths."""
    folder = root / str(tahun)
    path = tulis_master(folder / "master.xlsx", rows if rows is not None else rows_for_year(tahun))
    master = muat_master(path)
    forms = buat_formulir(master, folder / "formulir")
    simulasi_pengisian(master, forms, folder / "masuk", triwulan=4, seed=seed or tahun, kesalahan=kesalahan)
    if ubah is not None:  # a person's later edits to the filled forms, before kompilasi reads them
        ubah(folder / "masuk")
    rekap = {tw: kompilasi(master, folder / "masuk", tw, folder / "rekap", master_path=path).rekap
             for tw in triwulan}
    return {"master": master, "path": path, "rekap": rekap, "folder": folder}


def data_rows(path: Path, sheet: str = "Data") -> list[dict]:
    """A recap's sheet read with openpyxl: independent of the library's own reader."""
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    values = list(ws.values)
    header = list(values[0])
    return [dict(zip(header, v)) for v in values[1:]]


def tahunan_independen(rekap: dict[int, Path]) -> dict[tuple[str, str], float | None]:
    """Full-year realisasi per (nip, kode) by hand: kumulatif → the last quarter with a target,
    tidak → the sum of the quarters with a target; None when any of those is not ``ok``."""
    by: dict[tuple[str, str], dict[int, dict]] = {}
    for tw, path in rekap.items():
        for r in data_rows(path):
            by.setdefault((r["nip"], r["kode_indikator"]), {})[tw] = r
    out = {}
    for key, q in by.items():
        measured = [tw for tw in sorted(q) if q[tw]["status"] != "tidak_diukur"]
        needed = measured[-1:] if q[max(q)]["kumulatif"] == "ya" else measured
        if not needed or any(q[tw]["status"] != "ok" for tw in needed):
            out[key] = None
        else:
            out[key] = sum(q[tw]["realisasi"] for tw in needed)
    return out
