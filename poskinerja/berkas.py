"""Files on disk: atomic writes and Windows-safe names.

Outputs land on shared drives that Windows users browse; a crash must never
leave half a file, and names must be legal on NTFS/SMB.
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator

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
    fd, tmp = tempfile.mkstemp(prefix=".~tmp-", suffix=dest.suffix, dir=dest.parent)
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
