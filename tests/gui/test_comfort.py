"""Keyboard use, text size, and small screens: nothing cut off at 1366×768 or 1024×768."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)
from qt_helpers import find, open_window

from dienchau_desktop.gui import MainWindow, style


def clipped(window: QWidget) -> list[str]:
    """Visible buttons and one-line labels narrower than their text needs."""
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        one_line_label = (
            isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull()
        )
        if isinstance(w, QAbstractButton) and w.text() and w.width() < w.sizeHint().width() - 2:
            out.append(f"button {w.text()!r}: {w.width()} < {w.sizeHint().width()}")
        elif one_line_label and w.width() < w.minimumSizeHint().width() - 2:
            out.append(f"label {w.text()[:40]!r}: {w.width()} < {w.minimumSizeHint().width()}")
    return out


def wide_pages(window: MainWindow) -> list[str]:
    """Scrolling pages whose content is wider than the window (a sideways scroll bar)."""
    return [
        a.objectName()
        for a in window.findChildren(QScrollArea)
        if a.isVisible() and a.horizontalScrollBar().isVisible()
    ]


@pytest.mark.parametrize("size", [(1366, 728), (1024, 728)], ids=["1366x768", "1024x768"])
def test_nothing_cut_off(qtbot: Any, data_dir: Path, size: tuple[int, int]) -> None:
    """Every page fits the screen (less a taskbar) with no clipped button or label."""
    window = open_window(qtbot, data_dir, size)
    assert window.minimumSizeHint().width() <= size[0]
    assert window.minimumSizeHint().height() <= size[1]
    assert clipped(window) == []
    window.open_example()
    wizard = window.wizard
    for key in wizard.page_keys:
        wizard.go_to_key(key)
        qtbot.wait(30)
        assert window.size().width() == size[0]
        assert clipped(window) == [], key
        assert wide_pages(window) == [], key
    window.go_home()
    qtbot.wait(30)
    assert clipped(window) == []
    window.close()


def test_tab_order_follows_the_form(qtbot: Any, window: MainWindow) -> None:
    """Tab walks the general-information fields in the order they are shown."""
    window.new_draft()
    wizard = window.wizard
    find(wizard, "meta:title").setFocus()
    seen = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    assert seen == [
        "meta:superior_body",
        "meta:issuing_body",
        "meta:commune",
        "meta:place",
        "meta:report_date",
        "meta:document_number",
    ]


def test_tab_leaves_the_narrative_editor(qtbot: Any, window: MainWindow) -> None:
    """Tab in the narrative moves on to the first figure instead of typing a tab."""
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("section:I")
    editor = find(wizard, "answer:I.2")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is find(wizard, "figure:I.2:so_nghi_quyet_chuyen_de")
    assert editor.toPlainText() == ""


def test_enter_opens_the_selected_draft(qtbot: Any, window: MainWindow) -> None:
    """On the home, Enter on a draft opens it."""
    window.open_example()
    window.go_home()
    drafts = find(window, "draftList")
    drafts.setFocus()
    qtbot.keyClick(drafts, Qt.Key.Key_Return)
    assert window.wizard is not None


def test_text_size_changes_and_is_remembered(qtbot: Any, data_dir: Path) -> None:
    """Ctrl+plus makes the text bigger everywhere; the size is kept for next time."""
    first = open_window(qtbot, data_dir)
    first.open_example()
    editor = find(first.wizard, "answer:I.1")
    before = editor.font().pointSizeF()
    qtbot.keyClick(first, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(first, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.font().pointSizeF() == before + 2 * style.STEP_PT)
    assert first.statusBar().currentMessage() == f"Cỡ chữ: {first.text_size:g}"
    assert first.text_size == style.DEFAULT_PT + 2 * style.STEP_PT
    first.close()
    second = open_window(qtbot, data_dir)
    assert second.text_size == style.DEFAULT_PT + 2 * style.STEP_PT
    qtbot.keyClick(second, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: second.text_size == style.DEFAULT_PT + style.STEP_PT)
    second.set_text_size(style.DEFAULT_PT)
    second.close()
