"""Atomic output files: replace whole or not at all, with ordinary permissions."""
import os
import stat

import pytest

from poskinerja.berkas import atomic_path, write_bytes_atomic


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_atomic_file_gets_the_mode_of_a_plain_create(tmp_path):
    dest = tmp_path / "rekap.xlsx"
    write_bytes_atomic(dest, b"isi")
    plain = tmp_path / "biasa.txt"
    plain.write_bytes(b"isi")
    assert stat.S_IMODE(dest.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


def test_failure_leaves_previous_file_and_no_temporary(tmp_path):
    dest = tmp_path / "rekap.xlsx"
    dest.write_bytes(b"lama")
    with pytest.raises(RuntimeError):
        with atomic_path(dest) as tmp:
            tmp.write_bytes(b"setengah")
            raise RuntimeError("putus")
    assert dest.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["rekap.xlsx"]
