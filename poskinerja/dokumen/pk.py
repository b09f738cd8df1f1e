"""Perjanjian Kinerja (SOP steps 1–2): one draft PK per ASN, and the Register PK.

Pihak pertama is the ASN; pihak kedua is the superior from ``nip_atasan`` or,
for the head of the institute (no ``nip_atasan``), the level above configured
in ``Pengaturan`` (``atasan_kepala_*``). A PK is ``disahkan`` once the master
has its ``tanggal_sah``; drafts carry a visible "DRAF" label, ``final=True``
renders only ratified PKs, dated, without the label.

Files: ``<keluar>/<kode_unit>/PK <NIP> - <Nama>.docx`` (the SOP tracker looks
for ``PK <NIP>*.docx``) and ``<keluar>/Register PK <tahun>.xlsx``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from .. import __version__
from ..inti.angka import format_tanggal
from ..berkas.cetak_xlsx import siapkan_cetak
from ..berkas.aman import atomic_path, safe_name, unique_path
from .penyaji import TEMPLATE_PK, DokumenGagal, Penyaji, nomori
from ..inti.model import ASN, Master
from ..berkas.xlsx_tulis import new_workbook

STATUS_DRAF = "draf"
STATUS_DISAHKAN = "disahkan"
BELUM_DIISI = "[diisi: {}]"


@dataclass
class HasilPK:
    berkas: list[Path] = field(default_factory=list)  # the PK documents written
    register: Optional[Path] = None
    dilewati: list[str] = field(default_factory=list)  # NIPs not rendered (final: not ratified)


def nama_register(tahun: int) -> str:
    return f"Register PK {tahun}.xlsx"


def nama_berkas_pk(asn: ASN) -> str:
    """``PK <NIP> - <Nama>.docx``, legal on Windows (the tracker matches ``PK <NIP>``)."""
    return safe_name(f"PK {asn.nip} - {asn.nama}") + ".docx"


def status_pk(asn: ASN) -> str:
    return STATUS_DISAHKAN if asn.tanggal_sah else STATUS_DRAF


def pihak_kedua(master: Master, asn: ASN) -> dict[str, str]:
    """The superior who signs as pihak kedua (placeholders where the master lacks them)."""
    nama, nip, jabatan = master.atasan(asn) or ("", "", "")
    return {"nama": nama or BELUM_DIISI.format("nama atasan"), "nip": nip or BELUM_DIISI.format("NIP atasan"),
            "jabatan": jabatan or BELUM_DIISI.format("jabatan atasan")}


def _is_head_of_institute(master: Master, asn: ASN) -> bool:
    return asn.nip == master.pengaturan.kepala_nip or not asn.nip_atasan


def konteks_pk(master: Master, asn: ASN, final: bool = False) -> dict[str, Any]:
    """The jinja context of one PK (documented in docx_templates/README.md)."""
    p = master.pengaturan
    unit = master.unit.get(asn.kode_unit)
    indikator, last_sasaran = [], None
    for ind in master.indikator.get(asn.nip, []):
        indikator.append({"kode": ind.kode, "sasaran": ind.sasaran if ind.sasaran != last_sasaran else "",
                          "sasaran_lengkap": ind.sasaran, "indikator": ind.indikator, "satuan": ind.satuan,
                          "target_tahun": ind.target_tahun, "tw1": ind.target_tw[0], "tw2": ind.target_tw[1],
                          "tw3": ind.target_tw[2], "tw4": ind.target_tw[3],
                          "polaritas": ind.polaritas, "kumulatif": ind.kumulatif})
        last_sasaran = ind.sasaran
    kegiatan = [{"kode": k.kode, "program": k.program, "kegiatan": k.kegiatan, "output": k.output,
                 "pagu": k.pagu} for k in master.kegiatan.get(asn.nip, [])]
    kum = [i for i in master.indikator.get(asn.nip, []) if i.kumulatif]
    catatan = ("Indikator kumulatif (target triwulan berupa posisi s.d. akhir triwulan): "
               + ", ".join(i.kode for i in kum) + "." if kum else "")
    head = _is_head_of_institute(master, asn)
    return {
        "draf": not final, "final": final, "status": status_pk(asn),
        "nama_lembaga": p.nama_lembaga, "kota": p.kota, "tahun": p.tahun,
        "tanggal_sah": asn.tanggal_sah,
        "tanggal_teks": format_tanggal(asn.tanggal_sah) if asn.tanggal_sah
        else f"{'.' * 24} {p.tahun}",
        "pihak_pertama": {"nama": asn.nama, "nip": asn.nip, "jabatan": asn.jabatan},
        "pihak_kedua": pihak_kedua(master, asn),
        "kode_unit": asn.kode_unit, "nama_unit": unit.nama if unit else asn.kode_unit,
        "label_sasaran": ("Sasaran Strategis" if head else
                          "Sasaran Program" if unit is not None and unit.nip_kepala == asn.nip else "Sasaran Kegiatan"),
        "indikator": nomori(indikator), "kegiatan": nomori(kegiatan),
        "total_pagu": sum(k["pagu"] for k in kegiatan), "catatan_kumulatif": catatan,
        "versi": __version__,
    }


def buat_pk(master: Master, keluar: Path | str, unit: Optional[str] = None, nip: Optional[str] = None,
            final: bool = False, kemajuan: Optional[Callable[[int, int], None]] = None,
            template_dir: Optional[Path | str] = None, register: bool = True) -> HasilPK:
    """Write the PK of every chosen ASN under ``keluar/<kode_unit>/`` and the register.

    ``final``: only ratified PKs (with ``tanggal_sah``), dated and without the
    DRAF label; the others are listed in ``dilewati``. The register (unless
    ``register`` is False) lists every ASN of the master.
    """
    keluar = Path(keluar)
    penyaji = Penyaji(TEMPLATE_PK, template_dir)
    chosen = master.pilih_asn(unit, nip)
    if not chosen:
        raise DokumenGagal("Tidak ada ASN yang cocok dengan pilihan unit/NIP.")
    hasil = HasilPK()
    taken: dict[str, int] = {}
    for n, asn in enumerate(chosen, start=1):
        if final and asn.tanggal_sah is None:
            hasil.dilewati.append(asn.nip)
        else:
            dest = unique_path(keluar / safe_name(asn.kode_unit) / nama_berkas_pk(asn), taken)
            penyaji.tulis(konteks_pk(master, asn, final), dest)
            hasil.berkas.append(dest)
        if kemajuan:
            kemajuan(n, len(chosen))
    if register:
        hasil.register = tulis_register(master, keluar / nama_register(master.pengaturan.tahun), keluar)
    return hasil


def tulis_register(master: Master, dest: Path, keluar: Optional[Path] = None) -> Path:
    """``Register PK <tahun>.xlsx``: every ASN of the master, PK status and the file found.

    NIP is written as text. The file column names the PK found under
    ``keluar`` (any earlier run included), so the register reflects the disk.
    """
    found: dict[str, str] = {}
    if keluar is not None and keluar.exists():
        for path in sorted(keluar.rglob("PK *.docx")):
            nip = path.name[3:21]
            if nip.isdigit():
                found.setdefault(nip, str(path.relative_to(keluar)))
    p = master.pengaturan
    columns = ("No", "NIP", "Nama", "Jabatan", "Kode Unit", "Unit", "Pihak Kedua", "NIP Pihak Kedua",
               "Jumlah Indikator", "Jumlah Kegiatan", "Pagu (Rp)", "Status", "Tanggal Sah", "Berkas PK")
    with atomic_path(dest) as tmp:
        wb = new_workbook(tmp)
        title = wb.add_format({"bold": True, "font_size": 13, "font_color": "#1F4E78"})
        header = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1,
                                "text_wrap": True, "valign": "vcenter", "align": "center"})
        base = {"valign": "top", "border": 1, "border_color": "#A6A6A6", "text_wrap": True}
        cell = wb.add_format(base)
        nip_fmt = wb.add_format({**base, "num_format": "@"})
        money = wb.add_format({**base, "num_format": "#,##0"})
        date = wb.add_format({**base, "num_format": "dd/mm/yyyy"})
        draf = wb.add_format({**base, "bg_color": "#FFF2CC"})
        sah = wb.add_format({**base, "bg_color": "#E2EFDA"})
        ws = wb.add_worksheet("Register PK")
        ws.write_string(0, 0, f"Register Perjanjian Kinerja {p.nama_lembaga} Tahun {p.tahun}", title)
        disahkan = sum(1 for a in master.asn.values() if a.tanggal_sah)
        ws.write_string(1, 0, f"{disahkan} dari {len(master.asn)} PK disahkan; status \"disahkan\" bila "
                              f"kolom tanggal_sah di lembar ASN master terisi.")
        for c, name in enumerate(columns):
            ws.write_string(3, c, name, header)
        for r, asn in enumerate(master.asn.values(), start=4):
            unit = master.unit.get(asn.kode_unit)
            kedua = pihak_kedua(master, asn)
            status = status_pk(asn)
            ws.write_number(r, 0, r - 3, cell)
            ws.write_string(r, 1, asn.nip, nip_fmt)
            ws.write_string(r, 2, asn.nama, cell)
            ws.write_string(r, 3, asn.jabatan, cell)
            ws.write_string(r, 4, asn.kode_unit, cell)
            ws.write_string(r, 5, unit.nama if unit else "", cell)
            ws.write_string(r, 6, kedua["nama"], cell)
            ws.write_string(r, 7, kedua["nip"], nip_fmt)
            ws.write_number(r, 8, len(master.indikator.get(asn.nip, [])), cell)
            ws.write_number(r, 9, len(master.kegiatan.get(asn.nip, [])), cell)
            ws.write_number(r, 10, sum(k.pagu for k in master.kegiatan.get(asn.nip, [])), money)
            ws.write_string(r, 11, status, sah if status == STATUS_DISAHKAN else draf)
            if asn.tanggal_sah:
                ws.write_datetime(r, 12, dt.datetime.combine(asn.tanggal_sah, dt.time()), date)
            else:
                ws.write_blank(r, 12, None, cell)
            ws.write_string(r, 13, found.get(asn.nip, ""), cell)
        last = 3 + len(master.asn)
        for c, width in enumerate((5, 20, 26, 26, 8, 24, 26, 20, 10, 10, 15, 10, 11, 50)):
            ws.set_column(c, c, width)
        ws.freeze_panes(4, 3)
        ws.autofilter(3, 0, max(last, 4), len(columns) - 1)
        # printed without the file column (a path is for the screen); No–Nama repeated on every page
        siapkan_cetak(ws, f"Register PK {p.tahun}", len(columns) - 2, baris_judul=(3, 3), kolom_judul=(0, 2),
                      dari_baris=3)
        wb.close()
    return dest
