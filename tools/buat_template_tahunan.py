"""Build ``docx_templates/laporan_kinerja_tahunan.docx`` (the annual LKj) with python-docx.

Run from the repository root: ``python tools/buat_template_tahunan.py``. Uses the
building blocks, styles and conventions of ``tools/buat_template.py`` (same
page set-up, named styles, ``Tabel Kinerja``), so the annual report looks like
the semester one; the output is byte-for-byte reproducible the same way.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Pt  # noqa: E402

from buat_template import (HEADER, OUT, bab_penutup, bullets, h, isian, new_document, p,  # noqa: E402
                           sampul_laporan, save, table, tag)

NAME = "laporan_kinerja_tahunan.docx"


def _judul(doc, text: str):
    """A bold run-in heading for one of the seven analyses (kept with what follows)."""
    para = p(doc, text, bold=True)
    para.paragraph_format.keep_with_next = True
    para.paragraph_format.space_after = Pt(2)
    return para


def laporan_kinerja_tahunan():
    doc = new_document(HEADER, "Laporan Kinerja Tahun {{ tahun }} — {{ nama_tingkat }}",
                       "Draf Laporan Kinerja Tahunan")
    sampul_laporan(doc, "TAHUN {{ tahun }}", "Disusun dari {{ sumber_data }}; riwayat dari rekap tahun "
                                             "{{ tahun_riwayat }}; oleh poskinerja {{ versi }}.")

    h(doc, "Kata Pengantar", 1)
    isian(doc, "[diisi: kata pengantar oleh {{ penandatangan.jabatan }}]")
    h(doc, "Ikhtisar Eksekutif", 1)
    bullets(doc, "k in ikhtisar", "{{ k }}")
    isian(doc, "[diisi: ikhtisar capaian utama, permasalahan pokok, dan langkah perbaikan]")

    h(doc, "BAB I Pendahuluan", 1)
    isian(doc, "[diisi: gambaran umum organisasi, tugas dan fungsi, struktur, dan isu strategis]")

    h(doc, "BAB II Perencanaan Kinerja", 1)
    p(doc, "Perjanjian Kinerja Tahun {{ tahun }} {{ nama_tingkat }} memuat indikator dan target berikut.")
    table(doc, ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahun"],
          ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.target|angka }}"],
          (1.0, 5.0, 6.6, 1.8, 1.8), "r in pk", numeric=(4,))

    h(doc, "BAB III Akuntabilitas Kinerja", 1)
    h(doc, "A. Capaian Kinerja Organisasi", 2)
    p(doc, "{{ catatan_tahunan }}", "Catatan")
    tag(doc, "{%p for s in sasaran %}")
    h(doc, "Sasaran {{ s.no }}: {{ s.nama }}", 3)
    tag(doc, "{%p for a in s.indikator %}")
    h(doc, "Indikator {{ a.kode }}: {{ a.indikator }}", 3)

    _judul(doc, "1. Target dan realisasi tahun ini")
    p(doc, "{{ a.kalimat_capaian }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    p(doc, "Sumber: {{ a.sumber }}", "Catatan")

    _judul(doc, "2. Perbandingan dengan tahun-tahun sebelumnya")
    table(doc, ["Tahun", "Target", "Realisasi", "Capaian", "Keterangan / Sumber"],
          ["{{ t.tahun }}", "{{ t.target|angka }}", "{{ t.realisasi|angka }}", "{{ t.capaian|persen }}",
           "{{ t.keterangan }}{% if t.keterangan and t.sumber != '-' %}; {% endif %}"
           "{% if t.sumber != '-' %}{{ t.sumber }}{% endif %}"],
          (1.6, 2.4, 2.4, 2.2, 6.9), "t in a.riwayat", numeric=(1, 2, 3))
    p(doc, "{{ a.kalimat_riwayat }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    tag(doc, "{%p if a.celah %}")
    p(doc, "Data yang tidak tersedia: {{ a.celah|join('; ') }}.", "Catatan")
    tag(doc, "{%p endif %}")
    p(doc, "{{ a.grafik }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "Grafik realisasi {{ a.kode }} ({{ a.satuan }}) per tahun", "Caption")

    _judul(doc, "3. Realisasi terhadap target jangka menengah (Renstra)")
    p(doc, "{{ a.renstra.kalimat }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _judul(doc, "4. Perbandingan dengan standar nasional")
    p(doc, "{{ a.standar.kalimat }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _judul(doc, "5. Penyebab keberhasilan/kegagalan dan solusi yang dilakukan")
    tag(doc, "{%p if a.narasi %}")
    p(doc, "Dihimpun dari uraian ASN pada formulir (indikator ini dan indikator turunan langsungnya):")
    table(doc, ["Kode", "Jenis", "Uraian", "Oleh"],
          ["{{ n.kode }}", "{{ n.jenis }}", "{{ n.teks }}", "{{ n.oleh }}"],
          (2.4, 2.0, 7.6, 3.5), "n in a.narasi")
    tag(doc, "{%p else %}")
    isian(doc, "[diisi: penyebab keberhasilan atau kegagalan dan solusi; belum ada uraian dari ASN]")
    tag(doc, "{%p endif %}")

    _judul(doc, "6. Efisiensi penggunaan sumber daya")
    p(doc, "{{ a.efisiensi.kalimat }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _judul(doc, "7. Program dan kegiatan yang menunjang atau menghambat")
    tag(doc, "{%p if a.kegiatan %}")
    table(doc, ["No", "Kegiatan", "Status", "Output (real./target)", "Serapan", "Kendala", "Peran"],
          ["{{ k.no }}", "{{ k.kode }} {{ k.kegiatan }}", "{{ k.status }}",
           "{{ k.realisasi_output|angka }} / {{ k.target_output|angka }} {{ k.satuan_output }}",
           "{{ k.serapan|persen }}", "{{ k.kendala }}", "{{ k.peran }}"],
          (0.8, 3.6, 1.6, 2.3, 1.5, 3.4, 2.3), "k in a.kegiatan", numeric=(4,))
    p(doc, "Sumber: {{ a.sumber_kegiatan }}; pagu dan tautan kegiatan dari master.", "Catatan")
    tag(doc, "{%p else %}")
    p(doc, "Belum ada kegiatan yang ditautkan ke indikator ini (kolom kode_indikator lembar Kegiatan master).")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    p(doc, "Efisiensi: {{ rumus_efisiensi }}; {{ rumus_serapan }}. {{ aturan_kegiatan }}", "Catatan")

    h(doc, "B. Realisasi Anggaran per Program", 2)
    table(doc, ["No", "Program", "Jumlah Kegiatan", "Pagu", "Realisasi s.d. TW IV", "Serapan"],
          ["{{ g.no }}", "{{ g.program }}", "{{ g.jumlah }}", "{{ g.pagu|rupiah }}", "{{ g.realisasi|rupiah }}",
           "{{ g.serapan|persen }}"],
          (0.9, 5.4, 1.9, 2.9, 2.9, 1.7), "g in program", numeric=(2, 3, 4, 5),
          total=["", "Jumlah", "", "{{ total_anggaran.pagu|rupiah }}", "{{ total_anggaran.realisasi|rupiah }}",
                 "{{ total_anggaran.serapan|persen }}"])
    p(doc, "Sumber: lembar Pemantauan {{ sumber_anggaran }} (realisasi anggaran kumulatif s.d. TW IV).",
      "Catatan")
    isian(doc, "[diisi: analisis realisasi anggaran per program]")

    h(doc, "C. Pohon Kinerja", 2)
    p(doc, "Keterkaitan indikator (kode_induk) dari indikator {{ nama_tingkat }} hingga indikator individu, "
           "dengan capaian tiap tingkat.")
    table(doc, ["No", "Kode", "Indikator", "Pemilik", "Capaian", "Keterangan"],
          ["{{ t.no }}", "{{ t.kode }}", "{{ t.indikator }}", "{{ t.pemilik }}", "{{ t.capaian|persen }}",
           "{{ t.keterangan }}"],
          (0.9, 3.0, 4.9, 3.2, 1.6, 2.4), "t in pohon", numeric=(4,))

    bab_penutup(doc, "tahun ini", "tahun berikutnya")
    h(doc, "Lampiran", 1)
    h(doc, "Lampiran 1. Perjanjian Kinerja {{ penandatangan.jabatan }}", 2)
    p(doc, "{{ penandatangan.nama }} (NIP {{ penandatangan.nip }}); "
           "{% if pk_sah %}disahkan {{ pk_sah|tanggal }}{% else %}belum disahkan{% endif %}.")
    table(doc, ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahun"],
          ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.target|angka }}"],
          (1.0, 5.0, 6.6, 1.8, 1.8), "r in pk", numeric=(4,))
    h(doc, "Lampiran 2. Pengukuran Kinerja Tahun {{ tahun }}", 2)
    table(doc, ["No", "Kode", "Indikator", "Pemilik", "Target", "Realisasi", "Capaian", "Sumber / Keterangan"],
          ["{{ r.no }}", "{{ r.kode }}", "{{ r.indikator }}", "{{ r.pemilik }}", "{{ r.target|angka }}",
           "{{ r.realisasi|angka }}", "{{ r.capaian|persen }}",
           "{% if r.keterangan %}{{ r.keterangan }}{% else %}{{ r.sumber }}{% endif %}"],
          (0.8, 2.3, 3.5, 2.5, 1.4, 1.7, 1.5, 3.0), "r in pengukuran", numeric=(4, 5, 6))
    h(doc, "Lampiran 3. Status Rencana Tindak Lanjut (RTL)", 2)
    tag(doc, "{%p if rtl %}")
    table(doc, ["No", "ID", "Asal", "Rekomendasi", "Unit", "Status", "Tindak Lanjut"],
          ["{{ r.no }}", "{{ r.id }}", "{{ r.asal }}", "{{ r.rekomendasi }}", "{{ r.unit }}", "{{ r.status }}",
           "{{ r.tindak_lanjut }}"],
          (0.8, 3.5, 2.3, 3.9, 1.2, 1.4, 2.9), "r in rtl")
    tag(doc, "{%p else %}")
    p(doc, "Belum ada rekomendasi yang dicatat.")
    tag(doc, "{%p endif %}")
    return doc


def main(argv: Optional[list[str]] = None) -> int:
    out = Path((argv or sys.argv[1:] or [str(OUT)])[0])
    save(laporan_kinerja_tahunan(), out / NAME)
    print(out / NAME)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
