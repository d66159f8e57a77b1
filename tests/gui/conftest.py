"""GUI test set-up: a fresh window per test on a fresh data directory, dialogs patched.

Qt warnings fail the test (pytest-qt ``qt_log_level_fail``). Vietnamese is typed one key event
per character (``qtbot.keyClicks`` aborts the process on non-ASCII) or committed as an input
method would (this is how Unikey delivers text).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QFileDialog, QMessageBox
from qt_helpers import open_window

from dienchau_desktop.gui import MainWindow

# What the offscreen platform cannot do (size hints, raising a window, grabbing the keyboard
# for a popup) is reported as a warning; harmless here, every other warning fails the test.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints",
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp: Any) -> Iterator[None]:
    """Leave nothing on the clipboard (text pasted, or merely selected, in a test).

    WORKAROUND: with the offscreen platform, data still on the clipboard when the process exits
    crashes the interpreter during its final clean-up (seen with PySide6 6.12; a real display
    does not crash).
    """
    yield
    clipboard = qapp.clipboard()
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        clipboard.clear(mode)


class Dialogs:
    """Every message box the program tried to show, and answers for file dialogs."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.save_path: str = ""
        self.open_path: str = ""

    def texts(self) -> str:
        return "\n".join(f"{kind}: {title}: {text}" for kind, title, text in self.shown)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """No real dialog ever opens in a test; what would have been shown is recorded."""
    record = Dialogs()

    def box(kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            record.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))

    def box_exec(self: QMessageBox) -> int:
        record.shown.append(("exec", self.windowTitle(), self.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (record.save_path, "")),
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (record.open_path, "")),
    )
    return record


@pytest.fixture
def window(qtbot: Any, data_dir: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, data_dir)
    yield w
    if shiboken6.isValid(w):  # pytest-qt may have closed (and so deleted) it already
        w.close()
