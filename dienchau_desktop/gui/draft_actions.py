"""What the drafts home asks of the main window: new, from an earlier report, duplicate, delete
and undo, restore, recover, import (a draft file or a Word report), export, the example, resume.
Each goes through the workspace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dienchau_desktop.gui.common import drafts, file_stem, storage, templates


class DraftActions:
    """Mixin of :class:`~dienchau_desktop.gui.main_window.MainWindow` (``self`` is the window)."""

    workspace: Any
    wizard: Any

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
        remembered = self._setting("last_file_dir", None, str)
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

    def import_word(self) -> None:
        """A Word report (.docx) made into a new draft: what went where is shown, then it opens."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Nhập báo cáo từ tệp Word",
            self._documents_dir(),
            "Báo cáo Word (*.docx);;Mọi tệp (*)",
        )
        if not path:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.workspace.import_word(path)
        except (storage.StoreError, drafts.DraftError, templates.TemplateError) as exc:
            QApplication.restoreOverrideCursor()
            self._warn("Không nhập được báo cáo Word", str(exc))
            return
        QApplication.restoreOverrideCursor()
        self._set_setting("last_file_dir", str(Path(path).parent))
        self.refresh_home(result.draft.id)
        self._word_summary(result, Path(path).name)
        self.open_draft(result.draft.id)

    def _word_summary(self, result: Any, name: str) -> None:
        """What a Word report gave, before its draft opens (the lists the command line prints)."""
        total = len(result.draft.answers) + len(result.missing)
        answered = total - len(result.missing)
        box = QMessageBox(self)
        box.setObjectName("wordImportSummary")
        box.setIcon(QMessageBox.Icon.Warning if result.unplaced else QMessageBox.Icon.Information)
        box.setWindowTitle("Đã nhập báo cáo Word")
        text = f"Đã đọc tệp “{name}” thành bản nháp mới: {answered}/{total} câu có câu trả lời."
        if result.missing:
            text += f"\nChưa có câu trả lời: {', '.join(result.missing)}."
        if result.unplaced:
            text += (
                f"\n\n{len(result.unplaced)} đoạn chưa xếp được vào đúng chỗ; chương trình đã ghi "
                "chúng vào phần ghi chú của câu gần nhất để bạn chuyển đi:\n"
                + "\n".join(f"• {line}" for line in result.unplaced)
            )
        box.setText(text)
        box.setDetailedText("\n".join(result.placed))
        box.addButton("Mở bản nháp", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def export_draft(self, draft_id: str) -> None:
        title = self.workspace.title_of(draft_id, "bao-cao")
        name = file_stem(title, "bao-cao") + ".json"
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
        pos = self._last_position()
        if isinstance(pos, dict) and isinstance(pos.get("draft_id"), str):
            self.open_draft(pos["draft_id"])
