"""poskinerja: siklus data kinerja SAKIP (POS Pengumpulan Data Kinerja) dari Excel."""

__version__ = "0.1.0"
