"""The year folder (ruang kerja tahunan): one folder per budget year on the shared drive.

This module alone owns its layout and names. ``poskinerja mulai DIR --tahun N`` creates
it; every command run inside it (or given ``--ruang DIR``) finds the master, the
collection folders and its outputs here, the way git finds its repository, so
``status`` reads exactly where the other commands wrote.

    Master Kinerja 2027.xlsx        the master (blank, or carried forward with --dari)
    Panel Kinerja 2027.xlsm         the coordinators' panel (once the master is usable)
    BACA SAYA.txt                   what goes where, in Bahasa Indonesia
    Formulir Kosong/                blank forms per unit (``format``)
    Formulir Terkumpul/TW1 … TW4/   the forms staff return, per quarter
    Keluaran/PK/ (…/disahkan/)      draft and ratified PKs, Register PK
    Keluaran/Rekap/                 recaps and kompilasi manifests
    Keluaran/Laporan/               quarterly and semester reports
    Keluaran/Evaluasi/              Format Evaluasi Internal and its result
    Keluaran/Rekomendasi/           Format Rekomendasi (RTL)
    poskinerja-ruang.json           the marker: which year this folder is
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..berkas.aman import atomic_path, write_bytes_atomic
from ..inti.galat import PoskinerjaGagal

PENANDA = "poskinerja-ruang.json"
TERKUMPUL = "Formulir Terkumpul"
KOSONG = "Formulir Kosong"
KELUARAN = "Keluaran"


class RuangGagal(PoskinerjaGagal):
    """The year folder cannot be created or read (message in Bahasa Indonesia)."""


@dataclass(frozen=True)
class Ruang:
    akar: Path
    tahun: int

    @property
    def penanda(self) -> Path:
        return self.akar / PENANDA

    @property
    def master(self) -> Path:
        return self.akar / f"Master Kinerja {self.tahun}.xlsx"

    @property
    def panel(self) -> Path:
        from ..excel.panel import nama_panel

        return self.akar / nama_panel(self.tahun)

    @property
    def baca_saya(self) -> Path:
        return self.akar / "BACA SAYA.txt"

    @property
    def formulir(self) -> Path:
        return self.akar / KOSONG

    @property
    def terkumpul(self) -> Path:
        return self.akar / TERKUMPUL

    def terkumpul_tw(self, tw: int) -> Path:
        return self.terkumpul / f"TW{tw}"

    @property
    def keluaran(self) -> Path:
        return self.akar / KELUARAN

    @property
    def pk(self) -> Path:
        return self.keluaran / "PK"

    @property
    def pk_final(self) -> Path:
        return self.pk / "disahkan"

    @property
    def rekap(self) -> Path:
        return self.keluaran / "Rekap"

    @property
    def laporan(self) -> Path:
        return self.keluaran / "Laporan"

    @property
    def evaluasi(self) -> Path:
        return self.keluaran / "Evaluasi"

    @property
    def rekomendasi(self) -> Path:
        return self.keluaran / "Rekomendasi"

    def folders(self) -> list[Path]:
        return [self.formulir, *(self.terkumpul_tw(tw) for tw in (1, 2, 3, 4)), self.pk, self.pk_final,
                self.rekap, self.laporan, self.evaluasi, self.rekomendasi]


def cari_ruang(mulai: Path | str | None = None) -> Optional[Ruang]:
    """The year folder holding ``mulai`` (default: the current folder), searching upwards; None outside one."""
    here = Path(mulai or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        marker = folder / PENANDA
        if marker.is_file():
            return baca_ruang(folder)
    return None


def baca_ruang(akar: Path | str) -> Ruang:
    """The year folder ``akar`` (it must hold the marker)."""
    akar = Path(akar).resolve()
    marker = akar / PENANDA
    try:
        tahun = int(json.loads(marker.read_text(encoding="utf-8"))["tahun"])
    except FileNotFoundError:
        raise RuangGagal(f"{akar} bukan ruang kerja poskinerja (tidak ada {PENANDA}); buat dengan "
                         f"poskinerja mulai \"{akar}\" --tahun TAHUN") from None
    except (ValueError, KeyError, TypeError):
        raise RuangGagal(f"Berkas penanda {marker} rusak; isinya harus {{\"tahun\": 2027}}.") from None
    return Ruang(akar, tahun)


def _geser_tahun(value: object, selisih: int) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        try:
            return value.replace(year=value.year + selisih)
        except ValueError:  # 29 February into a common year
            return value.replace(year=value.year + selisih, day=28)
    return value


def bawa_master(lama: Path | str, dest: Path, tahun: int) -> Path:
    """Last year's master carried into ``tahun``: the same units, staff, indicators and targets
    to revise, ``tahun`` set, the Pengaturan dates moved by the same number of years, and every
    ``tanggal_sah`` emptied (this year's PKs are not signed yet)."""
    import openpyxl

    wb = openpyxl.load_workbook(lama)
    try:
        ws = wb["Pengaturan"]
        head = [str(c.value or "").strip().lower() for c in ws[1]]
        kunci, nilai = head.index("kunci") + 1, head.index("nilai") + 1
        lama_tahun = next(int(ws.cell(r, nilai).value) for r in range(2, ws.max_row + 1)
                          if str(ws.cell(r, kunci).value or "").strip().lower() == "tahun")
        for r in range(2, ws.max_row + 1):
            cell = ws.cell(r, nilai)
            if str(ws.cell(r, kunci).value or "").strip().lower() == "tahun":
                cell.value = tahun
            else:
                cell.value = _geser_tahun(cell.value, tahun - lama_tahun)
        ws = wb["ASN"]
        head = [str(c.value or "").strip().lower() for c in ws[1]]
        if "tanggal_sah" in head:
            col = head.index("tanggal_sah") + 1
            for r in range(2, ws.max_row + 1):
                ws.cell(r, col).value = None
    except (KeyError, ValueError, StopIteration, TypeError):
        raise RuangGagal(f"Master {lama} tidak dapat dibawa ke {tahun}: lembar Pengaturan (kunci/nilai, "
                         "baris tahun) atau lembar ASN tidak ditemukan. Periksa dengan: poskinerja "
                         f"periksa-master \"{lama}\"") from None
    with atomic_path(dest) as tmp:
        wb.save(tmp)
    return dest


def _master_kosong(dest: Path, tahun: int) -> Path:
    from ..master.tulis import SETTINGS_DEFAULT, tulis_master

    settings = [{"kunci": k, "nilai": tahun if k == "tahun" else v} for k, v, _ in SETTINGS_DEFAULT]
    return tulis_master(dest, {"Pengaturan": settings})


def teks_baca_saya(ruang: Ruang) -> str:
    r = ruang
    return "\n".join([
        f"RUANG KERJA KINERJA {r.tahun} (poskinerja)",
        "",
        "Folder ini menyimpan seluruh siklus POS Pengumpulan Data Kinerja satu tahun anggaran.",
        "Jalankan perintah poskinerja dari dalam folder ini (atau tambahkan --ruang \"<folder ini>\");",
        "master, folder formulir dan folder keluaran ditemukan sendiri.",
        "",
        f"{r.master.name:<32} master: isi semua lembarnya, lalu: poskinerja periksa-master",
        f"{r.panel.name:<32} panel tombol koordinator (poskinerja panel, setelah master diisi)",
        f"{KOSONG + '/':<32} formulir kosong per unit: poskinerja format",
        f"{TERKUMPUL + '/TW1 … TW4/':<32} simpan formulir yang dikirim ASN di folder triwulannya",
        f"{KELUARAN + '/PK/':<32} draf PK (poskinerja pk) dan PK disahkan (poskinerja pk --final)",
        f"{KELUARAN + '/Rekap/':<32} rekap triwulan: poskinerja kompilasi --triwulan N",
        f"{KELUARAN + '/Laporan/':<32} poskinerja laporan --triwulan N  atau  --semester N",
        f"{KELUARAN + '/Evaluasi/':<32} poskinerja evaluasi --buat, lalu --hitung BERKAS",
        f"{KELUARAN + '/Rekomendasi/':<32} poskinerja rekomendasi",
        f"{PENANDA:<32} penanda ruang kerja (jangan dihapus)",
        "",
        "Jadwal dan kemajuan setiap langkah: poskinerja status",
        "Panduan panel: poskinerja panduan panel",
        "",
    ])


def buat_ruang(akar: Path | str, tahun: int, dari: Path | str | None = None) -> Ruang:
    """Create the year folder ``akar`` for ``tahun``; an existing master, panel or marker is never replaced."""
    if not 2000 <= tahun <= 2100:
        raise RuangGagal(f"Tahun {tahun} tidak masuk akal; tulis tahun anggaran, mis. {dt.date.today().year + 1}.")
    ruang = Ruang(Path(akar).resolve(), tahun)
    if ruang.akar.exists() and not ruang.akar.is_dir():
        raise RuangGagal(f"{ruang.akar} sudah ada dan bukan folder.")
    if ruang.penanda.exists():
        lama = baca_ruang(ruang.akar)
        if lama.tahun != tahun:
            raise RuangGagal(f"{ruang.akar} sudah menjadi ruang kerja tahun {lama.tahun}; "
                             f"buat folder lain untuk tahun {tahun}.")
    for folder in (ruang.akar, *ruang.folders()):
        folder.mkdir(parents=True, exist_ok=True)
    if not ruang.master.exists():
        if dari:
            if Path(dari).resolve() == ruang.master:
                raise RuangGagal("--dari menunjuk ke master ruang kerja ini sendiri; sebutkan master tahun lalu.")
            bawa_master(dari, ruang.master, tahun)
        else:
            _master_kosong(ruang.master, tahun)
    if not ruang.baca_saya.exists():
        write_bytes_atomic(ruang.baca_saya, teks_baca_saya(ruang).replace("\n", "\r\n").encode("utf-8-sig"))
    if not ruang.penanda.exists():
        write_bytes_atomic(ruang.penanda, json.dumps({"tahun": tahun}, indent=1).encode("utf-8"))
    return ruang
