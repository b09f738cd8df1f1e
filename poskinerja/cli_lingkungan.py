"""``poskinerja periksa-lingkungan``: the interpreter, the packages, and the panel's folders on this PC."""
from __future__ import annotations

from pathlib import Path

from . import cli as _cli


def cmd_periksa_lingkungan(args) -> int:
    from .lingkungan import cek_jalur, cek_paket, cek_python, jalur_panel
    from .ruang import RuangGagal, baca_ruang, cari_ruang

    rows = cek_python() + cek_paket()
    if args.panel:
        panel = _cli.berkas_masukan(args.panel, "Berkas panel")
        rows += cek_jalur(*jalur_panel(panel))
    else:
        try:
            ruang = baca_ruang(args.ruang) if args.ruang else cari_ruang()
        except RuangGagal as exc:
            raise _cli.Gagal(str(exc)) from None
        if ruang is not None:
            rows += cek_jalur(ruang.master, ruang.terkumpul, ruang.keluaran)
    lebar = max(len(r.hal) for r in rows)
    _cli._print("Pemeriksaan lingkungan poskinerja:",
                *[f"  [{'OK' if r.baik else 'MASALAH'}] {r.hal:<{lebar}}  {r.keterangan}" for r in rows])
    bad = [r for r in rows if not r.baik]
    _cli._print("", f"{len(bad)} masalah; perbaiki sesuai keterangan di atas, lalu jalankan lagi." if bad
                else "Semua baik: panel dan perintah poskinerja dapat dijalankan di komputer ini.")
    return _cli.EXIT_IO if bad else _cli.EXIT_OK


def add_parsers(sub) -> None:
    """Add ``periksa-lingkungan`` to the ``poskinerja`` subcommands."""
    text = ("Periksa Python, paket yang dibutuhkan, dan folder panel (master, formulir terkumpul, keluaran) "
            "di komputer ini.")
    p = sub.add_parser("periksa-lingkungan", help=text, description=text,
                       epilog="contoh:\n  poskinerja periksa-lingkungan\n"
                              "  poskinerja periksa-lingkungan --panel \"S:\\Kinerja\\2027\\Panel Kinerja 2027.xlsm\"")
    p.set_defaults(func=cmd_periksa_lingkungan)
    p.add_argument("--panel", metavar="FILE.xlsm", help="periksa folder yang diisikan di panel ini")
    p.add_argument("--ruang", metavar="DIR", help="periksa folder ruang kerja ini (bawaan: ruang kerja di folder ini)")
