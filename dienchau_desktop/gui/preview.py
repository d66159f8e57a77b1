"""The print page: a preview of the real PDF pages, zoom, page navigation, save, print.

The preview shows the very bytes that "Lưu PDF" writes and "In" sends to the printer: the PDF is
built once per version of the draft (off the UI thread) and kept. A final copy is refused, with
the reasons listed, while the report has errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
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

from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.draft import Draft
from dienchau_desktop.gui.common import file_stem
from dienchau_desktop.gui.style import PAGE_BG, set_role
from dienchau_desktop.gui.workers import PdfJob, PrintJob, single_thread_pool
from dienchau_desktop.validation import Problem

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SCREEN_DPI = 96.0
PAGE_GAP = 16


def pdf_file_name(title: str, final: bool) -> str:
    base = file_stem(title, "Bao cao")
    return f"{base}{'' if final else ' (dự thảo)'}.pdf"


class PrintPage(QWidget):
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
    ) -> None:
        """``snapshot`` gives a copy of the draft, ``revision`` a number that grows with every
        edit; ``store`` is asked for and told remembered settings (the last PDF folder);
        ``render(draft, final)`` builds the PDF the preview shows, Save as PDF writes and Print
        sends (the workspace's, in the data folder's layout profile)."""
        super().__init__(parent)
        self._render = render
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
        self.draft_radio = QRadioButton("Bản dự thảo (in chữ “DỰ THẢO”)")
        self.draft_radio.setObjectName("draftCopyRadio")
        self.final_radio = QRadioButton("Bản chính thức")
        self.final_radio.setObjectName("finalCopyRadio")
        self.draft_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.draft_radio)
        group.addButton(self.final_radio)
        self.draft_radio.toggled.connect(self._mode_changed)
        row.addWidget(self.draft_radio)
        row.addWidget(self.final_radio)
        row.addStretch(1)
        self.save_button = QPushButton("Lưu thành tệp PDF…")
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(self.save_pdf)
        row.addWidget(self.save_button)
        self.print_button = QPushButton("In…")
        self.print_button.setObjectName("printButton")
        set_role(self.print_button, "primary")
        self.print_button.setToolTip("In ra máy in (Ctrl+P)")
        self.print_button.clicked.connect(self.print_now)
        row.addWidget(self.print_button)
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

    # --- pages -------------------------------------------------------------------------------

    def _schedule_fit(self) -> None:
        if self._pdf is not None:
            self._fit_timer.start()

    def _refit(self) -> None:
        """Draw the pages again when the wanted size changed (the view's width in "fit" mode,
        or a zoom picked while the PDF was being built)."""
        if self._pdf is None or not self._rendered_scale:
            return
        if abs(self._scale() / self._rendered_scale - 1) > 0.03:
            self._rerender()

    def _rerender(self) -> None:
        assert self._pdf is not None
        self._start(
            PdfJob(
                self._next_job(),
                draft=None,
                final=self.final,
                scale=self._scale(),
                pdf=self._pdf,
                data_dir=self._data_dir,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._schedule_fit()

    def _scale(self) -> float:
        """Pixels per PDF point for the preview at the current zoom and screen."""
        zoom = self._zoom
        if zoom is None:
            # A4 is 595 pt wide; fit it in the view, never larger than 100 %. Leave room for the
            # vertical scroll bar even before it appears, or the fitted page would not fit.
            bar = self.scroll.verticalScrollBar()
            room = 0 if bar.isVisible() else bar.sizeHint().width()
            width = max(200, self.scroll.viewport().width() - room - 2 * PAGE_GAP - 6)
            zoom = min(1.0, width / (595 * SCREEN_DPI / 72))
        return zoom * SCREEN_DPI / 72 * self.devicePixelRatioF()

    def _show_images(self) -> None:
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        dpr = self.devicePixelRatioF()
        for i, image in enumerate(self._images):
            pm = QPixmap.fromImage(image)
            pm.setDevicePixelRatio(dpr)
            label = QLabel()
            label.setObjectName(f"previewPage:{i + 1}")
            label.setPixmap(pm)
            label.setAccessibleName(f"Trang {i + 1}")
            label.setStyleSheet("border: 1px solid #c8ccd2; background: white;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._labels.append(label)
        self._update_page_label()

    def page_count(self) -> int:
        return len(self._labels)

    def _page_tops(self) -> list[int]:
        """Where each page starts in the scrolled area (from the page sizes, so it is right even
        before Qt has laid the pages out)."""
        tops = []
        y = PAGE_GAP
        for label in self._labels:
            tops.append(y)
            y += label.sizeHint().height() + PAGE_GAP
        return tops

    def current_page(self) -> int:
        """The page at the upper third of the view (1-based; 0 when there are none)."""
        if not self._labels:
            return 0
        y = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 3
        tops = self._page_tops()
        return max(1, sum(1 for top in tops if top <= y))

    def go_to_page(self, number: int) -> None:
        if not self._labels:
            return
        number = max(1, min(len(self._labels), number))
        self.pages_widget.layout().activate()
        self.scroll.widget().resize(self.scroll.widget().sizeHint())
        top = self._page_tops()[number - 1]
        bar = self.scroll.verticalScrollBar()
        bar.setMaximum(max(bar.maximum(), top))
        bar.setValue(max(0, top - PAGE_GAP // 2))
        self._update_page_label()

    def _update_page_label(self, *_: object) -> None:
        n = len(self._labels)
        self.page_label.setText(f"Trang {self.current_page()}/{n}" if n else "")
        self._update_buttons()

    def step_zoom(self, direction: int) -> None:
        current = self._scale() / (SCREEN_DPI / 72 * self.devicePixelRatioF())
        if direction > 0:
            bigger = [z for z in ZOOMS if z > current + 0.01]
            target = bigger[0] if bigger else ZOOMS[-1]
        else:
            smaller = [z for z in ZOOMS if z < current - 0.01]
            target = smaller[-1] if smaller else ZOOMS[0]
        self.zoom_box.setCurrentIndex(self.zoom_box.findData(target))

    def _zoom_picked(self, _index: int) -> None:
        self._zoom = self.zoom_box.currentData()
        if self._pdf is not None:
            self._rerender()

    # --- output ------------------------------------------------------------------------------

    def _default_dir(self) -> str:
        remembered = self._store.get_setting("last_pdf_dir", None)
        if isinstance(remembered, str) and Path(remembered).is_dir():
            return remembered
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    def save_pdf(self) -> None:
        """Write the previewed PDF (the same bytes) where the user chooses."""
        if self._pdf is None or (self.final and self._errors):
            return
        suggested = str(Path(self._default_dir()) / pdf_file_name(self._title, self.final))
        path, _ = QFileDialog.getSaveFileName(self, "Lưu bản PDF", suggested, "Tệp PDF (*.pdf)")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            atomic_write(target, self._pdf)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Không lưu được tệp PDF",
                f"Không ghi được tệp “{target}” ({exc.strerror or exc}). "
                "Hãy chọn thư mục khác, ví dụ thư mục Tài liệu (Documents).",
            )
            return
        self.last_saved_path = target
        self._store.set_setting("last_pdf_dir", str(target.parent))
        self.status_message.emit(f"Đã lưu bản PDF vào “{target}”.")

    def print_now(self) -> None:
        """Print the previewed PDF through the system's print dialog."""
        if self.final and self._errors:
            self._update_blocked()
            return
        if self._pdf is None:
            self._pending_print = True
            self.refresh()
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title or "Báo cáo")
        printer.setFullPage(True)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In báo cáo")
        if dialog.exec() != QDialog.DialogCode.Accepted.value:
            return
        self._keep_printer = printer
        self._start(PrintJob(self._next_job(), self._pdf, printer, self._data_dir))
        self.status_message.emit("Đang gửi bản in tới máy in…")

    def shutdown(self) -> None:
        """Wait for a running job (at most a few seconds) before the page goes away."""
        self._job += 1
        self._pool.waitForDone(10000)
