"""Benchmark: the panel's buttons, payload in, actions out — in process, and as a whole fresh process.

    python bench/panel.py [N ...]        (default: the example institute and 150 ASN)

For each size: writes a master (the bundled example, or its ASN cycled to N
people), the forms, filled copies (simulated staff, with the usual mistakes),
and the panel; then builds the JSON payload the Excel client sends for the
panel and times ``poskinerja.excel.kompilasi`` and ``cek_kelengkapan`` on
``xw.Book(json=payload)`` through to the serialized actions. Then, as Excel's
RunPython does on every click, a whole fresh process (bench/_klik.py:
start-up, xlwings, the handler, the click) in rotated rounds against a bare
Python start-up, and which heavy libraries that click imported. Target for
the fresh-process click for 150 ASN: 0.5 s. Run it in the environment the
panel uses (a plain `pip install poskinerja`): xlwings imports pandas and
matplotlib whenever they are installed.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings registers its engines

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import PYTHON, master_rows, paired, scaled_master, spread  # noqa: E402  (shared by the benches)

import xlwings as xw  # noqa: E402

from poskinerja.excel import tombol as px  # noqa: E402
from poskinerja.contoh.demo import salin_contoh  # noqa: E402
from poskinerja.formulir.tulis import buat_formulir  # noqa: E402
from poskinerja.master.baca import muat_master  # noqa: E402
from poskinerja.master.tulis import tulis_master  # noqa: E402
from poskinerja.excel.panel import buat_panel, payload_klien  # noqa: E402
from poskinerja.contoh.simulasi import simulasi_pengisian  # noqa: E402

CLICK_TARGET = 0.5
REPEAT = 5
ROUNDS = 5
HERE = Path(__file__).resolve().parent


def prepare(root: Path, n: int | None) -> tuple[dict, int]:
    """Master, forms, filled copies and the panel under ``root``; returns (payload, ASN count)."""
    if n is None:
        master_path = salin_contoh(root)
    else:
        master_path = tulis_master(root / "master.xlsx", master_rows(scaled_master(n)))
    master = muat_master(master_path)
    forms = buat_formulir(master, root / "formulir")
    masuk = root / "terkumpul"
    simulasi_pengisian(master, forms, masuk, triwulan=1)
    panel = buat_panel(master_path, root, folder=masuk, keluar=root / "keluaran", triwulan=1)
    return payload_klien(panel), len(master.asn)


def click(handler, payload_text: str) -> tuple[float, int, int, str]:
    """One click: payload text in, actions text out. (seconds, actions, bytes, alert mode)."""
    start = time.perf_counter()
    book = xw.Book(json=json.loads(payload_text))
    handler(book)
    out = json.dumps(book.json(), default=str)
    elapsed = time.perf_counter() - start
    actions = book.json()["actions"]
    return elapsed, len(actions), len(out), actions[-1]["args"][3]


def fresh_click(payload_text: str, handler: str, rounds: int) -> None:
    """What a click costs from Excel's side: a whole fresh process, start-up included, paired with a bare
    Python start-up (the floor RunPython pays on every click)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(payload_text)
    try:
        click_cmd = [PYTHON, str(HERE / "_klik.py"), f.name, handler]
        runs_a, runs_b, ratios = paired(click_cmd, [PYTHON, "-c", "pass"], rounds)
        modules = subprocess.run([*click_cmd, "--modul"], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    print(f"    fresh-process click {handler:<16} {spread([r.wall for r in runs_a])}  "
          f"(bare Python start {statistics.median(r.wall for r in runs_b):.3f} s; "
          f"ratio {statistics.median(ratios):.1f}x; target <= {CLICK_TARGET} s)")
    print(f"      {modules.strip()}")


def main() -> None:
    sizes: list[int | None] = [int(a) for a in sys.argv[1:]] or [None, 150]
    print(f"panel: buttons on xlwings {xw.__version__}'s remote engine, payload in → actions out; "
          f"in-process median of {REPEAT}, then whole fresh processes in {ROUNDS} rotated rounds")
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="poskinerja-bench-panel-") as tmp:
            t0 = time.perf_counter()
            payload, people = prepare(Path(tmp), n)
            ready = time.perf_counter() - t0
            text = json.dumps(payload)
            label = "contoh" if n is None else f"N={n}"
            print(f"  {label:<7} {people:4d} ASN (folder ready in {ready:.1f} s; payload {len(text) / 1024:.0f} KiB)")
            for name, handler in (("kompilasi", px.kompilasi), ("cek_kelengkapan", px.cek_kelengkapan)):
                runs = [click(handler, text) for _ in range(REPEAT)]
                times = [r[0] for r in runs]
                _, actions, size, mode = runs[-1]
                assert mode == "info", f"{name} reported a problem"
                print(f"    in-process {name:<16} {statistics.median(times):6.3f} s median  "
                      f"(min {min(times):.3f}, max {max(times):.3f})  {actions} actions, {size / 1024:.0f} KiB")
            if n is not None:
                fresh_click(text, "kompilasi", ROUNDS)


if __name__ == "__main__":
    main()
