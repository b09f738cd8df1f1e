"""The annual Laporan Kinerja (LKj): the institute's and a shorter one per unit (SOP step 5, semester II).

Everything is drafted from files that already exist: this year's four recaps
(``Data`` and ``Pemantauan`` sheets), earlier years' recaps (history), the
master (Renstra target, national standard, activity links, cascade) and the
Format Rekomendasi (RTL). Per sasaran, each indicator of the level's head gets
the seven analyses of PermenPANRB 53/2014; every figure names the recap rows it
came from, and ``[diisi: ...]`` is left only where nobody wrote anything.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from .. import __version__
from ..inti.angka import format_id, format_persen, format_rupiah, format_tanggal
from ..berkas.aman import safe_name
from .penyaji import DokumenGagal, GrafikBatang, Penyaji, nomori, penanda_grafik
from ..inti.model import ATURAN_TURUNAN, ROMAWI, TRIWULAN, Indikator, Master, serapan
from ..siklus.riwayat import (NilaiTahun, Riwayat, RiwayatGagal, baca_pemantauan, buka_rekap, cari_rekap,
                              data_per_indikator, nilai_per_tahun, nilai_tahun, riwayat_indikator)

TEMPLATE_TAHUNAN = "laporan_kinerja_tahunan.docx"
LEMBAGA = "Lembaga"
RUMUS_EFISIENSI = "indeks efisiensi = capaian (%) / serapan anggaran kegiatan terkait (%)"
RUMUS_SERAPAN = "serapan = Σ realisasi anggaran s.d. TW IV / Σ pagu kegiatan terkait × 100"
ATURAN_KEGIATAN = ("Kegiatan menunjang bila berstatus Selesai, outputnya mencapai target tahun, dan tidak "
                   "melaporkan kendala; menghambat bila Tertunda atau Belum mulai, outputnya di bawah target, "
                   "atau melaporkan kendala.")


def nama_laporan_tahunan(tahun: int, unit: Optional[tuple[str, str]] = None) -> str:
    """``Laporan Kinerja Tahunan <tahun> (Semester 2) - Lembaga.docx`` / ``... - <kode> <nama unit>.docx``;
    ``Semester 2`` in the name because the annual report is the SOP's semester-2 report (the Jadwal POS
    looks for ``*Semester 2*.docx``)."""
    suffix = LEMBAGA if unit is None else f"{unit[0]} {unit[1]}"
    return safe_name(f"Laporan Kinerja Tahunan {tahun} (Semester 2) - {suffix}") + ".docx"


@dataclass
class DataTahun:
    """This year's recaps read once: annual values per (nip, kode), all Data rows, Pemantauan per quarter."""
    tahun: int
    rekap: dict[int, Path]
    nilai: dict[tuple[str, str], NilaiTahun]
    data: dict[tuple[str, str], dict[int, dict[str, Any]]]
    pemantauan: dict[int, list[dict[str, Any]]]
    per_tahun: dict[int, dict[tuple[str, str], NilaiTahun]]  # earlier years and this one


def baca_tahun(master: Master, rekap: Path | str, arsip: Iterable[Path | str] = ()) -> DataTahun:
    """Read this year's four recaps under ``rekap`` and earlier years' under ``arsip`` (and ``rekap``)."""
    tahun = master.pengaturan.tahun
    try:
        found = cari_rekap([rekap])
        recaps = found.get(tahun, {})
        missing = [tw for tw in TRIWULAN if tw not in recaps]
        if not recaps:
            lain = f" (yang ada: rekap tahun {', '.join(map(str, found))})" if found else ""
            raise DokumenGagal(f"Tidak ada rekap kompilasi tahun {tahun} (Rekap Kinerja {tahun} TW<n>.xlsx) di "
                               f"{rekap}{lain}.")
        if missing:
            raise DokumenGagal(f"Laporan Kinerja tahunan {tahun} membutuhkan rekap kompilasi TW I–IV di {rekap}; "
                               f"belum ada TW {', '.join(ROMAWI[t] for t in missing)}.")
        buku = {tw: buka_rekap(path) for tw, path in recaps.items()}  # Data and Pemantauan from one opening
        data = data_per_indikator(recaps, buku)
        pemantauan = {tw: baca_pemantauan(path, buku[tw]) for tw, path in recaps.items()}
        per_tahun = nilai_per_tahun([*arsip, rekap], sebelum=tahun)
    except RiwayatGagal as exc:
        raise DokumenGagal(str(exc)) from None
    nilai = {key: nilai_tahun(tahun, q, recaps) for key, q in data.items()}
    per_tahun[tahun] = nilai
    return DataTahun(tahun, recaps, nilai, data, pemantauan, per_tahun)


