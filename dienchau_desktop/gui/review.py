"""The review page: every problem in the report, errors apart from warnings, grouped by section.

Activating a problem (double click, Enter, or the button) asks the wizard to jump to its field.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dienchau_desktop.gui.style import set_role, state_icon
from dienchau_desktop.template import Template
from dienchau_desktop.validation import Problem

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
GENERAL = "Thông tin chung"


def section_label(template: Template, problem: Problem) -> str:
    if problem.question:
        q = template.question(problem.question)
        if q is not None:
            s = template.section(q.section_id)
            if s is not None:
                return f"Phần {s.id}. {s.title}"
    return GENERAL


class ReviewPage(QWidget):
    """Lists problems; emits ``problem_activated`` with the problem the user picked."""

    problem_activated = Signal(object)
    print_requested = Signal()

    def __init__(self, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self._problems: list[Problem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_role(self.summary, "subheading")
        layout.addWidget(self.summary)
        help_text = QLabel(
            "Nhấn đúp chuột (hoặc chọn rồi nhấn Enter) vào một dòng để đến đúng ô cần sửa. "
            "Lỗi phải sửa trước khi in bản chính thức; cảnh báo chỉ để bạn xem lại."
        )
        help_text.setWordWrap(True)
        set_role(help_text, "muted")
        layout.addWidget(help_text)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("problemList")
        self.tree.setAccessibleName("Danh sách lỗi và cảnh báo")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(False)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.go_button = QPushButton("Đến ô cần sửa")
        self.go_button.setObjectName("goToProblemButton")
        self.go_button.setEnabled(False)
        self.go_button.clicked.connect(self._go_current)
        buttons.addWidget(self.go_button)
        self.first_error_button = QPushButton("Đến lỗi đầu tiên")
        self.first_error_button.setObjectName("firstErrorButton")
        self.first_error_button.clicked.connect(self.go_first_error)
        buttons.addWidget(self.first_error_button)
        buttons.addStretch(1)
        self.print_button = QPushButton("Xem bản in ›")
        self.print_button.setObjectName("reviewPrintButton")
        self.print_button.clicked.connect(self.print_requested)
        buttons.addWidget(self.print_button)
        layout.addLayout(buttons)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self._problems = list(problems)
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        if errors:
            self.summary.setText(
                f"Còn {len(errors)} lỗi phải sửa trước khi in bản chính thức"
                + (f" và {len(warnings)} cảnh báo nên xem lại." if warnings else ".")
            )
            set_role(self.summary, "error")
        elif warnings:
            self.summary.setText(
                f"Không còn lỗi: có thể in bản chính thức. Có {len(warnings)} cảnh báo nên xem lại."
            )
            set_role(self.summary, "warning")
        else:
            self.summary.setText("Không còn lỗi và không có cảnh báo. Báo cáo sẵn sàng để in.")
            set_role(self.summary, "ok")
        self.first_error_button.setEnabled(bool(errors))

        self.tree.clear()
        if not problems:
            done = QTreeWidgetItem(["Không có lỗi hay cảnh báo nào: mọi mục đã điền và hợp lệ."])
            done.setIcon(0, state_icon("done"))
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(done)
        for title, items, state in (
            ("Lỗi — phải sửa trước khi in bản chính thức", errors, "error"),
            ("Cảnh báo — nên xem lại", warnings, "missing"),
        ):
            if not items:
                continue
            top = QTreeWidgetItem([f"{title} ({len(items)})"])
            top.setIcon(0, state_icon(state))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            groups: dict[str, list[Problem]] = {}
            for p in items:
                groups.setdefault(section_label(self.template, p), []).append(p)
            for group, members in groups.items():
                g = QTreeWidgetItem([f"{group} ({len(members)})"])
                g.setFlags(Qt.ItemFlag.ItemIsEnabled)
                top.addChild(g)
                for p in members:
                    child = QTreeWidgetItem([p.message])
                    child.setData(0, PROBLEM_ROLE, p)
                    child.setToolTip(0, p.message)
                    g.addChild(child)
            top.setExpanded(True)
            for i in range(top.childCount()):
                top.child(i).setExpanded(True)

    def problem_items(self) -> list[QTreeWidgetItem]:
        """Every item that stands for a problem, in the order shown."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                g = top.child(j)
                out.extend(g.child(k) for k in range(g.childCount()))
        return out

    def _current_changed(self, current: QTreeWidgetItem | None, *_: object) -> None:
        self.go_button.setEnabled(current is not None and current.data(0, PROBLEM_ROLE) is not None)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        problem = item.data(0, PROBLEM_ROLE)
        if problem is not None:
            self.problem_activated.emit(problem)

    def _go_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activated(item)

    def go_first_error(self) -> None:
        for item in self.problem_items():
            problem = item.data(0, PROBLEM_ROLE)
            if problem is not None and problem.is_error:
                self.tree.setCurrentItem(item)
                self._activated(item)
                return

    def focus_list(self) -> None:
        items = self.problem_items()
        if items and self.tree.currentItem() is None:
            self.tree.setCurrentItem(items[0])
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
