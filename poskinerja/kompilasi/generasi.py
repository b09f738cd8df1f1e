"""A run's outputs are one generation: they appear together or not at all.

Used by kompilasi (recap + manifest) and laporan (a report set):

    with Generasi(keluar, "kompilasi") as gen:
        ... write every output into gen.sementara ...
        gen.pasang([nama_rekap, nama_manifest])

- One run per output folder at a time: an operating-system lock on
  ``.~kunci-poskinerja`` (fcntl on Linux/macOS, msvcrt on Windows; both are
  honoured by NFS/SMB servers). The kernel drops it when the holder dies,
  so a killed run never blocks the next one. The file holds who has it
  (pid, computer, start time) for the message a second run shows.
- Outputs are first written into a private staging folder
  ``.~tmp-<host>-<pid>-<id>`` beside them. ``pasang`` flushes them to disk,
  writes a journal (``.~jurnal-poskinerja.json``) listing them, renames each
  into place in the given order, then deletes the journal. A run killed
  between two renames leaves the journal; the next run rolls it forward
  (``pulihkan``) before anything else, so the folder ends with one run's
  complete set, and a reader meanwhile sees the mismatch (``cocok``).
- On start the run removes what killed runs left (``.~tmp-…``). Ctrl-C is
  held back while the lock, the journal and the renames change hands.

The output names stay those of DESIGN.md: nothing moves into sub-folders.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import secrets
import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Iterable, Optional

from ..berkas.aman import atomic_path, awalan_sementara, fsync_berkas, fsync_folder, hapus_sementara_usang
from ..berkas.proses import nama_komputer
from ..inti.galat import KELUAR_BERKAS, PoskinerjaGagal

NAMA_KUNCI = ".~kunci-poskinerja"
NAMA_JURNAL = ".~jurnal-poskinerja.json"
_POS_KUNCI_WINDOWS = 1 << 30  # msvcrt locks block reads; lock a byte far past the holder's note


class FolderSedangDipakai(PoskinerjaGagal):
    """Another run holds the output folder (message in Bahasa Indonesia names the holder)."""

    kode_keluar = KELUAR_BERKAS  # nothing to fix: try again once the other run is done

    def __init__(self, folder: Path, pemegang: dict):
        self.folder = folder
        self.pemegang = pemegang
        super().__init__(_pesan_dipakai(folder, pemegang))


def _pesan_dipakai(folder: Path, p: dict) -> str:
    if not p.get("pid"):
        siapa = "proses poskinerja lain (identitasnya belum tercatat)"
    else:
        try:
            mulai = dt.datetime.fromisoformat(str(p.get("mulai"))).strftime("%d/%m/%Y %H:%M:%S")
        except ValueError:
            mulai = "waktu tidak diketahui"
        siapa = (f"proses {p.get('perintah') or 'poskinerja'} lain: PID {p['pid']} di komputer "
                 f"{p.get('komputer') or '?'}, mulai {mulai}")
    return (f"Folder keluaran {folder} sedang dipakai oleh {siapa}. Satu folder keluaran hanya dapat "
            "ditulis satu proses pada satu waktu. Tunggu sampai proses itu selesai, lalu jalankan lagi. "
            "Keluaran yang ada tidak berubah.")


def buat_id_run() -> str:
    """``20261202-145003-a1b2c3``: sortable by time, unique across computers."""
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def sha256_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cocok(rekap: Path, manifest: Path) -> bool:
    """Whether ``manifest`` describes exactly the bytes of ``rekap`` (one generation)."""
    try:
        data = json.loads(Path(manifest).read_text(encoding="utf-8"))
        return data.get("rekap_sha256") == sha256_berkas(Path(rekap))
    except (OSError, ValueError, AttributeError):
        return False


# --- the lock ------------------------------------------------------------------------------------

_dipegang: dict[str, dict] = {}  # folders this process holds → holder note (threads of one server)
_dipegang_kunci = threading.Lock()


# errno of "another process holds it"; any other failure means the file system cannot lock at all
_DIPEGANG_ERRNO = {errno.EACCES, errno.EAGAIN, getattr(errno, "EDEADLK", errno.EACCES),
                   getattr(errno, "EDEADLOCK", errno.EACCES)}


def _kunci_os(fd: int) -> bool:
    """Take the OS lock on ``fd``; False while another process holds it.

    A file system without locks (some network mounts answer ENOLCK) counts as
    taken: the journal still keeps each generation whole, only two
    simultaneous runs are no longer told apart, which beats never running.
    """
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, _POS_KUNCI_WINDOWS, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            # POSIX record locks, not flock: NFS and SMB clients forward them to the server
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        return exc.errno not in _DIPEGANG_ERRNO
    return True


def _masih_tertaut(path: Path, fd: int) -> bool:
    """Whether ``fd`` is still the file named ``path`` (a releasing holder unlinks it)."""
    if os.name == "nt":  # an open file cannot be deleted there
        return True
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino)


def _buka_kunci(path: Path) -> Optional[int]:
    """The locked lock file's descriptor, or None while another process holds it."""
    for _ in range(100):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        try:
            acquired = _kunci_os(fd)
            linked = _masih_tertaut(path, fd)
        except BaseException:
            os.close(fd)
            raise
        if acquired and linked:
            return fd
        os.close(fd)  # also drops a lock taken on a file its holder just unlinked
        if not acquired and linked:
            return None
    return None


