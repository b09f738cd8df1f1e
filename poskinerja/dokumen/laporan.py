"""Tiered report drafts: quarterly (SOP step 4) and semester (SOP step 5).

One document for the institute and one per unit. Tiered ("berjenjang"): the
institute document rolls up its units, a unit document rolls up its ASN. The
numbers come from the kompilasi result unchanged (the recap's ``Data``), the
summary sentences are generated from them, and the analysis people must
write is left as ``[diisi: ...]`` places in the template.

The semester reports follow the Laporan Kinerja outline (PermenPANRB
53/2014); period values (semester 1 = TW I–II, semester 2 = the year) are
computed in ``periode``.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

from .. import __version__
from ..inti.angka import format_id, format_persen, format_rupiah, format_tanggal
from ..berkas.aman import safe_name
from .penyaji import (TEMPLATE_SEMESTER, TEMPLATE_TRIWULAN, DokumenGagal, GrafikBatang, Penyaji, grafik_batang,
                      kalimat_daftar, nomori)
from ..inti.model import (BULAN, NEGATIVE_RULES, ROMAWI, STATUS_BELUM, STATUS_KEGIATAN, STATUS_KOSONG, STATUS_OK,
                    STATUS_TIDAK_DIUKUR, STATUS_TIDAK_VALID, Master, RULES, serapan)
from ..inti.periode import data_periode, label_periode, periksa_semester, triwulan_semester
from ..kompilasi.rekap import SERAPAN_ACUAN, HasilKompilasi, Ringkas, ringkas

LEMBAGA = "Lembaga"
KETERANGAN_STATUS = {STATUS_TIDAK_DIUKUR: "tidak diukur", STATUS_BELUM: "belum mengumpulkan",
                     STATUS_KOSONG: "belum diisi", STATUS_TIDAK_VALID: "isian tidak valid"}
DASAR_HUKUM = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
    "Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    "POS Pengumpulan Data Kinerja",
)
TERENDAH = 10  # indicators listed as "lowest capaian" in the institute's quarterly draft


# --- file names ---------------------------------------------------------------------------

def nama_laporan_triwulan(tahun: int, triwulan: int, unit: Optional[tuple[str, str]] = None) -> str:
    suffix = LEMBAGA if unit is None else f"{unit[0]} {unit[1]}"
    return safe_name(f"Laporan Triwulan {ROMAWI[triwulan]} {tahun} - {suffix}") + ".docx"


def nama_laporan_semester(tahun: int, semester: int, unit: Optional[tuple[str, str]] = None) -> str:
    """Contains ``Semester <n>`` (the SOP tracker looks for ``*Semester N*.docx``)."""
    suffix = LEMBAGA if unit is None else f"{unit[0]} {unit[1]}"
    return safe_name(f"Laporan Semester {semester} {tahun} - {suffix}") + ".docx"


# --- shared pieces ---------------------------------------------------------------------------

def _keterangan(row: Mapping[str, Any]) -> str:
    status = row["status"]
    if status != STATUS_OK:
        return KETERANGAN_STATUS.get(status, status)
    if row["capaian"] is None:
        return "tidak dapat dihitung"
    return "polaritas negatif" if row["polaritas"] == "-" else ""


def baris_indikator(rows: Iterable[Mapping[str, Any]], pemilik: bool = False) -> list[dict[str, Any]]:
    """Table rows for the capaian tables: the Data values unchanged, plus a remark."""
    out = []
    for row in rows:
        out.append({"kode": row["kode_indikator"], "indikator": row["indikator"], "satuan": row["satuan"],
                    "sasaran": row["sasaran"], "target": row["target"], "realisasi": row["realisasi"],
                    "capaian": row["capaian"], "predikat": row["predikat"], "status": row["status"],
                    "keterangan": _keterangan(row), "nip": row["nip"],
                    "realisasi_tahun_lalu": row.get("realisasi_tahun_lalu"),
                    "pemilik": f"{row['nama']} ({row['kode_unit']})" if pemilik else ""})
    return nomori(out)


def _catatan_rumus(master: Master) -> str:
    p = master.pengaturan
    neg = RULES[p.rumus_polaritas_negatif] if p.rumus_polaritas_negatif in NEGATIVE_RULES else RULES["selisih"]
    text = (f"capaian polaritas positif = {RULES['positif'].rumus}; polaritas negatif "
            f"(rumus {neg.name}) = {neg.rumus}; rata-rata unit dan lembaga tertimbang bobot")
    if p.batas_capaian is not None:
        text += f", dengan capaian tiap indikator dibatasi {format_id(p.batas_capaian)}%"
    return text


def _kalimat_capaian(master: Master, s: Ringkas, subjek: str, periode: str) -> list[str]:
    """Sentences on measured/filled indicators, mean capaian and the predikat counts."""
    out = []
    if not s.indikator_diukur:
        return [f"Pada {periode} tidak ada indikator kinerja {subjek} yang diukur."]
    out.append(f"Pada {periode}, {s.indikator_diukur} indikator kinerja {subjek} diukur dan {s.terisi} di "
               f"antaranya telah diisi realisasinya (kelengkapan {format_persen(s.kelengkapan)}).")
    if s.rata_capaian is not None:
        text = f"Rata-rata capaian {format_persen(s.rata_capaian)} dengan predikat {s.predikat}"
        batas = master.pengaturan.batas_capaian
        if s.rata_capaian_tanpa_batas is not None and abs(s.rata_capaian_tanpa_batas - s.rata_capaian) > 1e-9:
            text += (f" (capaian tiap indikator dibatasi {format_id(batas)}%; tanpa batas "
                     f"{format_persen(s.rata_capaian_tanpa_batas)})")
        out.append(text + ".")
        counts = [f"{n} indikator {name}" for name, n in s.jumlah_predikat.items() if n]
        if counts:
            out.append("Menurut predikat: " + kalimat_daftar(counts) + ".")
    if s.tidak_dapat_dihitung:
        out.append(f"{s.tidak_dapat_dihitung} indikator tidak dapat dihitung capaiannya (target 0, atau "
                   f"realisasi 0 pada rumus rasio) dan tidak ikut dirata-rata.")
    return out


def _kalimat_pengumpulan(x: Mapping[str, Any]) -> str:
    parts = [f"{x['tepat_waktu']} tepat waktu"]
    if x["terlambat"]:
        parts.append(f"{x['terlambat']} terlambat")
    if x["belum_mengisi"]:
        parts.append(f"{x['belum_mengisi']} mengumpulkan tanpa mengisi triwulan ini")
    if x["belum_mengumpulkan"]:
        parts.append(f"{x['belum_mengumpulkan']} belum mengumpulkan")
    return f"Pengumpulan formulir dari {x['jumlah_asn']} ASN: {kalimat_daftar(parts)}."


def _kalimat_serapan(x: Mapping[str, Any], tw: int) -> str:
    if not x.get("pagu"):
        return "Tidak ada kegiatan beranggaran pada tingkat ini."
    if x.get("realisasi_anggaran") is None:
        return (f"Realisasi anggaran s.d. Triwulan {ROMAWI[tw]} belum dilaporkan "
                f"(pagu {format_rupiah(x['pagu'])}).")
    acuan = SERAPAN_ACUAN[tw]
    posisi = "di bawah" if x["serapan"] < acuan else "memenuhi"
    return (f"Serapan anggaran s.d. Triwulan {ROMAWI[tw]} sebesar {format_persen(x['serapan'])} "
            f"({format_rupiah(x['realisasi_anggaran'])} dari pagu {format_rupiah(x['pagu'])}), {posisi} acuan "
            f"Kementerian Keuangan {format_id(acuan)}% untuk akhir Triwulan {ROMAWI[tw]}.")


def _kalimat_kegiatan(x: Mapping[str, Any]) -> str:
    parts = [f"{x.get('kegiatan_' + s.lower().replace(' ', '_'), 0)} {s.lower()}" for s in STATUS_KEGIATAN]
    return f"Status {x.get('jumlah_kegiatan', 0)} kegiatan: {kalimat_daftar(parts)}."


def _periode_tw(tahun: int, tw: int) -> str:
    last = dt.date(tahun, 3 * tw, 31 if tw in (1, 4) else 30)
    return f"1 {BULAN[3 * tw - 3]} – {format_tanggal(last)}"


def _money_asn(pemantauan: list[dict[str, Any]]) -> dict[str, Optional[float]]:
    """Absorption per NIP (the pemantauan rows are cumulative to the quarter)."""
    pagu: dict[str, float] = defaultdict(float)
    spent: dict[str, Optional[float]] = {}
    for r in pemantauan:
        pagu[r["nip"]] += r["pagu"]
        if r["realisasi_anggaran"] is not None:
            spent[r["nip"]] = (spent.get(r["nip"]) or 0.0) + r["realisasi_anggaran"]
    return {nip: serapan(pagu[nip], spent.get(nip)) for nip in pagu}


def _bagian_unit(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return nomori({"nama": u["nama_unit"], "kode": u["kode_unit"], "diukur": u["indikator_diukur"],
                   "terisi": u["terisi"], "kelengkapan": u["kelengkapan"], "capaian": u["rata_capaian"],
                   "predikat": u["predikat"], "serapan": u.get("serapan")} for u in units)


def _anggaran_unit(units: list[dict[str, Any]], tw: int) -> list[dict[str, Any]]:
    out = []
    for u in units:
        if not u.get("jumlah_kegiatan"):
            continue
        low = u["serapan"] is not None and u["serapan"] < SERAPAN_ACUAN[tw]
        out.append({"uraian": u["nama_unit"], "pagu": u["pagu"], "realisasi": u["realisasi_anggaran"],
                    "serapan": u["serapan"],
                    "keterangan": f"{u['jumlah_kegiatan']} kegiatan" + (
                        f"; di bawah acuan {format_id(SERAPAN_ACUAN[tw])}%" if low else "")})
    return nomori(out)


def _anggaran_kegiatan(rows: list[dict[str, Any]], tw: int) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        notes = [r["status_kegiatan"] or KETERANGAN_STATUS.get(r["status"], "")]
        if r["di_bawah_acuan"]:
            notes.append(f"di bawah acuan {format_id(SERAPAN_ACUAN[tw])}%")
        out.append({"uraian": f"{r['kegiatan']} ({r['nama']})", "pagu": r["pagu"],
                    "realisasi": r["realisasi_anggaran"], "serapan": r["serapan"],
                    "keterangan": "; ".join(n for n in notes if n)})
    return nomori(out)


def _total_anggaran(x: Mapping[str, Any]) -> dict[str, Any]:
    return {"pagu": x.get("pagu"), "realisasi": x.get("realisasi_anggaran"), "serapan": x.get("serapan")}


def _kendala_rinci(data: list[dict], pemantauan: list[dict]) -> list[dict[str, Any]]:
    out = []
    for r in data:
        if r["kendala"] or r["tindak_lanjut"]:
            out.append({"sumber": f"{r['nama']} — {r['kode_indikator']} {r['indikator']}",
                        "kendala": r["kendala"] or "-", "tindak_lanjut": r["tindak_lanjut"] or "-"})
    for r in pemantauan:
        if r["kendala"] or r["tindak_lanjut"]:
            out.append({"sumber": f"{r['nama']} — kegiatan {r['kegiatan']}",
                        "kendala": r["kendala"] or "-", "tindak_lanjut": r["tindak_lanjut"] or "-"})
    return nomori(out)


def _kendala_per_unit(master: Master, data: list[dict], pemantauan: list[dict]) -> list[dict[str, Any]]:
    """The institute's roll-up: per unit, each distinct obstacle and follow-up with its count."""
    kendala: dict[str, Counter] = defaultdict(Counter)
    tindak: dict[str, Counter] = defaultdict(Counter)
    for r in [*data, *pemantauan]:
        if r["kendala"]:
            kendala[r["kode_unit"]][r["kendala"]] += 1
        if r["tindak_lanjut"]:
            tindak[r["kode_unit"]][r["tindak_lanjut"]] += 1
    out = []
    for kode, unit in master.unit.items():
        if kode not in kendala and kode not in tindak:
            continue
        fmt = lambda c: "; ".join(f"{t} ({n}×)" if n > 1 else t for t, n in c.most_common()) or "-"  # noqa: E731
        out.append({"sumber": unit.nama, "kendala": fmt(kendala[kode]), "tindak_lanjut": fmt(tindak[kode])})
    return nomori(out)


