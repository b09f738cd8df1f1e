"""Period arithmetic for the semester reports (SOP step 5).

Semester 1 covers TW I–II, semester 2 the whole year (TW I–IV). How an
indicator's quarters add up is declared by the indicator itself:

- *kumulatif*: targets and realisasi are running totals or positions at the
  end of each quarter, so the period's value is the one of the **last
  quarter measured** in the period (an empty quarterly target = not measured);
- *tidak kumulatif*: each quarter is an instalment, so the period's value is
  the **sum** over the quarters measured in the period.

A period value exists only when every quarter it needs has a usable
realisasi: a missing quarter is reported (status of that quarter), never
silently left out of a sum.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional

from .model import (ROMAWI, STATUS_BELUM, STATUS_KOSONG, STATUS_OK, STATUS_TIDAK_DIUKUR,
                    STATUS_TIDAK_VALID, Indikator, Master, batasi)
from .galat import PoskinerjaGagal

SEMESTER_TRIWULAN: dict[int, tuple[int, ...]] = {1: (1, 2), 2: (1, 2, 3, 4)}
# when several quarters are missing, the row shows the most serious status
_URUTAN_STATUS = (STATUS_TIDAK_VALID, STATUS_BELUM, STATUS_KOSONG)


class PeriodeTidakValid(PoskinerjaGagal, ValueError):
    """A semester or quarter that does not exist (message in Bahasa Indonesia)."""


def periksa_semester(semester: Any) -> int:
    try:
        s = int(semester)
    except (TypeError, ValueError):
        raise PeriodeTidakValid(f"Semester \"{semester}\" tidak valid; isi 1 atau 2.") from None
    if s not in SEMESTER_TRIWULAN:
        raise PeriodeTidakValid(f"Semester {s} tidak valid; isi 1 atau 2.")
    return s


def triwulan_semester(semester: int) -> tuple[int, ...]:
    """The quarters a semester report covers: 1 → (1, 2); 2 → (1, 2, 3, 4)."""
    return SEMESTER_TRIWULAN[periksa_semester(semester)]


def label_periode(semester: int) -> str:
    """``s.d. Semester I`` / ``s.d. Semester II`` (cut-off at the period's end)."""
    return f"s.d. Semester {ROMAWI[periksa_semester(semester)]}"


def triwulan_diukur(ind: Indikator, triwulan: tuple[int, ...]) -> tuple[int, ...]:
    """The quarters of ``triwulan`` in which ``ind`` is measured (has a target)."""
    return tuple(tw for tw in triwulan if ind.diukur(tw))


def target_periode(ind: Indikator, triwulan: tuple[int, ...]) -> Optional[float]:
    """Target for the period: last measured quarter's (kumulatif) or the sum (tidak).

    None when the indicator is not measured in any quarter of the period.
    """
    measured = triwulan_diukur(ind, triwulan)
    if not measured:
        return None
    if ind.kumulatif:
        return ind.target(measured[-1])
    return sum(ind.target(tw) for tw in measured)


def realisasi_periode(ind: Indikator, realisasi: Mapping[int, Optional[float]],
                      triwulan: tuple[int, ...]) -> Optional[float]:
    """Realisasi for the period from quarterly values (``{tw: value or None}``).

    kumulatif: the last measured quarter's value; tidak kumulatif: the sum of
    the measured quarters. None when a needed quarter has no value, or when
    nothing is measured in the period.
    """
    measured = triwulan_diukur(ind, triwulan)
    if not measured:
        return None
    needed = measured[-1:] if ind.kumulatif else measured
    values = [realisasi.get(tw) for tw in needed]
    if any(v is None for v in values):
        return None
    return values[0] if ind.kumulatif else sum(values)


def status_periode(ind: Indikator, status: Mapping[int, str], triwulan: tuple[int, ...]) -> str:
    """Status of the period row from the quarters' Data statuses."""
    measured = triwulan_diukur(ind, triwulan)
    if not measured:
        return STATUS_TIDAK_DIUKUR
    needed = measured[-1:] if ind.kumulatif else measured
    found = [status.get(tw, STATUS_BELUM) for tw in needed]
    for serious in _URUTAN_STATUS:
        if serious in found:
            return serious
    return STATUS_OK


def data_periode(master: Master, per_tw: Mapping[int, Any], semester: int) -> list[dict[str, Any]]:
    """One row per ASN × indicator for the semester, shaped like the recap's ``Data``.

    ``per_tw`` maps quarter → HasilKompilasi (or anything with ``.data``);
    a quarter that is needed but absent counts as not submitted. Rows can be
    aggregated with ``rekap.ringkas``.
    """
    triwulan = triwulan_semester(semester)
    by_key: dict[tuple[str, str], dict[int, dict]] = {}
    for tw, hasil in per_tw.items():
        if tw not in triwulan:
            continue
        for row in hasil.data:
            by_key.setdefault((row["nip"], row["kode_indikator"]), {})[tw] = row
    rows = []
    for asn in master.asn.values():
        unit = master.unit.get(asn.kode_unit)
        for ind in master.indikator.get(asn.nip, []):
            quarters = by_key.get((asn.nip, ind.kode), {})
            rule = master.rule(ind)
            target = target_periode(ind, triwulan)
            status = status_periode(ind, {tw: r["status"] for tw, r in quarters.items()}, triwulan)
            realisasi = None
            if status == STATUS_OK:
                realisasi = realisasi_periode(
                    ind, {tw: r["realisasi"] for tw, r in quarters.items()}, triwulan)
            capaian = rule.compute(target, realisasi) if realisasi is not None else None
            last = quarters.get(max(quarters)) if quarters else {}
            rows.append({
                "tahun": master.pengaturan.tahun, "semester": semester, "nip": asn.nip,
                "nama": asn.nama, "kode_unit": asn.kode_unit, "nama_unit": unit.nama if unit else "",
                "kode_indikator": ind.kode, "sasaran": ind.sasaran, "indikator": ind.indikator,
                "satuan": ind.satuan, "polaritas": ind.polaritas,
                "kumulatif": "ya" if ind.kumulatif else "tidak", "target_tahun": ind.target_tahun,
                "bobot": ind.bobot, "target": target, "realisasi": realisasi, "capaian": capaian,
                "capaian_dibatasi": batasi(capaian, master.pengaturan.batas_capaian),
                "predikat": master.skala.untuk(capaian), "status": status,
                "rumus_capaian": rule.rumus, "realisasi_tahun_lalu": ind.realisasi_tahun_lalu,
                "triwulan_diukur": triwulan_diukur(ind, triwulan),
                "kendala": "; ".join(dict.fromkeys(r["kendala"] for _, r in sorted(quarters.items())
                                                   if r.get("kendala"))),
                "tindak_lanjut": "; ".join(dict.fromkeys(r["tindak_lanjut"] for _, r in sorted(quarters.items())
                                                         if r.get("tindak_lanjut"))),
                "file_sumber": (last or {}).get("file_sumber", ""),
            })
    return rows