# --- the seven analyses -----------------------------------------------------------------------

def keturunan(master: Master, ind: Indikator) -> list[Indikator]:
    """Indicators cascading to ``ind`` (``kode_induk``), at any depth, in master order."""
    children: dict[str, list[Indikator]] = defaultdict(list)
    for items in master.indikator.values():
        for i in items:
            if i.kode_induk:
                children[i.kode_induk].append(i)
    out, todo, seen = [], [ind.kode], {ind.kode}
    while todo:
        for child in children.get(todo.pop(0), []):
            if child.kode not in seen:
                seen.add(child.kode)
                out.append(child)
                todo.append(child.kode)
    return out


_SUMBER = re.compile(r"^Rekap Kinerja (\d{4}) TW([1-4])\.xlsx Data baris (\d+)$")


def ringkas_sumber(sumber: list[str]) -> str:
    """``Rekap Kinerja 2026 TW1–4 Data baris 12``: the recap rows behind a figure, quarters sharing a row
    number written once (the Data sheet keeps master order, so they usually do)."""
    grouped: dict[tuple[str, str], list[str]] = {}
    other = []
    for s in sumber:
        m = _SUMBER.match(s)
        if m:
            grouped.setdefault((m.group(1), m.group(3)), []).append(m.group(2))
        else:
            other.append(s)
    parts = [f"Rekap Kinerja {year} TW{','.join(tws) if tws != ['1', '2', '3', '4'] else '1–4'} Data baris {row}"
             for (year, row), tws in grouped.items()]
    return "; ".join(parts + other) or "-"


def _sumber(nilai: Optional[NilaiTahun]) -> str:
    return ringkas_sumber(nilai.sumber) if nilai and nilai.sumber else "-"


def _banding(master: Master, ind: Indikator, pembanding: float, realisasi: float) -> Optional[float]:
    return master.rule(ind).compute(pembanding, realisasi)


def analisis_renstra(master: Master, ind: Indikator, v: NilaiTahun) -> dict[str, Any]:
    """(3) realisasi against the medium-term target, with progress and years left."""
    akhir = ind.tahun_renstra or master.pengaturan.tahun_akhir_renstra
    if ind.target_renstra is None:
        return {"ada": False, "kalimat": "Master tidak memuat target Renstra (target_renstra) untuk indikator ini."}
    progres = _banding(master, ind, ind.target_renstra, v.realisasi) if v.ada else None
    sisa = (akhir - master.pengaturan.tahun) if akhir else None
    kalimat = (f"Target akhir Renstra{f' tahun {akhir}' if akhir else ''}: {format_id(ind.target_renstra)} "
               f"{ind.satuan}. ")
    if progres is None:
        kalimat += "Kemajuan terhadap target Renstra tidak dapat dihitung karena realisasi tahun ini belum lengkap."
    else:
        kalimat += (f"Realisasi {master.pengaturan.tahun} ({format_id(v.realisasi)} {ind.satuan}) = "
                    f"{format_persen(progres)} dari target akhir Renstra ({master.rule(ind).rumus}, dengan "
                    f"target = target Renstra)")
        kalimat += f"; sisa {sisa} tahun." if sisa is not None else "."
    return {"ada": True, "target": ind.target_renstra, "tahun": akhir, "progres": progres, "sisa": sisa,
            "kalimat": kalimat}


