"""The panel's buttons: xlwings handlers, one per action.

Each handler takes an xlwings ``Book`` (``xw.Book.caller()`` when clicked in
Excel, any engine's book in tests), reads its settings from the named cells of
the ``Panel`` sheet, calls the same library function as the CLI, writes the
result back into the panel and ends with a message box in Bahasa Indonesia.

- Writes are whole 2-D ranges (the remote engine turns each write into one
  action, and COM into one round trip).
- A problem the coordinator can fix ends in a short message box saying what
  went wrong and what to do; nothing ever shows a traceback. Every run, and the
  full detail of every error, is appended to ``poskinerja-panel.log`` beside
  the outputs.
- NIPs are written as text into text-formatted cells: all 18 digits survive.
- xlwings itself is imported only when a handler needs ``Book.caller()``, so
  the panel builder can import the sheet layout from here cheaply.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from ..berkas.aman import uraian_os
from ..siklus.pelacak import BELUM_MULAI, BERJALAN, SELESAI, SELESAI_TERLAMBAT, TERLAMBAT
from ..berkas.xlsx_baca import text as _teks  # a cell value as typed: 2026.0 → "2026"
from ..inti.galat import PoskinerjaGagal

# --- the layout shared with the panel builder (panel.py) ------------------------------------------

SHEET_PANEL = "Panel"
SHEET_STATUS = "Status"
SHEET_RINGKASAN = "Ringkasan"
SHEET_JADWAL = "Jadwal POS"
SHEET_CONF = "xlwings.conf"

# named cells on the Panel sheet: key → (name, label shown beside it, note)
SEL = {
    "master": ("pk_master", "Berkas master", "Lokasi master.xlsx, mis. S:\\SAKIP\\2026\\master.xlsx"),
    "masuk": ("pk_folder_masuk", "Folder formulir terkumpul",
              "Folder berisi formulir yang dikembalikan ASN (boleh bersubfolder TW1..TW4)"),
    "keluar": ("pk_folder_keluar", "Folder keluaran", "Tempat formulir kosong, rekap, laporan dan log ditulis"),
    "tahun": ("pk_tahun", "Tahun", "Harus sama dengan tahun di master"),
    "triwulan": ("pk_triwulan", "Triwulan", "1, 2, 3 atau 4"),
    "semester": ("pk_semester", "Semester", "1 atau 2 (untuk laporan semester; kosong = laporan triwulan)"),
    "unit": ("pk_unit", "Unit (opsional)", "Kode unit; kosong = semua unit (Buat Format, Buat PK)"),
    "nip": ("pk_nip", "NIP (opsional)", "NIP satu ASN; kosong = semua ASN (Buat Format, Buat PK)"),
}
# four cells one under another: tombol, waktu, durasi, hasil of the last run
SEL_TERAKHIR = "pk_terakhir"
LABEL_TERAKHIR = ("Tombol terakhir", "Waktu", "Durasi (detik)", "Hasil")

HEADER_ROW = 3  # 1-based row of the column headers on Status, Ringkasan and Jadwal POS
DATA_ROW = HEADER_ROW + 1

# (header, width, kind) — kind: text, nip, int, num, pct, rupiah, date, datetime
STATUS_KOLOM = (("No", 5, "int"), ("NIP", 21, "nip"), ("Nama", 32, "text"), ("Unit", 28, "text"),
                ("Status", 20, "text"), ("Indikator terisi", 10, "int"), ("Indikator diukur", 10, "int"),
                ("File", 48, "text"), ("Waktu simpan", 17, "datetime"), ("Temuan", 9, "int"))
RINGKASAN_KOLOM = (("Unit", 34, "text"), ("Jenis", 18, "text"), ("Jumlah ASN", 9, "int"),
                   ("Tepat waktu", 9, "int"), ("Terlambat", 9, "int"), ("Belum mengisi", 9, "int"),
                   ("Belum mengumpulkan", 12, "int"), ("Indikator diukur", 10, "int"),
                   ("Indikator terisi", 10, "int"), ("Kelengkapan (%)", 11, "pct"),
                   ("Rata-rata capaian (%)", 11, "pct"), ("Predikat", 14, "text"),
                   ("Pagu (Rp)", 17, "rupiah"), ("Realisasi anggaran (Rp)", 17, "rupiah"),
                   ("Serapan (%)", 10, "pct"))
JADWAL_KOLOM = (("No", 5, "int"), ("Langkah", 48, "text"), ("Pelaksana", 30, "text"), ("Mulai", 12, "date"),
                ("Selesai", 12, "date"), ("Status", 13, "text"), ("Bukti", 40, "text"),
                ("Yang belum", 70, "text"))

# Jadwal POS fill by status (red / amber / green; not started stays unfilled)
WARNA_STATUS = {TERLAMBAT: "#FFC7CE", SELESAI_TERLAMBAT: "#F8CBAD", BERJALAN: "#FFEB9C",
                SELESAI: "#C6EFCE", BELUM_MULAI: None}

LOG_NAME = "poskinerja-panel.log"
JUDUL = "Panel Kinerja"
_MAX_CELL = 32_000  # Excel holds 32,767 characters per cell


class MasalahPanel(PoskinerjaGagal):
    """A problem the coordinator can fix; the message says what and what to do."""


# --- settings ---------------------------------------------------------------------------------------

def _caller():
    import xlwings as xw  # imported here: the panel builder reads this module's layout without it

    return xw.Book.caller()




def _bilangan(value: Any) -> Any:
    """An integer setting; Roman numerals (I–IV) and "TW 2" are accepted, anything else is
    returned as typed for the library's own check to report."""
    from ..inti.argumen import nomor_periode  # the command line reads quarters the same way

    number = nomor_periode(_teks(value))
    return _teks(value) if number is None else number


