"""Files on disk: atomic writes and Windows-safe names.

Outputs land on shared drives that Windows users browse; a crash must never
leave half a file, and names must be legal on NTFS/SMB.
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterator

from .proses import hidup, penanda, tanda_komputer

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 120  # leaves room for deep shared-drive paths under Windows' 260 limit


def safe_name(name: str, max_length: int = MAX_NAME) -> str:
    """A file-name stem legal on Windows: no ``\\/:*?"<>|``, no reserved names,
    no trailing dots or spaces, bounded length."""
    cleaned = _FORBIDDEN.sub("_", name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(". ")
    cleaned = cleaned[:max_length].rstrip(". ") or "_"
    if cleaned.split(".")[0].strip().upper() in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned


def unique_path(path: Path, taken: dict[str, int]) -> Path:
    """``path``, or ``path (2)``, ``(3)``… when an earlier one in this run took it.

    ``taken`` maps each case-folded name handed out so far (Windows file
    systems compare names case-insensitively) to the next number to try for
    it, so a run of N names costs O(N) even when many share one name.
    """
    key = str(path).casefold()
    if key not in taken:
        taken[key] = 2
        return path
    n = taken[key]
    while True:
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1
        if str(candidate).casefold() not in taken:
            break
    taken[key] = n
    taken[str(candidate).casefold()] = 2
    return candidate


PREFIX_SEMENTARA = ".~tmp-"
_PEMILIK = re.compile(r"\.~tmp-([0-9a-f]{8})-(\d+)-")
UMUR_SEMENTARA_ASING = 15 * 60  # seconds; a temporary file of another computer older than this is abandoned


def awalan_sementara() -> str:
    """The start of this process's temporary names: ``.~tmp-<host tag>-<pid>-``."""
    return f"{PREFIX_SEMENTARA}{penanda()}-"


def sementara_usang(path: Path) -> bool:
    """Whether ``path`` (a ``.~tmp-…`` name) was left by a run that no longer exists.

    Ours carry the host tag and pid of their maker: on this computer a dead
    pid means abandoned. Another computer's process cannot be asked, so its
    files count as abandoned once untouched for ``UMUR_SEMENTARA_ASING``; untagged
    names come from older versions and are always abandoned.
    """
    if not path.name.startswith(PREFIX_SEMENTARA):
        return False
    m = _PEMILIK.match(path.name)
    if m is None:
        return True
    if m.group(1) == tanda_komputer():
        return not hidup(int(m.group(2)))
    try:
        return time.time() - path.lstat().st_mtime > UMUR_SEMENTARA_ASING
    except FileNotFoundError:
        return False


def hapus_sementara_usang(folder: Path) -> list[str]:
    """Remove abandoned ``.~tmp-…`` files and folders directly in ``folder``; their names."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        if not sementara_usang(path):
            continue
        with contextlib.suppress(FileNotFoundError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(entry.name)
    return removed


def fsync_berkas(path: Path) -> None:
    """Force ``path``'s bytes to the disk (a journal must never point at data still in memory)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable; Windows has no directory handle to flush."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some network file systems refuse; the renames are still atomic
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)  # the only portable way to read it
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(dest: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; on success it replaces ``dest``.

    On error the temporary file is removed and ``dest`` is left as it was.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=awalan_sementara(), suffix=dest.suffix, dir=dest.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if tmp_path.exists():  # mkstemp makes 0600; give the file the mode a plain create would
            os.chmod(tmp_path, 0o666 & ~_umask())
        try:
            os.replace(tmp_path, dest)
        except OSError as exc:  # name the output, not our temporary file, in the message people read
            raise type(exc)(exc.errno, exc.strerror, str(dest)) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def write_bytes_atomic(dest: Path | str, data: bytes) -> None:
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data)


_OS_ERRORS = {errno.ENOSPC: "ruang disk penuh", errno.ENOENT: "berkas atau folder tidak ditemukan",
              errno.EISDIR: "yang ada di sana sebuah folder, bukan berkas",
              errno.ENOTDIR: "bagian jalurnya bukan folder", errno.EACCES: "akses ditolak",
              errno.EPERM: "akses ditolak", errno.EROFS: "drive hanya dapat dibaca",
              errno.EADDRINUSE: "sudah dipakai program lain"}


def uraian_os(exc: OSError) -> str:
    """What an operating-system error means, in Bahasa Indonesia (the system's own text otherwise)."""
    return _OS_ERRORS.get(exc.errno) or exc.strerror or str(exc)
