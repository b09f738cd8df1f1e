"""Word drafts from the editable templates in ``docx_templates/`` (docxtpl).

The template is the institute's: it may be restyled and reworded in Word.
The code only builds a jinja context and fills it. Everything shared by the
document modules lives here: finding a template (the bundled one, or the
same name in a folder the user gives), the jinja filters for Indonesian
numbers and dates (``poskinerja.angka``), autoescaping (names with ``&``,
``<``, ``"`` or apostrophes come out exactly), charts as images, and the
atomic save.
"""
from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any, Iterable, Optional

from . import angka
from .berkas import atomic_path
from .sumber import template as bundled_template

TEMPLATE_PK = "perjanjian_kinerja.docx"
TEMPLATE_TRIWULAN = "laporan_triwulan.docx"
TEMPLATE_SEMESTER = "laporan_semester.docx"
TEMPLATE_EVALUASI = "hasil_evaluasi.docx"
TEMPLATE_REKOMENDASI = "rekomendasi.docx"
TEMPLATES = (TEMPLATE_PK, TEMPLATE_TRIWULAN, TEMPLATE_SEMESTER, TEMPLATE_EVALUASI,
             TEMPLATE_REKOMENDASI)

KOSONG = "-"  # what a table cell shows for a value that does not exist


class DokumenGagal(Exception):
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


@functools.lru_cache(maxsize=1)
def _jinja_env():
    from jinja2 import Environment

    env = Environment(autoescape=True)
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
        raise DokumenGagal(f"Templat {name} tidak ditemukan (folder docx_templates).") from None


@functools.lru_cache(maxsize=32)
def _template_bytes(path: str, mtime: float, size: int) -> bytes:
    return Path(path).read_bytes()


def template_bytes(path: Path) -> bytes:
    """The template's bytes, read once per run (re-read when the file changes)."""
    st = path.stat()
    return _template_bytes(str(path), st.st_mtime, st.st_size)


class Penyaji:
    """Renders one template many times (one DocxTemplate per document)."""

    def __init__(self, name: str, folder: Optional[Path | str] = None):
        self.name = name
        self.path = cari_template(name, folder)
        self._data = template_bytes(self.path)

    def baru(self):
        from docxtpl import DocxTemplate

        return DocxTemplate(io.BytesIO(self._data))

    def tulis(self, context: dict[str, Any], dest: Path | str, grafik: Optional[dict[str, bytes]] = None,
              lebar_grafik_cm: float = 15.5) -> Path:
        """Render ``context`` (plus PNG images ``grafik`` by variable name) into ``dest``."""
        from docx.shared import Cm
        from docxtpl import InlineImage

        tpl = self.baru()
        context = tanpa_putus(dict(context))
        for key, png in (grafik or {}).items():
            context[key] = InlineImage(tpl, io.BytesIO(png), width=Cm(lebar_grafik_cm)) if png else ""
        try:
            tpl.render(context, _jinja_env(), autoescape=True)
        except Exception as exc:  # a template edited into invalid jinja
            raise DokumenGagal(f"Templat {self.path.name} tidak dapat diisi: {exc}") from exc
        dest = Path(dest)
        with atomic_path(dest) as tmp:
            tpl.save(str(tmp))
        return dest


def render(name: str, context: dict[str, Any], dest: Path | str, folder: Optional[Path | str] = None,
           grafik: Optional[dict[str, bytes]] = None) -> Path:
    """Render the template ``name`` once into ``dest`` (atomic)."""
    return Penyaji(name, folder).tulis(context, dest, grafik)


# --- charts ------------------------------------------------------------------------

def grafik_batang(label: list[str], nilai: list[Optional[float]], judul: Optional[str] = None,
                  acuan: Optional[float] = 100.0,
                  satuan: str = "%", label_acuan: str = "target 100%", nilai_kedua: Optional[list] = None,
                  label_nilai: str = "Capaian", label_kedua: str = "") -> bytes:
    """A horizontal bar chart as PNG bytes (matplotlib, Agg backend).

    ``None`` values are drawn as empty bars with the label "tidak ada data". ``judul``
    is drawn above the chart only when given (documents caption their charts).
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import ticker
    from matplotlib.figure import Figure

    n = max(1, len(label))
    height = 1.0 + 0.42 * n * (1.6 if nilai_kedua else 1)
    fig = Figure(figsize=(7.2, min(height, 9.5)), dpi=130)
    ax = fig.add_subplot(111)
    ys = list(range(len(label)))
    bar_h = 0.38 if nilai_kedua else 0.6
    values = [v if v is not None else 0.0 for v in nilai]
    off = bar_h / 2 if nilai_kedua else 0.0
    bars = ax.barh([y - off for y in ys], values, height=bar_h, color="#1F4E78", label=label_nilai)
    series = [(bars, nilai)]
    if nilai_kedua:
        bars2 = ax.barh([y + off for y in ys], [v if v is not None else 0.0 for v in nilai_kedua],
                        height=bar_h, color="#F4B183", label=label_kedua)
        series.append((bars2, nilai_kedua))
    top = max([v for v in values] + [v or 0 for v in (nilai_kedua or [])] + [acuan or 0, 1])
    for bar_set, raw in series:
        for bar, v in zip(bar_set, raw):
            text = f_persen(v) if satuan == "%" else f_angka(v)
            ax.text((v or 0) + top * 0.01, bar.get_y() + bar.get_height() / 2,
                    text if v is not None else "tidak ada data", va="center", fontsize=7.5,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4, "alpha": 0.85})
    if acuan is not None:
        ax.axvline(acuan, color="#C00000", linestyle="--", linewidth=1, label=label_acuan)
    ax.set_yticks(ys)
    ax.set_yticklabels([_wrap(t, 38) for t in label], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.18)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(
        lambda x, _: f"{angka.format_id(x, 0)}{'%' if satuan == '%' else ''}"))
    ax.tick_params(axis="x", labelsize=8)
    if judul:
        ax.set_title(judul, fontsize=10, loc="left", pad=18)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7.5, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=3, frameon=False,
              borderaxespad=0.2)
    # margins from the label lengths instead of tight_layout (which costs a whole extra draw)
    width_in, height_in = fig.get_size_inches()
    longest = max((len(line) for t in label for line in _wrap(t, 38).split("\n")), default=4)
    fig.subplots_adjust(left=min(0.55, (0.25 + longest * 0.062) / width_in), right=0.97,
                        top=1 - 0.32 / height_in, bottom=0.4 / height_in)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _wrap(text: str, width: int) -> str:
    import textwrap

    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = lines[:2]
        lines[1] = lines[1][: width - 1] + "…"
    return "\n".join(lines)


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
