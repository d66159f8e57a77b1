"""The main window: the drafts home and the wizard for the open draft, one at a time.

It carries out what the home page asks (new, from an earlier report, open, duplicate, delete,
restore, import, export, example, resume, recover; the roll-up of many communes' reports, in a
window of its own) through the store, owns the menus and the shortcuts (Ctrl+S, Ctrl+P,
Ctrl+plus/minus), and makes sure the open draft is saved before it is closed or the program
exits.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from dienchau_desktop.gui import style
from dienchau_desktop.gui.common import APP_TITLE, storage
from dienchau_desktop.gui.draft_actions import DraftActions
from dienchau_desktop.gui.home import HomePage
from dienchau_desktop.gui.wizard_host import WizardHost
from dienchau_desktop.paths import resource_path

if TYPE_CHECKING:
    from dienchau_desktop.workspace import Workspace


def app_icon() -> QIcon:
    path = resource_path("icons", "app.png")
    return QIcon(str(path)) if path.is_file() else QIcon()


class RollupHost:
    """Mixin of :class:`MainWindow` (``self`` is the window): the province's roll-up window."""

    workspace: Any
    rollup_window: Any

    def open_rollup(self) -> None:
        """The roll-up of many communes' reports, in a window of its own (not modal: a report
        open here is still edited and autosaved). Reopened as it was left."""
        if self.workspace is None:
            return
        if self.rollup_window is None:
            from dienchau_desktop.gui.rollup_page import RollupWindow

            window = RollupWindow(self.workspace, self.data_dir)
            window.setWindowIcon(self.windowIcon())
            for a in (self.bigger_action, self.smaller_action, self.reset_size_action):
                window.addAction(a)  # Ctrl+plus / minus work there too
            window.resize(self.size())
            window.move(self.pos() + QPoint(24, 24))
            self.rollup_window = window
        if self.isMaximized():
            self.rollup_window.showMaximized()
        else:
            self.rollup_window.show()
        self.rollup_window.raise_()
        self.rollup_window.activateWindow()

    def _close_rollup(self) -> None:
        if self.rollup_window is not None:
            window, self.rollup_window = self.rollup_window, None
            window.shutdown()  # its worker reads the store: done before the store closes
            window.close()
            window.deleteLater()


