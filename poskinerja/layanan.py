"""``poskinerja layani``: the panel's buttons served over HTTP for Excel on the web and Mac.

An endpoint compatible with xlwings Server clients (the xlwings Office.js
add-in's ``runPython(url)``, or VBA's ``RunRemotePython``): the client POSTs
the workbook as JSON to ``/xlwings/<handler>``; the same handler the desktop
button runs (``poskinerja.excel``) works on that book through xlwings'
remote engine, and the reply is the list of actions the client applies
(values written to Status/Ringkasan, the message box).

Limits, also in the README: paths in the panel are paths *on the server*;
the remote engine is part of xlwings PRO (PolyForm Noncommercial, which
government institutions may use: set ``XLWINGS_LICENSE_KEY=noncommercial``);
no HTTPS here — put it behind the institute's web server for that. Plain
standard-library WSGI: one request per thread, no extra dependency.
"""
from __future__ import annotations

import hmac
import json
import os
import sys
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable, Optional
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from . import __version__

BATAS_UKURAN = 50 * 1024 * 1024  # a panel payload is tens of KiB; refuse anything absurd
PREFIX = "/xlwings/"


class LayananGagal(Exception):
    """The server cannot start (message in Bahasa Indonesia)."""


def nama_handler() -> list[str]:
    """The handlers a client may call: exactly the panel's buttons."""
    from .excel import TOMBOL

    return [handler for handler, _caption, _what in TOMBOL]


def _xlwings():
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        raise LayananGagal(
            "Variabel XLWINGS_LICENSE_KEY belum diisi. Layanan memakai mesin remote xlwings PRO "
            "(lisensi PolyForm Noncommercial, boleh dipakai instansi pemerintah): jalankan dulu "
            "`set XLWINGS_LICENSE_KEY=noncommercial` (Windows) atau "
            "`export XLWINGS_LICENSE_KEY=noncommercial` (Linux/Mac).")
    import xlwings as xw

    if "remote" not in [e.name for e in xw.engines]:  # xlwings was imported before the key was set
        from xlwings.pro import _xlremote

        xw.engines.add(xw.Engine(impl=_xlremote.engine))
    return xw


def jalankan(handler: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Run one button on the book a client sent; returns the actions for the client."""
    from . import excel

    xw = _xlwings()
    book = xw.Book(json=payload)
    getattr(excel, handler)(book)
    return book.json()


def _reply(start_response, status: str, body: dict[str, Any], headers: Iterable[tuple[str, str]] = ()):
    data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                            ("Content-Length", str(len(data))), *_CORS, *headers])
    return [data]


# Excel on the web calls from the add-in's origin: allow it to send the book and the token.
_CORS = (("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "POST, GET, OPTIONS"),
         ("Access-Control-Allow-Headers", "Authorization, Content-Type"))


def aplikasi(token: Optional[str] = None) -> Callable:
    """The WSGI application; with ``token``, requests must send it as ``Authorization``."""
    handlers = set(nama_handler())

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if method == "OPTIONS":
            start_response("204 No Content", list(_CORS))
            return [b""]
        if method == "GET" and path in ("", "/"):
            return _reply(start_response, "200 OK", {"layanan": "poskinerja", "versi": __version__,
                                                     "tombol": sorted(handlers)})
        if not path.startswith(PREFIX) or path[len(PREFIX):] not in handlers:
            return _reply(start_response, "404 Not Found",
                          {"pesan": f"Tidak ada tombol di alamat {path}. Pilihan: "
                                    + ", ".join(PREFIX + h for h in sorted(handlers))})
        if method != "POST":
            return _reply(start_response, "405 Method Not Allowed", {"pesan": "Gunakan POST."})
        sent = environ.get("HTTP_AUTHORIZATION", "")
        if token and not hmac.compare_digest(sent.removeprefix("Bearer ").encode(), token.encode()):
            return _reply(start_response, "401 Unauthorized", {"pesan": "Token layanan salah atau tidak dikirim."})
        try:
            size = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size <= 0 or size > BATAS_UKURAN:
            return _reply(start_response, "400 Bad Request", {"pesan": "Isi permintaan kosong atau terlalu besar."})
        try:
            payload = json.loads(environ["wsgi.input"].read(size).decode("utf-8"))
            if not isinstance(payload, dict) or "sheets" not in payload:
                raise ValueError("bukan buku kerja")
        except (ValueError, UnicodeDecodeError):
            return _reply(start_response, "400 Bad Request",
                          {"pesan": "Isi permintaan bukan buku kerja JSON dari klien xlwings."})
        try:
            actions = jalankan(path[len(PREFIX):], payload)
        except Exception as exc:  # the handler reports its own problems as a message box; this is the rest
            print(f"poskinerja layani: {type(exc).__name__}: {exc}", file=sys.stderr)
            return _reply(start_response, "500 Internal Server Error",
                          {"pesan": f"Layanan gagal menjalankan tombol ({type(exc).__name__}). "
                                    "Rincian ada di konsol layanan."})
        return _reply(start_response, "200 OK", actions)

    return app


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # one line per request, to stderr like the rest
        sys.stderr.write(f"poskinerja layani: {self.address_string()} {format % args}\n")


def buat_server(host: str = "127.0.0.1", port: int = 8000, token: Optional[str] = None):
    """The server, not yet serving (``serve_forever()``); port 0 picks a free one."""
    _xlwings()  # refuse to start without the licence key rather than fail on the first click
    return make_server(host, port, aplikasi(token), server_class=_ThreadingServer, handler_class=_QuietHandler)