def analisis_standar(master: Master, ind: Indikator, v: NilaiTahun) -> dict[str, Any]:
    """(4) realisasi against the national standard, where the master gives one."""
    if ind.standar_nasional is None:
        return {"ada": False, "kalimat": "Tidak ada standar nasional untuk indikator ini di master."}
    banding = _banding(master, ind, ind.standar_nasional, v.realisasi) if v.ada else None
    kalimat = f"Standar nasional: {format_id(ind.standar_nasional)} {ind.satuan} ({ind.sumber_standar}). "
    if banding is None:
        kalimat += "Perbandingan tidak dapat dihitung karena realisasi tahun ini belum lengkap."
    else:
        posisi = "memenuhi" if banding >= 100 else "belum memenuhi"
        kalimat += (f"Realisasi {format_id(v.realisasi)} {ind.satuan} {posisi} standar "
                    f"({format_persen(banding)} terhadap standar, {master.rule(ind).rumus}).")
    return {"ada": True, "standar": ind.standar_nasional, "sumber": ind.sumber_standar, "banding": banding,
            "kalimat": kalimat}


def narasi_staf(master: Master, data: DataTahun, indikator: list[Indikator]) -> list[dict[str, Any]]:
    """(5) What the people wrote (penjelasan, kendala, strategi) per indicator, attributed; a text a person
    repeated in several quarters is listed once with those quarters."""
    found: dict[tuple[str, str, str, str], list[int]] = {}
    rows: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for ind in indikator:
        for tw, row in sorted(data.data.get((ind.nip, ind.kode), {}).items()):
            for jenis, key in (("Penjelasan", "progres"), ("Kendala", "kendala"), ("Strategi", "tindak_lanjut")):
                if row.get(key):
                    k = (ind.kode, ind.nip, jenis, row[key])
                    found.setdefault(k, []).append(tw)
                    rows.setdefault(k, {"sumber": []})["sumber"].append(f"{row['_berkas']} Data baris {row['_baris']}")
    out = []
    for (kode, nip, jenis, teks), tws in found.items():
        asn = master.asn.get(nip)
        out.append({"kode": kode, "jenis": jenis, "teks": teks,
                    "oleh": f"{asn.nama if asn else nip}, TW {', '.join(ROMAWI[t] for t in tws)}",
                    "sumber": "; ".join(rows[(kode, nip, jenis, teks)]["sumber"])})
    return out


def kegiatan_terkait(master: Master, kode: set[str]) -> list:
    """The activities whose ``kode_indikator`` names one of ``kode``, in master order."""
    return [k for items in master.kegiatan.values() for k in items if set(k.kode_indikator) & kode]


def _kegiatan_tahun(data: DataTahun, keg) -> dict[str, Any]:
    """One activity over the year from the Pemantauan sheets: output summed, budget to TW IV, status, kendala."""
    rows = {tw: r for tw, rs in data.pemantauan.items() for r in rs
            if r["nip"] == keg.nip and r["kode_kegiatan"] == keg.kode}
    last = rows.get(4, {})
    outputs = [r.get("realisasi_output") for r in rows.values() if r.get("realisasi_output") is not None]
    target_output = sum(t for t in keg.target_output_tw if t is not None)
    status = last.get("status_kegiatan") or "-"
    kendala = "; ".join(dict.fromkeys(r["kendala"] for _, r in sorted(rows.items()) if r.get("kendala")))
    realisasi_output = sum(outputs) if outputs else None
    output_ok = realisasi_output is not None and realisasi_output >= target_output
    if status in ("Tertunda", "Belum mulai") or kendala or (realisasi_output is not None and not output_ok):
        peran = "menghambat"
    elif status == "Selesai" and output_ok:
        peran = "menunjang"
    else:
        peran = "belum dapat dinilai"
    return {"kode": keg.kode, "kegiatan": keg.kegiatan, "program": keg.program, "nama": last.get("nama", ""),
            "pagu": keg.pagu, "realisasi_anggaran": last.get("realisasi_anggaran"),
            "serapan": serapan(keg.pagu, last.get("realisasi_anggaran")), "status": status,
            "target_output": target_output, "realisasi_output": realisasi_output,
            "satuan_output": keg.satuan_output, "kendala": kendala, "peran": peran,
            "sumber": f"{last['_berkas']} Pemantauan baris {last['_baris']}" if last else "-"}


