"""Filling generated forms as a person would: the library's own simulator helpers."""
from poskinerja.contoh.simulasi import header_map, isi_formulir as fill_form, row_of  # noqa: F401
