"""The annual commands of ``poskinerja``: ``lkj`` (the annual Laporan Kinerja) and ``tahun-baru``
(next year's master from this one).

Registered by ``cli.build_parser``; the same thin style as ``cli``: one library
call per command, messages in Bahasa Indonesia, ``Gagal`` (exit 2) for usage problems.
"""
from __future__ import annotations

from pathlib import Path

from . import bersama as _cli


def cmd_tahun_baru(args) -> int:
    from ..siklus.tahun_baru import buat_tahun_baru

    master = _cli._load_master(args.master)
    if Path(args.keluar).resolve() == Path(args.master).resolve():
        raise _cli.Gagal("--keluar tidak boleh sama dengan master tahun ini; master lama tidak diubah.")
    if Path(args.keluar).exists() and not args.timpa:
        raise _cli.Gagal(f"{args.keluar} sudah ada; pakai --timpa untuk menggantinya.")
    hasil = buat_tahun_baru(master, args.rekap, args.keluar, rekomendasi=args.rekomendasi)
    lines = [f"Master tahun {hasil.tahun} ditulis: {hasil.master.resolve()}",
             f"  Realisasi tahun lalu terisi: {sum(v is not None for v in hasil.realisasi.values())} "
             f"dari {len(hasil.realisasi)} indikator",
             f"  Target dari lintasan Renstra: {len(hasil.target_renstra)}; disalin untuk ditetapkan: "
             f"{len(hasil.target_disalin)}",
             f"  Rekomendasi (RTL) dibawa: {len(hasil.rtl)}"]
    lines += [f"  Catatan: {c}" for c in hasil.catatan]
    lines += [f"    - {w}" for w in hasil.tanpa_realisasi[:20]]
    if len(hasil.tanpa_realisasi) > 20:
        lines.append(f"    - dan {len(hasil.tanpa_realisasi) - 20} lainnya")
    _cli._print(*lines)
    return _cli.EXIT_OK


def baris_tambahan_tahunan(master) -> str:
    """One line on the optional annual-report columns the master fills ("" when none): what
    ``periksa-master`` read, so the planner sees the Renstra, standards and links were taken."""
    items = [i for v in master.indikator.values() for i in v]
    parts = [(sum(i.target_renstra is not None for i in items), "indikator dengan target Renstra"),
             (sum(i.standar_nasional is not None for i in items), "dengan standar nasional"),
             (sum(bool(i.aturan_turunan) for i in items), "dengan aturan_turunan"),
             (sum(bool(k.kode_indikator) for v in master.kegiatan.values() for k in v),
              "kegiatan tertaut ke indikator"),
             (len(master.rtl), "rekomendasi tahun lalu (RTL)")]
    shown = [f"{n} {what}" for n, what in parts if n]
    return "Tambahan Laporan Kinerja tahunan: " + ", ".join(shown) + "." if shown else ""


def cmd_lkj(args) -> int:
    from ..dokumen.lkj import laporan_tahunan

    master = _cli._load_master(args.master)
    if not Path(args.rekap).is_dir():
        raise _cli.Gagal(f"Folder rekap tidak ditemukan: {args.rekap}")
    for folder in args.arsip or []:
        if not Path(folder).is_dir():
            raise _cli.Gagal(f"Folder arsip tidak ditemukan: {folder}")
    paths = laporan_tahunan(master, args.rekap, args.keluar, arsip=args.arsip or [],
                            rekomendasi=args.rekomendasi, template_dir=_template_dir(args), unit=args.unit,
                            kemajuan=_cli._Progress("Menulis laporan"))
    _cli._print(f"{len(paths)} draf Laporan Kinerja tahun {master.pengaturan.tahun} ditulis ke: "
                f"{Path(args.keluar).resolve()}", *[f"  - {p.name}" for p in paths])
    return _cli.EXIT_OK


def _template_dir(args):
    if args.template and not Path(args.template).is_dir():
        raise _cli.Gagal(f"Folder templat tidak ditemukan: {args.template}")
    return args.template


def add_parsers(sub) -> None:
    """Add the annual commands to the ``poskinerja`` subcommands."""
    p = sub.add_parser("lkj", help="Draf Laporan Kinerja tahunan lembaga dan per unit dengan tujuh analisis.",
                       description="Draf Laporan Kinerja tahunan (lembaga dan setiap unit) dari rekap TW I–IV "
                                   "tahun ini, rekap tahun-tahun sebelumnya (--arsip) dan Format Rekomendasi.",
                       epilog="contoh:\n  poskinerja lkj master.xlsx --rekap rekap --arsip \"Arsip 2025\" "
                              "--rekomendasi \"Format Rekomendasi 2026.xlsx\" --keluar lkj")
    p.set_defaults(func=cmd_lkj)
    _cli.tambah_master(p)
    p.add_argument("--rekap", required=True, metavar="DIR", help="folder rekap kompilasi TW I–IV tahun ini")
    p.add_argument("--arsip", action="append", metavar="DIR",
                   help="folder rekap tahun-tahun sebelumnya (boleh diulang; dicari sampai ke subfolder)")
    p.add_argument("--rekomendasi", metavar="FILE", help="Format Rekomendasi tahun ini (status RTL di lampiran)")
    p.add_argument("--unit", metavar="KODE", help="hanya laporan unit ini")
    p.add_argument("--keluar", "--keluaran", required=True, metavar="DIR", help="folder keluaran laporan tahunan")
    p.add_argument("--template", metavar="DIR", help="folder templat Word sendiri (bawaan: templat bawaan)")

    p = sub.add_parser("tahun-baru", help="Master tahun berikutnya dari master dan rekap tahun ini (langkah 7).",
                       description="Master tahun berikutnya: unit, ASN, indikator dan kegiatan dibawa; "
                                   "realisasi_tahun_lalu dari rekap TW I–IV; target dari lintasan Renstra; "
                                   "rekomendasi (RTL) dibawa ke lembar RTL.",
                       epilog="contoh:\n  poskinerja tahun-baru master.xlsx --rekap rekap "
                              "--rekomendasi \"Format Rekomendasi 2026.xlsx\" --keluar \"Master Kinerja 2027.xlsx\"")
    p.set_defaults(func=cmd_tahun_baru)
    _cli.tambah_master(p)
    p.add_argument("--rekap", required=True, metavar="DIR", help="folder rekap kompilasi tahun ini (dibaca saja)")
    p.add_argument("--keluar", required=True, metavar="FILE.xlsx", help="master tahun berikutnya")
    p.add_argument("--rekomendasi", metavar="FILE", help="Format Rekomendasi tahun ini (RTL) yang dibawa")
    p.add_argument("--timpa", action="store_true", help="ganti berkas --keluar bila sudah ada")
