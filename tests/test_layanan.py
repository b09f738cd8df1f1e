"""``poskinerja layani``: the panel's buttons over HTTP for xlwings Server clients (Excel on the web, Mac).

The server is started as users start it (the CLI, a subprocess); requests carry the JSON an
Excel client sends for the generated panel; replies are the actions the client applies.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from poskinerja.formulir import buat_formulir
from poskinerja.panel import buat_panel, payload_klien
from poskinerja.simulasi import simulasi_pengisian

TOKEN = "rahasia-lpmp"


@pytest.fixture(scope="module")
def server(tmp_path_factory, mini_master_module):
    root = tmp_path_factory.mktemp("layanan")
    master_path, master = mini_master_module
    forms = buat_formulir(master, root / "formulir")
    simulasi_pengisian(master, forms, root / "masuk", triwulan=1)
    panel = buat_panel(master_path, root, folder=root / "masuk", keluar=root / "keluar", triwulan=1)
    env = dict(os.environ, XLWINGS_LICENSE_KEY="noncommercial", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "poskinerja", "layani", "--port", "0", "--token", TOKEN],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first = proc.stdout.readline()
    match = re.search(r"http://([\d.]+):(\d+)/xlwings/", first)
    assert match, first + proc.stderr.read() if proc.poll() is not None else first
    yield {"url": f"http://{match.group(1)}:{match.group(2)}", "payload": payload_klien(panel),
           "master": master, "root": root}
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def mini_master_module(tmp_path_factory):
    from conftest import mini_rows
    from poskinerja.master import muat_master
    from poskinerja.master_tulis import tulis_master

    path = tulis_master(tmp_path_factory.mktemp("m") / "master.xlsx", mini_rows())
    return path, muat_master(path)


def call(url: str, body=None, token: str | None = TOKEN, method: str | None = None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data else "GET"),
                                 headers={"Content-Type": "application/json",
                                          **({"Authorization": token} if token else {})})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, dict(resp.headers), json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), json.loads(err.read() or b"null")


def test_button_runs_on_the_server_and_returns_actions(server):
    status, headers, reply = call(server["url"] + "/xlwings/cek_kelengkapan", server["payload"])
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    actions = reply["actions"]
    prompt, title, mode = alert_of(actions)
    assert "Cek Kelengkapan" in title and mode == "info"
    written = " ".join(json.dumps(a["values"]) for a in actions if a["func"] == "setValues")
    for nip in server["master"].asn:
        assert f'"{nip}"' in written  # every ASN listed, NIP as 18-digit text


def test_kompilasi_writes_the_recap_on_the_server(server):
    status, _, reply = call(server["url"] + "/xlwings/kompilasi", server["payload"])
    assert status == 200
    assert (server["root"] / "keluar" / "Rekap Kinerja 2026 TW1.xlsx").exists()
    assert alert_of(reply["actions"])[2] == "info"


def test_refusals_are_clear(server):
    url = server["url"]
    assert call(url + "/xlwings/kompilasi", server["payload"], token="salah")[0] == 401
    assert call(url + "/xlwings/kompilasi", server["payload"], token=None)[0] == 401
    status, _, reply = call(url + "/xlwings/hapus_semua", server["payload"])
    assert status == 404 and "/xlwings/kompilasi" in reply["pesan"]
    status, _, reply = call(url + "/xlwings/kompilasi", {"bukan": "buku"})
    assert status == 400 and "JSON" in reply["pesan"]
    assert call(url + "/xlwings/kompilasi", method="OPTIONS")[0] == 204
    status, _, reply = call(url + "/")
    assert status == 200 and "kompilasi" in reply["tombol"]


def test_bad_panel_setting_is_a_message_box_not_an_http_error(server):
    payload = json.loads(json.dumps(server["payload"]))
    name = next(n for n in payload["names"] if n["name"] == "pk_triwulan")
    row, col = _cell(name["address"])
    payload["sheets"][name["sheet_index"]]["values"][row][col] = 5
    status, _, reply = call(server["url"] + "/xlwings/kompilasi", payload)
    assert status == 200
    prompt, _, mode = alert_of(reply["actions"])
    assert mode == "critical" and "Triwulan 5 tidak valid" in prompt


def test_refuses_to_start_without_licence_key():
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_LICENSE_KEY"}
    run = subprocess.run([sys.executable, "-m", "poskinerja", "layani", "--port", "0"], capture_output=True,
                         text=True, env=env, timeout=60)
    assert run.returncode == 2 and "XLWINGS_LICENSE_KEY" in run.stderr and "Traceback" not in run.stderr


def alert_of(actions: list[dict]) -> tuple[str, str, str]:
    """(prompt, title, mode) of the one message box, which comes after every write."""
    assert actions[-1]["func"] == "alert" and sum(a["func"] == "alert" for a in actions) == 1
    prompt, title, _buttons, mode, _callback = actions[-1]["args"]
    return prompt, title, mode


def _cell(address: str) -> tuple[int, int]:
    col, row = re.match(r"\$?([A-Z]+)\$?(\d+)", address.split("!")[-1]).groups()
    n = 0
    for ch in col:
        n = n * 26 + ord(ch) - 64
    return int(row) - 1, n - 1
