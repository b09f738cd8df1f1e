"""``poskinerja layani`` probed as an attacker on the office network would, over loopback only.

One live server (the CLI as a subprocess) with a root folder; beside the root, a folder it must never
touch, holding a valid master. Requests try environment variables, ``..``, absolute paths, symlinks
out of the root and targets that do not exist; foreign origins and host names; no token; bodies that
are too deep or too large; and hundreds of half-sent connections. Every load test ends by itself
within 30 s.
"""
from __future__ import annotations

import copy
import json
import re
import select
import shutil
import socket
import sys
import time
from pathlib import Path

import pytest

from poskinerja.excel.panel import payload_klien
from test_layanan import (TOKEN, alert_of, call, cell_of, client_payload, mini_master_module, siapkan_akar,  # noqa: F401
                          start_server, stop_server)

RAHASIA_NAMA = "POSKINERJA_UJI_RAHASIA"
RAHASIA = "nilai-uji-bukan-rahasia-91c2"  # a dummy value the server's environment holds
PEKERJA = 4
BATAS_WAKTU = 3


@pytest.fixture(scope="module")
def srv(tmp_path_factory, mini_master_module):
    base = tmp_path_factory.mktemp("keamanan")
    root = base / "akar"
    master_path, master = mini_master_module
    panel = siapkan_akar(root, master_path, master)
    luar = base / "luar"  # outside the root: a valid master and forms, and a file
    luar.mkdir()
    shutil.copyfile(master_path, luar / "master.xlsx")
    shutil.copytree(root / "2026" / "masuk", luar / "masuk")
    (luar / "catatan.txt").write_text("jangan dibaca")
    (root / "tautan-luar").symlink_to(luar, target_is_directory=True)
    server = start_server(root, "--token", TOKEN, "--pekerja", str(PEKERJA), "--batas-waktu", str(BATAS_WAKTU),
                          "--batas-koneksi", "600", env_extra={RAHASIA_NAMA: RAHASIA})
    yield {**server, "root": root, "base": base, "luar": luar, "payload": client_payload(payload_klien(panel), "VBA")}
    console = stop_server(server)
    assert "Traceback" not in console, console[-3000:]
    assert RAHASIA not in console


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every path under ``folder`` (not following links, leaving out ``skip``) with size and mtime."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        st = path.lstat()
        out[str(path)] = (st.st_size, st.st_mtime_ns)
    return out


def with_setting(payload: dict, name: str, value) -> dict:
    payload = copy.deepcopy(payload)
    entry = next(n for n in payload["names"] if n["name"] == name)
    row, col = cell_of(entry["address"])
    payload["sheets"][entry["sheet_index"]]["values"][row][col] = value
    return payload


HOSTILE = [
    ("${%s}/keluaran" % RAHASIA_NAMA, "$"),
    ("$%s" % RAHASIA_NAMA, "$"),
    ("%%%s%%\\keluaran" % RAHASIA_NAMA, "$"),
    ("~/keluaran", "$"),
    ("../luar", "luar"),
    ("../luar/master.xlsx", "luar"),
    ("2026/../../luar/masuk", "luar"),
    ("/etc", "luar"),
    ("/etc/shadow", "luar"),
    ("/tidak/ada/sama/sekali", "luar"),
    ("../tidak-ada", "luar"),
    ("tautan-luar", "luar"),
    ("tautan-luar/master.xlsx", "luar"),
    ("tautan-luar/tidak-ada", "luar"),
    ("C:\\Windows\\System32", "luar"),
    ("\\\\server\\share\\sakip", "luar"),
]


@pytest.mark.parametrize("setting", ["pk_master", "pk_folder_masuk", "pk_folder_keluar"])
def test_nothing_outside_the_root_is_read_written_or_revealed(srv, setting):
    outside = snapshot(srv["base"], skip=srv["root"])
    messages = {"$": set(), "luar": set()}
    luar = srv["luar"]
    absolute = [(str(luar), "luar"), (str(luar / "master.xlsx"), "luar"), (str(luar / "tidak-ada"), "luar")]
    for typed, kind in HOSTILE + absolute:
        status, _, reply = call(srv["url"] + "/xlwings/kompilasi", with_setting(srv["payload"], setting, typed))
        assert status == 200, (typed, reply)
        text = json.dumps(reply, ensure_ascii=False).replace(json.dumps(typed)[1:-1], "<JALUR>")
        assert RAHASIA not in text and str(luar) not in text and "/usr/bin" not in text, typed
        assert not any(a["func"] == "setValues" for a in reply["actions"]), typed  # no button ran
        prompt, _, mode = alert_of(reply["actions"])
        assert mode == "critical", (typed, prompt)
        messages[kind].add(prompt.replace(typed, "<JALUR>"))
    # one message per kind, whatever the target: existing, missing, a file, a folder, a link
    assert len(messages["luar"]) == 1 and "di luar folder layanan" in messages["luar"].pop()
    assert len(messages["$"]) == 1 and "tanpa variabel lingkungan" in messages["$"].pop()
    assert snapshot(srv["base"], skip=srv["root"]) == outside
    assert not [p for p in srv["base"].rglob("*") if RAHASIA in p.name]


