"""One panel click as RunPython makes it: a fresh Python imports xlwings and the handler,
runs it on the panel (here the payload an Excel client sends), and hands back the actions.

    python bench/_klik.py PAYLOAD.json HANDLER [--modul]

With --modul, prints which heavy optional libraries the click imported.
"""
import os
import sys

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # the remote engine stands in for COM

import json  # noqa: E402

import xlwings as xw  # noqa: E402  (RunPython imports it before the handler's own code)

from poskinerja.excel import tombol as excel  # noqa: E402

with open(sys.argv[1], encoding="utf-8") as f:
    book = xw.Book(json=json.load(f))
getattr(excel, sys.argv[2])(book)
actions = json.dumps(book.json(), default=str)
if "--modul" in sys.argv:
    heavy = [m for m in ("pandas", "numpy", "matplotlib", "PIL", "docx", "openpyxl") if m in sys.modules]
    print(f"{len(actions)} bytes of actions; heavy modules imported: {', '.join(heavy) or 'none'}")
