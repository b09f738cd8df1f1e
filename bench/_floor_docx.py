"""The Word-draft floor: bare docxtpl renders of one template with prepared contexts, nothing else.

    python bench/_floor_docx.py TEMPLATE.docx CONTEXTS.pickle OUTDIR
"""
import pickle
import sys
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment

from poskinerja.dokumen.penyaji import FILTERS  # the templates' number and date filters

template, contexts, out = Path(sys.argv[1]), pickle.loads(Path(sys.argv[2]).read_bytes()), Path(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
env = Environment(autoescape=True)
env.filters.update(FILTERS)
for i, context in enumerate(contexts):
    doc = DocxTemplate(str(template))
    doc.render(context, env, autoescape=True)
    doc.save(str(out / f"{i}.docx"))