@dataclass
class Konteks:
    """One click: the book, its settings, and what the run leaves behind."""
    book: Any
    judul: str
    nilai: dict[str, Any] = field(default_factory=dict)
    folder_panel: Optional[Path] = None
    log: Optional[Path] = None

    @classmethod
    def dari(cls, book, judul: str) -> "Konteks":
        ctx = cls(book, judul)
        for key, (name, _label, _note) in SEL.items():
            try:
                ctx.nilai[key] = book.names[name].refers_to_range.value
            except Exception:  # a deleted name: reported when the setting is needed
                ctx.nilai[key] = _HILANG
        try:
            full = Path(str(book.fullname))
            ctx.folder_panel = full.parent if full.is_absolute() else None
        except Exception:
            ctx.folder_panel = None
        return ctx

    def label(self, key: str) -> str:
        return SEL[key][1]

    def _raw(self, key: str, wajib: bool) -> str:
        value = self.nilai.get(key)
        if value is _HILANG:
            if not wajib:
                return ""
            raise MasalahPanel(f"Sel \"{self.label(key)}\" (nama {SEL[key][0]}) tidak ada lagi di lembar Panel. "
                               f"Bangun ulang panel dengan: poskinerja panel --master MASTER --keluar FILE.xlsm")
        text = _teks(value)
        if wajib and not text:
            raise MasalahPanel(f"Sel \"{self.label(key)}\" di lembar Panel masih kosong. "
                               f"Isi dulu ({SEL[key][2]}), lalu klik tombol lagi.")
        return text

    def path(self, key: str, wajib: bool = True) -> Optional[Path]:
        """A path setting; quotes from Windows' "Copy as path" are dropped and a relative
        path is taken from the panel's folder."""
        text = self._raw(key, wajib).strip().strip('"').strip()
        if not text:
            return None
        path = Path(os.path.expandvars(text)).expanduser()
        if not path.is_absolute() and self.folder_panel is not None:
            path = self.folder_panel / path
        return path

    def teks(self, key: str, wajib: bool = False) -> str:
        return self._raw(key, wajib)

    def bilangan(self, key: str, wajib: bool = True) -> Any:
        return _bilangan(self._raw(key, wajib))

    def file_master(self) -> Path:
        path = self.path("master")
        if not path.is_file():
            raise MasalahPanel(f"Berkas master tidak ditemukan:\n{path}\n\nPeriksa sel \"{self.label('master')}\" "
                               f"di lembar Panel (lokasi lengkap berkas .xlsx), lalu klik lagi.")
        return path

    def folder_masuk(self, wajib: bool = True) -> Optional[Path]:
        path = self.path("masuk", wajib)
        if path is not None and not path.is_dir():
            raise MasalahPanel(f"Folder formulir terkumpul tidak ditemukan:\n{path}\n\nPeriksa sel "
                               f"\"{self.label('masuk')}\" di lembar Panel, lalu klik lagi.")
        return path

    def folder_keluar(self, wajib: bool = True) -> Optional[Path]:
        path = self.path("keluar", wajib)
        if path is None:
            return None
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise MasalahPanel(f"Folder keluaran tidak dapat dibuat:\n{path}\n({uraian_os(exc)})\n\n"
                               f"Periksa sel \"{self.label('keluar')}\" dan hak tulis di drive bersama, "
                               "lalu klik lagi.") from exc
        return path

    def master(self):
        """The master, checked against the panel's Tahun."""
        from ..master.baca import baca_master

        path = self.file_master()
        master, temuan = baca_master(path)
        if master is None:
            shown = "\n".join(f"- {t.pesan}" for t in temuan[:3])
            more = f"\n… dan {len(temuan) - 3} masalah lain." if len(temuan) > 3 else ""
            self.catat("Masalah master:\n" + "\n".join(str(t) for t in temuan))
            raise MasalahPanel(f"Master tidak dapat dipakai ({len(temuan)} masalah):\n{shown}{more}\n\n"
                               f"Perbaiki master (atau jalankan: poskinerja periksa-master \"{path}\"), "
                               "lalu klik lagi.")
        tahun = self.bilangan("tahun", wajib=False)
        if tahun not in ("", None) and tahun != master.pengaturan.tahun:
            raise MasalahPanel(f"Tahun di lembar Panel ({tahun}) berbeda dengan tahun di master "
                               f"({master.pengaturan.tahun}). Samakan keduanya, lalu klik lagi.")
        return master

    def triwulan(self) -> int:
        from ..kompilasi.jalan import KompilasiGagal, periksa_triwulan

        try:
            return periksa_triwulan(self.bilangan("triwulan"))
        except KompilasiGagal as exc:
            raise MasalahPanel(f"{exc}\n\nPilih triwulan di sel \"{self.label('triwulan')}\" pada lembar Panel, "
                               "lalu klik lagi.") from None

    def catat(self, text: str) -> None:
        """Append to the log (beside the outputs; else beside the panel; else the temp folder)."""
        for folder in self._log_folders():
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / LOG_NAME
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(text.rstrip("\n") + "\n")
                self.log = path
                return
            except OSError:
                continue

    def _log_folders(self) -> list[Path]:
        folders = []
        try:
            keluar = self.path("keluar", wajib=False)
        except MasalahPanel:
            keluar = None
        if keluar is not None:
            folders.append(keluar)
        if self.folder_panel is not None:
            folders.append(self.folder_panel)
        folders.append(Path(tempfile.gettempdir()))
        return folders


