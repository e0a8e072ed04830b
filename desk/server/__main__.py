import sys

from desk.server.cli import main

sys.exit(main())
