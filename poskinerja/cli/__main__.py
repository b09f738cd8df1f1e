"""``python -m poskinerja.cli`` = the ``poskinerja`` command."""
import sys

from poskinerja.cli import main

sys.exit(main())
