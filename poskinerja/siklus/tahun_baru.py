"""Next year's master from this one (SOP step 7 closing the cycle).

Units, ASN, indicators and kegiatan are carried over; ``realisasi_tahun_lalu``
is this year's full-year realisasi from the recaps' Data sheets (the
``periode`` rules: kumulatif → last measured quarter, tidak → sum); targets
follow the Renstra trajectory where the master gives one, else this year's
targets are copied and listed for the planners to set; each RTL
recommendation is carried in the sheet ``RTL`` with its unit and indicator, so
next year's Format Rekomendasi shows whether it was acted on.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..master.tulis import tulis_master
from ..inti.model import ROMAWI, STATUS_OK, TRIWULAN, Indikator, Master, target_lintasan
from ..inti.periode import realisasi_periode, triwulan_diukur
from .riwayat import cari_rekap, data_per_indikator
from ..inti.galat import PoskinerjaGagal

_ID_INDIKATOR = re.compile(r"^(?:KENDALA|CAPAIAN)-(\d{18})-(.+)$")
_ID_DIBAWA = re.compile(r"^RTL(\d{4})-(.+)$")  # an item carried from an earlier year (rekomendasi.rtl_tahun_lalu)


class TahunBaruGagal(PoskinerjaGagal, ValueError):
    """Next year's master cannot be built (message in Bahasa Indonesia)."""


@dataclass
class HasilTahunBaru:
    master: Path
    tahun: int
    realisasi: dict[tuple[str, str], Optional[float]] = field(default_factory=dict)  # (nip, kode) → value
    target_renstra: list[str] = field(default_factory=list)  # codes whose target follows the Renstra
    target_disalin: list[str] = field(default_factory=list)  # codes whose target was copied for planners
    tanpa_realisasi: list[str] = field(default_factory=list)  # "nip/kode: why"
    rtl: list[dict[str, Any]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)


def _geser(value: Optional[dt.date], years: int) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def _tw(quarters) -> str:
    return ", ".join(f"TW {ROMAWI[tw]}" for tw in quarters)


def realisasi_tahun(master: Master, rekap: Path | str) -> tuple[dict[tuple[str, str], Optional[float]], list[str]]:
    """This year's full-year realisasi per (nip, kode) from the recaps in ``rekap``, and why some are missing."""
    tahun = master.pengaturan.tahun
    recaps = cari_rekap([rekap]).get(tahun, {})
    if not recaps:
        raise TahunBaruGagal(f"Tidak ada rekap kompilasi tahun {tahun} (Rekap Kinerja {tahun} TW<n>.xlsx) "
                             f"di {rekap}.")
    rows = data_per_indikator(recaps)
    values: dict[tuple[str, str], Optional[float]] = {}
    why: list[str] = []
    for nip, items in master.indikator.items():
        for ind in items:
            quarters = rows.get((nip, ind.kode), {})
            needed = triwulan_diukur(ind, TRIWULAN)
            needed = needed[-1:] if ind.kumulatif else needed
            absent = [tw for tw in needed if tw not in recaps]
            usable = {tw: r["realisasi"] for tw, r in quarters.items() if r["status"] == STATUS_OK}
            values[(nip, ind.kode)] = None if absent else realisasi_periode(ind, usable, TRIWULAN)
            if absent:
                why.append(f"{nip}/{ind.kode}: rekap {_tw(absent)} {tahun} tidak ada")
            elif values[(nip, ind.kode)] is None:
                gaps = [tw for tw in needed if tw not in usable]
                status = sorted({quarters[tw]["status"] if tw in quarters else "tidak ada di rekap" for tw in gaps})
                why.append(f"{nip}/{ind.kode}: realisasi {_tw(gaps)} belum dapat dipakai ({', '.join(status)})")
    return values, why


