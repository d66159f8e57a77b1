"""The text inputs of the report's fields: editors that grow with their text, and pastes cleaned.

Every paste (Ctrl+V, Shift+Insert, the context menu, a drop) goes through a ``paste_cleaner``
the field is given: the open session's, which takes Word's markup out and converts text typed in
the old TCVN3/VNI fonts. Typed text is left to the session's ordinary cleaning.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, QTimer
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

# What pasted text (plain or HTML) becomes before it is inserted: the session's cleaning.
PasteCleaner = Callable[[str], str]


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text editor that grows with its text between ``min_lines`` and ``max_lines``.

    Inside a scrolling page a fixed small box would mean two scroll bars; growing keeps one.
    """

    def __init__(self, min_lines: int = 3, max_lines: int = 16, parent: QWidget | None = None):
        super().__init__(parent)
        self.paste_cleaner: PasteCleaner | None = None
        self._min_lines = min_lines
        self._max_lines = max_lines
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        lines = max(1, int(self.document().documentLayout().documentSize().height()))
        lines = max(self._min_lines, min(self._max_lines, lines))
        margins = self.contentsMargins()
        doc_margin = self.document().documentMargin()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + int(2 * doc_margin)
            + margins.top()
            + margins.bottom()
            + 4
        )
        if self.height() != height:
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # The new font is in place only after this event: fit once it is. The timer is tied
            # to this widget, so it never fires on a widget already deleted.
            QTimer.singleShot(0, self, self._fit)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.height())

    def insertFromMimeData(self, source: QMimeData) -> None:
        """A paste (or drop) goes through ``paste_cleaner``: Word's markup out, old fonts fixed."""
        if self.paste_cleaner is None or not (source.hasHtml() or source.hasText()):
            super().insertFromMimeData(source)
            return
        raw = source.html() if source.hasHtml() else source.text()
        self.textCursor().insertText(self.paste_cleaner(raw))
        self.ensureCursorVisible()


class AnswerEdit(GrowingTextEdit):
    """The narrative editor: plain paragraphs and ``- `` bullets.

    Text pasted from Word or a web page arrives as HTML; it is cleaned to the same plain lines the
    report stores (``clean_text``: markup out, list items as ``- `` bullets, NFC), so what the
    user sees is what will be printed.
    """

    def toggle_bullets(self) -> None:
        """Put ``- `` at the start of the selected lines, or take it away when all have it."""
        cursor = self.textCursor()
        doc = self.document()
        start = doc.findBlock(cursor.selectionStart())
        end = doc.findBlock(cursor.selectionEnd())
        blocks = []
        block = start
        while block.isValid():
            blocks.append(block)
            if block == end:
                break
            block = block.next()
        filled = [b for b in blocks if b.text().strip()] or blocks
        remove = all(b.text().lstrip().startswith("- ") for b in filled)
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        for b in filled:
            text = b.text()
            edit.setPosition(b.position())
            if remove:
                offset = len(text) - len(text.lstrip())
                edit.setPosition(b.position() + offset)
                edit.setPosition(b.position() + offset + 2, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            else:
                edit.insertText("- ")
        edit.endEditBlock()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class LineTextEdit(GrowingTextEdit):
    """A one-line value that is long (a subject line): wraps on screen, never holds a newline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(2, 6, parent)

    def keyPressEvent(self, event: object) -> None:
        if getattr(event, "key", lambda: None)() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.paste_cleaner is None:
            raw = source.text().replace("\r", " ").replace("\n", " ")
            self.textCursor().insertText(raw)
            return
        super().insertFromMimeData(source)


class PasteLineEdit(QLineEdit):
    """A one-line input whose pastes (Ctrl+V, Shift+Insert, the menu) go through a cleaner."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.paste_cleaner: PasteCleaner | None = None

    def paste_clipboard(self) -> None:
        data = QGuiApplication.clipboard().mimeData()
        if self.paste_cleaner is None or data is None or self.isReadOnly():
            self.paste()
            return
        raw = data.html() if data.hasHtml() else data.text()
        before = self.text()
        self.insert(self.paste_cleaner(raw))
        if self.text() != before:
            self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(self.paste_clipboard)
        menu.exec(event.globalPos())
        menu.deleteLater()
