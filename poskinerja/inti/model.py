"""Domain model: units, ASN, indicators, activities, and the capaian rules.

The capaian rules are defined here once, each with its Python computation and
the Excel formula written into the forms, side by side, so both always agree
(tests recalculate forms in LibreOffice and compare).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Callable, Optional

TRIWULAN = (1, 2, 3, 4)
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
         "Agustus", "September", "Oktober", "November", "Desember")

# Status of one ASN × indicator value in a quarter (the ▶ Data contract).
STATUS_OK = "ok"
STATUS_KOSONG = "kosong"
STATUS_TIDAK_VALID = "tidak_valid"
STATUS_BELUM = "belum_mengumpulkan"
STATUS_TIDAK_DIUKUR = "tidak_diukur"

STATUS_KEGIATAN = ("Belum mulai", "Berjalan", "Selesai", "Tertunda")


# What a target of 0 (e.g. "Jumlah temuan audit berulang: 0") yields, set in Pengaturan ``target_nol``.
# ``dihitung``: negative polarity, realisasi 0 is 100 % and anything above 0 is 0 %; positive
# polarity, any realisasi (≥ 0) meets the target, 100 %. ``tidak_dihitung``: no ratio, no capaian
# ("-"), left out of averages. SAKIP practice reports such indicators as achieved or not and counts
# them, so ``dihitung`` is the default (README, Pengaturan).
TARGET_NOL_DIHITUNG = "dihitung"
TARGET_NOL_TIDAK = "tidak_dihitung"
TARGET_NOL = (TARGET_NOL_DIHITUNG, TARGET_NOL_TIDAK)
TARGET_NOL_BAKU = TARGET_NOL_DIHITUNG
# What the form's capaian cell says when the realisasi entry cannot be read (kompilasi: tidak_valid).
CAPAIAN_ISIAN_TIDAK_VALID = "isian tidak valid"


def uraian_target_nol(target_nol: str, jumlah: int) -> str:
    """One Indonesian line saying which target-0 rule applies to ``jumlah`` indicators, and why."""
    if target_nol == TARGET_NOL_DIHITUNG:
        aturan = ("dihitung — polaritas -: realisasi 0 = 100 %, di atas 0 = 0 %; polaritas +: 100 %. "
                  "Ini praktik SAKIP: indikator bertarget nol dinilai tercapai atau tidak dan ikut "
                  "dirata-rata")
    else:
        aturan = "tidak_dihitung — capaian \"-\", tidak ikut dirata-rata"
    return (f"Target 0 ({jumlah} indikator): {aturan}. Ubah dengan kunci target_nol di lembar "
            f"Pengaturan ({' atau '.join(TARGET_NOL)}).")


@dataclass(frozen=True)
class CapaianRule:
    """One way of turning target and realisasi into capaian (%).

    ``compute`` and ``excel`` express the same arithmetic, in the same order of
    operations, so Python and the spreadsheet give bit-identical doubles.
    ``guard`` names the operand whose zero leaves the ratio without a value.
    ``target_nol`` says what a target of 0 gives (see TARGET_NOL above).
    """
    name: str
    rumus: str  # human-readable, printed beside every number it produced
    guard: str  # "target" or "realisasi"
    compute_fn: Callable[[float, float], float]
    excel_template: str  # with {t} and {r} placeholders
    target_nol: str = TARGET_NOL_TIDAK

    @property
    def negatif(self) -> bool:
        return self.name in NEGATIVE_RULES

    def compute(self, target: float, realisasi: float) -> Optional[float]:
        """Capaian in percent, or None when there is no ratio ("tidak dapat dihitung")."""
        if target == 0 and self.target_nol == TARGET_NOL_DIHITUNG:
            met = realisasi == 0 if self.negatif else realisasi >= 0
            return 100.0 if met else 0.0
        if (target if self.guard == "target" else realisasi) == 0:
            return None
        return self.compute_fn(target, realisasi)

    def excel(self, t: str, r: str) -> str:
        """Formula body for cells ``t`` (target) and ``r`` (realisasi as read: ``angka.nilai_excel``).

        Blank realisasi or target gives "" (nothing to show yet); an entry that cannot be read
        (text in ``r``) says so; a zero guard gives "-" rather than #DIV/0!.
        """
        guard = t if self.guard == "target" else r
        expr = self.excel_template.format(t=t, r=r)
        core = f'IF({guard}=0,"-",{expr})'
        if self.target_nol == TARGET_NOL_DIHITUNG:
            met = f"{r}=0" if self.negatif else f"{r}>=0"
            core = f"IF({t}=0,IF({met},100,0),{core})"
        return f'IF(OR({r}="",{t}=""),"",IF(ISTEXT({r}),"{CAPAIAN_ISIAN_TIDAK_VALID}",{core}))'

    def rumus_untuk(self, targets) -> str:
        """``rumus``, plus the target-0 rule when one of ``targets`` is 0 and it applies."""
        if self.target_nol != TARGET_NOL_DIHITUNG or not any(t == 0 for t in targets if t is not None):
            return self.rumus
        if self.negatif:
            return f"{self.rumus}; target 0: realisasi 0 = 100 %, di atas 0 = 0 %"
        return f"{self.rumus}; target 0: 100 % untuk realisasi berapa pun"


RULES: dict[str, CapaianRule] = {
    rule.name: rule for rule in (
        CapaianRule("positif", "realisasi / target × 100", "target",
                    lambda t, r: r / t * 100, "{r}/{t}*100"),
        CapaianRule("selisih", "(2 × target − realisasi) / target × 100", "target",
                    lambda t, r: (2 * t - r) / t * 100, "(2*{t}-{r})/{t}*100"),
        CapaianRule("rasio", "target / realisasi × 100", "realisasi",
                    lambda t, r: t / r * 100, "{t}/{r}*100"),
    )
}
NEGATIVE_RULES = ("selisih", "rasio")


def rule_for(polaritas: str, rumus_negatif: str, target_nol: str = TARGET_NOL_BAKU) -> CapaianRule:
    """The rule an indicator uses: positive polarity always ``positif``; ``target_nol`` from Pengaturan."""
    base = RULES["positif"] if polaritas == "+" else RULES[rumus_negatif]
    return replace(base, target_nol=target_nol)


@dataclass(frozen=True)
class Predikat:
    batas_bawah: float
    nama: str


@dataclass(frozen=True)
class SkalaPredikat:
    """Rating scale as data (sheet ``Predikat``): highest lower bound first."""
    tingkat: tuple[Predikat, ...]

    @classmethod
    def dari(cls, rows: list[tuple[float, str]]) -> "SkalaPredikat":
        return cls(tuple(sorted((Predikat(b, n) for b, n in rows),
                                key=lambda p: p.batas_bawah, reverse=True)))

    def untuk(self, capaian: Optional[float]) -> str:
        if capaian is None:
            return ""
        for p in self.tingkat:
            if capaian >= p.batas_bawah:
                return p.nama
        return self.tingkat[-1].nama if self.tingkat else ""

    @property
    def nama(self) -> list[str]:
        return [p.nama for p in self.tingkat]


SKALA_BAKU = SkalaPredikat.dari([(91, "Sangat Baik"), (76, "Baik"), (66, "Cukup"),
                                 (51, "Kurang"), (0, "Sangat Kurang")])


@dataclass(frozen=True)
class Unit:
    kode: str
    nama: str
    jenis: str
    nip_kepala: str


@dataclass(frozen=True)
class ASN:
    nip: str
    nama: str
    jabatan: str
    kode_unit: str
    nip_atasan: str
    tanggal_sah: Optional[dt.date] = None


@dataclass(frozen=True)
class Indikator:
    nip: str
    kode: str
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str  # "+" or "-"
    kumulatif: bool
    target_tahun: float
    target_tw: tuple[Optional[float], Optional[float], Optional[float], Optional[float]]
    bobot: Optional[float] = None
    realisasi_tahun_lalu: Optional[float] = None
    kode_induk: str = ""
    # Optional: the Renstra's final target and its final year, a national standard
    # with its source, and how a parent indicator is derived from its children (ATURAN_TURUNAN).
    target_renstra: Optional[float] = None
    tahun_renstra: Optional[int] = None
    standar_nasional: Optional[float] = None
    sumber_standar: str = ""
    aturan_turunan: str = ""

    def target(self, triwulan: int) -> Optional[float]:
        return self.target_tw[triwulan - 1]

    def diukur(self, triwulan: int) -> bool:
        return self.target_tw[triwulan - 1] is not None


@dataclass(frozen=True)
class Kegiatan:
    nip: str
    kode: str
    program: str
    kegiatan: str
    output: str
    satuan_output: str
    bulan_mulai: int
    bulan_selesai: int
    target_output_tw: tuple[Optional[float], Optional[float], Optional[float], Optional[float]]
    pagu: float
    kode_indikator: tuple[str, ...] = ()  # the indicators this activity serves (optional)


@dataclass(frozen=True)
class Pengaturan:
    nama_lembaga: str
    kota: str
    tahun: int
    kepala_nama: str
    kepala_nip: str
    kasubbag_nama: str
    kasubbag_nip: str
    rumus_polaritas_negatif: str = "selisih"
    target_nol: str = TARGET_NOL_BAKU
    batas_capaian: Optional[float] = None
    batas_tw: tuple[Optional[dt.date], ...] = (None, None, None, None)
    atasan_kepala_nama: str = ""
    atasan_kepala_nip: str = ""
    atasan_kepala_jabatan: str = ""
    tanggal_mulai_anggaran: Optional[dt.date] = None
    tahun_akhir_renstra: Optional[int] = None  # default Renstra final year for every indicator


@dataclass(frozen=True)
class RencanaTindakLanjut:
    """A recommendation carried from last year's RTL (optional master sheet ``RTL``)."""
    id: str
    tahun_asal: int
    kode_unit: str
    kode_indikator: str
    rekomendasi: str
    status: str
    tindak_lanjut: str = ""


