"""The main window: the drafts home and the wizard for the open draft, one at a time.

It carries out what the home page asks (new, from an earlier report, open, duplicate, delete,
restore, import, export, example, resume, recover) through the store, owns the menus and the
shortcuts (Ctrl+S, Ctrl+P, Ctrl+plus/minus), and makes sure the open draft is saved before it is
closed or the program exits.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from dienchau_desktop.gui import style
from dienchau_desktop.gui.home import HomePage
from dienchau_desktop.paths import resource_path

if TYPE_CHECKING:
    from dienchau_desktop.draft import Draft
    from dienchau_desktop.workspace import Workspace


class _Lazy:
    """A module imported on first use: the window is on screen before the core is imported."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


def _lazy(name: str) -> Any:
    return _Lazy(name)


drafts = _lazy("dienchau_desktop.draft")
storage = _lazy("dienchau_desktop.store")
templates = _lazy("dienchau_desktop.template")

APP_TITLE = "Báo cáo Đảng ủy xã"
POSITION_SETTING = "last_position"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def app_icon() -> QIcon:
    path = resource_path("icons", "app.png")
    return QIcon(str(path)) if path.is_file() else QIcon()


class MainWindow(QMainWindow):
    """Home and wizard in one window."""

    draft_opened = Signal(str)

    def __init__(self, workspace: Workspace | None, data_dir: Path) -> None:
        """The window; with ``workspace`` None it shows at once and :meth:`attach_workspace`
        fills it (the workspace's store is open by then)."""
        super().__init__()
        self.workspace: Any = None
        self.data_dir = data_dir
        self.wizard: Any = None
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

    def _setting(self, key: str, default: Any = None) -> Any:
        if self.store is None:
            return default
        try:
            return self.store.get_setting(key, default)
        except storage.StoreError:
            return default

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
        for a in (self.new_action, self.example_action, self.import_action):
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
        h.export_requested.connect(self.export_draft)
        h.example_requested.connect(self.open_example)
        h.resume_requested.connect(self.resume)
        h.recover_requested.connect(self.recover_draft)
        h.notice_dismissed.connect(self._dismiss_notice)

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
        pos = self._setting(POSITION_SETTING, None)
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

    # --- actions on drafts -------------------------------------------------------------------

    def _template(self, template_id: str = "") -> Any:
        try:
            return self.workspace.template(template_id)
        except templates.TemplateError as exc:
            self._warn("Không mở được mẫu báo cáo", str(exc))
            return None

    def _create(self, title: str, make: Any) -> Any:
        """Run a workspace action that makes and saves a new draft; None (user told) if refused."""
        try:
            return make()
        except (storage.StoreError, drafts.DraftError, templates.TemplateError) as exc:
            self._warn(title, str(exc))
            return None

    def new_draft(self) -> None:
        draft = self._create("Không lưu được báo cáo", self.workspace.new_draft)
        if draft is not None:
            self.open_draft(draft.id)

    def new_from_earlier(self, draft_id: str) -> None:
        draft = self._create(
            "Không tạo được báo cáo kỳ mới", lambda: self.workspace.new_from(draft_id)
        )
        if draft is not None:
            self.open_draft(draft.id)
            self.statusBar().showMessage(
                "Đã tạo báo cáo kỳ mới: nội dung được giữ lại, số liệu kỳ trước ghi bên cạnh mỗi "
                "ô để tham khảo. Hãy nhập số liệu mới, số và ngày văn bản.",
                15000,
            )

    def duplicate_draft(self, draft_id: str) -> None:
        draft = self._create("Không nhân bản được", lambda: self.workspace.duplicate(draft_id))
        if draft is not None:
            self.refresh_home(draft.id)
            self.statusBar().showMessage(f"Đã tạo bản sao “{draft.title}”.", 6000)

    def delete_draft(self, draft_id: str) -> None:
        title = self.workspace.title_of(draft_id)
        try:
            self.workspace.delete(draft_id)
        except storage.StoreError as exc:
            self._warn("Không xóa được", str(exc))
            return
        self.refresh_home()
        self.home.show_deleted(draft_id, title)

    def undo_delete(self, draft_id: str) -> None:
        self.restore_draft(draft_id)
        self.home.hide_undo()

    def restore_draft(self, draft_id: str) -> None:
        try:
            self.workspace.restore(draft_id)
        except storage.StoreError as exc:
            self._warn("Không khôi phục được", str(exc))
            return
        self.home.tabs.setCurrentIndex(0)
        self.refresh_home(draft_id)
        self.statusBar().showMessage("Đã khôi phục báo cáo.", 5000)

    def recover_draft(self, draft_id: str) -> None:
        try:
            draft = self.workspace.recover(draft_id)
        except (storage.StoreError, drafts.DraftError) as exc:
            self._warn("Không khôi phục được bản nháp bị hỏng", str(exc))
            return
        self.refresh_home(draft.id)
        self.statusBar().showMessage(f"Đã khôi phục “{draft.title}”.", 8000)

    def _documents_dir(self) -> str:
        remembered = self._setting("last_file_dir", None)
        if isinstance(remembered, str) and Path(remembered).is_dir():
            return remembered
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    def import_draft(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Nhập tệp nháp", self._documents_dir(), "Tệp nháp báo cáo (*.json);;Mọi tệp (*)"
        )
        if not path:
            return
        try:
            new_id = self.workspace.import_file(path)
        except (storage.StoreError, drafts.DraftError) as exc:
            self._warn("Không nhập được tệp", str(exc))
            return
        self._set_setting("last_file_dir", str(Path(path).parent))
        self.refresh_home(new_id)
        self.statusBar().showMessage("Đã nhập tệp nháp vào danh sách.", 6000)

    def export_draft(self, draft_id: str) -> None:
        title = self.workspace.title_of(draft_id, "bao-cao")
        name = (_UNSAFE.sub(" ", title).strip().strip(".") or "bao-cao") + ".json"
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Xuất tệp nháp",
            str(Path(self._documents_dir()) / name),
            "Tệp nháp báo cáo (*.json)",
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".json":
            target = target.with_name(target.name + ".json")
        try:
            self.workspace.export(draft_id, target)
        except (storage.StoreError, OSError) as exc:
            self._warn("Không xuất được tệp", str(exc))
            return
        self._set_setting("last_file_dir", str(target.parent))
        self.statusBar().showMessage(f"Đã xuất tệp nháp ra “{target}”.", 8000)

    def export_open(self) -> None:
        if self.wizard is not None:
            self.wizard.save_now()
            self.export_draft(self.wizard.draft.id)

    def open_example(self) -> None:
        """Open the bundled example (a fresh copy the first time, the user's copy after)."""
        example_id = self._create("Không mở được báo cáo mẫu", self.workspace.ensure_example)
        if example_id is None:
            return
        self.open_draft(example_id)

    def resume(self) -> None:
        pos = self._setting(POSITION_SETTING, None)
        if isinstance(pos, dict) and isinstance(pos.get("draft_id"), str):
            self.open_draft(pos["draft_id"])

    # --- the wizard --------------------------------------------------------------------------

    def open_draft(self, draft_id: str) -> bool:
        if self.wizard is not None:
            if self.wizard.draft.id == draft_id:
                self.stack.setCurrentWidget(self.wizard)
                return True
            if not self.close_wizard():
                return False
        try:
            draft = self.workspace.store.load(draft_id)
        except (storage.StoreError, drafts.DraftError) as exc:
            self._warn("Không mở được báo cáo", str(exc))
            self.refresh_home()
            return False
        template = self._template(draft.template_id)
        if template is None:
            return False
        from dienchau_desktop.gui.wizard import Wizard  # keeps start-up light

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            wizard = Wizard(self.workspace, draft, template, self.data_dir, self.stack)
        finally:
            QApplication.restoreOverrideCursor()
        wizard.home_requested.connect(self.go_home)
        wizard.status_message.connect(lambda m: self.statusBar().showMessage(m, 10000))
        wizard.saved.connect(self._saved)
        wizard.save_failed.connect(self._save_failed)
        wizard.autosaver.dirty_changed.connect(self._dirty_changed)
        wizard.title_changed.connect(self._title_changed)
        self.wizard = wizard
        self.stack.addWidget(wizard)
        self.stack.setCurrentWidget(wizard)
        self._title_changed(draft.title)
        self.save_label.setText("Đã lưu")
        self._update_actions()
        pos = self._setting(POSITION_SETTING, None)
        if isinstance(pos, dict) and pos.get("draft_id") == draft.id:
            QTimer.singleShot(0, wizard, lambda: self._restore(wizard, pos))
        else:
            wizard._remember_position()
        self.draft_opened.emit(draft.id)
        return True

    def _restore(self, wizard: Any, pos: dict[str, Any]) -> None:
        if wizard is self.wizard:
            wizard.restore_position(pos)

    def close_wizard(self) -> bool:
        """Save and close the open draft; False (draft stays open) when it cannot be saved."""
        wizard = self.wizard
        if wizard is None:
            return True
        while not wizard.close_draft():
            choice = self._ask_unsaved(wizard.autosaver.last_error or "")
            if choice == "retry":
                continue
            if choice == "export":
                if self._emergency_export(wizard.draft):
                    break
                continue
            if choice == "discard":
                break
            return False
        try:
            self.workspace.finish(wizard.session)
        except storage.StoreError as exc:
            self.statusBar().showMessage(str(exc), 8000)
        wizard.shutdown()
        self.stack.removeWidget(wizard)
        wizard.deleteLater()
        self.wizard = None
        self.setWindowTitle(APP_TITLE)
        self.save_label.setText("")
        self._update_actions()
        return True

    def _ask_unsaved(self, reason: str) -> str:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Chưa lưu được báo cáo")
        box.setText(
            "Chương trình chưa lưu được những thay đổi mới nhất vào máy."
            + (f"\n\nLý do: {reason}" if reason else "")
            + "\n\nNội dung vẫn còn nguyên trong chương trình. Bạn muốn làm gì?"
        )
        retry = box.addButton("Thử lưu lại", QMessageBox.ButtonRole.AcceptRole)
        export = box.addButton("Lưu ra tệp khác…", QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton(
            "Đóng, bỏ thay đổi chưa lưu", QMessageBox.ButtonRole.DestructiveRole
        )
        stay = box.addButton("Ở lại", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is retry:
            return "retry"
        if clicked is export:
            return "export"
        if clicked is discard:
            return "discard"
        return "stay"

    def _emergency_export(self, draft: Draft) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Lưu bản nháp ra tệp",
            str(Path(self._documents_dir()) / "bao-cao-chua-luu.json"),
            "Tệp nháp báo cáo (*.json)",
        )
        if not path:
            return False
        try:
            drafts.write_draft_file(draft, path)
        except OSError as exc:
            self._warn("Không ghi được tệp", f"{path}: {exc.strerror or exc}")
            return False
        return True

    def _title_changed(self, title: str) -> None:
        self.setWindowTitle(f"{title} — {APP_TITLE}" if title else APP_TITLE)

    def _saved(self, when: str) -> None:
        self.save_label.setText(f"Đã lưu lúc {when}")
        self.save_label.setStyleSheet("")

    def _save_failed(self, message: str) -> None:
        self.save_label.setText("Chưa lưu được — sẽ thử lại")
        self.save_label.setStyleSheet(f"color: {style.ERROR};")
        self.statusBar().showMessage(f"Chưa lưu được: {message}", 15000)

    def _dirty_changed(self, dirty: bool) -> None:
        if dirty and self.wizard is not None and not self.wizard.autosaver.last_error:
            self.save_label.setText("Đang lưu…")

    def save_now(self) -> None:
        if self.wizard is not None and self.wizard.save_now():
            when = self.wizard.autosaver.last_saved
            self.statusBar().showMessage(
                f"Đã lưu lúc {when:%H:%M:%S}." if when else "Không có thay đổi nào cần lưu.", 4000
            )

    def print_now(self) -> None:
        if self.wizard is not None:
            self.wizard.print_now()

    def emergency_save(self) -> None:
        """After an unexpected error: save the open draft if at all possible."""
        if self.wizard is not None:
            # Already handling an error: a second one must not hide the first.
            with contextlib.suppress(Exception):
                self.wizard.autosaver.save_now()

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
