"""The main window's side of the open draft: opening it in the wizard, saving and closing it
(asking what to do when it cannot be saved), the save status, printing and emergency saves.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dienchau_desktop.gui import style
from dienchau_desktop.gui.common import APP_TITLE, drafts, storage, templates

if TYPE_CHECKING:
    from dienchau_desktop.draft import Draft


class WizardHost:
    """Mixin of :class:`~dienchau_desktop.gui.main_window.MainWindow` (``self`` is the window)."""

    workspace: Any
    wizard: Any

    # --- the wizard --------------------------------------------------------------------------

    def open_draft(self, draft_id: str) -> bool:
        if self.wizard is not None:
            if self.wizard.draft.id == draft_id:
                self.stack.setCurrentWidget(self.wizard)
                return True
            if not self.close_wizard():
                return False
        try:
            session = self.workspace.open(draft_id)
        except (storage.StoreError, drafts.DraftError) as exc:
            self._warn("Không mở được báo cáo", str(exc))
            self.refresh_home()
            return False
        except templates.TemplateError as exc:
            self._warn("Không mở được mẫu báo cáo", str(exc))
            return False
        draft = session.draft
        from dienchau_desktop.gui.wizard import Wizard  # keeps start-up light

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            wizard = Wizard(self.workspace, session, self.data_dir, self.stack)
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
        pos = self._last_position()
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
            self.workspace.write_file(draft, path)
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
