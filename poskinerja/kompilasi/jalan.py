"""Kompilasi (SOP step 4): folder of returned forms → recap workbook + manifest.

The one function the CLI and the Excel button both call.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .. import __version__
from ..berkas.aman import uraian_os
from .generasi import Generasi, sha256_berkas
from ..formulir.kumpul import baca_folder
from ..formulir.pindai import pindai
from ..master.baca import muat_master
from ..inti.model import Master
from .rekap import STATUS_KIRIM_BELUM, HasilKompilasi, gabung
from .rekap_xlsx import nama_rekap, tulis_rekap
from ..inti.galat import PoskinerjaGagal


class KompilasiGagal(PoskinerjaGagal):
    """A setting makes the run impossible (message in Bahasa Indonesia)."""


@dataclass
class KeluaranKompilasi:
    hasil: HasilKompilasi
    rekap: Path
    manifest: Path
    durasi: float
    id_run: str = ""  # also in the recap (document property) and the manifest

    def ringkasan(self) -> dict:
        """Counts people ask for first, in one place for CLI, panel and demo."""
        h = self.hasil
        lengkap = sum(1 for a in h.asn if a["status_pengumpulan"] != STATUS_KIRIM_BELUM
                      and a["terisi"] == a["indikator_diukur"])
        belum = sum(1 for a in h.asn if a["status_pengumpulan"] == STATUS_KIRIM_BELUM)
        return {"berkas_dibaca": len(h.forms), "berkas_dilewati": len(h.skipped),
                "asn": len(h.asn), "asn_lengkap": lengkap, "asn_belum_lengkap": len(h.asn) - lengkap - belum,
                "asn_belum_mengumpulkan": belum, "terlambat": h.lembaga["terlambat"],
                "temuan": dict(sorted(h.jumlah_temuan().items()))}


def nama_manifest(tahun: int, triwulan: int) -> str:
    return f"kompilasi-{tahun}-TW{triwulan}.json"


def periksa_triwulan(triwulan) -> int:
    try:
        tw = int(triwulan)
    except (TypeError, ValueError):
        raise KompilasiGagal(f"Triwulan \"{triwulan}\" tidak valid; isi 1, 2, 3 atau 4.") from None
    if tw not in (1, 2, 3, 4):
        raise KompilasiGagal(f"Triwulan {tw} tidak valid; isi 1, 2, 3 atau 4.")
    return tw


def kumpulkan(master: Master | str | Path, folder: str | Path, triwulan: int,
              proses: Optional[int] = None, kemajuan: Optional[Callable[[int, int], None]] = None
              ) -> HasilKompilasi:
    """Read and merge the forms without writing anything (the quick completeness check).

    ``kemajuan(done, total)`` is called as files are read. Raises
    KompilasiGagal for impossible settings and MasterTidakValid for a bad master.
    """
    return kumpulkan_triwulan(master, folder, [triwulan], proses, kemajuan)[periksa_triwulan(triwulan)]


def folder_triwulan(folder: str | Path, triwulan: int) -> Optional[Path]:
    """Where quarter ``triwulan``'s forms are.

    A shared drive may hold one sub-folder per quarter (``TW1`` … ``TW4``,
    staff returning a fresh copy each quarter, so lateness is judged per
    quarter); then quarter n reads ``TWn`` only and None means that quarter
    has no folder yet. Otherwise the folder itself holds the forms.
    """
    folder = Path(folder)
    subfolders = {p.name.upper().replace(" ", ""): p for p in folder.iterdir() if p.is_dir()}
    if not any(f"TW{n}" in subfolders for n in (1, 2, 3, 4)):
        return folder
    return subfolders.get(f"TW{triwulan}")


def kumpulkan_triwulan(master: Master | str | Path, folder: str | Path, triwulan: list[int],
                       proses: Optional[int] = None, kemajuan: Optional[Callable[[int, int], None]] = None,
                       lewati_kosong: bool = False) -> dict[int, HasilKompilasi]:
    """Merge the forms for each quarter asked, reading each folder once (forms are yearly).

    With per-quarter sub-folders (see ``folder_triwulan``), a quarter without
    its sub-folder raises KompilasiGagal, or is left out with ``lewati_kosong``
    (the tracker and the evaluation look at whatever quarters exist).
    """
    quarters = sorted({periksa_triwulan(tw) for tw in triwulan})
    folder = Path(folder)
    if not folder.is_dir():
        raise KompilasiGagal(f"Folder formulir tidak ditemukan: {folder}")
    if not isinstance(master, Master):
        master = muat_master(master)
    sources: dict[Path, list[int]] = {}
    for tw in quarters:
        try:
            where = folder_triwulan(folder, tw)
        except OSError as exc:  # the folder itself unreadable: nothing to collect from
            raise KompilasiGagal(f"Folder formulir tidak dapat dibuka ({uraian_os(exc)}): {folder}") from None
        if where is None:
            if lewati_kosong:
                continue
            raise KompilasiGagal(f"Folder formulir triwulan {tw} tidak ditemukan: {folder / f'TW{tw}'} "
                                 f"(folder ini berisi sub-folder per triwulan).")
        sources.setdefault(where, []).append(tw)
    found = {where: _pindai(where) for where in sources}
    total = sum(len(f.files) for f in found.values())
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if kemajuan:
            kemajuan(done, total)

    result: dict[int, HasilKompilasi] = {}
    for where, tws in sources.items():
        forms = baca_folder(found[where].files, where, proses=proses, kemajuan=progress)
        for tw in tws:
            result[tw] = gabung(master, tw, forms, found[where], folder=str(where))
    return dict(sorted(result.items()))


def _pindai(where: Path):
    try:
        return pindai(where)
    except OSError as exc:
        raise KompilasiGagal(f"Folder formulir tidak dapat dibuka ({uraian_os(exc)}): {where}") from None


def kompilasi(master: Master | str | Path, folder: str | Path, triwulan: int, keluar: str | Path,
              proses: Optional[int] = None, kemajuan: Optional[Callable[[int, int], None]] = None,
              master_path: Optional[Path] = None) -> KeluaranKompilasi:
    """Collect, validate and merge the forms under ``folder`` for quarter ``triwulan``,
    then write the recap workbook and the manifest into ``keluar``.
    """
    start = time.perf_counter()
    if not isinstance(master, Master):
        master_path = Path(master)
        master = muat_master(master_path)
    tw = periksa_triwulan(triwulan)
    # The folder is held from the start: a second run is told at once, not after reading every form.
    with Generasi(keluar, "kompilasi") as gen:
        hasil = kumpulkan(master, folder, tw, proses=proses, kemajuan=kemajuan)
        out = _tulis_generasi(gen, hasil, master_path)
    out.durasi = time.perf_counter() - start
    return out


def _tulis_generasi(gen: Generasi, hasil: HasilKompilasi, master_path: Optional[Path]) -> KeluaranKompilasi:
    """Recap then manifest (which records the recap's sha256 and the run id), put in place together."""
    names = (nama_rekap(hasil.tahun, hasil.triwulan), nama_manifest(hasil.tahun, hasil.triwulan))
    staged = tulis_rekap(hasil, gen.sementara / names[0], id_run=gen.id_run)
    out = KeluaranKompilasi(hasil, gen.keluar / names[0], gen.keluar / names[1], 0.0, gen.id_run)
    payload = _manifest(out, master_path, sha256_berkas(staged))
    (gen.sementara / names[1]).write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str),
                                          encoding="utf-8")
    gen.pasang(names)
    return out


def _manifest(out: KeluaranKompilasi, master_path: Optional[Path], rekap_sha256: str) -> dict:
    h = out.hasil
    master_info = {"path": str(master_path.resolve()) if master_path else "",
                   "sha256": hashlib.sha256(master_path.read_bytes()).hexdigest() if master_path else ""}
    return {
        "alat": "poskinerja", "versi": __version__,
        "waktu": dt.datetime.now().isoformat(timespec="seconds"),
        "id_run": out.id_run,
        "tahun": h.tahun, "triwulan": h.triwulan, "folder": str(Path(h.folder).resolve()),
        "master": master_info,
        "rekap": out.rekap.name, "rekap_sha256": rekap_sha256,
        "berkas": [{"path": f.relpath, "ukuran": f.size,
                    "diubah": dt.datetime.fromtimestamp(f.mtime).isoformat(timespec="seconds"),
                    "sha256": f.sha256, "nip": f.nip, "terbaca": f.usable} for f in h.forms],
        "dilewati": [{"path": p, "alasan": why} for p, why in h.skipped],
        "jumlah": out.ringkasan(),
        "status_data": dict(sorted(Counter(r["status"] for r in h.data).items())),
        "temuan": [t.as_dict() for t in h.temuan],
    }
