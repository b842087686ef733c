"""`python -m bot.understand` runs the understanding command line (see cli.py)."""

import sys

from bot.understand.cli import main

sys.exit(main())
