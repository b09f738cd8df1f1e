"""What every ``poskinerja`` sub-command shares: exit codes, the Indonesian argparse, common
arguments, reading the master and input paths, printing and progress.

The command modules (``utama`` and the sub-command modules beside it) import from here; nothing
here imports them, so the command line has no circle.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..inti.galat import KELUAR_BERKAS, KELUAR_PEMAKAIAN, PoskinerjaGagal

EXIT_OK = 0
EXIT_IO = KELUAR_BERKAS  # an output could not be written (a file left open in Excel, a share gone)
EXIT_USAGE = KELUAR_PEMAKAIAN
EXIT_DIHENTIKAN = 130  # the shell's code for a run stopped by Ctrl-C (128 + SIGINT)
PESAN_DIHENTIKAN = ("Dihentikan (Ctrl+C). Berkas yang sedang ditulis tidak disimpan; "
                    "keluaran sebelumnya tidak berubah.")
HELP_TRIWULAN = "1, 2, 3 atau 4 (juga I–IV, TW1, TW 1)"
HELP_TIMPA = "ganti berkas yang sudah ada (berkas lama disimpan dulu di folder _cadangan)"

# argparse's own messages (Python 3.9–3.13), translated where they are shown.
_ARGPARSE_ID = (
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"pilihan tidak valid: \1 (pilih salah satu: \2)"),
    (r"invalid (\w+) value: (.*)", lambda m: f"nilai {m.group(2)} tidak valid"
                                          + (" (harus bilangan bulat)" if m.group(1) == "int" else "")),
    (r"expected one argument", "membutuhkan satu nilai"),
    (r"expected at most one argument", "membutuhkan paling banyak satu nilai"),
    (r"expected at least one argument", "membutuhkan paling sedikit satu nilai"),
    (r"one of the arguments (.*) is required", r"salah satu argumen \1 wajib diisi"),
    (r"not allowed with argument (.*)", r"tidak boleh dipakai bersama argumen \1"),
    (r"ambiguous option: (.*) could match (.*)", r"opsi \1 ambigu; mungkin maksudnya: \2"),
    (r"ignored explicit argument (.*)", r"nilai \1 tidak dipakai oleh opsi ini"),
    (r"unexpected option string: (.*)", r"opsi \1 tidak diharapkan di sini"),
    (r"^argument (\S+): ", r"argumen \1: "),
)


def terjemahkan_argparse(message: str) -> str:
    """An argparse error message in Bahasa Indonesia (its known phrases translated)."""
    import re

    for en, id_ in _ARGPARSE_ID:
        message = re.sub(en, id_, message)
    return message


class _Bantuan(argparse.HelpFormatter):
    """Help and usage with Indonesian headings."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Pemakaian: " if prefix is None else prefix)

    def _fill_text(self, text, width, indent):
        # an example block ("contoh:" epilog) keeps its lines; other text is wrapped as usual
        if text.startswith("contoh:"):
            return "\n".join(indent + line for line in text.splitlines())
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Bahasa Indonesia: usage, headings, -h and every error."""

    def __init__(self, *args, **kwargs):
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", _Bantuan)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", "--bantuan", action="help", default=argparse.SUPPRESS,
                              help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str):  # noqa: D401
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {terjemahkan_argparse(message)}\n"
                              f"Lihat: {self.prog} --help\n")


def bilangan_positif(value: str) -> int:
    """An argparse type: a whole number of at least 1 (e.g. --proses)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"\"{value}\" bukan bilangan bulat") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"harus 1 atau lebih, bukan {number}")
    return number


HELP_MASTER = "berkas master .xlsx (--master MASTER juga diterima)"


def tambah_master(p: argparse.ArgumentParser, wajib: bool = True) -> None:
    """MASTER as every command takes it: positional; the old ``--master MASTER`` still works."""
    p.add_argument("master", metavar="MASTER", nargs="?", help=HELP_MASTER)
    p.add_argument("--master", dest="master_opsi", metavar="MASTER", help=argparse.SUPPRESS)
    p.set_defaults(master_wajib=wajib, parser_master=p)


# The year-folder convention: a command registers which of its arguments the year folder can supply
# (tambah_ruang); after parsing, isi_dari_ruang fills the ones the user left out from the year folder
# named by --ruang or found from the current folder upwards. Explicit arguments always win.
# how a missing argument is named in the message
_NAMA = {"master": "MASTER", "folder": "--folder", "keluar": "--keluar", "keluaran": "--keluar",
         "folder_keluar": "--folder-keluar"}
HELP_RUANG = ("ruang kerja tahunan (poskinerja mulai) yang memberi master dan folder yang tidak disebut; "
              "bawaan: folder ini atau induknya yang berisi poskinerja-ruang.json")


