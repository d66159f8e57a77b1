"""``python -m dienchau_desktop`` runs the command line (the GUI when given no command)."""

import sys

from dienchau_desktop.cli import main

# Guarded: a worker process started by ``multiprocessing`` (spawn) imports this module again.
if __name__ == "__main__":
    sys.exit(main())