def _targets(ind: Indikator, baru: float) -> dict[str, Optional[float]]:
    """Quarterly targets for a new annual target, following this year's pattern (rencana aksi)."""
    measured = triwulan_diukur(ind, TRIWULAN)
    old = ind.target_tahun
    tw: dict[int, Optional[float]] = {t: None for t in TRIWULAN}
    if ind.kumulatif:
        for t in measured:
            tw[t] = round(ind.target(t) * baru / old, 2) if old else baru
        tw[measured[-1]] = baru
    else:
        for t in measured[:-1]:
            tw[t] = round(ind.target(t) * baru / old, 2) if old else 0.0
        tw[measured[-1]] = baru - sum(tw[t] for t in measured[:-1])  # the sum stays exactly the year's
    return {"target_tahun": baru, **{f"target_tw{t}": v for t, v in tw.items()}}


def _indikator_tahun_depan(master: Master, ind: Indikator, row: dict[str, Any], realisasi: Optional[float],
                           hasil: HasilTahunBaru) -> None:
    """Update ``ind``'s master row for next year: last year's realisasi and the Renstra trajectory target."""
    row["realisasi_tahun_lalu"] = realisasi
    baru = target_lintasan(ind.target_tahun, ind.target_renstra, master.pengaturan.tahun,
                           ind.tahun_renstra or master.pengaturan.tahun_akhir_renstra)
    if baru is not None:
        row.update(_targets(ind, round(baru, 2)))
        hasil.target_renstra.append(ind.kode)
    else:
        hasil.target_disalin.append(ind.kode)


def rtl_dibawa(master: Master, rekomendasi: Optional[Path | str]) -> list[dict[str, Any]]:
    """Rows for next year's RTL sheet: every recommendation not yet done, from this year's Format
    Rekomendasi (which already holds the items carried from earlier years, ``RTL<tahun>-<id>``), or,
    without it, the items this master carried in."""
    from .rekomendasi import baca_rekomendasi

    tahun = master.pengaturan.tahun
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    earlier = {(r.tahun_asal, r.id): r for r in master.rtl}
    if rekomendasi:
        for r in baca_rekomendasi(Path(rekomendasi)):
            carried = _ID_DIBAWA.match(r["ID"])
            asal, id_ = (int(carried.group(1)), carried.group(2)) if carried else (tahun, r["ID"])
            match = _ID_INDIKATOR.match(id_)
            unit = str(r.get("Unit Penanggung Jawab") or "").strip()
            before = earlier.get((asal, id_))  # an item carried in keeps the indicator it was attached to
            rows[(asal, id_)] = {
                "id": id_, "tahun_asal": asal, "kode_unit": unit if unit in master.unit else "",
                "kode_indikator": match.group(2) if match else before.kode_indikator if before else "",
                "rekomendasi": str(r.get("Rekomendasi") or r.get("Temuan") or "").strip(),
                "status": str(r.get("Status") or "belum").strip(), "tindak_lanjut": str(r.get("Tindak Lanjut") or "").strip()}
    else:
        for old in master.rtl:
            rows[(old.tahun_asal, old.id)] = {
                "id": old.id, "tahun_asal": old.tahun_asal, "kode_unit": old.kode_unit,
                "kode_indikator": old.kode_indikator, "rekomendasi": old.rekomendasi, "status": old.status,
                "tindak_lanjut": old.tindak_lanjut}
    return [r for r in rows.values() if r["rekomendasi"] and r["status"] != "selesai"]


