"""The kompilasi floor: read every sheet of every .xlsx under a folder with python-calamine,
on as many processes as kompilasi uses (os.cpu_count()), and nothing else.

    python bench/_floor_read.py FOLDER
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from python_calamine import CalamineWorkbook


def read(paths: list[str]) -> int:
    cells = 0
    for path in paths:
        try:
            wb = CalamineWorkbook.from_path(path)
        except Exception:  # the inbox holds a corrupt file, as real ones do; kompilasi reports it
            continue
        for name in wb.sheet_names:
            cells += sum(len(row) for row in wb.get_sheet_by_name(name).to_python())
    return cells


def main() -> None:
    files = sorted(str(p) for p in Path(sys.argv[1]).rglob("*.xlsx"))
    cores = os.cpu_count() or 1
    chunks = [files[i::cores] for i in range(cores)]
    if cores == 1:
        total = read(files)
    else:
        with ProcessPoolExecutor(cores) as pool:
            total = sum(pool.map(read, chunks))
    print(f"{len(files)} files, {total} cells")


if __name__ == "__main__":
    main()
