"""Excel shell: the panel's button handlers (tombol), the panel builder and the HTTP service.

Panels already in offices run ``RunPython "import poskinerja.excel as px; px.<handler>()"``,
so the handlers stay reachable here by name; nothing else is imported at a click.
"""
from .tombol import buat_format, buat_pk, cek_kelengkapan, jadwal_pos, kompilasi, susun_laporan

__all__ = ["buat_format", "buat_pk", "cek_kelengkapan", "jadwal_pos", "kompilasi", "susun_laporan"]
