"""Helpers for the GUI tests: opening a window, finding widgets, typing Vietnamese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from dienchau_desktop.gui import MainWindow, create_main_window


def open_window(qtbot: Any, data_dir: Path, size: tuple[int, int] = (1366, 728)) -> MainWindow:
    window = create_main_window(data_dir)
    # Destroyed once closed, so no window outlives its test.
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    # Window shortcuts (Ctrl+S, Ctrl+P, Ctrl+plus) act only in the active window.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def find(root: QWidget, name: str) -> Any:
    widget = root.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name!r}"
    return widget


def _key(widget: QWidget, key: Qt.Key, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def type_text(widget: QWidget, text: str) -> None:
    """Type text one key event per character (Enter for a new line), as a keyboard would.

    WORKAROUND: PySide6 6.12's ``QTest.sendKeyEvent`` / ``QTest.keyClick`` drop a reference to
    ``None`` on every call, and a few thousand calls crash the interpreter; ``qtbot.keyClicks``
    aborts on any non-ASCII character. Plain ``QKeyEvent``s sent to the widget have neither
    problem. (QTest is still fine for the odd shortcut.)
    """
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    for ch in text:
        if ch == "\n":
            _key(widget, Qt.Key.Key_Return, "\r")
        else:
            _key(widget, Qt.Key.Key_unknown, ch)


def commit_text(widget: QWidget, text: str) -> None:
    """Deliver text as a Vietnamese input method (Unikey) does: a committed string."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def label_text(label: QLabel) -> str:
    """What a (rich text) label says, as plain text."""
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText()
