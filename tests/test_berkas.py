"""Atomic output files: replace whole or not at all, with ordinary permissions."""
import os
import stat

import pytest

from poskinerja.berkas.aman import atomic_path, unique_path, write_bytes_atomic


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


def test_unique_path_numbers_repeated_names_case_insensitively(tmp_path):
    taken: dict[str, int] = {}
    names = [unique_path(tmp_path / n, taken).name
             for n in ("a.xlsx", "A.xlsx", "a (2).xlsx", "a.xlsx", "b.xlsx")]
    assert names == ["a.xlsx", "A (2).xlsx", "a (2) (2).xlsx", "a (3).xlsx", "b.xlsx"]
    many = {str(unique_path(tmp_path / "x.xlsx", taken)).casefold() for _ in range(3000)}
    assert len(many) == 3000
