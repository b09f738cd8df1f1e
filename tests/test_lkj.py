"""Issue 16: the master's optional annual-report additions, checked like everything else."""
from __future__ import annotations

from conftest import KASI, KEPALA
from poskinerja.master.baca import baca_master, muat_master
from poskinerja.master.tulis import tulis_master
from poskinerja.inti.model import ATURAN_TURUNAN, target_lintasan


def _setting(rows, key, value):
    rows["Pengaturan"].append({"kunci": key, "nilai": value})


def test_old_master_without_additions_stays_valid(mini_master):
    ind = mini_master.indikator[KEPALA][0]
    assert (ind.target_renstra, ind.tahun_renstra, ind.standar_nasional, ind.aturan_turunan) == (None, None, None, "")
    assert mini_master.pengaturan.tahun_akhir_renstra is None
    assert all(k.kode_indikator == () for items in mini_master.kegiatan.values() for k in items)
    assert mini_master.rtl == []


def test_additions_are_read(tmp_path, rows):
    _setting(rows, "tahun_akhir_renstra", 2029)
    rows["Indikator"][0].update(target_renstra=100, standar_nasional=95, sumber_standar="Permen X/2024",
                                aturan_turunan="rata_tertimbang")
    rows["Indikator"][1].update(tahun_renstra=2028, target_renstra=2)
    rows["Kegiatan"][0]["kode_indikator"] = "PMS-01; IKU-01"
    master = muat_master(tulis_master(tmp_path / "m.xlsx", rows))
    iku1, iku2 = master.indikator[KEPALA][:2]
    assert (iku1.target_renstra, iku1.tahun_renstra, iku1.standar_nasional) == (100, None, 95)
    assert (iku1.sumber_standar, iku1.aturan_turunan) == ("Permen X/2024", "rata_tertimbang")
    assert (iku2.tahun_renstra, iku2.target_renstra) == (2028, 2)
    assert master.pengaturan.tahun_akhir_renstra == 2029
    assert master.kegiatan[KASI][0].kode_indikator == ("PMS-01", "IKU-01")


def test_additions_are_checked_with_sheet_row_and_column(tmp_path, rows):
    _setting(rows, "tahun_akhir_renstra", 2020)                      # before the master's year
    rows["Indikator"][0].update(standar_nasional=95)                  # no source given (row 2)
    rows["Indikator"][1].update(aturan_turunan="median", tahun_renstra="dua ribu")  # row 3
    rows["Indikator"][2].update(target_renstra=-4)                   # row 4
    rows["Kegiatan"][1]["kode_indikator"] = "A-01, X-99"             # unknown code (row 3)
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    assert master is None
    seen = {(t.kode, t.sheet, t.sel) for t in temuan}
    cols = _columns(rows)
    assert ("MASTER_WAJIB_KOSONG", "Indikator", f"{cols['sumber_standar']}2") in seen
    assert ("MASTER_PILIHAN_TIDAK_VALID", "Indikator", f"{cols['aturan_turunan']}3") in seen
    assert ("MASTER_ANGKA_TIDAK_VALID", "Indikator", f"{cols['tahun_renstra']}3") in seen
    assert ("MASTER_ANGKA_TIDAK_VALID", "Indikator", f"{cols['target_renstra']}4") in seen
    unknown = [t for t in temuan if t.kode == "MASTER_KODE_TIDAK_DIKENAL"]
    assert len(unknown) == 1 and unknown[0].sheet == "Kegiatan" and "X-99" in unknown[0].pesan
    assert any(t.kode == "MASTER_PENGATURAN" and "tahun_akhir_renstra" in t.pesan for t in temuan)


def _columns(rows):
    from poskinerja.master.tulis import columns_of
    from poskinerja.berkas.xlsx_baca import col_letter

    return {name: col_letter(i) for i, name in enumerate(columns_of("Indikator"))}


