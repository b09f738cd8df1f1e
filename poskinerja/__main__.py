"""``python -m poskinerja`` = the ``poskinerja`` command."""
import sys

from poskinerja.cli import main

sys.exit(main())
