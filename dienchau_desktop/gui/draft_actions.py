"""What the drafts home asks of the main window: new, from an earlier report, duplicate, delete
and undo, restore, recover, import, export, the example, resume. Each goes through the workspace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

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
