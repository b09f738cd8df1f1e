"""``poskinerja panduan``: the guides installed with the package, written where the user can read them.

Messages point users here (the panel's guide, the Word templates' guide) because an
installed package has no ``docs/`` folder the user can find.
"""
from __future__ import annotations

from pathlib import Path

from . import bersama as _cli

CONTOH = """contoh:
  poskinerja panduan panel            tulis panduan panel koordinator ke folder ini
  poskinerja panduan templat D:\\Kinerja\\2027
                                      tulis daftar variabel templat Word ke folder itu"""


def cmd_panduan(args) -> int:
    from ..berkas.aman import write_bytes_atomic
    from ..berkas.sumber import PANDUAN, panduan

    folder = Path(args.dir)
    if not folder.is_dir():
        raise _cli.Gagal(f"Folder tujuan panduan tidak ditemukan: {folder}")
    dest = folder / PANDUAN[args.topik][1]
    # a fresh copy of the installed guide: it belongs to poskinerja, not to the user
    write_bytes_atomic(dest, panduan(args.topik).read_bytes())
    _cli._print(f"Panduan {args.topik} ditulis ke: {dest.resolve()}",
                "  Buka dengan Notepad, VS Code atau penampil Markdown mana pun.")
    return _cli.EXIT_OK


def add_parsers(sub) -> None:
    """Add ``panduan`` to the ``poskinerja`` subcommands."""
    text = "Tulis panduan yang terpasang bersama poskinerja (panel koordinator, templat Word) ke sebuah folder."
    p = sub.add_parser("panduan", help=text, description=text, epilog=CONTOH)
    p.set_defaults(func=cmd_panduan)
    p.add_argument("topik", choices=("panel", "templat"),
                   help="panel: panduan panel Excel koordinator; templat: variabel templat Word")
    p.add_argument("dir", metavar="DIR", nargs="?", default=".", help="folder tujuan (bawaan: folder saat ini)")