_HILANG = object()


# --- writing ----------------------------------------------------------------------------------------

def _sel(value: Any) -> Any:
    """A value safe to write: text starting with "=" stays text, long text is cut."""
    if isinstance(value, str):
        if value.startswith("="):
            value = "'" + value
        if len(value) > _MAX_CELL:
            value = value[:_MAX_CELL] + " …"
    return value


def _angka(value: Optional[float], decimals: int = 2) -> Any:
    return None if value is None else round(float(value), decimals)


def tulis_tabel(sheet, rows: list[Sequence[Any]], width: int, judul: str,
                kolom_teks: Sequence[int] = ()) -> None:
    """Replace the data rows of a Status-like sheet: title in A1, rows from DATA_ROW.

    A handful of whole-range writes whatever the number of rows: clear the old
    rows, text format on the text columns (NIP), the values, the title.
    """
    try:
        last = sheet.used_range.last_cell.row
    except Exception:
        last = DATA_ROW
    end = max(last, DATA_ROW + len(rows) - 1, DATA_ROW)
    sheet.range((DATA_ROW, 1), (end, width)).clear_contents()
    if rows:
        for col in kolom_teks:
            sheet.range((DATA_ROW, col), (DATA_ROW + len(rows) - 1, col)).number_format = "@"
        sheet.range((DATA_ROW, 1)).value = [[_sel(v) for v in row] + [None] * (width - len(row)) for row in rows]
    sheet.range("A1").value = judul


def baris_status(asn_rows: list[dict[str, Any]]) -> list[list[Any]]:
    """One row per ASN from HasilKompilasi.asn, in STATUS_KOLOM order."""
    return [[i, str(a["nip"]), a["nama"], a["nama_unit"] or a["kode_unit"], a["status_pengumpulan"],
             a["terisi"], a["indikator_diukur"], a["file"] or "", a["disimpan"], a["jumlah_temuan"]]
            for i, a in enumerate(asn_rows, start=1)]


def _baris_ringkasan(nama: str, jenis: str, r: dict[str, Any]) -> list[Any]:
    return [nama, jenis, r["jumlah_asn"], r["tepat_waktu"], r["terlambat"], r["belum_mengisi"],
            r["belum_mengumpulkan"], r["indikator_diukur"], r["terisi"], _angka(r["kelengkapan"]),
            _angka(r["rata_capaian"]) if r["rata_capaian"] is not None else "-", r["predikat"] or "-",
            _angka(r["pagu"], 0), _angka(r["realisasi_anggaran"], 0), _angka(r["serapan"])]


