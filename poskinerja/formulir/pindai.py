"""Walking a shared folder for returned forms, and saying why each other entry is left out.

Only regular files are ever opened. Every entry that is not read — a link, a
FIFO, a device, an unreadable file or folder, a path too long, a dot-folder, a
lock file, a name that is not valid UTF-8, a file that is no spreadsheet — is
listed with its reason in Bahasa Indonesia, so nothing vanishes silently.
Entries are examined with ``lstat`` (links are never followed), and nothing
is ever written here.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from . import kontrak as F

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
# Linux's PATH_MAX: a longer path cannot be opened by name at all.
PATH_MAX = 4096
# Nested folders deeper than this are listed, not entered (a share never needs it;
# a loop made of bind mounts or junctions would otherwise never end).
KEDALAMAN_MAKS = 32


@dataclass
class HasilPindai:
    files: list[Path]
    skipped: list[tuple[str, str]]  # (relative path as people read it, reason)


def tampil(name: str) -> str:
    """A name as people can read it: bytes that are not UTF-8 become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.scandir decodes invalid bytes as lone surrogates
        return False
    return True


def _link_reason(path: str) -> str:
    try:
        target = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "tautan simbolik yang berputar (menunjuk dirinya sendiri); tidak diikuti"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "tautan simbolik ke berkas yang tidak ada; tidak diikuti"
        return "tautan simbolik yang tujuannya tidak dapat dibuka; tidak diikuti"
    if stat.S_ISCHR(target.st_mode) or stat.S_ISBLK(target.st_mode):
        return "tautan simbolik ke perangkat sistem; tidak diikuti"
    if stat.S_ISDIR(target.st_mode):
        return "tautan simbolik ke folder; tidak diikuti (salin folder aslinya ke sini)"
    return "tautan simbolik; tidak diikuti (salin berkas aslinya ke folder ini)"


def _special_reason(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "pipa bernama (FIFO), bukan berkas; tidak dibuka"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "berkas perangkat sistem, bukan berkas biasa; tidak dibuka"
    if stat.S_ISSOCK(mode):
        return "soket, bukan berkas biasa; tidak dibuka"
    return "bukan berkas biasa; tidak dibuka"


def _name_reason(name: str) -> str:
    """Why a regular file is not a candidate by its name alone ('' when it is)."""
    lower = name.lower()
    if name.startswith("~$"):
        return "berkas kunci Excel (~$), dibuat selama berkas aslinya dibuka"
    if name.startswith(".~lock.") and name.endswith("#"):
        return "berkas kunci LibreOffice (.~lock), dibuat selama berkas aslinya dibuka"
    if name.startswith(".") or lower.endswith((".tmp", ".bak", "~")):
        return "berkas tersembunyi atau sementara"
    if os.path.splitext(lower)[1] not in SPREADSHEET_SUFFIXES:
        return "bukan lembar kerja"
    return ""


def _unreadable_reason(path: str) -> str:
    """'' when the file opens for reading; opening is the only test that holds for root too."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "tidak dapat dibaca: akses ditolak (periksa izin berkas)"
        if exc.errno == errno.ENAMETOOLONG:
            return "jalurnya terlalu panjang untuk dibuka"
        from ..berkas.aman import uraian_os
        return f"tidak dapat dibuka: {uraian_os(exc)}"
    os.close(fd)
    return ""


def pindai(folder: Path) -> HasilPindai:
    """Every candidate spreadsheet under ``folder`` in name order, and what was skipped and why."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    _walk(str(folder), "", files, skipped, 0)
    return HasilPindai(files, skipped)


def _walk(dirpath: str, rel: str, files: list[Path], skipped: list[tuple[str, str]], depth: int) -> None:
    try:
        with os.scandir(dirpath) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        if not rel:
            raise  # the folder asked for: the caller reports it
        skipped.append((tampil(rel), _folder_reason(exc)))
        return
    for entry in entries:
        name = entry.name
        relname = os.path.join(rel, name) if rel else name  # as FormulirTerbaca.relpath spells it
        shown = tampil(relname)
        if not _utf8(name):
            skipped.append((shown, "nama berkas atau folder bukan teks UTF-8 yang sah "
                                   "(ganti namanya, mis. disimpan ulang dari Windows)"))
            continue
        if len(os.fsencode(entry.path)) >= PATH_MAX:
            skipped.append((shown, f"jalurnya lebih dari {PATH_MAX} bita; pindahkan ke folder yang lebih dangkal"))
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            skipped.append((shown, _folder_reason(exc)))
            continue
        if stat.S_ISLNK(mode):
            skipped.append((shown, _link_reason(entry.path)))
        elif stat.S_ISDIR(mode):
            if name.startswith("."):
                skipped.append((shown, "folder tersembunyi (namanya diawali titik); isinya tidak dibaca"))
            elif name == F.FOLDER_CADANGAN:
                skipped.append((shown, "folder cadangan formulir lama"))
            elif depth >= KEDALAMAN_MAKS:
                skipped.append((shown, f"folder lebih dalam dari {KEDALAMAN_MAKS} tingkat; tidak dibaca"))
            else:
                _walk(entry.path, relname, files, skipped, depth + 1)
        elif not stat.S_ISREG(mode):
            skipped.append((shown, _special_reason(mode)))
        elif reason := _name_reason(name):
            skipped.append((shown, reason))
        elif reason := _unreadable_reason(entry.path):
            skipped.append((shown, reason))
        else:
            files.append(Path(entry.path))


def _folder_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "folder tidak dapat dibuka: akses ditolak; isinya tidak dibaca (periksa izin folder)"
    if exc.errno == errno.ENAMETOOLONG:
        return f"jalurnya lebih dari {PATH_MAX} bita; isinya tidak dibaca (pindahkan ke folder yang lebih dangkal)"
    from ..berkas.aman import uraian_os
    return f"tidak dapat dibuka: {uraian_os(exc)}"
