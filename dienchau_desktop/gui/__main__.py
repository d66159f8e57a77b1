"""``python -m dienchau_desktop.gui``: the window without the command line's start-up work."""

import sys

from dienchau_desktop.gui.app import main

sys.exit(main())
