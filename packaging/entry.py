"""Entry point of the frozen program: the same ``main`` as ``python -m dienchau_desktop``.

With no command it opens the GUI (what the Start-menu shortcut does); with a command it is the
command line (``dienchau-desktop.exe render --example -o bao-cao.pdf``).
"""

import multiprocessing
import sys

from dienchau_desktop.cli import main

if __name__ == "__main__":
    # A worker process of the roll-up (multiprocessing, spawn) starts the frozen program again:
    # this hands it over to its work instead of the command line.
    multiprocessing.freeze_support()
    sys.exit(main())
