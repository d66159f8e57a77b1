"""The Qt face of the program (PySide6 Widgets). The only package that imports Qt.

``create_main_window(data_dir)`` builds the whole window on a data directory; ``app.run_gui``
is what ``dienchau-desktop`` (no command, or ``gui``) runs.
"""

from __future__ import annotations

from dienchau_desktop.gui.compat import guard_singletons

guard_singletons()  # before any Qt call: see compat.py

from dienchau_desktop.gui.main_window import MainWindow, create_main_window  # noqa: E402

__all__ = ["MainWindow", "create_main_window"]
