"""Benchmark: the panel's Kompilasi button, payload in, actions out.

    python bench/panel.py [N ...]        (default: the example institute and 150 ASN)

For each size: writes a master (the bundled example, or its ASN cycled to N
people), the forms, filled copies (simulated staff, with the usual mistakes),
and the panel; then builds the JSON payload the Excel client sends for the
panel and times ``poskinerja.excel.kompilasi`` on ``xw.Book(json=payload)``
through to the serialized actions — what a click costs once Python runs.
Also times Cek Kelengkapan, and the start-up of a fresh Python importing the
handler (every RunPython click starts one). Target: under 3 s for 150 ASN.
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
from _data import master_rows, scaled_master  # noqa: E402  (valid N-person masters shared by the benches)

import xlwings as xw  # noqa: E402

from poskinerja import excel as px  # noqa: E402
from poskinerja.demo import salin_contoh  # noqa: E402
from poskinerja.formulir import buat_formulir  # noqa: E402
from poskinerja.master import muat_master  # noqa: E402
from poskinerja.master_tulis import tulis_master  # noqa: E402
from poskinerja.panel import buat_panel, payload_klien  # noqa: E402
from poskinerja.simulasi import simulasi_pengisian  # noqa: E402

TARGET = 3.0
REPEAT = 5


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


def cold_start() -> float:
    """A fresh Python importing what a click imports (RunPython starts one per click)."""
    code = ("import time; t = time.perf_counter(); import xlwings, poskinerja.excel, poskinerja.kompilasi; "
            "print(time.perf_counter() - t)")
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip())


def main() -> None:
    sizes: list[int | None] = [int(a) for a in sys.argv[1:]] or [None, 150]
    print(f"panel: Kompilasi button on xlwings {xw.__version__}'s remote engine, payload in → actions out "
          f"(median of {REPEAT})")
    worst = 0.0
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
                median = statistics.median(times)
                if name == "kompilasi":
                    worst = max(worst, median) if n and n >= 150 else worst
                print(f"    {name:<16} {median:6.3f} s median  (min {min(times):.3f}, max {max(times):.3f})  "
                      f"{actions} actions, {size / 1024:.0f} KiB")
    starts = [cold_start() for _ in range(3)]
    print(f"  fresh Python importing xlwings + poskinerja.excel + kompilasi: {statistics.median(starts):.2f} s "
          "(added to every click by RunPython)")
    if worst:
        verdict = "OK" if worst < TARGET else "TOO SLOW"
        print(f"  target < {TARGET:.0f} s for 150 ASN: {verdict} ({worst:.2f} s)")


if __name__ == "__main__":
    main()