def baris_ringkasan(hasil) -> list[list[Any]]:
    """The institute row, one row per unit, then the Temuan counts per code."""
    from ..inti.temuan import keterangan

    rows = [_baris_ringkasan(f"LEMBAGA: {hasil.lembaga['nama']}", "lembaga", hasil.lembaga)]
    rows += [_baris_ringkasan(u["nama_unit"], u["jenis"], u) for u in hasil.unit]
    counts = dict(sorted(hasil.jumlah_temuan().items()))
    rows += [[], ["Temuan", "Jumlah", "Keterangan"]]
    rows += [[kode, n, keterangan(kode)] for kode, n in counts.items()] or [["(tidak ada temuan)"]]
    return rows


def baris_jadwal(langkah) -> list[list[Any]]:
    rows = []
    for i, r in enumerate(langkah, start=1):
        kurang = ", ".join(r.kurang) if r.status != "selesai" else ""
        rows.append([i, f"{r.nomor}. {r.uraian}", r.pelaksana, r.mulai, r.selesai, r.status, r.bukti, kurang])
    return rows


def _warnai(sheet, statuses: list[str], width: int) -> None:
    """Fill each Jadwal POS row by status: one write per run of equal statuses."""
    if not statuses:
        return
    sheet.range((DATA_ROW, 1), (DATA_ROW + len(statuses) - 1, width)).color = None
    start = 0
    for i in range(1, len(statuses) + 1):
        if i == len(statuses) or statuses[i] != statuses[start]:
            color = WARNA_STATUS.get(statuses[start])
            if color:
                sheet.range((DATA_ROW + start, 1), (DATA_ROW + i - 1, width)).color = color
            start = i


def _tulis_status(book, hasil, judul: str) -> None:
    tulis_tabel(book.sheets[SHEET_STATUS], baris_status(hasil.asn), len(STATUS_KOLOM), judul, kolom_teks=(2,))


def _tulis_ringkasan(book, hasil, judul: str) -> None:
    tulis_tabel(book.sheets[SHEET_RINGKASAN], baris_ringkasan(hasil), len(RINGKASAN_KOLOM), judul)


def _ringkasan(hasil) -> dict:
    """The counts of KeluaranKompilasi.ringkasan(), for a merge that wrote nothing."""
    from ..kompilasi.jalan import KeluaranKompilasi

    return KeluaranKompilasi(hasil, None, None, 0.0).ringkasan()


def _jumlah_lines(r: dict) -> list[str]:
    temuan = sum(r["temuan"].values())
    lines = [f"Formulir dibaca: {r['berkas_dibaca']} (dilewati {r['berkas_dilewati']})",
             f"ASN lengkap: {r['asn_lengkap']} dari {r['asn']}",
             f"ASN belum lengkap: {r['asn_belum_lengkap']}",
             f"ASN belum mengumpulkan: {r['asn_belum_mengumpulkan']}",
             f"Terlambat: {r['terlambat']}",
             f"Temuan: {temuan}"]
    if temuan:
        lines[-1] += " (" + ", ".join(f"{k} {n}" for k, n in r["temuan"].items()) + ")"
    return lines


def _tw_label(tw: int) -> str:
    from ..inti.model import ROMAWI

    return f"TW {ROMAWI[tw]}"


# --- the run of one click ----------------------------------------------------------------------------

@dataclass
class Hasil:
    """What a handler reports: the message box text and the one-line result for the Panel."""
    pesan: str
    singkat: str


