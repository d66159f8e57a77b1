"""One question of the report: prompt, narrative, evidence figures, the user's own lines, note.

Widgets send what the user typed or pasted to the open
:class:`~dienchau_desktop.workspace.DraftSession` (which cleans it, old TCVN3/VNI fonts included
for pastes, and keeps it in the draft) and emit ``edited``; the wizard owns saving and checking.
A field's messages come from the session only: its question's problems while typing, the whole
check a moment later, the same list either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dienchau_desktop.gui.editors import (
    AnswerEdit,
    GrowingTextEdit,
    PasteCleaner,
    PasteLineEdit,
)
from dienchau_desktop.gui.style import ERROR, WARNING, set_role
from dienchau_desktop.template import FigureSpec, Question
from dienchau_desktop.validation import Problem

if TYPE_CHECKING:
    from dienchau_desktop.workspace import DraftSession


REQUIRED_MARK = ' <span style="color:#b3261e">*</span>'


def sentence(detail: str) -> str:
    """A core detail ("chưa nhập (bắt buộc).") as a sentence on its own line."""
    detail = detail.strip()
    return detail[:1].upper() + detail[1:] if detail else ""


def show_message(
    label: QLabel,
    items: Sequence[tuple[str, str]],
    *,
    filled: bool,
    hint: str = "",
) -> None:
    """Show the problems of one field under it, or its hint when it has none.

    A required field that is still empty is not shouted at: its message shows in grey, like a
    hint. Once the user has typed something, errors show in red (✗) and warnings in amber (⚠).
    """
    errors = [d for s, d in items if s == "error"]
    warnings = [d for s, d in items if s != "error"]
    lines: list[str] = []
    if errors and filled:
        lines += [f'<span style="color:{ERROR}">✗ {escape(sentence(d))}</span>' for d in errors]
    if warnings:
        lines += [f'<span style="color:{WARNING}">⚠ {escape(sentence(d))}</span>' for d in warnings]
    if lines:
        label.setText("<br>".join(lines))
        set_role(label, "error" if errors and filled else "warning")
    elif errors:
        label.setText(escape(sentence(errors[0]) + (f" {hint}" if hint else "")))
        set_role(label, "hint")
    else:
        label.setText(escape(hint))
        set_role(label, "hint")
    label.setVisible(bool(label.text()))


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    set_role(label, "hint")
    return label


class FigureField(QWidget):
    """One evidence figure: label, input with its unit, last period's value, message."""

    edited = Signal()

    def __init__(
        self, session: DraftSession, question: Question, spec: FigureSpec, parent: QWidget
    ):
        super().__init__(parent)
        self._session = session
        draft = session.draft
        self._question = question
        self.spec = spec
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 4, 0, 2)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(2)
        title = QLabel(spec.label + (REQUIRED_MARK if spec.required else ""))
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        layout.addWidget(title, 0, 0, 1, 3)

        self.edit = PasteLineEdit("", self)
        self.edit.paste_cleaner = lambda raw: session.paste(raw, multiline=False)
        self.edit.setObjectName(f"figure:{question.id}:{spec.id}")
        self.edit.setAccessibleName(spec.label)
        self.edit.setToolTip(spec.hint)
        self.edit.setMinimumWidth(160)
        self.edit.setMaximumWidth(340)
        title.setBuddy(self.edit)
        value = draft.get_answer(question.id).figures.get(spec.id, "")
        self.edit.setText(value)
        self.edit.textEdited.connect(self._on_edited)
        layout.addWidget(self.edit, 1, 0)

        unit = QLabel(spec.unit)
        set_role(unit, "muted")
        layout.addWidget(unit, 1, 1)

        previous = draft.get_answer(question.id).previous_figures.get(spec.id, "")
        self.previous = QLabel(f"Kỳ trước: {previous}" if previous else "")
        self.previous.setObjectName(f"previous:{question.id}:{spec.id}")
        self.previous.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.previous, "muted")
        self.previous.setVisible(bool(previous))
        layout.addWidget(self.previous, 1, 2)
        layout.setColumnStretch(2, 1)

        self.message = message_label()
        self.message.setObjectName(f"message:figure:{question.id}:{spec.id}")
        layout.addWidget(self.message, 2, 0, 1, 3)
        self.check_now()

    def _on_edited(self, text: str) -> None:
        self._session.set_figure(self._question.id, self.spec.id, text)
        self.check_now()
        self.edited.emit()

    def check_now(self) -> None:
        """This figure's problems as the session sees them now, shown right under it."""
        problems = self._session.question_problems(self._question.id)
        self.show_items((p.severity, p.detail) for p in problems if p.figure == self.spec.id)

    def show_items(self, items: Iterable[tuple[str, str]]) -> None:
        value = self._session.draft.get_answer(self._question.id).figures.get(self.spec.id, "")
        show_message(self.message, list(items), filled=bool(value.strip()), hint=self.spec.hint)


