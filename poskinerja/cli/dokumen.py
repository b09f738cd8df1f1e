"""The document commands of ``poskinerja``: ``pk`` and ``laporan``.

Registered by ``cli.build_parser`` with ``add_parsers(sub)``; the same thin
style as ``cli``: one library call per command, messages in Bahasa Indonesia,
``Gagal`` (exit 2, reported by ``cli.main``) for usage problems, progress on stderr.
"""
from __future__ import annotations

from pathlib import Path

from . import bersama as _cli
from ..inti.argumen import semester, triwulan


def _template_dir(args):
    if args.template and not Path(args.template).is_dir():
        raise _cli.Gagal(f"Folder templat tidak ditemukan: {args.template}")
    return args.template


def cmd_pk(args) -> int:
    from ..dokumen.pk import buat_pk

    master = _cli._load_master(args.master)
    if problem := master.masalah_pilihan(args.unit, args.nip):
        raise _cli.Gagal(problem)
    hasil = buat_pk(master, args.keluar, unit=args.unit, nip=args.nip, final=args.final,
                    kemajuan=_cli._Progress("Menulis PK"), template_dir=_template_dir(args))
    jenis = "PK final (disahkan)" if args.final else "draf PK"
    lines = [f"{len(hasil.berkas)} {jenis} ditulis ke: {Path(args.keluar).resolve()}"]
    if hasil.dilewati:
        names = [f"{master.asn[n].nama} ({n})" for n in hasil.dilewati]
        shown = ", ".join(names[:8]) + (f", dan {len(names) - 8} lainnya" if len(names) > 8 else "")
        lines.append(f"  Dilewati karena belum disahkan (tanggal_sah kosong): {len(names)} — {shown}")
    lines.append(f"  Register PK: {hasil.register.resolve()}")
    _cli._print(*lines)
    return _cli.EXIT_OK


def cmd_laporan(args) -> int:
    from ..dokumen.laporan import susun_laporan

    master = _cli._load_master(args.master)
    paths = susun_laporan(master, args.folder, args.keluar, triwulan=args.triwulan, semester=args.semester,
                          kemajuan=_cli._Progress("Membaca formulir"), template_dir=_template_dir(args))
    periode = f"triwulan {args.triwulan}" if args.triwulan else f"semester {args.semester}"
    _cli._print(f"{len(paths)} draf laporan {periode} ditulis ke: {Path(args.keluar).resolve()}",
                *[f"  - {p.name}" for p in paths])
    return _cli.EXIT_OK


def add_parsers(sub) -> None:
    """Add ``pk`` and ``laporan`` to the ``poskinerja`` subcommands."""
    p = sub.add_parser("pk", help="Draf Perjanjian Kinerja per ASN dan Register PK (langkah 1–2).",
                       description="Draf Perjanjian Kinerja per ASN dan Register PK (langkah 1–2).",
                       epilog="contoh:\n  poskinerja pk master.xlsx --keluar pk\n"
                              "  poskinerja pk master.xlsx --keluar pk/disahkan --final")
    p.set_defaults(func=cmd_pk)
    _cli.tambah_master(p)
    _cli.tambah_ruang(p, wajib=("keluar",), keluar=lambda ruang, args: ruang.pk_final if args.final else ruang.pk)
    p.add_argument("--keluar", "--keluaran", metavar="DIR", help="folder keluaran")
    p.add_argument("--unit", metavar="KODE", help="hanya unit ini")
    p.add_argument("--nip", metavar="NIP", help="hanya ASN ini")
    p.add_argument("--final", action="store_true",
                   help="hanya PK yang sudah disahkan (tanggal_sah terisi), bertanggal, tanpa label DRAF")
    p.add_argument("--template", metavar="DIR", help="folder templat Word sendiri (bawaan: templat bawaan; variabelnya: poskinerja panduan templat)")

    p = sub.add_parser("laporan", help="Draf laporan kinerja berjenjang triwulan atau semester (langkah 4–5).",
                       description="Draf laporan kinerja berjenjang: lembaga dan setiap unit (langkah 4–5).",
                       epilog="contoh:\n  poskinerja laporan master.xlsx --folder \"Formulir Terkumpul\" "
                              "--triwulan I --keluar laporan\n"
                              "  poskinerja laporan master.xlsx --folder \"Formulir Terkumpul\" "
                              "--semester 1 --keluar laporan")
    p.set_defaults(func=cmd_laporan)
    _cli.tambah_master(p)
    _cli.tambah_ruang(p, wajib=("folder", "keluar"), folder="terkumpul", keluar="laporan")
    p.add_argument("--folder", metavar="FOLDER", help="folder formulir yang dikumpulkan (dibaca saja)")
    periode = p.add_mutually_exclusive_group(required=True)
    periode.add_argument("--triwulan", type=triwulan, metavar="N", help=_cli.HELP_TRIWULAN)
    periode.add_argument("--semester", type=semester, metavar="N", help="1 (TW I–II) atau 2 (TW I–IV); juga I, II")
    p.add_argument("--keluar", "--keluaran", metavar="DIR", help="folder keluaran")
    p.add_argument("--template", metavar="DIR", help="folder templat Word sendiri (bawaan: templat bawaan; variabelnya: poskinerja panduan templat)")