def test_absolute_outside_path_of_a_valid_master_is_refused(srv):
    payload = with_setting(srv["payload"], "pk_master", str(srv["luar"] / "master.xlsx"))
    payload = with_setting(payload, "pk_folder_masuk", str(srv["luar"] / "masuk"))
    status, _, reply = call(srv["url"] + "/xlwings/cek_kelengkapan", payload)
    assert status == 200 and alert_of(reply["actions"])[2] == "critical"
    assert "di luar folder layanan" in alert_of(reply["actions"])[0]


def test_paths_inside_the_root_work_relative_or_absolute(srv):
    root = srv["root"]
    payload = with_setting(srv["payload"], "pk_master", "2026/master.xlsx")
    payload = with_setting(payload, "pk_folder_masuk", '"2026\\masuk"')  # Windows "Copy as path"
    payload = with_setting(payload, "pk_folder_keluar", str(root / "2026" / "keluaran-abs"))
    payload["book"]["name"] = str(srv["luar"] / "Panel Kinerja 2026.xlsm")  # a path as the book's name
    status, _, reply = call(srv["url"] + "/xlwings/kompilasi", payload)
    prompt, _, mode = alert_of(reply["actions"])
    assert status == 200 and mode == "info", prompt
    assert (root / "2026" / "keluaran-abs" / "Rekap Kinerja 2026 TW1.xlsx").is_file()
    # a missing folder inside the root is the handler's own message, naming the path in the root
    payload = with_setting(payload, "pk_folder_masuk", "2026/belum-ada")
    status, _, reply = call(srv["url"] + "/xlwings/kompilasi", payload)
    assert status == 200 and "Folder formulir terkumpul tidak ditemukan" in alert_of(reply["actions"])[0]


def test_every_copy_of_a_path_name_is_checked(srv):
    payload = copy.deepcopy(srv["payload"])
    entry = next(n for n in payload["names"] if n["name"] == "pk_folder_keluar")
    values = payload["sheets"][entry["sheet_index"]]["values"]
    values[0][0] = "/etc"
    payload["names"].append({**entry, "name": "PK_FOLDER_KELUAR", "address": "A1"})  # same name, other case
    status, _, reply = call(srv["url"] + "/xlwings/kompilasi", payload)
    assert status == 200 and "di luar folder layanan" in alert_of(reply["actions"])[0]
    for address in ("C5:C6", "Status!A1", "A0", "pk_master"):  # not one cell the check can read
        payload["names"][-1]["address"] = address
        status, _, reply = call(srv["url"] + "/xlwings/kompilasi", payload)
        assert status == 200 and "tidak menunjuk satu sel" in alert_of(reply["actions"])[0], address


def test_token_is_required(srv):
    url = srv["url"] + "/xlwings/cek_kelengkapan"
    for token in (None, "salah", TOKEN + "x", " "):
        status, headers, reply = call(url, srv["payload"], token=token)
        assert status == 401 and "Token layanan salah" in reply, token
        # the sentence itself: VBA shows the reply in a MsgBox, the scripts throw its text
        assert headers["Content-Type"] == "text/plain; charset=utf-8" and reply.startswith("Token")
    assert call(srv["url"] + "/", token=None)[0] == 401
    assert call(url, srv["payload"], token=f"Bearer {TOKEN}")[0] == 200


def test_foreign_origin_and_host_are_refused(srv):
    url = srv["url"] + "/xlwings/kompilasi"
    keluar = srv["root"] / "2026" / "keluaran"
    before = snapshot(keluar) if keluar.exists() else {}
    body = json.dumps(srv["payload"]).encode()
    # the attack of the issue: a web page's "simple" cross-origin POST, no token
    status, headers, _ = call(url, raw=body, token=None, headers={
        "Content-Type": "text/plain", "Origin": "http://penyerang.example", "Host": "penyerang.example"})
    assert status == 421 and "Access-Control-Allow-Origin" not in headers
    status, headers, reply = call(url, raw=body, token=None, headers={
        "Content-Type": "text/plain", "Origin": "http://penyerang.example"})
    assert status == 403 and "Origin" in reply and "Access-Control-Allow-Origin" not in headers
    # even with the token, a page elsewhere is refused, before and at preflight
    for origin in ("http://penyerang.example", "null",
                   "https://x.officescripts.microsoftusercontent.com.penyerang.example"):
        status, headers, _ = call(url, srv["payload"], headers={"Origin": origin})
        assert status == 403 and "Access-Control-Allow-Origin" not in headers, origin
        status, headers, _ = call(url, method="OPTIONS", token=None, headers={"Origin": origin})
        assert status == 403 and "Access-Control-Allow-Origin" not in headers, origin
    # a page on a rebound host name that resolves to this server
    status, _, reply = call(url, srv["payload"], headers={"Host": f"penyerang.example:{srv['port']}"})
    assert status == 421 and "--nama-host" in reply
    # the right token without JSON
    status, _, reply = call(url, raw=body, headers={"Content-Type": "text/plain"})
    assert status == 415 and "application/json" in reply
    assert (snapshot(keluar) if keluar.exists() else {}) == before


