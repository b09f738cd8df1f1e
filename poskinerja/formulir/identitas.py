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
- It equals the current prefill of *other* ASN, and those share no
  indicator or activity kode with the claimed NIP's current prefill: no
  revision of the claimed person's targets can explain it, the content was
  made for someone else. That is an identity mismatch.
- It equals the prefill of other ASN who share kode with the claimed one
  (institutes that give a group identical ``IKI-01``… rows): revising one
  member's targets makes that member's older form equal a colleague's
  current prefill, so it proves nothing. Not flagged; the shown NIP and
  the file name are still checked.

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

from . import kontrak as F
from ..inti.model import Master
from ..inti.temuan import Temuan, buat
from ..berkas.xlsx_baca import Grid, cell_ref, text

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


class AcuanSidik:
    """The master's current prefill per ASN, computed only as far as needed.

    A fingerprint costs tens of microseconds (``formulir.sidik``); in the usual
    run every form carries its own NIP's, so only the claimed NIPs are hashed.
    The fingerprint → owners table over all ASN is built once, the first time
    a form's fingerprint differs from its own NIP's.
    """

    def __init__(self, master: Master):
        self._master = master
        self._sidik: dict[str, str] = {}
        self._pemilik: dict[str, list[str]] | None = None

    def sidik(self, nip: str) -> str:
        if nip not in self._sidik:
            m = self._master
            known = nip in m.asn
            self._sidik[nip] = F.sidik(m.indikator.get(nip, []), m.kegiatan.get(nip, [])) if known else ""
        return self._sidik[nip]

    def kode(self, nip: str) -> frozenset[str]:
        m = self._master
        return frozenset([i.kode for i in m.indikator.get(nip, [])]
                         + [k.kode for k in m.kegiatan.get(nip, [])])

    def pemilik_lain(self, sidik: str, nip: str) -> list[str]:
        """Who else the fingerprint belongs to, when no revision of ``nip``'s prefill explains it."""
        if not sidik or sidik == self.sidik(nip):
            return []
        if self._pemilik is None:
            self._pemilik = {}
            for other in self._master.asn:
                self._pemilik.setdefault(self.sidik(other), []).append(other)
        owners = self._pemilik.get(sidik, [])
        if not owners or nip in owners:
            return []
        return [] if self.kode(nip) & self.kode(owners[0]) else owners


def periksa(form, acuan: AcuanSidik) -> list[Temuan]:
    """Every place of ``form`` (a read FormulirTerbaca) whose NIP disagrees with the metadata."""
    nip = form.nip
    meta = f'metadata formulir (lembar tersembunyi "{F.META_SHEET}" sel {form.sel_meta.get("nip", "")})'
    found = []

    def add(sumber: str, sheet: str = "", sel: str = "") -> None:
        found.append(buat(KODE, nip=nip, file=form.relpath, sheet=sheet, sel=sel, berkas=form.relpath,
                          sumber=sumber, metadata=meta))

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
    others = acuan.pemilik_lain(form.sidik, nip)
    if others:
        add(f"sidik isian praisi ({form.sidik}, sel {form.sel_meta.get('sidik', '')}) sama dengan isian "
            f"master milik NIP {_list(others)}", F.META_SHEET, form.sel_meta.get("sidik", ""))
    return found


def _list(nips: list[str], limit: int = 3) -> str:
    shown = ", ".join(nips[:limit])
    return shown + (f" dan {len(nips) - limit} lainnya" if len(nips) > limit else "")


def tidak_cocok(temuan: Iterable[Temuan]) -> set[str]:
    """Relative paths of the files with an identity mismatch among ``temuan``."""
    return {t.file for t in temuan if t.kode == KODE}


def urutan_pilih(form, suspect: set[str]) -> tuple[bool, float, str]:
    """Sort key for duplicates (highest wins): identity agrees, then the latest saved."""
    return (form.relpath not in suspect, form.mtime, form.relpath)