def tambah_ruang(p: argparse.ArgumentParser, wajib: tuple[str, ...] = (), **peta) -> None:
    """``--ruang DIR`` for ``p``; ``peta``: argument dest → the Ruang attribute (or a function of
    (ruang, args)) that supplies it; ``wajib``: dests that must end up filled."""
    p.add_argument("--ruang", metavar="DIR", help=HELP_RUANG)
    p.set_defaults(ruang_peta={"master": "master", **peta}, ruang_wajib=wajib, parser_master=p)


def isi_dari_ruang(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    from ..kantor.ruang import RuangGagal, baca_ruang, cari_ruang

    peta = getattr(args, "ruang_peta", None)
    if peta is None:
        return
    kosong = [dest for dest in peta if not getattr(args, dest, None)]
    try:
        ruang = baca_ruang(args.ruang) if args.ruang else cari_ruang() if kosong else None
    except RuangGagal as exc:
        parser.error(str(exc))
    if ruang is not None:
        for dest in kosong:
            source = peta[dest]
            setattr(args, dest, str(source(ruang, args) if callable(source) else getattr(ruang, source)))
    wajib = [*(("master",) if getattr(args, "master_wajib", False) else ()), *args.ruang_wajib]
    missing = [_NAMA.get(dest, dest) for dest in wajib if not getattr(args, dest, None)]
    if missing:
        parser.error(f"argumen berikut wajib diisi: {', '.join(missing)} (atau jalankan di dalam ruang kerja "
                     "tahunan, atau beri --ruang DIR; lihat: poskinerja mulai --help)")


def satukan_master(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``args.master`` from either spelling; both given and different, or none when required: a usage error."""
    if not hasattr(args, "master_opsi"):
        return
    # kompilasi [MASTER] [FOLDER]: a lone positional that is a folder, or beside --master, is FOLDER
    if getattr(args, "folder_posisi", False) and args.folder is None and args.master and (
            args.master_opsi or Path(args.master).is_dir()):
        args.folder, args.master = args.master, None
    if args.master and args.master_opsi and args.master != args.master_opsi:
        parser.error(f"MASTER diberikan dua kali dan berbeda: {args.master} dan --master {args.master_opsi}")
    args.master = args.master or args.master_opsi
    if hasattr(args, "ruang_peta"):  # the year folder fills what was left out, then checks what must be given
        isi_dari_ruang(parser, args)
    elif args.master_wajib and not args.master:
        parser.error("argumen berikut wajib diisi: MASTER (berkas master .xlsx)")


class Gagal(PoskinerjaGagal):
    """A usage problem to report in Bahasa Indonesia with exit code 2."""


def _print(*lines: str) -> None:
    for line in lines:
        print(line)


def berkas_masukan(path_str: str, label: str) -> Path:
    """An input file the user named: it must exist, be readable and be a regular file
    (a pipe or a device would make the reader wait or read forever)."""
    import errno
    import stat

    from ..berkas.aman import saran_os, uraian_os

    path = Path(path_str)
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            tail = " (tautan yang menunjuk ke berkas yang tidak ada)" if path.is_symlink() else ""
            raise Gagal(f"{label} tidak ditemukan: {path}{tail}") from None
        raise Gagal(f"{label} {path} tidak dapat dibuka: {uraian_os(exc)}. {saran_os(exc)}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise Gagal(f"{label} {path} adalah folder, bukan berkas; sebutkan nama berkas .xlsx-nya.")
    if not stat.S_ISREG(info.st_mode):
        raise Gagal(f"{label} {path} bukan berkas biasa (perangkat atau saluran); sebutkan berkas .xlsx.")
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise Gagal(f"{label} {path} tidak dapat dibaca: {uraian_os(exc)}. {saran_os(exc)}.") from None
    return path


def _load_master(path: str):
    from ..master.baca import baca_master

    berkas_masukan(path, "Berkas master")
    master, temuan = baca_master(path)
    if master is None:
        lines = [f"Master {path} tidak dapat dipakai ({len(temuan)} masalah):"]
        lines += [f"  - {t}" for t in temuan]
        raise Gagal("\n".join(lines))
    if temuan:  # warnings: the master is usable, outputs clean what the warning names
        print(f"Peringatan untuk master {path} ({len(temuan)}):", *[f"  - {t}" for t in temuan],
              sep="\n", file=sys.stderr)
    return master


# --- commands -------------------------------------------------------------

def _jaga_timpa(path: Path, timpa: bool) -> list[str]:
    """Refuse (exit 2) to replace an existing file without --timpa; with it, back it up first."""
    from ..berkas.cadangan import jaga_timpa

    backup = jaga_timpa(path, timpa)
    return [f"  Berkas lama disimpan sebagai: {backup.resolve()}"] if backup else []


class _Progress:
    """A one-line progress bar on stderr for long runs (only on a terminal)."""

    def __init__(self, label: str):
        self.label = label
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