@dataclass
class Master:
    """Everything read from the master workbook, with lookups."""
    pengaturan: Pengaturan
    skala: SkalaPredikat
    unit: dict[str, Unit]
    asn: dict[str, ASN]
    indikator: dict[str, list[Indikator]]  # by NIP, master order
    kegiatan: dict[str, list[Kegiatan]]  # by NIP, master order
    libur: dict[dt.date, str] = field(default_factory=dict)
    rtl: list[RencanaTindakLanjut] = field(default_factory=list)

    def rule(self, ind: Indikator) -> CapaianRule:
        return rule_for(ind.polaritas, self.pengaturan.rumus_polaritas_negatif, self.pengaturan.target_nol)

    def asn_unit(self, kode_unit: str) -> list[ASN]:
        return [a for a in self.asn.values() if a.kode_unit == kode_unit]

    def atasan(self, asn: ASN) -> Optional[tuple[str, str, str]]:
        """(nama, nip, jabatan) of who signs above ``asn``: the superior from ``nip_atasan``, or for
        the head of the institute the level above set in Pengaturan; None when the master lacks it."""
        p = self.pengaturan
        if asn.nip_atasan:
            above = self.asn.get(asn.nip_atasan)
            return (above.nama, above.nip, above.jabatan) if above else None
        if p.atasan_kepala_nama or p.atasan_kepala_jabatan:
            return p.atasan_kepala_nama, p.atasan_kepala_nip, p.atasan_kepala_jabatan
        return None

    def pilih_asn(self, unit: Optional[str] = None, nip: Optional[str] = None) -> list[ASN]:
        """ASN selected by unit and/or NIP (None: all), in master order."""
        return [a for a in self.asn.values()
                if (unit is None or a.kode_unit == unit) and (nip is None or a.nip == nip)]

    def masalah_pilihan(self, unit: Optional[str] = None, nip: Optional[str] = None) -> Optional[str]:
        """Why a unit/NIP choice selects nobody (Bahasa Indonesia), or None when it is fine."""
        if unit and unit not in self.unit:
            return f"Unit {unit} tidak ada di master. Pilihan: {', '.join(self.unit)}"
        if nip and nip not in self.asn:
            return f"NIP {nip} tidak ada di master."
        if not self.pilih_asn(unit, nip):
            return f"NIP {nip} bukan anggota unit {unit}."
        return None