class MainWindow(DraftActions, WizardHost, RollupHost, QMainWindow):
    """Home and wizard in one window."""

    draft_opened = Signal(str)

    def __init__(self, workspace: Workspace | None, data_dir: Path) -> None:
        """The window; with ``workspace`` None it shows at once and :meth:`attach_workspace`
        fills it (the workspace's store is open by then)."""
        super().__init__()
        self.workspace: Any = None
        self.data_dir = data_dir
        self.wizard: Any = None
        self.rollup_window: Any = None  # the roll-up's own window, made on first use
        self._closing = False
        self._store_closed = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())

        self.stack = QStackedWidget(self)
        self.home = HomePage(self.stack)
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self._connect_home()

        self.save_label = QLabel("")
        self.save_label.setObjectName("saveStatus")
        self.statusBar().addPermanentWidget(self.save_label)
        self._size_timer = QTimer(self)
        self._size_timer.setSingleShot(True)
        self._size_timer.setInterval(350)
        self._size_timer.timeout.connect(self._apply_wanted_size)
        self._build_actions()
        self.text_size = style.apply_text_size(style.DEFAULT_PT)
        self._wanted_size = self.text_size
        self._update_actions()
        if workspace is not None:
            self.attach_workspace(workspace)

    @property
    def store(self) -> Any:
        """The open workspace's draft store (None before the workspace is attached)."""
        return self.workspace.store if self.workspace is not None else None

    def attach_workspace(self, workspace: Workspace) -> None:
        """Work on this data folder from now on: remembered text size, the drafts list."""
        self.workspace = workspace
        self._store_closed = False
        self.text_size = style.apply_text_size(
            style.clamp_size(self._setting(style.TEXT_SIZE_SETTING, style.DEFAULT_PT))
        )
        self._wanted_size = self.text_size
        self.refresh_home()
        self._update_actions()

    # --- settings ----------------------------------------------------------------------------

    def _setting(self, key: str, default: Any = None, kind: Any = None) -> Any:
        if self.store is None:
            return default
        try:
            return self.store.get_setting(key, default, kind)
        except storage.StoreError:
            return default

    def _last_position(self) -> Any:
        """Where the user was (draft, page, field), or None when it cannot be read."""
        if self.workspace is None:
            return None
        try:
            return self.workspace.last_position()
        except storage.StoreError:
            return None

    def _set_setting(self, key: str, value: Any) -> None:
        if self.store is None:
            return
        try:
            self.store.set_setting(key, value)
        except storage.StoreError as exc:
            self.statusBar().showMessage(str(exc), 8000)

    # --- menus and shortcuts -----------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                # The same sequence twice would make the shortcut ambiguous (and dead).
                unique: dict[str, QKeySequence] = {}
                for seq in shortcut:
                    key = QKeySequence(seq)
                    if not key.isEmpty():
                        unique.setdefault(key.toString(), key)
                action.setShortcuts(list(unique.values()))
            else:
                action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("Tạo báo cáo mới", self.new_draft, QKeySequence("Ctrl+N"))
        self.example_action = self._action("Mở báo cáo mẫu", self.open_example)
        self.import_action = self._action("Nhập tệp nháp…", self.import_draft)
        self.rollup_action = self._action("Tổng hợp nhiều báo cáo…", self.open_rollup)
        self.export_action = self._action("Xuất bản nháp đang mở ra tệp…", self.export_open)
        self.save_action = self._action(
            "Lưu ngay", self.save_now, QKeySequence("Ctrl+S"), "saveAction"
        )
        self.print_action = self._action(
            "In…", self.print_now, QKeySequence("Ctrl+P"), "printAction"
        )
        self.home_action = self._action("Về danh sách báo cáo", self.go_home)
        self.quit_action = self._action("Thoát", self.close, QKeySequence("Ctrl+Q"))
        self.bigger_action = self._action(
            "Chữ to hơn",
            lambda: self.change_text_size(style.STEP_PT),
            [QKeySequence("Ctrl++"), QKeySequence("Ctrl+="), QKeySequence.StandardKey.ZoomIn],
            "biggerTextAction",
        )
        self.smaller_action = self._action(
            "Chữ nhỏ hơn",
            lambda: self.change_text_size(-style.STEP_PT),
            [QKeySequence("Ctrl+-"), QKeySequence.StandardKey.ZoomOut],
            "smallerTextAction",
        )
        self.reset_size_action = self._action(
            "Cỡ chữ mặc định", lambda: self.set_text_size(style.DEFAULT_PT), QKeySequence("Ctrl+0")
        )
        self.data_dir_action = self._action("Mở thư mục dữ liệu", self.show_data_dir)
        self.about_action = self._action("Giới thiệu", self.about)

        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        for a in (self.new_action, self.example_action, self.import_action, self.export_action):
            file_menu.addAction(a)
        file_menu.addAction(self.rollup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self.home_action)
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu("&Xem")
        for a in (self.bigger_action, self.smaller_action, self.reset_size_action):
            view_menu.addAction(a)
        help_menu = bar.addMenu("Trợ &giúp")
        help_menu.addAction(self.data_dir_action)
        help_menu.addAction(self.about_action)

    def _update_actions(self) -> None:
        open_draft = self.wizard is not None
        for a in (self.save_action, self.print_action, self.home_action, self.export_action):
            a.setEnabled(open_draft)
        ready = self.store is not None
        for a in (self.new_action, self.example_action, self.import_action, self.rollup_action):
            a.setEnabled(ready)
        self.home.setEnabled(ready)

    def change_text_size(self, delta: float) -> None:
        """Ctrl+plus / Ctrl+minus: the size shows at once; the text follows a moment later.

        Restyling every widget of an open report takes most of a second, so presses in quick
        succession are gathered and applied once.
        """
        self._wanted_size = style.clamp_size(self._wanted_size + delta)
        self.statusBar().showMessage(f"Cỡ chữ: {self._wanted_size:g}", 3000)
        self._size_timer.start()

    def _apply_wanted_size(self) -> None:
        self.set_text_size(self._wanted_size)

    def set_text_size(self, pt: float) -> None:
        self._size_timer.stop()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.text_size = style.apply_text_size(pt)
        finally:
            QApplication.restoreOverrideCursor()
        self._wanted_size = self.text_size
        self._set_setting(style.TEXT_SIZE_SETTING, self.text_size)
        self.statusBar().showMessage(f"Cỡ chữ: {self.text_size:g}", 3000)

    # --- home --------------------------------------------------------------------------------

    def _connect_home(self) -> None:
        h = self.home
        h.new_requested.connect(self.new_draft)
        h.from_earlier_requested.connect(self.new_from_earlier)
        h.open_requested.connect(self.open_draft)
        h.duplicate_requested.connect(self.duplicate_draft)
        h.delete_requested.connect(self.delete_draft)
        h.undo_delete_requested.connect(self.undo_delete)
        h.restore_requested.connect(self.restore_draft)
        h.import_requested.connect(self.import_draft)
        h.import_word_requested.connect(self.import_word)
        h.export_requested.connect(self.export_draft)
        h.example_requested.connect(self.open_example)
        h.resume_requested.connect(self.resume)
        h.recover_requested.connect(self.recover_draft)
        h.notice_dismissed.connect(self._dismiss_notice)
        h.rollup_requested.connect(self.open_rollup)

    def _dismiss_notice(self, text: str) -> None:
        if self.workspace is not None:
            self.workspace.dismiss_notice(text)

    def refresh_home(self, select_id: str = "") -> None:
        try:
            summaries = self.workspace.summaries()
            trash = self.workspace.trash()
            damaged = self.workspace.damaged()
            notices = self.workspace.notices()
        except storage.StoreError as exc:
            self._warn("Không đọc được danh sách báo cáo", str(exc))
            return
        self.home.set_drafts(summaries, select_id)
        self.home.set_trash(trash)
        self.home.set_damaged(damaged)
        self.home.set_notices(notices)
        pos = self._last_position()
        title = ""
        where = ""
        if isinstance(pos, dict):
            match = next((s for s in summaries if s.id == pos.get("draft_id")), None)
            if match is not None:
                title = match.title
                where = self._page_name(match.template_id, str(pos.get("page", "")))
        self.home.set_resume(title, where)

    def _page_name(self, template_id: str, key: str) -> str:
        if key.startswith("section:"):
            return f"Phần {key.split(':', 1)[1]}"
        return {"meta": "Thông tin chung", "review": "Rà soát", "print": "Xem trước và in"}.get(
            key, "Thông tin chung"
        )

    def go_home(self) -> None:
        if self.wizard is not None and not self.close_wizard():
            return
        self.stack.setCurrentWidget(self.home)
        self.refresh_home()
        self.home.focus_list()

    # --- help --------------------------------------------------------------------------------

    def show_data_dir(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def about(self) -> None:
        from dienchau_desktop import __version__

        QMessageBox.about(
            self,
            "Giới thiệu",
            f"<b>{APP_TITLE}</b> — phiên bản {__version__}<br><br>"
            "Soạn, kiểm tra và in Báo cáo tổng kết Kết luận số 62-KL/TW. "
            "Chạy hoàn toàn trên máy này, không cần Internet.<br><br>"
            f"Thư mục dữ liệu: {self.data_dir}",
        )

    def _warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.wizard is not None and not self.close_wizard():
            event.ignore()
            return
        self.close_store()
        event.accept()

    def close_store(self) -> None:
        self._close_rollup()
        if self.workspace is not None and not self._store_closed:
            self._store_closed = True
            with contextlib.suppress(storage.StoreError):
                self.workspace.close()


def create_main_window(data_dir: Path) -> MainWindow:
    """The whole window on a data directory (the caller owns the QApplication).

    Raises :class:`~dienchau_desktop.store.StoreLockedError` when another running copy of the
    program holds the data directory.
    """
    from dienchau_desktop.workspace import Workspace

    workspace = Workspace(Path(data_dir))
    workspace.open_store()
    try:
        return MainWindow(workspace, Path(data_dir))
    except BaseException:
        workspace.close()
        raise


__all__ = ["APP_TITLE", "MainWindow", "QWidget", "create_main_window"]
