"""The internal-evaluation worksheet (LKE, PermenPANRB 88/2021) as data, and
its scoring. No I/O here: ``evaluasi`` writes and reads the workbook.

Four components with their weights; each split into sub-components weighted
20/30/50 (exists / meets the standard / is used); each criterion answered
AA…E, worth a share of its sub-component.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

JAWABAN: dict[str, float] = {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0}
# Total score → predikat: strictly above the bound (AA > 90, A > 80–90, …, D ≤ 30).
SKALA_LKE: tuple[tuple[float, str], ...] = (
    (90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"), (float("-inf"), "D"))
SUB_BOBOT = {"a": 20.0, "b": 30.0, "c": 50.0}
SUB_NAMA = {"a": "Keberadaan", "b": "Kualitas (memenuhi standar)", "c": "Pemanfaatan"}


@dataclass(frozen=True)
class Kriteria:
    kode: str  # "1.a.3"
    uraian: str
    bukti_otomatis: str = ""  # key of the automatic evidence that informs it

    @property
    def komponen(self) -> int:
        return int(self.kode.split(".")[0])

    @property
    def sub(self) -> str:
        return self.kode.split(".")[1]


KOMPONEN: dict[int, tuple[str, float]] = {
    1: ("Perencanaan Kinerja", 30.0),
    2: ("Pengukuran Kinerja", 30.0),
    3: ("Pelaporan Kinerja", 15.0),
    4: ("Evaluasi Akuntabilitas Kinerja Internal", 25.0),
}

KRITERIA: tuple[Kriteria, ...] = (
    Kriteria("1.a.1", "Terdapat pedoman teknis perencanaan kinerja."),
    Kriteria("1.a.2", "Terdapat dokumen Perjanjian Kinerja (PK) seluruh ASN.", "pk"),
    Kriteria("1.a.3", "Terdapat rencana aksi (target triwulan) untuk setiap indikator.", "renaksi"),
    Kriteria("1.b.1", "PK seluruh ASN telah disahkan tepat waktu.", "pk"),
    Kriteria("1.b.2", "Target kinerja ditetapkan dengan baik (tidak terlalu rendah).", "target_rendah"),
    Kriteria("1.b.3", "Indikator ASN selaras (cascading) dengan indikator unit/lembaga.", "cascading"),
    Kriteria("1.c.1", "Anggaran dialokasikan untuk kegiatan yang mendukung kinerja.", "anggaran"),
    Kriteria("1.c.2", "Rencana aksi dipantau setiap triwulan.", "pengumpulan"),
    Kriteria("2.a.1", "Terdapat pedoman dan Format Pengukuran Kinerja serta Format Pemantauan."),
    Kriteria("2.a.2", "Pengukuran kinerja dilakukan berkala setiap triwulan oleh seluruh ASN.", "pengumpulan"),
    Kriteria("2.b.1", "Data kinerja lengkap dan dapat diandalkan.", "kelengkapan"),
    Kriteria("2.b.2", "Data kinerja dikumpulkan tepat waktu.", "ketepatan"),
    Kriteria("2.c.1", "Kendala hasil pengukuran ditindaklanjuti.", "tindak_lanjut"),
    Kriteria("2.c.2", "Capaian di bawah target dianalisis dan ditindaklanjuti.", "capaian_rendah"),
    Kriteria("3.a.1", "Laporan kinerja triwulan dan semester tersedia untuk setiap unit.", "laporan"),
    Kriteria("3.b.1", "Laporan menyajikan capaian, pembandingan dan analisis.", ""),
    Kriteria("3.b.2", "Realisasi anggaran selaras dengan kemajuan fisik kegiatan.", "serapan"),
    Kriteria("3.c.1", "Informasi laporan kinerja digunakan dalam pengambilan keputusan."),
    Kriteria("4.a.1", "Terdapat pedoman evaluasi internal dan Tim SPI."),
    Kriteria("4.b.1", "Evaluasi internal dilaksanakan sesuai pedoman dan menghasilkan rekomendasi."),
    Kriteria("4.c.1", "Rekomendasi evaluasi tahun lalu telah ditindaklanjuti."),
)


def bobot_kriteria(k: Kriteria) -> float:
    """A criterion's weight in the total: its sub-component's share, split evenly."""
    name, weight = KOMPONEN[k.komponen]
    siblings = sum(1 for other in KRITERIA if other.komponen == k.komponen and other.sub == k.sub)
    return weight * SUB_BOBOT[k.sub] / 100 / siblings


def nilai_kriteria(k: Kriteria, jawaban: Optional[str]) -> float:
    """Points a criterion earns; an unanswered one earns 0."""
    return bobot_kriteria(k) * JAWABAN.get((jawaban or "").upper(), 0.0) / 100


def predikat_lke(total: float) -> str:
    for bound, name in SKALA_LKE:
        if total > bound:
            return name
    return SKALA_LKE[-1][1]


@dataclass(frozen=True)
class SkorLKE:
    komponen: dict[int, float]
    sub: dict[tuple[int, str], float]
    total: float
    predikat: str


def hitung_skor(jawaban: dict[str, Optional[str]]) -> SkorLKE:
    """Scores from answers by criterion code (answers already validated)."""
    komponen = {k: 0.0 for k in KOMPONEN}
    sub: dict[tuple[int, str], float] = {}
    for k in KRITERIA:
        points = nilai_kriteria(k, jawaban.get(k.kode))
        komponen[k.komponen] += points
        sub[(k.komponen, k.sub)] = sub.get((k.komponen, k.sub), 0.0) + points
    total = sum(komponen.values())
    return SkorLKE(komponen, sub, total, predikat_lke(total))
