"""Run real (headless) LibreOffice from the tests.

The UNO bridge only exists for Debian's ``/usr/bin/python3`` (package
``python3-uno``), not for the interpreter running pytest, so every call runs
``tests/lo_uno_script.py`` in a subprocess.  Each call starts and stops its own
soffice with a throw-away profile, so calls are independent and parallel-safe.

Environment:
    LO_PYTHON       interpreter with ``uno`` (default ``/usr/bin/python3``)
    LO_SOFFICE      soffice binary (default: ``soffice`` on PATH)
    LO_CALL_TIMEOUT seconds per call (default 180)
    CI              when set, missing LibreOffice fails the test instead of skipping
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().with_name("lo_uno_script.py")
DEFAULT_TIMEOUT = float(os.environ.get("LO_CALL_TIMEOUT", "180"))


def _python() -> str:
    return os.environ.get("LO_PYTHON", "/usr/bin/python3")


def _soffice() -> str | None:
    return os.environ.get("LO_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


@functools.lru_cache(maxsize=None)
def _missing() -> str | None:
    """Why LibreOffice cannot be driven here, or None when everything is present."""
    if not _soffice():
        return "soffice not found on PATH (apt-get install libreoffice-calc libreoffice-writer)"
    py = _python()
    if not os.access(py, os.X_OK):
        return f"{py} not found (needed for the uno module; apt-get install python3-uno)"
    try:
        probe = subprocess.run([py, "-c", "import uno"], capture_output=True, text=True,
                               timeout=60, env=_clean_env())
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"cannot run {py}: {exc}"
    if probe.returncode != 0:
        return f"{py} cannot import uno (apt-get install python3-uno): {probe.stderr.strip()[-500:]}"
    return None


def soffice_available() -> bool:
    return _missing() is None


def require_libreoffice() -> None:
    """Skip the test when LibreOffice is missing - or fail it when running in CI."""
    import pytest

    why = _missing()
    if why is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"LibreOffice is required in CI but unusable: {why}", pytrace=False)
    pytest.skip(f"LibreOffice not available: {why}")


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    # the pyenv/venv interpreter's settings must not leak into Debian's python3
    for key in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONNOUSERSITE"):
        env.pop(key, None)
    return env


def _run(*args: str | os.PathLike, timeout: float | None = None) -> dict:
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    env = _clean_env()
    # the script's own watchdog fires first and cleans up soffice itself
    env["LO_TIMEOUT"] = str(max(30.0, timeout - 15))
    cmd = [_python(), str(SCRIPT), *map(str, args)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, stdin=subprocess.DEVNULL)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)  # lets the script kill its soffice
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        raise RuntimeError(
            f"LibreOffice call {args[0]!r} timed out after {timeout:.0f}s:\n{err.strip()}") from None
    if proc.returncode != 0:
        raise RuntimeError(
            f"LibreOffice call {' '.join(map(str, args))} failed (exit {proc.returncode}):\n"
            f"{err.strip() or out.strip()}")
    try:
        return json.loads(out.strip().splitlines()[-1])
    except (IndexError, ValueError) as exc:
        raise RuntimeError(f"unexpected output from {SCRIPT.name}: {out!r}\nstderr: {err}") from exc


def recalc_xlsx(src: str | os.PathLike, dst: str | os.PathLike, *, timeout: float | None = None) -> Path:
    """Open ``src`` in Calc, recalculate every formula, save to ``dst`` (.xlsx, or .ods/.xls by its suffix)."""
    _run("recalc", src, dst, timeout=timeout)
    return Path(dst)


def xlsm_info(path: str | os.PathLike, *, timeout: float | None = None) -> dict:
    """What Calc sees in a macro workbook.

    ``{"basic": {lib: {module: [sub/function names]}},
       "buttons": [{"sheet", "label", "name", "macro", "events"}],
       "sheets": [names],
       "compile_errors": {lib: [modules LibreOffice Basic cannot compile]}}``
    """
    return _run("info-xlsm", path, timeout=timeout)


def click_button(path: str | os.PathLike, label: str, *, timeout: float | None = None) -> dict:
    """Run the macro bound to the button captioned ``label``.

    Returns ``{"macro": url, "result": ..., "values": {sheet: [[cell, ...], ...]}}`` with
    the used-range values of every sheet after the macro ran.  Basic compile and
    runtime errors raise RuntimeError (LibreOffice itself would swallow them).
    """
    return _run("click", path, label, timeout=timeout)


def docx_to_pdf(src: str | os.PathLike, dst: str | os.PathLike, *, timeout: float | None = None) -> int:
    """Convert ``src`` with Writer to PDF ``dst``; return the number of pages."""
    return int(_run("pdf", src, dst, timeout=timeout)["pages"])