def _sumber_pemantauan(kegiatan: list[dict[str, Any]]) -> str:
    """``Rekap Kinerja 2026 TW4 Pemantauan baris 3, 7``: where the activities' figures were read."""
    per_file: dict[str, list[str]] = {}
    for k in kegiatan:
        if k["sumber"] != "-":
            berkas, baris = k["sumber"].split(" Pemantauan baris ")
            per_file.setdefault(berkas, []).append(baris)
    return "; ".join(f"{b} Pemantauan baris {', '.join(rows)}" for b, rows in per_file.items()) or "-"


def analisis_efisiensi(kegiatan: list[dict[str, Any]], capaian: Optional[float]) -> dict[str, Any]:
    """(6) capaian against the budget absorption of the linked activities (formula printed beside it)."""
    if not kegiatan:
        return {"ada": False, "kalimat": "Belum ada kegiatan yang ditautkan ke indikator ini (kolom kode_indikator "
                                         "lembar Kegiatan), sehingga efisiensi tidak dapat dihitung."}
    pagu = sum(k["pagu"] for k in kegiatan)
    spent = [k["realisasi_anggaran"] for k in kegiatan if k["realisasi_anggaran"] is not None]
    realisasi = sum(spent) if spent else None
    absorption = serapan(pagu, realisasi)
    indeks = capaian / absorption if capaian is not None and absorption else None
    kalimat = (f"{len(kegiatan)} kegiatan terkait dengan pagu {format_rupiah(pagu)} dan realisasi "
               f"{format_rupiah(realisasi) if realisasi is not None else 'belum dilaporkan'}: serapan "
               f"{format_persen(absorption) if absorption is not None else '-'} ({RUMUS_SERAPAN}). ")
    if indeks is None:
        kalimat += "Indeks efisiensi tidak dapat dihitung (capaian atau serapan belum ada)."
    else:
        kalimat += (f"Indeks efisiensi {format_id(indeks)} ({RUMUS_EFISIENSI}); nilai di atas 1 berarti capaian "
                    f"lebih tinggi daripada anggaran yang terserap.")
    return {"ada": True, "pagu": pagu, "realisasi": realisasi, "serapan": absorption, "indeks": indeks,
            "rumus": RUMUS_EFISIENSI, "kalimat": kalimat}


def _kalimat_tahun_lalu(ind: Indikator, r: Riwayat) -> str:
    values = dict(zip(r.tahun, r.nilai))
    kini, lalu = values.get(r.tahun[-1]), values.get(r.tahun[-1] - 1)
    if kini is None or not kini.ada:
        return "Realisasi tahun ini belum lengkap; perbandingan antartahun tidak dibuat."
    if lalu is None or not lalu.ada:
        if ind.realisasi_tahun_lalu is not None:
            lalu_nilai, asal = ind.realisasi_tahun_lalu, "menurut master (realisasi_tahun_lalu)"
        else:
            return f"Realisasi tahun {r.tahun[-1] - 1} tidak tersedia di arsip rekap."
    else:
        lalu_nilai, asal = lalu.realisasi, f"rekap {r.tahun[-1] - 1}"
    if abs(kini.realisasi - lalu_nilai) < 1e-9:
        arah = "sama dengan"
    else:
        naik = kini.realisasi > lalu_nilai
        better = naik if ind.polaritas == "+" else not naik
        arah = f"{'naik' if naik else 'turun'} ({'membaik' if better else 'memburuk'}) dibanding"
    kalimat = (f"Realisasi {format_id(kini.realisasi)} {ind.satuan}, {arah} tahun {r.tahun[-1] - 1} "
               f"({format_id(lalu_nilai)} {ind.satuan}, {asal}).")
    ada = [(y, v) for y, v in values.items() if v is not None and v.ada and y < r.tahun[-1]]
    if len(ada) >= 2:
        kalimat += (f" Rata-rata realisasi {ada[0][0]}–{ada[-1][0]} ({len(ada)} tahun berdata): "
                    f"{format_id(sum(v.realisasi for _, v in ada) / len(ada))} {ind.satuan}.")
    return kalimat


