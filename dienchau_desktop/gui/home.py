"""The drafts home: what the program opens on.

Lists the drafts with title, commune, report date, last saved, status and how complete each is,
and offers every action on them. A first-run user sees at once how to start; a damaged draft is
reported here with the offer to restore it; a deleted draft can be brought back (undo, trash).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dienchau_desktop.dates import numeric_date_text, saved_text
from dienchau_desktop.gui.home_banners import HomeBanners
from dienchau_desktop.gui.style import ERROR, OK, WARNING, set_role

if TYPE_CHECKING:
    pass

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Tên báo cáo", "Xã, phường", "Ngày báo cáo", "Lưu lần cuối", "Tình trạng", "Đã trả lời")


def status_text(errors: int, warnings: int) -> tuple[str, str]:
    """(text, colour) of a draft's status in the list."""
    if errors:
        return f"Còn {errors} lỗi", ERROR
    if warnings:
        return f"In được; {warnings} cảnh báo", WARNING
    return "Sẵn sàng in", OK


def _summary_item(s: object) -> QTreeWidgetItem:
    answered = int(getattr(s, "answered", 0))
    total = int(getattr(s, "total", 0))
    percent = round(100 * answered / total) if total else 0
    text, colour = status_text(int(getattr(s, "errors", 0)), int(getattr(s, "warnings", 0)))
    item = QTreeWidgetItem(
        [
            str(getattr(s, "title", "")) or "(chưa đặt tên)",
            str(getattr(s, "commune", "")) or "—",
            numeric_date_text(str(getattr(s, "report_date", ""))),
            saved_text(str(getattr(s, "updated", ""))),
            text,
            f"{answered}/{total} câu ({percent}%)",
        ]
    )
    from PySide6.QtGui import QColor

    item.setForeground(4, QColor(colour))
    item.setData(0, ID_ROLE, str(getattr(s, "id", "")))
    item.setToolTip(0, str(getattr(s, "title", "")))
    return item


