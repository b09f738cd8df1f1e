"""Earlier years of the bundled example institute, generated reproducibly, so the demo shows
trends, Renstra progress and recommendations carried into the next year.

Each earlier year is the bundled master moved back in time, with the optional
annual-report columns filled the way an institute would fill them (a Renstra
ending three years after the example's year, a national standard on one
indicator, each activity linked to its owner's indicators), forms filled by
the same simulation as the demo (seeded by the year) and four real kompilasi
runs. The last earlier year then gets its Format Rekomendasi, its annual
Laporan Kinerja and next year's master built from it.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..formulir.tulis import buat_formulir
from ..kompilasi.jalan import kompilasi
from ..master.baca import muat_master
from ..master.tulis import tulis_master
from ..inti.model import TRIWULAN, Master
from .simulasi import simulasi_pengisian
from ..siklus.tahun_baru import baris_master

TAHUN_SEBELUMNYA = 2
SUMBER_STANDAR_CONTOH = "Standar nasional contoh (fiktif, hanya untuk demo)"


@dataclass
class HasilArsip:
    folder: Path
    tahun: list[int] = field(default_factory=list)
    rekap: dict[int, Path] = field(default_factory=dict)  # tahun → folder of its four recaps
    laporan: list[Path] = field(default_factory=list)  # the last earlier year's annual reports
    rekomendasi: Path | None = None
    master_berikut: Path | None = None
    langkah: list[tuple[str, str]] = field(default_factory=list)


def lengkapi(rows: dict[str, list[dict[str, Any]]], master: Master) -> dict[str, list[dict[str, Any]]]:
    """Fill the optional Renstra / standard / activity-link columns of the example's rows."""
    p = master.pengaturan
    rows["Pengaturan"].append({"kunci": "tahun_akhir_renstra", "nilai": p.tahun + 3})
    first_positive = True
    for row in rows["Indikator"]:
        if row["nip"] != p.kepala_nip:
            continue
        target = row["target_tahun"]
        if row["polaritas"] == "+":
            renstra = target * 1.15 if row["satuan"] != "%" else min(100.0, target * 1.15)
        else:
            renstra = target * 0.5
        row["target_renstra"] = round(renstra, 2)
        if first_positive and row["polaritas"] == "+":
            row["standar_nasional"], row["sumber_standar"] = round(target * 0.95, 2), SUMBER_STANDAR_CONTOH
            first_positive = False
    codes: dict[str, list[str]] = {}
    for row in rows["Indikator"]:
        codes.setdefault(row["nip"], []).append(row["kode_indikator"])
    for row in rows["Kegiatan"]:
        row["kode_indikator"] = ", ".join(codes.get(row["nip"], []))
    return rows


def _isi_bagian(master: Master, forms: list[Path], masuk: Path, seed: int) -> int:
    return len(simulasi_pengisian(master, forms, masuk, triwulan=4, seed=seed, kesalahan=False).diisi)


def _isi(master: Master, forms: list[Path], masuk: Path, seed: int) -> None:
    """Staff fill the year's forms (the simulation, without mistakes: each person's numbers depend only on
    the seed, NIP and quarter), spread over processes because openpyxl saving dominates the demo's time."""
    workers = max(1, min(4, os.cpu_count() or 1))
    parts = [forms[i::workers] for i in range(workers)]
    if workers == 1:
        _isi_bagian(master, forms, masuk, seed)
        return
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_isi_bagian, [master] * workers, parts, [masuk] * workers, [seed] * workers))


def buat_arsip(master: Master, folder: Path | str, jumlah: int = TAHUN_SEBELUMNYA) -> HasilArsip:
    """Write ``jumlah`` earlier years of ``master``'s institute under ``folder/<tahun>``: the first from the
    bundled master moved back, each later one built from the year before by ``tahun-baru`` (realisasi
    carried, Renstra targets, RTL), as the cycle is meant to run."""
    from ..dokumen.lkj import laporan_tahunan
    from ..siklus.rekomendasi import nama_format_rekomendasi, perbarui_rekomendasi
    from ..siklus.tahun_baru import buat_tahun_baru

    folder = Path(folder)
    hasil = HasilArsip(folder)
    first = master.pengaturan.tahun - jumlah
    path = tulis_master(folder / str(first) / "master.xlsx", lengkapi(baris_master(master, first), master))
    for tahun in range(first, master.pengaturan.tahun):
        base = folder / str(tahun)
        lama = muat_master(path)
        forms = buat_formulir(lama, base / "formulir")
        _isi(lama, forms, base / "formulir-terkumpul", tahun)
        per_tw = {tw: kompilasi(lama, base / "formulir-terkumpul", tw, base / "rekap", master_path=path).hasil
                  for tw in TRIWULAN}
        rekomendasi = base / nama_format_rekomendasi(tahun)
        rtl = perbarui_rekomendasi(lama, per_tw, rekomendasi)
        hasil.tahun.append(tahun)
        hasil.rekap[tahun] = base / "rekap"
        hasil.langkah.append((f"Arsip {tahun}: master, formulir terisi (simulasi), rekap TW I–IV dan "
                              f"{len(rtl.rows)} rekomendasi", str(base)))
        if tahun == master.pengaturan.tahun - 1:
            hasil.rekomendasi = rekomendasi
            hasil.laporan = laporan_tahunan(lama, base / "rekap", base / "laporan-kinerja", arsip=[folder],
                                            rekomendasi=rekomendasi)
            hasil.langkah.append((f"Arsip {tahun}: Laporan Kinerja tahunan ({len(hasil.laporan)} dokumen, "
                                  f"dengan riwayat dan target Renstra)", str(base / "laporan-kinerja")))
        nama = (f"master {tahun + 1} (dari {tahun}).xlsx" if tahun + 1 == master.pengaturan.tahun
                else "master.xlsx")
        path = folder / str(tahun + 1) / nama if nama == "master.xlsx" else base / nama
        baru = buat_tahun_baru(lama, base / "rekap", path, rekomendasi=rekomendasi)
        hasil.langkah.append((f"Arsip {tahun}: master {tahun + 1} dibangun dari {tahun} ({len(baru.rtl)} "
                              f"rekomendasi dibawa ke lembar RTL)", str(path)))
    hasil.master_berikut = path
    return hasil