def _keterangan_tahun(ind: Indikator, n: Optional[NilaiTahun]) -> str:
    """Why a year's figure is missing, or how the indicator was known that year (name, code)."""
    if n is None:
        return "data tidak tersedia"
    notes = [n.keterangan] if n.keterangan else []
    if n.kode_indikator != ind.kode:
        notes.append(f"kode saat itu: {n.kode_indikator} (dicocokkan melalui kode_induk {ind.kode_induk})")
    if n.indikator != ind.indikator:
        notes.append(f"nama saat itu: {n.indikator}")
    return "; ".join(notes)


def analisis_indikator(master: Master, data: DataTahun, ind: Indikator, kode_unit: str, no: int
                       ) -> tuple[dict[str, Any], GrafikBatang]:
    """The seven analyses of one indicator, and its trend chart."""
    v = data.nilai.get((ind.nip, ind.kode)) or NilaiTahun(data.tahun, ind.kode, ind.indikator, ind.satuan, ind.nip,
                                                          kode_unit, keterangan="tidak ada di rekap")
    turunan = derive(master, data, ind)
    if not v.ada and turunan is not None:
        v = turunan
    riwayat = riwayat_indikator(data.per_tahun, ind, data.tahun, kode_unit)
    tabel_riwayat = [{"tahun": y, "target": n.target if n else None, "realisasi": n.realisasi if n else None,
                      "capaian": n.capaian if n else None, "keterangan": _keterangan_tahun(ind, n),
                      "sumber": _sumber(n)} for y, n in zip(riwayat.tahun, riwayat.nilai)]
    grafik = GrafikBatang(tuple(str(y) for y in riwayat.tahun),
                          tuple(n.realisasi if n and n.ada else None for n in riwayat.nilai),
                          "Realisasi", ind.satuan, "garis")
    family = [ind, *keturunan(master, ind)]
    # causes: the indicator's own people and the level right below it (its direct children)
    narasi = narasi_staf(master, data, [ind, *(i for i in family if i.kode_induk == ind.kode)])
    kegiatan = [_kegiatan_tahun(data, k) for k in kegiatan_terkait(master, {i.kode for i in family})]
    capaian_kalimat = (f"Target {data.tahun}: {format_id(v.target)} {ind.satuan}; realisasi "
                       f"{format_id(v.realisasi)} {ind.satuan}; capaian {format_persen(v.capaian)} "
                       f"({v.rumus_capaian})." if v.ada else
                       f"Target {data.tahun}: {format_id(ind.target_tahun)} {ind.satuan}; realisasi tahunan belum "
                       f"dapat dihitung ({v.keterangan}).")
    return {
        "no": no, "kode": ind.kode, "indikator": ind.indikator, "satuan": ind.satuan,
        "target": v.target if v.ada else ind.target_tahun, "realisasi": v.realisasi, "capaian": v.capaian,
        "predikat": master.skala.untuk(v.capaian), "rumus": v.rumus_capaian, "sumber": _sumber(v),
        "diturunkan": v is turunan, "kalimat_capaian": capaian_kalimat,
        "riwayat": tabel_riwayat, "celah": riwayat.celah(), "kalimat_riwayat": _kalimat_tahun_lalu(ind, riwayat),
        "renstra": analisis_renstra(master, ind, v), "standar": analisis_standar(master, ind, v),
        "narasi": narasi, "efisiensi": analisis_efisiensi(kegiatan, v.capaian),
        "kegiatan_menunjang": [k for k in kegiatan if k["peran"] == "menunjang"],
        "kegiatan_menghambat": [k for k in kegiatan if k["peran"] == "menghambat"],
        "kegiatan": nomori(kegiatan), "sumber_kegiatan": _sumber_pemantauan(kegiatan),
    }, grafik


