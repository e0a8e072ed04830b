"""Entry point of the bundled `desk` program (see installer/desk.spec)."""

import multiprocessing
import sys

from desk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen program must handle its own child processes
    sys.exit(main())
