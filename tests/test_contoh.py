"""The bundled example institute: valid, and as rich as the foundation issue promises."""
import subprocess
import sys
from collections import Counter
from pathlib import Path

from poskinerja.master.baca import baca_master
from poskinerja.berkas.sumber import contoh_master

ROOT = Path(__file__).resolve().parent.parent


def test_contoh_master_is_valid_and_realistic():
    master, temuan = baca_master(contoh_master())
    assert master is not None and temuan == []
    jenis = Counter(u.jenis for u in master.unit.values())
    assert len(master.unit) >= 6
    assert jenis["subbagian"] >= 1 and jenis["seksi"] >= 3 and jenis["kelompok fungsional"] >= 2
    assert len(master.asn) >= 40
    names = [a.nama for a in master.asn.values()]
    assert any("'" in n for n in names)
    assert any("," in n and "." in n for n in names)  # academic titles
    assert any(c > 1 for c in Counter(names).values())  # two ASN share a name
    for nip, inds in master.indikator.items():
        assert 3 <= len(inds) <= 8, master.asn[nip].nama
    every = [i for inds in master.indikator.values() for i in inds]
    assert {i.polaritas for i in every} == {"+", "-"}
    assert {i.kumulatif for i in every} == {True, False}
    assert any(i.target_tahun == 0 for i in every)
    assert sum(k.pagu for ks in master.kegiatan.values() for k in ks) > 0
    assert master.libur


def test_contoh_master_is_reproducible(tmp_path):
    """tools/buat_contoh.py regenerates exactly the shipped example's contents."""
    import shutil

    shutil.copytree(ROOT / "tools", tmp_path / "tools")
    (tmp_path / "poskinerja" / "data" / "workbooks").mkdir(parents=True)
    subprocess.run([sys.executable, str(tmp_path / "tools" / "buat_contoh.py")], check=True,
                   capture_output=True)
    fresh, _ = baca_master(tmp_path / "poskinerja" / "data" / "workbooks" / "contoh-master.xlsx")
    shipped, _ = baca_master(contoh_master())
    assert fresh == shipped
