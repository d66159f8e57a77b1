"""The roll-up window's pieces: the job that tallies off the UI thread, the table models (one row
per commune; the totals), the sorting by number, the texts about a result (summary, problems,
file names), and a table whose first column stays in view.

Nothing here computes a figure: the models only show the :class:`~dienchau_desktop.rollup.tally.
Rollup` the workspace returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from dienchau_desktop.figures import fold
from dienchau_desktop.gui.common import file_stem
from dienchau_desktop.gui.style import ERROR, MUTED, WARNING, state_icon

Index = QModelIndex | QPersistentModelIndex
BAD_STATES = ("unreadable", "unusable")
BAD_BACKGROUND = "#fdecea"
TOTAL_BACKGROUND = "#eef1f5"
MAX_COLUMN_PX = 260
LINE_CHARS = 16  # a header's label is wrapped at about this many characters, on three lines


# --- the job -------------------------------------------------------------------------------


class RollupSignals(QObject):
    """Created on the UI thread, so deliveries are queued to it."""

    done = Signal(int, object)  # job id, the Rollup
    failed = Signal(int, str)  # job id, Vietnamese message


class RollupJob(QRunnable):
    """Run ``tally()`` (the workspace's roll-up, which reads files and never writes)."""

    def __init__(self, job_id: int, tally: Callable[[], Any], data_dir: Any = None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.signals = RollupSignals()
        self._job_id = job_id
        self._tally = tally
        self._data_dir = data_dir

    def run(self) -> None:
        from dienchau_desktop.store import StoreError

        try:
            result = self._tally()
        # A file or draft refused is listed in the result; these stop the run (a store that
        # cannot be read, a form missing): DraftError and TemplateError are ValueErrors.
        except (StoreError, ValueError, OSError) as exc:
            self.signals.failed.emit(self._job_id, f"Không tổng hợp được: {exc}")
            return
        except Exception as exc:
            from dienchau_desktop.crashlog import write_crash_log

            write_crash_log(exc, self._data_dir)
            self.signals.failed.emit(
                self._job_id,
                "Không tổng hợp được do lỗi của chương trình. Các tệp báo cáo không bị thay đổi. "
                f"Chi tiết kỹ thuật đã được ghi vào nhật ký lỗi ({type(exc).__name__}).",
            )
            return
        self.signals.done.emit(self._job_id, result)


# --- the models ----------------------------------------------------------------------------


def _wrap(text: str, width: int = LINE_CHARS, lines: int = 3) -> str:
    """Words on at most ``lines`` lines of about ``width`` characters; "…" when cut."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
            if len(out) == lines:
                return "\n".join(out) + "…"
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return "\n".join(out)


def header_text(column: Any) -> str:
    """ "II.3 Tổng kinh phí cấp/năm" wrapped, then the unit: what a column header shows."""
    text = _wrap(f"{column.question} {column.label}")
    unit = column.unit.strip()
    return f"{text}\n({unit})" if unit else text


def header_tip(column: Any) -> str:
    unit = f" ({column.unit.strip()})" if column.unit.strip() else ""
    return f"{column.question} {column.label}{unit}\n{column.question}: {column.prompt}"


def value_tip(commune: Any, column: Any, value: Any) -> str:
    where = f"{commune.name} — {column.question} {column.label}"
    if value.state == "missing":
        return f"{where}: chưa có số liệu."
    if value.state in BAD_STATES:
        return f"{where}: “{value.raw}” — {value.note}. Không tính vào tổng cộng."
    return f"{where}: {value.raw}"


def commune_tip(commune: Any) -> str:
    lines = [commune.name, f"Nguồn: {commune.source}"]
    if commune.errors:
        lines += [f"Còn {len(commune.errors)} lỗi:", *(f"  • {e}" for e in commune.errors[:8])]
    if commune.warnings:
        lines.append(f"{len(commune.warnings)} cảnh báo")
    return "\n".join(lines)


def value_key(value: Any, kind: str) -> tuple[Any, ...]:
    """How a value sorts: by number (the low end) when it is one, else by its text; missing last."""
    if value.state == "missing":
        return (2,)
    if kind != "text" and value.state == "ok" and value.low is not None:
        high = value.high if value.high is not None else value.low
        return (0, value.low, high)
    return (1, fold(value.raw), value.raw)


class CommuneModel(QAbstractTableModel):
    """One row per commune tallied: its name, then every figure as typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[Any] = []
        self._communes: list[Any] = []

    def set_rollup(self, rollup: Any) -> None:
        self.beginResetModel()
        self._columns = list(rollup.columns) if rollup is not None else []
        self._communes = list(rollup.communes) if rollup is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._communes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return "Xã, phường"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Tên xã, phường (theo thông tin chung của báo cáo)"
            return None
        column = self._columns[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tip(column)
        return None

    def sort_key(self, row: int, col: int) -> tuple[Any, ...]:
        commune = self._communes[row]
        if col == 0:
            return (0, fold(commune.name), commune.name)
        column = self._columns[col - 1]
        return value_key(commune.values[column.key], column.kind)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        commune = self._communes[index.row()]
        if index.column() == 0:
            return self._name_data(commune, role)
        column = self._columns[index.column() - 1]
        value = commune.values[column.key]
        if role == Qt.ItemDataRole.DisplayRole:
            return value.raw or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            return value_tip(commune, column, value)
        if role == Qt.ItemDataRole.ForegroundRole:
            if value.state in BAD_STATES:
                return QBrush(QColor(ERROR))
            return QBrush(QColor(MUTED)) if value.state == "missing" else None
        if role == Qt.ItemDataRole.BackgroundRole and value.state in BAD_STATES:
            return QBrush(QColor(BAD_BACKGROUND))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if value.state == "missing":
                return int(Qt.AlignmentFlag.AlignCenter)
            if column.kind != "text":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _name_data(self, commune: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return commune.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return commune_tip(commune)
        if commune.errors:
            if role == Qt.ItemDataRole.DecorationRole:
                return state_icon("error")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(ERROR))
        return None


class TotalsModel(QAbstractTableModel):
    """The one row under the table: every column's total as the tally words it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rollup: Any = None

    def set_rollup(self, rollup: Any) -> None:
        self.beginResetModel()
        self._rollup = rollup
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._rollup is None else 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._rollup is None:
            return 0
        return len(self._rollup.columns) + 1

    def total(self, col: int) -> Any:
        return self._rollup.totals[self._rollup.columns[col - 1].key]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._rollup is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(TOTAL_BACKGROUND))
        if col == 0:
            n = len(self._rollup.communes)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Tổng cộng ({n} xã)"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Tổng cộng số liệu của {n} xã, phường"
            return None
        column = self._rollup.columns[col - 1]
        t = self.total(col)
        if role == Qt.ItemDataRole.DisplayRole:
            return t.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(column, t)
        if role == Qt.ItemDataRole.ForegroundRole and t.unreadable:
            return QBrush(QColor(WARNING))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _tip(column: Any, t: Any) -> str:
        lines = [f"{column.question} {column.label}: {t.text}"]
        if column.kind == "text":
            return "\n".join(lines)
        if t.minimum is not None:
            lines.append("Không cộng dồn: thấp nhất – cao nhất và trung vị của các xã.")
        lines.append(f"Tính từ {t.given} xã có số liệu.")
        if t.missing:
            lines.append(f"{t.missing} xã chưa có số liệu.")
        if t.unreadable:
            lines.append(f"{t.unreadable} số liệu không đọc được, không tính vào tổng.")
        return "\n".join(lines)


class NumberSortProxy(QSortFilterProxyModel):
    """Sorts by the model's sort keys: numbers by number, missing values after the others."""

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        return bool(
            model.sort_key(left.row(), left.column()) < model.sort_key(right.row(), right.column())
        )


# --- what the clerk reads about the result ------------------------------------------------


def problem_groups(rollup: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """What the clerk should look at, by kind: (heading, [(report or file, what is wrong)])."""
    bad = []
    for c in rollup.communes:
        for col in rollup.columns:
            v = c.values[col.key]
            if v.state in ("unreadable", "unusable"):
                bad.append((c.name, f"{col.question} {col.label}: “{v.raw}” — {v.note}"))
    erred = [(c.name, f"{len(c.errors)} lỗi: " + "; ".join(e.rstrip(".") for e in c.errors))
             for c in rollup.communes if c.errors]  # fmt: skip
    groups = [
        ("Không đọc được, không tổng hợp", list(rollup.refused)),
        (
            "Báo cáo trùng xã, đã thay bằng bản mới hơn",
            [(f"{c.name} ({c.source})", f"đã thay bằng {c.replaced_by}") for c in rollup.replaced],
        ),
        ("Báo cáo còn lỗi (vẫn được tổng hợp)", erred),
        ("Số liệu không đọc được, không tính vào tổng", bad),
        (
            "Thiếu số liệu bắt buộc",
            [(c.name, ", ".join(c.missing)) for c in rollup.communes if c.missing],
        ),
        (
            "Số liệu không khớp cột nào của mẫu",
            [(c.name, "; ".join(c.unmatched)) for c in rollup.communes if c.unmatched],
        ),
        ("Tệp bỏ qua (không phải báo cáo)", [(s, "không phải báo cáo") for s in rollup.skipped]),
    ]
    return [(title, rows) for title, rows in groups if rows]


def fill_problems(tree: QTreeWidget, rollup: Any) -> int:
    """The "Kiểm tra" list, grouped by kind; how many things need a look (skipped files aside)."""
    tree.clear()
    count = 0
    for title, rows in problem_groups(rollup):
        group = QTreeWidgetItem([f"{title} ({len(rows)})"])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        for source, reason in rows:
            item = QTreeWidgetItem([source, reason])
            item.setToolTip(0, source)
            item.setToolTip(1, reason)
            group.addChild(item)
        tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        group.setExpanded(True)
        count += 0 if title.startswith("Tệp bỏ qua") else len(rows)
    if not tree.topLevelItemCount():
        tree.addTopLevelItem(QTreeWidgetItem(["Không có gì cần xem: mọi báo cáo đều đọc được."]))
    return count


def summary_text(rollup: Any) -> str:
    parts = [f"Đã tổng hợp {len(rollup.communes)} xã, phường theo mẫu “{rollup.template.name}”."]
    notes = []
    if rollup.refused:
        notes.append(f"{len(rollup.refused)} tệp không đọc được")
    if rollup.replaced:
        notes.append(f"{len(rollup.replaced)} báo cáo trùng đã được thay")
    errors = sum(1 for c in rollup.communes if c.errors)
    if errors:
        notes.append(f"{errors} xã còn lỗi")
    if notes:
        parts.append(f"Cần xem: {', '.join(notes)} — xem thẻ “Kiểm tra”.")
    return " ".join(parts)


def default_name(rollup: Any, extension: str) -> str:
    """ "Tong hop KL62 (3 xa).xlsx": plain letters, nothing Windows refuses in a file name."""
    form = file_stem(str(rollup.template.id).upper(), "bao cao")
    return f"Tong hop {form} ({len(rollup.communes)} xa){extension}"


# --- a table whose first column stays in view ----------------------------------------------


class FrozenTable(QTableView):
    """A table whose first column (the commune) stays put while the others scroll sideways: a
    second view of the same model, showing only that column, lies over it (as in Qt's "frozen
    column" example)."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.frozen = QTableView(self)
        self.frozen.setObjectName(f"{name}Names")
        self.frozen.setAccessibleName(f"{accessible}: tên xã")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid #b9bec6; }")
        self.viewport().stackUnder(self.frozen)
        for view in (self, self.frozen):
            view.verticalHeader().hide()
            view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setWordWrap(False)
            view.setAlternatingRowColors(True)
            view.horizontalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            )
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.horizontalHeader().geometriesChanged.connect(self._place)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._reset)
        self._reset()

    def set_sorting(self) -> None:
        """Sort on a header click; the names' header (lying over the first column) too."""
        header, names = self.horizontalHeader(), self.frozen.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        names.setSectionsClickable(True)
        names.setSortIndicatorShown(True)
        names.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        names.sectionClicked.connect(lambda _col: self._sort_names())
        header.sortIndicatorChanged.connect(lambda col, order: names.setSortIndicator(col, order))

    def _sort_names(self) -> None:
        header = self.horizontalHeader()
        up = header.sortIndicatorSection() == 0
        up = up and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        header.setSortIndicator(
            0, Qt.SortOrder.DescendingOrder if up else Qt.SortOrder.AscendingOrder
        )

    def set_right_margin(self, px: int) -> None:
        """Room on the right (another table's scroll bar), so that the columns line up; for a
        table without headers (Qt sets the margins again for the headers)."""
        self._right = px
        self.updateGeometries()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if getattr(self, "_right", 0):
            self.setViewportMargins(0, 0, self._right, 0)

    def _reset(self) -> None:
        model = self.model()
        for col in range(1, model.columnCount() if model is not None else 0):
            self.frozen.setColumnHidden(col, True)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self._place()

    def _section_resized(self, col: int, _old: int, new: int) -> None:
        if col == 0:
            self.frozen.setColumnWidth(0, new)
            self._place()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        header = self.horizontalHeader()
        shown = header.isVisibleTo(self)
        self.frozen.horizontalHeader().setVisible(shown)
        self.frozen.horizontalHeader().setFixedHeight(header.height())
        top = header.height() if shown else 0
        width, frame = self.columnWidth(0), self.frameWidth()
        self.frozen.setGeometry(frame, frame, width, self.viewport().height() + top)

    def viewportSizeHint(self) -> QSize:  # the rows and the header (Qt adds the scroll bars twice)
        header = self.horizontalHeader()
        top = header.height() if header.isVisibleTo(self) else 0
        return QSize(header.length(), top + self.verticalHeader().length())

    def minimumSizeHint(self) -> QSize:  # a scroll area's wants room for a vertical bar
        return QSize(0, min(super().minimumSizeHint().height(), self.sizeHint().height()))

    def scrollTo(self, index: Any, hint: Any = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if index.column() > 0:  # the first column is always in view
            super().scrollTo(index, hint)
