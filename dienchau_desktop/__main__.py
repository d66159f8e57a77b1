"""``python -m dienchau_desktop`` runs the command line (the GUI when given no command)."""

import sys

from dienchau_desktop.cli import main

sys.exit(main())