def test_periksa_master_says_which_additions_it_read(tmp_path, rows):
    import subprocess
    import sys

    plain = subprocess.run([sys.executable, "-m", "poskinerja", "periksa-master",
                            str(tulis_master(tmp_path / "a.xlsx", rows))], capture_output=True, text=True)
    assert plain.returncode == 0 and "Tambahan Laporan Kinerja" not in plain.stdout
    rows["Indikator"][0].update(target_renstra=100, standar_nasional=95, sumber_standar="Permen X/2024")
    rows["Kegiatan"][0]["kode_indikator"] = "PMS-01"
    proc = subprocess.run([sys.executable, "-m", "poskinerja", "periksa-master",
                           str(tulis_master(tmp_path / "b.xlsx", rows))], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert ("Tambahan Laporan Kinerja tahunan: 1 indikator dengan target Renstra, 1 dengan standar nasional, "
            "1 kegiatan tertaut ke indikator.") in proc.stdout


def test_rtl_sheet_is_read_and_unit_checked(tmp_path, rows):
    rows["RTL"] = [{"id": "CAPAIAN-X", "tahun_asal": 2025, "kode_unit": "PMS", "kode_indikator": "PMS-01",
                    "rekomendasi": "Tinjau target", "status": "proses"},
                   {"id": "T-2", "tahun_asal": 2025, "kode_unit": "ZZZ", "rekomendasi": "Apa saja"}]
    master, temuan = baca_master(tulis_master(tmp_path / "m.xlsx", rows))
    assert master is None and [t.kode for t in temuan] == ["MASTER_UNIT_TIDAK_DIKENAL"]
    rows["RTL"].pop()
    master = muat_master(tulis_master(tmp_path / "m2.xlsx", rows))
    assert [(r.id, r.tahun_asal, r.kode_indikator, r.status) for r in master.rtl] == [
        ("CAPAIAN-X", 2025, "PMS-01", "proses")]


def test_derivation_rules_and_renstra_helpers():
    assert ATURAN_TURUNAN["jumlah"].compute([1, 2, 3]) == 6
    assert ATURAN_TURUNAN["rata"].compute([1, 2, 3]) == 2
    assert ATURAN_TURUNAN["rata_tertimbang"].compute([10, 20], [1, 3]) == 17.5
    assert ATURAN_TURUNAN["terakhir"].compute([4, 9]) == 9
    assert ATURAN_TURUNAN["rata"].compute([1, None]) is None  # never a partial result
    assert target_lintasan(70, 100, 2026, 2029) == 80
    assert target_lintasan(70, 100, 2029, 2029) is None and target_lintasan(70, None, 2026, 2029) is None


# --- the annual Laporan Kinerja on real recaps of several years -------------------------------------------

import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402
from docx import Document  # noqa: E402

from conftest import STAF_A  # noqa: E402
from poskinerja.formulir import tulis as F  # noqa: E402
from poskinerja.dokumen.penyaji import f_angka, f_persen  # noqa: E402
from poskinerja.dokumen.lkj import RUMUS_EFISIENSI, baca_tahun, konteks_tahunan, laporan_tahunan  # noqa: E402
from poskinerja.inti.model import ROMAWI  # noqa: E402
from poskinerja.contoh.simulasi import isi_formulir  # noqa: E402
from tahunan import data_rows, rows_for_year, tahun_lengkap, tahunan_independen  # noqa: E402


def _kosongkan(masuk, nip, isian):
    """Blank cells of ``nip``'s filled form: nobody wrote them."""
    form = next(masuk.rglob(f"{nip}*.xlsx"))
    isi_formulir(form, None, {key: None for key in isian})


def _tanpa_narasi_dan_iku3(masuk):
    blank = [(kode, f"{n} TW {ROMAWI[tw]}") for kode in ("IKU-02", "IKU-03") for n in F.NARASI for tw in (1, 2, 3, 4)]
    blank += [("IKU-03", F.P_REALISASI[tw - 1]) for tw in (1, 2, 3, 4)]  # measured only through its children
    _kosongkan(masuk, KEPALA, blank)


@pytest.fixture(scope="module")
def lkj(tmp_path_factory):
    root = tmp_path_factory.mktemp("lkj")
    arsip = root / "arsip"
    years = {}
    for tahun in (2021, 2022, 2024, 2025):  # 2023 has no recap at all; 2024 lacks TW IV
        rows = rows_for_year(tahun)
        if tahun == 2022:
            rows["Indikator"][0]["indikator"] = "Sekolah terpetakan (nama lama)"
        if tahun == 2025:
            rows["Indikator"][2]["kode_indikator"] = "PMS-01-LAMA"  # PMS-01 (under IKU-01) had another code
        years[tahun] = tahun_lengkap(arsip, tahun, rows, triwulan=(1, 2, 3) if tahun == 2024 else (1, 2, 3, 4))
    rows = rows_for_year(2026)
    rows["Pengaturan"].append({"kunci": "tahun_akhir_renstra", "nilai": 2029})
    rows["Indikator"][0].update(target_renstra=130, standar_nasional=90, sumber_standar="Permen Uji 1/2024")
    rows["Indikator"].insert(2, {"nip": KEPALA, "kode_indikator": "IKU-03", "sasaran": "Meningkatnya mutu layanan",
                                 "indikator": "Jumlah sekolah dilayani", "satuan": "sekolah", "polaritas": "+",
                                 "kumulatif": "tidak", "target_tahun": 50, "target_tw1": 10, "target_tw2": 10,
                                 "target_tw3": 10, "target_tw4": 20, "aturan_turunan": "jumlah"})
    for r in rows["Indikator"]:
        if r["kode_indikator"] in ("A-01", "A-03"):
            r["kode_induk"] = "IKU-03"
    rows["Kegiatan"][0]["kode_indikator"] = "PMS-01"          # serves IKU-01 through its child
    rows["Kegiatan"][1]["kode_indikator"] = "A-01, IKU-02"
    year = tahun_lengkap(root, 2026, rows, ubah=_tanpa_narasi_dan_iku3)
    master = year["master"]
    data = baca_tahun(master, year["folder"] / "rekap", [arsip])
    context, grafik = konteks_tahunan(master, data)
    analisis = {a["kode"]: a for s in context["sasaran"] for a in s["indikator"]}
    paths = laporan_tahunan(master, year["folder"] / "rekap", root / "lkj", arsip=[arsip])
    return {"root": root, "years": years, "year": year, "master": master, "context": context, "grafik": grafik,
            "analisis": analisis, "paths": paths}


def test_unit_report_matches_a_changed_code_through_kode_induk(lkj):
    master = lkj["master"]
    data = baca_tahun(master, lkj["year"]["folder"] / "rekap", [lkj["root"] / "arsip"])
    context, _ = konteks_tahunan(master, data, "PMS")
    pms1 = next(a for s in context["sasaran"] for a in s["indikator"] if a["kode"] == "PMS-01")
    row = next(t for t in pms1["riwayat"] if t["tahun"] == 2025)
    assert row["keterangan"] == "kode saat itu: PMS-01-LAMA (dicocokkan melalui kode_induk IKU-01)"
    assert row["realisasi"] == pytest.approx(
        tahunan_independen(lkj["years"][2025]["rekap"])[(KASI, "PMS-01-LAMA")])


def _capaian(polaritas, target, realisasi):
    return realisasi / target * 100 if polaritas == "+" else (2 * target - realisasi) / target * 100


def test_this_years_figures_equal_the_data_sheets(lkj):
    expected = tahunan_independen(lkj["year"]["rekap"])
    for ind in lkj["master"].indikator[KEPALA]:
        a = lkj["analisis"][ind.kode]
        if ind.kode == "IKU-03":
            continue
        assert a["realisasi"] == pytest.approx(expected[(KEPALA, ind.kode)])
        assert a["target"] == ind.target_tahun
        assert a["capaian"] == pytest.approx(_capaian(ind.polaritas, ind.target_tahun, a["realisasi"]))
        assert re.fullmatch(r"Rekap Kinerja 2026 TW1–4 Data baris \d+", a["sumber"]), a["sumber"]


def test_history_rows_equal_each_years_data_and_gaps_are_stated(lkj):
    a = lkj["analisis"]["IKU-01"]
    by_year = {t["tahun"]: t for t in a["riwayat"]}
    assert sorted(by_year) == [2021, 2022, 2023, 2024, 2025, 2026]
    for tahun in (2021, 2022, 2025):
        assert by_year[tahun]["realisasi"] == pytest.approx(
            tahunan_independen(lkj["years"][tahun]["rekap"])[(KEPALA, "IKU-01")])
    assert by_year[2023]["realisasi"] is None and by_year[2023]["keterangan"] == "data tidak tersedia"
    assert by_year[2024]["realisasi"] is None and by_year[2024]["keterangan"] == "rekap TW IV 2024 tidak ada"
    assert by_year[2022]["keterangan"] == "nama saat itu: Sekolah terpetakan (nama lama)"  # renamed, same code
    assert a["celah"] == ["2023: data tidak tersedia", "2024: rekap TW IV 2024 tidak ada"]
    chart = lkj["grafik"]["tren_1"]
    assert chart.jenis == "garis" and chart.label == ("2021", "2022", "2023", "2024", "2025", "2026")
    assert chart.nilai[2] is None and chart.nilai[3] is None  # gaps, never zeros


def test_renstra_and_national_standard(lkj):
    a = lkj["analisis"]["IKU-01"]
    assert a["renstra"]["progres"] == pytest.approx(a["realisasi"] / 130 * 100)
    assert a["renstra"]["tahun"] == 2029 and a["renstra"]["sisa"] == 3
    assert a["standar"]["banding"] == pytest.approx(a["realisasi"] / 90 * 100)
    assert "Permen Uji 1/2024" in a["standar"]["kalimat"]
    assert not lkj["analisis"]["IKU-02"]["renstra"]["ada"] and not lkj["analisis"]["IKU-02"]["standar"]["ada"]


def test_efficiency_equals_the_stated_formula(lkj):
    tw4 = data_rows(lkj["year"]["rekap"][4], "Pemantauan")
    rows = {r["Kode kegiatan"]: r for r in tw4}
    for kode, linked in (("IKU-01", ["K-01"]), ("IKU-02", ["K-02"]), ("IKU-03", ["K-02"])):
        a = lkj["analisis"][kode]
        assert [k["kode"] for k in a["kegiatan"]] == linked
        pagu = sum(rows[k]["Pagu (Rp)"] for k in linked)
        spent = sum(rows[k]["Realisasi anggaran (Rp)"] for k in linked)
        assert a["efisiensi"]["serapan"] == pytest.approx(spent / pagu * 100)
        assert a["efisiensi"]["indeks"] == pytest.approx(a["capaian"] / (spent / pagu * 100))
        assert RUMUS_EFISIENSI in a["efisiensi"]["kalimat"]
    # (7) each activity's figures: absorption to TW IV and output summed over the four Pemantauan sheets
    per_tw = {tw: {r["Kode kegiatan"]: r for r in data_rows(lkj["year"]["rekap"][tw], "Pemantauan")}
              for tw in (1, 2, 3, 4)}
    for k in lkj["analisis"]["IKU-02"]["kegiatan"]:
        row = per_tw[4][k["kode"]]
        assert k["serapan"] == pytest.approx(row["Realisasi anggaran (Rp)"] / row["Pagu (Rp)"] * 100)
        outputs = [per_tw[tw][k["kode"]]["Realisasi output"] for tw in (1, 2, 3, 4)]
        assert k["realisasi_output"] == pytest.approx(sum(v for v in outputs if v is not None))
        assert k["sumber"] == f"Rekap Kinerja 2026 TW4.xlsx Pemantauan baris {list(per_tw[4]).index(k['kode']) + 2}"


def test_budget_per_programme_equals_the_pemantauan_sheet(lkj):
    totals = {}
    for r in data_rows(lkj["year"]["rekap"][4], "Pemantauan"):
        x = totals.setdefault(r["Program"], [0.0, 0.0])
        x[0] += r["Pagu (Rp)"]
        x[1] += r["Realisasi anggaran (Rp)"] or 0.0
    got = {g["program"]: g for g in lkj["context"]["program"]}
    assert set(got) == set(totals)
    for program, (pagu, spent) in totals.items():
        assert got[program]["pagu"] == pagu and got[program]["realisasi"] == pytest.approx(spent)
        assert got[program]["serapan"] == pytest.approx(spent / pagu * 100)


def test_causes_and_solutions_are_exactly_the_staff_texts(lkj):
    data = [r for tw in (1, 2, 3, 4) for r in data_rows(lkj["year"]["rekap"][tw])]

    def texts(codes):  # each person's text once, however many quarters repeated it
        return sorted({(r["kode_indikator"], r[k]) for r in data if r["kode_indikator"] in codes
                       for k in ("progres", "kendala", "tindak_lanjut") if r[k]})

    a = lkj["analisis"]["IKU-01"]  # its own texts and its child PMS-01's, attributed
    assert sorted((n["kode"], n["teks"]) for n in a["narasi"]) == texts({"IKU-01", "PMS-01"})
    assert {n["kode"] for n in a["narasi"]} == {"IKU-01", "PMS-01"}
    assert all(", TW " in n["oleh"] for n in a["narasi"])
    assert lkj["analisis"]["IKU-02"]["narasi"] == []  # nobody wrote anything: the document asks for it
    assert sorted((n["kode"], n["teks"]) for n in lkj["analisis"]["IKU-03"]["narasi"]) == texts({"A-01", "A-03"})
    repeated = [n for n in a["narasi"] if n["jenis"] == "Penjelasan" and n["kode"] == "IKU-01"]
    assert len(repeated) == 1 and repeated[0]["oleh"].endswith("TW I, II, III, IV")


def test_an_indicator_without_measurement_is_derived_by_the_master_rule(lkj):
    expected = tahunan_independen(lkj["year"]["rekap"])
    a = lkj["analisis"]["IKU-03"]
    assert a["diturunkan"] and "jumlah realisasi indikator turunan" in a["sumber"]
    assert a["realisasi"] == pytest.approx(expected[(STAF_A, "A-01")] + expected[(STAF_A, "A-03")])
    assert a["capaian"] == pytest.approx(a["realisasi"] / 50 * 100)
    pohon = {r["kode"].strip("\u2003"): r for r in lkj["context"]["pohon"]}
    assert pohon["IKU-03"]["keterangan"].startswith("diturunkan") and pohon["A-01"]["tingkat"] == 1
    assert pohon["PMS-01"]["tingkat"] == 1 and pohon["IKU-01"]["tingkat"] == 0


def _doc_text(path):
    doc = Document(str(path))
    # "Rp" is bound to its number by a no-break space in every document (dokumen.f_rupiah)
    return "\n".join(par.text for par in doc.paragraphs).replace("\u00a0", " "), doc


def test_the_document_prints_the_figures_and_charts(lkj):
    institute = lkj["paths"][0]
    assert institute.name == "Laporan Kinerja Tahunan 2026 (Semester 2) - Lembaga.docx" and len(lkj["paths"]) == 3
    text, doc = _doc_text(institute)
    for a in lkj["analisis"].values():
        for sentence in (a["kalimat_capaian"], a["kalimat_riwayat"], a["renstra"]["kalimat"],
                         a["standar"]["kalimat"], a["efisiensi"]["kalimat"]):
            assert sentence in text
    # the history table of IKU-01, cell by cell, against each year's Data sheet
    history = [t for t in doc.tables if [c.text for c in t.rows[0].cells][:3] == ["Tahun", "Target", "Realisasi"]]
    first = {row.cells[0].text: [c.text for c in row.cells] for row in history[0].rows[1:]}
    value = tahunan_independen(lkj["years"][2025]["rekap"])[(KEPALA, "IKU-01")]
    assert first["2025"][2] == f_angka(value) and first["2025"][3] == f_persen(value / 100 * 100)  # target 100
    assert first["2023"][2] == "-" and first["2023"][4] == "data tidak tersedia"
    assert re.fullmatch(r"Rekap Kinerja 2025 TW1–4 Data baris \d+", first["2025"][4])  # traceable
    # one native line chart per indicator, and [diisi:] only where nobody wrote causes
    xml = doc.element.xml
    assert xml.count("<c:chart ") == len(lkj["analisis"]) == 3
    assert text.count("[diisi: penyebab keberhasilan atau kegagalan dan solusi") == 1  # IKU-02 only
    assert "Lampiran 3. Status Rencana Tindak Lanjut" in text and "Belum ada rekomendasi" in text


def test_cli_lkj_for_one_unit_and_missing_quarters(lkj, tmp_path):
    year = lkj["year"]
    base = [sys.executable, "-m", "poskinerja", "lkj", "--master", str(year["path"])]
    proc = subprocess.run(base + ["--rekap", str(year["folder"] / "rekap"), "--arsip", str(lkj["root"] / "arsip"),
                                  "--unit", "PMS", "--keluar", str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Laporan Kinerja Tahunan 2026 (Semester 2) - PMS Seksi Pemetaan Mutu.docx" in proc.stdout
    text, _ = _doc_text(tmp_path / "out" / "Laporan Kinerja Tahunan 2026 (Semester 2) - PMS Seksi Pemetaan Mutu.docx")
    assert "Indikator PMS-01" in text and "Indikator IKU-01" not in text
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / year["rekap"][1].name).write_bytes(year["rekap"][1].read_bytes())
    proc = subprocess.run(base + ["--rekap", str(partial), "--keluar", str(tmp_path / "x")], capture_output=True,
                          text=True)
    assert proc.returncode == 2 and "belum ada TW II, III, IV" in proc.stderr
    proc = subprocess.run(base + ["--rekap", str(lkj["years"][2025]["folder"] / "rekap"), "--keluar", str(tmp_path / "y")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Tidak ada rekap kompilasi tahun 2026" in proc.stderr
    assert "(yang ada: rekap tahun 2025)" in proc.stderr and not (tmp_path / "y").exists()


def test_template_is_what_the_script_builds(tmp_path):
    import importlib.util

    from poskinerja.dokumen.penyaji import cari_template
    from poskinerja.dokumen.lkj import TEMPLATE_TAHUNAN

    tool = __import__("pathlib").Path(__file__).resolve().parent.parent / "tools" / "buat_template_tahunan.py"
    spec = importlib.util.spec_from_file_location("buat_template_tahunan", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path)]) == 0
    assert (tmp_path / TEMPLATE_TAHUNAN).read_bytes() == cari_template(TEMPLATE_TAHUNAN).read_bytes()
    section = Document(str(cari_template(TEMPLATE_TAHUNAN))).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


# --- the example's earlier years (demo) ---------------------------------------------------------------------

def test_earlier_years_of_an_example_are_reproducible_and_close_the_cycle(tmp_path, mini_master):
    from poskinerja.contoh.arsip_contoh import SUMBER_STANDAR_CONTOH, buat_arsip

    first = buat_arsip(mini_master, tmp_path / "a")
    again = buat_arsip(mini_master, tmp_path / "b")
    assert first.tahun == [2024, 2025]
    for tahun in first.tahun:
        for tw in (1, 2, 3, 4):
            name = f"Rekap Kinerja {tahun} TW{tw}.xlsx"
            strip = lambda rows: [{k: v for k, v in r.items() if k != "file_sumber"} for r in rows]  # noqa: E731
            assert strip(data_rows(first.rekap[tahun] / name)) == strip(data_rows(again.rekap[tahun] / name))
    # 2025's master came from 2024 by tahun-baru: last year's realisasi and the Renstra trajectory
    m2025 = muat_master(tmp_path / "a" / "2025" / "master.xlsx")
    done = tahunan_independen({tw: first.rekap[2024] / f"Rekap Kinerja 2024 TW{tw}.xlsx" for tw in (1, 2, 3, 4)})
    iku1 = m2025.indikator[KEPALA][0]
    assert iku1.realisasi_tahun_lalu == pytest.approx(done[(KEPALA, "IKU-01")])
    assert iku1.standar_nasional is not None and iku1.sumber_standar == SUMBER_STANDAR_CONTOH
    iku2 = m2025.indikator[KEPALA][1]  # 4 temuan in 2024, Renstra 2 by 2029: 4 + (2 − 4) / 5
    assert m2025.pengaturan.tahun_akhir_renstra == 2029 and iku2.target_tahun == pytest.approx(3.6)
    assert all(k.kode_indikator for items in m2025.kegiatan.values() for k in items)
    # 2025's annual report shows two years and the Renstra; 2026's master carries 2025's recommendations
    text, _ = _doc_text(first.laporan[0])
    assert "Indikator IKU-01" in text and "Target akhir Renstra tahun 2029" in text
    assert "2024" in text and "2025" in text
    from poskinerja.siklus.rekomendasi import baca_rekomendasi

    context, _ = konteks_tahunan(m2025, baca_tahun(m2025, first.rekap[2025], [tmp_path / "a"]), None,
                                 first.rekomendasi)
    ids = [r["ID"] for r in baca_rekomendasi(first.rekomendasi)]
    assert [r["id"] for r in context["rtl"]] == ids and any(i.startswith("RTL2024-") for i in ids)
    m2026 = muat_master(first.master_berikut)
    assert m2026.pengaturan.tahun == 2026 and m2026.rtl
    assert {r.tahun_asal for r in m2026.rtl} <= {2024, 2025}


def test_the_annual_report_counts_as_the_semester_2_step_of_the_tracker(lkj):
    from poskinerja.siklus.pelacak import lacak

    rows = lacak(lkj["master"], {}, lkj["root"] / "lkj")
    step = next(r for r in rows if r.nomor == 5 and "Semester 2" in r.uraian)
    assert step.bukti == "3 dokumen laporan semester" and not step.kurang  # institute and both units


def test_the_annual_report_opens_in_writer_with_its_charts(lkj, tmp_path):
    import subprocess as sp

    from libreoffice import docx_to_pdf, require_libreoffice

    require_libreoffice()
    pdf = tmp_path / "lkj.pdf"
    pages = docx_to_pdf(lkj["paths"][0], pdf)
    assert pages >= 5
    text = sp.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "BAB III Akuntabilitas Kinerja" in text and "Grafik realisasi IKU-01" in text
    assert "Lampiran 2. Pengukuran Kinerja Tahun 2026" in text