def _baca_pemegang(path: Path) -> dict:
    """The holder's note; it may still be being written, so look a few times."""
    for _ in range(3):
        try:
            return json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            time.sleep(0.05)
    return {}


def _tulis_pemegang(fd: int, note: dict) -> None:
    data = json.dumps(note, ensure_ascii=False).encode("utf-8")
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)


def _lepas_kunci(path: Path, fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, _POS_KUNCI_WINDOWS, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)
        with contextlib.suppress(OSError):  # another run has it open already: it stays
            path.unlink()
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # while still locked, so a waiting run notices and opens a fresh file
    os.close(fd)


class _TahanCtrlC:
    """Hold a Ctrl-C back for the few milliseconds files change hands, then deliver it."""

    def __enter__(self):
        self.caught = False
        self.old = None
        if threading.current_thread() is threading.main_thread():
            old = signal.getsignal(signal.SIGINT)
            if old is not None:
                self.old = old
                signal.signal(signal.SIGINT, self._catch)
        return self

    def _catch(self, signum, frame):
        self.caught = True

    def __exit__(self, exc_type, exc, tb):
        if self.old is None:
            return False
        signal.signal(signal.SIGINT, self.old)
        if self.caught and exc_type is None:
            if self.old is signal.default_int_handler or self.old == signal.SIG_DFL:
                raise KeyboardInterrupt
            if callable(self.old):
                self.old(signal.SIGINT, None)
        return False


# --- the journal -----------------------------------------------------------------------------------

def _nama_polos(name: str) -> bool:
    return bool(name) and Path(name).name == name and name not in (".", "..")


def _gulirkan(keluar: Path, jurnal: dict, done: Optional[list[str]] = None) -> list[str]:
    """Finish a journal's renames (those not done yet), then drop the journal and the staging folder.

    ``done`` collects the names put in place, also when a rename fails midway.
    """
    staging_name = str(jurnal.get("sementara", ""))
    names = [str(n) for n in jurnal.get("berkas", [])]
    done = [] if done is None else done
    if _nama_polos(staging_name) and staging_name.startswith(".~tmp-"):
        staging = keluar / staging_name
        for name in names:
            src = staging / name
            if _nama_polos(name) and src.is_file():
                try:
                    os.replace(src, keluar / name)
                except OSError as exc:  # name the user's file, not our staging copy
                    raise type(exc)(exc.errno, exc.strerror, str(keluar / name)) from exc
                done.append(name)
        fsync_folder(keluar)
    with contextlib.suppress(FileNotFoundError):
        (keluar / NAMA_JURNAL).unlink()
    if _nama_polos(staging_name) and staging_name.startswith(".~tmp-"):
        shutil.rmtree(keluar / staging_name, ignore_errors=True)
    return done