def _gagal(ctx: Konteks, exc: BaseException) -> tuple[str, str]:
    """(message box text, one-line result) for an exception, in Bahasa Indonesia."""
    from ..kompilasi.jalan import KompilasiGagal
    from ..master.baca import MasterTidakValid

    if isinstance(exc, MasalahPanel):
        return str(exc), str(exc).splitlines()[0]
    from ..kompilasi.generasi import FolderSedangDipakai

    if isinstance(exc, FolderSedangDipakai):
        return str(exc), "Folder keluaran sedang dipakai proses lain"
    if isinstance(exc, KompilasiGagal):
        return f"{exc}\n\nPeriksa isian di lembar Panel, lalu klik lagi.", str(exc)
    if isinstance(exc, MasterTidakValid):
        return (f"Master tidak dapat dipakai ({len(exc.temuan)} masalah). Perbaiki master, lalu klik lagi.",
                "Master tidak dapat dipakai")
    if isinstance(exc, PoskinerjaGagal):  # the library's own errors carry their message in Bahasa Indonesia
        return f"{exc}\n\nPeriksa isian di lembar Panel, lalu klik lagi.", str(exc).splitlines()[0]
    if isinstance(exc, PermissionError):
        where = exc.filename or ""
        return (f"Berkas atau folder tidak dapat dibuka atau ditulis:\n{where}\n\n"
                "Bila berkas itu sedang terbuka di Excel, tutup dulu. Bila ada di drive bersama, "
                "periksa hak akses folder. Lalu klik lagi.", f"Tidak dapat menulis {where}")
    if isinstance(exc, FileNotFoundError):
        where = exc.filename or ""
        return (f"Berkas atau folder tidak ditemukan:\n{where}\n\nPeriksa isian di lembar Panel, lalu klik lagi.",
                f"Tidak ditemukan: {where}")
    if isinstance(exc, OSError):
        where = exc.filename or ""
        return (f"Masalah saat membaca atau menulis berkas ({uraian_os(exc)}):\n{where}\n\n"
                "Periksa koneksi drive bersama dan ruang disk, lalu klik lagi.", f"Masalah berkas: {where}")
    if isinstance(exc, MemoryError):
        return ("Memori komputer tidak cukup untuk pekerjaan ini. Tutup aplikasi lain, lalu klik lagi.",
                "Memori tidak cukup")
    return (f"Terjadi kesalahan yang tidak terduga ({type(exc).__name__}).\n\n"
            "Rincian sudah dicatat di berkas log. Kirim berkas log itu kepada pengelola poskinerja.",
            f"Kesalahan tidak terduga ({type(exc).__name__})")


def _jalankan(book, judul: str, kerja: Callable[[Konteks], Hasil]) -> Optional[Hasil]:
    """Run one button: settings in, library call, results and a message box out."""
    start = time.perf_counter()
    waktu = dt.datetime.now().replace(microsecond=0)
    if book is None:
        book = _caller()
    ctx = Konteks.dari(book, judul)
    ok = True
    try:
        hasil = kerja(ctx)
        ctx.catat(f"{waktu:%Y-%m-%d %H:%M:%S} {judul}: {hasil.singkat}")
    except Exception as exc:  # every failure ends in a message box, never a traceback
        ok = False
        pesan, singkat = _gagal(ctx, exc)
        setelan = {k: _teks(v) if v is not _HILANG else "(sel hilang)" for k, v in ctx.nilai.items()}
        ctx.catat(f"{waktu:%Y-%m-%d %H:%M:%S} {judul}: GAGAL - {singkat}\n  setelan: {setelan}\n"
                  + "".join("  " + line for line in traceback.format_exception(exc)))
        if ctx.log is not None:
            pesan += f"\n\nRincian: {ctx.log}"
        hasil = Hasil(pesan, f"Gagal: {singkat}")
    durasi = round(time.perf_counter() - start, 2)
    try:
        book.names[SEL_TERAKHIR].refers_to_range.value = [[judul], [waktu], [durasi], [_sel(hasil.singkat)]]
    except Exception:  # a panel without the block still gets its message box
        pass
    book.app.alert(hasil.pesan, f"{JUDUL} - {judul}", mode="info" if ok else "critical")
    return hasil if ok else None


# --- the buttons -------------------------------------------------------------------------------------

def buat_format(book=None):
    """Buat Format: the per-ASN forms (Format Pengukuran + Pemantauan) into the output folder."""
    return _jalankan(book, "Buat Format", _buat_format)


def _pilihan(ctx: Konteks, master) -> tuple[Optional[str], Optional[str]]:
    unit = ctx.teks("unit") or None
    nip = ctx.teks("nip").replace(" ", "") or None
    if problem := master.masalah_pilihan(unit, nip):
        raise MasalahPanel(f"{problem}\n\nPerbaiki sel \"{ctx.label('unit')}\"/\"{ctx.label('nip')}\", atau "
                           "kosongkan keduanya untuk semua ASN, lalu klik lagi.")
    return unit, nip


