"""The one base of poskinerja's own errors: what went wrong, in Bahasa Indonesia, and an exit code.

Every error the library raises for the user to act on (a wrong setting, an unusable master,
a folder in use, a template that cannot be filled) derives from ``PoskinerjaGagal``. The shells
classify by it: the command line prints ``str(exc)`` and exits with ``kode_keluar``; the panel
shows the message in its box. Anything else that escapes is a defect.
"""
from __future__ import annotations

KELUAR_PEMAKAIAN = 2  # the user's input: a setting, an argument, a file to fix (argparse's code too)
KELUAR_BERKAS = 1  # an output could not be written, or the folder is busy: try again later


class PoskinerjaGagal(Exception):
    """A problem the user can act on; the message is Indonesian and names the file, sheet or cell."""

    kode_keluar: int = KELUAR_PEMAKAIAN
