"""Simulating staff who fill their forms, for the demo and the benchmarks.

Filling goes through openpyxl and a save, as a person's spreadsheet program
would, into a copy: the generated form is never modified. The mistakes are
the ones coordinators meet every quarter.
"""
from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import openpyxl

from ..formulir import kontrak as F
from ..inti.model import ROMAWI, Master

KENDALA = ("Jadwal sekolah bentrok dengan asesmen nasional", "Data dari dinas terlambat diterima",
           "Anggaran perjalanan dinas belum cair", "Narasumber berhalangan hadir",
           "Aplikasi pendataan sering gangguan")
TINDAK_LANJUT = ("Menjadwalkan ulang kunjungan", "Berkoordinasi dengan dinas pendidikan",
                 "Mengajukan revisi anggaran", "Melaksanakan kegiatan secara daring",
                 "Melaporkan gangguan ke Pusdatin")


def header_map(ws) -> dict[str, int]:
    """Header text → 1-based column, from a form sheet's header row."""
    return {c.value: c.column for c in ws[F.HEADER_ROW + 1] if c.value}


def row_of(ws, kode: str) -> int:
    """1-based row of the line whose ``Kode`` is ``kode``."""
    col = header_map(ws)["Kode"]
    for r in range(F.HEADER_ROW + 2, ws.max_row + 1):
        if ws.cell(r, col).value == kode:
            return r
    raise KeyError(kode)


def isi_formulir(src: Path, dest: Optional[Path] = None,
                 pengukuran: Optional[dict[tuple[str, str], Any]] = None,
                 pemantauan: Optional[dict[tuple[str, str], Any]] = None) -> Path:
    """Write values by (kode, header) into a copy of a form and save it.

    e.g. ``pengukuran={("A-01", "Realisasi TW I"): 9}``; ``dest`` defaults to ``src``.
    """
    wb = openpyxl.load_workbook(src)
    for sheet, values in ((F.SHEET_PENGUKURAN, pengukuran), (F.SHEET_PEMANTAUAN, pemantauan)):
        if not values:
            continue
        ws = wb[sheet]
        cols = header_map(ws)
        for (kode, header), value in values.items():
            ws.cell(row_of(ws, kode), cols[header]).value = value
    dest = Path(dest or src)
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest


@dataclass
class Skenario:
    """What the simulation did, so the demo can say it."""
    diisi: list[Path] = field(default_factory=list)
    tidak_mengumpulkan: list[str] = field(default_factory=list)
    terlambat: list[str] = field(default_factory=list)
    kesalahan: list[str] = field(default_factory=list)


def _values(master: Master, nip: str, sampai: int, seed: int) -> tuple[dict, dict]:
    """What ``nip`` reports for quarters 1..``sampai`` (a yearly form keeps earlier quarters).

    Each quarter's numbers depend only on seed, NIP and quarter, so the TW II
    copy of a form repeats exactly what the TW I copy said.
    """
    pengukuran, pemantauan = {}, {}
    for q in range(1, sampai + 1):
        p, k = _quarter_values(master, nip, q, random.Random(f"{seed}-{nip}-{q}"))
        pengukuran.update(p)
        pemantauan.update(k)
    return pengukuran, pemantauan


def _quarter_values(master: Master, nip: str, triwulan: int, rng: random.Random) -> tuple[dict, dict]:
    pengukuran, pemantauan = {}, {}
    for ind in master.indikator.get(nip, []):
        target = ind.target(triwulan)
        if target is None:
            continue
        if ind.polaritas == "-":
            value = round(target * rng.uniform(0.5, 1.3)) if target else rng.choice([0, 0, 1])
        else:
            value = round(target * rng.uniform(0.55, 1.15), 2)
        suffix = f" TW {ROMAWI[triwulan]}"
        pengukuran[(ind.kode, F.P_REALISASI[triwulan - 1])] = value
        pengukuran[(ind.kode, F.NARASI[0] + suffix)] = f"Kegiatan {ind.indikator.lower()} berjalan"
        if rng.random() < 0.5:
            pengukuran[(ind.kode, F.NARASI[1] + suffix)] = rng.choice(KENDALA)
            pengukuran[(ind.kode, F.NARASI[2] + suffix)] = rng.choice(TINDAK_LANJUT)
        pengukuran[(ind.kode, "Bukti Dukung")] = f"https://drive.lembaga.go.id/bukti/{ind.kode}"
    for keg in master.kegiatan.get(nip, []):
        pemantauan[(keg.kode, F.K_ANGGARAN[triwulan - 1])] = round(keg.pagu * rng.uniform(0.05, 0.3), -3)
        target = keg.target_output_tw[triwulan - 1]
        if target is not None:
            pemantauan[(keg.kode, F.K_REALISASI[triwulan - 1])] = round(target * rng.uniform(0.5, 1.1))
        suffix = f" TW {ROMAWI[triwulan]}"
        pemantauan[(keg.kode, "Status" + suffix)] = rng.choice(("Berjalan", "Berjalan", "Selesai", "Belum mulai"))
        if rng.random() < 0.4:
            pemantauan[(keg.kode, "Kendala" + suffix)] = rng.choice(KENDALA)
            pemantauan[(keg.kode, "Solusi/Tindak Lanjut" + suffix)] = rng.choice(TINDAK_LANJUT)
    return pengukuran, pemantauan


