"""The general-information page: every ``meta`` field of the template, grouped as on paper."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from dienchau_desktop.dates import numeric_date_text, parse_date
from dienchau_desktop.gui.editors import GrowingTextEdit, LineTextEdit, PasteLineEdit
from dienchau_desktop.gui.question_widget import REQUIRED_MARK, message_label, show_message
from dienchau_desktop.gui.style import set_role
from dienchau_desktop.template import MetaField
from dienchau_desktop.validation import Problem

if TYPE_CHECKING:
    from dienchau_desktop.workspace import DraftSession

LONG_TEXT = 90  # a text value longer than this gets a wrapping box


class DateEdit(QWidget):
    """A date typed as dd/mm/yyyy (or picked on a calendar); blank is allowed."""

    edited = Signal(str)

    def __init__(self, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.line = QLineEdit(numeric_date_text(value, empty=""), self)
        self.line.setPlaceholderText("ngày/tháng/năm, ví dụ 15/04/2026")
        self.line.setMaximumWidth(260)
        self.line.textEdited.connect(self.edited)
        layout.addWidget(self.line)
        self.button = QPushButton(self)
        self.button.setText("Chọn ngày…")
        self.button.setToolTip("Chọn ngày trên lịch (Alt+Mũi tên xuống khi đang ở ô ngày)")
        # Out of the Tab order (the date is typed); Alt+Down opens the calendar from the field.
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(lambda d: self._picked(d, menu))
        self.calendar.activated.connect(lambda d: self._picked(d, menu))
        # Opened by hand, not with setMenu(): no drop-down arrow squeezed into the button.
        self.button.clicked.connect(self.show_calendar)
        layout.addWidget(self.button)
        popup = QShortcut(QKeySequence("Alt+Down"), self.line)
        popup.setContext(Qt.ShortcutContext.WidgetShortcut)
        popup.activated.connect(self.show_calendar)
        self.calendar_menu = menu
        layout.addStretch(1)
        self.setFocusProxy(self.line)

    def show_calendar(self) -> None:
        """The calendar, just under the button."""
        self.calendar_menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def _sync_calendar(self) -> None:
        parsed = parse_date(self.line.text())
        today = date.today()
        d = parsed or today
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))

    def _picked(self, qd: QDate, menu: QMenu) -> None:
        """A day picked on the calendar goes into the field as dd/mm/yyyy."""
        menu.close()
        self.line.setText(f"{qd.day():02d}/{qd.month():02d}/{qd.year()}")
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit(self.line.text())


class MetaPage(QWidget):
    """Every general-information field, each with its hint and its message right under it."""

    edited = Signal()

    def __init__(self, session: DraftSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.draft = draft = session.draft
        self.template = template = session.template
        self.inputs: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self.hints: dict[str, str] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)

        intro = QLabel(
            "Những thông tin này in ở phần đầu và phần cuối báo cáo. Các ô có dấu "
            '<span style="color:#b3261e">*</span> là bắt buộc. Chương trình tự lưu sau mỗi '
            "thay đổi và nhớ các thông tin này cho báo cáo sau."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        set_role(intro, "muted")
        outer.addWidget(intro)

        card, form = self._card("Bản nháp")
        title = PasteLineEdit(draft.title)
        title.paste_cleaner = self._paste_line
        title.setObjectName("meta:title")
        title.setAccessibleName("Tên bản nháp")
        title.textEdited.connect(lambda t: self._set("title", t))
        self._add_row(form, "title", "Tên bản nháp", title, required=False)
        self.hints["title"] = "Chỉ để tìm lại trong danh sách báo cáo; không in ra."
        outer.addWidget(card)

        # The form says under which heading each field is shown; fields with none go last.
        groups: dict[str, list[str]] = {}
        for mf in template.meta_fields:
            groups.setdefault(mf.group or "Thông tin khác", []).append(mf.key)
        if "Thông tin khác" in groups:
            groups["Thông tin khác"] = groups.pop("Thông tin khác")
        placed: set[str] = set()
        for name, keys in groups.items():
            if not keys:
                continue
            card, form = self._card(name)
            for key in keys:
                mf = template.meta_field(key)
                if mf is None or key in placed:
                    continue
                placed.add(key)
                self._add_row(form, key, mf.label, self._input(mf), required=mf.required)
                self.hints[key] = mf.hint
            outer.addWidget(card)
        outer.addStretch(1)
        self.show_problems([])

    def _card(self, title: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(self)
        set_role(card, "card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(4)
        heading = QLabel(title)
        set_role(heading, "subheading")
        layout.addWidget(heading)
        return card, layout

    def _add_row(
        self, form: QVBoxLayout, key: str, label: str, widget: QWidget, *, required: bool
    ) -> None:
        caption = QLabel(label + (REQUIRED_MARK if required else ""))
        caption.setTextFormat(Qt.TextFormat.RichText)
        caption.setWordWrap(True)
        caption.setBuddy(widget.focusProxy() or widget)
        form.addSpacing(4)
        form.addWidget(caption)
        form.addWidget(widget)
        message = message_label()
        message.setObjectName(f"message:meta:{key}")
        form.addWidget(message)
        self.inputs[key] = widget
        self.messages[key] = message

    def _input(self, mf: MetaField) -> QWidget:
        name = f"meta:{mf.key}"
        value = self.draft.meta.get(mf.key, "")
        widget: QWidget
        if mf.kind == "lines":
            edit = GrowingTextEdit(4, 12, self)
            edit.setPlainText("\n".join(self.draft.meta_lines(mf.key)))
            edit.paste_cleaner = lambda raw: self.session.paste(raw, multiline=True)
            edit.textChanged.connect(lambda k=mf.key, e=edit: self._set(k, e.toPlainText()))
            widget = edit
        elif mf.kind == "date":
            date_edit = DateEdit(value if isinstance(value, str) else "", self)
            date_edit.line.setObjectName(name)
            date_edit.line.setAccessibleName(mf.label)
            date_edit.line.setToolTip(mf.hint)
            date_edit.edited.connect(lambda t, k=mf.key: self._set(k, t))
            return date_edit
        elif len(str(value)) > LONG_TEXT or len(str(mf.default)) > LONG_TEXT:
            long_edit = LineTextEdit(self)
            long_edit.setPlainText(str(value))
            long_edit.paste_cleaner = self._paste_line
            long_edit.textChanged.connect(
                lambda k=mf.key, e=long_edit: self._set(k, e.toPlainText())
            )
            widget = long_edit
        else:
            line = PasteLineEdit(str(value) if isinstance(value, str) else "", self)
            line.paste_cleaner = self._paste_line
            line.textEdited.connect(lambda t, k=mf.key: self._set(k, t))
            widget = line
        widget.setObjectName(name)
        widget.setAccessibleName(mf.label)
        widget.setToolTip(mf.hint)
        return widget

    def _paste_line(self, raw: str) -> str:
        return self.session.paste(raw, multiline=False)

    def _set(self, key: str, text: str) -> None:
        """The session cleans and stores it (a date as ISO, lines as a list)."""
        before = self.session.revision
        self.session.set_meta(key, text)
        if self.session.revision != before:
            self.edited.emit()

    def field_widget(self, key: str | None) -> QWidget | None:
        widget = self.inputs.get(key or "")
        if isinstance(widget, DateEdit):
            return widget.line
        return widget

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for key, label in self.messages.items():
            items = [(p.severity, p.detail) for p in problems if p.meta_key == key]
            filled = self.session.meta_filled(key)
            show_message(label, items, filled=filled, hint=self.hints.get(key, ""))
