"""The province's roll-up: many communes' reports added up in one table, checked, written out.

A window of its own beside the main one (where a report stays open, autosaved as ever). The
reports are chosen, "Tổng hợp" runs the workspace's roll-up off the UI thread; the result is a
sortable table with the totals pinned under it, a "Kiểm tra" tab, and Excel / PDF copies.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QStandardPaths, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from dienchau_desktop.draft import EXAMPLE_DRAFT_ID
from dienchau_desktop.gui.rollup_parts import (
    MAX_COLUMN_PX,
    CommuneModel,
    FrozenTable,
    NumberSortProxy,
    RollupJob,
    TotalsModel,
    default_name,
    fill_problems,
    summary_text,
)
from dienchau_desktop.gui.style import set_role
from dienchau_desktop.gui.workers import single_thread_pool

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
Policy = QSizePolicy.Policy
DIR_SETTING = "last_rollup_dir"
FILE_FILTER = "Báo cáo của các xã (*.json *.docx *.zip);;Mọi tệp (*)"


def _button(text: str, name: str, tip: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.rstrip("…"))
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class StoreDraftPicker(QDialog):
    """Which of the drafts on this computer to add: those ticked, or all of them."""

    def __init__(self, summaries: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeDraftPicker")
        self.setWindowTitle("Thêm bản nháp trong máy")
        self.all_chosen = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Đánh dấu các bản nháp cần tổng hợp, hoặc “Thêm tất cả”."))
        self.list = QListWidget()
        self.list.setObjectName("storeDraftList")
        self.list.setAccessibleName("Bản nháp trong máy")
        for s in summaries:
            title = s.title or "(chưa đặt tên)"
            item = QListWidgetItem(f"{title} — {s.commune}" if s.commune else title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(SOURCE_ROLE, (s.id, title))
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        box = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        for label, name, kind, slot in (
            ("Chọn hết", "checkAllDraftsButton", role.ResetRole, self.check_all),
            ("Thêm các bản đã chọn", "addCheckedDraftsButton", role.AcceptRole, self.accept),
            ("Thêm tất cả", "addAllDraftsButton", role.ActionRole, self._all),
            ("Hủy", "cancelDraftsButton", role.RejectRole, self.reject),
        ):
            button = box.addButton(label, kind)
            button.setObjectName(name)
            button.clicked.connect(slot)
        layout.addWidget(box)
        self.resize(560, 420)

    def check_all(self) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked)

    def _all(self) -> None:
        self.all_chosen = True
        self.accept()

    def chosen(self) -> list[tuple[str, str]]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [i.data(SOURCE_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]


class RollupOutput:
    """Mixin of :class:`RollupWindow`: the result shown, and written to Excel or PDF."""

    def show_rollup(self, rollup: Any) -> None:
        self.rollup = rollup
        self.model.set_rollup(rollup)
        self.totals_model.set_rollup(rollup)
        self.totals_view.setVisible(True)
        # Not resizeColumnsToContents(): a header's room for the sort arrow grows with its
        # height (Qt), and these headers have four lines.
        metrics = self.table.horizontalHeader().fontMetrics()
        for col in range(self.model.columnCount()):
            head = str(self.proxy.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(line) for line in head.split("\n")) + 28
            width = max(width, self.table.sizeHintForColumn(col) + 8)
            width = max(width, self.totals_view.sizeHintForColumn(col) + 8)
            self.table.setColumnWidth(col, min(width, MAX_COLUMN_PX + (80 if col == 0 else 0)))
        self._fit_totals()
        self.summary.setText(summary_text(rollup))
        set_role(self.summary, "warning" if "Cần xem" in self.summary.text() else "ok")
        count = fill_problems(self.problems, rollup)
        self.tabs.setTabText(1, f"Kiểm tra ({count})" if count else "Kiểm tra")
        self._update_buttons()

    def _fit_totals(self, *_: object) -> None:
        bar = self.table.verticalScrollBar()
        self.totals_view.set_right_margin(bar.sizeHint().width() if bar.maximum() > 0 else 0)

    def _start_dir(self) -> str:
        for key in (DIR_SETTING, "last_file_dir"):
            try:
                remembered = self.workspace.get_setting(key, None, str)
            except Exception:  # a store that cannot be read: no remembered folder, that is all
                remembered = None
            if isinstance(remembered, str) and Path(remembered).is_dir():
                return remembered
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    def _remember_dir(self, folder: Path) -> None:
        try:
            self.workspace.set_setting(DIR_SETTING, str(folder))
        except Exception as exc:  # read-only or failing store: the folder is not remembered
            self.statusBar().showMessage(str(exc), 5000)

    def save_xlsx(self) -> None:
        self._save("xlsx", "Lưu bảng tổng hợp ra tệp Excel", "Tệp Excel (*.xlsx)")

    def save_pdf(self) -> None:
        self._save("pdf", "Lưu bản in tổng hợp (PDF)", "Tệp PDF (*.pdf)")

    def _save(self, kind: str, title: str, file_filter: str) -> None:
        if self.rollup is None:
            return
        extension = f".{kind}"
        suggested = str(Path(self._start_dir()) / default_name(self.rollup, extension))
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, file_filter)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != extension:
            target = target.with_name(target.name + extension)
        what = "tệp Excel" if kind == "xlsx" else "bản in PDF"
        message = ""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.workspace.write_rollup(self.rollup, **{kind: target})
        except OSError as exc:
            message = (
                f"Không ghi được tệp “{target}” ({exc.strerror or exc}). Nếu tệp đang mở trong "
                "Excel hay trình xem PDF, hãy đóng nó; hoặc chọn thư mục khác, ví dụ thư mục "
                "Tài liệu (Documents)."
            )
        except Exception as exc:
            from dienchau_desktop.crashlog import write_crash_log

            write_crash_log(exc, self.data_dir)
            message = (
                f"Không lưu được {what} do lỗi của chương trình. Chi tiết kỹ thuật đã được ghi "
                f"vào nhật ký lỗi ({type(exc).__name__})."
            )
        finally:
            QApplication.restoreOverrideCursor()
        if message:
            QMessageBox.warning(self, f"Không lưu được {what}", message)
            return
        self.last_saved_path = target
        self._remember_dir(target.parent)
        self.statusBar().showMessage(f"Đã lưu {what} vào “{target}”.", 15000)


class RollupWindow(RollupOutput, QMainWindow):
    """Choose the communes' reports, add them up, look, write out."""

    def __init__(self, workspace: Any, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.data_dir = data_dir
        self.rollup: Any = None
        self.last_saved_path: Path | None = None
        self._pool = single_thread_pool(self)
        self._job = 0  # the newest run
        self._answered = 0  # the newest run that has reported back
        self.setObjectName("rollupWindow")
        self.setWindowTitle("Tổng hợp nhiều báo cáo")
        self.setAcceptDrops(True)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(20, 14, 20, 8)
        title = QLabel("Tổng hợp nhiều báo cáo")
        set_role(title, "title")
        outer.addWidget(title)
        help_text = QLabel(
            "Cộng số liệu báo cáo của nhiều xã, phường thành một bảng. Chọn các tệp nhận được (tệp "
            "nháp .json, báo cáo Word .docx, tệp .zip hay cả thư mục; có thể kéo thả vào đây) hoặc "
            "bản nháp trong máy, rồi bấm “Tổng hợp”. Các tệp không bị thay đổi."
        )
        help_text.setWordWrap(True)
        set_role(help_text, "muted")
        outer.addWidget(help_text)
        outer.addLayout(self._sources_row())
        outer.addLayout(self._run_row())
        self.summary = QLabel("Chưa tổng hợp: thêm báo cáo vào danh sách rồi bấm “Tổng hợp”.")
        self.summary.setObjectName("rollupSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        outer.addWidget(self._result_tabs(), 1)
        self.setCentralWidget(central)
        self._show_busy()
        self._update_buttons()

    # --- building ----------------------------------------------------------------------------

    def _sources_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.sources = QListWidget()
        self.sources.setObjectName("rollupSources")
        self.sources.setAccessibleName("Các báo cáo sẽ tổng hợp")
        self.sources.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sources.setMaximumHeight(100)
        self.sources.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Delete, self.sources, self.remove_selected)
        row.addWidget(self.sources, 1)
        buttons = QGridLayout()
        buttons.setSpacing(6)
        made = [
            _button("Thêm tệp…", "addFilesButton", "Tệp .json, .docx, .zip", self.add_files),
            _button("Thêm thư mục…", "addFolderButton", "Kể cả thư mục con", self.add_folder),
            _button("Thêm bản nháp trong máy…", "addStoreDraftsButton", "Các báo cáo soạn trên "
                    "máy này", self.add_store_drafts),
            _button("Bỏ khỏi danh sách", "removeSourceButton", "Bỏ các mục đang chọn (Delete)",
                    self.remove_selected),
        ]  # fmt: skip
        self.add_files_button, self.add_folder_button, self.add_drafts_button = made[:3]
        self.remove_button = made[3]
        for i, b in enumerate(made):
            buttons.addWidget(b, i // 2, i % 2)
        buttons.setRowStretch(2, 1)
        row.addLayout(buttons)
        return row

    def _run_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.run_button = _button("Tổng hợp", "runRollupButton", "Đọc và cộng số liệu", self.run)
        set_role(self.run_button, "primary")
        row.addWidget(self.run_button)
        self.busy_label = QLabel("Đang đọc và cộng số liệu…")
        self.busy_label.setObjectName("rollupBusyLabel")
        set_role(self.busy_label, "muted")
        row.addWidget(self.busy_label)
        self.progress = QProgressBar()
        self.progress.setObjectName("rollupProgress")
        self.progress.setAccessibleName("Đang tổng hợp")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        row.addWidget(self.progress)
        row.addStretch(1)
        self.xlsx_button = _button(
            "Lưu tệp Excel…", "rollupXlsxButton", "Bảng tổng hợp để lọc, tính tiếp", self.save_xlsx
        )
        row.addWidget(self.xlsx_button)
        self.pdf_button = _button(
            "Lưu bản in PDF…", "rollupPdfButton", "Bản tổng hợp để in, gửi", self.save_pdf
        )
        row.addWidget(self.pdf_button)
        return row

    def _result_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("rollupTabs")
        self.tabs.setAccessibleName("Kết quả tổng hợp")
        table_tab = QWidget()
        layout = QVBoxLayout(table_tab)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(0)
        self.model = CommuneModel(self)
        self.proxy = NumberSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = FrozenTable("rollupTable", "Bảng tổng hợp số liệu các xã")
        self.table.setModel(self.proxy)
        self.table.set_sorting()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table, 1)
        self.totals_model = TotalsModel(self)
        self.totals_view = FrozenTable("rollupTotals", "Dòng tổng cộng")
        self.totals_view.setModel(self.totals_model)
        self.totals_view.horizontalHeader().hide()
        self.totals_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_view.setFrameShape(QFrame.Shape.Box)
        self.totals_view.setVisible(False)  # until there is a result
        layout.addWidget(self.totals_view)
        layout.addStretch(0)
        # Both as tall as their rows (the totals right under the last commune), whatever the
        # text size; the table scrolls when there are more communes than room.
        for view, tall in ((self.table, Policy.Maximum), (self.totals_view, Policy.Fixed)):
            view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
            view.setSizePolicy(Policy.Ignored, tall)
        # One sideways scroll bar, under the totals, moves both tables.
        hbar, tbar = self.table.horizontalScrollBar(), self.totals_view.horizontalScrollBar()
        hbar.valueChanged.connect(tbar.setValue)
        tbar.valueChanged.connect(hbar.setValue)
        self.table.verticalScrollBar().rangeChanged.connect(self._fit_totals)
        self.table.horizontalHeader().sectionResized.connect(
            lambda col, _old, new: self.totals_view.setColumnWidth(col, new)
        )
        self.tabs.addTab(table_tab, "Bảng tổng hợp")
        self.problems = QTreeWidget()
        self.problems.setObjectName("rollupProblems")
        self.problems.setAccessibleName("Kiểm tra: những báo cáo cần xem lại")
        self.problems.setHeaderLabels(["Báo cáo, tệp", "Vấn đề"])
        self.problems.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's file name shows
        self.problems.setColumnWidth(0, 320)
        self.tabs.addTab(self.problems, "Kiểm tra")
        return self.tabs

    # --- the sources -------------------------------------------------------------------------

    def _add(self, text: str, source: tuple[str, str], icon: Any, tip: str = "") -> None:
        listed = (self.sources.item(i).data(SOURCE_ROLE) for i in range(self.sources.count()))
        if source in listed:
            return
        item = QListWidgetItem(self.style().standardIcon(icon), text)
        item.setData(SOURCE_ROLE, source)
        item.setToolTip(tip or text)
        self.sources.addItem(item)
        self._sources_changed()

    def add_paths(self, paths: Sequence[str]) -> None:
        """Files or folders (draft files, Word reports, zips, folders of them) to add up."""
        for p in paths:
            path = Path(p)
            if path.is_dir():
                self._add(f"Thư mục: {path}", ("path", str(path)), QStyle.StandardPixmap.SP_DirIcon)
            else:
                text = f"{path.name}   ({path.parent})"
                self._add(text, ("path", str(path)), QStyle.StandardPixmap.SP_FileIcon, str(path))

    def add_files(self) -> None:
        start = self._start_dir()
        paths, _ = QFileDialog.getOpenFileNames(self, "Chọn báo cáo các xã", start, FILE_FILTER)
        if paths:
            self._remember_dir(Path(paths[0]).parent)
            self.add_paths(paths)

    def add_folder(self) -> None:
        start = self._start_dir()
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục báo cáo các xã", start)
        if folder:
            self._remember_dir(Path(folder))
            self.add_paths([folder])

    def add_store_drafts(self) -> None:
        try:
            summaries = [s for s in self.workspace.summaries() if s.id != EXAMPLE_DRAFT_ID]
        except Exception as exc:  # the store cannot be read now
            QMessageBox.warning(self, "Không đọc được danh sách bản nháp", str(exc))
            return
        if not summaries:
            text = "Trong máy chưa có bản nháp nào ngoài báo cáo mẫu."
            QMessageBox.information(self, "Chưa có bản nháp", text)
            return
        picker = StoreDraftPicker(summaries, self)
        if picker.exec() != QDialog.DialogCode.Accepted.value:
            return
        drive = QStyle.StandardPixmap.SP_DriveHDIcon
        if picker.all_chosen:
            for i in reversed(range(self.sources.count())):
                if self.sources.item(i).data(SOURCE_ROLE)[0] == "draft":
                    self.sources.takeItem(i)
            text = f"Mọi bản nháp trong máy (hiện có {len(summaries)}, trừ báo cáo mẫu)"
            self._add(text, ("all", ""), drive)
            return
        for draft_id, title in picker.chosen():
            self._add(f"Bản nháp trong máy: {title}", ("draft", draft_id), drive)

    def remove_selected(self) -> None:
        for item in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(item))
        self._sources_changed()

    def chosen_sources(self) -> tuple[list[str], list[str], bool]:
        """(paths, draft ids, all the drafts on this computer) as listed."""
        listed = [self.sources.item(i).data(SOURCE_ROLE) for i in range(self.sources.count())]
        every = any(kind == "all" for kind, _ in listed)
        drafts = [] if every else [v for kind, v in listed if kind == "draft"]
        return [v for kind, v in listed if kind == "path"], drafts, every

    def _sources_changed(self) -> None:
        if self.rollup is not None and not self.is_busy():
            stale = " Danh sách báo cáo đã thay đổi: bấm “Tổng hợp” để cộng lại."
            self.summary.setText(summary_text(self.rollup) + stale)
        self._update_buttons()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths([u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()

    # --- running -----------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._answered != self._job

    def run(self) -> None:
        """Add up what is listed, off the UI thread; the newest run wins (older ones ignored)."""
        paths, draft_ids, every = self.chosen_sources()
        if not (paths or draft_ids or every):
            return
        self._pool.clear()
        self._job += 1
        tally = partial(self.workspace.rollup, paths, draft_ids=draft_ids, all_drafts=every)
        job = RollupJob(self._job, tally, self.data_dir)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._show_busy()
        self.statusBar().showMessage("Đang tổng hợp…")
        self._pool.start(job)

    def _show_busy(self) -> None:
        for w in (self.busy_label, self.progress):
            w.setVisible(self.is_busy())

    def _answer(self, job_id: int) -> bool:  # the newest run's answer? (then no longer busy)
        if job_id != self._job:
            return False
        self._answered = job_id
        self._show_busy()
        return True

    def _done(self, job_id: int, rollup: Any) -> None:
        if self._answer(job_id):
            self.show_rollup(rollup)
            self.statusBar().showMessage(f"Đã tổng hợp {len(rollup.communes)} xã, phường.", 10000)

    def _failed(self, job_id: int, message: str) -> None:
        if self._answer(job_id):
            self.statusBar().showMessage(message, 10000)
            QMessageBox.warning(self, "Không tổng hợp được", message)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.rollup is not None:
            self.show_rollup(self.rollup)  # the text size changed: the columns fitted again

    def _update_buttons(self) -> None:
        self.run_button.setEnabled(self.sources.count() > 0)
        self.remove_button.setEnabled(bool(self.sources.selectedItems()))
        self.xlsx_button.setEnabled(self.rollup is not None)
        self.pdf_button.setEnabled(self.rollup is not None)

    def shutdown(self) -> None:
        """Wait for a running roll-up (at most a few seconds) before the data folder closes."""
        self._pool.clear()
        self._job += 1
        self._pool.waitForDone(10000)
