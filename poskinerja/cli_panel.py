"""``poskinerja panel``: build the coordinators' panel workbook.

Registered in ``cli.build_parser`` with ``cli_panel.add_parsers(sub)``; the
command is a thin shell over ``panel.buat_panel``.
"""
from __future__ import annotations

from pathlib import Path


def cmd_panel(args) -> int:
    from .cli import EXIT_OK, Gagal, _load_master, _print
    from .panel import PanelGagal, buat_panel, tombol_panel

    _load_master(args.master)  # the CLI's own message for a missing or unusable master
    try:
        dest = buat_panel(args.master, args.keluar, folder=args.folder, keluar=args.folder_keluar,
                          triwulan=args.triwulan, interpreter_win=args.python_win,
                          interpreter_mac=args.python_mac)
    except PanelGagal as exc:
        raise Gagal(str(exc)) from None
    except PermissionError as exc:
        raise Gagal(f"Panel tidak dapat ditulis ke {exc.filename or args.keluar}: tutup panel yang sedang "
                    "terbuka di Excel, atau periksa hak tulis folder.") from None
    captions = ", ".join(caption for _, caption, _ in tombol_panel())
    _print(f"Panel ditulis ke: {Path(dest).resolve()}",
           f"  Tombol: {captions}",
           "  Buka di Excel, klik Enable Content; bila makro diblokir, lihat docs/panel-koordinator.md.")
    return EXIT_OK


def add_parsers(sub) -> None:
    """Add ``panel`` to the ``poskinerja`` sub-commands (``sub`` from add_subparsers)."""
    help_text = "Buat panel Excel (.xlsm) dengan tombol Buat Format, Kompilasi, Jadwal POS, dan lainnya."
    p = sub.add_parser("panel", help=help_text, description=help_text)
    p.set_defaults(func=cmd_panel)
    p.add_argument("--master", required=True, metavar="MASTER")
    p.add_argument("--keluar", required=True, metavar="FILE.xlsm",
                   help='berkas panel, mis. "Panel Kinerja 2026.xlsm" (atau folder)')
    p.add_argument("--folder", metavar="FOLDER",
                   help="isian awal Folder formulir terkumpul (bawaan: <folder master>/formulir-terkumpul)")
    p.add_argument("--folder-keluar", metavar="DIR",
                   help="isian awal Folder keluaran (bawaan: <folder master>/keluaran)")
    p.add_argument("--triwulan", type=int, choices=(1, 2, 3, 4), metavar="N",
                   help="isian awal triwulan (bawaan: triwulan berjalan)")
    p.add_argument("--python-win", metavar="PATH",
                   help="Interpreter_Win di lembar xlwings.conf (bawaan: python ini bila di Windows, "
                        "selain itu kosong = python dari PATH)")
    p.add_argument("--python-mac", metavar="PATH",
                   help="Interpreter_Mac di lembar xlwings.conf (bawaan: python ini bila di Mac)")