def _pulihkan_terkunci(keluar: Path) -> list[str]:
    path = keluar / NAMA_JURNAL
    try:
        jurnal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):  # written atomically, so only damage gets here: nothing to finish
        jurnal = {}
    return _gulirkan(keluar, jurnal if isinstance(jurnal, dict) else {})


def pulihkan(keluar: str | Path) -> list[str]:
    """Complete a generation a killed run left half-renamed and remove abandoned temporary files.

    Every run does this first; a reader may call it too. Returns the names
    the journal still had to put in place. Raises FolderSedangDipakai while
    a run holds the folder (it will do this itself).
    """
    keluar = Path(keluar)
    if not keluar.is_dir():
        return []
    with _Kunci(keluar, "pemulihan"):
        done = _pulihkan_terkunci(keluar)
        hapus_sementara_usang(keluar)
    return done


class _Kunci:
    """The folder's lock for this process: held by one thread, one process, at a time."""

    def __init__(self, keluar: Path, perintah: str, id_run: str = ""):
        self.keluar = keluar
        self.path = keluar / NAMA_KUNCI
        self.key = ""
        self.note = {"pid": os.getpid(), "komputer": nama_komputer(), "perintah": perintah,
                     "mulai": dt.datetime.now().isoformat(timespec="seconds"), "id_run": id_run}
        self.fd: Optional[int] = None

    def __enter__(self):
        # One key per folder however it is named (a link, another case on Windows): POSIX locks are
        # per process, so two threads reaching one folder by two names would both get the OS lock.
        self.key = os.path.normcase(os.path.realpath(self.keluar))
        with _dipegang_kunci:
            if self.key in _dipegang:
                raise FolderSedangDipakai(self.keluar, _dipegang[self.key])
            _dipegang[self.key] = self.note
        try:
            with _TahanCtrlC():
                pemegang: dict = {}
                for _ in range(20):
                    self.fd = _buka_kunci(self.path)
                    if self.fd is not None:
                        break
                    pemegang = _baca_pemegang(self.path)
                    if pemegang:
                        raise FolderSedangDipakai(self.keluar, pemegang)
                    # no note: its holder is just starting or just left; look again
                if self.fd is None:
                    raise FolderSedangDipakai(self.keluar, pemegang)
                _tulis_pemegang(self.fd, self.note)
        except BaseException:
            if self.fd is not None:
                _lepas_kunci(self.path, self.fd)
            with _dipegang_kunci:
                _dipegang.pop(self.key, None)
            raise
        return self

    def __exit__(self, *exc):
        with _TahanCtrlC():
            if self.fd is not None:
                _lepas_kunci(self.path, self.fd)
                self.fd = None
            with _dipegang_kunci:
                _dipegang.pop(self.key, None)
        return False


# --- one run's generation --------------------------------------------------------------------------

