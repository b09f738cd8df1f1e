"""``poskinerja periksa-lingkungan`` (the interpreter, the packages, and the panel's folders on this PC)
and ``poskinerja paket-windows`` (the offline install folder for an office)."""
from __future__ import annotations

import sys
from pathlib import Path

from . import bersama as _cli


def cmd_periksa_lingkungan(args) -> int:
    from ..kantor.lingkungan import cek_jalur, cek_paket, cek_python, jalur_panel
    from ..kantor.ruang import baca_ruang, cari_ruang

    rows = cek_python() + cek_paket()
    if args.panel:
        panel = _cli.berkas_masukan(args.panel, "Berkas panel")
        rows += cek_jalur(*jalur_panel(panel))
    else:
        ruang = baca_ruang(args.ruang) if args.ruang else cari_ruang()
        if ruang is not None:
            rows += cek_jalur(ruang.master, ruang.terkumpul, ruang.keluaran)
    lebar = max(len(r.hal) for r in rows)
    _cli._print("Pemeriksaan lingkungan poskinerja:",
                *[f"  [{'OK' if r.baik else 'MASALAH'}] {r.hal:<{lebar}}  {r.keterangan}" for r in rows])
    bad = [r for r in rows if not r.baik]
    _cli._print("", f"{len(bad)} masalah; perbaiki sesuai keterangan di atas, lalu jalankan lagi." if bad
                else "Semua baik: panel dan perintah poskinerja dapat dijalankan di komputer ini.")
    return _cli.EXIT_IO if bad else _cli.EXIT_OK


def cmd_paket_windows(args) -> int:
    from ..kantor.paket import buat_paket

    if args.sumber and not (Path(args.sumber) / "setup.cfg").is_file():
        raise _cli.Gagal(f"{args.sumber} bukan folder kode sumber poskinerja (tidak ada setup.cfg).")
    print("Mengunduh paket untuk Windows x64 (butuh internet atau cermin PyPI kantor) …", file=sys.stderr)
    hasil = buat_paket(args.dir, sumber=Path(args.sumber) if args.sumber else None,
                       wheel=Path(args.wheel) if args.wheel else None, versi_python=args.python)
    _cli._print(f"Folder pemasangan tanpa internet siap: {Path(args.dir).resolve()}",
                f"  Paket  : {len(list((hasil.folder / 'paket').glob('*.whl')))} wheel, termasuk {hasil.wheel.name}",
                *[f"  Python {v}: {n} paket, semuanya ada di folder ini" for v, n in hasil.per_python.items()],
                f"  Pemasang: {hasil.pasang.name} — salin folder ini ke drive bersama; di setiap komputer "
                "klik dua kali pasang.cmd (tidak menulis apa pun ke drive bersama).")
    return _cli.EXIT_OK


def _versi_python(text: str) -> str:
    import argparse

    from ..kantor.paket import PYTHON_DIDUKUNG

    if text not in PYTHON_DIDUKUNG:
        raise argparse.ArgumentTypeError(f"Python {text} tidak didukung; pilih dari {', '.join(PYTHON_DIDUKUNG)}")
    return text


def add_parsers(sub) -> None:
    """Add ``periksa-lingkungan`` and ``paket-windows`` to the ``poskinerja`` subcommands."""
    from ..kantor.paket import PYTHON_DIDUKUNG

    text = ("Tulis folder pemasangan tanpa internet untuk kantor: wheel poskinerja dan semua dependensinya "
            "untuk Windows x64 dan setiap versi Python yang didukung, serta pasang.cmd.")
    p = sub.add_parser("paket-windows", help=text, description=text,
                       epilog="contoh:\n  poskinerja paket-windows \"poskinerja-offline\"\n"
                              "  poskinerja paket-windows D:\\offline --wheel dist\\poskinerja-0.1.0-py3-none-any.whl "
                              "--python 3.12")
    p.set_defaults(func=cmd_paket_windows)
    p.add_argument("dir", metavar="DIR", help="folder tujuan (dibuat bila belum ada)")
    p.add_argument("--wheel", metavar="BERKAS.whl", help="wheel poskinerja yang disertakan (bawaan: dibuat dari "
                                                         "kode sumber ini)")
    p.add_argument("--sumber", metavar="DIR", help="folder kode sumber poskinerja untuk membuat wheel")
    p.add_argument("--python", nargs="+", type=_versi_python, default=list(PYTHON_DIDUKUNG), metavar="VERSI",
                   help=f"versi Python Windows yang dilayani (bawaan: {' '.join(PYTHON_DIDUKUNG)})")

    text = ("Periksa Python, paket yang dibutuhkan, dan folder panel (master, formulir terkumpul, keluaran) "
            "di komputer ini.")
    p = sub.add_parser("periksa-lingkungan", help=text, description=text,
                       epilog="contoh:\n  poskinerja periksa-lingkungan\n"
                              "  poskinerja periksa-lingkungan --panel \"S:\\Kinerja\\2027\\Panel Kinerja 2027.xlsm\"")
    p.set_defaults(func=cmd_periksa_lingkungan)
    p.add_argument("--panel", metavar="FILE.xlsm", help="periksa folder yang diisikan di panel ini")
    p.add_argument("--ruang", metavar="DIR", help="periksa folder ruang kerja ini (bawaan: ruang kerja di folder ini)")
