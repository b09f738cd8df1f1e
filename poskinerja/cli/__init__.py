"""The ``poskinerja`` command: argument parsing and presentation over the library's functions."""
from .utama import main

__all__ = ["main"]
