"""Run-time hook of the frozen program for PySide6: tells Qt where its plugins are, loads no Qt.

WORKAROUND: it replaces PyInstaller's own PySide6 run-time hook, which imports PySide6.QtCore when
the program starts, only to register a qt.conf that the PySide6 wheels register by themselves
(https://github.com/pyinstaller/pyinstaller/blob/develop/PyInstaller/hooks/rthooks/pyi_rth_pyside6.py).
That import loads QtCore and ICU on every run, about 0.1 s for a command-line run that never
shows a window, and installs PySide6's import hook in front of every later import. The core of the
program is Qt-free on purpose; the frozen program now is too, until the GUI imports Qt.
build_installer.spec swaps the hooks; the smoke test runs the GUI to show Qt still finds its
plugins.
"""

import os
import sys


def _point_qt_at_its_plugins() -> None:
    root = sys._MEIPASS  # type: ignore[attr-defined]
    # The layout of the PySide6 wheels, which PyInstaller keeps: PySide6/plugins on Windows,
    # PySide6/Qt/plugins elsewhere.
    if sys.platform.startswith("win"):
        qt = os.path.join(root, "PySide6")
    else:
        qt = os.path.join(root, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")


_point_qt_at_its_plugins()
del _point_qt_at_its_plugins
