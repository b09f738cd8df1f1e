"""``poskinerja mulai``: make the year folder (the convention the other commands read it by is in
``bersama``)."""
from __future__ import annotations

import argparse

from . import bersama as _cli

def cmd_mulai(args) -> int:
    from ..master.baca import baca_master
    from ..kantor.ruang import buat_ruang

    if args.dari:
        _cli.berkas_masukan(args.dari, "Master tahun lalu")
    ruang = buat_ruang(args.dir, args.tahun, dari=args.dari)
    lines = [f"Ruang kerja {ruang.tahun} siap: {ruang.akar}", f"  Master : {ruang.master.name}"]
    master, temuan = baca_master(ruang.master)
    if master is not None and not ruang.panel.exists():
        from ..excel.panel import PanelGagal, buat_panel

        try:
            buat_panel(ruang.master, ruang.panel, folder=ruang.terkumpul, keluar=ruang.keluaran,
                       interpreter_win="", interpreter_mac="")
            lines.append(f"  Panel  : {ruang.panel.name}")
        except PanelGagal as exc:  # the year folder is usable without the panel
            lines.append(f"  Panel belum dibuat: {exc}")
    elif master is None:
        lines.append(f"  Isi master itu ({len(temuan)} hal belum lengkap; lihat: poskinerja periksa-master), "
                     "lalu buat panel: poskinerja panel")
    lines += [f"  Lihat {ruang.baca_saya.name} untuk isi setiap folder.",
              "  Jalankan perintah berikutnya dari dalam folder ini tanpa menyebut master atau folder, mis.:",
              f"    cd \"{ruang.akar}\"", "    poskinerja periksa-master", "    poskinerja format"]
    _cli._print(*lines)
    return _cli.EXIT_OK


def _tahun(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"\"{text}\" bukan tahun; tulis empat angka, mis. 2027") from None


def add_parsers(sub) -> None:
    """Add ``mulai`` to the ``poskinerja`` subcommands."""
    text = ("Buat ruang kerja tahunan di DIR: master, Formulir Terkumpul/TW1–TW4, Keluaran, panel, "
            "dan BACA SAYA.txt; perintah lain yang dijalankan di dalamnya menemukan semuanya sendiri.")
    p = sub.add_parser("mulai", help=text, description=text,
                       epilog="contoh:\n  poskinerja mulai \"S:\\Kinerja\\2027\" --tahun 2027\n"
                              "  poskinerja mulai \"S:\\Kinerja\\2027\" --tahun 2027 "
                              "--dari \"S:\\Kinerja\\2026\\Master Kinerja 2026.xlsx\"")
    p.set_defaults(func=cmd_mulai)
    p.add_argument("dir", metavar="DIR", help="folder ruang kerja (dibuat bila belum ada)")
    p.add_argument("--tahun", required=True, type=_tahun, metavar="TAHUN", help="tahun anggaran, mis. 2027")
    p.add_argument("--dari", metavar="MASTER",
                   help="master tahun lalu yang dibawa: unit, ASN, indikator dan target untuk direvisi; "
                        "tanggal_sah dikosongkan, tanggal Pengaturan digeser ke tahun baru")