class ExtraLines(QWidget):
    """The user's own evidence lines under a question: a name and a value each."""

    edited = Signal()

    def __init__(self, session: DraftSession, question: Question, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._question = question
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        header = QHBoxLayout()
        caption = QLabel("Số liệu minh chứng khác (tự thêm, nếu cần)")
        set_role(caption, "subheading")
        header.addWidget(caption)
        header.addStretch(1)
        self.add_button = QPushButton("+ Thêm dòng số liệu")
        self.add_button.setObjectName(f"addExtra:{question.id}")
        self.add_button.setToolTip("Thêm một số liệu minh chứng mà mẫu báo cáo chưa có")
        self.add_button.clicked.connect(self.add_line)
        header.addWidget(self.add_button)
        self._layout.addLayout(header)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(4)
        self._layout.addLayout(self._rows)
        self.messages: list[QLabel] = []
        self._rebuild()

    def _count(self) -> int:
        return len(self._session.extra_lines(self._question.id))

    def _rebuild(self, focus_index: int | None = None) -> None:
        while self._rows.count():
            item = self._rows.takeAt(0)
            w = item.widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        self.messages = []
        extras = self._session.extra_lines(self._question.id)
        cleaner: PasteCleaner = lambda raw: self._session.paste(raw, multiline=False)  # noqa: E731
        for i, extra in enumerate(extras):
            row = QWidget(self)
            grid = QGridLayout(row)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(6)
            grid.setVerticalSpacing(1)
            label = PasteLineEdit(extra.label, row)
            label.paste_cleaner = cleaner
            label.setPlaceholderText("Tên số liệu, ví dụ: Số buổi sinh hoạt chuyên đề")
            label.setObjectName(f"extra:{self._question.id}:{i}:label")
            label.setAccessibleName(f"Tên số liệu thêm {i + 1}")
            value = PasteLineEdit(extra.value, row)
            value.paste_cleaner = cleaner
            value.setPlaceholderText("Giá trị, ví dụ: 12 buổi")
            value.setObjectName(f"extra:{self._question.id}:{i}:value")
            value.setAccessibleName(f"Giá trị số liệu thêm {i + 1}")
            value.setMaximumWidth(260)
            remove = QToolButton(row)
            remove.setText("Xóa")
            remove.setToolTip("Xóa dòng số liệu này")
            remove.setObjectName(f"removeExtra:{self._question.id}:{i}")
            label.textEdited.connect(lambda t, n=i: self._set(n, label=t))
            value.textEdited.connect(lambda t, n=i: self._set(n, value=t))
            remove.clicked.connect(lambda _=False, n=i: self.remove_line(n))
            grid.addWidget(label, 0, 0)
            grid.addWidget(value, 0, 1)
            grid.addWidget(remove, 0, 2)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            msg = message_label()
            msg.setVisible(False)
            grid.addWidget(msg, 1, 0, 1, 3)
            self.messages.append(msg)
            self._rows.addWidget(row)
            if focus_index == i:
                label.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set(self, index: int, *, label: str | None = None, value: str | None = None) -> None:
        if index >= self._count():
            return
        self._session.set_extra(self._question.id, index, label=label, value=value)
        self.edited.emit()

    def add_line(self) -> None:
        index = self._session.add_extra(self._question.id)
        self._rebuild(focus_index=index)
        self.edited.emit()

    def remove_line(self, index: int) -> None:
        if 0 <= index < self._count():
            self._session.remove_extra(self._question.id, index)
            self._rebuild()
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.edited.emit()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for i, msg in enumerate(self.messages):
            items = [(p.severity, p.detail) for p in problems if p.figure == f"extra:{i}"]
            show_message(msg, items, filled=True)


class QuestionWidget(QFrame):
    """A question as a card on its section's page."""

    edited = Signal()

    def __init__(
        self, session: DraftSession, question: Question, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.draft = draft = session.draft
        self.question = question
        self.setObjectName(f"question:{question.id}")
        set_role(self, "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(6)

        head = QHBoxLayout()
        head.setSpacing(10)
        number = QLabel(f"{question.number}.")
        set_role(number, "number")
        number.setAlignment(Qt.AlignmentFlag.AlignTop)
        head.addWidget(number, 0, Qt.AlignmentFlag.AlignTop)
        prompt = QLabel(question.prompt)
        prompt.setWordWrap(True)
        prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(prompt, "prompt")
        head.addWidget(prompt, 1)
        layout.addLayout(head)

        answer = draft.get_answer(question.id)
        bar = QHBoxLayout()
        caption = QLabel("Nội dung trả lời" + (REQUIRED_MARK if question.answer_required else ""))
        caption.setTextFormat(Qt.TextFormat.RichText)
        set_role(caption, "subheading")
        bar.addWidget(caption)
        bar.addStretch(1)
        self.bullet_button = QToolButton(self)
        self.bullet_button.setText("– Gạch đầu dòng")
        self.bullet_button.setToolTip(
            "Thêm hoặc bỏ dấu “- ” ở đầu các dòng đang chọn (Ctrl+Shift+L)"
        )
        self.bullet_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar.addWidget(self.bullet_button)
        layout.addLayout(bar)

        self.answer_edit = AnswerEdit(5, 18, self)
        self.answer_edit.setObjectName(f"answer:{question.id}")
        self.answer_edit.setAccessibleName(f"Trả lời mục {question.id}")
        self.answer_edit.setPlaceholderText(
            "Viết mỗi đoạn trên một dòng. Dòng bắt đầu bằng “- ” là một gạch đầu dòng."
        )
        self.answer_edit.setPlainText(answer.text)
        self.answer_edit.paste_cleaner = lambda raw: session.paste(raw, multiline=True)
        caption.setBuddy(self.answer_edit)
        self.answer_edit.textChanged.connect(self._on_text)
        self.bullet_button.clicked.connect(self.answer_edit.toggle_bullets)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+L"), self.answer_edit)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.answer_edit.toggle_bullets)
        layout.addWidget(self.answer_edit)
        self.answer_message = message_label()
        self.answer_message.setObjectName(f"message:answer:{question.id}")
        layout.addWidget(self.answer_message)

        self.figures: dict[str, FigureField] = {}
        if question.figures:
            figs_caption = QLabel("Số liệu minh chứng")
            set_role(figs_caption, "subheading")
            layout.addWidget(figs_caption)
            for spec in question.figures:
                field = FigureField(session, question, spec, self)
                field.edited.connect(self.edited)
                self.figures[spec.id] = field
                layout.addWidget(field)

        self.extras = ExtraLines(session, question, self)
        self.extras.edited.connect(self.edited)
        layout.addWidget(self.extras)

        note_caption = QLabel("Ghi chú (không bắt buộc)")
        set_role(note_caption, "subheading")
        layout.addWidget(note_caption)
        self.note_edit = GrowingTextEdit(2, 8, self)
        self.note_edit.setObjectName(f"note:{question.id}")
        self.note_edit.setAccessibleName(f"Ghi chú mục {question.id}")
        self.note_edit.setPlainText(answer.note)
        self.note_edit.paste_cleaner = lambda raw: session.paste(raw, multiline=True)
        note_caption.setBuddy(self.note_edit)
        self.note_edit.textChanged.connect(self._on_note)
        layout.addWidget(self.note_edit)
        self.note_message = message_label()
        self.note_message.setVisible(False)
        layout.addWidget(self.note_message)

    def _on_text(self) -> None:
        before = self.session.revision
        self.session.set_text(self.question.id, self.answer_edit.toPlainText())
        if self.session.revision != before:
            self.edited.emit()

    def _on_note(self) -> None:
        before = self.session.revision
        self.session.set_note(self.question.id, self.note_edit.toPlainText())
        if self.session.revision != before:
            self.edited.emit()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Show the draft-wide check's results for this question under each field."""
        mine = [p for p in problems if p.question == self.question.id]
        text_items = [(p.severity, p.detail) for p in mine if p.field == "text"]
        show_message(
            self.answer_message,
            text_items,
            filled=bool(self.draft.get_answer(self.question.id).text.strip()),
        )
        for fid, field in self.figures.items():
            field.show_items((p.severity, p.detail) for p in mine if p.figure == fid)
        self.extras.show_problems([p for p in mine if (p.figure or "").startswith("extra:")])
        note_items = [(p.severity, p.detail) for p in mine if p.field == "note"]
        show_message(self.note_message, note_items, filled=True)

    def field_widget(self, problem: Problem) -> QWidget:
        """The input a problem is about (for jumping there from the review)."""
        if problem.field == "note":
            return self.note_edit
        if problem.figure and problem.figure.startswith("extra:"):
            index = problem.figure.split(":", 1)[1]
            extras = self.draft.get_answer(self.question.id).extra_figures
            part = "value"
            if index.isdigit() and int(index) < len(extras) and not extras[int(index)].label:
                part = "label"
            found = self.findChild(QLineEdit, f"extra:{self.question.id}:{index}:{part}")
            return found or self.extras.add_button
        if problem.figure and problem.figure in self.figures:
            return self.figures[problem.figure].edit
        return self.answer_edit
