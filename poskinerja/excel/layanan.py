"""``poskinerja layani``: the panel's buttons served over HTTP for Excel on the web and Mac.

An endpoint for the xlwings Server clients: VBA ``RunRemotePython`` and Office
Scripts post the workbook as JSON to ``/xlwings/<tombol>``, the Office.js add-in
to ``/xlwings/custom-scripts-call/<tombol>`` (and opens ``/xlwings/alert`` for a
message box). The same handler the desktop button runs (``poskinerja.excel``)
works on that book through xlwings' remote engine; the reply is the list of
actions the client applies.

Made to sit on an office network:

- one root folder: every path in a request is read inside it (``layanan_akar``);
- a token is always required (generated at start when none is given), compared
  in constant time; browsers are let in only from the origins the operator
  names (Office Scripts' by default) and for host names this server answers to,
  so a web page elsewhere can neither drive it nor read its replies;
- only ``application/json`` bodies, at most ``BATAS_UKURAN`` bytes and
  ``BATAS_KEDALAMAN`` levels deep;
- waitress underneath: a fixed number of worker threads, idle connections
  dropped after ``batas_waktu`` seconds and any request not fully received within
  twice that; its own HTTP errors answered in Bahasa Indonesia too; the buttons
  themselves run one at a time (see ``_SATU_PER_SATU``);
- every error to the client is a short Indonesian message, never a traceback.

No HTTPS here: put it behind the institute's web server (IIS, nginx) for that.
The remote engine is part of xlwings PRO (PolyForm Noncommercial, which
government institutions may use): set ``XLWINGS_LICENSE_KEY=noncommercial``.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import os
import re
import secrets
import select
import socket
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence
from urllib.parse import parse_qsl, urlsplit

from .. import __version__
from .layanan_akar import JalurDitolak, batasi_ke_akar
from .layanan_klien import VersiBerbeda, aksi_aman, halaman_alert, samakan_versi
from ..inti.galat import PoskinerjaGagal

BATAS_UKURAN = 16 * 1024 * 1024  # a panel payload is tens of KiB
BATAS_KEDALAMAN = 32  # a workbook payload nests 5 levels
BATAS_HEADER = 64 * 1024
PREFIX = "/xlwings/"
RUTE_OFFICEJS = "/xlwings/custom-scripts-call/"
RUTE_ALERT = "/xlwings/alert"
# Office Scripts run on a per-tenant host under this domain (xlwings' own CORS setting)
ORIGIN_BAWAAN = ("https://*.officescripts.microsoftusercontent.com",)
PEKERJA = 4
BATAS_WAKTU = 30
BATAS_KONEKSI = 100


class LayananGagal(PoskinerjaGagal):
    """The server cannot start (message in Bahasa Indonesia)."""


def nama_handler() -> list[str]:
    """The handlers a client may call: exactly the panel's buttons."""
    from .tombol import TOMBOL

    return [handler for handler, _caption, _what in TOMBOL]


def _judul_tombol() -> dict[str, str]:
    from .tombol import TOMBOL

    return {handler: caption for handler, caption, _what in TOMBOL}


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


# xlwings' remote engine keeps one app for the process: every book opened stays in its list, and a
# message box goes to the book opened last. Buttons therefore run one at a time, each book closed
# after its reply is taken, so each click's message box returns to its sender and nothing piles up.
_SATU_PER_SATU = threading.Lock()


def _pada_buku(payload: dict[str, Any], kerja: Callable[[Any], None]) -> dict[str, Any]:
    xw = _xlwings()
    with _SATU_PER_SATU:
        book = xw.Book(json=payload)
        try:
            kerja(book)
            return aksi_aman(book.json())
        finally:
            book.close()