def derive(master: Master, data: DataTahun, ind: Indikator) -> Optional[NilaiTahun]:
    """An indicator with ``aturan_turunan`` valued from its direct children's annual realisasi (model rule)."""
    rule = ATURAN_TURUNAN.get(ind.aturan_turunan)
    if rule is None:
        return None
    children = [i for items in master.indikator.values() for i in items if i.kode_induk == ind.kode]
    values = [data.nilai.get((c.nip, c.kode)) for c in children]
    realisasi = rule.compute([v.realisasi if v else None for v in values], [c.bobot for c in children])
    hasil = NilaiTahun(data.tahun, ind.kode, ind.indikator, ind.satuan, ind.nip, target=ind.target_tahun,
                       realisasi=realisasi, rumus_capaian=master.rule(ind).rumus, kumulatif=ind.kumulatif,
                       keterangan="" if realisasi is not None else "indikator turunan belum lengkap")
    hasil.sumber = [f"diturunkan: {rule.rumus} ({', '.join(c.kode for c in children)})"]
    if realisasi is not None:
        hasil.capaian = master.rule(ind).compute(ind.target_tahun, realisasi)
    return hasil


# --- the cascade ------------------------------------------------------------------------------

def pohon_kinerja(master: Master, data: DataTahun, akar: list[Indikator]) -> list[dict[str, Any]]:
    """The pohon kinerja as table rows: each root, then its children indented, with capaian per level."""
    children: dict[str, list[Indikator]] = defaultdict(list)
    for items in master.indikator.values():
        for i in items:
            if i.kode_induk:
                children[i.kode_induk].append(i)
    rows: list[dict[str, Any]] = []

    def add(ind: Indikator, level: int, seen: frozenset) -> None:
        v = data.nilai.get((ind.nip, ind.kode))
        derived = derive(master, data, ind) if not (v and v.ada) else None
        shown = derived if derived is not None and derived.ada else v
        asn = master.asn.get(ind.nip)
        rows.append({"tingkat": level, "kode": ("\u2003" * level) + ind.kode, "indikator": ind.indikator,
                     "pemilik": f"{asn.nama if asn else ind.nip} ({asn.kode_unit if asn else '-'})",
                     "capaian": shown.capaian if shown else None,
                     "keterangan": ("diturunkan: " + ATURAN_TURUNAN[ind.aturan_turunan].rumus
                                    if derived is not None and derived.ada else
                                    (v.keterangan if v and not v.ada else ""))})
        for child in children.get(ind.kode, []):
            if child.kode not in seen:  # a loop in kode_induk would never end
                add(child, level + 1, seen | {child.kode})

    for ind in akar:
        add(ind, 0, frozenset({ind.kode}))
    return nomori(rows)


# --- the document ------------------------------------------------------------------------------

def _kepala(master: Master, kode: Optional[str]) -> dict[str, str]:
    p = master.pengaturan
    nip = p.kepala_nip if kode is None else master.unit[kode].nip_kepala
    asn = master.asn.get(nip)
    if kode is None:
        return {"nama": p.kepala_nama, "nip": p.kepala_nip, "jabatan": asn.jabatan if asn else "Kepala"}
    if asn is None:
        return {"nama": "[diisi: nama kepala unit]", "nip": "[diisi: NIP]",
                "jabatan": f"Kepala {master.unit[kode].nama}"}
    return {"nama": asn.nama, "nip": asn.nip, "jabatan": asn.jabatan}


def _rtl_rows(master: Master, rekomendasi: Optional[Path]) -> list[dict[str, Any]]:
    from ..siklus.rekomendasi import baca_rekomendasi

    if not rekomendasi:  # without this year's workbook: the items carried in from last year, as recorded
        return nomori({"id": r.id, "asal": f"RTL {r.tahun_asal}", "rekomendasi": r.rekomendasi, "unit": r.kode_unit,
                       "status": r.status, "tindak_lanjut": r.tindak_lanjut} for r in master.rtl)
    rows = []  # this year's workbook already lists the carried items (RTL<tahun>-…) beside the new ones
    for r in baca_rekomendasi(rekomendasi):
        rows.append({"id": r["ID"], "asal": str(r.get("Sumber") or ""), "rekomendasi": str(r.get("Rekomendasi") or ""),
                     "unit": str(r.get("Unit Penanggung Jawab") or ""), "status": str(r.get("Status") or "belum"),
                     "tindak_lanjut": str(r.get("Tindak Lanjut") or "")})
    return nomori(rows)


