"""Word drafts from the editable templates in ``docx_templates/`` (docxtpl).

The template is the institute's: it may be restyled and reworded in Word.
The code only builds a jinja context and fills it. Everything shared by the
document modules lives here: finding a template (the bundled one, or the
same name in a folder the user gives), the jinja filters for Indonesian
numbers and dates (``poskinerja.angka``), autoescaping (names with ``&``,
``<``, ``"`` or apostrophes come out exactly), native charts, and the
atomic save.
"""
from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any, Iterable, Optional

from ..inti import angka
from ..berkas.aman import atomic_path
from .grafik import GrafikBatang, ganti_penanda
from ..berkas.sumber import template as bundled_template
from ..inti.teks import bersihkan
from ..inti.galat import PoskinerjaGagal

TEMPLATE_PK = "perjanjian_kinerja.docx"
TEMPLATE_TRIWULAN = "laporan_triwulan.docx"
TEMPLATE_SEMESTER = "laporan_semester.docx"
TEMPLATE_EVALUASI = "hasil_evaluasi.docx"
TEMPLATE_REKOMENDASI = "rekomendasi.docx"
TEMPLATES = (TEMPLATE_PK, TEMPLATE_TRIWULAN, TEMPLATE_SEMESTER, TEMPLATE_EVALUASI,
             TEMPLATE_REKOMENDASI)

KOSONG = "-"  # what a table cell shows for a value that does not exist


class DokumenGagal(PoskinerjaGagal):
    """A template or output problem (message in Bahasa Indonesia)."""


# --- filters (reuse poskinerja.angka; never reformat numbers here) ---------------

def f_angka(value: Any, decimals: int = 2) -> str:
    """``1.250,5``; ``-`` for None."""
    if value is None or value == "":
        return KOSONG
    return angka.format_id(float(value), decimals)


def f_persen(value: Any, decimals: int = 1) -> str:
    """``87,5%``; ``-`` for None."""
    if value is None or value == "":
        return KOSONG
    return angka.format_persen(float(value), decimals)


def f_rupiah(value: Any) -> str:
    """``Rp 1.250.000``; ``-`` for None. A no-break space after "Rp": a line never ends on it."""
    if value is None or value == "":
        return KOSONG
    return angka.format_rupiah(float(value)).replace("Rp ", "Rp\u00a0", 1)


def f_tanggal(value: Any) -> str:
    """``23 November 2026``; dates typed as text are read with ``angka.parse_tanggal``."""
    if value is None or value == "":
        return ""
    when = angka.parse_tanggal(value)
    return angka.format_tanggal(when) if when else str(value)


_RP = re.compile(r"\bRp (?=[\d-])")
_TITIK_GANDA = re.compile(r"(?<!\.)\.\.(?!\.)")  # "M.Pd.." where a sentence ends on a title; not "..."