def _kebutuhan(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return nomori({"nama": r["nama"], "unit": r["kode_unit"], "jenis": r["jenis"],
                   "uraian": f"{r['kode']} {r['uraian']}", "status": KETERANGAN_STATUS.get(r["status"], r["status"])}
                  for r in rows)


def _kepala_unit(master: Master, kode: Optional[str]) -> dict[str, str]:
    p = master.pengaturan
    if kode is None:
        asn = master.asn.get(p.kepala_nip)
        return {"nama": p.kepala_nama, "nip": p.kepala_nip, "jabatan": asn.jabatan if asn else "Kepala"}
    unit = master.unit[kode]
    asn = master.asn.get(unit.nip_kepala)
    if asn is None:
        return {"nama": "[diisi: nama kepala unit]", "nip": "[diisi: NIP]", "jabatan": f"Kepala {unit.nama}"}
    return {"nama": asn.nama, "nip": asn.nip, "jabatan": asn.jabatan}


def _nip_pimpinan(master: Master, kode: Optional[str]) -> str:
    return master.pengaturan.kepala_nip if kode is None else master.unit[kode].nip_kepala


def _units_with_people(master: Master) -> list[str]:
    return [kode for kode in master.unit if master.asn_unit(kode)]


# --- quarterly -------------------------------------------------------------------------------

def konteks_triwulan(master: Master, hasil: HasilKompilasi, kode_unit: Optional[str] = None
                     ) -> tuple[dict[str, Any], GrafikBatang]:
    """The jinja context and the chart of one quarterly draft (institute or unit)."""
    p = master.pengaturan
    tw = hasil.triwulan
    romawi = ROMAWI[tw]
    if kode_unit is None:
        data, pemantauan, kebutuhan = hasil.data, hasil.pemantauan, hasil.kebutuhan
        level = hasil.lembaga
        nama_tingkat, subjek = p.nama_lembaga, "lembaga"
        bagian = _bagian_unit([u for u in hasil.unit if u["jumlah_asn"]])
        label_bagian = "Unit Kerja"
        total = {"nama": LEMBAGA, "diukur": level["indikator_diukur"], "terisi": level["terisi"],
                 "kelengkapan": level["kelengkapan"], "capaian": level["rata_capaian"],
                 "predikat": level["predikat"], "serapan": level["serapan"]}
        kepala_rows = [r for r in data if r["nip"] == p.kepala_nip]
        kelompok = [{"judul": "Indikator Kinerja Utama",
                     "keterangan": f"Indikator pada Perjanjian Kinerja {p.kepala_nama}.",
                     "baris": baris_indikator(kepala_rows)}] if kepala_rows else []
        scored = sorted((r for r in data if r["capaian"] is not None and r["nip"] != p.kepala_nip),
                        key=lambda r: (r["capaian"], r["kode_unit"], r["nip"], r["kode_indikator"]))
        if scored:
            kelompok.append({"judul": f"{min(TERENDAH, len(scored))} Indikator dengan Capaian Terendah",
                             "keterangan": "Indikator unit dan ASN; rincian lengkap ada pada draf tiap unit.",
                             "baris": baris_indikator(scored[:TERENDAH], pemilik=True)})
        anggaran = _anggaran_unit(hasil.unit, tw)
        label_anggaran = "Unit Kerja"
        kendala = _kendala_per_unit(master, data, pemantauan)
        label_sumber = "Unit Kerja"
        grafik = grafik_batang([b["nama"] for b in bagian], [b["capaian"] for b in bagian])
        judul_grafik = f"Rata-rata capaian per unit kerja, Triwulan {romawi} {p.tahun}"
        penyusun = "Tim Perencanaan dan Koordinator SAKIP"
    else:
        unit = master.unit[kode_unit]
        data = [r for r in hasil.data if r["kode_unit"] == kode_unit]
        pemantauan = [r for r in hasil.pemantauan if r["kode_unit"] == kode_unit]
        kebutuhan = [r for r in hasil.kebutuhan if r["kode_unit"] == kode_unit]
        level = next(u for u in hasil.unit if u["kode_unit"] == kode_unit)
        nama_tingkat, subjek = unit.nama, unit.nama
        money = _money_asn(pemantauan)
        people = [a for a in hasil.asn if a["kode_unit"] == kode_unit]
        bagian = nomori({"nama": a["nama"], "kode": a["nip"], "diukur": a["indikator_diukur"],
                         "terisi": a["terisi"], "kelengkapan": a["kelengkapan"], "capaian": a["rata_capaian"],
                         "predikat": a["predikat"], "serapan": money.get(a["nip"])} for a in people)
        label_bagian = "ASN"
        total = {"nama": unit.nama, "diukur": level["indikator_diukur"], "terisi": level["terisi"],
                 "kelengkapan": level["kelengkapan"], "capaian": level["rata_capaian"],
                 "predikat": level["predikat"], "serapan": level["serapan"]}
        kelompok = []
        for a in people:
            rows = [r for r in data if r["nip"] == a["nip"]]
            if rows:
                kelompok.append({"judul": f"{a['nama']}",
                                 "keterangan": f"{a['jabatan']} · NIP {a['nip']} · formulir: "
                                               f"{a['status_pengumpulan']}",
                                 "baris": baris_indikator(rows)})
        anggaran = _anggaran_kegiatan(pemantauan, tw)
        label_anggaran = "Kegiatan (penanggung jawab)"
        kendala = _kendala_rinci(data, pemantauan)
        label_sumber = "ASN dan indikator/kegiatan"
        grafik = grafik_batang([b["nama"] for b in bagian], [b["capaian"] for b in bagian])
        judul_grafik = f"Rata-rata capaian per ASN, {unit.nama}, Triwulan {romawi} {p.tahun}"
        penyusun = f"kepala {unit.nama}"
    periode = f"Triwulan {romawi} Tahun {p.tahun}"
    s = ringkas(master, data)
    ringkasan = _kalimat_capaian(master, s, subjek if kode_unit is None else "unit ini", periode)
    ringkasan.append(_kalimat_pengumpulan(level))
    ringkasan.append(_kalimat_serapan(level, tw))
    if level.get("jumlah_kegiatan"):
        ringkasan.append(_kalimat_kegiatan(level))
    kendala_count = len(kendala)
    context = {
        "draf": True, "nama_lembaga": p.nama_lembaga, "kota": p.kota, "tahun": p.tahun, "triwulan": tw,
        "tw_romawi": romawi, "judul": f"Draf Laporan Kinerja Triwulan {romawi} Tahun {p.tahun}",
        "tingkat": "lembaga" if kode_unit is None else "unit", "kode_unit": kode_unit or "",
        "nama_tingkat": nama_tingkat, "periode": _periode_tw(p.tahun, tw),
        "tanggal_susun": format_tanggal(dt.date.today()), "sumber_data": Path(hasil.folder).name or hasil.folder,
        "ringkasan": ringkasan, "label_bagian": label_bagian,
        "kalimat_bagian": (f"Tabel berikut merangkum capaian setiap {'unit kerja' if kode_unit is None else 'ASN'} "
                           f"{'di ' + nama_tingkat if kode_unit else 'lembaga'} pada Triwulan {romawi}; "
                           f"rata-rata capaian dibatasi dan tertimbang sesuai pengaturan."),
        "bagian": bagian, "total": total, "judul_grafik": judul_grafik,
        "kelompok": [{**g, "no": i} for i, g in enumerate(kelompok, start=1)],
        "catatan_rumus": _catatan_rumus(master),
        "kalimat_anggaran": " ".join([_kalimat_serapan(level, tw)]
                                     + ([_kalimat_kegiatan(level)] if level.get("jumlah_kegiatan") else [])),
        "label_anggaran": label_anggaran, "anggaran": anggaran, "total_anggaran": _total_anggaran(level),
        "kalimat_kendala": (f"{kendala_count} {'unit melaporkan' if kode_unit is None else 'isian memuat'} "
                            f"kendala atau tindak lanjut pada Triwulan {romawi}." if kendala_count else
                            f"Tidak ada kendala yang dilaporkan pada Triwulan {romawi}."),
        "label_sumber_kendala": label_sumber, "kendala": kendala,
        "kalimat_kelengkapan": " ".join([_kalimat_pengumpulan(level)] + (
            [f"Masih ada {len(kebutuhan)} data kinerja yang belum tersedia:"] if kebutuhan else
            ["Seluruh data kinerja yang diminta triwulan ini telah tersedia."])),
        "kebutuhan": _kebutuhan(kebutuhan), "penyusun": penyusun, "versi": __version__,
    }
    return context, grafik


def laporan_triwulan(master: Master, hasil: HasilKompilasi, keluar: Path | str,
                     template_dir: Optional[Path | str] = None, unit: Optional[str] = None,
                     kemajuan: Optional[Callable[[int, int], None]] = None) -> list[Path]:
    """The quarter's tiered drafts: the institute's, then one per unit (``unit``: only that one)."""
    keluar = Path(keluar)
    penyaji = Penyaji(TEMPLATE_TRIWULAN, template_dir)
    p = master.pengaturan
    _periksa_unit(master, unit)
    targets: list[Optional[str]] = [None] + _units_with_people(master) if unit is None else [unit]
    written = []
    for n, kode in enumerate(targets, start=1):
        context, chart = konteks_triwulan(master, hasil, kode)
        name = nama_laporan_triwulan(p.tahun, hasil.triwulan,
                                     None if kode is None else (kode, master.unit[kode].nama))
        written.append(penyaji.tulis(context, keluar / name, {"grafik": chart}))
        if kemajuan:
            kemajuan(n, len(targets))
    return written


# --- semester -----------------------------------------------------------------------------------------

def _kalimat_tahun_lalu(row: Mapping[str, Any]) -> Optional[str]:
    lalu, kini = row.get("realisasi_tahun_lalu"), row["realisasi"]
    if lalu is None or kini is None:
        return None
    if abs(kini - lalu) < 1e-9:
        arah = "sama dengan"
    else:
        naik = kini > lalu
        better = naik if row["polaritas"] == "+" else not naik
        arah = f"{'naik' if naik else 'turun'} ({'membaik' if better else 'memburuk'}) dibanding"
    return (f"Realisasi {row['indikator']} sebesar {format_id(kini)} {row['satuan']}, {arah} tahun lalu "
            f"({format_id(lalu)} {row['satuan']}).")


def _periksa_kompilasi(per_tw: Mapping[int, HasilKompilasi], semester: int, quarters: tuple[int, ...]) -> None:
    missing = [tw for tw in quarters if tw not in per_tw]
    if missing:
        raise DokumenGagal(f"Laporan Semester {semester} membutuhkan kompilasi TW "
                           f"{', '.join(ROMAWI[t] for t in quarters)}; belum ada TW "
                           f"{', '.join(ROMAWI[t] for t in missing)}.")


def _periksa_unit(master: Master, unit: Optional[str]) -> None:
    if unit is not None and (problem := master.masalah_pilihan(unit)):
        raise DokumenGagal(problem)


def konteks_semester(master: Master, per_tw: Mapping[int, HasilKompilasi], semester: int,
                     kode_unit: Optional[str] = None, rows: Optional[list[dict[str, Any]]] = None
                     ) -> tuple[dict[str, Any], GrafikBatang]:
    """The jinja context and chart of one semester report (institute or unit)."""
    p = master.pengaturan
    semester = periksa_semester(semester)
    quarters = triwulan_semester(semester)
    _periksa_kompilasi(per_tw, semester, quarters)
    last = per_tw[quarters[-1]]
    all_rows = rows if rows is not None else data_periode(master, per_tw, semester)
    periode_label = label_periode(semester)
    romawi = ROMAWI[semester]
    if kode_unit is None:
        rows = all_rows
        nama_tingkat, subjek = p.nama_lembaga, "lembaga"
        level_money = last.lembaga
        label_bagian = "Unit Kerja"
        units = [k for k in _units_with_people(master)]
        bagian = []
        for kode in units:
            s = ringkas(master, [r for r in rows if r["kode_unit"] == kode])
            bagian.append({"nama": master.unit[kode].nama, "kode": kode, "diukur": s.indikator_diukur,
                           "terisi": s.terisi, "kelengkapan": s.kelengkapan, "capaian": s.rata_capaian,
                           "predikat": s.predikat})
        struktur = [{"nama": master.unit[k].nama, "keterangan": f"{master.unit[k].jenis.capitalize()}; kepala: "
                     f"{_kepala_unit(master, k)['nama']}; {len(master.asn_unit(k))} ASN",
                     "jumlah_indikator": sum(len(master.indikator.get(a.nip, [])) for a in master.asn_unit(k))}
                    for k in units]
        anggaran = _anggaran_unit(last.unit, quarters[-1])
        label_anggaran = "Unit Kerja"
        lampiran = [{"judul": f"{a.nama} — {master.unit[k].nama}",
                     "baris": baris_indikator([r for r in rows if r["nip"] == a.nip])}
                    for k in units for a in master.asn_unit(k) if master.indikator.get(a.nip)]
        people = list(master.asn.values())
        gambaran = (f"{p.nama_lembaga} berkedudukan di {p.kota} dan terdiri atas {len(units)} unit kerja dengan "
                    f"{len(master.asn)} ASN yang masing-masing menandatangani Perjanjian Kinerja.")
    else:
        unit = master.unit[kode_unit]
        rows = [r for r in all_rows if r["kode_unit"] == kode_unit]
        nama_tingkat, subjek = unit.nama, "unit ini"
        level_money = next(u for u in last.unit if u["kode_unit"] == kode_unit)
        label_bagian = "ASN"
        people = master.asn_unit(kode_unit)
        bagian = []
        for a in people:
            s = ringkas(master, [r for r in rows if r["nip"] == a.nip])
            bagian.append({"nama": a.nama, "kode": a.nip, "diukur": s.indikator_diukur, "terisi": s.terisi,
                           "kelengkapan": s.kelengkapan, "capaian": s.rata_capaian, "predikat": s.predikat})
        struktur = [{"nama": a.nama, "keterangan": a.jabatan,
                     "jumlah_indikator": len(master.indikator.get(a.nip, []))} for a in people]
        anggaran = _anggaran_kegiatan([r for r in last.pemantauan if r["kode_unit"] == kode_unit], quarters[-1])
        label_anggaran = "Kegiatan (penanggung jawab)"
        lampiran = [{"judul": f"{a.nama} — {a.jabatan}",
                     "baris": baris_indikator([r for r in rows if r["nip"] == a.nip])}
                    for a in people if master.indikator.get(a.nip)]
        gambaran = (f"{unit.nama} ({unit.jenis}) merupakan bagian dari {p.nama_lembaga} dengan {len(people)} ASN "
                    f"yang masing-masing menandatangani Perjanjian Kinerja.")
    bagian = nomori(bagian)
    s = ringkas(master, rows)
    nip_pimpinan = _nip_pimpinan(master, kode_unit)
    utama = [r for r in rows if r["nip"] == nip_pimpinan] or rows
    sasaran_rows: dict[str, list[dict]] = {}
    for r in utama:
        sasaran_rows.setdefault(r["sasaran"], []).append(r)
    sasaran = []
    for i, (nama, srows) in enumerate(sasaran_rows.items(), start=1):
        ss = ringkas(master, srows)
        kalimat = [f"Sasaran ini diukur dengan {len(srows)} indikator; {ss.indikator_diukur} diukur "
                   f"{periode_label} dan {ss.terisi} telah berdata."]
        if ss.rata_capaian is not None:
            kalimat.append(f"Rata-rata capaian sasaran {format_persen(ss.rata_capaian)} (predikat {ss.predikat}).")
        if semester == 2:
            kalimat += [k for k in map(_kalimat_tahun_lalu, srows) if k]
        sasaran.append({"no": i, "nama": nama, "baris": baris_indikator(srows), "kalimat": kalimat})
    periode = f"periode {periode_label} Tahun {p.tahun}"
    ikhtisar = _kalimat_capaian(master, s, subjek, periode)
    ikhtisar.append(_kalimat_serapan(level_money, quarters[-1]))
    pk_rows = nomori({"sasaran": r["sasaran"] if i == 0 or utama[i - 1]["sasaran"] != r["sasaran"] else "",
                      "sasaran_lengkap": r["sasaran"], "indikator": r["indikator"], "satuan": r["satuan"],
                      "target_tahun": r["target_tahun"]} for i, r in enumerate(utama))
    ratified = sum(1 for a in people if a.tanggal_sah)
    kepala = _kepala_unit(master, kode_unit)
    total_pagu = sum(k.pagu for a in people for k in master.kegiatan.get(a.nip, []))
    simpulan = list(ikhtisar[1:2]) if len(ikhtisar) > 1 else []
    below = [r for r in rows if r["capaian"] is not None and r["capaian"] < 100]
    if rows:
        simpulan.append(f"{len(below)} indikator belum mencapai target {periode_label} dan perlu dianalisis "
                        f"penyebabnya pada Bab III.")
    simpulan.append(_kalimat_serapan(level_money, quarters[-1]))
    chart_title = (f"Rata-rata capaian per {'unit kerja' if kode_unit is None else 'ASN'}, "
                   f"{periode_label} {p.tahun}")
    grafik = grafik_batang([b["nama"] for b in bagian], [b["capaian"] for b in bagian])
    catatan_periode = ("Nilai periode: indikator kumulatif memakai nilai triwulan terakhir yang diukur, indikator "
                       "tidak kumulatif menjumlahkan triwulan yang diukur; bila satu triwulan yang dibutuhkan "
                       "belum berdata, nilai periode tidak dihitung.")
    if semester == 1:
        catatan_periode += " Pembandingan dengan realisasi tahun lalu dinarasikan pada laporan Semester II."
    context = {
        "draf": True, "nama_lembaga": p.nama_lembaga, "kota": p.kota, "tahun": p.tahun, "semester": semester,
        "semester_romawi": romawi, "label_periode": periode_label,
        "label_periode_singkat": f"s.d. Smt {romawi}",
        "tingkat": "lembaga" if kode_unit is None else "unit", "kode_unit": kode_unit or "",
        "nama_tingkat": nama_tingkat, "tanggal_susun": format_tanggal(dt.date.today()),
        "daftar_tw": "–".join([ROMAWI[quarters[0]], ROMAWI[quarters[-1]]]),
        "sumber_data": Path(last.folder).name or last.folder, "versi": __version__,
        "penandatangan": kepala, "ikhtisar": ikhtisar, "kalimat_gambaran": gambaran,
        "dasar_hukum": list(DASAR_HUKUM), "label_bagian": label_bagian, "struktur": nomori(struktur),
        "kalimat_perencanaan": (
            f"Perjanjian Kinerja Tahun {p.tahun} {nama_tingkat} memuat {len(pk_rows)} indikator kinerja untuk "
            f"{len(sasaran)} sasaran, ditandatangani oleh {kepala['nama']}. Dari {len(people)} Perjanjian Kinerja "
            f"ASN pada tingkat ini, {ratified} telah disahkan."),
        "pk": pk_rows, "total_pagu": total_pagu,
        "kalimat_capaian": " ".join(_kalimat_capaian(master, s, subjek, periode)),
        "sasaran": sasaran, "catatan_rumus": _catatan_rumus(master), "catatan_periode": catatan_periode,
        "bagian": bagian, "total": {"nama": nama_tingkat if kode_unit else LEMBAGA, "diukur": s.indikator_diukur,
                                    "terisi": s.terisi, "kelengkapan": s.kelengkapan, "capaian": s.rata_capaian,
                                    "predikat": s.predikat},
        "judul_grafik": chart_title,
        "kalimat_anggaran": " ".join(
            [_kalimat_serapan(level_money, quarters[-1])]
            + ([_kalimat_kegiatan(level_money)] if level_money.get("jumlah_kegiatan") else [])),
        "label_anggaran": label_anggaran, "anggaran": anggaran, "total_anggaran": _total_anggaran(level_money),
        "simpulan": simpulan, "lampiran": lampiran,
        "daftar_pk": nomori({"nip": a.nip, "nama": a.nama, "jabatan": a.jabatan,
                             "status": "disahkan" if a.tanggal_sah else "draf", "tanggal_sah": a.tanggal_sah}
                            for a in people),
    }
    return context, grafik


def laporan_semester(master: Master, per_tw: Mapping[int, HasilKompilasi], semester: int, keluar: Path | str,
                     template_dir: Optional[Path | str] = None, unit: Optional[str] = None,
                     kemajuan: Optional[Callable[[int, int], None]] = None) -> list[Path]:
    """The semester reports: the institute's, then one per unit (``unit``: only that one)."""
    semester = periksa_semester(semester)
    keluar = Path(keluar)
    penyaji = Penyaji(TEMPLATE_SEMESTER, template_dir)
    p = master.pengaturan
    quarters = triwulan_semester(semester)
    _periksa_kompilasi(per_tw, semester, quarters)
    rows = data_periode(master, per_tw, semester)
    _periksa_unit(master, unit)
    targets: list[Optional[str]] = [None] + _units_with_people(master) if unit is None else [unit]
    written = []
    for n, kode in enumerate(targets, start=1):
        context, chart = konteks_semester(master, per_tw, semester, kode, rows)
        name = nama_laporan_semester(p.tahun, semester, None if kode is None else (kode, master.unit[kode].nama))
        written.append(penyaji.tulis(context, keluar / name, {"grafik": chart}))
        if kemajuan:
            kemajuan(n, len(targets))
    return written


# --- one entry point for the CLI and the Excel button ----------------------------------------------

def susun_laporan(master: Master | str | Path, folder: str | Path, keluar: str | Path,
                  triwulan: Optional[int] = None, semester: Optional[int] = None,
                  kemajuan: Optional[Callable[[int, int], None]] = None,
                  template_dir: Optional[Path | str] = None) -> list[Path]:
    """Read the forms under ``folder`` and write the quarter's or the semester's drafts.

    Exactly one of ``triwulan`` (1–4) or ``semester`` (1–2). ``kemajuan(done,
    total)`` reports the forms read. Raises KompilasiGagal, MasterTidakValid,
    PeriodeTidakValid or DokumenGagal with a message in Bahasa Indonesia.
    """
    from ..kompilasi.generasi import Generasi
    from ..kompilasi.jalan import kumpulkan_triwulan, periksa_triwulan
    from ..master.baca import muat_master

    if (triwulan is None) == (semester is None):
        raise DokumenGagal("Pilih salah satu: triwulan (1–4) atau semester (1–2).")
    if not isinstance(master, Master):
        master = muat_master(master)
    # The report set is one generation (see generasi): all of it replaces the previous set, or none.
    with Generasi(keluar, "laporan") as gen:
        if triwulan is not None:
            tw = periksa_triwulan(triwulan)
            hasil = kumpulkan_triwulan(master, folder, [tw], kemajuan=kemajuan)[tw]
            staged = laporan_triwulan(master, hasil, gen.sementara, template_dir)
        else:
            quarters = triwulan_semester(periksa_semester(semester))
            per_tw = kumpulkan_triwulan(master, folder, list(quarters), kemajuan=kemajuan)
            staged = laporan_semester(master, per_tw, int(semester), gen.sementara, template_dir)
        return gen.pasang([p.name for p in staged])
