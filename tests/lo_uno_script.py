#!/usr/bin/python3
"""Drive a private headless LibreOffice over UNO (run with Debian's /usr/bin/python3).

Usage::

    /usr/bin/python3 tests/lo_uno_script.py recalc IN.xlsx OUT.xlsx
    /usr/bin/python3 tests/lo_uno_script.py info-xlsm IN.xlsm
    /usr/bin/python3 tests/lo_uno_script.py click IN.xlsm BUTTON_LABEL
    /usr/bin/python3 tests/lo_uno_script.py pdf IN.docx OUT.pdf

Every run starts its own ``soffice`` with a throw-away user profile and a unique
pipe name, so parallel runs (pytest-xdist, several CI jobs) never share state.
JSON results go to stdout; diagnostics go to stderr; any failure exits non-zero.
soffice is terminated (and, if needed, killed with its whole process group) and
the profile removed on every exit path.

Environment knobs:
    LO_SOFFICE          soffice binary (default: ``soffice`` on PATH)
    LO_CONNECT_TIMEOUT  seconds to wait for soffice to accept UNO (default 90)
    LO_TIMEOUT          hard limit for the whole run in seconds (default 300); when
                        reached (or on SIGTERM/SIGINT) a watchdog thread kills soffice,
                        removes the profile and exits 124 (130 on a signal), even if
                        the main thread is stuck inside a UNO call
    LO_KEEP_PROFILE     if set, keep the temporary profile directory (debugging)
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from pathlib import Path

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError as exc:  # pragma: no cover - depends on the host
    sys.stderr.write(
        f"lo_uno_script: cannot import the 'uno' module ({exc}); run this script with "
        "Debian's /usr/bin/python3 and install python3-uno\n"
    )
    sys.exit(3)

CONNECT_TIMEOUT = float(os.environ.get("LO_CONNECT_TIMEOUT", "90"))
TOTAL_TIMEOUT = float(os.environ.get("LO_TIMEOUT", "300"))
_STARTED = time.monotonic()

# MacroExecutionMode constants (com.sun.star.document.MacroExecMode)
ALWAYS_EXECUTE_NO_WARN = 4

# Low macro security + no first-start/recovery/update dialogs.  Written into the
# fresh profile before soffice starts.
_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseDocumentSystemFileLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Recovery/AutoSave"><prop oor:name="Enabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Recovery/RecoveryInfo"><prop oor:name="Enabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Load" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Executable" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA"><prop oor:name="Save" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


class ScriptError(Exception):
    """A failure with a message meant for the user (no traceback needed)."""


def log(msg: str) -> None:
    sys.stderr.write(f"lo_uno_script: {msg}\n")
    sys.stderr.flush()


def props(**kw):
    out = []
    for name, value in kw.items():
        p = PropertyValue()
        p.Name = name
        p.Value = value
        out.append(p)
    return tuple(out)


def file_url(path: str | os.PathLike) -> str:
    return uno.systemPathToFileUrl(str(Path(path).resolve()))


# --------------------------------------------------------------------------- soffice
class Office:
    """A private soffice process plus a UNO connection to it (context manager)."""

    def __init__(self) -> None:
        self.tag = f"poskinerja_lo_{os.getpid()}_{uuid.uuid4().hex[:12]}"
        self.profile = Path(tempfile.mkdtemp(prefix=self.tag + "_"))
        self.proc: subprocess.Popen | None = None
        self.desktop = None
        self.ctx = None
        self._stderr_path = self.profile / "soffice.log"
        self._stderr_file = None
        self._done = threading.Event()
        self._closed = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------
    def __enter__(self) -> "Office":
        try:
            self._start()
            self._connect()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        soffice = os.environ.get("LO_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            raise ScriptError("soffice not found on PATH (install libreoffice-calc/-writer)")
        user_dir = self.profile / "user"
        user_dir.mkdir(parents=True, exist_ok=True)
        (user_dir / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        env.pop("PYTHONHOME", None)
        cmd = [
            soffice,
            f"-env:UserInstallation={uno.systemPathToFileUrl(str(self.profile))}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", "--nofirststartwizard",
            f"--accept=pipe,name={self.tag};urp;StarOffice.ComponentContext",
        ]
        self._stderr_file = open(self._stderr_path, "wb")
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=self._stderr_file, stderr=subprocess.STDOUT,
            env=env, start_new_session=True,  # own process group: killable as a unit
        )
        self._start_watchdog()

    def _start_watchdog(self) -> None:
        """Kill soffice on SIGTERM/SIGINT or when LO_TIMEOUT expires.

        Python signal handlers only run when the main thread executes bytecode,
        which never happens while it is blocked inside a UNO call to a hung
        soffice.  So the signals are blocked in this (main) thread - after soffice
        was spawned, so soffice keeps a normal mask - and a helper thread, which
        inherits the mask, collects them with sigtimedwait.
        """
        sigs = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}
        signal.pthread_sigmask(signal.SIG_BLOCK, sigs)

        def watch():
            deadline = _STARTED + TOTAL_TIMEOUT
            while not self._done.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    log(f"timeout: run exceeded LO_TIMEOUT={TOTAL_TIMEOUT:.0f}s; killing soffice")
                    self._emergency_exit(124)
                got = signal.sigtimedwait(sigs, min(left, 0.5))
                if got is not None and not self._done.is_set():
                    log(f"received signal {got.si_signo}; killing soffice")
                    self._emergency_exit(130)

        threading.Thread(target=watch, name="soffice-watchdog", daemon=True).start()

    def _emergency_exit(self, code: int) -> None:
        if self.proc is not None:
            self._kill_group(signal.SIGKILL)
        if not os.environ.get("LO_KEEP_PROFILE"):
            shutil.rmtree(self.profile, ignore_errors=True)
        os._exit(code)

    def _soffice_output(self) -> str:
        try:
            return self._stderr_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def _connect(self) -> None:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = f"uno:pipe,name={self.tag};urp;StarOffice.ComponentContext"
        deadline = time.monotonic() + CONNECT_TIMEOUT
        last = None
        while True:
            if self.proc.poll() is not None:
                raise ScriptError(
                    f"soffice exited with code {self.proc.returncode} before accepting "
                    f"connections; output:\n{self._soffice_output()}")
            try:
                self.ctx = resolver.resolve(url)
                break
            except NoConnectException as exc:
                last = exc
            if time.monotonic() > deadline:
                raise ScriptError(
                    f"could not connect to soffice within {CONNECT_TIMEOUT:.0f}s ({last}); "
                    f"output:\n{self._soffice_output()}")
            time.sleep(0.25)
        smgr = self.ctx.ServiceManager
        # the desktop may not be ready the very instant the pipe accepts
        while True:
            try:
                self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
                if self.desktop is not None:
                    return
            except Exception as exc:  # noqa: BLE001
                last = exc
            if time.monotonic() > deadline:
                raise ScriptError(f"soffice Desktop not available: {last}")
            time.sleep(0.25)

    def close(self) -> None:
        if self.desktop is not None:
            try:
                self.desktop.terminate()
            except Exception:  # noqa: BLE001 - bridge dies while terminating; expected
                pass
            self.desktop = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._kill_group(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            # oosplash may be gone while soffice.bin lingers: sweep the group anyway
            self._kill_group(signal.SIGKILL)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                log(f"soffice (pid {self.proc.pid}) did not die")
            self.proc = None
        if self._stderr_file is not None:
            self._stderr_file.close()
            self._stderr_file = None
        if not os.environ.get("LO_KEEP_PROFILE"):
            shutil.rmtree(self.profile, ignore_errors=True)
        else:
            log(f"profile kept at {self.profile}")
        self._done.set()

    def _kill_group(self, sig) -> None:
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    # -- documents -----------------------------------------------------------------
    def load(self, path: str, **extra):
        p = Path(path)
        if not p.is_file():
            raise ScriptError(f"input file not found: {path}")
        args = dict(Hidden=True, ReadOnly=False, **extra)
        doc = self.desktop.loadComponentFromURL(file_url(p), "_blank", 0, props(**args))
        if doc is None:
            raise ScriptError(f"LibreOffice could not load {path}")
        return doc


def close_doc(doc) -> None:
    if doc is None:
        return
    try:
        doc.close(True)
    except Exception:  # noqa: BLE001
        try:
            doc.dispose()
        except Exception:  # noqa: BLE001
            pass


# --------------------------------------------------------------------------- helpers
_PROC_RE = re.compile(
    r"^\s*(?:(?:public|private|friend)\s+)?(?:static\s+)?(sub|function)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(",
    re.IGNORECASE | re.MULTILINE,
)


def parse_procedures(source: str) -> list[str]:
    return [m.group(2) for m in _PROC_RE.finditer(source or "")]


def basic_modules(doc) -> dict:
    out: dict[str, dict[str, list[str]]] = {}
    libs = getattr(doc, "BasicLibraries", None)
    if libs is None:
        return out
    for lib in libs.getElementNames():
        try:
            if not libs.isLibraryLoaded(lib):
                libs.loadLibrary(lib)
        except Exception as exc:  # noqa: BLE001
            log(f"cannot load Basic library {lib}: {exc}")
        try:
            container = libs.getByName(lib)
        except Exception as exc:  # noqa: BLE001
            log(f"cannot open Basic library {lib}: {exc}")
            continue
        mods = {}
        for name in container.getElementNames():
            src = container.getByName(name)
            mods[name] = parse_procedures(src if isinstance(src, str) else "")
        out[lib] = mods
    return out


def _same(a, b) -> bool:
    try:
        return a == b
    except Exception:  # noqa: BLE001
        return a is b


def _walk_forms(container, path=()):
    """Yield (form, index, control_model) for every control in a form hierarchy."""
    for i in range(container.getCount()):
        item = container.getByIndex(i)
        if item is None:
            continue
        if item.supportsService("com.sun.star.form.component.Form") or \
                item.supportsService("com.sun.star.form.FormComponents"):
            yield from _walk_forms(item, path + (i,))
        else:
            yield container, i, item


def control_events(form, index) -> list[dict]:
    try:
        events = form.getScriptEvents(index)
    except Exception:  # noqa: BLE001 - not an XEventAttacherManager
        return []
    return [
        {"listener": e.ListenerType, "method": e.EventMethod, "type": e.ScriptType,
         "code": e.ScriptCode, "param": e.AddListenerParam}
        for e in events
    ]


def pick_macro(events: list[dict]) -> str | None:
    def ok(e):
        return e["type"] in ("Script", "StarBasic") and e["code"]
    for e in events:
        if ok(e) and e["method"] == "actionPerformed":
            return e["code"]
    for e in events:
        if ok(e) and e["method"] in ("mouseReleased", "mousePressed"):
            return e["code"]
    for e in events:
        if ok(e):
            return e["code"]
    return None


def buttons(doc) -> list[dict]:
    out = []
    sheets = doc.getSheets()
    for sheet_name in sheets.getElementNames():
        sheet = sheets.getByName(sheet_name)
        page = sheet.getDrawPage()
        # all control models bound to events, via the forms of the draw page
        models = []
        try:
            forms = page.getForms()
            models = list(_walk_forms(forms))
        except Exception as exc:  # noqa: BLE001
            log(f"sheet {sheet_name}: no forms ({exc})")
        seen = set()
        for i in range(page.getCount()):
            shape = page.getByIndex(i)
            model = getattr(shape, "Control", None) if hasattr(shape, "Control") else None
            if model is None:
                continue
            events, form_idx = [], None
            for k, (form, idx, m) in enumerate(models):
                if _same(m, model):
                    events, form_idx = control_events(form, idx), k
                    break
            if form_idx is not None:
                seen.add(form_idx)
            out.append(_describe(sheet_name, model, events))
        # controls living in forms but without a shape (should not happen, be safe)
        for k, (form, idx, m) in enumerate(models):
            if k not in seen:
                out.append(_describe(sheet_name, m, control_events(form, idx)))
    return out


def _describe(sheet_name, model, events) -> dict:
    label = ""
    for prop in ("Label", "Text", "Name"):
        try:
            value = model.getPropertyValue(prop)
        except Exception:  # noqa: BLE001
            continue
        if value:
            label = value
            break
    try:
        name = model.getPropertyValue("Name")
    except Exception:  # noqa: BLE001
        name = ""
    return {"sheet": sheet_name, "label": label, "name": name, "macro": pick_macro(events),
            "events": events}


def used_values(doc) -> dict:
    out = {}
    sheets = doc.getSheets()
    for name in sheets.getElementNames():
        sheet = sheets.getByName(name)
        cursor = sheet.createCursor()
        cursor.gotoStartOfUsedArea(False)
        cursor.gotoEndOfUsedArea(True)
        addr = cursor.getRangeAddress()
        rng = sheet.getCellRangeByPosition(0, 0, addr.EndColumn, addr.EndRow)
        data = rng.getDataArray()
        out[name] = [list(row) for row in data]
    return out


def sheet_names(doc) -> list[str]:
    return list(doc.getSheets().getElementNames())


# --------------------------------------------------------------------------- commands
# the format a staff member may choose in LibreOffice's "Keep current format" dialog
CALC_FILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".ods": "calc8", ".xls": "MS Excel 97"}


def cmd_recalc(office: Office, src: str, dst: str) -> dict:
    doc = office.load(src)
    try:
        doc.calculateAll()
        Path(dst).resolve().parent.mkdir(parents=True, exist_ok=True)
        doc.storeToURL(file_url(dst), props(FilterName=CALC_FILTERS[Path(dst).suffix.lower()], Overwrite=True))
    finally:
        close_doc(doc)
    if not Path(dst).is_file():
        raise ScriptError(f"LibreOffice did not write {dst}")
    return {"output": str(Path(dst).resolve())}


def _load_xlsm(office: Office, src: str):
    return office.load(src, MacroExecutionMode=ALWAYS_EXECUTE_NO_WARN)


def cmd_info_xlsm(office: Office, src: str) -> dict:
    doc = _load_xlsm(office, src)
    try:
        info = {"basic": basic_modules(doc), "buttons": buttons(doc), "sheets": sheet_names(doc)}
        # last: it adds/removes scratch libraries in the (never saved) document
        info["compile_errors"] = compile_errors(doc)
        return info
    finally:
        close_doc(doc)


_BASIC_URL_RE = re.compile(
    r"^vnd\.sun\.star\.script:([^.?]+)\.([^.?]+)\.([^.?]+)\?(.*)$")
_PROBE = "PoskinerjaProbe"


def _vba_mode(doc) -> bool:
    try:
        return bool(doc.BasicLibraries.VBACompatibilityMode)
    except Exception:  # noqa: BLE001
        return False


def _doc_script(doc, lib: str, module: str, func: str):
    url = f"vnd.sun.star.script:{lib}.{module}.{func}?language=Basic&location=document"
    return doc.getScriptProvider().getScript(url)


def compile_errors(doc) -> dict[str, list[str]]:
    """Basic modules that LibreOffice cannot compile, per library.

    LibreOffice Basic fails *silently* (headless: the error box is swallowed and
    ``invoke`` returns None) for every macro of a library as soon as one module of
    it does not compile.  Each module is therefore copied on its own into a scratch
    library next to a probe function; a probe that returns None marks the module.
    """
    libs = doc.BasicLibraries
    header = "Option VBASupport 1\n" if _vba_mode(doc) else ""
    out: dict[str, list[str]] = {}
    for lib_name in libs.getElementNames():
        if lib_name.startswith(_PROBE):
            continue
        try:
            if not libs.isLibraryLoaded(lib_name):
                libs.loadLibrary(lib_name)
            lib = libs.getByName(lib_name)
        except Exception:  # noqa: BLE001
            continue
        bad = []
        for i, mod in enumerate(lib.getElementNames()):
            scratch = f"{_PROBE}{i}"
            try:
                if libs.hasByName(scratch):
                    libs.removeLibrary(scratch)
                new = libs.createLibrary(scratch)
                try:
                    if lib.hasModuleInfo(mod):
                        new.insertModuleInfo(mod, lib.getModuleInfo(mod))
                except Exception:  # noqa: BLE001 - not an XVBAModuleInfo
                    pass
                new.insertByName(mod, lib.getByName(mod))
                new.insertByName(_PROBE, f"{header}Function {_PROBE}()\n{_PROBE} = 1\nEnd Function\n")
                res = _doc_script(doc, scratch, _PROBE, _PROBE).invoke((), (), ())[0]
                if res != 1:
                    bad.append(mod)
            except Exception as exc:  # noqa: BLE001
                log(f"cannot probe module {lib_name}.{mod}: {exc}")
            finally:
                try:
                    if libs.hasByName(scratch):
                        libs.removeLibrary(scratch)
                except Exception:  # noqa: BLE001
                    pass
        if bad:
            out[lib_name] = bad
    return out


def run_basic_checked(doc, url: str):
    """Run a document Basic macro so that compile and runtime errors surface.

    A wrapper function with an ``On Error`` handler is added to the macro's own
    library; it calls the macro and reports ``Err.Number``/``Err.Description``.
    """
    m = _BASIC_URL_RE.match(url)
    if not m or "language=Basic" not in m.group(4) or "location=document" not in m.group(4):
        return doc.getScriptProvider().getScript(url).invoke((), (), ())[0]
    lib_name, module, func = m.group(1), m.group(2), m.group(3)
    libs = doc.BasicLibraries
    if not libs.isLibraryLoaded(lib_name):
        libs.loadLibrary(lib_name)
    lib = libs.getByName(lib_name)
    header = "Option VBASupport 1\n" if _vba_mode(doc) else ""
    wrapper = (
        f"{header}Function {_PROBE}Run()\n"
        f"    On Error GoTo Fail\n"
        f"    {module}.{func}\n"
        f"    {_PROBE}Run = \"OK\"\n"
        f"    Exit Function\n"
        f"Fail:\n"
        f"    {_PROBE}Run = \"ERR \" & Err.Number & \": \" & Err.Description\n"
        f"End Function\n"
    )
    if lib.hasByName(_PROBE):
        lib.removeByName(_PROBE)
    lib.insertByName(_PROBE, wrapper)
    try:
        res = _doc_script(doc, lib_name, _PROBE, f"{_PROBE}Run").invoke((), (), ())[0]
    finally:
        try:
            lib.removeByName(_PROBE)
        except Exception:  # noqa: BLE001
            pass
    if res == "OK":
        return None
    if isinstance(res, str) and res.startswith("ERR "):
        raise ScriptError(f"macro {url} raised a Basic runtime error: {res[4:]}")
    broken = compile_errors(doc).get(lib_name, [])
    raise ScriptError(
        f"macro {url} did not run: LibreOffice could not compile Basic library {lib_name!r}"
        + (f" (modules that fail to compile: {', '.join(broken)})" if broken else ""))


def cmd_click(office: Office, src: str, label: str) -> dict:
    doc = _load_xlsm(office, src)
    try:
        all_buttons = buttons(doc)
        found = [b for b in all_buttons if b["label"] == label]
        if not found:
            raise ScriptError(f"no button labelled {label!r}; buttons: {[b['label'] for b in all_buttons]}")
        url = found[0]["macro"]
        if not url:
            raise ScriptError(f"button {label!r} has no macro bound (events: {found[0]['events']})")
        try:
            ret = run_basic_checked(doc, url)
        except ScriptError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ScriptError(f"macro {url} failed: {getattr(exc, 'Message', '') or exc}") from exc
        try:
            json.dumps(ret)
        except TypeError:
            ret = repr(ret)
        return {"macro": url, "result": ret, "values": used_values(doc)}
    finally:
        close_doc(doc)


def _count_pdf_pages(path: str) -> int:
    data = Path(path).read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def cmd_pdf(office: Office, src: str, dst: str) -> dict:
    doc = office.load(src)
    pages = None
    try:
        try:
            # PageCount of the (hidden) view; triggers a full layout first
            pages = int(doc.getCurrentController().getPropertyValue("PageCount"))
        except Exception as exc:  # noqa: BLE001
            log(f"controller PageCount unavailable ({exc}); counting PDF pages instead")
        Path(dst).resolve().parent.mkdir(parents=True, exist_ok=True)
        doc.storeToURL(file_url(dst), props(FilterName="writer_pdf_Export", Overwrite=True))
    finally:
        close_doc(doc)
    if not Path(dst).is_file() or Path(dst).stat().st_size == 0:
        raise ScriptError(f"LibreOffice did not write {dst}")
    pdf_pages = _count_pdf_pages(dst)
    if pdf_pages:
        pages = pdf_pages  # the PDF itself is the ground truth
    if not pages:
        raise ScriptError(f"could not determine the page count of {dst}")
    return {"pages": pages, "output": str(Path(dst).resolve())}


COMMANDS = {
    "recalc": (cmd_recalc, 2, "IN.xlsx OUT.xlsx|OUT.ods|OUT.xls"),
    "info-xlsm": (cmd_info_xlsm, 1, "IN.xlsm"),
    "click": (cmd_click, 2, "IN.xlsm BUTTON_LABEL"),
    "pdf": (cmd_pdf, 2, "IN.docx OUT.pdf"),
}


def _default(o):
    if isinstance(o, (_dt.date, _dt.datetime)):
        return o.isoformat()
    return repr(o)


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in COMMANDS:
        usage = "\n".join(f"  {sys.argv[0]} {k} {v[2]}" for k, v in COMMANDS.items())
        sys.stderr.write(f"usage:\n{usage}\n")
        return 2
    func, nargs, usage = COMMANDS[argv[0]]
    if len(argv) - 1 != nargs:
        sys.stderr.write(f"usage: {sys.argv[0]} {argv[0]} {usage}\n")
        return 2
    src = Path(argv[1])
    if not src.is_file():
        sys.stderr.write(f"lo_uno_script: {argv[0]} failed: input file not found: {src}\n")
        return 1
    try:
        with Office() as office:
            result = func(office, *argv[1:])
    except ScriptError as exc:
        log(f"{argv[0]} failed: {exc}")
        return 1
    except KeyboardInterrupt:
        log(f"{argv[0]} interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001
        msg = getattr(exc, "Message", "") or str(exc)
        log(f"{argv[0]} failed: {type(exc).__name__}: {msg}\n{traceback.format_exc()}")
        return 1
    sys.stdout.write(json.dumps(result, ensure_ascii=False, default=_default) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
