"""The SOP tracker: the seven steps with their planned windows (in working
days, from ``Pengaturan``), the evidence found on disk, and per step whether
it is done, running, late or not started — with who or which unit is missing.

Evidence: draft PKs (``PK <NIP> - …docx``), ratification dates in the master,
the returned forms per quarter, kompilasi manifests, semester reports, the
evaluation result and the Format Rekomendasi, all searched under one output
folder.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..inti.kalender import tambah_hari_kerja
from ..inti.model import ROMAWI, Master
from ..kompilasi.rekap import STATUS_KIRIM_TERLAMBAT, HasilKompilasi

SELESAI, BERJALAN, TERLAMBAT, BELUM_MULAI = "selesai", "berjalan", "terlambat", "belum mulai"
SELESAI_TERLAMBAT = "selesai terlambat"  # done, but after the window: the SOP's time standard was missed
PELAKSANA = {1: "Seluruh ASN", 2: "Kasubbag TU dan Kepala", 3: "Seluruh ASN",
             4: "Tim Perencanaan dan Koordinator SAKIP", 5: "Seluruh ASN", 6: "Tim SPI",
             7: "Tim Perencanaan dan Koordinator SAKIP"}
_PK_FILE = re.compile(r"^PK (\d{18})\b.*\.docx$", re.IGNORECASE)


@dataclass
class Langkah:
    nomor: int
    uraian: str
    mulai: dt.date
    selesai: dt.date  # planned end
    status: str = BELUM_MULAI
    bukti: str = ""
    kurang: list[str] = field(default_factory=list)  # who or which unit is missing

    @property
    def pelaksana(self) -> str:
        return PELAKSANA[self.nomor]


def _after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def _status(done: bool, mulai: dt.date, selesai: dt.date, today: dt.date,
            finished: Optional[dt.date] = None) -> str:
    """``finished``: when the evidence shows the step was completed, if known."""
    if done:
        return SELESAI_TERLAMBAT if finished and finished > selesai else SELESAI
    if today < mulai:
        return BELUM_MULAI
    return BERJALAN if today <= selesai else TERLAMBAT


def _files(root: Optional[Path], pattern: str) -> list[Path]:
    return sorted(root.rglob(pattern)) if root and root.exists() else []


def _saved(files: list[Path]) -> Optional[dt.date]:
    """The day the last of ``files`` was saved (when a step's evidence was complete)."""
    return max((dt.date.fromtimestamp(f.stat().st_mtime) for f in files), default=None)


def _who(master: Master, nips) -> list[str]:
    return [f"{master.asn[n].nama} ({master.asn[n].kode_unit})" for n in nips]


def jadwal_pk(master: Master) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """Steps 1–2 windows: drafting the PKs (5 working days from the budget year's start),
    then ratifying them (the next 5 working days)."""
    p = master.pengaturan
    start = p.tanggal_mulai_anggaran or dt.date(p.tahun, 1, 2)
    end1 = tambah_hari_kerja(start, 5, master.libur)
    start2 = _after(end1)
    return start, end1, start2, tambah_hari_kerja(start2, 5, master.libur)


def lacak(master: Master, per_tw: dict[int, HasilKompilasi], keluaran: Optional[Path],
          hari_ini: Optional[dt.date] = None) -> list[Langkah]:
    """The tracker rows, steps 1–7 (step 3 and 4 once per quarter, step 5 per semester)."""
    p = master.pengaturan
    libur = master.libur
    today = hari_ini or dt.date.today()
    start, end1, start2, end2 = jadwal_pk(master)
    rows: list[Langkah] = []

    drafts: dict[str, Path] = {}
    for f in _files(keluaran, "PK *.docx"):  # the first draft of each person counts
        if (m := _PK_FILE.match(f.name)) and (m.group(1) not in drafts or
                                              f.stat().st_mtime < drafts[m.group(1)].stat().st_mtime):
            drafts[m.group(1)] = f
    missing = [n for n in master.asn if n not in drafts]
    rows.append(Langkah(1, "Menyusun dokumen Perjanjian Kinerja", start, end1,
                        _status(not missing, start, end1, today, _saved(list(drafts.values()))),
                        f"{len(master.asn) - len(missing)} dari {len(master.asn)} draf PK", _who(master, missing)))

    unsigned = [n for n, a in master.asn.items() if a.tanggal_sah is None]
    late_signed = [n for n, a in master.asn.items() if a.tanggal_sah and a.tanggal_sah > end2]
    signed = max((a.tanggal_sah for a in master.asn.values() if a.tanggal_sah), default=None)
    step2 = Langkah(2, "Mengesahkan PK", start2, end2, _status(not unsigned, start2, end2, today, signed),
                    f"{len(master.asn) - len(unsigned)} PK disahkan"
                    + (f", {len(late_signed)} melewati jadwal" if late_signed else ""), _who(master, unsigned))
    rows.append(step2)

    manifests = {}
    for f in _files(keluaran, f"kompilasi-{p.tahun}-TW*.json"):
        m = re.search(r"TW(\d)", f.name)
        try:
            manifests[int(m.group(1))] = dt.datetime.fromisoformat(json.loads(f.read_text("utf-8"))["waktu"])
        except (ValueError, KeyError, AttributeError):
            continue
    kompilasi_end: dict[int, dt.date] = {}
    for tw in (1, 2, 3, 4):
        q_start = dt.date(p.tahun, 3 * tw - 2, 1)
        q_end = dt.date(p.tahun, 3 * tw, 31 if tw in (1, 4) else 30)
        deadline = p.batas_tw[tw - 1] or tambah_hari_kerja(_after(q_end), 5, libur)
        hasil = per_tw.get(tw)
        not_in = [a["nip"] for a in hasil.asn if not a["terisi"] and a["indikator_diukur"]] if hasil else list(master.asn)
        late = [a["nip"] for a in hasil.asn if a["status_pengumpulan"] == STATUS_KIRIM_TERLAMBAT] if hasil else []
        rows.append(Langkah(3, f"Pengukuran kinerja dan pemantauan TW {ROMAWI[tw]}", q_start, deadline,
                            _status(hasil is not None and not not_in, q_start, deadline, today,
                                    _after(deadline) if late else None),
                            f"{len(master.asn) - len(not_in)} dari {len(master.asn)} ASN mengisi"
                            + (f", {len(late)} terlambat" if late else ""),
                            _who(master, not_in) or _who(master, late)))
        k_start = _after(deadline)
        k_end = tambah_hari_kerja(k_start, 5, libur)
        kompilasi_end[tw] = k_end
        ran = manifests.get(tw)
        rows.append(Langkah(4, f"Kompilasi hasil TW {ROMAWI[tw]} (draf laporan berjenjang)", k_start, k_end,
                            _status(ran is not None, k_start, k_end, today, ran.date() if ran else None),
                            f"kompilasi {ran:%d/%m/%Y %H:%M}" if ran else "belum ada manifest kompilasi",
                            [] if ran else ["Tim Perencanaan"]))
    report_end = {}
    for semester, tw in ((1, 2), (2, 4)):
        s_start = _after(kompilasi_end[tw])
        s_end = tambah_hari_kerja(s_start, 10, libur)  # 2 weeks
        report_end[semester] = s_end
        # this year's only: an archive of earlier years may sit inside the output folder
        found = [f for f in _files(keluaran, f"*Semester {semester}*.docx") if str(p.tahun) in f.name]
        units_done = {u for u in master.unit if any(u in f.name or master.unit[u].nama in f.name for f in found)}
        institute = any("Lembaga" in f.name or master.pengaturan.nama_lembaga in f.name for f in found)
        missing_units = [f"{master.unit[u].nama}" for u in master.unit if u not in units_done]
        if not institute:
            missing_units.insert(0, "Laporan lembaga")
        rows.append(Langkah(5, f"Menyusun laporan kinerja Semester {semester}", s_start, s_end,
                            _status(bool(found) and not missing_units, s_start, s_end, today, _saved(found)),
                            f"{len(found)} dokumen laporan semester", missing_units if found else ["semua unit"]))
    e_start = _after(report_end[2])
    e_end = tambah_hari_kerja(e_start, 5, libur)
    evaluated = _files(keluaran, f"Hasil Evaluasi Internal {p.tahun}*.docx")
    rows.append(Langkah(6, "Evaluasi internal (pengawasan)", e_start, e_end,
                        _status(bool(evaluated), e_start, e_end, today, _saved(evaluated[:1])),
                        evaluated[0].name if evaluated else "belum ada hasil evaluasi",
                        [] if evaluated else ["Tim SPI"]))
    r_start = _after(e_end)
    r_end = tambah_hari_kerja(r_start, 3, libur)
    rtl = _files(keluaran, f"Format Rekomendasi {p.tahun}*.xlsx")
    rows.append(Langkah(7, "Menyusun RTL / rekomendasi tahun berikutnya", r_start, r_end,
                        _status(bool(rtl), r_start, r_end, today, _saved(rtl[:1])),
                        rtl[0].name if rtl else "belum ada rekomendasi",
                        [] if rtl else ["Tim Perencanaan"]))
    return rows
