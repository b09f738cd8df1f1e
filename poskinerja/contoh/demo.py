"""The whole cycle (SOP steps 1–7) on the bundled example institute, into one folder.

Each step calls the same library functions as the CLI commands and the panel;
the demo only adds simulated people in between (staff filling forms, Tim SPI
scoring the evaluation). It returns what it wrote, step by step.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..berkas.aman import atomic_path
from ..formulir.tulis import buat_formulir
from ..kompilasi.jalan import KeluaranKompilasi, kompilasi
from ..master.baca import muat_master
from .simulasi import Skenario, isi_evaluasi, penilaian_spi, simulasi_pengisian
from ..berkas.sumber import contoh_master

TRIWULAN_DEMO = (1, 2)  # enough for the quarterly drafts and the semester-1 report
INBOX = "3-formulir-terkumpul"
ARSIP = "0-arsip-tahun-sebelumnya"  # earlier years of the example, generated


@dataclass
class HasilDemo:
    folder: Path
    master: Path
    formulir: list[Path] = field(default_factory=list)
    skenario: dict[int, Skenario] = field(default_factory=dict)
    kompilasi: dict[int, KeluaranKompilasi] = field(default_factory=dict)
    langkah: list[tuple[str, str]] = field(default_factory=list)  # (label, where)
    jadwal: list = field(default_factory=list)  # pelacak.Langkah rows
    evaluasi: Optional[object] = None  # evaluasi.HasilEvaluasi
    cadangan: list[Path] = field(default_factory=list)  # copies of files people may have edited
    arsip: Optional[object] = None  # arsip_contoh.HasilArsip: earlier years, their LKj, next year's master

    def tambah(self, label: str, where: Path | str) -> None:
        self.langkah.append((label, str(where)))


def salin_contoh(directory: Path) -> Path:
    """The bundled example master, copied to ``directory/master.xlsx``."""
    dest = Path(directory) / "master.xlsx"
    with atomic_path(dest) as tmp:
        shutil.copyfile(contoh_master(), tmp)
    return dest


def berkas_suntingan(root: Path, tahun: int) -> list[Path]:
    """The demo's outputs a person may have edited since an earlier run: the master, the
    evaluation workbook Tim SPI scores, the RTL workbook and the panel."""
    from ..siklus.evaluasi import nama_format_evaluasi
    from ..excel.panel import nama_panel
    from ..siklus.rekomendasi import nama_format_rekomendasi

    return [root / "master.xlsx", root / "6-evaluasi" / nama_format_evaluasi(tahun),
            root / "7-rekomendasi" / nama_format_rekomendasi(tahun), root / nama_panel(tahun)]


def _jaga(root: Path, timpa: bool) -> list[Path]:
    """Refuse (``SudahAda``) before writing anything if an editable output exists and ``timpa`` is
    false; with ``timpa``, copy each existing one into its ``_cadangan`` folder first."""
    from ..berkas.cadangan import SudahAda, ada, jaga_timpa

    paths = berkas_suntingan(root, muat_master(contoh_master()).pengaturan.tahun)
    if not timpa:
        for path in [*paths, *(root / INBOX / f"TW{tw}" for tw in TRIWULAN_DEMO)]:
            if ada(path):
                raise SudahAda(path)
    return [b for b in (jaga_timpa(path, True) for path in paths) if b is not None]


def jalankan_demo(directory: Path | str, hari_ini: Optional[dt.date] = None, timpa: bool = False) -> HasilDemo:
    from ..siklus.bukti import kumpulkan_bukti
    from ..dokumen.evaluasi import tulis_hasil_evaluasi, tulis_rekomendasi_docx
    from ..dokumen.pk import buat_pk
    from ..siklus.evaluasi import baca_evaluasi, nama_format_evaluasi, tulis_format_evaluasi
    from ..dokumen.laporan import laporan_semester, laporan_triwulan
    from ..excel.panel import buat_panel
    from ..siklus.pelacak import lacak
    from ..siklus.rekomendasi import nama_format_rekomendasi, perbarui_rekomendasi

    root = Path(directory)
    cadangan = _jaga(root, timpa)
    master_path = salin_contoh(root)
    master = muat_master(master_path)
    tahun = master.pengaturan.tahun
    hasil = HasilDemo(root, master_path, cadangan=cadangan)
    hasil.tambah("Master lembaga contoh", master_path)

    # Steps 1–2: draft PKs for everyone, the register, and the ratified ones.
    pk = buat_pk(master, root / "1-pk")
    hasil.tambah(f"Langkah 1: draf PK ({len(pk.berkas)} dokumen)", root / "1-pk")
    hasil.tambah("Register PK", pk.register)
    final = buat_pk(master, root / "1-pk" / "disahkan", final=True)
    hasil.tambah(f"Langkah 2: PK disahkan ({len(final.berkas)} dokumen)", root / "1-pk" / "disahkan")

    # Step 3: blank forms, then staff fill a copy each quarter into TW<n>.
    forms_dir = root / "2-formulir"
    hasil.formulir = buat_formulir(master, forms_dir)
    hasil.tambah(f"Langkah 3: formulir per ASN ({len(hasil.formulir)} berkas)", forms_dir)
    inbox = root / INBOX
    for tw in TRIWULAN_DEMO:
        masuk = inbox / f"TW{tw}"
        if masuk.exists():  # a re-run (--timpa) starts from a clean inbox; the old one is moved aside
            from ..berkas.cadangan import cadangkan

            hasil.cadangan.append(cadangkan(masuk, pindah=True))
        hasil.skenario[tw] = simulasi_pengisian(master, hasil.formulir, masuk, triwulan=tw)
        hasil.tambah(f"Langkah 3: formulir terisi TW {tw} (simulasi)", masuk)

    # Step 4: kompilasi per quarter and the tiered quarterly drafts.
    rekap_dir = root / "4-rekap"
    laporan_dir = root / "5-laporan"
    for tw in TRIWULAN_DEMO:
        out = kompilasi(master, inbox, tw, rekap_dir, master_path=master_path)
        hasil.kompilasi[tw] = out
        hasil.tambah(f"Langkah 4: rekap kompilasi TW {tw}", out.rekap)
    drafts = laporan_triwulan(master, hasil.kompilasi[1].hasil, laporan_dir / "TW1")
    hasil.tambah(f"Langkah 4: draf laporan berjenjang TW 1 ({len(drafts)} dokumen)", laporan_dir / "TW1")

    # Step 5: semester-1 report from TW I–II.
    per_tw = {tw: out.hasil for tw, out in hasil.kompilasi.items()}
    semester = laporan_semester(master, per_tw, 1, laporan_dir / "Semester 1")
    hasil.tambah(f"Langkah 5: laporan kinerja Semester 1 ({len(semester)} dokumen)", laporan_dir / "Semester 1")

    # Step 6: evaluation workbook with automatic evidence, scored by a simulated Tim SPI.
    eval_dir = root / "6-evaluasi"
    bukti = kumpulkan_bukti(master, per_tw)
    lke_path = tulis_format_evaluasi(master, bukti, eval_dir / nama_format_evaluasi(tahun))
    hasil.tambah("Langkah 6: format evaluasi internal (bukti otomatis)", lke_path)
    terisi = isi_evaluasi(lke_path, penilaian_spi(bukti), eval_dir / f"{lke_path.stem} (diisi SPI).xlsx")
    hasil.evaluasi = baca_evaluasi(terisi)
    hasil.tambah("Langkah 6: hasil evaluasi internal",
                 tulis_hasil_evaluasi(master, hasil.evaluasi, eval_dir))

    # Step 7: recommendations for next year, workbook and document.
    rtl_dir = root / "7-rekomendasi"
    rek = perbarui_rekomendasi(master, per_tw, rtl_dir / nama_format_rekomendasi(tahun), hasil.evaluasi)
    hasil.tambah(f"Langkah 7: format rekomendasi ({len(rek.rows)} temuan)", rtl_dir / nama_format_rekomendasi(tahun))
    hasil.tambah("Langkah 7: dokumen rekomendasi", tulis_rekomendasi_docx(master, rek.rows, rtl_dir))

    # Earlier years: generated the same way, closed by their annual LKj (history, Renstra progress) and
    # by next year's master carrying their recommendations, so the cycle is seen running year to year.
    from .arsip_contoh import buat_arsip

    hasil.arsip = buat_arsip(master, root / ARSIP)
    for label, where in hasil.arsip.langkah:
        hasil.tambah(label, where)

    # The coordinators' panel, pointed at this folder.
    panel = buat_panel(master_path, root / f"Panel Kinerja {tahun}.xlsm", folder=inbox, keluar=root)
    hasil.tambah("Panel koordinator (Excel)", panel)

    hasil.jadwal = lacak(master, per_tw, root, hari_ini)
    return hasil