def jalankan(handler: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Run one button on the book a client sent; returns the actions for the client."""
    from . import tombol as excel

    return _pada_buku(payload, getattr(excel, handler))


def _kotak_pesan(payload: dict[str, Any], pesan: str, judul: str) -> dict[str, Any]:
    """The actions of one critical message box on the sent book (a refusal the coordinator can fix)."""
    from .tombol import JUDUL

    return _pada_buku(payload, lambda book: book.app.alert(pesan, f"{JUDUL} - {judul}", mode="critical"))


# --- who may call -----------------------------------------------------------------------------------

def buat_token() -> str:
    return secrets.token_urlsafe(24)


def _pola_origin(origin: str) -> re.Pattern:
    """``https://host[:port]``, where the host may start with ``*.`` for one sub-domain level."""
    parts = urlsplit(origin.strip().rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        raise LayananGagal(f"--origin {origin!r} bukan asal web yang sah; tulis seperti https://sakip.lembaga.go.id")
    host = parts.netloc.lower()
    pattern = re.escape(host).replace(r"\*\.", r"[a-z0-9-]+\.", 1) if host.startswith("*.") else re.escape(host)
    return re.compile(f"^{re.escape(parts.scheme)}://{pattern}$")


def _host_of(value: str) -> str:
    """The host name of a Host header or URL netloc, without port, lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass
class Pengaturan:
    """What the operator chose at start."""
    token: str
    akar: Path
    origins: Sequence[str] = ORIGIN_BAWAAN
    hosts: Sequence[str] = ()
    _origin_res: list = field(init=False, default_factory=list)
    _hosts: set = field(init=False, default_factory=set)

    def __post_init__(self):
        if not self.token:
            raise LayananGagal("Token layanan tidak boleh kosong.")
        self.akar = Path(self.akar).resolve()
        self._origin_res = [_pola_origin(o) for o in self.origins]
        names = {"localhost", socket.gethostname().lower(), socket.getfqdn().lower(), *map(_host_of, self.hosts)}
        names |= {_host_of(urlsplit(o).netloc) for o in self.origins if "*" not in o}
        self._hosts = names

    def host_dikenal(self, host_header: str) -> bool:
        """An IP literal is safe (a page cannot rebind one); a name must be one of ours."""
        name = _host_of(host_header)
        return bool(name) and (_ip(name) or name in self._hosts)

    def origin_diizinkan(self, origin: str, host_header: str) -> bool:
        origin = origin.strip().lower()
        if any(p.match(origin) for p in self._origin_res):
            return True
        # the add-in's own pages, served under this server's name (same origin)
        return urlsplit(origin).netloc == host_header.strip().lower() and self.host_dikenal(host_header)

    def token_benar(self, sent: str) -> bool:
        sent = sent.strip()
        if sent[:7].lower() == "bearer ":
            sent = sent[7:].strip()
        return hmac.compare_digest(sent.encode("utf-8", "replace"), self.token.encode("utf-8"))


# --- the WSGI application ----------------------------------------------------------------------------

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_KURUNG = re.compile(rb"[\[\]{}]")


def terlalu_dalam(raw: bytes, batas: int = BATAS_KEDALAMAN) -> bool:
    """Whether JSON text nests deeper than ``batas`` (checked before parsing; strings skipped)."""
    depth = 0
    for m in _KURUNG.finditer(_STRING.sub(b'""', raw)):
        if m.group() in (b"[", b"{"):
            depth += 1
            if depth > batas:
                return True
        else:
            depth -= 1
    return False


def _baca_buku(raw: bytes) -> dict[str, Any]:
    """The workbook JSON, or ValueError with the Indonesian reason."""
    if terlalu_dalam(raw):
        raise ValueError(f"Isi permintaan bersarang lebih dari {BATAS_KEDALAMAN} tingkat; "
                         "ini bukan buku kerja dari klien xlwings.")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError("Isi permintaan bukan JSON yang sah (UTF-8).") from None
    ok = (isinstance(payload, dict) and isinstance(payload.get("sheets"), list)
          and all(isinstance(s, dict) and isinstance(s.get("values"), list) for s in payload["sheets"])
          and isinstance(payload.get("names", []), list) and isinstance(payload.get("book"), dict)
          and isinstance(payload.get("version"), str) and isinstance(payload.get("client"), str))
    if not ok:
        raise ValueError("Isi permintaan bukan buku kerja JSON dari klien xlwings "
                         "(client, version, book, names, sheets).")
    return payload


def _log(environ, status: str) -> None:
    sys.stderr.write(f"poskinerja layani: {environ.get('REMOTE_ADDR', '-')} {environ.get('REQUEST_METHOD')} "
                     f"{environ.get('PATH_INFO', '')[:200]} {status.split()[0]}\n")


def aplikasi(pengaturan: Pengaturan) -> Callable:
    """The WSGI application."""
    handlers = set(nama_handler())
    judul = _judul_tombol()

    def app(environ, start_response):
        cors: list[tuple[str, str]] = []

        def reply(status: str, body: dict[str, Any] | str, headers: Iterable[tuple[str, str]] = ()):
            # a refusal is its message as plain text: VBA shows the reply in a MsgBox, the scripts
            # throw response.text(), so the coordinator reads the sentence itself
            if isinstance(body, str):
                data, kind = body.encode("utf-8"), "text/plain; charset=utf-8"
            else:
                data, kind = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8"), \
                    "application/json; charset=utf-8"
            start_response(status, [("Content-Type", kind), ("Content-Length", str(len(data))),
                                    ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"),
                                    *cors, *headers])
            _log(environ, status)
            return [data]

        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        host = environ.get("HTTP_HOST", "")
        origin = environ.get("HTTP_ORIGIN")
        if not pengaturan.host_dikenal(host):
            return reply("421 Misdirected Request",
                         f"Nama host \"{host[:100]}\" tidak dikenal layanan ini. Bila layanan dipanggil dengan "
                         "nama itu (mis. di belakang IIS/nginx), jalankan layani dengan --nama-host NAMA.")
        if origin is not None:
            if not pengaturan.origin_diizinkan(origin, host):
                return reply("403 Forbidden", f"Asal permintaan (Origin) \"{origin[:100]}\" tidak diizinkan. "
                                              "Pengelola layanan dapat menambahkannya dengan --origin.")
            cors = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]

        if path == RUTE_ALERT and method == "GET":
            # opened by the add-in in a dialog, which cannot send the token; it shows only what it is given
            html, csp = halaman_alert(dict(parse_qsl(environ.get("QUERY_STRING", ""))))
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(html))), ("Content-Security-Policy", csp),
                                      ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store")])
            _log(environ, "200")
            return [html]

        name = (path[len(RUTE_OFFICEJS):] if path.startswith(RUTE_OFFICEJS)
                else path[len(PREFIX):] if path.startswith(PREFIX) else None)
        if method == "OPTIONS":
            if origin is None:
                return reply("400 Bad Request", "Permintaan OPTIONS tanpa Origin.")
            start_response("204 No Content", [*cors, ("Access-Control-Allow-Methods", "POST"),
                                              ("Access-Control-Allow-Headers", "Authorization, Content-Type"),
                                              ("Access-Control-Max-Age", "600"), ("Content-Length", "0")])
            _log(environ, "204")
            return [b""]
        if not pengaturan.token_benar(environ.get("HTTP_AUTHORIZATION", "")):
            return reply("401 Unauthorized", "Token layanan salah atau tidak dikirim. Isi AUTH di lembar "
                                             "xlwings.conf (atau header Authorization) dengan token yang "
                                             "diberikan pengelola layanan.",
                         [("WWW-Authenticate", 'Bearer realm="poskinerja"')])
        if method == "GET" and path in ("", "/"):
            return reply("200 OK", {"layanan": "poskinerja", "versi": __version__, "tombol": sorted(handlers)})
        if name not in handlers:
            return reply("404 Not Found", f"Tidak ada tombol di alamat {path[:200]}. Pilihan: "
                                          + ", ".join(PREFIX + h for h in sorted(handlers)))
        if method != "POST":
            return reply("405 Method Not Allowed", "Gunakan POST.", [("Allow", "POST, OPTIONS")])
        if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() != "application/json":
            return reply("415 Unsupported Media Type",
                         "Isi permintaan harus JSON (Content-Type: application/json), seperti yang dikirim "
                         "klien xlwings.")
        try:
            size = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = -1
        if size > BATAS_UKURAN:
            return reply("413 Content Too Large",
                         f"Isi permintaan terlalu besar (lebih dari {BATAS_UKURAN // (1024 * 1024)} MiB).")
        if size <= 0:
            return reply("400 Bad Request", "Isi permintaan kosong.")
        try:
            payload = _baca_buku(environ["wsgi.input"].read(size))
            samakan_versi(payload, _xlwings().__version__)
        except (ValueError, VersiBerbeda) as exc:
            return reply("400 Bad Request", str(exc))
        try:
            try:
                batasi_ke_akar(payload, pengaturan.akar)
            except JalurDitolak as exc:
                return reply("200 OK", _kotak_pesan(payload, str(exc), judul[name]))
            actions = jalankan(name, payload)
        except Exception as exc:  # the handler reports its own problems as a message box; this is the rest
            print(f"poskinerja layani: {type(exc).__name__}: {exc}", file=sys.stderr)
            return reply("500 Internal Server Error",
                         f"Layanan gagal menjalankan tombol ({type(exc).__name__}). Rincian ada di konsol "
                         "layanan.")
        return reply("200 OK", actions)

    return app


# --- the server -------------------------------------------------------------------------------------

_PESAN_HTTP = {
    400: "Permintaan HTTP tidak sah.",
    413: "Isi permintaan terlalu besar.",
    431: "Header permintaan terlalu besar.",
    500: "Layanan mengalami kesalahan. Rincian ada di konsol layanan.",
    501: "Cara pengiriman permintaan ini tidak didukung.",
}


def _kelas_waitress():
    """waitress' channel with its own HTTP errors (bad request line, too large…) in Bahasa Indonesia."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class GalatIndonesia(ErrorTask):
        def execute(self):
            error = self.request.error
            body = _PESAN_HTTP.get(error.code, "Permintaan tidak dapat diproses.").encode("utf-8")
            self.status = f"{error.code} {error.reason}"
            self.response_headers.append(("Content-Type", "text/plain; charset=utf-8"))
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    class Kanal(HTTPChannel):
        error_task_class = GalatIndonesia

    return Kanal


@dataclass
class Layanan:
    """A server ready to ``serve_forever()``."""
    server: Any
    pengaturan: Pengaturan
    token_dibuat: bool

    @property
    def alamat(self) -> tuple[str, int]:
        return self.server.effective_host, self.server.effective_port

    def serve_forever(self) -> None:
        self.server.run()

    def close(self) -> None:
        self.server.close()


def buat_server(host: str = "127.0.0.1", port: int = 8000, token: Optional[str] = None, *,
                akar: Path | str, origins: Sequence[str] = (), hosts: Sequence[str] = (),
                pekerja: int = PEKERJA, batas_waktu: int = BATAS_WAKTU,
                batas_koneksi: int = BATAS_KONEKSI) -> Layanan:
    """The server, not yet serving; port 0 picks a free one. Without ``token`` one is generated
    (``Layanan.pengaturan.token``); without ``origins`` browsers may call from Office Scripts only."""
    _xlwings()  # refuse to start without the licence key rather than fail on the first click
    akar = Path(akar)
    if not akar.is_dir():
        raise LayananGagal(f"Folder layanan tidak ditemukan: {akar}. Buat foldernya (mis. folder SAKIP di drive "
                           "bersama), lalu jalankan lagi.")
    try:
        import waitress.server
    except ImportError:
        raise LayananGagal("Paket waitress belum terpasang: jalankan  python -m pip install \"poskinerja[layanan]\" "
                           "(atau  python -m pip install waitress).") from None
    for label, value, low, high in (("--pekerja", pekerja, 1, 64), ("--batas-waktu", batas_waktu, 1, 3600),
                                    ("--batas-koneksi", batas_koneksi, 1, 10_000)):
        if not low <= value <= high:
            raise LayananGagal(f"{label} harus antara {low} dan {high}.")
    if host not in ("0.0.0.0", "::", ""):
        hosts = (*hosts, host)  # the address it listens on is a name it answers to
    pengaturan = Pengaturan(token or buat_token(), akar, tuple(origins) or ORIGIN_BAWAAN, tuple(hosts))
    server = waitress.server.create_server(
        aplikasi(pengaturan), host=host, port=port, threads=pekerja, connection_limit=batas_koneksi,
        channel_timeout=batas_waktu, cleanup_interval=1, max_request_header_size=BATAS_HEADER,
        max_request_body_size=BATAS_UKURAN, expose_tracebacks=False, ident="poskinerja",
        asyncore_use_poll=hasattr(select, "poll"), clear_untrusted_proxy_headers=True)
    server.channel_class = _kelas_waitress()
    _batas_total(server, 2 * batas_waktu)
    return Layanan(server, pengaturan, token_dibuat=not token)


def _batas_total(server, seconds: float) -> None:
    """Besides waitress' idle timeout: a connection that has not delivered a whole request
    within ``seconds`` of opening (a client trickling bytes) is closed too."""
    idle = server.maintenance

    def maintenance(now: float) -> None:
        idle(now)
        cutoff = now - seconds
        for channel in list(server.active_channels.values()):
            if not channel.requests and not channel.total_outbufs_len and channel.creation_time < cutoff:
                channel.will_close = True

    server.maintenance = maintenance