def serapan(pagu: Optional[float], realisasi: Optional[float]) -> Optional[float]:
    """Budget absorption in percent; None without a pagu or a realisasi."""
    if not pagu or realisasi is None:
        return None
    return realisasi / pagu * 100


def batasi(capaian: Optional[float], batas: Optional[float]) -> Optional[float]:
    """Cap capaian for aggregation (the uncapped value is kept elsewhere)."""
    if capaian is None or batas is None:
        return capaian
    return min(capaian, batas)


def serapan_excel(pagu: str, realisasi_range: str) -> str:
    """The form's serapan formula, the same rule as ``serapan`` (percent)."""
    return (f'IF(OR({pagu}="",{pagu}=0),"-",IF(COUNT({realisasi_range})=0,"",'
            f'SUM({realisasi_range})/{pagu}*100))')


@dataclass(frozen=True)
class AturanTurunan:
    """How a parent indicator with no own measurement is derived from its children's values."""
    name: str
    rumus: str  # printed beside every derived figure
    compute_fn: Callable[[list[float], list[float]], float]

    def compute(self, nilai: list[Optional[float]], bobot: Optional[list[Optional[float]]] = None
                ) -> Optional[float]:
        """The derived value, or None when any child lacks a value (never a partial result)."""
        if not nilai or any(v is None for v in nilai):
            return None
        weights = [1.0 if w is None else w for w in (bobot or [None] * len(nilai))]
        if self.name == "rata_tertimbang" and not sum(weights):
            return None
        return self.compute_fn(list(nilai), weights)


ATURAN_TURUNAN: dict[str, AturanTurunan] = {
    a.name: a for a in (
        AturanTurunan("jumlah", "jumlah realisasi indikator turunan", lambda v, w: sum(v)),
        AturanTurunan("rata", "rata-rata realisasi indikator turunan", lambda v, w: sum(v) / len(v)),
        AturanTurunan("rata_tertimbang", "Σ(bobot × realisasi) / Σ bobot indikator turunan",
                      lambda v, w: sum(x * b for x, b in zip(v, w)) / sum(w)),
        AturanTurunan("terakhir", "realisasi indikator turunan terakhir (urutan master)", lambda v, w: v[-1]),
    )
}


def target_lintasan(target_tahun: float, target_renstra: Optional[float], tahun: int,
                    tahun_renstra: Optional[int]) -> Optional[float]:
    """Next year's target on a straight line from this year's target to the Renstra's final one;
    None when the Renstra gives no target or has already ended."""
    if target_renstra is None or tahun_renstra is None or tahun_renstra <= tahun:
        return None
    return target_tahun + (target_renstra - target_tahun) / (tahun_renstra - tahun)
