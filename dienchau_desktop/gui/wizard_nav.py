"""The wizard's navigation: pages, the side list with each section's state, jumping to a field,
and where the user is (kept so that reopening a draft returns to the same page and field).
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QScrollArea, QWidget

from dienchau_desktop.gui.style import state_icon
from dienchau_desktop.validation import Problem
from dienchau_desktop.workspace.session import META_KEY, SECTION_PREFIX, section_key

PAGE_META = META_KEY  # the general information: the same key as the session's
PAGE_REVIEW = "review"
PAGE_PRINT = "print"


class WizardNavigation:
    """Mixin of :class:`~dienchau_desktop.gui.wizard.Wizard` (``self`` is the wizard)."""

    session: Any
    stack: Any
    nav: Any

    # --- pages -------------------------------------------------------------------------------

    def current_key(self) -> str:
        return self.page_keys[self.stack.currentIndex()]

    def go_to_index(self, index: int) -> None:
        index = max(0, min(len(self.pages) - 1, index))
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # -> _nav_row_changed
        else:
            self._show_page(index)

    def go_to_key(self, key: str) -> None:
        if key in self.page_keys:
            self.go_to_index(self.page_keys.index(key))

    def go_next(self) -> None:
        self.go_to_index(self.stack.currentIndex() + 1)

    def go_back(self) -> None:
        self.go_to_index(self.stack.currentIndex() - 1)

    def _nav_row_changed(self, row: int) -> None:
        if row >= 0:
            self._show_page(row)

    def _show_page(self, index: int) -> None:
        changed = self.stack.currentIndex() != index
        key = self.page_keys[index]
        if key.startswith(SECTION_PREFIX):
            self.section_body(key.split(":", 1)[1])
        self.stack.setCurrentIndex(index)
        if changed:
            self.autosaver.save_now()
        self.revalidate()
        if key == PAGE_PRINT:
            self._ensure_print_page()
            self.print_page.refresh()
        elif key == PAGE_REVIEW:
            self.review_page.focus_list()
        self.back_button.setEnabled(index > 0)
        last = index >= len(self.pages) - 1
        self.next_button.setEnabled(not last)
        if not last:
            self.next_button.setText(f"Tiếp theo: {self.page_titles[index + 1]} ›")
        else:
            self.next_button.setText("Tiếp theo ›")
        self.step_label.setText(f"Bước {index + 1}/{len(self.pages)}")
        if changed:
            self._remember_position()

    def section_state(self, key: str) -> str:
        """``done``, ``missing`` (something required is empty) or ``error``: the session's."""
        return self.session.section_state(key)

    _STATE_TEXT: ClassVar[dict[str, str]] = {
        "done": "đã xong",
        "missing": "còn thiếu",
        "error": "có lỗi",
    }

    def _update_nav(self) -> None:
        errors = sum(1 for p in self.problems if p.is_error)
        warnings = len(self.problems) - errors
        for i, key in enumerate(self.page_keys):
            item = self.nav.item(i)
            if item is None:
                continue
            if key == PAGE_REVIEW:
                item.setIcon(state_icon("error" if errors else "done"))
                if errors:
                    item.setText(f"Rà soát ({errors} lỗi, {warnings} cảnh báo)")
                elif warnings:
                    item.setText(f"Rà soát ({warnings} cảnh báo)")
                else:
                    item.setText("Rà soát (không có lỗi)")
                item.setToolTip("Xem mọi lỗi và cảnh báo của báo cáo")
                continue
            if key == PAGE_PRINT:
                item.setIcon(state_icon("print"))
                continue
            state = self.section_state(key)
            item.setIcon(state_icon(state))
            item.setData(Qt.ItemDataRole.UserRole, state)
            item.setToolTip(f"{self.page_titles[i]}: {self._STATE_TEXT[state]}")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{self.page_titles[i]}, {self._STATE_TEXT[state]}",
            )
        done, total = self.session.progress()
        self.progress_label.setText(f"Đã trả lời {done}/{total} câu hỏi")
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.problems_label.setText(
            f"{errors} lỗi, {warnings} cảnh báo" if self.problems else "Không có lỗi nào"
        )

    # --- jumping to a field ------------------------------------------------------------------

    def field_widget(self, problem: Problem) -> tuple[str, QWidget | None]:
        if problem.field == "meta" or not problem.question:
            return PAGE_META, self.meta_page.field_widget(problem.meta_key)
        q = self.template.question(problem.question)
        if q is None:
            return PAGE_REVIEW, None
        body = self.section_body(q.section_id)
        return section_key(q.section_id), body.questions[q.id].field_widget(problem)

    def go_to_problem(self, problem: Problem) -> None:
        """Open the page of a problem and put the cursor in its field."""
        key, widget = self.field_widget(problem)
        self.go_to_key(key)
        if widget is not None:
            self.focus_widget(key, widget)

    def focus_widget(self, key: str, widget: QWidget) -> None:
        page = self.pages[self.page_keys.index(key)]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(page, QScrollArea):
            # Show the field with its label above it and its message below.
            page.ensureWidgetVisible(widget, 50, 120)
            QTimer.singleShot(0, page, lambda: page.ensureWidgetVisible(widget, 50, 120))

    def focus_field(self, name: str, cursor: int | None = None) -> bool:
        """Focus the input with this automation name (``answer:I.1`` …); False when missing."""
        parts = name.split(":")
        if len(parts) >= 2 and parts[0] != "meta":
            q = self.template.question(parts[1])
            if q is not None:
                self.section_body(q.section_id)
        for index, page in enumerate(self.pages):
            widget = page.findChild(QWidget, name)
            if widget is None:
                continue
            self.go_to_index(index)
            self.focus_widget(self.page_keys[index], widget)
            if cursor is not None:
                if isinstance(widget, QPlainTextEdit):
                    c = widget.textCursor()
                    c.setPosition(max(0, min(cursor, len(widget.toPlainText()))))
                    widget.setTextCursor(c)
                elif isinstance(widget, QLineEdit):
                    widget.setCursorPosition(cursor)
            return True
        return False

    # --- where the user is -------------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and ":" in new.objectName() and self.isAncestorOf(new):
            self._last_field = new.objectName()

    def position(self) -> dict[str, Any]:
        """Where the user is: page, field and cursor (kept in the store's settings)."""
        pos: dict[str, Any] = {"draft_id": self.draft.id, "page": self.current_key()}
        if self._last_field:
            pos["field"] = self._last_field
            widget = self.findChild(QWidget, self._last_field)
            if isinstance(widget, QPlainTextEdit):
                pos["cursor"] = widget.textCursor().position()
            elif isinstance(widget, QLineEdit):
                pos["cursor"] = widget.cursorPosition()
        return pos

    def _remember_position(self) -> None:
        try:
            pos = self.position()
            self.workspace.set_last_position(pos)
        except Exception:
            pass

    def restore_position(self, pos: Any) -> None:
        """Put the user back where they were in this draft."""
        if not isinstance(pos, dict) or pos.get("draft_id") != self.draft.id:
            return
        field = pos.get("field")
        cursor = pos.get("cursor")
        cursor = cursor if isinstance(cursor, int) and not isinstance(cursor, bool) else None
        if isinstance(field, str) and field and self.focus_field(field, cursor):
            return
        page = pos.get("page")
        if isinstance(page, str):
            self.go_to_key(page)
