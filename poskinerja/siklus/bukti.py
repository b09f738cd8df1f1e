"""Automatic evidence for the internal evaluation (SOP step 6): what the data
already proves about planning, measurement and reporting.

Built from the master and the merged quarters (``HasilKompilasi`` per TW);
each item has a one-line summary for the LKE row it informs and detail rows
naming who or which unit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..inti.angka import format_id, format_persen, format_rupiah, format_tanggal
from ..inti.model import ROMAWI, Master
from .pelacak import jadwal_pk
from ..kompilasi.rekap import STATUS_KIRIM_BELUM, STATUS_KIRIM_KOSONG, STATUS_KIRIM_TERLAMBAT, HasilKompilasi

CAPAIAN_TINGGI = 150.0  # capaian above this suggests a target set too low
CAPAIAN_RENDAH = 50.0
SELISIH_SERAPAN = 25.0  # points between budget absorption and physical progress


@dataclass
class Bukti:
    kunci: str
    ringkasan: str
    rincian: list[dict[str, Any]] = field(default_factory=list)


def _row(kunci: str, uraian: str, nip: str = "", nama: str = "", unit: str = "", triwulan: Any = "",
         nilai: Any = "") -> dict[str, Any]:
    return {"kunci": kunci, "uraian": uraian, "nip": nip, "nama": nama, "unit": unit,
            "triwulan": triwulan, "nilai": nilai}


def kumpulkan_bukti(master: Master, per_tw: dict[int, HasilKompilasi]) -> dict[str, Bukti]:
    """Evidence items by key (the keys ``lke.Kriteria.bukti_otomatis`` names)."""
    out: dict[str, Bukti] = {}
    asn = list(master.asn.values())

    unsigned = [a for a in asn if a.tanggal_sah is None]
    batas_sah = jadwal_pk(master)[3]
    late_signed = [a for a in asn if a.tanggal_sah and a.tanggal_sah > batas_sah]
    out["pk"] = Bukti("pk", f"{len(asn) - len(unsigned)} dari {len(asn)} ASN memiliki PK yang disahkan"
                            f"; {len(late_signed)} disahkan sesudah {format_tanggal(batas_sah)} (jadwal POS).",
                      [_row("pk", "PK belum disahkan", a.nip, a.nama, a.kode_unit) for a in unsigned]
                      + [_row("pk", "PK disahkan melewati jadwal", a.nip, a.nama, a.kode_unit,
                              nilai=format_tanggal(a.tanggal_sah)) for a in late_signed])

    indikator = [i for items in master.indikator.values() for i in items]
    out["renaksi"] = Bukti("renaksi", f"{len(indikator)} indikator PK memiliki rencana aksi triwulan.")
    staff = [i for i in indikator if master.asn[i.nip].nip_atasan]
    linked = [i for i in staff if i.kode_induk]
    out["cascading"] = Bukti("cascading", f"{len(linked)} dari {len(staff)} indikator ASN (selain Kepala) "
                                          f"menyebut indikator induk (kode_induk).",
                             [_row("cascading", f"Tanpa indikator induk: {i.kode} {i.indikator}", i.nip,
                                   master.asn[i.nip].nama, master.asn[i.nip].kode_unit)
                              for i in staff if not i.kode_induk])
    kegiatan = [k for items in master.kegiatan.values() for k in items]
    out["anggaran"] = Bukti("anggaran", f"{len(kegiatan)} kegiatan dengan pagu "
                                        f"{format_rupiah(sum(k.pagu for k in kegiatan))}.")

    submitted, late, completeness, rincian_kirim, rincian_telat = [], [], [], [], []
    high, low, kendala_total, kendala_tl, serapan_gap, unit_gap = [], [], 0, 0, [], []
    for tw, hasil in sorted(per_tw.items()):
        L = hasil.lembaga
        missing = L["belum_mengumpulkan"] + L["belum_mengisi"]
        submitted.append(f"TW {ROMAWI[tw]}: {L['jumlah_asn'] - missing}/{L['jumlah_asn']}")
        late.append(f"TW {ROMAWI[tw]}: {L['terlambat']}")
        completeness.append(f"TW {ROMAWI[tw]}: {format_persen(L['kelengkapan'])}")
        for a in hasil.asn:
            if a["status_pengumpulan"] in (STATUS_KIRIM_BELUM, STATUS_KIRIM_KOSONG):
                rincian_kirim.append(_row("pengumpulan", f"Formulir TW {ROMAWI[tw]}: {a['status_pengumpulan']}",
                                          a["nip"], a["nama"], a["kode_unit"], tw))
            elif a["status_pengumpulan"] == STATUS_KIRIM_TERLAMBAT:
                rincian_telat.append(_row("ketepatan", "Terlambat mengumpulkan", a["nip"], a["nama"],
                                          a["kode_unit"], tw, a["disimpan"]))
        for r in hasil.data:
            if r["capaian"] is None:
                continue
            detail = (r["nip"], r["nama"], r["kode_unit"], tw, round(r["capaian"], 2))
            if r["capaian"] > CAPAIAN_TINGGI:
                high.append(_row("target_rendah", f"{r['kode_indikator']} {r['indikator']}", *detail))
            elif r["capaian"] < CAPAIAN_RENDAH:
                low.append(_row("capaian_rendah", f"{r['kode_indikator']} {r['indikator']}", *detail))
        for r in hasil.data + hasil.pemantauan:
            if r.get("kendala"):
                kendala_total += 1
                kendala_tl += bool(r.get("tindak_lanjut"))
        for u in hasil.unit:
            if u["jumlah_asn"] and u["belum_mengumpulkan"] + u["belum_mengisi"] == u["jumlah_asn"]:
                unit_gap.append(_row("laporan", "Tidak ada formulir dari unit ini", unit=u["kode_unit"],
                                     triwulan=tw))
    last = max(per_tw) if per_tw else None
    if last:
        output_to_date: dict[tuple[str, str], float] = {}
        for tw in sorted(per_tw):
            for r in per_tw[tw].pemantauan:
                if r["realisasi_output"] is not None:
                    key = (r["nip"], r["kode_kegiatan"])
                    output_to_date[key] = output_to_date.get(key, 0.0) + r["realisasi_output"]
        for r in per_tw[last].pemantauan:
            keg = next(k for k in master.kegiatan[r["nip"]] if k.kode == r["kode_kegiatan"])
            planned = sum(t for t in keg.target_output_tw if t)
            if r["serapan"] is None or not planned:
                continue
            physical = output_to_date.get((r["nip"], r["kode_kegiatan"]), 0.0) / planned * 100
            if abs(r["serapan"] - physical) > SELISIH_SERAPAN:
                serapan_gap.append(_row("serapan", f"{keg.kode} {keg.kegiatan}: serapan "
                                                   f"{format_persen(r['serapan'])}, fisik {format_persen(physical)}",
                                        r["nip"], r["nama"], r["kode_unit"], last, round(r["serapan"] - physical, 2)))
    out["pengumpulan"] = Bukti("pengumpulan", "Formulir terkumpul: " + "; ".join(submitted) + ".", rincian_kirim)
    out["ketepatan"] = Bukti("ketepatan", "Pengumpulan terlambat: " + "; ".join(late) + ".", rincian_telat)
    out["kelengkapan"] = Bukti("kelengkapan", "Kelengkapan data: " + "; ".join(completeness) + ".")
    out["target_rendah"] = Bukti("target_rendah", f"{len(high)} nilai capaian di atas "
                                                  f"{format_id(CAPAIAN_TINGGI)}% (target terlalu rendah?).", high)
    out["capaian_rendah"] = Bukti("capaian_rendah", f"{len(low)} nilai capaian di bawah "
                                                    f"{format_id(CAPAIAN_RENDAH)}%.", low)
    out["tindak_lanjut"] = Bukti("tindak_lanjut", f"{kendala_tl} dari {kendala_total} kendala yang dilaporkan "
                                                  f"disertai tindak lanjut.")
    out["laporan"] = Bukti("laporan", f"{len(unit_gap)} kali unit tanpa formulir dalam satu triwulan.", unit_gap)
    out["serapan"] = Bukti("serapan", f"{len(serapan_gap)} kegiatan dengan serapan anggaran berselisih lebih "
                                      f"dari {format_id(SELISIH_SERAPAN)} poin dari kemajuan fisik.", serapan_gap)
    return out
