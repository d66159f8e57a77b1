"""The print page: a preview of the real PDF pages, zoom, page navigation, save, print.

The preview shows the very bytes that "Lưu PDF" writes and "In" sends to the printer: the PDF is
built once per version of the draft (off the UI thread) and kept. A final copy is refused, with
the reasons listed, while the report has errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dienchau_desktop.draft import Draft
from dienchau_desktop.gui.preview_parts import (
    PAGE_GAP,
    ZOOMS,
    PdfOutput,
    PreviewPages,
    notice_banner,
)
from dienchau_desktop.gui.style import PAGE_BG, set_role
from dienchau_desktop.gui.workers import PdfJob, PrintJob, single_thread_pool
from dienchau_desktop.validation import Problem


class PrintPage(PreviewPages, PdfOutput, QWidget):
    """Preview and output of the open draft."""

    status_message = Signal(str)
    review_requested = Signal()

    def __init__(
        self,
        snapshot: Callable[[], Draft],
        revision: Callable[[], int],
        store: Any,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        render: Callable[[Draft, bool], bytes],
        render_word: Callable[[Draft, bool], bytes],
    ) -> None:
        """``snapshot`` gives a copy of the draft, ``revision`` a number that grows with every
        edit; ``store`` is asked for and told remembered settings (the last PDF folder);
        ``render(draft, final)`` builds the PDF the preview shows, Save as PDF writes and Print
        sends (the workspace's, in the data folder's layout profile); ``render_word`` the same
        copy as a Word file, for Save as Word."""
        super().__init__(parent)
        self._render = render
        self._render_word = render_word
        self._snapshot = snapshot
        self._revision = revision
        self._store = store
        self._data_dir = data_dir
        self._title = ""
        self._pool = single_thread_pool(self)
        self._job = 0
        self._pdf: bytes | None = None
        self._pdf_key: tuple[int, bool] | None = None
        self._images: list[QImage] = []
        self._labels: list[QLabel] = []
        self._zoom: float | None = None  # None: fit the width (at most 100 %)
        self._errors: list[Problem] = []
        self._pending_print = False
        self._busy_count = 0
        self._rendered_scale = 0.0
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(150)
        self._fit_timer.timeout.connect(self._refit)
        self.last_saved_path: Path | None = None
        self.pages_printed = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        # Row 1: which copy, and output.
        row = QHBoxLayout()
        row.setSpacing(12)
        self.draft_radio = QRadioButton("Bản dự thảo")
        self.draft_radio.setToolTip("Mỗi trang in chữ “DỰ THẢO”, để xin ý kiến trước khi ký")
        self.draft_radio.setObjectName("draftCopyRadio")
        self.final_radio = QRadioButton("Bản chính thức")
        self.final_radio.setToolTip("Bản để ký, đóng dấu; chỉ in được khi báo cáo không còn lỗi")
        self.final_radio.setObjectName("finalCopyRadio")
        self.draft_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.draft_radio)
        group.addButton(self.final_radio)
        self.draft_radio.toggled.connect(self._mode_changed)
        row.addWidget(self.draft_radio)
        row.addWidget(self.final_radio)
        row.addStretch(1)
        self._add_output_buttons(row)
        layout.addLayout(row)

        # Row 2: zoom and pages.
        nav = QHBoxLayout()
        nav.setSpacing(6)
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip("Thu nhỏ trang")
        self.zoom_out_button.setAccessibleName("Thu nhỏ trang")
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        nav.addWidget(self.zoom_out_button)
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoomBox")
        self.zoom_box.setAccessibleName("Tỷ lệ xem trang")
        self.zoom_box.addItem("Vừa khung", None)
        for z in ZOOMS:
            self.zoom_box.addItem(f"{int(z * 100)}%", z)
        self.zoom_box.currentIndexChanged.connect(self._zoom_picked)
        nav.addWidget(self.zoom_box)
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip("Phóng to trang")
        self.zoom_in_button.setAccessibleName("Phóng to trang")
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(1))
        nav.addWidget(self.zoom_in_button)
        nav.addSpacing(16)
        self.prev_page_button = QToolButton()
        self.prev_page_button.setText("‹ Trang trước")
        self.prev_page_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        nav.addWidget(self.prev_page_button)
        self.page_label = QLabel("")
        self.page_label.setObjectName("pageLabel")
        nav.addWidget(self.page_label)
        self.next_page_button = QToolButton()
        self.next_page_button.setText("Trang sau ›")
        self.next_page_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        nav.addWidget(self.next_page_button)
        nav.addStretch(1)
        self.busy_label = QLabel("Đang tạo bản in…")
        self.busy_label.setObjectName("busyLabel")
        set_role(self.busy_label, "muted")
        nav.addWidget(self.busy_label)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setTextVisible(False)
        nav.addWidget(self.busy_bar)
        layout.addLayout(nav)

        # The reasons a final copy is refused.
        self.blocked = QFrame()
        self.blocked.setObjectName("finalBlocked")
        set_role(self.blocked, "danger")
        blocked_layout = QVBoxLayout(self.blocked)
        self.blocked_title = QLabel()
        self.blocked_title.setWordWrap(True)
        set_role(self.blocked_title, "subheading")
        blocked_layout.addWidget(self.blocked_title)
        self.blocked_list = QListWidget()
        self.blocked_list.setObjectName("finalBlockedList")
        self.blocked_list.setWordWrap(True)
        blocked_layout.addWidget(self.blocked_list, 1)
        fix = QHBoxLayout()
        fix_button = QPushButton("Mở trang Rà soát để sửa")
        fix_button.clicked.connect(self.review_requested)
        fix.addWidget(fix_button)
        fix.addStretch(1)
        blocked_layout.addLayout(fix)
        self.blocked.setVisible(False)
        layout.addWidget(self.blocked, 1)

        # Why the data folder's own layout profile is not used (shown above the pages).
        self.notice, self.notice_label = notice_banner()
        layout.addWidget(self.notice)

        # The pages.
        self.scroll = QScrollArea()
        self.scroll.setObjectName("previewArea")
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setStyleSheet(f"QScrollArea#previewArea {{ background: {PAGE_BG}; }}")
        self.pages_widget = QWidget()
        self.pages_widget.setObjectName("previewPages")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setWidget(self.pages_widget)
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_page_label)
        layout.addWidget(self.scroll, 1)

        self._set_busy(False)
        self._update_buttons()

    # --- state -------------------------------------------------------------------------------

    @property
    def final(self) -> bool:
        return self.final_radio.isChecked()

    @property
    def pdf(self) -> bytes | None:
        """The PDF shown, saved and printed (None while it is being built)."""
        return self._pdf

    def is_busy(self) -> bool:
        return self._busy_count > 0

    def set_errors(self, errors: Sequence[Problem]) -> None:
        """The report's current errors (from the wizard's check)."""
        self._errors = list(errors)
        self._update_blocked()

    def refresh(self) -> None:
        """Make sure the preview shows the current draft in the chosen copy."""
        self._update_blocked()
        if self.final and self._errors:
            return
        key = (self._revision(), self.final)
        if key == self._pdf_key and self._pdf is not None:
            return
        self._pdf = None
        self._pdf_key = key
        snapshot = self._snapshot()
        self._title = snapshot.title
        self._start(
            PdfJob(
                self._next_job(),
                draft=snapshot,
                final=self.final,
                scale=self._scale(),
                render=self._render,
                data_dir=self._data_dir,
            )
        )

    def _next_job(self) -> int:
        self._job += 1
        return self._job

    def _start(self, job: PdfJob | PrintJob) -> None:
        job.signals.pdf_ready.connect(self._pdf_ready)
        job.signals.notice.connect(self._notice)
        job.signals.failed.connect(self._failed)
        job.signals.printed.connect(self._printed)
        self._set_busy(True)
        self._pool.start(job)

    def _set_busy(self, busy: bool) -> None:
        self._busy_count = self._busy_count + 1 if busy else max(0, self._busy_count - 1)
        shown = self._busy_count > 0 and not (self.final and self._errors)
        self.busy_label.setVisible(shown)
        self.busy_bar.setVisible(shown)
        self._update_buttons()

    def _mode_changed(self) -> None:
        self.refresh()

    def _update_blocked(self) -> None:
        blocked = self.final and bool(self._errors)
        if blocked:
            n = len(self._errors)
            self.blocked_title.setText(
                f"Chưa in được bản chính thức: báo cáo còn {n} lỗi. "
                "Hãy sửa các lỗi dưới đây, hoặc in bản dự thảo để xin ý kiến."
            )
            self.blocked_list.clear()
            for p in self._errors:
                self.blocked_list.addItem("✗ " + p.message)
        self.blocked.setVisible(blocked)
        self.scroll.setVisible(not blocked)
        shown = self._busy_count > 0 and not blocked
        self.busy_label.setVisible(shown)
        self.busy_bar.setVisible(shown)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._pdf is not None and not (self.final and self._errors)
        self.save_button.setEnabled(ready)
        self.save_word_button.setEnabled(not (self.final and self._errors))
        self.print_button.setEnabled(ready or (self.is_busy() and not self._errors))
        n = len(self._labels)
        self.prev_page_button.setEnabled(n > 1 and self.current_page() > 1)
        self.next_page_button.setEnabled(n > 1 and self.current_page() < n)
        for w in (self.zoom_in_button, self.zoom_out_button, self.zoom_box):
            w.setEnabled(self._pdf is not None)

    # --- results -----------------------------------------------------------------------------

    def _pdf_ready(self, job_id: int, pdf: bytes, images: list[QImage]) -> None:
        self._set_busy(False)
        if job_id != self._job:
            return
        self._pdf = pdf
        self._images = images
        self._rendered_scale = images[0].width() / 595 if images else 0.0
        self._show_images()
        self._schedule_fit()
        self._update_buttons()
        if self._pending_print:
            self._pending_print = False
            self.print_now()

    def _failed(self, job_id: int, message: str, problems: object) -> None:
        self._set_busy(False)
        if job_id != self._job:
            return
        self._pending_print = False
        if isinstance(problems, list) and problems:
            self._errors = [p for p in problems if isinstance(p, Problem)] or self._errors
            self._update_blocked()
            return
        self._pdf_key = None
        self.status_message.emit(message)
        QMessageBox.warning(self, "Không tạo được bản in", message)

    def _printed(self, job_id: int, count: int) -> None:
        self._set_busy(False)
        self.pages_printed = count
        self.status_message.emit(f"Đã gửi {count} trang tới máy in.")

    def shutdown(self) -> None:
        """Wait for a running job (at most a few seconds) before the page goes away."""
        self._job += 1
        self._pool.waitForDone(10000)
