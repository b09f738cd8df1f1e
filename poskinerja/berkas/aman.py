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
        try:
            yield tmp_path
        except OSError as exc:  # writing our temporary file: name the output the user will look for
            if exc.filename is None or Path(exc.filename) != tmp_path:
                raise
            raise type(exc)(exc.errno, exc.strerror, str(dest)) from exc
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


_TUTUP = "Tutup berkas itu bila sedang terbuka di Excel atau Word, atau minta hak baca/tulis folder itu"
_PENDEK = "Pakai folder yang lebih dekat ke akar drive atau nama yang lebih pendek"
_JARINGAN = "Periksa sambungan ke drive bersama (atau kondisi disk), lalu jalankan lagi"
# errno: (what it means, what to do) — in Bahasa Indonesia; the system's own text is English.
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("ruang disk penuh", "Kosongkan ruang di drive itu, lalu jalankan lagi"),
    errno.EDQUOT: ("kuota disk Anda habis", "Kosongkan ruang atau minta tambahan kuota, lalu jalankan lagi"),
    errno.EFBIG: ("berkas terlalu besar untuk drive itu", "Pilih drive lain untuk keluaran"),
    errno.ENOENT: ("berkas atau folder tidak ditemukan",
                   "Periksa nama dan letaknya; tulis jalur yang memuat spasi di dalam tanda kutip"),
    errno.EISDIR: ("yang ada di sana sebuah folder, bukan berkas",
                   "Sebutkan nama berkasnya, atau pindahkan folder itu"),
    errno.ENOTDIR: ("bagian jalurnya bukan folder", "Periksa jalurnya: salah satu bagiannya adalah berkas"),
    errno.EACCES: ("akses ditolak", _TUTUP),
    errno.EPERM: ("akses ditolak", _TUTUP),
    errno.EROFS: ("drive hanya dapat dibaca", "Pilih folder keluaran di drive yang dapat ditulis"),
    errno.EADDRINUSE: ("sudah dipakai program lain", "Pilih port lain"),
    errno.EEXIST: ("sudah ada", "Pindahkan atau ganti nama yang sudah ada, lalu jalankan lagi"),
    errno.ENOTEMPTY: ("folder itu tidak kosong", "Pindahkan isinya atau pilih folder lain"),
    errno.ELOOP: ("tautan (shortcut/symlink) yang berputar menunjuk ke dirinya sendiri",
                  "Perbaiki atau hapus tautan itu"),
    errno.ENAMETOOLONG: ("nama atau jalurnya terlalu panjang", _PENDEK),
    errno.EMFILE: ("terlalu banyak berkas terbuka sekaligus", "Tutup program lain, lalu jalankan lagi"),
    errno.ENFILE: ("terlalu banyak berkas terbuka di komputer ini", "Tutup program lain, lalu jalankan lagi"),
    errno.EBUSY: ("sedang dipakai program lain", "Tutup program yang memakainya, lalu jalankan lagi"),
    errno.ETXTBSY: ("sedang dipakai program lain", "Tutup program yang memakainya, lalu jalankan lagi"),
    errno.EIO: ("kesalahan baca/tulis pada drive", _JARINGAN),
    errno.ETIMEDOUT: ("drive atau jaringan tidak menjawab (waktu habis)", _JARINGAN),
    errno.ESTALE: ("berkas di drive jaringan sudah tidak berlaku", _JARINGAN),
    errno.ENETUNREACH: ("jaringan tidak terjangkau", _JARINGAN),
    errno.EHOSTUNREACH: ("komputer tujuan tidak terjangkau", _JARINGAN),
    errno.ECONNREFUSED: ("sambungan ditolak", _JARINGAN),
    errno.ECONNRESET: ("sambungan terputus", _JARINGAN),
    errno.EPIPE: ("sambungan terputus", _JARINGAN),
    errno.EXDEV: ("tidak dapat dipindahkan antar-drive", "Pilih folder keluaran di drive yang sama"),
    errno.EINVAL: ("nama atau permintaan tidak valid",
                   "Periksa nama berkas (tanpa \\ / : * ? \" < > |) dan jalurnya"),
    errno.ENXIO: ("bukan berkas biasa (perangkat atau saluran)", "Sebutkan berkas .xlsx yang biasa"),
    errno.ENODEV: ("bukan berkas biasa (perangkat)", "Sebutkan berkas .xlsx yang biasa"),
    errno.EAGAIN: ("sumber daya sementara tidak tersedia", "Tunggu sebentar, lalu jalankan lagi"),
    errno.ENOMEM: ("memori komputer tidak cukup", "Tutup program lain, lalu jalankan lagi"),
}


_BY_TYPE = {FileNotFoundError: errno.ENOENT, PermissionError: errno.EACCES, IsADirectoryError: errno.EISDIR,
            NotADirectoryError: errno.ENOTDIR, FileExistsError: errno.EEXIST}


def _errno(exc: OSError):
    """The error's code; raised without one (``FileNotFoundError("…")``), the code its type stands for."""
    if exc.errno is not None:
        return exc.errno
    return next((code for kind, code in _BY_TYPE.items() if isinstance(exc, kind)), None)


def uraian_os(exc: OSError) -> str:
    """What an operating-system error means, in Bahasa Indonesia (never the system's English text)."""
    if _errno(exc) in _OS_ERRORS:
        return _OS_ERRORS[_errno(exc)][0]
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno is not None else type(exc).__name__
    return f"kesalahan sistem berkas ({code})"


def saran_os(exc: OSError) -> str:
    """What to do about an operating-system error, in Bahasa Indonesia."""
    if _errno(exc) in _OS_ERRORS:
        return _OS_ERRORS[_errno(exc)][1]
    return "Periksa berkas dan folder itu, lalu jalankan lagi"


def pesan_os(exc: OSError) -> str:
    """One sentence for users: which file, what happened, what to do.

    Names the file the user gave or will see (``atomic_path`` re-raises its
    temporary file's errors under the final name).
    """
    # A temporary name (".~tmp-…", e.g. from mkstemp) means nothing to users: name its folder.
    names = [str(Path(n).parent) if Path(str(n)).name.startswith(".~tmp-") else str(n)
             for n in (exc.filename, getattr(exc, "filename2", None)) if n]
    where = f"{' → '.join(names)}: " if names else ""
    if exc.errno == errno.EEXIST and exc.filename and Path(exc.filename).is_file():
        # mkdir where a file of that name stands: "sudah ada" alone does not say what is wrong
        return (f"{where}di sana sudah ada sebuah berkas, padahal yang dibutuhkan folder. "
                "Ganti nama atau pindahkan berkas itu, atau pilih folder lain.")
    return f"{where}{uraian_os(exc)}. {saran_os(exc)}."

