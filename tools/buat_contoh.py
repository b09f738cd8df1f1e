"""Regenerate the bundled example master, ``poskinerja/data/workbooks/contoh-master.xlsx``.

Run from the repository root: ``python tools/buat_contoh.py``. The rows come
from ``tools/contoh_data.py`` (deterministic) and are written with the same
writer as ``poskinerja master-kosong``, so the example has the same headers,
dropdowns and notes as an empty master.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from contoh_data import build_example, self_check  # noqa: E402

from poskinerja.master.baca import baca_master  # noqa: E402
from poskinerja.master.tulis import tulis_master  # noqa: E402


def main() -> int:
    rows = build_example()
    self_check(rows)
    dest = tulis_master(ROOT / "poskinerja" / "data" / "workbooks" / "contoh-master.xlsx", rows)
    master, temuan = baca_master(dest)
    if master is None or temuan:
        for t in temuan:
            print(t)
        return 1
    print(f"{dest}: {len(master.unit)} unit, {len(master.asn)} ASN, "
          f"{sum(map(len, master.indikator.values()))} indikator")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