def test_office_origins_get_cors_for_themselves_only(srv):
    url = srv["url"] + "/xlwings/cek_kelengkapan"
    office = "https://contoso.officescripts.microsoftusercontent.com"
    status, headers, _ = call(url, method="OPTIONS", token=None, headers={
        "Origin": office, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == office
    assert "Authorization" in headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in headers
    status, headers, _ = call(url, client_payload(srv["payload"], "Office Scripts"), headers={"Origin": office})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == office and headers["Vary"] == "Origin"
    # the add-in's own pages on this server (same origin) may call it too
    same = f"http://127.0.0.1:{srv['port']}"
    status, headers, _ = call(url, client_payload(srv["payload"], "Office.js"), headers={"Origin": same})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == same


def test_deep_json_is_a_400_in_indonesian(srv):
    deep = b"[" * 200_000 + b"]" * 200_000
    status, headers, reply = call(srv["url"] + "/xlwings/kompilasi", raw=deep)
    assert status == 400 and "bersarang lebih dari" in reply
    deep_object = b'{"a":' * 200_000 + b"1" + b"}" * 200_000
    status, _, reply = call(srv["url"] + "/xlwings/kompilasi", raw=deep_object)
    assert status == 400 and "bersarang" in reply
    # brackets inside strings do not count
    payload = copy.deepcopy(srv["payload"])
    payload["book"]["name"] = "[[[[" * 50 + ".xlsm"
    assert call(srv["url"] + "/xlwings/cek_kelengkapan", payload)[0] == 200
    for bad in (b"{", b"\xff\xfe", b'"teks"', b'{"sheets": "x", "book": {}, "version": "1", "client": "VBA"}'):
        status, _, reply = call(srv["url"] + "/xlwings/kompilasi", raw=bad)
        assert status == 400 and "JSON" in reply, bad


def raw_http(port: int, data: bytes, timeout: float = 10) -> tuple[int, str]:
    """Send raw bytes; the status and text of the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, socket.timeout):
            pass
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8")


def test_http_level_errors_are_indonesian_json_too(srv):
    port = srv["port"]
    big = (f"POST /xlwings/kompilasi HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {TOKEN}\r\n"
           "Content-Type: application/json\r\nContent-Length: 17000000\r\n\r\n").encode()
    status, body = raw_http(port, big)
    assert status == 413 and body == "Isi permintaan terlalu besar."
    huge_header = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Isi: " + b"a" * 70_000 + b"\r\n\r\n"
    status, body = raw_http(port, huge_header)
    assert status == 431 and "Header" in body
    status, body = raw_http(port, b"POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n")
    assert status == 400 and body == "Permintaan HTTP tidak sah."


def _threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^Threads:\s+(\d+)", status, flags=re.M).group(1))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread count read from /proc")
def test_half_open_connections_are_bounded_and_dropped(srv):
    pid, port = srv["proc"].pid, srv["port"]
    baseline = _threads(pid)
    start = time.monotonic()
    socks = []
    try:
        for _ in range(500):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"POST /xlwings/kompilasi HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
            socks.append(sock)
        time.sleep(0.5)
        assert _threads(pid) <= max(baseline, PEKERJA + 3), (baseline, _threads(pid))
        # the server still answers while they hang
        t0 = time.monotonic()
        assert call(srv["url"] + "/")[0] == 200 and time.monotonic() - t0 < 5
        # every one is closed by the server within the idle timeout (plus its once-a-second sweep)
        open_socks = set(socks)
        deadline = start + 25
        while open_socks and time.monotonic() < deadline:
            readable, _, _ = select.select(list(open_socks)[:400], [], [], 0.5)
            for sock in readable:
                try:
                    data = sock.recv(1024)
                except (ConnectionResetError, socket.timeout):
                    data = b""
                if not data:
                    open_socks.discard(sock)
        assert not open_socks, f"{len(open_socks)} half-open connections still open"
        assert time.monotonic() - start < 5 + 2 * BATAS_WAKTU + 5
        assert _threads(pid) <= max(baseline, PEKERJA + 3)
    finally:
        for sock in socks:
            sock.close()


def test_a_trickling_client_is_cut_off(srv):
    """One byte every 0.4 s keeps a connection busy forever under an idle timeout alone."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", srv["port"]), timeout=5) as sock:
        sock.sendall(b"POST /xlwings/kompilasi HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pelan: ")
        closed = False
        while time.monotonic() - start < 20 and not closed:
            try:
                sock.sendall(b"a")
                readable, _, _ = select.select([sock], [], [], 0.4)
                closed = bool(readable) and not sock.recv(1024)
            except (BrokenPipeError, ConnectionResetError):
                closed = True
    elapsed = time.monotonic() - start
    assert closed and elapsed < 2 * BATAS_WAKTU + 4, elapsed
