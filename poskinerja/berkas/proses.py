"""Processes: who this run is, whether another run is still alive, workers tied to their parent.

Temporary files carry ``penanda()`` (a short host tag and the pid) in their
name, so a later run can tell a killed run's leftovers from a live run's
work in progress (``hidup``). Worker processes call ``ikat_ke_induk`` when
they start, so a killed kompilasi never leaves workers behind.
"""
from __future__ import annotations

import hashlib
import os
import socket
import sys
import threading
import time

_JEDA_PANTAU = 0.5  # seconds between checks of the parent: a worker outlives it by at most this


def nama_komputer() -> str:
    return socket.gethostname() or "?"


def tanda_komputer() -> str:
    """8 hex digits naming this computer: short enough for file names on deep shared-drive paths."""
    return hashlib.sha1(nama_komputer().encode("utf-8", "surrogateescape")).hexdigest()[:8]


def penanda() -> str:
    """``<host tag>-<pid>``: which process on which computer made a temporary file."""
    return f"{tanda_komputer()}-{os.getpid()}"


def hidup(pid: int) -> bool:
    """Whether process ``pid`` on this computer is still running (a reused pid reads as alive)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _hidup_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return not _zombi(pid)


def _zombi(pid: int) -> bool:
    """A process that has ended but was not yet reaped by its parent (Linux tells; others: no)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def _hidup_windows(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    query_limited, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(query_limited, False, pid)
    if not handle:  # no such process, or one we may not look at (then it exists)
        return ctypes.get_last_error() == access_denied
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def ikat_ke_induk() -> None:
    """Pool initializer: end this worker as soon as the process that started it ends.

    On Linux the kernel kills the worker the moment its parent dies
    (``PR_SET_PDEATHSIG``), even while it is deep inside the xlsx parser. On
    every system a watcher thread also checks the parent twice a second and
    ends the worker when it is gone: on POSIX the worker is then re-parented
    or the pid is free, on Windows the parent's process handle is signalled,
    so no job object is needed there. The parent may die before this runs
    (between fork and initializer): that too ends the worker. Never raises:
    a pool must not break over a safety net.
    """
    try:
        import multiprocessing

        parent = multiprocessing.parent_process()
        parent_pid = parent.pid if parent is not None else os.getppid()
        if sys.platform.startswith("linux"):
            _pdeathsig()  # from here on the kernel watches; check the moment before it did
        masih_ada = _induk_masih_ada(parent, parent_pid)
        if not masih_ada():
            os._exit(1)
        threading.Thread(target=_pantau_induk, args=(masih_ada,), name="pantau-induk", daemon=True).start()
    except Exception:  # noqa: BLE001
        pass


def _pdeathsig() -> None:
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)


def _induk_masih_ada(parent, parent_pid: int):
    if os.name == "nt" and parent is not None:
        return parent.is_alive
    # The pool's creator, by pid; and our parent must not change (a forkserver's children are
    # re-parented when it ends, as our own are when the creator ends): a reused pid cannot fool both.
    first_ppid = os.getppid()
    return lambda: hidup(parent_pid) and os.getppid() == first_ppid


def _pantau_induk(masih_ada) -> None:
    while masih_ada():
        time.sleep(_JEDA_PANTAU)
    os._exit(1)
