"""Entry point of the bundled `desk-server` program (see installer/desk.spec)."""

import sys

from desk.server.cli import main

if __name__ == "__main__":
    sys.exit(main())
