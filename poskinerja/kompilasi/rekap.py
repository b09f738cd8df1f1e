"""Merging the read forms against the master, and tiered aggregation.

Every ASN × indicator of the master yields exactly one ``Data`` row for the
quarter, whatever the files hold: a value that could not be used is a row
with a status and a Temuan, never a dropped row. Capaian is always recomputed
from target and realisasi with the rules in ``model``; cached spreadsheet
values are never trusted.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional

from ..inti import angka
from ..formulir import kontrak as F
from ..formulir import identitas
from ..formulir.kumpul import FormulirTerbaca
from ..formulir.pindai import HasilPindai
from ..inti.model import (ASN, ROMAWI, STATUS_BELUM, STATUS_KEGIATAN, STATUS_KOSONG, STATUS_OK,
                    STATUS_TIDAK_DIUKUR, STATUS_TIDAK_VALID, Indikator, Kegiatan, Master, batasi,
                    serapan)
from ..inti.temuan import Temuan, buat
from ..berkas.xlsx_baca import text

DATA_COLUMNS = ("tahun", "triwulan", "nip", "nama", "kode_unit", "nama_unit", "kode_indikator",
                "indikator", "satuan", "polaritas", "target", "realisasi", "capaian", "predikat",
                "status", "file_sumber",
                # beyond the contract: how each number was produced, and the narrative
                "rumus_capaian", "capaian_dibatasi", "sel_realisasi", "isian_asli", "sasaran",
                "kumulatif", "target_tahun", "bobot", "progres", "kendala", "tindak_lanjut",
                "bukti_dukung",
                # the cascade, so later years can match an indicator whose code changed (riwayat)
                "kode_induk")
# Ministry of Finance absorption checkpoints for satker, % of pagu by quarter end.
SERAPAN_ACUAN = {1: 15.0, 2: 40.0, 3: 60.0, 4: 90.0}
STATUS_KIRIM_TEPAT = "tepat waktu"
STATUS_KIRIM_TERLAMBAT = "terlambat"
STATUS_KIRIM_BELUM = "belum mengumpulkan"
STATUS_KIRIM_KOSONG = "belum mengisi"
STATUS_KIRIM_RUSAK = "berkas rusak"  # sent a file that cannot be read (its name carries the NIP)


@dataclass
class Ringkas:
    """Aggregate of a set of Data rows (one ASN, one unit, or the institute)."""
    indikator_diukur: int = 0
    terisi: int = 0
    rata_capaian: Optional[float] = None  # capped at batas_capaian
    rata_capaian_tanpa_batas: Optional[float] = None
    predikat: str = ""
    jumlah_predikat: dict[str, int] = field(default_factory=dict)
    tidak_dapat_dihitung: int = 0

    @property
    def kelengkapan(self) -> Optional[float]:
        return self.terisi / self.indikator_diukur * 100 if self.indikator_diukur else None


@dataclass
class HasilKompilasi:
    master: Master
    triwulan: int
    folder: str
    data: list[dict[str, Any]]
    pemantauan: list[dict[str, Any]]
    asn: list[dict[str, Any]]  # per-ASN summary and submission status
    unit: list[dict[str, Any]]
    lembaga: dict[str, Any]
    kebutuhan: list[dict[str, Any]]
    temuan: list[Temuan]
    forms: list[FormulirTerbaca]
    skipped: list[tuple[str, str]]

    @property
    def tahun(self) -> int:
        return self.master.pengaturan.tahun

    def jumlah_temuan(self) -> Counter:
        return Counter(t.kode for t in self.temuan)


def _saved(form: FormulirTerbaca) -> dt.datetime:
    return dt.datetime.fromtimestamp(form.mtime)


def _choose_forms(master: Master, forms: list[FormulirTerbaca], temuan: list[Temuan]
                  ) -> dict[str, FormulirTerbaca]:
    """One usable form per NIP of the master: the most recently saved among those whose
    identity agrees (``identitas``), else the most recently saved."""
    by_nip: dict[str, list[FormulirTerbaca]] = defaultdict(list)
    tahun = master.pengaturan.tahun
    acuan = identitas.AcuanSidik(master)
    suspect: set[str] = set()
    for form in forms:
        temuan.extend(form.temuan)
        if not form.usable:
            continue
        mismatches = identitas.periksa(form, acuan)
        temuan.extend(mismatches)
        suspect |= identitas.tidak_cocok(mismatches)
        if form.tahun != tahun:
            temuan.append(buat("TAHUN_BERBEDA", nip=form.nip, file=form.relpath,
                               tahun_formulir=form.tahun, tahun=tahun))
        elif form.nip not in master.asn:
            temuan.append(buat("NIP_TIDAK_DIKENAL", nip=form.nip, file=form.relpath))
        else:
            by_nip[form.nip].append(form)
    chosen = {}
    for nip, candidates in by_nip.items():
        candidates.sort(key=lambda f: identitas.urutan_pilih(f, suspect), reverse=True)
        chosen[nip] = candidates[0]
        if len(candidates) > 1:
            passed_over = any(c.relpath in suspect and c.mtime > candidates[0].mtime for c in candidates)
            dasar = ("yang terakhir disimpan di antara formulir yang identitasnya cocok" if passed_over
                     else "yang terakhir disimpan")
            for other in candidates:
                temuan.append(buat("DUPLIKAT", nip=nip, file=other.relpath, jumlah=len(candidates),
                                   dasar=dasar,
                                   dipakai=candidates[0].relpath,
                                   diabaikan=", ".join(c.relpath for c in candidates[1:])))
    return chosen


def _same(a: Any, b: Any) -> bool:
    if isinstance(b, float) or isinstance(a, float):
        pa, pb = angka.parse(a), angka.parse(b)
        return pa.nilai == pb.nilai or (pa.nilai is not None and pb.nilai is not None
                                        and abs(pa.nilai - pb.nilai) <= 1e-9 * max(1, abs(pb.nilai)))
    return text(a) == text(b)


def _check_prefill(form: FormulirTerbaca, lembar, kode: str, expected: dict[str, Any],
                   temuan: list[Temuan]) -> None:
    for header, want in expected.items():
        got = lembar.value(kode, header)
        if not _same(got, want):
            temuan.append(buat("PRAISI_DIUBAH", nip=form.nip, file=form.relpath, sheet=lembar.name,
                               sel=lembar.ref(kode, header), kolom=header,
                               isi_formulir=text(got), isi_master=text(want)))


def _realisasi(form: FormulirTerbaca, lembar, kode: str, header: str, label: str,
               temuan: list[Temuan], percent_unit: bool = False) -> tuple[Optional[float], str, str]:
    """(value, status, raw) of one input cell, reporting what cannot be used."""
    raw_value = lembar.value(kode, header)
    parsed = angka.parse(raw_value)
    ref = lembar.ref(kode, header)
    raw = parsed.mentah or text(raw_value)
    if parsed.status == angka.TIDAK_VALID or (parsed.nilai is not None and parsed.nilai < 0):
        saran = ""
        if parsed.alasan:  # a number, but absurd (inf, 1e308, 400 digits)
            saran = f"; di luar batas wajar ({parsed.alasan})"
        elif isinstance(raw_value, str) and "." in raw_value and "," not in raw_value:
            saran = "; gunakan koma untuk desimal (mis. 85,5)"
        elif parsed.nilai is not None:
            saran = "; nilai tidak boleh negatif"
        temuan.append(buat("NILAI_TIDAK_VALID", nip=form.nip, file=form.relpath, sheet=lembar.name,
                           sel=ref, mentah=raw, kolom=label, saran=saran))
        return None, STATUS_TIDAK_VALID, raw
    value = parsed.nilai
    if percent_unit and ref in form.persen and value is not None:
        value = value * 100
        temuan.append(buat("NILAI_PERSEN", nip=form.nip, file=form.relpath, sheet=lembar.name,
                           sel=ref, mentah=f"{angka.format_id(parsed.nilai, 4)} berformat %",
                           nilai=angka.format_id(value, 4)))
    return value, (STATUS_OK if value is not None else STATUS_KOSONG), raw


def _data_row(master: Master, asn: ASN, ind: Indikator, tw: int,
              form: Optional[FormulirTerbaca], temuan: list[Temuan]) -> dict[str, Any]:
    unit = master.unit.get(asn.kode_unit)
    rule = master.rule(ind)
    target = ind.target(tw)
    row = {"tahun": master.pengaturan.tahun, "triwulan": tw, "nip": asn.nip, "nama": asn.nama,
           "kode_unit": asn.kode_unit, "nama_unit": unit.nama if unit else "",
           "kode_indikator": ind.kode, "indikator": ind.indikator, "satuan": ind.satuan,
           "polaritas": ind.polaritas, "target": target, "realisasi": None, "capaian": None,
           "predikat": "", "status": "", "file_sumber": form.relpath if form else "",
           "rumus_capaian": rule.rumus, "capaian_dibatasi": None, "sel_realisasi": "",
           "isian_asli": "", "sasaran": ind.sasaran, "kumulatif": "ya" if ind.kumulatif else "tidak",
           "target_tahun": ind.target_tahun, "bobot": ind.bobot, "progres": "", "kendala": "",
           "tindak_lanjut": "", "bukti_dukung": "", "kode_induk": ind.kode_induk}
    lembar = form.pengukuran if form else None
    if lembar is not None and ind.kode in lembar.rows:
        header = F.P_REALISASI[tw - 1]
        row["sel_realisasi"] = f"{lembar.name}!{lembar.ref(ind.kode, header)}"
        _check_prefill(form, lembar, ind.kode, {
            "Indikator Kinerja": ind.indikator, "Target Tahun": ind.target_tahun,
            **{h: t for h, t in zip(F.P_TARGET, ind.target_tw)}}, temuan)
        suffix = f" TW {ROMAWI[tw]}"
        row["progres"] = text(lembar.value(ind.kode, F.NARASI[0] + suffix))
        row["kendala"] = text(lembar.value(ind.kode, F.NARASI[1] + suffix))
        row["tindak_lanjut"] = text(lembar.value(ind.kode, F.NARASI[2] + suffix))
        row["bukti_dukung"] = text(lembar.value(ind.kode, "Bukti Dukung"))
    if target is None:
        row["status"] = STATUS_TIDAK_DIUKUR
        return row
    if form is None:
        row["status"] = STATUS_BELUM
        return row
    if lembar is None or ind.kode not in lembar.rows:
        temuan.append(buat("INDIKATOR_HILANG", nip=asn.nip, file=form.relpath,
                           sheet=F.SHEET_PENGUKURAN, kode_indikator=ind.kode))
        row["status"] = STATUS_KOSONG
        return row
    value, status, raw = _realisasi(form, lembar, ind.kode, F.P_REALISASI[tw - 1],
                                    F.P_REALISASI[tw - 1], temuan, percent_unit=ind.satuan == "%")
    row["isian_asli"] = raw
    row["status"] = status
    if status == STATUS_KOSONG:
        temuan.append(buat("NILAI_KOSONG", nip=asn.nip, file=form.relpath, sheet=lembar.name,
                           sel=lembar.ref(ind.kode, F.P_REALISASI[tw - 1]), tw=ROMAWI[tw],
                           indikator=ind.indikator))
    if status == STATUS_OK:
        row["realisasi"] = value
        row["capaian"] = rule.compute(target, value)
        row["capaian_dibatasi"] = batasi(row["capaian"], master.pengaturan.batas_capaian)
        row["predikat"] = master.skala.untuk(row["capaian"])
    return row


def _kegiatan_row(master: Master, asn: ASN, keg: Kegiatan, tw: int,
                  form: Optional[FormulirTerbaca], temuan: list[Temuan]) -> dict[str, Any]:
    unit = master.unit.get(asn.kode_unit)
    row = {"tahun": master.pengaturan.tahun, "triwulan": tw, "nip": asn.nip, "nama": asn.nama,
           "kode_unit": asn.kode_unit, "nama_unit": unit.nama if unit else "",
           "kode_kegiatan": keg.kode, "program": keg.program, "kegiatan": keg.kegiatan,
           "output": keg.output, "satuan_output": keg.satuan_output,
           "target_output": keg.target_output_tw[tw - 1], "realisasi_output": None, "pagu": keg.pagu,
           "realisasi_anggaran": None, "serapan": None, "serapan_acuan": SERAPAN_ACUAN[tw],
           "di_bawah_acuan": "", "status_kegiatan": "", "kendala": "", "tindak_lanjut": "",
           "batas_waktu_tl": "", "penanggung_jawab_tl": "", "status": STATUS_BELUM if form is None else "",
           "file_sumber": form.relpath if form else ""}
    lembar = form.pemantauan if form else None
    if form is None:
        return row
    if lembar is None or keg.kode not in lembar.rows:
        row["status"] = STATUS_KOSONG
        return row
    _check_prefill(form, lembar, keg.kode, {"Kegiatan": keg.kegiatan, F.K_PAGU[0]: keg.pagu}, temuan)
    output, status, _ = _realisasi(form, lembar, keg.kode, F.K_REALISASI[tw - 1], F.K_REALISASI[tw - 1],
                                   temuan)
    row["realisasi_output"] = output
    spent, any_invalid = 0.0, status == STATUS_TIDAK_VALID
    filled = False
    for q in range(1, tw + 1):  # absorption is to date: the quarters' spending adds up
        value, st, _ = _realisasi(form, lembar, keg.kode, F.K_ANGGARAN[q - 1], F.K_ANGGARAN[q - 1], temuan)
        any_invalid |= st == STATUS_TIDAK_VALID
        if value is not None:
            spent, filled = spent + value, True
    row["realisasi_anggaran"] = spent if filled else None
    row["serapan"] = serapan(keg.pagu, row["realisasi_anggaran"])
    if row["serapan"] is not None and row["serapan"] < SERAPAN_ACUAN[tw]:
        row["di_bawah_acuan"] = "ya"
    suffix = f" TW {ROMAWI[tw]}"
    status_text = text(lembar.value(keg.kode, "Status" + suffix))
    if status_text and status_text.lower() not in {s.lower() for s in STATUS_KEGIATAN}:
        temuan.append(buat("STATUS_TIDAK_VALID", nip=asn.nip, file=form.relpath, sheet=lembar.name,
                           sel=lembar.ref(keg.kode, "Status" + suffix), mentah=status_text,
                           pilihan=", ".join(STATUS_KEGIATAN)))
    row["status_kegiatan"] = status_text
    row["kendala"] = text(lembar.value(keg.kode, "Kendala" + suffix))
    row["tindak_lanjut"] = text(lembar.value(keg.kode, "Solusi/Tindak Lanjut" + suffix))
    deadline = lembar.value(keg.kode, F.K_TAIL[0])
    row["batas_waktu_tl"] = angka.parse_tanggal(deadline) or text(deadline)
    row["penanggung_jawab_tl"] = text(lembar.value(keg.kode, F.K_TAIL[1]))
    row["status"] = (STATUS_TIDAK_VALID if any_invalid else
                     STATUS_OK if filled or output is not None or status_text else STATUS_KOSONG)
    return row


def ringkas(master: Master, rows: list[dict[str, Any]]) -> Ringkas:
    """Mean capaian (capped, weighted by bobot where given) and counts per predikat."""
    result = Ringkas()
    weighted = capped_sum = raw_sum = 0.0
    counts = Counter()
    for row in rows:
        if row["status"] == STATUS_TIDAK_DIUKUR:
            continue
        result.indikator_diukur += 1
        if row["status"] != STATUS_OK:
            continue
        result.terisi += 1
        if row["capaian"] is None:
            result.tidak_dapat_dihitung += 1
            continue
        weight = row["bobot"] if row["bobot"] else 1.0
        weighted += weight
        capped_sum += weight * row["capaian_dibatasi"]
        raw_sum += weight * row["capaian"]
        counts[row["predikat"]] += 1
    if weighted:
        result.rata_capaian = capped_sum / weighted
        result.rata_capaian_tanpa_batas = raw_sum / weighted
        result.predikat = master.skala.untuk(result.rata_capaian)
    result.jumlah_predikat = {name: counts.get(name, 0) for name in master.skala.nama}
    return result


def _summary_fields(master: Master, s: Ringkas) -> dict[str, Any]:
    return {"indikator_diukur": s.indikator_diukur, "terisi": s.terisi,
            "kelengkapan": s.kelengkapan, "rata_capaian": s.rata_capaian,
            "rata_capaian_tanpa_batas": s.rata_capaian_tanpa_batas, "predikat": s.predikat,
            "tidak_dapat_dihitung": s.tidak_dapat_dihitung,
            **{f"jumlah_{name}": n for name, n in s.jumlah_predikat.items()}}


def _money(rows: list[dict[str, Any]], tw: int) -> dict[str, Any]:
    pagu = sum(r["pagu"] for r in rows)
    spent = [r["realisasi_anggaran"] for r in rows if r["realisasi_anggaran"] is not None]
    total = sum(spent) if spent else None
    statuses = Counter(r["status_kegiatan"] for r in rows if r["status_kegiatan"])
    return {"jumlah_kegiatan": len(rows), "pagu": pagu, "realisasi_anggaran": total,
            "serapan": serapan(pagu, total), "serapan_acuan": SERAPAN_ACUAN[tw],
            **{f"kegiatan_{s.lower().replace(' ', '_')}": statuses.get(s, 0) for s in STATUS_KEGIATAN}}


def gabung(master: Master, triwulan: int, forms: list[FormulirTerbaca], pindai: HasilPindai,
           folder: str = "") -> HasilKompilasi:
    """Merge read forms into the tiered recap of one quarter."""
    temuan: list[Temuan] = []
    chosen = _choose_forms(master, forms, temuan)
    deadline = master.pengaturan.batas_tw[triwulan - 1]
    # Unreadable files attributed by the NIP in their name: their senders did send something.
    rusak = {f.nip_berkas: f for f in forms if not f.usable and f.nip_berkas and not f.nip}
    data, pemantauan, per_asn = [], [], []
    for asn in master.asn.values():
        form = chosen.get(asn.nip)
        before = len(temuan)
        rows = [_data_row(master, asn, ind, triwulan, form, temuan) for ind in master.indikator.get(asn.nip, [])]
        kegiatan = [_kegiatan_row(master, asn, k, triwulan, form, temuan)
                    for k in master.kegiatan.get(asn.nip, [])]
        unit = master.unit.get(asn.kode_unit)
        summary = ringkas(master, rows)
        if form is None and asn.nip in rusak:
            kirim = STATUS_KIRIM_RUSAK  # its FILE_RUSAK finding already names the file and the NIP
        elif form is None:
            kirim = STATUS_KIRIM_BELUM
            temuan.append(buat("BELUM_MENGUMPULKAN", nip=asn.nip, nama=asn.nama,
                               unit=unit.nama if unit else asn.kode_unit))
        elif summary.indikator_diukur and not summary.terisi:
            # a yearly form returned in an earlier quarter, nothing filled for this one
            kirim = STATUS_KIRIM_KOSONG
        elif deadline and _saved(form).date() > deadline:
            kirim = STATUS_KIRIM_TERLAMBAT
            temuan.append(buat("TERLAMBAT", nip=asn.nip, file=form.relpath,
                               disimpan=_saved(form).strftime("%d/%m/%Y %H:%M"), tw=ROMAWI[triwulan],
                               batas=angka.format_tanggal(deadline)))
        else:
            kirim = STATUS_KIRIM_TEPAT
        if form is not None:
            _report_unknown_rows(master, asn, form, temuan)
        data.extend(rows)
        pemantauan.extend(kegiatan)
        per_asn.append({"nip": asn.nip, "nama": asn.nama, "jabatan": asn.jabatan,
                        "kode_unit": asn.kode_unit, "nama_unit": unit.nama if unit else "",
                        "status_pengumpulan": kirim,
                        "file": form.relpath if form else rusak[asn.nip].relpath if asn.nip in rusak else "",
                        "disimpan": _saved(form) if form else None,
                        "jumlah_temuan": len(temuan) - before,
                        **_summary_fields(master, summary)})
    units = []
    for kode, unit in master.unit.items():
        rows = [r for r in data if r["kode_unit"] == kode]
        members = [a for a in per_asn if a["kode_unit"] == kode]
        units.append({"kode_unit": kode, "nama_unit": unit.nama, "jenis": unit.jenis,
                      **_submission(members), **_summary_fields(master, ringkas(master, rows)),
                      **_money([r for r in pemantauan if r["kode_unit"] == kode], triwulan)})
    lembaga = {"nama": master.pengaturan.nama_lembaga, **_submission(per_asn),
               **_summary_fields(master, ringkas(master, data)), **_money(pemantauan, triwulan)}
    return HasilKompilasi(master, triwulan, folder, data, pemantauan, per_asn, units, lembaga,
                          _kebutuhan(master, data, pemantauan), _sorted(temuan), forms, pindai.skipped)


def _report_unknown_rows(master: Master, asn: ASN, form: FormulirTerbaca, temuan: list[Temuan]) -> None:
    """Rows in the form that the master does not know are listed, never silently dropped."""
    for lembar, items in ((form.pengukuran, master.indikator), (form.pemantauan, master.kegiatan)):
        if not lembar:
            continue
        known = {item.kode for item in items.get(asn.nip, [])}
        for kode in lembar.rows:
            if kode not in known:
                temuan.append(buat("INDIKATOR_TIDAK_DIKENAL", nip=asn.nip, file=form.relpath,
                                   sheet=lembar.name, sel=lembar.ref(kode, "Kode"), kode_indikator=kode))


def _submission(members: list[dict[str, Any]]) -> dict[str, Any]:
    counts = Counter(m["status_pengumpulan"] for m in members)
    total = len(members)
    on_time = counts.get(STATUS_KIRIM_TEPAT, 0)
    return {"jumlah_asn": total, "tepat_waktu": on_time,
            "terlambat": counts.get(STATUS_KIRIM_TERLAMBAT, 0),
            "belum_mengisi": counts.get(STATUS_KIRIM_KOSONG, 0),
            "belum_mengumpulkan": counts.get(STATUS_KIRIM_BELUM, 0),
            "ketepatan_waktu": on_time / total * 100 if total else None}


def _kebutuhan(master: Master, data: list[dict], pemantauan: list[dict]) -> list[dict[str, Any]]:
    """The SOP's *Daftar kebutuhan data kinerja*: what still lacks data, and from whom."""
    needed = []
    for row in data:
        if row["status"] in (STATUS_BELUM, STATUS_KOSONG, STATUS_TIDAK_VALID):
            needed.append({"kode_unit": row["kode_unit"], "nama_unit": row["nama_unit"], "jenis": "indikator",
                           "kode": row["kode_indikator"], "uraian": row["indikator"], "nip": row["nip"],
                           "nama": row["nama"], "status": row["status"], "file_sumber": row["file_sumber"]})
    for row in pemantauan:
        if row["status"] in (STATUS_BELUM, STATUS_KOSONG, STATUS_TIDAK_VALID):
            needed.append({"kode_unit": row["kode_unit"], "nama_unit": row["nama_unit"], "jenis": "kegiatan",
                           "kode": row["kode_kegiatan"], "uraian": row["kegiatan"], "nip": row["nip"],
                           "nama": row["nama"], "status": row["status"], "file_sumber": row["file_sumber"]})
    return sorted(needed, key=lambda r: (r["kode_unit"], r["nip"], r["jenis"], r["kode"]))


def _sorted(temuan: list[Temuan]) -> list[Temuan]:
    """Deterministic order, so re-runs give identical outputs."""
    return sorted(dict.fromkeys(temuan), key=lambda t: (t.file, t.sheet, t.sel, t.kode, t.nip, t.pesan))