def baris_master(master: Master, tahun: Optional[int] = None) -> dict[str, list[dict[str, Any]]]:
    """The master's rows as ``tulis_master`` takes them, moved to ``tahun`` (deadlines shifted with it;
    PK dates, the budget start day and holidays left blank: they belong to their own year)."""
    p = master.pengaturan
    tahun = p.tahun if tahun is None else tahun
    setting = {f.name: getattr(p, f.name) for f in dataclasses.fields(p)}
    setting.update(tahun=tahun, tanggal_mulai_anggaran=None,
                   **{f"batas_tw{i}": _geser(d, tahun - p.tahun) for i, d in enumerate(p.batas_tw, start=1)})
    setting.pop("batas_tw")
    return {
        "Pengaturan": [{"kunci": k, "nilai": v} for k, v in setting.items()],
        "Predikat": [{"batas_bawah": x.batas_bawah, "predikat": x.nama} for x in master.skala.tingkat],
        "Unit": [{"kode_unit": u.kode, "nama_unit": u.nama, "jenis": u.jenis, "nip_kepala": u.nip_kepala}
                 for u in master.unit.values()],
        "ASN": [{"nip": a.nip, "nama": a.nama, "jabatan": a.jabatan, "kode_unit": a.kode_unit,
                 "nip_atasan": a.nip_atasan} for a in master.asn.values()],
        "Indikator": [{"nip": i.nip, "kode_indikator": i.kode, "sasaran": i.sasaran, "indikator": i.indikator,
                       "satuan": i.satuan, "polaritas": i.polaritas, "kumulatif": "ya" if i.kumulatif else "tidak",
                       "target_tahun": i.target_tahun, **{f"target_tw{t}": i.target(t) for t in TRIWULAN},
                       "bobot": i.bobot, "realisasi_tahun_lalu": i.realisasi_tahun_lalu, "kode_induk": i.kode_induk,
                       "target_renstra": i.target_renstra, "tahun_renstra": i.tahun_renstra,
                       "standar_nasional": i.standar_nasional, "sumber_standar": i.sumber_standar,
                       "aturan_turunan": i.aturan_turunan}
                      for items in master.indikator.values() for i in items],
        "Kegiatan": [{"nip": k.nip, "kode_kegiatan": k.kode, "program": k.program, "kegiatan": k.kegiatan,
                      "output": k.output, "satuan_output": k.satuan_output, "bulan_mulai": k.bulan_mulai,
                      "bulan_selesai": k.bulan_selesai, "pagu": k.pagu, "kode_indikator": ", ".join(k.kode_indikator),
                      **{f"target_output_tw{t}": k.target_output_tw[t - 1] for t in TRIWULAN}}
                     for items in master.kegiatan.values() for k in items],
    }


def buat_tahun_baru(master: Master, rekap: Path | str, keluar: Path | str,
                    rekomendasi: Optional[Path | str] = None) -> HasilTahunBaru:
    """Write next year's master to ``keluar`` from ``master`` and this year's recaps in ``rekap``."""
    p = master.pengaturan
    keluar = Path(keluar)
    if rekomendasi is not None and not Path(rekomendasi).is_file():
        raise TahunBaruGagal(f"Format Rekomendasi tidak ditemukan: {rekomendasi}")
    hasil = HasilTahunBaru(keluar, p.tahun + 1)
    hasil.realisasi, hasil.tanpa_realisasi = realisasi_tahun(master, rekap)
    rows = baris_master(master, tahun=p.tahun + 1)
    indikator = [ind for items in master.indikator.values() for ind in items]
    for ind, row in zip(indikator, rows["Indikator"]):  # the same master order
        _indikator_tahun_depan(master, ind, row, hasil.realisasi.get((ind.nip, ind.kode)), hasil)
    hasil.rtl = rtl_dibawa(master, rekomendasi)
    if hasil.rtl:
        rows["RTL"] = hasil.rtl
    if hasil.target_disalin:
        hasil.catatan.append(f"{len(hasil.target_disalin)} indikator tanpa target Renstra: target tahun "
                             f"{p.tahun} disalin sebagai titik awal; tetapkan target {p.tahun + 1} sebelum PK.")
    if hasil.tanpa_realisasi:
        hasil.catatan.append(f"{len(hasil.tanpa_realisasi)} indikator tanpa realisasi tahun {p.tahun} "
                             f"lengkap: realisasi_tahun_lalu dibiarkan kosong.")
    hasil.catatan.append("tanggal_mulai_anggaran dan tanggal_sah PK dikosongkan untuk tahun baru; "
                         "hari libur tahun baru diisi di lembar Libur.")
    tulis_master(keluar, rows)
    return hasil