def _first_key(values: dict, header: str, skip: int = 0) -> Optional[tuple[str, str]]:
    keys = [k for k in values if k[1] == header]
    return keys[skip] if len(keys) > skip else None


def simulasi_pengisian(master: Master, forms: list[Path], masuk: Path, triwulan: int = 1,
                       seed: int = 2026, kesalahan: bool = True) -> Skenario:
    """Fill copies of ``forms`` into ``masuk`` as staff would for ``triwulan``
    (quarters before it filled as they were reported then; mistakes only in ``triwulan``).

    With ``kesalahan``: one decimal comma typed as text, one ``%`` typed as
    text, one blank, one text answer, one late file, one person missing and
    one corrupt file. File times are set around the quarter's deadline.
    """
    deadline = master.pengaturan.batas_tw[triwulan - 1] or dt.date(master.pengaturan.tahun, 3 * triwulan, 28)
    on_time = dt.datetime.combine(deadline, dt.time(15, 0)) - dt.timedelta(days=3)
    late = dt.datetime.combine(deadline, dt.time(9, 0)) + dt.timedelta(days=6)
    skenario = Skenario()
    by_nip = {p.name.split(" - ")[0]: p for p in forms}
    people = [nip for nip in master.asn if nip in by_nip]
    mistakes = list(range(7)) if kesalahan else []
    for n, nip in enumerate(people):
        asn = master.asn[nip]
        src = by_nip[nip]
        if kesalahan and n == len(people) - 1:
            skenario.tidak_mengumpulkan.append(asn.nama)
            continue
        pengukuran, pemantauan = _values(master, nip, triwulan, seed)
        header = F.P_REALISASI[triwulan - 1]
        key = _first_key(pengukuran, header)
        if key and mistakes and n in (1, 2, 3, 4):
            kind = {1: "koma", 2: "persen", 3: "kosong", 4: "teks"}[n]
            if kind == "koma":
                pengukuran[key] = f"{pengukuran[key]:.1f}".replace(".", ",")
                skenario.kesalahan.append(f"{asn.nama}: desimal dengan koma ketik teks ({pengukuran[key]})")
            elif kind == "persen":
                pengukuran[key] = f"{round(pengukuran[key])}%"
                skenario.kesalahan.append(f"{asn.nama}: angka dengan tanda % ({pengukuran[key]})")
            elif kind == "kosong":
                del pengukuran[key]
                skenario.kesalahan.append(f"{asn.nama}: realisasi {key[0]} dibiarkan kosong")
            else:
                pengukuran[key] = "sedang diproses"
                skenario.kesalahan.append(f"{asn.nama}: jawaban teks \"sedang diproses\"")
        dest = masuk / src.parent.name / src.name
        isi_formulir(src, dest, pengukuran, pemantauan)
        when = on_time - dt.timedelta(hours=n)
        if kesalahan and n == 5:
            when = late
            skenario.terlambat.append(asn.nama)
        os.utime(dest, (when.timestamp(), when.timestamp()))
        skenario.diisi.append(dest)
    if kesalahan and skenario.diisi:
        corrupt = masuk / "rusak" / "formulir terpotong.xlsx"
        corrupt.parent.mkdir(parents=True, exist_ok=True)
        corrupt.write_bytes(skenario.diisi[0].read_bytes()[:4096])
        skenario.kesalahan.append(f"berkas rusak: {corrupt.relative_to(masuk)}")
    return skenario



def penilaian_spi(bukti: dict, seed: int = 2026) -> dict[str, str]:
    """Answers a Tim SPI might give: mostly B/BB/A, lower where the automatic evidence shows gaps."""
    from ..siklus import lke

    rng = random.Random(seed)
    answers = {}
    for k in lke.KRITERIA:
        item = bukti.get(k.bukti_otomatis) if k.bukti_otomatis else None
        weak = bool(item and item.rincian)
        answers[k.kode] = rng.choice(("C", "B", "B")) if weak else rng.choice(("B", "BB", "A", "A"))
    return answers


def isi_evaluasi(path: Path, jawaban: dict[str, str], dest: Optional[Path] = None,
                 kolom: str = "Jawaban Evaluator", catatan: Optional[dict[str, str]] = None) -> Path:
    """Type answers (by criterion code) into a Format Evaluasi Internal workbook, as the evaluator would."""
    from ..siklus.evaluasi import HEADER_ROW

    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    cols = {c.value: c.column for c in ws[HEADER_ROW + 1] if c.value}
    rows = {ws.cell(r, cols["Kode"]).value: r for r in range(HEADER_ROW + 2, ws.max_row + 1)}
    for kode, answer in jawaban.items():
        ws.cell(rows[kode], cols[kolom]).value = answer
    for kode, text in (catatan or {}).items():
        ws.cell(rows[kode], cols["Catatan Evaluator"]).value = text
    dest = Path(dest or path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest
