"""Shared fixtures: a small master written to disk, the bundled example, forms."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from poskinerja.master.baca import muat_master
from poskinerja.master.tulis import tulis_master

KEPALA = "197410062003121001"
KASI = "198203152006042002"
STAF_A = "199001012015031003"
STAF_B = "199205202019032004"


def mini_rows() -> dict[str, list[dict]]:
    """A small but complete master: every polarity/rule case the tests need."""
    setting = {
        "nama_lembaga": "Lembaga Uji & Mutu <Nusantara>", "kota": "Jakarta", "tahun": 2026,
        "kepala_nama": "Dr. Budi Santoso, M.Pd.", "kepala_nip": KEPALA,
        "kasubbag_nama": "Rina Wati, S.E.", "kasubbag_nip": KASI,
        "rumus_polaritas_negatif": "selisih", "batas_capaian": 120,
        "batas_tw1": dt.date(2026, 4, 10), "batas_tw2": dt.date(2026, 7, 10),
        "batas_tw3": dt.date(2026, 10, 9), "batas_tw4": dt.date(2027, 1, 11),
        "atasan_kepala_nama": "Prof. Dr. Ir. Direktur Jenderal", "atasan_kepala_nip": "196501011990031001",
        "atasan_kepala_jabatan": "Direktur Jenderal", "tanggal_mulai_anggaran": dt.date(2026, 1, 2),
    }

    def ind(nip, kode, indikator, satuan, pol, kum, tahun, tw, **extra):
        return {"nip": nip, "kode_indikator": kode, "sasaran": "Meningkatnya mutu layanan",
                "indikator": indikator, "satuan": satuan, "polaritas": pol, "kumulatif": kum,
                "target_tahun": tahun, "target_tw1": tw[0], "target_tw2": tw[1],
                "target_tw3": tw[2], "target_tw4": tw[3], **extra}

    return {
        "Pengaturan": [{"kunci": k, "nilai": v} for k, v in setting.items()],
        "Predikat": [{"batas_bawah": b, "predikat": p} for b, p in
                     [(91, "Sangat Baik"), (76, "Baik"), (66, "Cukup"), (51, "Kurang"), (0, "Sangat Kurang")]],
        "Unit": [
            {"kode_unit": "PIM", "nama_unit": "Pimpinan", "jenis": "pimpinan", "nip_kepala": KEPALA},
            {"kode_unit": "PMS", "nama_unit": "Seksi Pemetaan Mutu", "jenis": "seksi", "nip_kepala": KASI},
        ],
        "ASN": [
            {"nip": KEPALA, "nama": "Dr. Budi Santoso, M.Pd.", "jabatan": "Kepala", "kode_unit": "PIM",
             "nip_atasan": "", "tanggal_sah": dt.date(2026, 1, 15)},
            {"nip": KASI, "nama": "Dra. Siti Nur'aini, M.Pd.", "jabatan": "Kepala Seksi",
             "kode_unit": "PMS", "nip_atasan": KEPALA, "tanggal_sah": dt.date(2026, 1, 15)},
            {"nip": STAF_A, "nama": "CON", "jabatan": "Analis / Pranata", "kode_unit": "PMS",
             "nip_atasan": KASI},
            {"nip": STAF_B, "nama": 'Ahmad "Ucok" <Syafi\'i> & Co: A/B?', "jabatan": "Staf",
             "kode_unit": "PMS", "nip_atasan": KASI},
        ],
        "Indikator": [
            ind(KEPALA, "IKU-01", "Persentase sekolah terpetakan", "%", "+", "ya", 100, (25, 50, 75, 100),
                bobot=2, realisasi_tahun_lalu=88),
            ind(KEPALA, "IKU-02", "Jumlah temuan audit", "temuan", "-", "tidak", 4, (1, 1, 1, 1), bobot=1),
            ind(KASI, "PMS-01", "Jumlah laporan pemetaan", "dokumen", "+", "tidak", 12, (3, 3, 3, 3),
                kode_induk="IKU-01"),
            ind(KASI, "PMS-02", "Temuan BPK berulang", "temuan", "-", "tidak", 0, (0, 0, 0, 0)),
            ind(KASI, "PMS-03", "Indeks kepuasan layanan", "indeks", "+", "ya", 3.5, (None, None, None, 3.5)),
            ind(STAF_A, "A-01", "Sekolah yang disupervisi", "sekolah", "+", "tidak", 40, (10, 10, 10, 10)),
            ind(STAF_A, "A-02", "Rata-rata keterlambatan laporan", "hari", "-", "ya", 2, (5, 4, 3, 2)),
            ind(STAF_A, "A-03", "Nilai target nol", "dokumen", "+", "tidak", 0, (0, 0, 0, 0)),
            ind(STAF_B, "B-01", "Persentase data valid", "%", "+", "ya", 90, (60, 70, 80, 90)),
            ind(STAF_B, "B-02", "Laporan terkirim", "laporan", "+", "tidak", 8, (2, 2, 2, 2)),
            ind(STAF_B, "B-03", "Pengaduan", "kasus", "-", "tidak", 8, (2, 2, 2, 2)),
        ],
        "Kegiatan": [
            {"nip": KASI, "kode_kegiatan": "K-01", "program": "Program Dukungan Manajemen",
             "kegiatan": "Pemetaan mutu 6 kabupaten/kota", "output": "Laporan pemetaan",
             "satuan_output": "laporan", "bulan_mulai": 2, "bulan_selesai": 11,
             "target_output_tw1": 1, "target_output_tw2": 2, "target_output_tw3": 2,
             "target_output_tw4": 1, "pagu": 250_000_000},
            {"nip": STAF_A, "kode_kegiatan": "K-02", "program": "Program PAUD, Dikdas dan Dikmen",
             "kegiatan": "Supervisi sekolah", "output": "Sekolah disupervisi", "satuan_output": "sekolah",
             "bulan_mulai": 1, "bulan_selesai": 12, "target_output_tw1": 10, "target_output_tw2": 10,
             "target_output_tw3": 10, "target_output_tw4": 10, "pagu": 120_500_000},
        ],
        "Libur": [{"tanggal": dt.date(2026, 1, 1), "keterangan": "Tahun Baru"}],
    }


@pytest.fixture
def rows():
    return copy.deepcopy(mini_rows())


@pytest.fixture
def mini_master_path(tmp_path) -> Path:
    return tulis_master(tmp_path / "master.xlsx", mini_rows())


@pytest.fixture
def mini_master(mini_master_path):
    return muat_master(mini_master_path)
