"""``poskinerja panel`` (build the coordinators' panel workbook) and ``poskinerja
layani`` (serve its buttons to Excel on the web and Mac).

Registered in ``cli.build_parser`` with ``cli_panel.add_parsers(sub)``; the
commands are thin shells over ``panel.buat_panel`` and ``layanan.buat_server``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import bersama as _cli
from ..inti.argumen import triwulan


def cmd_panel(args) -> int:
    from .bersama import EXIT_OK, Gagal, _jaga_timpa, _load_master, _print
    from ..excel.panel import buat_panel, nama_panel, tombol_panel

    master = _load_master(args.master)  # the CLI's own message for a missing or unusable master
    target = Path(args.keluar)
    if target.is_dir():  # buat_panel's own rule: a folder gets the default panel name
        target = target / nama_panel(master.pengaturan.tahun)
    kept = _jaga_timpa(target, args.timpa) if target.suffix.lower() == ".xlsm" else []
    try:
        dest = buat_panel(args.master, args.keluar, folder=args.folder, keluar=args.folder_keluar,
                          triwulan=args.triwulan, interpreter_win=args.python_win,
                          interpreter_mac=args.python_mac)
    except PermissionError as exc:
        raise Gagal(f"Panel tidak dapat ditulis ke {exc.filename or args.keluar}: tutup panel yang sedang "
                    "terbuka di Excel, atau periksa hak tulis folder.") from None
    captions = ", ".join(caption for _, caption, _ in tombol_panel())
    _print(f"Panel ditulis ke: {Path(dest).resolve()}", *kept,
           f"  Tombol: {captions}",
           "  Buka di Excel, klik Enable Content; bila makro diblokir, lihat panduannya: poskinerja panduan panel")
    return EXIT_OK


def cmd_layani(args) -> int:
    import os

    from ..berkas.aman import uraian_os
    from .bersama import EXIT_OK, Gagal, _print
    from ..excel.layanan import PREFIX, buat_server, nama_handler

    try:
        layanan = buat_server(args.host, args.port, args.token or os.environ.get("POSKINERJA_TOKEN"),
                              akar=args.akar, origins=args.origin or (), hosts=args.nama_host or (),
                              pekerja=args.pekerja, batas_waktu=args.batas_waktu,
                              batas_koneksi=args.batas_koneksi)
    except OSError as exc:
        raise Gagal(f"Port {args.port} di {args.host} tidak dapat dipakai ({uraian_os(exc)}); pilih --port lain.") from None
    host, port = layanan.alamat
    p = layanan.pengaturan
    token_line = (f"  Token (dibuat acak untuk sesi ini): {p.token}" if layanan.token_dibuat
                  else "  Token: dari --token / POSKINERJA_TOKEN.")
    _print(f"Layanan poskinerja berjalan di http://{host}:{port}{PREFIX}<tombol> — tekan Ctrl+C untuk berhenti.",
           f"  Folder layanan: {p.akar} (jalur di panel dibaca relatif terhadap folder ini)",
           token_line, "  Klien mengirim token itu sebagai header Authorization (di lembar xlwings.conf panel: AUTH).",
           "  Asal web yang diizinkan: " + ", ".join(p.origins),
           "  Tombol: " + ", ".join(nama_handler()))
    sys.stdout.flush()
    try:
        layanan.serve_forever()
    except KeyboardInterrupt:
        _print("Layanan dihentikan.")
    finally:
        layanan.close()
    return EXIT_OK


def add_parsers(sub) -> None:
    """Add ``panel`` to the ``poskinerja`` sub-commands (``sub`` from add_subparsers)."""
    help_text = "Buat panel Excel (.xlsm) dengan tombol Buat Format, Kompilasi, Jadwal POS, dan lainnya."
    p = sub.add_parser("panel", help=help_text, description=help_text,
                       epilog="contoh:\n  poskinerja panel master.xlsx --keluar \"Panel Kinerja 2026.xlsm\"")
    p.set_defaults(func=cmd_panel)
    _cli.tambah_master(p)
    _cli.tambah_ruang(p, wajib=("keluar",), keluar="panel", folder="terkumpul", folder_keluar="keluaran")
    p.add_argument("--keluar", metavar="FILE.xlsm",
                   help='berkas panel, mis. "Panel Kinerja 2026.xlsm" (atau folder)')
    p.add_argument("--folder", metavar="FOLDER",
                   help="isian awal Folder formulir terkumpul (bawaan: <folder master>/formulir-terkumpul)")
    p.add_argument("--folder-keluar", metavar="DIR",
                   help="isian awal Folder keluaran (bawaan: <folder master>/keluaran)")
    p.add_argument("--triwulan", type=triwulan, metavar="N",
                   help="isian awal triwulan (bawaan: triwulan berjalan)")
    p.add_argument("--timpa", action="store_true",
                   help="ganti panel yang sudah ada (panel lama disimpan dulu di folder _cadangan)")
    p.add_argument("--python-win", metavar="PATH",
                   help="Interpreter_Win di lembar xlwings.conf (bawaan: kosong = panel mencari Python "
                        "sendiri di setiap komputer saat tombol diklik)")
    p.add_argument("--python-mac", metavar="PATH",
                   help="Interpreter_Mac di lembar xlwings.conf (bawaan: python ini bila di Mac)")
    help_text = ("Layani tombol panel lewat HTTP untuk Excel di web dan Mac (klien xlwings Server; "
                 "membutuhkan XLWINGS_LICENSE_KEY).")
    p = sub.add_parser("layani", help=help_text, description=help_text,
                       epilog="contoh:\n  poskinerja layani --akar D:\\Kinerja --port 8000")
    p.set_defaults(func=cmd_layani)
    p.add_argument("--akar", required=True, metavar="FOLDER",
                   help="folder layanan: semua jalur di panel dibaca di dalam folder ini, tidak boleh keluar darinya")
    p.add_argument("--host", default="127.0.0.1", help="alamat yang didengarkan (bawaan 127.0.0.1; 0.0.0.0 = semua)")
    p.add_argument("--port", type=int, default=8000, help="port (bawaan 8000)")
    p.add_argument("--token", help="token yang wajib dikirim klien sebagai header Authorization (bawaan: "
                                   "POSKINERJA_TOKEN, atau dibuat acak dan ditampilkan saat mulai)")
    p.add_argument("--origin", action="append", metavar="URL",
                   help="asal web yang boleh memanggil dari peramban, mis. https://sakip.lembaga.go.id; boleh "
                        "berulang; https://*.domain untuk satu tingkat subdomain (bawaan: Office Scripts, "
                        "https://*.officescripts.microsoftusercontent.com)")
    p.add_argument("--nama-host", action="append", metavar="NAMA",
                   help="nama host lain yang dipakai klien untuk memanggil layanan ini (mis. di belakang IIS/nginx); "
                        "boleh berulang")
    p.add_argument("--pekerja", type=int, default=4, metavar="N",
                   help="jumlah utas yang menerima permintaan (bawaan 4); tombol tetap dijalankan bergiliran")
    p.add_argument("--batas-waktu", type=int, default=30, metavar="DETIK",
                   help="koneksi diam diputus setelah sekian detik; permintaan harus tiba utuh dalam dua kalinya "
                        "(bawaan 30)")
    p.add_argument("--batas-koneksi", type=int, default=100, metavar="N",
                   help="jumlah koneksi terbuka sekaligus (bawaan 100)")