def _make_list(name: str, parent: QWidget) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setObjectName(name)
    tree.setColumnCount(len(COLUMNS))
    tree.setHeaderLabels(list(COLUMNS))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setAllColumnsShowFocus(True)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in range(1, len(COLUMNS)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    return tree


class HomePage(HomeBanners, QWidget):
    """The list of drafts and the actions on them. Emits requests; the window carries them out."""

    new_requested = Signal()
    from_earlier_requested = Signal(str)
    open_requested = Signal(str)
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)
    undo_delete_requested = Signal(str)
    restore_requested = Signal(str)
    import_requested = Signal()
    import_word_requested = Signal()
    export_requested = Signal(str)
    example_requested = Signal()
    resume_requested = Signal()
    recover_requested = Signal(str)
    notice_dismissed = Signal(str)  # the text of a notice the user has read
    rollup_requested = Signal()  # the province's roll-up of many communes' reports

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home")
        self._deleted_id = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.setSpacing(10)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        title = QLabel("Báo cáo của Đảng ủy xã")
        set_role(title, "title")
        titles.addWidget(title)
        subtitle = QLabel(
            "Soạn, kiểm tra và in Báo cáo tổng kết Kết luận số 62-KL/TW. "
            "Mọi thay đổi được tự động lưu trên máy này."
        )
        subtitle.setWordWrap(True)
        set_role(subtitle, "muted")
        titles.addWidget(subtitle)
        top.addLayout(titles, 1)
        # The province's own work, apart from the commune's actions below: top right.
        self.rollup_button = QPushButton("Tổng hợp nhiều báo cáo…")
        self.rollup_button.setObjectName("rollupButton")
        self.rollup_button.setAccessibleName("Tổng hợp nhiều báo cáo")
        self.rollup_button.setToolTip(
            "Dành cho cấp trên: cộng số liệu báo cáo của nhiều xã, phường (tệp nháp, tệp Word, "
            "thư mục, tệp .zip hay bản nháp trong máy) thành một bảng; lưu ra Excel hoặc PDF"
        )
        self.rollup_button.clicked.connect(self.rollup_requested)
        top.addWidget(self.rollup_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new_button = QPushButton("+ Tạo báo cáo mới")
        self.new_button.setObjectName("newDraftButton")
        set_role(self.new_button, "primary")
        self.new_button.setToolTip("Bắt đầu một báo cáo trống (Ctrl+N)")
        self.new_button.clicked.connect(self.new_requested)
        actions.addWidget(self.new_button)
        self.from_earlier_button = QPushButton("Tạo từ báo cáo đã chọn")
        self.from_earlier_button.setObjectName("fromEarlierButton")
        self.from_earlier_button.setToolTip(
            "Tạo báo cáo kỳ mới từ báo cáo đang chọn: giữ nội dung trả lời, số liệu kỳ trước "
            "được ghi bên cạnh mỗi ô để tham khảo; số và ngày văn bản để trống"
        )
        self.from_earlier_button.clicked.connect(
            lambda: self._with_current(self.from_earlier_requested)
        )
        actions.addWidget(self.from_earlier_button)
        self.example_button = QPushButton("Mở báo cáo mẫu")
        self.example_button.setObjectName("openExampleButton")
        self.example_button.setToolTip("Xem báo cáo đã điền đầy đủ của xã Diễn Châu")
        self.example_button.clicked.connect(self.example_requested)
        actions.addWidget(self.example_button)
        actions.addStretch(1)
        self.import_button = QPushButton("Nhập tệp nháp…")
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip("Mở một tệp nháp (.json) nhận từ máy khác")
        self.import_button.clicked.connect(self.import_requested)
        actions.addWidget(self.import_button)
        self.import_word_button = QPushButton("Nhập từ tệp Word…")
        self.import_word_button.setObjectName("importWordButton")
        self.import_word_button.setToolTip(
            "Đọc một báo cáo đã soạn bằng Word (.docx), ví dụ báo cáo năm trước, thành bản nháp mới"
        )
        self.import_word_button.clicked.connect(self.import_word_requested)
        actions.addWidget(self.import_word_button)
        outer.addLayout(actions)

        # Banners: resume, damaged drafts, undo.
        self.resume_bar, self.resume_label, self.resume_button = self._banner(
            "info", "Tiếp tục soạn", "resumeButton"
        )
        self.resume_button.clicked.connect(self.resume_requested)
        outer.addWidget(self.resume_bar)
        self.damaged_box = QVBoxLayout()
        self.damaged_box.setSpacing(6)
        outer.addLayout(self.damaged_box)
        self.undo_bar, self.undo_label, self.undo_button = self._banner(
            "banner", "Hoàn tác", "undoDeleteButton"
        )
        self.undo_button.clicked.connect(self._undo)
        outer.addWidget(self.undo_bar)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("homeTabs")
        outer.addWidget(self.tabs, 1)

        drafts_tab = QWidget()
        drafts_layout = QVBoxLayout(drafts_tab)
        drafts_layout.setContentsMargins(8, 8, 8, 8)
        self.list_stack = QStackedWidget()
        self.list = _make_list("draftList", drafts_tab)
        self.list.setAccessibleName("Danh sách báo cáo")
        self.list.itemActivated.connect(lambda item, _c: self._emit_id(self.open_requested, item))
        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.empty = self._empty_state()
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.empty)
        drafts_layout.addWidget(self.list_stack, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton("Mở")
        self.open_button.setObjectName("openDraftButton")
        self.open_button.setToolTip("Mở báo cáo đang chọn (Enter)")
        self.open_button.clicked.connect(lambda: self._with_current(self.open_requested))
        self.duplicate_button = QPushButton("Nhân bản")
        self.duplicate_button.setObjectName("duplicateButton")
        self.duplicate_button.setToolTip("Tạo một bản sao y hệt của báo cáo đang chọn")
        self.duplicate_button.clicked.connect(lambda: self._with_current(self.duplicate_requested))
        self.export_button = QPushButton("Xuất tệp nháp…")
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip("Ghi báo cáo đang chọn ra một tệp để chép sang máy khác")
        self.export_button.clicked.connect(lambda: self._with_current(self.export_requested))
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip("Chuyển báo cáo đang chọn vào thùng rác (Delete)")
        self.delete_button.clicked.connect(lambda: self._with_current(self.delete_requested))
        for b in (self.open_button, self.duplicate_button, self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        drafts_layout.addLayout(row)
        self.tabs.addTab(drafts_tab, "Báo cáo")

        trash_tab = QWidget()
        trash_layout = QVBoxLayout(trash_tab)
        trash_layout.setContentsMargins(8, 8, 8, 8)
        trash_help = QLabel(
            "Báo cáo đã xóa nằm ở đây cho đến khi bạn khôi phục. Chọn một báo cáo rồi bấm "
            "“Khôi phục” để đưa về danh sách."
        )
        trash_help.setWordWrap(True)
        set_role(trash_help, "muted")
        trash_layout.addWidget(trash_help)
        self.trash_list = _make_list("trashList", trash_tab)
        self.trash_list.setAccessibleName("Thùng rác")
        self.trash_list.itemActivated.connect(
            lambda item, _c: self._emit_id(self.restore_requested, item)
        )
        self.trash_list.currentItemChanged.connect(self._selection_changed)
        trash_layout.addWidget(self.trash_list, 1)
        trash_row = QHBoxLayout()
        self.restore_button = QPushButton("Khôi phục")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(
            lambda: self._emit_id(self.restore_requested, self.trash_list.currentItem())
        )
        trash_row.addWidget(self.restore_button)
        trash_row.addStretch(1)
        trash_layout.addLayout(trash_row)
        self.tabs.addTab(trash_tab, "Thùng rác")

        self.resume_bar.setVisible(False)
        self.undo_bar.setVisible(False)
        self._selection_changed()

    # --- pieces ------------------------------------------------------------------------------

    def _empty_state(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        head = QLabel("Chưa có báo cáo nào")
        set_role(head, "heading")
        head.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(head)
        steps = QLabel(
            "<p>Bắt đầu bằng một trong hai cách:</p>"
            "<p><b>1. Bấm “+ Tạo báo cáo mới”</b> ở trên để soạn báo cáo của xã mình, "
            "đi lần lượt từng phần. Chương trình tự lưu sau mỗi thay đổi.</p>"
            "<p><b>2. Bấm “Mở báo cáo mẫu”</b> để xem một báo cáo đã điền đầy đủ "
            "(xã Diễn Châu) và bản in của nó.</p>"
            "<p>Đã có tệp nháp từ máy khác? Bấm “Nhập tệp nháp…”. Có báo cáo năm trước "
            "soạn bằng Word? Bấm “Nhập từ tệp Word…” để dùng lại nội dung của nó.</p>"
        )
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)
        steps.setMaximumWidth(640)
        # Centred with stretches, not an alignment flag: a word-wrapped label placed with an
        # alignment flag loses its height-for-width and gets clipped.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(steps, 4)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return w

    def _emit_id(self, signal: Signal, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            draft_id = item.data(0, ID_ROLE)
            if draft_id:
                signal.emit(draft_id)  # type: ignore[attr-defined]

    def _with_current(self, signal: Signal) -> None:
        self._emit_id(signal, self.list.currentItem())

    def _selection_changed(self, *_: object) -> None:
        has = self.list.currentItem() is not None
        for b in (
            self.open_button,
            self.duplicate_button,
            self.export_button,
            self.delete_button,
            self.from_earlier_button,
        ):
            b.setEnabled(has)
        self.restore_button.setEnabled(self.trash_list.currentItem() is not None)

    def _context_menu(self, pos: object) -> None:
        item = self.list.itemAt(pos)  # type: ignore[arg-type]
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self)
        for text, signal in (
            ("Mở", self.open_requested),
            ("Tạo báo cáo kỳ mới từ báo cáo này", self.from_earlier_requested),
            ("Nhân bản", self.duplicate_requested),
            ("Xuất tệp nháp…", self.export_requested),
            ("Xóa (chuyển vào thùng rác)", self.delete_requested),
        ):
            menu.addAction(text, lambda s=signal: self._with_current(s))
        menu.exec(self.list.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    def keyPressEvent(self, event: object) -> None:
        key = getattr(event, "key", lambda: None)()
        if key == Qt.Key.Key_Delete and self.list.hasFocus():
            self._with_current(self.delete_requested)
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def _undo(self) -> None:
        if self._deleted_id:
            self.undo_delete_requested.emit(self._deleted_id)

    # --- filling -----------------------------------------------------------------------------

    def set_drafts(self, summaries: Sequence[object], select_id: str = "") -> None:
        current = select_id or self.current_id()
        self.list.clear()
        for s in summaries:
            self.list.addTopLevelItem(_summary_item(s))
        self.list_stack.setCurrentWidget(self.list if summaries else self.empty)
        chosen = None
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, ID_ROLE) == current:
                chosen = item
        if chosen is None and self.list.topLevelItemCount():
            chosen = self.list.topLevelItem(0)
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        self._selection_changed()

    def set_trash(self, summaries: Sequence[object]) -> None:
        self.trash_list.clear()
        for s in summaries:
            self.trash_list.addTopLevelItem(_summary_item(s))
        self.tabs.setTabText(1, f"Thùng rác ({len(summaries)})" if summaries else "Thùng rác")
        if summaries:
            self.trash_list.setCurrentItem(self.trash_list.topLevelItem(0))
        self._selection_changed()

    def current_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else ""

    def focus_list(self) -> None:
        if self.list.topLevelItemCount():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
