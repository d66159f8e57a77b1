"""The drafts home's banners: damaged drafts with their recovery, notices the user dismisses,
the undo bar after a delete, and "resume where you left off"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from dienchau_desktop.gui.style import set_role

if TYPE_CHECKING:
    from dienchau_desktop.store import DamagedDraft


class HomeBanners:
    """Mixin of :class:`~dienchau_desktop.gui.home.HomePage` (``self`` is the page)."""

    def _banner(self, role: str, button_text: str, name: str) -> tuple[QFrame, QLabel, QPushButton]:
        frame = QFrame(self)
        set_role(frame, role)
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(12, 6, 8, 6)
        label = QLabel()
        label.setWordWrap(True)
        layout.addWidget(label, 1)
        button = QPushButton(button_text)
        button.setObjectName(name)
        layout.addWidget(button)
        return frame, label, button

    def set_resume(self, title: str, where: str) -> None:
        if title:
            self.resume_label.setText(f"Lần trước bạn đang soạn “{title}” ({where}).")
        self.resume_bar.setVisible(bool(title))

    def set_damaged(self, damaged: Sequence[DamagedDraft]) -> None:
        while self.damaged_box.count():
            w = self.damaged_box.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        for d in damaged:
            frame, label, button = self._banner("danger", "Khôi phục", "recoverButton")
            label.setText(d.sentence("Bấm “Khôi phục” để lấy lại bản lưu tốt gần nhất.", ""))
            button.setVisible(d.recoverable)
            draft_id = d.draft_id
            button.clicked.connect(lambda _=False, i=draft_id: self.recover_requested.emit(i))
            self.damaged_box.addWidget(frame)
            frame.show()

    def set_notices(self, notices: Sequence[str]) -> None:
        """Other things the store wants the user to know (e.g. settings were reset)."""
        for text in notices:
            frame, label, button = self._banner("info", "Đã hiểu", "noticeButton")
            label.setText(text)
            button.clicked.connect(frame.hide)
            button.clicked.connect(lambda _=False, t=text: self.notice_dismissed.emit(t))
            self.damaged_box.addWidget(frame)
            frame.show()

    def show_deleted(self, draft_id: str, title: str) -> None:
        self._deleted_id = draft_id
        self.undo_label.setText(f"Đã chuyển “{title}” vào thùng rác.")
        self.undo_bar.setVisible(True)

    def hide_undo(self) -> None:
        self._deleted_id = ""
        self.undo_bar.setVisible(False)