def tanpa_putus(value: Any) -> Any:
    """The context's text made print-ready: "Rp 1.250.000" with a no-break space, so a line never
    ends on "Rp"; a full stop after an academic title not doubled ("M.Pd.." → "M.Pd.")."""
    if isinstance(value, str):
        return _TITIK_GANDA.sub(".", _RP.sub("Rp\u00a0", value))
    if isinstance(value, dict):
        return {k: tanpa_putus(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(tanpa_putus(v) for v in value)
    return value


FILTERS = {"angka": f_angka, "persen": f_persen, "rupiah": f_rupiah, "tanggal": f_tanggal}


def _finalize(value: Any) -> Any:
    """Every ``{{ … }}`` value without characters XML cannot hold (``teks.bersihkan``).

    One such character makes Word reject the document, or the XML parser drop
    the text around it; escaping (autoescape) happens after this, so ``<``,
    ``&`` and quotes still come out as typed.
    """
    from markupsafe import Markup

    if isinstance(value, Markup):  # already-escaped XML (e.g. docxtpl RichText): keep it markup
        return Markup(bersihkan(str(value)))
    return bersihkan(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=1)
def _jinja_env():
    from jinja2 import Environment

    env = Environment(autoescape=True, finalize=_finalize)
    env.filters.update(FILTERS)
    return env


# --- templates ------------------------------------------------------------------

def cari_template(name: str, folder: Optional[Path | str] = None) -> Path:
    """The template ``name``: from ``folder`` when it holds one, else the bundled one.

    An admin may keep only the templates they changed in their folder.
    """
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            raise DokumenGagal(f"Folder templat tidak ditemukan: {folder}")
        own = folder / name
        if own.is_file():
            return own
    try:
        return bundled_template(name)
    except FileNotFoundError:
        raise DokumenGagal(f"Templat {name} tidak ditemukan di antara templat bawaan; instalasi poskinerja tidak lengkap, pasang ulang paketnya.") from None


@functools.lru_cache(maxsize=32)
def _template_bytes(path: str, mtime: float, size: int) -> bytes:
    return Path(path).read_bytes()


def template_bytes(path: Path) -> bytes:
    """The template's bytes, read once per run (re-read when the file changes)."""
    st = path.stat()
    return _template_bytes(str(path), st.st_mtime, st.st_size)


def penanda_grafik(key: str) -> str:
    """The marker text a chart variable renders as, replaced by the chart afterwards; a context may
    place it itself (e.g. one chart per row of a loop)."""
    return f"\u2063grafik:{key}\u2063"


class Penyaji:
    """Renders one template many times (one DocxTemplate per document)."""

    def __init__(self, name: str, folder: Optional[Path | str] = None):
        self.name = name
        self.path = cari_template(name, folder)
        self._data = template_bytes(self.path)

    def baru(self):
        from docxtpl import DocxTemplate

        return DocxTemplate(io.BytesIO(self._data))

    def tulis(self, context: dict[str, Any], dest: Path | str, grafik: Optional[dict[str, GrafikBatang]] = None,
              lebar_grafik_cm: float = 15.5) -> Path:
        """Render ``context`` (plus native charts ``grafik`` by variable name) into ``dest``."""
        tpl = self.baru()
        context = tanpa_putus(dict(context))
        # Each chart variable renders as a marker that ganti_penanda then replaces with the chart.
        penanda = {penanda_grafik(key): chart for key, chart in (grafik or {}).items()}
        context.update({key: marker for marker, key in zip(penanda, grafik or {})})
        try:
            tpl.render(context, _jinja_env(), autoescape=True)
        except Exception as exc:  # a template edited into invalid jinja
            raise DokumenGagal(f"Templat {self.path.name} tidak dapat diisi: {_uraian_templat(exc)}") from exc
        if penanda:
            ganti_penanda(tpl.docx, penanda, lebar_grafik_cm)
        dest = Path(dest)
        with atomic_path(dest) as tmp:
            tpl.save(str(tmp))
        return dest


def _uraian_templat(exc: Exception) -> str:
    """Why a template cannot be filled, in Bahasa Indonesia with what to do (jinja's text is English)."""
    from jinja2 import TemplateSyntaxError, UndefinedError

    if isinstance(exc, TemplateSyntaxError):
        return ("ada tag {{ … }} atau {% … %} yang tidak lengkap atau salah tulis"
                + (f" (sekitar baris {exc.lineno} isi templat)" if exc.lineno else "")
                + ". Buka templat di Word dan perbaiki tag yang baru diubah, atau pakai templat bawaan")
    if isinstance(exc, UndefinedError):
        return ("templat memakai nama isian yang tidak dikenal. Periksa ejaan nama di dalam {{ … }} "
                "dengan templat bawaan")
    return ("isi templat tidak dapat diolah. Bandingkan dengan templat bawaan, atau pakai templat bawaan "
            f"(rincian teknis: {type(exc).__name__})")


# --- charts ------------------------------------------------------------------------

def grafik_batang(label: list[str], nilai: list[Optional[float]]) -> GrafikBatang:
    """Capaian per unit or per ASN as a native, editable Word bar chart (see ``grafik_docx``)."""
    return GrafikBatang(tuple(label), tuple(nilai))


# --- small helpers for contexts ---------------------------------------------------------

def nomori(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with ``no`` = 1, 2, 3… (table numbering)."""
    return [{**row, "no": i} for i, row in enumerate(rows, start=1)]


def kalimat_daftar(items: list[str]) -> str:
    """``a``, ``a dan b``, ``a, b, dan c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"