def _tulis_berkas_dibuat(ctx: Konteks, master, out: Path, judul: str, made: list[tuple[Any, Optional[Path], str]]
                         ) -> None:
    """The Status sheet after a button that writes one file per ASN: (asn, file or None, status)."""
    now = dt.datetime.now().replace(microsecond=0)
    rows = []
    for i, (a, path, status) in enumerate(made, start=1):
        unit_row = master.unit.get(a.kode_unit)
        rows.append([i, a.nip, a.nama, unit_row.nama if unit_row else a.kode_unit,
                     status if path else "tidak dibuat", None, len(master.indikator.get(a.nip, [])),
                     str(path.relative_to(out)) if path else "", now if path else None, 0])
    tulis_tabel(ctx.book.sheets[SHEET_STATUS], rows, len(STATUS_KOLOM),
                f"{judul} dibuat {now:%d/%m/%Y %H:%M} — {out}", kolom_teks=(2,))


def folder_formulir(keluar: Path, tahun: int) -> Path:
    """Where Buat Format writes: ``<Folder keluaran>/Formulir <tahun>``."""
    return keluar / f"Formulir {tahun}"


def _buat_format(ctx: Konteks) -> Hasil:
    from ..formulir.tulis import buat_formulir

    master = ctx.master()
    keluar = ctx.folder_keluar()
    unit, nip = _pilihan(ctx, master)  # refuses a choice that selects nobody
    out = folder_formulir(keluar, master.pengaturan.tahun)
    paths = buat_formulir(master, out, unit=unit, nip=nip)
    by_nip = {p.name.split(" - ")[0]: p for p in paths}
    _tulis_berkas_dibuat(ctx, master, out, f"Formulir {master.pengaturan.tahun}",
                         [(a, by_nip.get(a.nip), "formulir dibuat") for a in master.pilih_asn(unit, nip)])
    pesan = (f"{len(paths)} formulir ditulis ke:\n{out}\n\n"
             "Bagikan formulir kepada ASN masing-masing (satu berkas per ASN); formulir yang sudah diisi "
             "dikumpulkan di folder formulir terkumpul.")
    return Hasil(pesan, f"{len(paths)} formulir ditulis ke {out}")


def kompilasi(book=None):
    """Kompilasi (langkah 4): read, check and merge the forms; write the recap and manifest."""
    return _jalankan(book, "Kompilasi", _kompilasi)


def _kompilasi(ctx: Konteks) -> Hasil:
    from ..kompilasi.jalan import kompilasi as jalankan

    master = ctx.master()
    tw = ctx.triwulan()
    masuk = ctx.folder_masuk()
    keluar = ctx.folder_keluar()
    out = jalankan(master, masuk, tw, keluar, master_path=ctx.file_master())
    h = out.hasil
    r = out.ringkasan()
    stamp = dt.datetime.now()
    _tulis_status(ctx.book, h, f"Status pengumpulan {_tw_label(tw)} {h.tahun} — kompilasi {stamp:%d/%m/%Y %H:%M}")
    _tulis_ringkasan(ctx.book, h, f"Ringkasan {h.lembaga['nama']} {_tw_label(tw)} {h.tahun} — "
                                  f"kompilasi {stamp:%d/%m/%Y %H:%M}")
    pesan = "\n".join([f"Kompilasi {_tw_label(tw)} {h.tahun} selesai dalam {_detik(out.durasi)} detik.", "",
                       *_jumlah_lines(r), "", f"Rekap: {out.rekap}",
                       "Rincian per ASN ada di lembar Status, per unit di lembar Ringkasan."])
    return Hasil(pesan, f"{r['asn_lengkap']} dari {r['asn']} ASN lengkap; {r['asn_belum_mengumpulkan']} belum "
                        f"mengumpulkan; {sum(r['temuan'].values())} temuan; rekap {out.rekap.name}")


def _detik(seconds: float) -> str:
    from ..inti.angka import format_id

    return format_id(seconds, 1, trim=False)


def cek_kelengkapan(book=None):
    """Cek Kelengkapan: who has submitted, without writing the recap."""
    return _jalankan(book, "Cek Kelengkapan", _cek_kelengkapan)


