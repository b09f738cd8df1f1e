"""Writing a master workbook: the empty one admins fill (``master-kosong``) and
the bundled example, from the same column definitions the reader checks.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

from ..berkas.xlsx_tulis import new_workbook
from ..berkas.aman import atomic_path
from .baca import JENIS_UNIT, OPTIONAL_COLUMNS, OPTIONAL_SHEETS, SHEETS
from ..inti.model import NEGATIVE_RULES
from ..inti.model import TARGET_NOL

# Column notes shown as cell comments on the header row.
NOTES: dict[str, str] = {
    "nip": "NIP 18 digit, ditulis sebagai TEKS (kolom ini sudah berformat teks).",
    "nip_atasan": "NIP atasan langsung (pihak kedua PK). Kosongkan untuk Kepala.",
    "nip_kepala": "NIP kepala unit / koordinator kelompok fungsional.",
    "kode_unit": "Kode singkat unit, mis. TU, PMS. Harus ada di lembar Unit.",
    "jenis": "Pilih: " + ", ".join(JENIS_UNIT) + ".",
    "kode_indikator": "Kode unik per ASN, mis. IK-PMS-01. Pada lembar Kegiatan (opsional): indikator yang "
                      "didukung kegiatan ini, boleh beberapa dipisah koma.",
    "polaritas": "+ bila makin tinggi makin baik; - bila makin rendah makin baik (mis. jumlah temuan).",
    "kumulatif": "ya: target/realisasi triwulan adalah posisi akhir triwulan (TW IV = target tahun). "
                 "tidak: tiap triwulan cicilan (jumlah TW I–IV = target tahun).",
    "target_tahun": "Target satu tahun (angka, tidak negatif).",
    "target_tw1": "Kosongkan bila indikator tidak diukur pada triwulan ini.",
    "bobot": "Opsional: bobot untuk rata-rata tertimbang.",
    "realisasi_tahun_lalu": "Opsional: realisasi tahun lalu untuk perbandingan di laporan.",
    "kode_induk": "Opsional: kode indikator unit/lembaga yang didukung (cascading).",
    "target_renstra": "Opsional: target akhir Renstra (jangka menengah) untuk indikator ini.",
    "tahun_renstra": "Opsional: tahun akhir Renstra untuk baris ini (bawaan: tahun_akhir_renstra di Pengaturan).",
    "standar_nasional": "Opsional: standar nasional pembanding (angka); isi juga sumber_standar.",
    "sumber_standar": "Sumber standar nasional, mis. Permendikbudristek No. ... Tahun ....",
    "aturan_turunan": "Opsional: bila indikator ini tidak diukur langsung, nilainya diturunkan dari indikator "
                      "turunannya (kode_induk = kode ini): jumlah, rata, rata_tertimbang, atau terakhir.",
    "bulan_mulai": "Bulan 1–12.",
    "bulan_selesai": "Bulan 1–12, tidak sebelum bulan_mulai.",
    "pagu": "Pagu anggaran dalam rupiah.",
    "tanggal_sah": "Tanggal PK ditandatangani; kosong berarti PK masih draf.",
}
SETTINGS_DEFAULT: list[tuple[str, Any, str]] = [
    ("nama_lembaga", "", "Nama lembaga lengkap"),
    ("kota", "", "Kota tempat penandatanganan dokumen"),
    ("tahun", dt.date.today().year, "Tahun anggaran"),
    ("kepala_nama", "", "Nama Kepala lembaga beserta gelar"),
    ("kepala_nip", "", "NIP Kepala (teks)"),
    ("kasubbag_nama", "", "Nama Kepala Subbagian Umum/TU"),
    ("kasubbag_nip", "", "NIP Kasubbag (teks)"),
    ("rumus_polaritas_negatif", "selisih",
     "selisih = (2×target − realisasi)/target×100; rasio = target/realisasi×100"),
    ("target_nol", "dihitung",
     "Target 0: dihitung = polaritas negatif realisasi 0 → 100 %, di atas 0 → 0 %; polaritas positif → "
     "100 % (praktik SAKIP). tidak_dihitung = capaian \"-\", tidak masuk rata-rata"),
    ("batas_capaian", 120, "Batas capaian untuk rata-rata (%), kosong = tanpa batas"),
    ("batas_tw1", None, "Batas pengumpulan formulir TW I (tanggal)"),
    ("batas_tw2", None, "Batas pengumpulan formulir TW II (tanggal)"),
    ("batas_tw3", None, "Batas pengumpulan formulir TW III (tanggal)"),
    ("batas_tw4", None, "Batas pengumpulan formulir TW IV (tanggal)"),
    ("atasan_kepala_nama", "", "Pihak kedua PK Kepala lembaga"),
    ("atasan_kepala_nip", "", "NIP pihak kedua PK Kepala"),
    ("atasan_kepala_jabatan", "", "Jabatan pihak kedua PK Kepala"),
    ("tanggal_mulai_anggaran", None, "Hari kerja pertama tahun anggaran (Rakor awal tahun)"),
    ("tahun_akhir_renstra", None, "Opsional: tahun akhir Renstra (mis. 2029) untuk target jangka menengah"),
]
PREDIKAT_DEFAULT = [(91, "Sangat Baik"), (76, "Baik"), (66, "Cukup"), (51, "Kurang"),
                    (0, "Sangat Kurang")]
CHOICES = {"polaritas": ["+", "-"], "kumulatif": ["ya", "tidak"], "jenis": list(JENIS_UNIT),
           "aturan_turunan": ["jumlah", "rata", "rata_tertimbang", "terakhir"]}
TEXT_COLUMNS = {"nip", "nip_atasan", "nip_kepala", "kode_unit", "kode_indikator",
                "kode_kegiatan", "kode_induk"}
DATE_COLUMNS = {"tanggal_sah", "tanggal"}

PETUNJUK = [
    "Petunjuk pengisian master poskinerja",
    "",
    "Master ini adalah sumber semua formulir, rekap dan dokumen. Isi setiap lembar; baris 1 adalah judul kolom "
    "dan jangan diubah namanya. Kolom tambahan boleh ditambahkan dan akan diabaikan.",
    "1. Pengaturan: identitas lembaga, tahun, rumus polaritas negatif, aturan target 0 (target_nol), batas capaian "
    "dan batas pengumpulan.",
    "2. Predikat: skala predikat (batas bawah capaian %, nama predikat).",
    "3. Unit: subbagian, seksi, kelompok fungsional, dan pimpinan.",
    "4. ASN: satu baris per ASN. NIP 18 digit ditulis sebagai teks.",
    "5. Indikator: indikator PK tiap ASN beserta target tahun dan target per triwulan (rencana aksi). "
    "Target triwulan yang kosong berarti tidak diukur pada triwulan itu.",
    "6. Kegiatan: program/kegiatan tiap ASN beserta output, jadwal (bulan) dan pagu.",
    "7. Libur (opsional): hari libur nasional dan cuti bersama untuk menghitung hari kerja.",
    "8. Kolom opsional untuk Laporan Kinerja tahunan: target_renstra/tahun_renstra, standar_nasional dengan "
    "sumber_standar, aturan_turunan (indikator induk), dan kode_indikator pada Kegiatan. Lembar RTL (opsional) "
    "berisi rekomendasi tahun lalu yang dibawa oleh perintah tahun-baru.",
    "",
    "Periksa master dengan: poskinerja periksa-master NAMA_FILE.xlsx",
]


def columns_of(sheet: str) -> tuple[str, ...]:
    if sheet in OPTIONAL_SHEETS:
        return OPTIONAL_SHEETS[sheet]
    return SHEETS[sheet] + OPTIONAL_COLUMNS.get(sheet, ())


def tulis_master(path: Path | str, rows: Optional[dict[str, list[dict[str, Any]]]] = None) -> Path:
    """Write a master workbook; without ``rows`` an empty one with defaults."""
    rows = dict(rows or {})
    rows.setdefault("Pengaturan", [{"kunci": k, "nilai": v} for k, v, _ in SETTINGS_DEFAULT])
    rows.setdefault("Predikat", [{"batas_bawah": b, "predikat": p} for b, p in PREDIKAT_DEFAULT])
    path = Path(path)
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        header = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                "border": 1, "text_wrap": True, "valign": "vcenter"})
        as_text = wb.add_format({"num_format": "@"})
        as_date = wb.add_format({"num_format": "dd/mm/yyyy"})
        note_for = {k: n for k, _, n in SETTINGS_DEFAULT}

        petunjuk = wb.add_worksheet("Petunjuk")
        petunjuk.set_column(0, 0, 110, wb.add_format({"text_wrap": True, "valign": "top"}))
        petunjuk.write(0, 0, PETUNJUK[0], wb.add_format({"bold": True, "font_size": 14}))
        for i, line in enumerate(PETUNJUK[1:], start=1):
            petunjuk.write_string(i, 0, line)

        for sheet in (*SHEETS, *OPTIONAL_SHEETS):
            if sheet == "RTL" and not rows.get(sheet):
                continue  # written only when last year's recommendations are carried in
            ws = wb.add_worksheet(sheet)
            cols = columns_of(sheet)
            ws.freeze_panes(1, 0)
            ws.set_row(0, 30)
            for c, name in enumerate(cols):
                ws.write_string(0, c, name, header)
                fmt = as_text if name in TEXT_COLUMNS else as_date if name in DATE_COLUMNS else None
                width = 48 if name in ("sasaran", "indikator", "kegiatan", "program", "nilai") else \
                    24 if name.startswith("nip") or name in ("nama", "jabatan", "nama_unit", "output") else 14
                ws.set_column(c, c, width, fmt)
                if name in NOTES or (name.startswith("target_tw") and "target_tw1" in NOTES):
                    ws.write_comment(0, c, NOTES.get(name, NOTES["target_tw1"]))
                if name in CHOICES:
                    ws.data_validation(1, c, 5000, c, {
                        "validate": "list", "source": CHOICES[name],
                        "error_title": "Pilihan tidak valid",
                        "error_message": "Pilih salah satu: " + ", ".join(CHOICES[name])})
            if sheet == "Pengaturan":
                ws.write_string(0, 2, "keterangan", header)
                ws.set_column(2, 2, 70)
            for r, record in enumerate(rows.get(sheet, []), start=1):
                for c, name in enumerate(cols):
                    _write_value(ws, r, c, record.get(name), name, as_text, as_date)
                if sheet == "Pengaturan" and record.get("kunci") in note_for:
                    ws.write_string(r, 2, note_for[record["kunci"]])
                if sheet == "Pengaturan" and str(record.get("kunci", "")).endswith("_nip"):
                    # a NIP typed into a General cell becomes a 15-digit number: format it as text
                    value = record.get("nilai")
                    if value is None or value == "":
                        ws.write_blank(r, 1, None, as_text)
                    else:
                        _write_value(ws, r, 1, value, "nip", as_text, as_date)
                if sheet == "Pengaturan" and record.get("kunci") == "rumus_polaritas_negatif":
                    ws.data_validation(r, 1, r, 1, {"validate": "list", "source": list(NEGATIVE_RULES)})
                if sheet == "Pengaturan" and record.get("kunci") == "target_nol":
                    ws.data_validation(r, 1, r, 1, {"validate": "list", "source": list(TARGET_NOL)})
        wb.close()
    return path


def _write_value(ws, r: int, c: int, value: Any, name: str, as_text, as_date) -> None:
    if value is None or value == "":
        return
    if isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()) if type(value) is dt.date else value,
                          as_date)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and name not in TEXT_COLUMNS:
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value), as_text if name in TEXT_COLUMNS else None)
