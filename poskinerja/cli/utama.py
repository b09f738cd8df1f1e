"""The ``poskinerja`` command: a thin shell over the library functions.

Output formatting and progress live here, never in the library. Exit codes:
0 the job finished (data problems are reported, not fatal); 2 wrong usage or
an unusable master.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Callable, Optional

from .. import __version__
from ..inti.argumen import triwulan
from ..inti.galat import PoskinerjaGagal
from .bersama import (EXIT_DIHENTIKAN, EXIT_IO, EXIT_OK, EXIT_USAGE, HELP_TIMPA, HELP_TRIWULAN, PESAN_DIHENTIKAN,
                      Gagal, _jaga_timpa, _load_master, _Parser, _print, _Progress, berkas_masukan,
                      bilangan_positif, satukan_master, tambah_master, tambah_ruang)


def cmd_contoh(args) -> int:
    from ..contoh.demo import salin_contoh

    kept = _jaga_timpa(Path(args.dir) / "master.xlsx", args.timpa)
    _print(f"Master contoh ditulis ke: {salin_contoh(Path(args.dir))}", *kept)
    return EXIT_OK


def cmd_master_kosong(args) -> int:
    from ..master.tulis import tulis_master

    kept = _jaga_timpa(Path(args.file), args.timpa)
    _print(f"Master kosong ditulis ke: {tulis_master(args.file)}", *kept)
    return EXIT_OK


def cmd_periksa_master(args) -> int:
    master = _load_master(args.master)
    jumlah_ind = sum(len(v) for v in master.indikator.values())
    jumlah_keg = sum(len(v) for v in master.kegiatan.values())
    _print(f"Master {args.master} valid: {len(master.unit)} unit, {len(master.asn)} ASN, "
           f"{jumlah_ind} indikator, {jumlah_keg} kegiatan.")
    _print(_target_nol_line(master))
    from .tahunan import baris_tambahan_tahunan

    if line := baris_tambahan_tahunan(master):
        _print(line)
    return EXIT_OK


def _target_nol_line(master) -> str:
    from ..inti.model import uraian_target_nol

    nol = sum(1 for items in master.indikator.values() for i in items
              if any(t == 0 for t in (i.target_tahun, *i.target_tw) if t is not None))
    return uraian_target_nol(master.pengaturan.target_nol, nol)


def cmd_format(args) -> int:
    from ..formulir.ulang import perbarui_formulir

    master = _load_master(args.master)
    if problem := master.masalah_pilihan(args.unit, args.nip):
        raise Gagal(problem)
    hasil = perbarui_formulir(master, args.keluar, unit=args.unit, nip=args.nip, proses=args.proses)
    _print(*_format_lines(hasil))
    return EXIT_IO if hasil.dilewati else EXIT_OK


def _nilai(value) -> str:
    """A cell value as a person reads it: 1,5 not 1.5; dates as 15 Mei 2026."""
    import datetime as dt

    from ..inti.angka import format_id, format_tanggal

    if isinstance(value, bool):
        return "BENAR" if value else "SALAH"
    if isinstance(value, (int, float)):
        return format_id(value, 6)
    if isinstance(value, dt.date):
        return format_tanggal(value)
    return f'"{value}"'


def _format_lines(hasil) -> list[str]:
    """What ``format`` did: counts first, then every backup and every value left behind."""
    lines = [f"{len(hasil.berkas)} formulir di: {hasil.folder.resolve()}",
             f"  Baru                                   : {len(hasil.baru)}",
             f"  Diperbarui karena master berubah       : {len(hasil.diperbarui)}"
             f" (isian dibawa dari {len(hasil.dibawa)} formulir)",
             f"  Tidak berubah, sudah diisi (dibiarkan) : {len(hasil.dipertahankan)}",
             f"  Tidak berubah, masih kosong            : {len(hasil.tidak_berubah)}",
             f"  Berkas lama dicadangkan                : {len(hasil.cadangan)}"]
    if hasil.cadangan:
        lines.append(f"  Cadangan ada di {hasil.folder_cadangan.resolve()}:")
        lines += [f"    - {old.name} ({why}): {backup.name}" for old, backup, why in hasil.cadangan]
    if hasil.tertinggal:
        lines.append(f"  Isian yang tidak dapat dibawa ({len(hasil.tertinggal)}; tetap ada di berkas cadangan):")
        lines += [f"    - {t.nip} {t.nama}: {t.lembar}, {t.kode} «{t.kolom}» = {_nilai(t.nilai)} ({t.alasan})"
                  for t in hasil.tertinggal]
    if hasil.dilewati:
        lines.append(f"  Tidak dapat diproses ({len(hasil.dilewati)}; berkasnya tidak diubah):")
        lines += [f"    - {path}: {why}" for path, why in hasil.dilewati]
    return lines


def _kompilasi_summary(out) -> list[str]:
    from ..inti.temuan import keterangan

    r = out.ringkasan()
    lines = [
        f"Kompilasi {out.hasil.master.pengaturan.nama_lembaga} tahun {out.hasil.tahun} "
        f"triwulan {out.hasil.triwulan} selesai dalam {out.durasi:.1f} detik.",
        f"  Berkas dibaca          : {r['berkas_dibaca']} (dilewati {r['berkas_dilewati']})",
        f"  ASN lengkap            : {r['asn_lengkap']} dari {r['asn']}",
        f"  ASN belum lengkap      : {r['asn_belum_lengkap']}",
        f"  ASN belum mengumpulkan : {r['asn_belum_mengumpulkan']}",
        f"  Terlambat              : {r['terlambat']}",
    ]
    if r["temuan"]:
        lines.append(f"  Temuan ({sum(r['temuan'].values())}):")
        lines += [f"    {kode:<24} {n:>5}  {keterangan(kode)}" for kode, n in r["temuan"].items()]
    else:
        lines.append("  Tidak ada temuan.")
    lines += [f"  Rekap    : {out.rekap.resolve()}", f"  Manifest : {out.manifest.resolve()}"]
    return lines


def cmd_kompilasi(args) -> int:
    from ..kompilasi.jalan import kompilasi

    master = _load_master(args.master)
    out = kompilasi(master, args.folder, args.triwulan, args.keluar, proses=args.proses,
                    kemajuan=_Progress("Membaca formulir"), master_path=Path(args.master))
    _print(*_kompilasi_summary(out))
    return EXIT_OK


def _quarters(master, folder: str, sampai: int) -> dict:
    from ..kompilasi.jalan import kumpulkan_triwulan, periksa_triwulan

    try:
        sampai = periksa_triwulan(sampai)  # "x" or 9 named as typed, before any folder is read
        per_tw = kumpulkan_triwulan(master, folder, list(range(1, sampai + 1)),
                                    kemajuan=_Progress("Membaca formulir"), lewati_kosong=True)
    except ValueError as exc:
        raise Gagal(str(exc)) from None
    if not per_tw:
        raise Gagal(f"Tidak ada folder triwulan (TW1 … TW{sampai}) di {folder}.")
    return per_tw


def cmd_evaluasi(args) -> int:
    if args.hitung:
        hasil = _muat_evaluasi(args.hitung)
        _print(*_evaluasi_lines(hasil))
        if args.master and args.keluar:
            from ..dokumen.evaluasi import tulis_hasil_evaluasi

            dest = tulis_hasil_evaluasi(_load_master(args.master), hasil, Path(args.keluar),
                                        template_dir=args.template)
            _print(f"  Dokumen hasil evaluasi: {dest.resolve()}")
        else:
            _print("  Tambahkan --master dan --keluar untuk menulis dokumen Hasil Evaluasi Internal (.docx).")
        return EXIT_OK
    if not (args.master and args.folder and args.keluar):
        raise Gagal("evaluasi --buat membutuhkan --master, --folder dan --keluar.")
    from ..siklus.bukti import kumpulkan_bukti
    from ..siklus.evaluasi import nama_format_evaluasi, tulis_format_evaluasi

    master = _load_master(args.master)
    per_tw = _quarters(master, args.folder, args.triwulan)
    dest = Path(args.keluar) / nama_format_evaluasi(master.pengaturan.tahun)
    kept = _jaga_timpa(dest, args.timpa)  # Tim SPI may already have scored it
    bukti = kumpulkan_bukti(master, per_tw)
    tulis_format_evaluasi(master, bukti, dest)
    _print(f"Format Evaluasi Internal ditulis ke: {dest.resolve()}", *kept,
           *[f"  - {b.ringkasan}" for b in bukti.values()])
    return EXIT_OK


def _muat_evaluasi(path_str: str):
    """A filled internal-evaluation workbook, or Gagal when the file is another kind
    (a master, a recap) or unreadable: scoring it would report a grade of 0."""
    from ..siklus.evaluasi import baca_evaluasi

    path = berkas_masukan(path_str, "Berkas evaluasi")
    hasil = baca_evaluasi(path)
    fatal = [t for t in hasil.temuan if t.kode in ("FILE_RUSAK", "BUKAN_FORMULIR")]
    if fatal or not hasil.catatan:
        alasan = fatal[0].pesan if fatal else "tidak ada satu pun baris kriteria LKE."
        raise Gagal(f"Berkas {path} bukan Format Evaluasi Internal yang dapat dihitung: {alasan} "
                    "Pakai berkas \"Format Evaluasi Internal <tahun>.xlsx\" yang ditulis oleh "
                    "\"poskinerja evaluasi --buat\" lalu diisi.")
    return hasil


def _evaluasi_lines(hasil) -> list[str]:
    from ..siklus import lke
    from ..inti.angka import format_id

    lines = ["Hasil evaluasi internal (LKE):"]
    for nomor, (nama, bobot) in lke.KOMPONEN.items():
        lines.append(f"  {nomor}. {nama:<42} {format_id(hasil.skor.komponen[nomor], 2):>6} dari {bobot:g}")
    lines.append(f"  Nilai total {format_id(hasil.skor.total, 2)} — predikat {hasil.skor.predikat}")
    lemah = hasil.kriteria_lemah()
    if lemah:
        lines.append(f"  Kriteria di bawah B ({len(lemah)}): " + ", ".join(k.kode for k in lemah))
    lines += [f"  {t}" for t in hasil.temuan]
    return lines


def cmd_rekomendasi(args) -> int:
    from ..siklus.rekomendasi import nama_format_rekomendasi, perbarui_rekomendasi

    master = _load_master(args.master)
    evaluasi = _muat_evaluasi(args.evaluasi) if args.evaluasi else None
    per_tw = _quarters(master, args.folder, args.triwulan)
    dest = Path(args.keluar) / nama_format_rekomendasi(master.pengaturan.tahun)
    # Updating keeps the rows people edited; a copy of the old workbook is kept all the same.
    kept = _jaga_timpa(dest, True)
    rek = perbarui_rekomendasi(master, per_tw, dest, evaluasi)
    from ..dokumen.evaluasi import tulis_rekomendasi_docx

    doc = tulis_rekomendasi_docx(master, rek.rows, Path(args.keluar), template_dir=args.template)
    _print(f"Format Rekomendasi: {dest.resolve()}", *kept, f"  Dokumen: {doc.resolve()}",
           f"  {len(rek.rows)} temuan: {len(rek.dipertahankan)} baris lama dipertahankan, {len(rek.baru)} baru.")
    return EXIT_OK


def _tracker_lines(rows) -> list[str]:
    from ..siklus.pelacak import SELESAI, SELESAI_TERLAMBAT

    lines = [f"{'No':<3} {'Langkah':<52} {'Jadwal':<27} {'Status':<18} Bukti / yang kurang"]
    for r in rows:
        jadwal = f"{r.mulai:%d/%m/%Y} – {r.selesai:%d/%m/%Y}"
        lines.append(f"{r.nomor:<3} {r.uraian[:52]:<52} {jadwal:<27} {r.status:<18} {r.bukti}")
        if r.kurang and r.status != SELESAI:
            label = "terlambat" if r.status == SELESAI_TERLAMBAT else "kurang"
            shown = ", ".join(r.kurang[:8]) + (f", dan {len(r.kurang) - 8} lainnya" if len(r.kurang) > 8 else "")
            lines.append(f"{'':<102}{label}: {shown}")
    return lines


def _bukti_lines(args, per_tw: dict) -> list[str]:
    """Which evidence ``status`` looked at, so a missing folder explains a "belum" status."""
    from ..kompilasi.jalan import folder_triwulan

    lines = ["Bukti yang dibaca:"]
    if args.folder:
        for tw in sorted(per_tw):
            lines.append(f"  formulir TW {tw}: {Path(folder_triwulan(Path(args.folder), tw)).resolve()}")
        lines += [f"  formulir TW {tw}: tidak ada" for tw in (1, 2, 3, 4) if tw not in per_tw]
    else:
        lines.append("  formulir: tidak diberikan (--folder); langkah pengumpulan tampak belum dikerjakan")
    if args.keluaran:
        lines.append(f"  keluaran: {Path(args.keluaran).resolve()}")
    else:
        lines.append("  keluaran: tidak diberikan (--keluaran); PK, rekap dan laporan tampak belum ada")
    return lines + [""]


def cmd_status(args) -> int:
    import datetime as dt

    from ..siklus.pelacak import lacak

    master = _load_master(args.master)
    try:
        today = dt.date.fromisoformat(args.tanggal) if args.tanggal else None
    except ValueError:
        raise Gagal(f"Tanggal \"{args.tanggal}\" tidak valid; gunakan TTTT-BB-HH, mis. 2026-05-04.") from None
    if not (args.folder or args.keluaran):
        raise Gagal("status membutuhkan bukti: --folder (folder formulir yang dikumpulkan) dan/atau "
                    "--keluaran (folder PK, rekap, laporan, evaluasi, RTL). Tanpa keduanya setiap "
                    "langkah akan tampak belum dikerjakan.")
    if args.keluaran and not Path(args.keluaran).is_dir():
        raise Gagal(f"Folder keluaran tidak ditemukan: {args.keluaran}")
    per_tw = _quarters(master, args.folder, 4) if args.folder else {}
    rows = lacak(master, per_tw, Path(args.keluaran) if args.keluaran else None, today)
    _print(f"Jadwal POS {master.pengaturan.nama_lembaga} {master.pengaturan.tahun}"
           f" (per {(today or dt.date.today()):%d/%m/%Y})", *_bukti_lines(args, per_tw),
           *_tracker_lines(rows))
    return EXIT_OK


def cmd_demo(args) -> int:
    import datetime as dt

    from ..contoh.demo import jalankan_demo


    hasil = jalankan_demo(args.dir, timpa=args.timpa)
    _print("Demo poskinerja: seluruh siklus POS (langkah 1–7) pada lembaga contoh", "")
    if hasil.cadangan:
        _print("Berkas lama disimpan dulu sebagai:", *[f"  {p.resolve()}" for p in hasil.cadangan], "")
    for label, where in hasil.langkah:
        _print(f"  {label}:", f"      {Path(where).resolve()}")
    for tw, sk in hasil.skenario.items():
        _print("", f"Simulasi pengisian TW {tw} oleh ASN:",
               f"  {len(sk.diisi)} formulir diisi; tidak mengumpulkan: {', '.join(sk.tidak_mengumpulkan) or '-'};"
               f" terlambat: {', '.join(sk.terlambat) or '-'}",
               *[f"  kesalahan disengaja: {k}" for k in sk.kesalahan])
    for out in hasil.kompilasi.values():
        _print("", *_kompilasi_summary(out))
    if hasil.evaluasi is not None:
        _print("", *_evaluasi_lines(hasil.evaluasi))
    _print("", f"Jadwal POS (per {dt.date.today():%d/%m/%Y}):", *_tracker_lines(hasil.jadwal))
    return EXIT_OK


# --- wiring ---------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="poskinerja",
                     description="Siklus data kinerja SAKIP (POS Pengumpulan Data Kinerja) dari Excel.",
                     epilog="contoh:\n  poskinerja demo demo-lembaga\n  poskinerja format master.xlsx --keluar formulir\n"
                            "  poskinerja PERINTAH --help      bantuan satu perintah beserta contohnya")
    parser.add_argument("-V", "--version", "--versi", action="version", version=f"poskinerja {__version__}",
                        help="tampilkan versi poskinerja lalu keluar")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=_Parser)

    def add(name: str, func: Callable, help_text: str, contoh: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=contoh)
        p.set_defaults(func=func)
        return p

    p = add("contoh", cmd_contoh, "Tulis master lembaga contoh ke DIR/master.xlsx.",
          "contoh:\n  poskinerja contoh latihan")
    p.add_argument("dir", metavar="DIR", help="folder tujuan")
    p.add_argument("--timpa", action="store_true", help=HELP_TIMPA)
    p = add("master-kosong", cmd_master_kosong, "Tulis master kosong beserta petunjuk.",
          "contoh:\n  poskinerja master-kosong \"Master Kinerja 2027.xlsx\"")
    p.add_argument("file", metavar="FILE", help="nama berkas master baru (.xlsx)")
    p.add_argument("--timpa", action="store_true", help=HELP_TIMPA)
    p = add("periksa-master", cmd_periksa_master, "Periksa master dan tampilkan semua masalah.",
          "contoh:\n  poskinerja periksa-master master.xlsx")
    tambah_master(p)
    tambah_ruang(p)
    p = add("format", cmd_format, "Buat formulir Pengukuran Kinerja + Pemantauan per ASN.",
          "contoh:\n  poskinerja format master.xlsx --keluar formulir\n"
          "  poskinerja format master.xlsx --keluar formulir --unit TU")
    tambah_master(p)
    tambah_ruang(p, wajib=("keluar",), keluar="formulir")
    p.add_argument("--keluar", "--keluaran", metavar="DIR", help="folder keluaran")
    p.add_argument("--unit", metavar="KODE", help="hanya unit ini")
    p.add_argument("--nip", metavar="NIP", help="hanya ASN ini")
    p.add_argument("--proses", type=bilangan_positif, metavar="N", help="jumlah proses (bawaan: semua inti)")
    p = add("kompilasi", cmd_kompilasi, "Kumpulkan, periksa dan gabungkan formulir terisi (langkah 4).",
          "contoh:\n  poskinerja kompilasi master.xlsx \"Formulir Terkumpul\" --triwulan II --keluar rekap\n"
          "  poskinerja kompilasi \"Formulir Terkumpul\" --master master.xlsx --triwulan 2 --keluar rekap")
    tambah_master(p)
    tambah_ruang(p, wajib=("folder", "keluar"), folder="terkumpul", keluar="rekap")
    p.set_defaults(folder_posisi=True)
    p.add_argument("folder", metavar="FOLDER", nargs="?", help="folder formulir yang dikumpulkan (dibaca saja)")
    p.add_argument("--triwulan", required=True, type=triwulan, metavar="N", help=HELP_TRIWULAN)
    p.add_argument("--keluar", "--keluaran", metavar="DIR", help="folder rekap dan manifest")
    p.add_argument("--proses", type=bilangan_positif, metavar="N", help="jumlah proses (bawaan: semua inti)")
    p = add("evaluasi", cmd_evaluasi, "Format Evaluasi Internal (langkah 6): --buat atau --hitung FILE.",
          "contoh:\n  poskinerja evaluasi master.xlsx --buat --folder \"Formulir Terkumpul\" --keluar evaluasi\n"
          "  poskinerja evaluasi master.xlsx --hitung \"Format Evaluasi Internal 2026.xlsx\" --keluar evaluasi")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--buat", action="store_true", help="tulis Format Evaluasi Internal berisi bukti otomatis")
    mode.add_argument("--hitung", metavar="FILE", help="hitung nilai dari Format Evaluasi Internal yang sudah diisi")
    tambah_master(p, wajib=False)
    tambah_ruang(p, folder="terkumpul", keluar="evaluasi")
    p.add_argument("--folder", metavar="FOLDER", help="folder formulir yang dikumpulkan")
    p.add_argument("--triwulan", default=4, type=triwulan, metavar="N", help="bukti sampai triwulan N (bawaan 4)")
    p.add_argument("--keluar", "--keluaran", metavar="DIR", help="folder keluaran evaluasi")
    p.add_argument("--template", metavar="DIR", help="folder templat Word sendiri (bawaan: templat bawaan)")
    p.add_argument("--timpa", action="store_true", help=HELP_TIMPA + " (untuk --buat)")
    p = add("rekomendasi", cmd_rekomendasi, "Format Rekomendasi / RTL (langkah 7); baris yang sudah diedit dipertahankan.",
          "contoh:\n  poskinerja rekomendasi master.xlsx --folder \"Formulir Terkumpul\" "
          "--evaluasi \"Format Evaluasi Internal 2026.xlsx\" --keluar rtl")
    tambah_master(p)
    tambah_ruang(p, wajib=("folder", "keluar"), folder="terkumpul", keluar="rekomendasi")
    p.add_argument("--folder", metavar="FOLDER", help="folder formulir yang dikumpulkan")
    p.add_argument("--evaluasi", metavar="FILE", help="Format Evaluasi Internal yang sudah diisi")
    p.add_argument("--triwulan", default=4, type=triwulan, metavar="N", help="bukti sampai triwulan N (bawaan 4)")
    p.add_argument("--keluar", "--keluaran", metavar="DIR", help="folder keluaran RTL")
    p.add_argument("--template", metavar="DIR", help="folder templat Word sendiri (bawaan: templat bawaan)")
    p = add("status", cmd_status, "Pelacak POS: tujuh langkah, jadwal, bukti, dan siapa yang belum.",
          "contoh:\n  poskinerja status master.xlsx --folder \"Formulir Terkumpul\" --keluar keluaran")
    tambah_master(p)
    tambah_ruang(p, folder="terkumpul", keluaran="keluaran")
    p.add_argument("--folder", metavar="FOLDER", help="folder formulir yang dikumpulkan")
    p.add_argument("--keluar", "--keluaran", dest="keluaran", metavar="DIR",
                   help="folder keluaran (PK, rekap, laporan, evaluasi, RTL)")
    p.add_argument("--tanggal", metavar="TTTT-BB-HH", help="tanggal acuan (bawaan: hari ini)")
    p = add("demo", cmd_demo, "Jalankan seluruh siklus pada lembaga contoh di DIR.",
          "contoh:\n  poskinerja demo demo-lembaga")
    p.add_argument("dir", metavar="DIR", help="folder demo (dibuat bila belum ada)")
    p.add_argument("--timpa", action="store_true", help=HELP_TIMPA)
    from . import dokumen as cli_dokumen
    from . import lingkungan as cli_lingkungan
    from . import panduan as cli_panduan
    from . import panel as cli_panel
    from . import ruang as cli_ruang

    cli_ruang.add_parsers(sub)  # mulai
    cli_lingkungan.add_parsers(sub)  # periksa-lingkungan
    cli_dokumen.add_parsers(sub)  # pk, laporan
    cli_panel.add_parsers(sub)  # panel, layani
    cli_panduan.add_parsers(sub)  # panduan
    from . import tahunan as cli_tahunan

    cli_tahunan.add_parsers(sub)  # tahun-baru, riwayat, lkj
    return parser


def _tangani_ctrl_c() -> None:
    """Ctrl+C reaches this process and its worker processes (forked: they share this handler).

    This process raises KeyboardInterrupt, which ``main`` reports in one line; the
    pools' ``map`` then cancels the work not yet started. A worker ignores the signal
    and finishes the chunk it was handed (every file it writes is whole), and no
    worker dies under a pool: a pool with a dead worker can hang its parent.
    """
    utama = os.getpid()

    def handler(signum, frame):
        if os.getpid() == utama:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)


def _tulisan_aman() -> None:
    """Printing a name that is not valid UTF-8 (held as lone surrogates) must not crash the run:
    such characters are shown as "�" (or "?" where the console cannot show that), as in outputs."""
    import codecs

    def ganti(err: UnicodeError):
        # the UTF-8 encoder takes only ASCII text or bytes as a replacement: give "�" as bytes
        utf = (err.encoding or "").lower().replace("-", "").replace("_", "") == "utf8"
        return ("\ufffd".encode() if utf else b"?") * (err.end - err.start), err.end

    codecs.register_error("poskinerja.ganti", ganti)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="poskinerja.ganti")
        except (AttributeError, ValueError):  # replaced streams (tests, IDEs) keep their own rules
            pass


def main(argv: Optional[list[str]] = None) -> int:
    try:
        _tulisan_aman()
        _tangani_ctrl_c()
        return _jalankan(argv)
    except KeyboardInterrupt:
        print(f"\n{PESAN_DIHENTIKAN}", file=sys.stderr)
        return EXIT_DIHENTIKAN


def _jalankan(argv: Optional[list[str]] = None) -> int:
    from ..berkas.sumber import BerkasBawaanHilang

    parser = build_parser()
    args = parser.parse_args(argv)
    satukan_master(getattr(args, "parser_master", parser), args)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except PoskinerjaGagal as exc:  # the library's own message; the class says which exit code
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return exc.kode_keluar
    except BerkasBawaanHilang as exc:  # not the user's files: the advice is to reinstall
        print(f"Kesalahan: {exc}. Instalasi poskinerja tidak lengkap; pasang ulang paket poskinerja "
              "(pip install --force-reinstall poskinerja), lalu jalankan lagi.", file=sys.stderr)
        return EXIT_IO
    except OSError as exc:  # a file or folder the job needs: Indonesian, with advice that fits
        from ..berkas.aman import pesan_os

        print(f"Kesalahan: {pesan_os(exc)} Keluaran sebelumnya tidak berubah.", file=sys.stderr)
        return EXIT_IO
    except Exception as exc:  # a defect, not the user's doing: say so in one line, details for the maintainer
        if os.environ.get("POSKINERJA_DEBUG"):
            raise
        print(f"Kesalahan tak terduga di poskinerja; keluaran sebelumnya tidak berubah. Laporkan kepada "
              f"pengelola beserta perintah yang dijalankan (jalankan lagi dengan POSKINERJA_DEBUG=1 untuk "
              f"rincian lengkap).\n  Rincian teknis: {type(exc).__name__}: {str(exc)[:300]}", file=sys.stderr)
        return EXIT_IO