def _cek_kelengkapan(ctx: Konteks) -> Hasil:
    from ..kompilasi.jalan import kumpulkan
    from ..kompilasi.rekap import STATUS_KIRIM_BELUM

    master = ctx.master()
    tw = ctx.triwulan()
    masuk = ctx.folder_masuk()
    h = kumpulkan(master, masuk, tw)
    r = _ringkasan(h)
    stamp = dt.datetime.now()
    _tulis_status(ctx.book, h, f"Status pengumpulan {_tw_label(tw)} {h.tahun} — cek {stamp:%d/%m/%Y %H:%M}")
    _tulis_ringkasan(ctx.book, h, f"Ringkasan {h.lembaga['nama']} {_tw_label(tw)} {h.tahun} — "
                                  f"cek {stamp:%d/%m/%Y %H:%M} (rekap belum ditulis)")
    belum = [a["nama"] for a in h.asn if a["status_pengumpulan"] == STATUS_KIRIM_BELUM]
    shown = ", ".join(belum[:10]) + (f", dan {len(belum) - 10} lainnya" if len(belum) > 10 else "")
    lines = [f"Cek kelengkapan {_tw_label(tw)} {h.tahun}:", "", *_jumlah_lines(r)]
    if belum:
        lines += ["", f"Belum mengumpulkan: {shown}"]
    lines += ["", "Rekap belum ditulis; klik Kompilasi bila semua sudah masuk."]
    return Hasil("\n".join(lines), f"{r['asn_lengkap']} dari {r['asn']} ASN lengkap; "
                                   f"{r['asn_belum_mengumpulkan']} belum mengumpulkan")


def jadwal_pos(book=None, hari_ini: Optional[dt.date] = None):
    """Jadwal POS: the seven SOP steps with their windows, evidence and who is missing."""
    return _jalankan(book, "Jadwal POS", lambda ctx: _jadwal_pos(ctx, hari_ini))


def _jadwal_pos(ctx: Konteks, hari_ini: Optional[dt.date]) -> Hasil:
    from ..kompilasi.jalan import kumpulkan_triwulan
    from ..siklus.pelacak import lacak

    master = ctx.master()
    masuk = ctx.folder_masuk(wajib=False)
    keluar = ctx.path("keluar", wajib=False)
    per_tw = {}
    if masuk is not None:
        # quarters without their TWn sub-folder yet are left out, as the CLI's tracker does
        per_tw = kumpulkan_triwulan(master, masuk, [1, 2, 3, 4], lewati_kosong=True)
    today = hari_ini or dt.date.today()
    rows = lacak(master, per_tw, keluar if keluar and keluar.is_dir() else None, today)
    sheet = ctx.book.sheets[SHEET_JADWAL]
    width = len(JADWAL_KOLOM)
    tulis_tabel(sheet, baris_jadwal(rows), width,
                f"Jadwal POS {master.pengaturan.nama_lembaga} {master.pengaturan.tahun} (per {today:%d/%m/%Y})")
    _warnai(sheet, [r.status for r in rows], width)
    counts = {s: sum(1 for r in rows if r.status == s) for s in WARNA_STATUS}
    late = [f"- {r.nomor}. {r.uraian}" for r in rows if r.status == TERLAMBAT]
    lines = [f"Jadwal POS per {today:%d/%m/%Y}: {counts['selesai']} selesai, "
             f"{counts['selesai terlambat']} selesai terlambat, {counts['berjalan']} berjalan, "
             f"{counts['terlambat']} terlambat, {counts['belum mulai']} belum mulai."]
    if late:
        lines += ["", "Terlambat:", *late[:8]] + ([f"… dan {len(late) - 8} lainnya"] if len(late) > 8 else [])
    if masuk is None:
        lines += ["", "Folder formulir terkumpul kosong: langkah 3 dihitung tanpa formulir."]
    lines += ["", "Rincian di lembar Jadwal POS."]
    return Hasil("\n".join(lines), f"{counts['selesai']} selesai, {counts['berjalan']} berjalan, "
                                   f"{counts['terlambat']} terlambat, {counts['belum mulai']} belum mulai")


def susun_laporan(book=None):
    """Susun Laporan (langkah 4–5): tiered report drafts for the semester, or else the quarter."""
    return _jalankan(book, "Susun Laporan", _susun_laporan)


def folder_laporan(keluar: Path, tahun: int) -> Path:
    """Where Susun Laporan writes: ``<Folder keluaran>/Laporan <tahun>``."""
    return keluar / f"Laporan {tahun}"


