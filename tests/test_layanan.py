"""``poskinerja layani``: the panel's buttons over HTTP for xlwings Server clients (Excel on the web, Mac).

The server is started as users start it (the CLI, a subprocess) on loopback; requests carry the JSON
each xlwings client builds for the generated panel (shapes read from the clients' own code: VBA
``Remote.bas`` and Office Scripts ``xlwings.ts`` in the installed xlwings, Office.js from xlwings
Server's ``xlwings.js``); replies are the actions the client applies, checked the way that client
reads them. Security tests are in test_layanan_keamanan.py.
"""
from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from poskinerja.excel.tombol import TOMBOL
from poskinerja.formulir.tulis import buat_formulir
from poskinerja.excel.panel import buat_panel, payload_klien
from poskinerja.contoh.simulasi import simulasi_pengisian

TOKEN = "token-uji-lpmp"


def _xlwings_dir() -> Path:
    import importlib.util

    return Path(importlib.util.find_spec("xlwings").origin).parent


# --- a live server -----------------------------------------------------------------------------------

def start_server(akar: Path, *args: str, env_extra: dict | None = None) -> dict:
    """``poskinerja layani --akar akar --port 0 ...`` as a subprocess; its URL, token and process."""
    env = {k: v for k, v in os.environ.items() if k != "POSKINERJA_TOKEN"}
    env.update(XLWINGS_LICENSE_KEY="noncommercial", PYTHONUNBUFFERED="1", **(env_extra or {}))
    proc = subprocess.Popen([sys.executable, "-m", "poskinerja", "layani", "--akar", str(akar), "--port", "0",
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=akar.parent)  # a relative path that escaped would land in tmp, not the repo
    lines = []
    while True:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError("layani did not start:\n" + "".join(lines) + proc.stderr.read())
        lines.append(line)
        if line.strip().startswith("Tombol:"):
            break
    banner = "".join(lines)
    url = re.search(r"http://([\d.]+):(\d+)/xlwings/", banner)
    token = re.search(r"Token \(dibuat acak untuk sesi ini\): (\S+)", banner)
    return {"url": f"http://{url.group(1)}:{url.group(2)}", "port": int(url.group(2)), "proc": proc,
            "banner": banner, "token": token.group(1) if token else None}


def stop_server(server: dict) -> str:
    """Stop the process; its stderr (the console)."""
    proc = server["proc"]
    proc.terminate()
    try:
        _out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
    return err


def siapkan_akar(root: Path, master_path: Path, master) -> Path:
    """Inside the root: the master, filled forms for TW1, the output folder; the panel built for them."""
    import shutil

    (root / "2026").mkdir(parents=True)
    shutil.copyfile(master_path, root / "2026" / "master.xlsx")
    forms = buat_formulir(master, root / "2026" / "formulir")
    simulasi_pengisian(master, forms, root / "2026" / "masuk", triwulan=1)
    return buat_panel(root / "2026" / "master.xlsx", root / "2026", folder=root / "2026" / "masuk",
                      keluar=root / "2026" / "keluaran", triwulan=1)


@pytest.fixture(scope="module")
def mini_master_module(tmp_path_factory):
    from conftest import mini_rows
    from poskinerja.master.baca import muat_master
    from poskinerja.master.tulis import tulis_master

    path = tulis_master(tmp_path_factory.mktemp("m") / "master.xlsx", mini_rows())
    return path, muat_master(path)


@pytest.fixture(scope="module")
def server(tmp_path_factory, mini_master_module):
    root = tmp_path_factory.mktemp("layanan") / "akar"
    master_path, master = mini_master_module
    panel = siapkan_akar(root, master_path, master)
    srv = start_server(root, "--token", TOKEN)
    yield {**srv, "payload": payload_klien(panel), "master": master, "root": root}
    stop_server(srv)


def call(url: str, body=None, token: str | None = TOKEN, method: str | None = None, headers: dict | None = None,
         raw: bytes | None = None):
    data = raw if raw is not None else json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data is not None else "GET"),
                                 headers={"Content-Type": "application/json",
                                          **({"Authorization": token} if token else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, dict(resp.headers), _json(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), _json(err.read())


def _json(data: bytes):
    try:
        return json.loads(data or b"null")
    except ValueError:
        return data.decode("utf-8", "replace")


# --- the three clients, from their own code ------------------------------------------------------------

# Office.js add-in: the callbacks of xlwings Server's app/static/js/core/xlwingsjs/xlwings.js (`funcs`),
# which is not part of the xlwings package
OFFICEJS_FUNCS = {
    "setValues", "addSheet", "setSheetName", "setAutofit", "setRangeColor", "activateSheet", "addHyperlink",
    "setNumberFormat", "setPictureName", "setPictureWidth", "setPictureHeight", "deletePicture", "addPicture",
    "updatePicture", "alert", "setRangeName", "namesAdd", "nameDelete", "runMacro", "rangeDelete", "rangeInsert",
    "rangeSelect", "rangeClearContents", "rangeClearFormats", "rangeGroup", "rangeUngroup", "rangeClear",
    "rangeAdjustIndent", "addTable", "setTableName", "resizeTable", "showAutofilterTable", "showHeadersTable",
    "showTotalsTable", "setTableStyle", "copyRange", "sheetDelete", "sheetClear", "sheetClearFormats",
    "sheetClearContents", "freezePaneAtRange", "freezePaneUnfreeze",
}


def client_funcs(kind: str) -> set[str]:
    """The actions a client can apply, read from its source in the installed xlwings."""
    if kind == "VBA":
        source = (_xlwings_dir() / "addin" / "Remote.bas").read_text(encoding="utf-8", errors="replace")
        return set(re.findall(r"^Sub (\w+)\(wb As Workbook, action As Dictionary\)", source, flags=re.M))
    if kind == "Office Scripts":
        source = (_xlwings_dir() / "js" / "xlwings.ts").read_text(encoding="utf-8")
        return set(re.findall(r"^registerCallback\((\w+)\);", source, flags=re.M))
    return OFFICEJS_FUNCS


CLIENTS = {  # kind: (payload "client", route prefix)
    "VBA": ("VBA", "/xlwings/"),
    "Office Scripts": ("Microsoft Office Scripts", "/xlwings/"),
    "Office.js": ("Office.js", "/xlwings/custom-scripts-call/"),
}


def client_payload(base: dict, kind: str) -> dict:
    """The panel's payload as that client builds it: its client name; addresses without "$"
    (VBA Address(False, False), Office's getAddress().split("!").pop()); empty cells as VBA
    sends them (null) or Office does (""); dates as ISO text with a Z, as all three send them."""
    payload = copy.deepcopy(base)
    payload["client"] = CLIENTS[kind][0]
    if kind == "VBA":
        payload["book"]["selection"] = None  # Selection is not a Range (a button was clicked)
    for name in payload["names"]:
        name["address"] = name["address"].split("!")[-1].replace("$", "")
    empty = None if kind == "VBA" else ""
    for sheet in payload["sheets"]:
        sheet["values"] = [[empty if v == "" else _iso_z(v) for v in row] for row in sheet["values"]]
    return payload


def _iso_z(value):
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d:\d\d)?", value):
        return value.replace(" ", "T") + ("T00:00:00.000Z" if len(value) == 10 else ".000Z")
    return value


_SCALAR = (str, int, float, bool, type(None))


def check_actions(actions: list[dict], kind: str) -> None:
    """Each action as the client applies it: a function it has, positions it can index with, and
    text wherever it reads text (VBA String variables, .toString() in the scripts)."""
    funcs = client_funcs(kind)
    assert funcs, kind
    for action in actions:
        func, args = action["func"], action["args"]
        assert func in funcs, f"{kind} has no {func}"
        assert isinstance(args, list)
        if func in ("setValues", "rangeClearContents", "setNumberFormat", "setRangeColor"):
            for key in ("sheet_position", "start_row", "start_column"):
                assert isinstance(action[key], int) and action[key] >= 0, (func, key, action[key])
            assert action["row_count"] >= 1 and action["column_count"] >= 1
        if func == "setValues":
            values = action["values"]
            assert len(values) == action["row_count"] >= 1
            assert all(isinstance(r, list) and len(r) == action["column_count"] for r in values)
            assert all(isinstance(v, _SCALAR) for r in values for v in r)
        elif func == "setRangeColor":  # VBA HexToRgb(String), .toString() in the scripts
            assert len(args) == 1 and isinstance(args[0], str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", args[0]), args
        elif func == "setNumberFormat":
            assert len(args) == 1 and isinstance(args[0], str)
        elif func == "alert":  # five String variables in VBA, five .toString() in Office.js
            assert len(args) == 5 and all(isinstance(a, str) for a in args), args
            assert args[2] == "ok" and args[3] in ("info", "critical") and args[4] == ""


def alert_of(actions: list[dict]) -> tuple[str, str, str]:
    """(prompt, title, mode) of the one message box, which comes after every write
    (Office Scripts shows it by throwing, which stops the actions after it)."""
    assert actions[-1]["func"] == "alert" and sum(a["func"] == "alert" for a in actions) == 1
    prompt, title, _buttons, mode, _callback = actions[-1]["args"]
    return prompt, title, mode


# --- the tests ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(CLIENTS))
def test_every_button_runs_for_every_client(server, kind):
    payload = client_payload(server["payload"], kind)
    keluar = server["root"] / "2026" / "keluaran"
    for handler, caption, _ in TOMBOL:
        status, _, reply = call(server["url"] + CLIENTS[kind][1] + handler, payload)
        assert status == 200, (kind, handler, reply)
        check_actions(reply["actions"], kind)
        prompt, title, mode = alert_of(reply["actions"])
        assert title.endswith(caption) and mode == "info", (kind, handler, prompt)
    assert (keluar / "Rekap Kinerja 2026 TW1.xlsx").is_file()
    assert any((keluar / "Formulir 2026").rglob("*.xlsx"))
    assert any((keluar / "Laporan 2026").glob("*.docx"))
    assert any((keluar / "PK 2026").rglob("*.docx"))


def test_cek_kelengkapan_lists_every_asn(server):
    status, headers, reply = call(server["url"] + "/xlwings/cek_kelengkapan",
                                  client_payload(server["payload"], "VBA"))
    assert status == 200 and "Access-Control-Allow-Origin" not in headers  # no Origin sent, no CORS header
    written = " ".join(json.dumps(a["values"]) for a in reply["actions"] if a["func"] == "setValues")
    for nip in server["master"].asn:
        assert f'"{nip}"' in written  # every ASN listed, NIP as 18-digit text


def test_jadwal_pos_colours_are_text_for_every_row(server):
    status, _, reply = call(server["url"] + "/xlwings/jadwal_pos", client_payload(server["payload"], "Office Scripts"))
    colours = [a for a in reply["actions"] if a["func"] == "setRangeColor"]
    assert status == 200 and colours
    # the block is reset first (white: no client can set "no fill"), then each run of equal statuses painted
    rows = next(a for a in reply["actions"] if a["func"] == "setValues"
                and a["sheet_position"] == colours[0]["sheet_position"] and a["start_row"] == colours[0]["start_row"])
    assert colours[0]["args"] == ["#FFFFFF"] and colours[0]["row_count"] == rows["row_count"] > 1
    assert all(a["args"] != [None] for a in colours)


def test_version_a_patch_level_apart_is_accepted_a_minor_apart_is_told(server):
    import xlwings

    major, minor, patch = (xlwings.__version__.split(".") + ["0"])[:3]
    payload = client_payload(server["payload"], "VBA")
    next_patch = int(re.match(r"\d+", patch).group()) + 1
    payload["version"] = f"{major}.{minor}.{next_patch}"
    status, _, reply = call(server["url"] + "/xlwings/cek_kelengkapan", payload)
    assert status == 200 and alert_of(reply["actions"])[2] == "info"
    payload["version"] = f"{major}.{int(minor) + 1}.0"
    status, _, reply = call(server["url"] + "/xlwings/cek_kelengkapan", payload)
    assert status == 400
    assert payload["version"] in reply and xlwings.__version__ in reply
    assert "bangun ulang panel" in reply


def test_officejs_alert_page_escapes_what_it_shows(server):
    query = urllib.parse.urlencode({"prompt": 'Rekap selesai <script>alert("x")</script>\nbaris dua',
                                    "title": "Panel Kinerja - Kompilasi", "buttons": "ok", "mode": "info",
                                    "callback": '"><img src=x onerror=alert(1)>'})
    req = urllib.request.Request(server["url"] + "/xlwings/alert?" + query)  # a dialog sends no token
    with urllib.request.urlopen(req, timeout=30) as resp:
        html = resp.read().decode("utf-8")
        csp = resp.headers["Content-Security-Policy"]
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/html")
    assert "Panel Kinerja - Kompilasi" in html and "baris dua" in html and "<br>" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert 'id="ok"' in html  # the OK button the add-in listens to
    assert "script-src https://appsforoffice.microsoft.com 'sha256-" in csp


def test_bad_panel_setting_is_a_message_box_not_an_http_error(server):
    payload = client_payload(server["payload"], "Office Scripts")
    name = next(n for n in payload["names"] if n["name"] == "pk_triwulan")
    row, col = cell_of(name["address"])
    payload["sheets"][name["sheet_index"]]["values"][row][col] = 5
    status, _, reply = call(server["url"] + "/xlwings/kompilasi", payload)
    assert status == 200
    prompt, _, mode = alert_of(reply["actions"])
    assert mode == "critical" and "Triwulan 5 tidak valid" in prompt


def test_concurrent_clicks_each_get_their_own_message_box(server):
    from concurrent.futures import ThreadPoolExecutor

    good = client_payload(server["payload"], "VBA")
    bad = copy.deepcopy(good)
    name = next(n for n in bad["names"] if n["name"] == "pk_triwulan")
    row, col = cell_of(name["address"])
    bad["sheets"][name["sheet_index"]]["values"][row][col] = 5
    jobs = [good, bad] * 3
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        replies = list(pool.map(lambda p: call(server["url"] + "/xlwings/cek_kelengkapan", p), jobs))
    for payload, (status, _, reply) in zip(jobs, replies):
        assert status == 200
        assert alert_of(reply["actions"])[2] == ("info" if payload is good else "critical")


def test_generated_token_is_printed_and_required(tmp_path):
    srv = start_server(tmp_path)
    try:
        assert srv["token"] and len(srv["token"]) >= 24
        assert call(srv["url"] + "/", token=None)[0] == 401
        status, _, reply = call(srv["url"] + "/", token=srv["token"])
        assert status == 200 and reply["tombol"] == sorted(h for h, _, _ in TOMBOL)
    finally:
        stop_server(srv)
    # a token kept in the environment, out of the process list, is neither printed nor replaced
    srv = start_server(tmp_path, env_extra={"POSKINERJA_TOKEN": "token-dari-lingkungan"})
    try:
        assert srv["token"] is None and "token-dari-lingkungan" not in srv["banner"]
        assert call(srv["url"] + "/", token="token-dari-lingkungan")[0] == 200
    finally:
        stop_server(srv)


def test_refuses_to_start_without_licence_key_root_or_waitress_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_LICENSE_KEY"}
    base = [sys.executable, "-m", "poskinerja", "layani", "--port", "0"]
    run = subprocess.run(base + ["--akar", str(tmp_path)], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 2 and "XLWINGS_LICENSE_KEY" in run.stderr and "Traceback" not in run.stderr
    env["XLWINGS_LICENSE_KEY"] = "noncommercial"
    run = subprocess.run(base, capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 2 and "--akar" in run.stderr
    run = subprocess.run(base + ["--akar", str(tmp_path / "tidak-ada")], capture_output=True, text=True, env=env,
                         timeout=60)
    assert run.returncode == 2 and "Folder layanan tidak ditemukan" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run(base + ["--akar", str(tmp_path), "--pekerja", "0"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert run.returncode == 2 and "--pekerja" in run.stderr
    run = subprocess.run(base + ["--akar", str(tmp_path), "--origin", "sakip.lembaga.go.id/x"], capture_output=True,
                         text=True, env=env, timeout=60)
    assert run.returncode == 2 and "bukan asal web yang sah" in run.stderr and "Traceback" not in run.stderr


def cell_of(address: str) -> tuple[int, int]:
    col, row = re.match(r"\$?([A-Z]+)\$?(\d+)", address.split("!")[-1]).groups()
    n = 0
    for ch in col:
        n = n * 26 + ord(ch) - 64
    return int(row) - 1, n - 1
