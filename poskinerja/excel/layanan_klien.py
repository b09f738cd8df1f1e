"""What the xlwings Server clients send and accept, as read from their own code.

Three clients post a workbook to ``poskinerja layani`` (shapes taken from the
installed xlwings package: ``addin/Remote.bas`` for VBA ``RunRemotePython``,
``js/xlwings.ts`` for Office Scripts; and xlwings Server's ``xlwings.js`` for the
Office.js add-in):

- every one of them reads each action's ``args`` as text where it expects a
  colour or a message (VBA puts them in ``String`` variables, the scripts call
  ``.toString()``), so no ``null`` may reach them;
- the remote engine refuses a book whose xlwings version differs from the
  server's in any digit; a client one patch level away is accepted here, a
  further one is told in Bahasa Indonesia which two versions meet.

The Office.js add-in also opens ``/xlwings/alert`` for a message box: the page
is xlwings' own ``html/xlwings-alert.html``, rendered with every value escaped.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path
from typing import Any, Optional

from ..inti.galat import PoskinerjaGagal

OFFICE_JS = "Office.js"

# args the clients read as text, per action (the handlers emit these kinds)
_ARGS_TEKS = {"alert", "setRangeColor", "setNumberFormat", "setSheetName", "addHyperlink", "setRangeName"}
# none of the clients can clear a fill: VBA's HexToRgb takes a String, Office Scripts
# and Office.js call .toString() on the colour. White is the colour all of them accept.
WARNA_KOSONG = "#FFFFFF"


class VersiBerbeda(PoskinerjaGagal):
    """The client's xlwings is too far from the server's (message in Bahasa Indonesia)."""


def _angka_versi(version: str) -> Optional[tuple[int, ...]]:
    parts = re.findall(r"\d+", version or "")
    return tuple(int(p) for p in parts[:3]) if len(parts) >= 2 else None


def samakan_versi(payload: dict[str, Any], server_version: str) -> None:
    """Let a client of the same xlwings major.minor through (as the server's version);
    VersiBerbeda otherwise. Office.js is exempt, as in xlwings' own remote engine."""
    sent = payload.get("version")
    if payload.get("client") == OFFICE_JS or sent == server_version:
        return
    client, server = _angka_versi(str(sent)), _angka_versi(server_version)
    if client is not None and server is not None and client[:2] == server[:2]:
        payload["version"] = server_version  # a patch level apart: same wire format
        return
    raise VersiBerbeda(
        f"Versi xlwings di Excel ({sent}) berbeda dengan versi di layanan ({server_version}). "
        f"Samakan keduanya: bangun ulang panel di komputer yang memakai xlwings {server_version} "
        "(poskinerja panel --master MASTER --keluar FILE.xlsm) agar modul VBA/skripnya sesuai, "
        f"atau minta pengelola layanan memasang xlwings {sent} (python -m pip install \"xlwings=={sent}\").")


def aksi_aman(reply: dict[str, Any]) -> dict[str, Any]:
    """The handler's actions with no ``null`` where a client reads text (see the module note)."""
    for action in reply.get("actions", []):
        func = action.get("func")
        if func in _ARGS_TEKS and isinstance(action.get("args"), list):
            fill = WARNA_KOSONG if func == "setRangeColor" else ""
            action["args"] = [fill if a is None else a for a in action["args"]]
    return reply


# --- the Office.js add-in's message box ----------------------------------------------------------

def _template() -> Path:
    spec = importlib.util.find_spec("xlwings")
    return Path(spec.origin).parent / "html" / "xlwings-alert.html"


def halaman_alert(query: dict[str, str]) -> tuple[bytes, str]:
    """(HTML, Content-Security-Policy) of xlwings' alert page for ``query``
    (prompt, title, buttons, mode, callback), every value escaped."""
    import jinja2

    source = _template().read_text(encoding="utf-8-sig")
    env = jinja2.Environment(autoescape=True)
    values = {key: query.get(key, "")[:10_000] for key in ("prompt", "title", "buttons", "mode", "callback")}
    html = env.from_string(source).render(**values)
    # the template's one inline script is allowed by its hash, nothing else inline
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in re.findall(r"<script>(.*?)</script>", html, flags=re.S))
    # scripts only: office.js itself loads more from its host and talks to Excel; do not guess its needs
    csp = f"script-src https://appsforoffice.microsoft.com {hashes}; object-src 'none'; base-uri 'none'"
    return html.encode("utf-8"), csp