def _susun_laporan(ctx: Konteks) -> Hasil:
    from ..dokumen.laporan import susun_laporan as susun

    master = ctx.master()
    masuk = ctx.folder_masuk()
    keluar = ctx.folder_keluar()
    semester = ctx.bilangan("semester", wajib=False)
    if semester in ("", None):
        tw = ctx.triwulan()
        periode, kwargs = f"{_tw_label(tw)} {master.pengaturan.tahun}", {"triwulan": tw}
    else:
        from ..inti.periode import PeriodeTidakValid, periksa_semester

        try:
            semester = periksa_semester(semester)
        except PeriodeTidakValid as exc:
            raise MasalahPanel(f"{exc}\n\nPilih semester 1 atau 2 di sel \"{ctx.label('semester')}\", atau "
                               "kosongkan untuk laporan triwulan, lalu klik lagi.") from None
        periode, kwargs = f"Semester {semester} {master.pengaturan.tahun}", {"semester": semester}
    out = folder_laporan(keluar, master.pengaturan.tahun)
    paths = susun(master, masuk, out, **kwargs)
    names = [f"- {p.name}" for p in paths[:12]] + ([f"… dan {len(paths) - 12} lainnya"] if len(paths) > 12 else [])
    pesan = "\n".join([f"Draf laporan kinerja {periode}: {len(paths)} dokumen ditulis ke:", str(out), "", *names, "",
                       "Lengkapi bagian bertanda [diisi: …] di Word sebelum dibahas di rapat."])
    return Hasil(pesan, f"{len(paths)} draf laporan {periode} ditulis ke {out}")


def buat_pk(book=None):
    """Buat PK (langkah 1–2): draft Perjanjian Kinerja per ASN and the Register PK."""
    return _jalankan(book, "Buat PK", _buat_pk)


FOLDER_PK_FINAL = "Final"  # beside the drafts: the ratified PKs ready to print and sign


def folder_pk(keluar: Path, tahun: int) -> Path:
    """Where Buat PK writes: ``<Folder keluaran>/PK <tahun>`` (the tracker finds them there)."""
    return keluar / f"PK {tahun}"


def _buat_pk(ctx: Konteks) -> Hasil:
    """Drafts for everyone chosen, and the final (dated, no DRAF label) PK of those already ratified."""
    from ..dokumen.pk import buat_pk as tulis_pk, nama_berkas_pk, status_pk

    master = ctx.master()
    keluar = ctx.folder_keluar()
    unit, nip = _pilihan(ctx, master)
    out = folder_pk(keluar, master.pengaturan.tahun)
    chosen = master.pilih_asn(unit, nip)
    finals: dict[str, Path] = {}
    if any(a.tanggal_sah for a in chosen):
        finals = {p.name: p for p in tulis_pk(master, out / FOLDER_PK_FINAL, unit=unit, nip=nip, final=True,
                                               register=False).berkas}
    # written last, the register sees the drafts and the final copies
    hasil = tulis_pk(master, out, unit=unit, nip=nip)
    drafts = {p.name: p for p in hasil.berkas}
    register = hasil.register
    _tulis_berkas_dibuat(ctx, master, out, f"Perjanjian Kinerja {master.pengaturan.tahun}",
                         [(a, finals.get(nama_berkas_pk(a)) or drafts.get(nama_berkas_pk(a)), f"PK {status_pk(a)}")
                          for a in chosen])
    lines = [f"{len(drafts)} dokumen PK ditulis ke:\n{out}", "",
             f"Draf (bertanda DRAF) untuk semua ASN terpilih: {len(drafts)}.",
             f"PK final (bertanggal, tanpa DRAF) untuk yang sudah disahkan: {len(finals)}"
             + (f", di subfolder {FOLDER_PK_FINAL}." if finals else "."),
             f"Register PK: {register}", "",
             "Setelah PK ditandatangani, isi tanggal_sah di master lalu klik Buat PK lagi untuk PK final."]
    return Hasil("\n".join(lines), f"{len(drafts)} draf dan {len(finals)} PK final ditulis ke {out}")


TOMBOL: list[tuple[str, str, str]] = [
    # (handler, caption, what it does) — the one button list: the panel builder makes one button per
    # entry and `poskinerja layani` serves exactly these
    ("buat_format", "Buat Format", "Menulis formulir Pengukuran Kinerja + Pemantauan per ASN ke "
                                   "Folder keluaran\\Formulir <tahun>."),
    ("cek_kelengkapan", "Cek Kelengkapan", "Memeriksa siapa yang sudah mengumpulkan untuk triwulan terpilih, "
                                           "tanpa menulis rekap."),
    ("kompilasi", "Kompilasi", "Membaca, memeriksa dan menggabungkan formulir; menulis Rekap Kinerja dan "
                               "manifest ke Folder keluaran."),
    ("jadwal_pos", "Jadwal POS", "Menampilkan tujuh langkah POS dengan jadwal, bukti, dan siapa yang belum."),
    ("susun_laporan", "Susun Laporan",
     "Menyusun draf laporan kinerja berjenjang (Word) untuk triwulan atau semester terpilih."),
    ("buat_pk", "Buat PK", "Menyusun draf Perjanjian Kinerja (Word) per ASN."),
]
