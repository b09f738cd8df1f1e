"""Example master workbook data for a fictional LPMP-like institute.

``build_example()`` returns the rows of every sheet of the master workbook
(see DESIGN.md, "Master workbook") for "Lembaga Penjaminan Mutu Pendidikan
Provinsi Nusantara", tahun 2026. It is deterministic (one seeded
``random.Random`` for the NIPs), pure standard library, and does no I/O.

All people and NIPs are fictional. Special cases deliberately included:
names with apostrophes and a hyphen, two ASN with the same name, PKs not yet
ratified (``tanggal_sah`` None), an indicator whose targets are all 0,
indicators measured only in some quarters, negative polarity, cascading
(``kode_induk``), weights only on the heads' indicators, and staff without
activities.

Run ``python tools/contoh_data.py`` to print the counts and self-check.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

TAHUN = 2026
SEED = 20260102

COLUMNS: dict[str, tuple[str, ...]] = {
    "Pengaturan": ("kunci", "nilai"),
    "Predikat": ("batas_bawah", "predikat"),
    "Unit": ("kode_unit", "nama_unit", "jenis", "nip_kepala"),
    "ASN": ("nip", "nama", "jabatan", "kode_unit", "nip_atasan", "tanggal_sah"),
    "Indikator": ("nip", "kode_indikator", "sasaran", "indikator", "satuan", "polaritas",
                  "kumulatif", "target_tahun", "target_tw1", "target_tw2", "target_tw3",
                  "target_tw4", "bobot", "realisasi_tahun_lalu", "kode_induk"),
    "Kegiatan": ("nip", "kode_kegiatan", "program", "kegiatan", "output", "satuan_output",
                 "bulan_mulai", "bulan_selesai", "target_output_tw1", "target_output_tw2",
                 "target_output_tw3", "target_output_tw4", "pagu"),
    "Libur": ("tanggal", "keterangan"),
}

LEMBAGA = "Lembaga Penjaminan Mutu Pendidikan Provinsi Nusantara"
KEPALA_NIP = "197603152002121004"  # fixed; every other NIP is generated
ATASAN_KEPALA = ("Prof. Dr. Hendra Wijayakusuma, M.Pd.", "196805121993031002",
                 "Direktur Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, "
                 "dan Pendidikan Menengah")

UNITS = [  # kode_unit, nama_unit, jenis (the head is the unit's first person below)
    ("PIMPINAN", "Pimpinan Lembaga", "pimpinan"),
    ("TU", "Subbagian Umum", "subbagian"),
    ("PMS", "Seksi Pemetaan Mutu dan Supervisi", "seksi"),
    ("FPMP", "Seksi Fasilitasi Peningkatan Mutu Pendidikan", "seksi"),
    ("SI", "Seksi Sistem Informasi", "seksi"),
    ("WI", "Kelompok Jabatan Fungsional Widyaiswara", "kelompok fungsional"),
    ("FT", "Kelompok Jabatan Fungsional Pengembang Teknologi Pembelajaran",
     "kelompok fungsional"),
]
# Widyaiswara report directly to the Kepala; the other kelompok fungsional
# reports to its coordinator (both arrangements occur in practice).
REPORTS_TO_KEPALA = {"WI"}

# kode_unit: [(handle, sex 1 male / 2 female, birth year, nama, jabatan, indicator keys)].
# The first person of each unit is its head (coordinator for kelompok fungsional).
PTP = "Pengembang Teknologi Pembelajaran"
PEOPLE = {
    "PIMPINAN": [
        ("kepala", 1, 1976, "Dr. Moch. Arif Setiabudi, S.Kom., M.Pd.",
         "Kepala LPMP Provinsi Nusantara", "iku1 iku2 iku3 iku4 iku5 iku6"),
    ],
    "TU": [
        ("kasubbag", 1, 1968, "Drs. H. Ahmad Syafi'i, M.M.", "Kepala Subbagian Umum",
         "tu1 tu2 tu3 tu4 tu5"),
        ("nuraini", 2, 1969, "Dra. Siti Nur'aini, M.Pd.", "Analis Kepegawaian Ahli Muda",
         "kep1 kep2 kep3 kep4"),
        ("maruf", 1, 1984, "Ma'ruf Amin Syah, S.E.", "Bendahara Pengeluaran",
         "bend1 bend2 bend3 bpk"),
        ("rina", 2, 1991, "Rina Marlina, S.E.", "Analis Pengelolaan Keuangan APBN Ahli Pertama",
         "keu1 keu2 keu3"),
        ("rizki_tu", 1, 1993, "Muhammad Rizki, S.Kom.", "Perencana Ahli Pertama", "ren1 ren2 ren3"),
        ("dewi", 2, 1990, "Dewi Anggraini, A.Md.", "Arsiparis Terampil", "ars1 ars2 ars3"),
        ("agus", 1, 1975, "Agus Salim Harahap", "Pengadministrasi Umum", "adm1 adm2 adm3"),
        ("yuliana", 2, 1987, "Yuliana Sari, S.Sos.", "Pengelola Barang Milik Negara",
         "bmn1 bmn2 bmn3"),
        ("aisyah", 2, 1996, "Nur Aisyah Putri, S.I.Kom.",
         "Pranata Hubungan Masyarakat Ahli Pertama", "hum1 hum2 hum3"),
        ("hendra", 1, 1982, "Hendra Gunawan, S.E.", "Penata Laporan Keuangan", "keu2 keu3 bpk"),
        ("wahyuni", 2, 1979, "Sri Wahyuni", "Pengadministrasi Umum", "adm1 adm2 adm3 adm4"),
    ],
    "PMS": [
        ("ratna", 2, 1972, "Dr. Hj. Ratna Dewi Kusuma, M.Pd.",
         "Kepala Seksi Pemetaan Mutu dan Supervisi", "pms1 pms2 pms3 pms4"),
        ("kartika", 2, 1988, "R.A. Kartika Dewi-Lestari, S.Psi.", "Analis Data Mutu Pendidikan",
         "pm3 pm4 pm5 pm6"),
        ("yusuf", 1, 1983, "Yusuf Ibrahim, S.Pd., M.Pd.", "Analis Penjaminan Mutu Pendidikan",
         "pm1 pm2 pm7"),
        ("lestari", 2, 1994, "Lestari Handayani, S.Si.", "Statistisi Ahli Pertama", "pm3 pm4 pm6"),
        ("fajar", 1, 1992, "Fajar Nugroho, S.Pd.", "Pengolah Data Mutu Pendidikan", "pm1 pm5 pm6"),
        ("andi", 1, 1986, "Andi Mappaewa, S.T.", "Analis Data dan Informasi", "pm2 pm4 pm7"),
        ("niluh", 2, 1997, "Ni Luh Putu Ariani, S.Pd.", "Pengolah Data Mutu Pendidikan",
         "pm1 pm3 pm5"),
    ],
    "FPMP": [
        ("sutarno", 1, 1967, "Drs. Sutarno, M.Si.",
         "Kepala Seksi Fasilitasi Peningkatan Mutu Pendidikan", "fp1 fp2 fp3 fp4"),
        ("wahyu", 1, 1974, "Ir. Wahyu Hidayat, M.T.", "Analis Peningkatan Mutu Pendidikan",
         "f1 f2 f4 f5"),
        ("nurul", 2, 1989, "Nurul Hidayah, S.Pd.I.", "Analis Peningkatan Mutu Pendidikan",
         "f1 f3 f6"),
        ("dian", 2, 1985, "Dian Permata Sari, S.Pd., M.Pd.", "Pengembang Program Peningkatan Mutu",
         "f2 f3 f7 f5"),
        ("qodir", 1, 1978, "Abdul Qodir Jaelani, S.Ag.", "Analis Kerja Sama Pendidikan",
         "f1 f4 f7"),
        ("theresia", 2, 1990, "Theresia Manurung, S.E.", "Pengelola Program dan Kegiatan",
         "f4 f5 f6"),
        ("gede", 1, 1995, "I Gede Made Suartana, S.Pd.", "Analis Peningkatan Mutu Pendidikan",
         "f1 f3 f7"),
    ],
    "SI": [
        ("eko", 1, 1980, "Eko Prasetyo, S.Kom., M.T.", "Kepala Seksi Sistem Informasi",
         "si1 si2 si3 si4"),
        ("rizki_si", 1, 1995, "Muhammad Rizki, S.Kom.", "Pranata Komputer Ahli Pertama",
         "s1 s2 s5"),
        ("fitri", 2, 1988, "Fitri Ramadhani, S.Kom.", "Pranata Komputer Ahli Muda", "s3 s4 s7 s6"),
        ("rahmat", 1, 1993, "Rahmat Hidayatullah, A.Md.", "Pranata Komputer Terampil", "s1 s2 s5"),
        ("indah", 2, 1991, "Indah Puspitasari, S.Si.", "Statistisi Ahli Pertama", "s4 s7 s3"),
        ("yohanes", 1, 1984, "Yohanes Kristianto, S.T.", "Pranata Komputer Ahli Muda",
         "s5 s6 s1 s2"),
    ],
    "WI": [
        ("mulyani", 2, 1966, "Dr. Sri Mulyani Rahayu, M.Pd.",
         "Widyaiswara Ahli Utama (Koordinator)", "wi1 wi2 wi3 wi4"),
        ("masud", 1, 1968, "Drs. H. Mas'ud Abdullah, M.Pd.", "Widyaiswara Ahli Madya",
         "w1 w2 w3 w4 w5"),
        ("hari", 1, 1971, "Dr. Hari Santoso, M.Si.", "Widyaiswara Ahli Madya", "w1 w2 w3 w6"),
        ("endang", 2, 1970, "Dra. Endang Sulistyowati, M.Pd.", "Widyaiswara Ahli Madya",
         "w1 w4 w5"),
        ("tri", 1, 1982, "Tri Budi Utomo, S.Pd., M.Pd.", "Widyaiswara Ahli Muda", "w1 w2 w5 w6"),
        ("umi", 2, 1985, "Umi Kalsum, S.Pd., M.Pd.", "Widyaiswara Ahli Muda", "w1 w4 w5"),
        ("marthen", 1, 1973, "Dr. Marthen Lumban Tobing, M.Hum.", "Widyaiswara Ahli Madya",
         "w1 w2 w3 w4 w5 w6"),
        ("khusnul", 2, 1990, "Khusnul Khotimah, S.Pd., M.Pd.", "Widyaiswara Ahli Pertama",
         "w1 w5 w6"),
    ],
    "FT": [
        ("budi", 1, 1977, "Budi Setiawan, S.Pd., M.Kom.", PTP + " Ahli Madya (Koordinator)",
         "ft1 ft2 ft3 ft4"),
        ("anisa", 2, 1994, "Anisa Rahmawati, S.Pd.", PTP + " Ahli Pertama", "t1 t4 t5"),
        ("rudi", 1, 1987, "Rudi Hartono, S.Kom.", PTP + " Ahli Muda", "t3 t6 t4"),
        ("maria", 2, 1996, "Maria Ulfa, S.Pd.", PTP + " Ahli Pertama", "t2 t4 t5"),
        ("dimas", 1, 1998, "Dimas Aditya Pratama, S.Sn.", PTP + " Ahli Pertama", "t1 t2 t5"),
        ("rohmah", 2, 1986, "Siti Rohmah, S.Pd., M.Pd.", PTP + " Ahli Muda", "t3 t4 t6 t2"),
    ],
}

SAH_DEFAULT = dt.date(TAHUN, 1, 15)  # signed at the Rakor Internal
SAH = {"kepala": dt.date(TAHUN, 1, 12), "hendra": dt.date(TAHUN, 1, 22),
       "theresia": dt.date(TAHUN, 2, 3),
       # PK not yet ratified:
       "rina": None, "wahyuni": None, "niluh": None, "gede": None, "rahmat": None,
       "khusnul": None}

# Sasaran per unit
S_MUTU = "Meningkatnya mutu satuan pendidikan dasar dan menengah di Provinsi Nusantara"
S_TATA = "Meningkatnya kualitas tata kelola dan akuntabilitas kinerja lembaga"
S_TU = "Terselenggaranya layanan administrasi umum, kepegawaian, dan keuangan yang akuntabel"
S_PMS = "Tersedianya data dan peta mutu pendidikan yang valid dan mutakhir"
S_FPMP = "Meningkatnya mutu satuan pendidikan melalui fasilitasi peningkatan mutu"
S_SI = "Meningkatnya kualitas layanan sistem informasi mutu pendidikan"
S_WI = "Meningkatnya kompetensi pendidik dan tenaga kependidikan"
S_FT = "Meningkatnya pemanfaatan teknologi dalam pembelajaran"

_ = None  # "not measured this quarter", keeps the target tables aligned
# key: (sasaran, indikator, satuan, polaritas, kumulatif, (TW I..IV), realisasi tahun lalu,
#       key of the superior's indicator it cascades to, bobot)
# target_tahun is derived: the last quarter for kumulatif "ya", the sum for "tidak".
INDICATORS = {
    # Kepala LPMP (IKU)
    "iku1": (S_MUTU, "Persentase satuan pendidikan yang melakukan pemetaan mutu", "%", "+", "ya",
             (25, 50, 80, 95), 91.5, _, 25),
    "iku2": (S_MUTU, "Persentase satuan pendidikan yang menindaklanjuti rekomendasi "
             "peningkatan mutu", "%", "+", "ya", (_, 30, _, 70), 62.0, _, 15),
    "iku3": (S_MUTU, "Jumlah rekomendasi peningkatan mutu pendidikan kepada pemerintah daerah",
             "dokumen", "+", "tidak", (_, 4, 4, 6), 12, _, 15),
    "iku4": (S_TATA, "Nilai SAKIP", "nilai", "+", "ya", (_, _, _, 78), 74.12, _, 15),
    "iku5": (S_TATA, "Indeks kepuasan layanan", "nilai", "+", "ya", (_, _, _, 85), 83.4, _, 15),
    "iku6": (S_TATA, "Jumlah temuan BPK berulang", "temuan", "-", "tidak", (0, 0, 0, 0), 1, _, 15),
    # Subbagian Umum
    "tu1": (S_TU, "Persentase realisasi anggaran", "%", "+", "ya", (15, 40, 60, 95), 93.41,
            "iku4", 25),
    "tu2": (S_TU, "Persentase dokumen perencanaan dan pelaporan kinerja yang disampaikan tepat "
            "waktu", "%", "+", "ya", (100, 100, 100, 100), 87.5, "iku4", 20),
    "tu3": (S_TU, "Jumlah temuan audit yang tidak ditindaklanjuti", "temuan", "-", "ya",
            (4, 3, 2, 1), 5, "iku6", 20),
    "tu4": (S_TU, "Rata-rata keterlambatan penyampaian laporan", "hari", "-", "ya",
            (3, 3, 2, 2), 4.5, "iku4", 15),
    "tu5": (S_TU, "Indeks kepuasan layanan administrasi", "nilai", "+", "ya", (_, _, _, 82),
            _, "iku5", 20),
    "kep1": (S_TU, "Persentase usulan kenaikan pangkat dan pensiun yang diproses tepat waktu",
             "%", "+", "ya", (100, 100, 100, 100), 96, "tu2", _),
    "kep2": (S_TU, "Jumlah dokumen SKP pegawai yang diverifikasi", "dokumen", "+", "tidak",
             (46, _, _, 46), 88, _, _),
    "kep3": (S_TU, "Rata-rata waktu penyelesaian layanan administrasi kepegawaian", "hari", "-",
             "ya", (5, 4, 4, 3), 6, "tu4", _),
    "kep4": (S_TU, "Persentase data kepegawaian SIASN yang mutakhir", "%", "+", "ya",
             (70, 80, 90, 100), 85, "tu5", _),
    "bend1": (S_TU, "Jumlah laporan pertanggungjawaban bendahara", "laporan", "+", "tidak",
              (3, 3, 3, 3), 12, "tu2", _),
    "bend2": (S_TU, "Rata-rata keterlambatan penyampaian LPJ bendahara", "hari", "-", "ya",
              (2, 2, 1, 1), 3, "tu4", _),
    "bend3": (S_TU, "Persentase SPM yang diterbitkan tanpa pengembalian dari KPPN", "%", "+",
              "ya", (95, 96, 97, 98), 94.2, "tu1", _),
    "bpk": (S_TU, "Jumlah temuan BPK berulang", "temuan", "-", "tidak", (0, 0, 0, 0), 0, "tu3", _),
    "keu1": (S_TU, "Jumlah laporan monitoring realisasi anggaran", "laporan", "+", "tidak",
             (3, 3, 3, 3), 12, "tu1", _),
    "keu2": (S_TU, "Persentase rekonsiliasi data keuangan yang selesai tepat waktu", "%", "+",
             "ya", (100, 100, 100, 100), 91.67, "tu1", _),
    "keu3": (S_TU, "Jumlah laporan keuangan triwulanan yang disusun", "laporan", "+", "tidak",
             (1, 1, 1, 1), 4, "tu2", _),
    "ren1": (S_TU, "Jumlah dokumen perencanaan dan penganggaran yang disusun", "dokumen", "+",
             "tidak", (2, 1, 1, 2), 6, "tu2", _),
    "ren2": (S_TU, "Jumlah laporan kinerja triwulan dan semester", "laporan", "+", "tidak",
             (1, 2, 1, 2), 5, "tu2", _),
    "ren3": (S_TU, "Nilai evaluasi internal SAKIP", "nilai", "+", "ya", (_, _, _, 80), 76.35,
             "tu2", _),
    "ars1": (S_TU, "Persentase arsip aktif yang tertata sesuai klasifikasi", "%", "+", "ya",
             (40, 60, 80, 100), 72.3, "tu2", _),
    "ars2": (S_TU, "Jumlah berkas arsip inaktif yang dipindahkan ke unit kearsipan", "berkas",
             "+", "tidak", (_, 250, _, 250), 410, _, _),
    "ars3": (S_TU, "Jumlah arsip yang dialihmediakan", "berkas", "+", "tidak",
             (100, 150, 150, 100), _, _, _),
    "adm1": (S_TU, "Jumlah surat masuk dan keluar yang diagendakan", "surat", "+", "tidak",
             (300, 300, 300, 300), 1134, "tu5", _),
    "adm2": (S_TU, "Persentase disposisi surat yang didistribusikan pada hari yang sama", "%",
             "+", "ya", (90, 92, 94, 95), 88.4, "tu5", _),
    "adm3": (S_TU, "Jumlah keluhan layanan persuratan", "keluhan", "-", "tidak", (2, 1, 1, 1),
             7, "tu5", _),
    "adm4": (S_TU, "Jumlah rapat yang difasilitasi", "kegiatan", "+", "tidak",
             (10, 15, 15, 10), 47, _, _),
    "bmn1": (S_TU, "Persentase BMN yang tercatat dalam aplikasi SAKTI", "%", "+", "ya",
             (90, 95, 98, 100), 97.8, "tu1", _),
    "bmn2": (S_TU, "Jumlah laporan BMN semesteran", "laporan", "+", "tidak", (_, 1, _, 1), 2,
             "tu2", _),
    "bmn3": (S_TU, "Jumlah selisih pencatatan BMN dengan neraca", "item", "-", "ya",
             (5, 3, 1, 0), 8, "tu3", _),
    "hum1": (S_TU, "Jumlah publikasi kegiatan lembaga di laman dan media sosial", "publikasi",
             "+", "tidak", (30, 40, 40, 30), 126, "tu5", _),
    "hum2": (S_TU, "Indeks kepuasan layanan informasi publik", "nilai", "+", "ya",
             (_, _, _, 85), 83.1, "tu5", _),
    "hum3": (S_TU, "Rata-rata waktu respons permohonan informasi publik", "hari", "-", "ya",
             (5, 5, 4, 3), 6, "tu4", _),
    # Seksi Pemetaan Mutu dan Supervisi
    "pms1": (S_PMS, "Persentase satuan pendidikan yang melakukan pemetaan mutu", "%", "+", "ya",
             (25, 50, 80, 95), 90.6, "iku1", 30),
    "pms2": (S_PMS, "Jumlah kabupaten/kota yang disupervisi pelaksanaan penjaminan mutunya",
             "kabupaten/kota", "+", "ya", (1, 3, 5, 6), 6, "iku1", 25),
    "pms3": (S_PMS, "Jumlah dokumen peta mutu pendidikan", "dokumen", "+", "tidak",
             (_, 2, _, 3), 4, "iku3", 25),
    "pms4": (S_PMS, "Persentase data rapor pendidikan yang tervalidasi", "%", "+", "ya",
             (20, 60, 90, 100), _, "iku1", 20),
    "pm1": (S_PMS, "Jumlah satuan pendidikan yang didampingi dalam pengisian instrumen "
            "pemetaan mutu", "satuan pendidikan", "+", "tidak", (120, 180, 150, 50), 460,
            "pms1", _),
    "pm2": (S_PMS, "Jumlah laporan supervisi penjaminan mutu", "laporan", "+", "tidak",
            (1, 2, 2, 1), 6, "pms2", _),
    "pm3": (S_PMS, "Persentase data hasil pemetaan mutu yang lolos verifikasi", "%", "+", "ya",
            (80, 85, 90, 95), 88.2, "pms4", _),
    "pm4": (S_PMS, "Jumlah dokumen analisis peta mutu per jenjang", "dokumen", "+", "tidak",
            (_, 2, _, 3), 4, "pms3", _),
    "pm5": (S_PMS, "Rata-rata keterlambatan pengolahan data pemetaan mutu", "hari", "-", "ya",
            (7, 5, 5, 3), 9, "pms4", _),
    "pm6": (S_PMS, "Jumlah satuan pendidikan dengan data tidak valid setelah verifikasi",
            "satuan pendidikan", "-", "tidak", (20, 15, 10, 5), 64, "pms4", _),
    "pm7": (S_PMS, "Persentase kabupaten/kota yang menerima umpan balik hasil supervisi", "%",
            "+", "ya", (_, 50, _, 100), 83.33, "pms2", _),
    # Seksi Fasilitasi Peningkatan Mutu Pendidikan
    "fp1": (S_FPMP, "Persentase satuan pendidikan yang menindaklanjuti rekomendasi peningkatan "
            "mutu", "%", "+", "ya", (_, 30, _, 70), 58.4, "iku2", 30),
    "fp2": (S_FPMP, "Jumlah rekomendasi peningkatan mutu pendidikan kepada pemerintah daerah",
            "dokumen", "+", "tidak", (_, 4, 4, 6), 12, "iku3", 25),
    "fp3": (S_FPMP, "Jumlah satuan pendidikan binaan yang difasilitasi", "satuan pendidikan",
            "+", "ya", (30, 90, 150, 180), 165, "iku2", 25),
    "fp4": (S_FPMP, "Persentase pemerintah daerah yang menyusun rencana aksi peningkatan mutu",
            "%", "+", "ya", (_, _, _, 80), _, "iku3", 20),
    "f1": (S_FPMP, "Jumlah satuan pendidikan yang didampingi menyusun rencana peningkatan mutu",
           "satuan pendidikan", "+", "tidak", (15, 30, 30, 15), 82, "fp3", _),
    "f2": (S_FPMP, "Jumlah dokumen rekomendasi peningkatan mutu yang disusun", "dokumen", "+",
           "tidak", (_, 2, 2, 3), 6, "fp2", _),
    "f3": (S_FPMP, "Persentase sekolah model yang mengimbaskan praktik baik", "%", "+", "ya",
           (_, 40, _, 75), 61.5, "fp1", _),
    "f4": (S_FPMP, "Jumlah kegiatan koordinasi dengan dinas pendidikan kabupaten/kota",
           "kegiatan", "+", "tidak", (2, 3, 3, 2), 9, "fp2", _),
    "f5": (S_FPMP, "Jumlah laporan fasilitasi yang terlambat disampaikan", "laporan", "-",
           "tidak", (1, 1, 1, 0), 5, "fp3", _),
    "f6": (S_FPMP, "Indeks kepuasan peserta fasilitasi", "nilai", "+", "ya", (_, _, _, 85),
           83.75, "fp1", _),
    "f7": (S_FPMP, "Jumlah pengawas dan kepala sekolah yang mengikuti bimbingan teknis "
           "peningkatan mutu", "orang", "+", "tidak", (_, 120, 120, 60), 280, "fp3", _),
    # Seksi Sistem Informasi
    "si1": (S_SI, "Persentase ketersediaan layanan sistem informasi", "%", "+", "ya",
            (99.5, 99.5, 99.5, 99.5), 98.7, "iku5", 30),
    "si2": (S_SI, "Jumlah aplikasi layanan data yang dikembangkan atau dimutakhirkan",
            "aplikasi", "+", "tidak", (_, 1, 1, 1), 2, "iku1", 25),
    "si3": (S_SI, "Rata-rata waktu penyelesaian gangguan layanan TIK", "jam", "-", "ya",
            (8, 6, 6, 4), 10.5, "iku5", 25),
    "si4": (S_SI, "Jumlah insiden keamanan informasi", "insiden", "-", "tidak", (1, 1, 0, 0), 4,
            "iku5", 20),
    "s1": (S_SI, "Jumlah tiket gangguan TIK yang diselesaikan", "tiket", "+", "tidak",
           (60, 60, 60, 60), 231, "si3", _),
    "s2": (S_SI, "Rata-rata waktu penyelesaian tiket gangguan", "jam", "-", "ya", (8, 6, 6, 4),
           10.5, "si3", _),
    "s3": (S_SI, "Jumlah modul aplikasi yang dikembangkan", "modul", "+", "tidak",
           (1, 2, 2, 1), 4, "si2", _),
    "s4": (S_SI, "Persentase data portal mutu pendidikan yang dimutakhirkan", "%", "+", "ya",
           (25.0, 50.0, 75.0, 100.0), 92.5, "si2", _),
    "s5": (S_SI, "Persentase ketersediaan jaringan internet kantor", "%", "+", "ya",
           (99.0, 99.0, 99.5, 99.5), 98.2, "si1", _),
    "s6": (S_SI, "Jumlah insiden keamanan informasi yang tidak tertangani", "insiden", "-",
           "tidak", (0, 0, 0, 0), 1, "si4", _),
    "s7": (S_SI, "Jumlah pegawai yang didampingi dalam penggunaan aplikasi", "orang", "+",
           "tidak", (20, 10, 10, 10), _, "si2", _),
    # Kelompok Fungsional Widyaiswara (members cascade to the Kepala's IKU)
    "wi1": (S_WI, "Jumlah pendidik dan tenaga kependidikan yang mengikuti peningkatan "
            "kompetensi", "orang", "+", "ya", (150, 600, 1000, 1200), 1080, "iku2", 30),
    "wi2": (S_WI, "Persentase peserta pelatihan yang mencapai nilai minimal", "%", "+", "ya",
            (_, 80, _, 85), 82.4, "iku2", 30),
    "wi3": (S_WI, "Jumlah karya tulis ilmiah dan modul yang dipublikasikan", "judul", "+",
            "tidak", (_, 2, _, 3), 4, "iku3", 15),
    "wi4": (S_WI, "Indeks kepuasan peserta pelatihan", "nilai", "+", "ya", (_, _, _, 88), 86.2,
            "iku5", 25),
    "w1": (S_WI, "Jumlah jam pelajaran melatih", "JP", "+", "tidak", (60, 120, 120, 60), 342,
           "iku2", _),
    "w2": (S_WI, "Jumlah modul pelatihan yang disusun", "modul", "+", "tidak", (_, 1, 1, _), 2,
           "iku2", _),
    "w3": (S_WI, "Jumlah karya tulis ilmiah yang dipublikasikan", "judul", "+", "tidak",
           (_, _, _, 1), 1, "iku3", _),
    "w4": (S_WI, "Rata-rata nilai evaluasi penyelenggaraan oleh peserta", "nilai", "+", "ya",
           (_, 85, _, 88), 86.9, "iku5", _),
    "w5": (S_WI, "Jumlah kegiatan pendampingan ke satuan pendidikan", "kegiatan", "+", "tidak",
           (2, 4, 4, 2), 10, "iku2", _),
    "w6": (S_WI, "Jumlah keluhan peserta terhadap penyajian materi", "keluhan", "-", "tidak",
           (1, 1, 1, 1), 3, "iku5", _),
    # Kelompok Fungsional Pengembang Teknologi Pembelajaran
    "ft1": (S_FT, "Jumlah konten pembelajaran digital yang dikembangkan", "konten", "+", "tidak",
            (5, 10, 10, 5), 24, "iku2", 30),
    "ft2": (S_FT, "Persentase satuan pendidikan binaan yang memanfaatkan platform pembelajaran "
            "digital", "%", "+", "ya", (20, 40, 60, 75), 52.3, "iku2", 25),
    "ft3": (S_FT, "Jumlah guru yang didampingi dalam pemanfaatan TIK untuk pembelajaran",
            "orang", "+", "ya", (50, 150, 250, 300), 240, "iku2", 25),
    "ft4": (S_FT, "Indeks kepuasan pengguna konten pembelajaran", "nilai", "+", "ya",
            (_, _, _, 85), _, "iku5", 20),
    "t1": (S_FT, "Jumlah video pembelajaran yang diproduksi", "video", "+", "tidak",
           (2, 4, 4, 2), 10, "ft1", _),
    "t2": (S_FT, "Jumlah modul ajar interaktif yang dikembangkan", "modul", "+", "tidak",
           (1, 2, 2, 1), 5, "ft1", _),
    "t3": (S_FT, "Jumlah guru yang didampingi dalam pemanfaatan TIK untuk pembelajaran",
           "orang", "+", "ya", (10, 30, 50, 60), 48, "ft3", _),
    "t4": (S_FT, "Persentase konten yang lolos uji kelayakan pada tahap pertama", "%", "+", "ya",
           (70, 75, 80, 85), 76.9, "ft1", _),
    "t5": (S_FT, "Jumlah revisi konten akibat kesalahan materi", "konten", "-", "tidak",
           (2, 1, 1, 0), 6, "ft1", _),
    "t6": (S_FT, "Jumlah kelas digital yang dikelola di platform pembelajaran", "kelas", "+",
           "ya", (5, 10, 15, 20), _, "ft2", _),
}

P_DIK = "Program Pendidikan Anak Usia Dini, Pendidikan Dasar, dan Pendidikan Menengah"
P_DM = "Program Dukungan Manajemen"
# handle: [(program, kegiatan, output, satuan_output, bulan_mulai, bulan_selesai,
#           (target output TW I..IV), pagu)]; handles not listed have no activity.
ACTIVITIES = {
    "kepala": [(P_DM, "Rapat koordinasi pimpinan dan evaluasi kinerja lembaga",
                "Laporan rapat koordinasi", "laporan", 1, 12, (1, 1, 1, 1), 120_000_000)],
    "kasubbag": [(P_DM, "Layanan perkantoran (operasional dan pemeliharaan kantor)",
                  "Layanan perkantoran", "layanan", 1, 12, (_, _, _, 1), 850_000_000)],
    "nuraini": [(P_DM, "Pengelolaan administrasi kepegawaian dan pengembangan kompetensi pegawai",
                 "Laporan layanan kepegawaian", "laporan", 1, 12, (1, 1, 1, 1), 95_000_000)],
    "maruf": [(P_DM, "Pengelolaan perbendaharaan dan pertanggungjawaban keuangan",
               "Laporan pertanggungjawaban bendahara", "laporan", 1, 12, (3, 3, 3, 3), 60_000_000)],
    "rina": [(P_DM, "Penyusunan laporan keuangan satuan kerja", "Laporan keuangan", "dokumen",
              1, 12, (1, 1, 1, 1), 75_000_000)],
    "rizki_tu": [(P_DM, "Penyusunan dokumen perencanaan, penganggaran, dan laporan kinerja",
                  "Dokumen perencanaan dan laporan kinerja", "dokumen", 1, 12, (3, 2, 2, 3),
                  110_000_000),
                 (P_DM, "Evaluasi internal akuntabilitas kinerja", "Laporan evaluasi internal",
                  "laporan", 10, 12, (_, _, _, 1), 55_000_000)],
    "dewi": [(P_DM, "Penataan dan alih media arsip", "Arsip tertata dan terdigitalisasi", "berkas",
              2, 11, (100, 150, 150, 100), 48_000_000)],
    "yuliana": [(P_DM, "Pengelolaan dan inventarisasi barang milik negara", "Laporan BMN",
                 "laporan", 1, 12, (_, 1, _, 1), 65_000_000),
                (P_DM, "Pemeliharaan gedung, peralatan, dan kendaraan dinas",
                 "Sarana dan prasarana terpelihara", "layanan", 1, 12, (_, _, _, 1), 420_000_000)],
    "aisyah": [(P_DM, "Publikasi dan layanan informasi publik", "Publikasi kegiatan lembaga",
                "publikasi", 1, 12, (30, 40, 40, 30), 85_000_000)],
    "hendra": [(P_DM, "Rekonsiliasi data keuangan dan BMN", "Berita acara rekonsiliasi", "dokumen",
                1, 12, (3, 3, 3, 3), 45_000_000)],
    "ratna": [(P_DIK, "Pemetaan mutu pendidikan dasar dan menengah", "Dokumen peta mutu pendidikan",
               "dokumen", 2, 11, (_, 2, _, 3), 650_000_000)],
    "kartika": [(P_DIK, "Validasi dan analisis data rapor pendidikan",
                 "Dokumen analisis rapor pendidikan", "dokumen", 4, 10, (_, 1, 1, _), 180_000_000)],
    "lestari": [(P_DIK, "Pengolahan data hasil pemetaan mutu", "Basis data peta mutu", "paket data",
                 3, 11, (_, 1, _, 1), 90_000_000)],
    "sutarno": [(P_DIK, "Fasilitasi penyusunan rekomendasi peningkatan mutu bagi pemerintah daerah",
                 "Dokumen rekomendasi", "dokumen", 4, 12, (_, 4, 4, 6), 320_000_000)],
    "wahyu": [(P_DIK, "Pendampingan sekolah model penjaminan mutu internal",
               "Sekolah model terdampingi", "sekolah", 2, 11, (15, 30, 30, 15), 540_000_000)],
    "nurul": [(P_DIK, "Pengimbasan praktik baik sekolah model ke sekolah imbas",
               "Laporan pengimbasan", "laporan", 5, 11, (_, 1, 1, 1), 210_000_000)],
    "dian": [(P_DIK, "Bimbingan teknis peningkatan mutu bagi pengawas dan kepala sekolah",
              "Peserta bimbingan teknis", "orang", 4, 10, (_, 120, 120, 60), 780_000_000)],
    "qodir": [(P_DIK, "Koordinasi peningkatan mutu dengan dinas pendidikan kabupaten/kota",
               "Laporan koordinasi", "laporan", 1, 12, (2, 3, 3, 2), 150_000_000)],
    "theresia": [(P_DIK, "Monitoring dan evaluasi program fasilitasi peningkatan mutu",
                  "Laporan monitoring dan evaluasi", "laporan", 6, 12, (_, 0, 1, 1), 120_000_000)],
    "gede": [(P_DIK, "Fasilitasi peningkatan mutu satuan pendidikan di daerah khusus",
              "Satuan pendidikan terfasilitasi", "satuan pendidikan", 7, 11, (_, _, 20, 10),
              260_000_000)],
    "eko": [(P_DIK, "Pengembangan dan pemeliharaan sistem informasi mutu pendidikan",
             "Sistem informasi yang beroperasi", "aplikasi", 1, 12, (_, 1, 1, 1), 380_000_000)],
    "rizki_si": [(P_DM, "Pemeliharaan perangkat TIK dan layanan helpdesk",
                  "Laporan layanan helpdesk TIK", "laporan", 1, 12, (1, 1, 1, 1), 95_000_000)],
    "fitri": [(P_DIK, "Pengembangan modul aplikasi penjaminan mutu", "Modul aplikasi", "modul", 2,
               11, (1, 2, 2, 1), 240_000_000)],
    "indah": [(P_DIK, "Pemutakhiran portal data mutu pendidikan", "Laporan pemutakhiran data",
               "laporan", 1, 12, (1, 1, 1, 1), 70_000_000)],
    "yohanes": [(P_DM, "Penyediaan dan pemeliharaan jaringan internet kantor",
                 "Layanan jaringan internet", "bulan layanan", 1, 12, (3, 3, 3, 3), 310_000_000),
                (P_DM, "Penguatan keamanan informasi dan pencadangan data",
                 "Laporan keamanan informasi", "laporan", 5, 12, (_, 1, _, 1), 85_000_000)],
    "mulyani": [(P_DIK, "Penyelenggaraan pelatihan peningkatan kompetensi pendidik dan tenaga "
                 "kependidikan", "Peserta pelatihan", "orang", 2, 11, (150, 450, 400, 200),
                 850_000_000)],
    "masud": [(P_DIK, "Pelatihan kepemimpinan kepala sekolah", "Kepala sekolah terlatih", "orang",
               3, 8, (40, 80, 40, _), 420_000_000),
              (P_DIK, "Penulisan karya tulis ilmiah hasil pelatihan", "Karya tulis ilmiah", "judul",
               9, 12, (_, _, 0, 1), 45_000_000)],
    "hari": [(P_DIK, "Penyusunan modul pelatihan pembelajaran mendalam", "Modul pelatihan", "modul",
              2, 6, (_, 2, _, _), 75_000_000)],
    "endang": [(P_DIK, "Pelatihan guru kelas awal bidang literasi dan numerasi", "Guru terlatih",
                "orang", 4, 9, (_, 100, 100, _), 380_000_000)],
    "tri": [(P_DIK, "Pendampingan implementasi kurikulum di satuan pendidikan",
             "Laporan pendampingan", "laporan", 2, 11, (2, 4, 4, 2), 160_000_000)],
    "umi": [(P_DIK, "Pelatihan guru bimbingan dan konseling", "Guru terlatih", "orang",
             7, 10, (_, _, 60, 20), 190_000_000)],
    "marthen": [(P_DIK, "Kajian dan publikasi hasil pengembangan kompetensi guru",
                 "Karya tulis ilmiah", "judul", 6, 12, (_, _, _, 2), 50_000_000)],
    "budi": [(P_DIK, "Pengembangan konten pembelajaran digital", "Konten pembelajaran digital",
              "konten", 1, 12, (5, 10, 10, 5), 480_000_000)],
    "anisa": [(P_DIK, "Produksi video pembelajaran", "Video pembelajaran", "video",
               2, 11, (2, 4, 4, 2), 135_000_000)],
    "rudi": [(P_DIK, "Pendampingan guru memanfaatkan platform pembelajaran digital",
              "Guru terdampingi", "orang", 3, 11, (10, 20, 20, 10), 110_000_000)],
    "maria": [(P_DIK, "Pengembangan modul ajar interaktif", "Modul ajar interaktif", "modul",
               2, 10, (1, 2, 2, 1), 95_000_000)],
    "dimas": [(P_DIK, "Pengelolaan studio produksi media pembelajaran", "Laporan layanan studio",
               "laporan", 1, 12, (1, 1, 1, 1), 160_000_000)],
    "rohmah": [(P_DIK, "Uji kelayakan konten pembelajaran", "Laporan uji kelayakan", "laporan",
                4, 12, (_, 1, 1, 1), 60_000_000)],
}

# Six kabupaten/kota supervised by the PMS staff: one activity each.
SUPERVISION = [("yusuf", "Kota Bandar Raya", 3, 5), ("yusuf", "Kabupaten Tanjung Sari", 4, 6),
               ("fajar", "Kabupaten Lembah Hijau", 5, 8), ("andi", "Kabupaten Pesisir Timur", 6, 9),
               ("andi", "Kota Karang Asri", 7, 10), ("niluh", "Kabupaten Bukit Jaya", 8, 11)]

HOLIDAYS = [  # approximate 2026 national holidays and cuti bersama
    ((1, 1), "Tahun Baru 2026 Masehi"), ((1, 16), "Isra Mikraj Nabi Muhammad SAW"),
    ((2, 16), "Cuti Bersama Tahun Baru Imlek"), ((2, 17), "Tahun Baru Imlek 2577 Kongzili"),
    ((3, 18), "Cuti Bersama Hari Suci Nyepi"), ((3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948"),
    ((3, 20), "Cuti Bersama Idul Fitri 1447 Hijriah"), ((3, 21), "Idul Fitri 1447 Hijriah"),
    ((3, 22), "Idul Fitri 1447 Hijriah"), ((3, 23), "Cuti Bersama Idul Fitri 1447 Hijriah"),
    ((3, 24), "Cuti Bersama Idul Fitri 1447 Hijriah"), ((4, 3), "Wafat Yesus Kristus"),
    ((4, 5), "Kebangkitan Yesus Kristus (Paskah)"), ((5, 1), "Hari Buruh Internasional"),
    ((5, 14), "Kenaikan Yesus Kristus"), ((5, 15), "Cuti Bersama Kenaikan Yesus Kristus"),
    ((5, 27), "Idul Adha 1447 Hijriah"), ((5, 31), "Hari Raya Waisak 2570 BE"),
    ((6, 1), "Hari Lahir Pancasila"), ((6, 16), "Tahun Baru Islam 1448 Hijriah"),
    ((8, 17), "Hari Kemerdekaan Republik Indonesia"), ((8, 25), "Maulid Nabi Muhammad SAW"),
    ((12, 24), "Cuti Bersama Hari Raya Natal"), ((12, 25), "Hari Raya Natal"),
    ((12, 26), "Cuti Bersama Hari Raya Natal"),
]

PREDIKAT = [(91, "Sangat Baik"), (76, "Baik"), (66, "Cukup"), (51, "Kurang"), (0, "Sangat Kurang")]


def make_nip(rng: random.Random, born_year: int, sex: int, used: set[str]) -> str:
    """A structurally valid, unused NIP: birth date, CPNS start, sex digit, sequence."""
    while True:
        born = dt.date(born_year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        cpns_year = rng.randint(born_year + 21, min(born_year + 32, TAHUN - 1))
        cpns_month = rng.choice((1, 2, 3, 4, 12))
        nip = f"{born:%Y%m%d}{cpns_year}{cpns_month:02d}{sex}{rng.randint(1, 12):03d}"
        if nip not in used:
            used.add(nip)
            return nip


def _targets(tws: tuple, kumulatif: str):
    given = [t for t in tws if t is not None]
    return given[-1] if kumulatif == "ya" else sum(given)


def build_example() -> dict[str, list[dict]]:
    """Rows of every sheet of the example master workbook, keyed by sheet name."""
    rng = random.Random(SEED)
    used = {KEPALA_NIP, ATASAN_KEPALA[1]}
    people = [(unit, *person) for unit, members in PEOPLE.items() for person in members]
    nips = {h: KEPALA_NIP if h == "kepala" else make_nip(rng, year, sex, used)
            for _unit, h, sex, year, *_rest in people}
    heads = {unit: members[0][0] for unit, members in PEOPLE.items()}  # kode_unit -> handle
    names = {h: nama for _unit, h, _sex, _year, nama, *_rest in people}

    def superior(handle: str, unit: str) -> str:
        if handle == "kepala":
            return ""
        if heads[unit] == handle or unit in REPORTS_TO_KEPALA:
            return "kepala"
        return heads[unit]

    asn, indikator, kegiatan = [], [], []
    codes: dict[str, dict[str, str]] = {}  # handle -> indicator key -> kode_indikator
    staff_no: Counter = Counter()
    activities = {h: list(v) for h, v in ACTIVITIES.items()}
    for handle, region, mulai, selesai in SUPERVISION:
        tw = tuple(1 if q == (selesai + 2) // 3 else _ for q in (1, 2, 3, 4))  # report at the end
        activities.setdefault(handle, []).append(
            (P_DIK, f"Supervisi pelaksanaan penjaminan mutu di {region}", "Laporan supervisi",
             "laporan", mulai, selesai, tw, 45_000_000 + 7_500_000 * (selesai - mulai + 1)))
    keg_no: Counter = Counter()
    for unit, handle, _sex, _year, nama, jabatan, keys in people:
        boss = superior(handle, unit)
        asn.append({"nip": nips[handle], "nama": nama, "jabatan": jabatan, "kode_unit": unit,
                    "nip_atasan": nips[boss] if boss else "",
                    "tanggal_sah": SAH.get(handle, SAH_DEFAULT)})
        if handle == "kepala":
            prefix = "IKU-"
        elif heads[unit] == handle:
            prefix = f"IK-{unit}-"
        else:
            staff_no[unit] += 1
            prefix = f"IKI-{unit}-{staff_no[unit]:02d}-"
        codes[handle] = {}
        for i, key in enumerate(keys.split(), start=1):
            sasaran, nama_ik, satuan, pol, kum, tws, lalu, induk, bobot = INDICATORS[key]
            kode = codes[handle][key] = f"{prefix}{i:02d}"
            indikator.append({
                "nip": nips[handle], "kode_indikator": kode, "sasaran": sasaran,
                "indikator": nama_ik, "satuan": satuan, "polaritas": pol, "kumulatif": kum,
                "target_tahun": _targets(tws, kum), "target_tw1": tws[0], "target_tw2": tws[1],
                "target_tw3": tws[2], "target_tw4": tws[3], "bobot": bobot,
                "realisasi_tahun_lalu": lalu,
                "kode_induk": codes[boss][induk] if induk else None})
        for prog, keg, output, satuan, mulai, selesai, tw, pagu in activities.get(handle, []):
            keg_no[unit] += 1
            kegiatan.append({
                "nip": nips[handle], "kode_kegiatan": f"KG-{unit}-{keg_no[unit]:02d}",
                "program": prog, "kegiatan": keg, "output": output,
                "satuan_output": satuan, "bulan_mulai": mulai, "bulan_selesai": selesai,
                "target_output_tw1": tw[0], "target_output_tw2": tw[1],
                "target_output_tw3": tw[2], "target_output_tw4": tw[3], "pagu": pagu})

    settings = [
        ("nama_lembaga", LEMBAGA), ("kota", "Jakarta"), ("tahun", TAHUN),
        ("kepala_nama", names["kepala"]), ("kepala_nip", KEPALA_NIP),
        ("kasubbag_nama", names[heads["TU"]]), ("kasubbag_nip", nips[heads["TU"]]),
        ("rumus_polaritas_negatif", "selisih"), ("target_nol", "dihitung"), ("batas_capaian", 120),
        ("batas_tw1", dt.date(2026, 4, 10)), ("batas_tw2", dt.date(2026, 7, 10)),
        ("batas_tw3", dt.date(2026, 10, 9)), ("batas_tw4", dt.date(2027, 1, 11)),
        ("atasan_kepala_nama", ATASAN_KEPALA[0]), ("atasan_kepala_nip", ATASAN_KEPALA[1]),
        ("atasan_kepala_jabatan", ATASAN_KEPALA[2]),
        ("tanggal_mulai_anggaran", dt.date(2026, 1, 2)),
    ]
    return {
        "Pengaturan": [{"kunci": k, "nilai": v} for k, v in settings],
        "Predikat": [{"batas_bawah": b, "predikat": p} for b, p in PREDIKAT],
        "Unit": [{"kode_unit": kode, "nama_unit": nama, "jenis": jenis,
                  "nip_kepala": nips[heads[kode]]} for kode, nama, jenis in UNITS],
        "ASN": asn,
        "Indikator": indikator,
        "Kegiatan": kegiatan,
        "Libur": [{"tanggal": dt.date(TAHUN, m, d), "keterangan": ket}
                  for (m, d), ket in HOLIDAYS],
    }


# ----------------------------------------------------------------------------- self-check

def _check_nip(nip: str) -> None:
    assert isinstance(nip, str) and len(nip) == 18 and nip.isdigit(), nip
    born = dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))  # raises if not a real date
    assert 1965 <= born.year <= 1998, nip
    cpns_year, cpns_month = int(nip[8:12]), int(nip[12:14])
    assert 1 <= cpns_month <= 12 and cpns_year >= born.year + 18, nip
    assert (cpns_year, cpns_month) <= (TAHUN, 1), nip
    assert nip[14] in "12" and 1 <= int(nip[15:]) <= 999, nip


def _check_targets(row: dict) -> None:
    tws = [row[f"target_tw{i}"] for i in (1, 2, 3, 4)]
    given = [t for t in tws if t is not None]
    assert given and row["target_tahun"] >= 0 and all(t >= 0 for t in given), row
    if row["kumulatif"] == "ya":
        assert given[-1] == row["target_tahun"], row
        if row["polaritas"] == "+":
            assert all(a <= b for a, b in zip(given, given[1:])), row
    else:
        assert row["kumulatif"] == "tidak" and sum(given) == row["target_tahun"], row
    assert row["polaritas"] in "+-" and len(row["polaritas"]) == 1, row


def self_check(data: dict[str, list[dict]]) -> None:
    assert data == build_example(), "not deterministic"
    for sheet, columns in COLUMNS.items():
        assert all(tuple(r) == columns for r in data[sheet]), sheet
    settings = {r["kunci"]: r["nilai"] for r in data["Pengaturan"]}
    assert settings["tahun"] == TAHUN and settings["batas_capaian"] == 120
    assert all(isinstance(settings[f"batas_tw{i}"], dt.date) for i in (1, 2, 3, 4))
    units = {r["kode_unit"]: r for r in data["Unit"]}
    asn = {r["nip"]: r for r in data["ASN"]}
    assert len(units) == len(data["Unit"]) >= 6 and len(asn) == len(data["ASN"]) >= 44
    assert {r["jenis"] for r in units.values()} == {"subbagian", "seksi", "kelompok fungsional",
                                                    "pimpinan"}
    for nip in [*asn, settings["atasan_kepala_nip"]]:
        _check_nip(nip)
    assert settings["atasan_kepala_nip"] not in asn
    assert asn[settings["kepala_nip"]]["nip_atasan"] == ""
    assert asn[settings["kasubbag_nip"]]["nama"] == settings["kasubbag_nama"]
    assert units[asn[settings["kasubbag_nip"]]["kode_unit"]]["jenis"] == "subbagian"
    for unit in units.values():
        assert asn[unit["nip_kepala"]]["kode_unit"] == unit["kode_unit"], unit
    assert [n for n, r in asn.items() if r["nip_atasan"] == ""] == [settings["kepala_nip"]]
    for r in asn.values():
        assert r["kode_unit"] in units and (r["nip_atasan"] == "" or r["nip_atasan"] in asn), r
        if r["nip"] in {u["nip_kepala"] for u in units.values()} and r["nip_atasan"]:
            assert r["nip_atasan"] == settings["kepala_nip"], r
    assert sum(r["tanggal_sah"] is None for r in asn.values()) == 6
    names = Counter(r["nama"] for r in asn.values())
    assert any(n >= 2 for n in names.values()), "no duplicate name"
    assert sum("'" in n for n in names) >= 3, "too few apostrophes"
    sexes = {p[3:5]: p[1] for members in PEOPLE.values() for p in members}
    assert all(nip[14] == str(sexes[r["nama"], r["jabatan"]]) for nip, r in asn.items())

    per_nip: dict[str, dict[str, dict]] = {}
    for row in data["Indikator"]:
        assert row["nip"] in asn, row
        assert row["kode_indikator"] not in per_nip.setdefault(row["nip"], {}), row
        per_nip[row["nip"]][row["kode_indikator"]] = row
        _check_targets(row)
    assert set(per_nip) == set(asn)
    assert all(3 <= len(v) <= 8 for v in per_nip.values())
    all_codes = [r["kode_indikator"] for r in data["Indikator"]]
    assert len(all_codes) == len(set(all_codes)), "kode_indikator should be globally unique"
    heads = {u["nip_kepala"] for u in units.values()}
    for nip, rows in per_nip.items():
        weights = [r["bobot"] for r in rows.values()]
        if nip in heads:
            assert all(w is not None for w in weights) and sum(weights) == 100, nip
        else:
            assert all(w is None for w in weights), nip
        for r in rows.values():
            if r["kode_induk"] is not None:
                assert r["kode_induk"] in per_nip[asn[nip]["nip_atasan"]], r
    rows = data["Indikator"]
    assert sum(r["polaritas"] == "-" for r in rows) >= 0.15 * len(rows)
    assert {r["kumulatif"] for r in rows} == {"ya", "tidak"}
    assert any(r["target_tahun"] == 0 and all(r[f"target_tw{i}"] == 0 for i in (1, 2, 3, 4))
               for r in rows)
    assert any(r["target_tw1"] is None and r["target_tw3"] is None for r in rows)
    assert any(r["realisasi_tahun_lalu"] is None for r in rows)

    keg_codes = set()
    for r in data["Kegiatan"]:
        assert r["nip"] in asn and (r["nip"], r["kode_kegiatan"]) not in keg_codes, r
        keg_codes.add((r["nip"], r["kode_kegiatan"]))
        assert 1 <= r["bulan_mulai"] <= r["bulan_selesai"] <= 12, r
        assert isinstance(r["pagu"], int) and 45_000_000 <= r["pagu"] <= 850_000_000, r
        for q in (1, 2, 3, 4):
            t = r[f"target_output_tw{q}"]
            assert t is None or t >= 0, r
            if t:  # output only in quarters overlapping the schedule
                assert r["bulan_mulai"] <= q * 3 and r["bulan_selesai"] >= q * 3 - 2, r
    per_person = Counter(r["nip"] for r in data["Kegiatan"])
    assert all(1 <= n <= 4 for n in per_person.values()) and len(per_person) > len(asn) / 2
    libur = [r["tanggal"] for r in data["Libur"]]
    assert len(libur) == len(set(libur)) and all(d.year == TAHUN for d in libur)


if __name__ == "__main__":
    example = build_example()
    for name, sheet_rows in example.items():
        print(f"{name:<11} {len(sheet_rows):>4} baris")
    ind = example["Indikator"]
    print(f"indikator negatif: {sum(r['polaritas'] == '-' for r in ind)}/{len(ind)}, "
          f"ASN dengan kegiatan: {len({r['nip'] for r in example['Kegiatan']})}, "
          f"total pagu: Rp {sum(r['pagu'] for r in example['Kegiatan']):,}".replace(",", "."))
    self_check(example)
    print("Semua pemeriksaan lolos.")
