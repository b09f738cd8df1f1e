"""Is a returned form the person it says it is?

A form names its owner in four places:

- the very-hidden metadata sheet (``nip``): what kompilasi goes by, as the
  ▶ form contract says, so it is the reference the others are checked against;
- the NIP shown in the identity block of ``Pengukuran Kinerja`` and
  ``Pemantauan`` (locked cells, C4 in a form we wrote);
- the file name, when it carries an 18-digit NIP (``format`` names files
  ``<NIP> - <nama>.xlsx``; people also write ``19900101 201503 1 003``);
- the fingerprint ``sidik``: a hash of the person's *prefilled content* at
  the time the form was made (indicator kode, text, satuan, polarity,
  cumulative flag, targets; activity kode, name, pagu, output targets; see
  ``formulir.sidik``). It does not cover the NIP, the name or the unit.

What a fingerprint that differs from the master means, decided here:

- It differs from the current master's fingerprint of the *claimed* NIP and
  matches nobody's: the master was revised (a target changed, an indicator
  added) after the form was made, or a prefilled cell was edited. Both are
  normal or already reported cell by cell (PRAISI_DIUBAH), so it is **not**
  an identity problem and raises nothing here.
- It matches the current prefill of *another* ASN and not the claimed one:
  the content was made for that other person. That is an identity mismatch.

Any mismatch is one IDENTITAS_TIDAK_COCOK per place that disagrees. Such a
form is still used when it is the only one for its NIP (rows are matched by
Kode, so another person's indicators surface as INDIKATOR_HILANG /
INDIKATOR_TIDAK_DIKENAL rather than as values), but it never displaces a
form whose identity agrees (see ``rekap``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Iterable

from . import formulir as F
from .model import Master
from .temuan import Temuan, buat
from .xlsx_baca import Grid, cell_ref, text

KODE = "IDENTITAS_TIDAK_COCOK"
# 18 digits, optionally grouped as NIPs are printed: 8 (birth) 6 (CPNS) 1 (sex) 3 (sequence).
_NIP_DI_NAMA = re.compile(r"(?<!\d)(\d{8})[ ._-]?(\d{6})[ ._-]?(\d)[ ._-]?(\d{3})(?!\d)")
_LABEL_NIP = "NIP"


@dataclass(frozen=True)
class NipTampil:
    """The NIP shown on a data sheet; ``sel`` is empty when the label row is missing."""
    sheet: str
    sel: str
    nilai: str


def nip_nama_berkas(nama: str) -> list[str]:
    """The distinct NIPs written in a file name (its last part, without the suffix)."""
    stem = PurePath(nama).stem
    found = ["".join(m.groups()) for m in _NIP_DI_NAMA.finditer(stem)]
    return list(dict.fromkeys(found))


def nip_tampil(grid: Grid, sheet: str) -> NipTampil:
    """The identity block's NIP: label ``NIP`` in column A above the headers, value to its right."""
    for r, row in enumerate(grid[:F.HEADER_ROW]):
        if row and text(row[0]) == _LABEL_NIP:
            for c in range(1, min(len(row), 6)):
                if text(row[c]):
                    return NipTampil(sheet, cell_ref(r, c), _digits(row[c]))
            return NipTampil(sheet, cell_ref(r, 2), "")
    return NipTampil(sheet, "", "")


def _digits(value: Any) -> str:
    """A shown NIP as its digits (people add spaces: ``19900101 201503 1 003``)."""
    raw = text(value)
    squeezed = re.sub(r"[ .\-]", "", raw)
    return squeezed if squeezed.isdigit() else raw


def pemilik_sidik(master: Master) -> dict[str, list[str]]:
    """Fingerprint of each ASN's current prefill → the NIPs it belongs to."""
    owners: dict[str, list[str]] = {}
    for nip in master.asn:
        key = F.sidik(master.indikator.get(nip, []), master.kegiatan.get(nip, []))
        owners.setdefault(key, []).append(nip)
    return owners


def periksa(form, owners: dict[str, list[str]]) -> list[Temuan]:
    """Every place of ``form`` (a read FormulirTerbaca) whose NIP disagrees with the metadata."""
    nip = form.nip
    meta = f'metadata formulir (lembar tersembunyi "{F.META_SHEET}" sel {form.sel_meta.get("nip", "")})'
    found = []

    def add(sumber: str, sheet: str = "", sel: str = "") -> None:
        found.append(buat(KODE, nip=nip, file=form.relpath, sheet=sheet, sel=sel, sumber=sumber,
                          metadata=meta))

    for shown in form.nip_tampil:
        if not shown.sel:
            add(f'baris NIP tidak ditemukan pada blok identitas lembar "{shown.sheet}"', shown.sheet)
        elif shown.nilai != nip:
            isi = f"berisi NIP {shown.nilai}" if shown.nilai else "kosong"
            add(f'sel {shown.sel} lembar "{shown.sheet}" (NIP yang tampil di formulir) {isi}',
                shown.sheet, shown.sel)
    name = PurePath(form.relpath).name
    in_name = nip_nama_berkas(name)
    if in_name and nip not in in_name:
        add(f'nama berkas "{name}" memuat NIP {", ".join(in_name)}')
    others = _other_owners(form.sidik, nip, owners)
    if others:
        add(f"sidik isian praisi ({form.sidik}, sel {form.sel_meta.get('sidik', '')}) sama dengan isian "
            f"master milik NIP {_list(others)}",
            F.META_SHEET, form.sel_meta.get("sidik", ""))
    return found


def _other_owners(sidik: str, nip: str, owners: dict[str, list[str]]) -> list[str]:
    """Whose current prefill the fingerprint matches, when it is not the claimed NIP's."""
    matched = owners.get(sidik, [])
    return [] if not matched or nip in matched else matched


def _list(nips: Iterable[str], limit: int = 3) -> str:
    nips = list(nips)
    shown = ", ".join(nips[:limit])
    return shown + (f" dan {len(nips) - limit} lainnya" if len(nips) > limit else "")


def tidak_cocok(temuan: Iterable[Temuan]) -> set[str]:
    """Relative paths of the files with an identity mismatch among ``temuan``."""
    return {t.file for t in temuan if t.kode == KODE}


def urutan_pilih(form, suspect: set[str]) -> tuple[bool, float, str]:
    """Sort key for duplicates (highest wins): identity agrees, then the latest saved."""
    return (form.relpath not in suspect, form.mtime, form.relpath)