class Generasi:
    """One run's outputs in ``keluar``: staged privately, then put in place together (``pasang``).

    Leaving the block without ``pasang`` (an error, Ctrl-C) leaves the
    previous outputs exactly as they were and nothing of this run behind.
    """

    def __init__(self, keluar: str | Path, perintah: str):
        self.keluar = Path(keluar)
        self.perintah = perintah
        self.id_run = buat_id_run()
        self.sementara: Path = self.keluar / f"{awalan_sementara()}{self.id_run[-6:]}"
        self.dipulihkan: list[str] = []
        self._kunci = _Kunci(self.keluar, perintah, self.id_run)
        self._dibuat = False
        self._jurnal = False
        self._selesai = False

    def __enter__(self) -> "Generasi":
        self._dibuat = not self.keluar.exists()
        self.keluar.mkdir(parents=True, exist_ok=True)
        try:
            self._kunci.__enter__()
        except OSError as exc:  # e.g. a read-only folder: name it, not our lock file
            self._hapus_folder_baru()
            named = self._nama_pengguna(exc.filename)
            if named is None:
                raise
            raise type(exc)(exc.errno, exc.strerror, named) from exc
        except BaseException:
            self._hapus_folder_baru()
            raise
        try:
            with _TahanCtrlC():
                self.dipulihkan = _pulihkan_terkunci(self.keluar)
                hapus_sementara_usang(self.keluar)
                self.sementara.mkdir()
        except BaseException as exc:
            self._kunci.__exit__(None, None, None)
            named = self._nama_pengguna(exc.filename) if isinstance(exc, OSError) else None
            if named is None:
                raise
            raise type(exc)(exc.errno, exc.strerror, named) from exc
        return self

    def pasang(self, names: Iterable[str]) -> list[Path]:
        """Put the staged files ``names`` in place, in this order (the manifest last); their paths."""
        names = list(names)
        for name in names:
            if not _nama_polos(name) or not (self.sementara / name).is_file():
                raise ValueError(f"{name!r} tidak ada di folder sementara {self.sementara}")
        with _TahanCtrlC():
            for name in names:
                fsync_berkas(self.sementara / name)
            _periksa_dapat_diganti(self.keluar, names)
            jurnal = {"id_run": self.id_run, "perintah": self.perintah, "sementara": self.sementara.name,
                      "berkas": names}
            with atomic_path(self.keluar / NAMA_JURNAL) as tmp:
                tmp.write_text(json.dumps(jurnal, ensure_ascii=False), encoding="utf-8")
                fsync_berkas(tmp)
            self._jurnal = True
            done: list[str] = []
            try:
                _gulirkan(self.keluar, jurnal, done)
            except BaseException:
                if not done:  # nothing replaced: the previous generation stands whole, forget this one
                    with contextlib.suppress(FileNotFoundError):
                        (self.keluar / NAMA_JURNAL).unlink()
                    self._jurnal = False
                raise
            self._selesai = True
        return [self.keluar / name for name in names]

    def __exit__(self, exc_type, exc, tb):
        with _TahanCtrlC():
            try:
                if self._jurnal and not self._selesai:
                    with contextlib.suppress(OSError):  # e.g. a file still open: the next run finishes it
                        _pulihkan_terkunci(self.keluar)
                if not (self._jurnal and (self.keluar / NAMA_JURNAL).exists()):
                    shutil.rmtree(self.sementara, ignore_errors=True)
            finally:
                self._kunci.__exit__(None, None, None)
                if exc_type is not None:
                    self._hapus_folder_baru()
        if isinstance(exc, OSError) and (named := self._nama_pengguna(exc.filename)) is not None:
            raise type(exc)(exc.errno, exc.strerror, named) from exc
        return False

    def _nama_pengguna(self, filename) -> Optional[str]:
        """The name users know for a path of ours: the output for a staged copy, else the folder."""
        if not isinstance(filename, str):
            return None
        path = Path(filename)
        if path.parent == self.sementara:
            return str(self.keluar / path.name)
        if path == self.sementara or (path.parent == self.keluar and path.name.startswith(".~")):
            return str(self.keluar)
        return None

    def _hapus_folder_baru(self) -> None:
        """A failed run into a folder it created leaves no empty folder behind."""
        if self._dibuat:
            with contextlib.suppress(OSError):
                self.keluar.rmdir()


def _periksa_dapat_diganti(keluar: Path, names: list[str]) -> None:
    """Find out before renaming anything whether a destination cannot be replaced: a folder in its
    place, or (Windows) a file open in Excel."""
    for name in names:
        dest = keluar / name
        if dest.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(dest))
        if os.name != "nt":
            continue
        try:
            fd = os.open(dest, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            continue
        except PermissionError as exc:
            raise PermissionError(exc.errno, exc.strerror, str(dest)) from exc
        os.close(fd)
