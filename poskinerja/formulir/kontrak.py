"""The per-ASN form's contract (▶): sheet names, column headers, metadata, version.

The writer (``tulis``) and every reader (``pindai``, ``identitas``, ``kumpul``, ``ulang``, the recap)
import these names from here, so a reader never needs the XlsxWriter renderer.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable

from ..berkas.aman import safe_name
from ..inti.model import ASN, ROMAWI, TRIWULAN, Indikator, Kegiatan

VERSI_FORMULIR = 1
META_SHEET = "_poskinerja"
SHEET_PETUNJUK = "Petunjuk"
SHEET_PENGUKURAN = "Pengukuran Kinerja"
SHEET_PEMANTAUAN = "Pemantauan"
SHEET_CETAK = "Cetak Triwulan"  # one quarter, one A4 page wide: for the signed printout
# Very hidden, formulas only: each realisasi entry read as kompilasi reads it (angka.nilai_excel),
# on the rows of the form's sheets; columns A-D hold Pengukuran's values per quarter (_write_hitung).
SHEET_HITUNG = "_hitung"
HEADER_ROW = 9  # 0-based row of the column headers; data starts below it
# Where `format` moves a form it replaces; kompilasi never reads forms from here but lists them.
FOLDER_CADANGAN = "_cadangan"

# Pengukuran Kinerja columns, in order. The collector finds them by header text.
P_FIXED = ("No", "Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Kumulatif",
           "Target Tahun")
P_TARGET = tuple(f"Target TW {ROMAWI[t]}" for t in TRIWULAN)
P_REALISASI = tuple(f"Realisasi TW {ROMAWI[t]}" for t in TRIWULAN)
P_CAPAIAN = tuple(f"Capaian TW {ROMAWI[t]}" for t in TRIWULAN)
NARASI = ("Progres/Kegiatan", "Kendala/Permasalahan", "Strategi/Tindak Lanjut")
P_NARASI = tuple(f"{n} TW {ROMAWI[t]}" for t in TRIWULAN for n in NARASI)
P_TAIL = ("Bukti Dukung", "Rumus Capaian")
PENGUKURAN_HEADERS = P_FIXED + P_TARGET + P_REALISASI + P_CAPAIAN + P_NARASI + P_TAIL

# Pemantauan columns.
K_FIXED = ("No", "Kode", "Program", "Kegiatan", "Output", "Satuan Output", "Jadwal")
K_TARGET = tuple(f"Target Output TW {ROMAWI[t]}" for t in TRIWULAN)
K_REALISASI = tuple(f"Realisasi Output TW {ROMAWI[t]}" for t in TRIWULAN)
K_PAGU = ("Pagu (Rp)",)
K_ANGGARAN = tuple(f"Realisasi Anggaran TW {ROMAWI[t]} (Rp)" for t in TRIWULAN)
K_SERAPAN = ("Serapan (%)",)
K_STATUS_NARASI = tuple(f"{n} TW {ROMAWI[t]}" for t in TRIWULAN
                        for n in ("Status", "Kendala", "Solusi/Tindak Lanjut"))
K_TAIL = ("Batas Waktu Tindak Lanjut", "Penanggung Jawab Tindak Lanjut")
PEMANTAUAN_HEADERS = (K_FIXED + K_TARGET + K_REALISASI + K_PAGU + K_ANGGARAN + K_SERAPAN
                      + K_STATUS_NARASI + K_TAIL)


def sidik(indikator: Iterable[Indikator], kegiatan: Iterable[Kegiatan]) -> str:
    """Fingerprint of a person's prefilled content, to tell a stale form."""
    payload = {
        "indikator": [[i.kode, i.indikator, i.satuan, i.polaritas, i.kumulatif, i.target_tahun,
                       list(i.target_tw)] for i in indikator],
        "kegiatan": [[k.kode, k.kegiatan, k.pagu, list(k.target_output_tw)] for k in kegiatan],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def form_path(out_dir: Path, asn: ASN) -> Path:
    return out_dir / safe_name(asn.kode_unit) / f"{safe_name(f'{asn.nip} - {asn.nama}')}.xlsx"