def _anggaran_program(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bab III B: budget realisation per programme from the TW IV Pemantauan rows (cumulative)."""
    per: dict[str, dict[str, Any]] = {}
    for r in rows:
        x = per.setdefault(r.get("program") or "(tanpa program)", {"pagu": 0.0, "realisasi": None, "jumlah": 0})
        x["pagu"] += r["pagu"] or 0.0
        x["jumlah"] += 1
        if r.get("realisasi_anggaran") is not None:
            x["realisasi"] = (x["realisasi"] or 0.0) + r["realisasi_anggaran"]
    return nomori({"program": k, "jumlah": x["jumlah"], "pagu": x["pagu"], "realisasi": x["realisasi"],
                   "serapan": serapan(x["pagu"], x["realisasi"])} for k, x in per.items())


def konteks_tahunan(master: Master, data: DataTahun, kode_unit: Optional[str] = None,
                    rekomendasi: Optional[Path] = None) -> tuple[dict[str, Any], dict[str, GrafikBatang]]:
    """The jinja context and the trend charts of one annual report (institute or unit)."""
    p = master.pengaturan
    kepala = _kepala(master, kode_unit)
    nip_kepala = p.kepala_nip if kode_unit is None else master.unit[kode_unit].nip_kepala
    people = list(master.asn.values()) if kode_unit is None else master.asn_unit(kode_unit)
    nips = {a.nip for a in people}
    utama = list(master.indikator.get(nip_kepala, []))
    if not utama:  # a unit whose head holds no indicator: its members' indicators carry the report
        utama = [i for a in people for i in master.indikator.get(a.nip, [])]
    grafik: dict[str, GrafikBatang] = {}
    sasaran: dict[str, list[dict[str, Any]]] = {}
    for n, ind in enumerate(utama, start=1):
        unit_of = master.asn[ind.nip].kode_unit if ind.nip in master.asn else ""
        analisis, chart = analisis_indikator(master, data, ind, unit_of, n)
        analisis["grafik"] = penanda_grafik(f"tren_{n}")
        grafik[f"tren_{n}"] = chart
        sasaran.setdefault(ind.sasaran, []).append(analisis)
    tw4 = [r for r in data.pemantauan.get(4, []) if r["nip"] in nips]
    program = _anggaran_program(tw4)
    pagu = sum(x["pagu"] for x in program)
    spent = [x["realisasi"] for x in program if x["realisasi"] is not None]
    total = {"pagu": pagu, "realisasi": sum(spent) if spent else None,
             "serapan": serapan(pagu, sum(spent) if spent else None)}
    pengukuran = []
    for a in people:
        for ind in master.indikator.get(a.nip, []):
            v = data.nilai.get((a.nip, ind.kode))
            pengukuran.append({"kode": ind.kode, "indikator": ind.indikator, "pemilik": a.nama,
                               "satuan": ind.satuan, "target": ind.target_tahun,
                               "realisasi": v.realisasi if v else None, "capaian": v.capaian if v else None,
                               "keterangan": (v.keterangan if v else "tidak ada di rekap"),
                               "sumber": _sumber(v)})
    capaian = [x for s in sasaran.values() for x in s if x["capaian"] is not None]
    nama_tingkat = p.nama_lembaga if kode_unit is None else master.unit[kode_unit].nama
    ikhtisar = [f"Laporan Kinerja Tahun {p.tahun} {nama_tingkat} memuat {len(utama)} indikator kinerja dalam "
                f"{len(sasaran)} sasaran; {len(capaian)} di antaranya dapat dihitung capaiannya dari rekap TW I–IV."]
    if capaian:
        tercapai = [x for x in capaian if x["capaian"] >= 100]
        ikhtisar.append(f"{len(tercapai)} dari {len(capaian)} indikator mencapai atau melampaui target tahun "
                        f"{p.tahun}.")
    if total["pagu"]:
        ikhtisar.append(f"Serapan anggaran s.d. Triwulan IV sebesar {format_persen(total['serapan'])} "
                        f"({format_rupiah(total['realisasi'])} dari pagu {format_rupiah(total['pagu'])}).")
    akar = utama if kode_unit is not None else master.indikator.get(p.kepala_nip, [])
    context = {
        "draf": True, "nama_lembaga": p.nama_lembaga, "kota": p.kota, "tahun": p.tahun,
        "tingkat": "lembaga" if kode_unit is None else "unit", "kode_unit": kode_unit or "",
        "nama_tingkat": nama_tingkat, "tanggal_susun": format_tanggal(dt.date.today()), "versi": __version__,
        "sumber_data": ", ".join(path.name for _, path in sorted(data.rekap.items())),
        "tahun_riwayat": ", ".join(str(y) for y in sorted(data.per_tahun) if y < p.tahun) or "tidak ada",
        "penandatangan": kepala, "ikhtisar": ikhtisar,
        "sasaran": [{"no": i, "nama": nama, "indikator": rows} for i, (nama, rows) in
                    enumerate(sasaran.items(), start=1)],
        "rumus_efisiensi": RUMUS_EFISIENSI, "rumus_serapan": RUMUS_SERAPAN, "aturan_kegiatan": ATURAN_KEGIATAN,
        "catatan_tahunan": ("Nilai tahunan: indikator kumulatif memakai realisasi triwulan terakhir yang diukur, "
                            "indikator tidak kumulatif menjumlahkan triwulan yang diukur (sama dengan laporan "
                            "semester); setiap angka menyebut baris lembar Data rekap sumbernya."),
        "pohon": pohon_kinerja(master, data, akar),
        "program": program, "total_anggaran": total, "sumber_anggaran": data.rekap[4].name,
        "pk": nomori({"sasaran": i.sasaran, "indikator": i.indikator, "satuan": i.satuan,
                      "target": i.target_tahun} for i in utama),
        "pk_sah": master.asn[nip_kepala].tanggal_sah if nip_kepala in master.asn else None,
        "pengukuran": nomori(pengukuran),
        "rtl": nomori(r for r in _rtl_rows(master, rekomendasi) if kode_unit is None or r["unit"] == kode_unit),
        "simpulan": ikhtisar[1:],
    }
    return context, grafik


def laporan_tahunan(master: Master, rekap: Path | str, keluar: Path | str, arsip: Iterable[Path | str] = (),
                    rekomendasi: Optional[Path | str] = None, template_dir: Optional[Path | str] = None,
                    unit: Optional[str] = None, kemajuan: Optional[Callable[[int, int], None]] = None) -> list[Path]:
    """The annual LKj: the institute's, then one per unit with people (``unit``: only that one)."""
    if unit is not None and (problem := master.masalah_pilihan(unit)):
        raise DokumenGagal(problem)
    if rekomendasi is not None and not Path(rekomendasi).is_file():
        raise DokumenGagal(f"Format Rekomendasi tidak ditemukan: {rekomendasi}")
    data = baca_tahun(master, rekap, arsip)
    penyaji = Penyaji(TEMPLATE_TAHUNAN, template_dir)
    targets: list[Optional[str]] = ([None] + [k for k in master.unit if master.asn_unit(k)]
                                    if unit is None else [unit])
    written = []
    for n, kode in enumerate(targets, start=1):
        context, grafik = konteks_tahunan(master, data, kode, Path(rekomendasi) if rekomendasi else None)
        name = nama_laporan_tahunan(master.pengaturan.tahun,
                                    None if kode is None else (kode, master.unit[kode].nama))
        written.append(penyaji.tulis(context, Path(keluar) / name, grafik))
        if kemajuan:
            kemajuan(n, len(targets))
    return written
