"""Word documents for SOP steps 6–7: the internal evaluation result and the
Format Rekomendasi (RTL), from ``docx_templates/hasil_evaluasi.docx`` and
``docx_templates/rekomendasi.docx``.

``Hasil Evaluasi Internal <tahun>.docx`` is the evidence the SOP tracker looks
for (step 6); the RTL document is the printable companion of the
``Format Rekomendasi <tahun>.xlsx`` workbook planners keep editing.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from ..siklus import lke
from ..inti.angka import format_id, format_tanggal, parse
from .penyaji import TEMPLATE_EVALUASI, TEMPLATE_REKOMENDASI, Penyaji, kalimat_daftar, nomori
from ..siklus.evaluasi import HasilEvaluasi
from ..inti.model import Master
from ..berkas.xlsx_baca import text as _text


def nama_hasil_evaluasi(tahun: int) -> str:
    return f"Hasil Evaluasi Internal {tahun}.docx"


def nama_rekomendasi_docx(tahun: int) -> str:
    return f"Format Rekomendasi {tahun}.docx"


def konteks_hasil_evaluasi(master: Master, hasil: HasilEvaluasi) -> dict[str, Any]:
    p = master.pengaturan
    skor = hasil.skor
    komponen = [{"nama": nama, "bobot": bobot, "nilai": skor.komponen.get(nomor, 0.0),
                 "persen": skor.komponen.get(nomor, 0.0) / bobot * 100 if bobot else None}
                for nomor, (nama, bobot) in lke.KOMPONEN.items()]
    sub = []
    for (nomor, kode), nilai in sorted(skor.sub.items()):
        nama, bobot = lke.KOMPONEN[nomor]
        sub.append({"komponen": f"{nomor}. {nama}", "sub": f"{kode}. {lke.SUB_NAMA[kode]}",
                    "bobot": bobot * lke.SUB_BOBOT[kode] / 100, "nilai": nilai})
    lemah = [{"kode": k.kode, "uraian": k.uraian, "jawaban": hasil.jawaban.get(k.kode, "belum dijawab"),
              "catatan": hasil.catatan.get(k.kode, "")} for k in hasil.kriteria_lemah()]
    bobot_total = sum(b for _, b in lke.KOMPONEN.values())
    terendah = min(komponen, key=lambda k: k["persen"] or 0)
    return {
        "nama_lembaga": p.nama_lembaga, "kota": p.kota, "tahun": p.tahun,
        "tanggal_teks": format_tanggal(dt.date.today()),
        "kalimat_pembuka": (
            f"Tim SPI telah melaksanakan evaluasi internal atas akuntabilitas kinerja {p.nama_lembaga} tahun "
            f"{p.tahun} menggunakan Lembar Kerja Evaluasi (PermenPANRB 88/2021) dengan "
            f"{len(lke.KRITERIA)} kriteria pada {len(lke.KOMPONEN)} komponen. Jawaban evaluator dipakai; bila "
            f"kosong, dipakai jawaban usulan unit."),
        "komponen": nomori(komponen), "sub": nomori(sub), "bobot_total": bobot_total,
        "nilai_total": skor.total, "persen_total": skor.total / bobot_total * 100 if bobot_total else None,
        "predikat": skor.predikat,
        "kalimat_predikat": (
            f"Nilai total {format_id(skor.total, 2)} dari {format_id(bobot_total)} dengan predikat "
            f"{skor.predikat}. Komponen dengan persentase terendah adalah {terendah['nama']} "
            f"({format_id(terendah['nilai'], 2)} dari {format_id(terendah['bobot'])})."),
        "kalimat_lemah": (
            f"{len(lemah)} kriteria dijawab di bawah B atau belum dijawab: "
            f"{kalimat_daftar([k['kode'] for k in lemah])}. Setiap kriteria ini menjadi temuan pada Format "
            f"Rekomendasi." if lemah else "Seluruh kriteria dijawab B atau lebih baik."),
        "lemah": nomori(lemah),
        "masalah": [str(t) for t in hasil.temuan],
    }


def tulis_hasil_evaluasi(master: Master, hasil: HasilEvaluasi, keluar: Path | str,
                         template_dir: Optional[Path | str] = None) -> Path:
    """``<keluar>/Hasil Evaluasi Internal <tahun>.docx``: scores, predikat, weak criteria."""
    dest = Path(keluar) / nama_hasil_evaluasi(master.pengaturan.tahun)
    return Penyaji(TEMPLATE_EVALUASI, template_dir).tulis(konteks_hasil_evaluasi(master, hasil), dest)




def _progres(value: Any) -> Optional[float]:
    number = parse(value)
    return number.nilai if number.nilai is not None else None


def baris_rekomendasi(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the Format Rekomendasi (``Rekomendasi.rows`` or ``baca_rekomendasi``) for the document."""
    out = []
    for r in rows:
        unit, person = _text(r.get("Unit Penanggung Jawab")), _text(r.get("Penanggung Jawab"))
        out.append({"id": _text(r.get("ID")), "sumber": _text(r.get("Sumber")), "temuan": _text(r.get("Temuan")),
                    "kriteria": _text(r.get("Kriteria LKE")),
                    "penyebab": _text(r.get("Penyebab")) or "[diisi: penyebab]",
                    "akibat": _text(r.get("Akibat")), "risiko": _text(r.get("Risiko")),
                    "rekomendasi": _text(r.get("Rekomendasi")), "prioritas": _text(r.get("Prioritas")),
                    "penanggung_jawab": " — ".join(x for x in (person, unit) if x),
                    "batas_waktu": r.get("Batas Waktu"), "status": _text(r.get("Status")) or "belum",
                    "tindak_lanjut": _text(r.get("Tindak Lanjut")), "progres": _progres(r.get("Progres (%)")),
                    "bukti": _text(r.get("Bukti"))})
    return nomori(out)


def tulis_rekomendasi_docx(master: Master, rekomendasi_rows: Iterable[Mapping[str, Any]], keluar: Path | str,
                           template_dir: Optional[Path | str] = None) -> Path:
    """``<keluar>/Format Rekomendasi <tahun>.docx``: findings, cause, recommendation, who, when, status."""
    p = master.pengaturan
    rows = baris_rekomendasi(rekomendasi_rows)
    status = {s: sum(1 for r in rows if r["status"] == s) for s in ("belum", "proses", "selesai")}
    context = {
        "nama_lembaga": p.nama_lembaga, "kota": p.kota, "tahun": p.tahun,
        "tanggal_teks": format_tanggal(dt.date.today()), "baris": rows,
        "kalimat_pembuka": (
            f"Rencana tindak lanjut atas {len(rows)} temuan evaluasi internal dan data kinerja tahun {p.tahun}, "
            f"untuk dibahas pada Rakor pertama tahun {p.tahun + 1}. Status: {status['belum']} belum, "
            f"{status['proses']} proses, {status['selesai']} selesai." if rows else
            f"Tidak ada temuan evaluasi internal maupun data kinerja tahun {p.tahun} yang memerlukan tindak lanjut."),
    }
    dest = Path(keluar) / nama_rekomendasi_docx(p.tahun)
    return Penyaji(TEMPLATE_REKOMENDASI, template_dir).tulis(context, dest, lebar_grafik_cm=20)
