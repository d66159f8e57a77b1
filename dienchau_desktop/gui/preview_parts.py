"""The print page's two halves that stand apart: the previewed pages (fit, zoom, go to a page)
and the output (Save as PDF, print, both from the one PDF the page holds; Save as Word).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.gui.common import file_stem
from dienchau_desktop.gui.style import set_role
from dienchau_desktop.gui.workers import PdfJob, PrintJob
from dienchau_desktop.layout import LayoutError
from dienchau_desktop.printed import FinalRefusedError, PrintRefusedError

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SCREEN_DPI = 96.0
PAGE_GAP = 16


def notice_banner() -> tuple[QFrame, QLabel]:
    """The print page's notice (hidden until there is something to say) and its text."""
    banner = QFrame()
    banner.setObjectName("layoutNotice")
    set_role(banner, "banner")
    label = QLabel()
    label.setObjectName("layoutNoticeText")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    QVBoxLayout(banner).addWidget(label)
    banner.setVisible(False)
    return banner, label


def word_failure_message() -> str:
    return (
        "Không tạo được bản Word do một lỗi của chương trình. Bản nháp của bạn vẫn an toàn. "
        "Chi tiết kỹ thuật đã được ghi vào nhật ký lỗi; nếu lỗi lặp lại, hãy gửi tệp nhật ký "
        "đó cho người hỗ trợ."
    )


def pdf_file_name(title: str, final: bool, extension: str = ".pdf") -> str:
    """The file name offered for a copy: the report's title, "(dự thảo)" on a draft copy."""
    base = file_stem(title, "Bao cao")
    return f"{base}{'' if final else ' (dự thảo)'}{extension}"


class PreviewPages:
    """Mixin of :class:`~dienchau_desktop.gui.preview.PrintPage`: the pages on screen."""

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


class PdfOutput:
    """Mixin of :class:`~dienchau_desktop.gui.preview.PrintPage`: one PDF, saved or printed."""

    # --- output ------------------------------------------------------------------------------

    def _add_output_buttons(self, row: QHBoxLayout) -> None:
        """Save as PDF, Save as Word and Print, at the end of the page's first row."""
        self.save_button = QPushButton("Lưu thành tệp PDF…")
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(self.save_pdf)
        row.addWidget(self.save_button)
        self.save_word_button = QPushButton("Lưu thành tệp Word…")
        self.save_word_button.setObjectName("saveWordButton")
        self.save_word_button.setToolTip(
            "Bản Word sửa được, cùng thể thức; bản ký, đóng dấu vẫn là bản PDF in ra"
        )
        self.save_word_button.clicked.connect(self.save_word)
        row.addWidget(self.save_word_button)
        self.print_button = QPushButton("In…")
        self.print_button.setObjectName("printButton")
        set_role(self.print_button, "primary")
        self.print_button.setToolTip("In ra máy in (Ctrl+P)")
        self.print_button.clicked.connect(self.print_now)
        row.addWidget(self.print_button)

    def _notice(self, job_id: int, text: str) -> None:
        """Show (or hide, when ``text`` is empty) what the user should know about the copy."""
        if job_id != self._job:
            return
        self.notice_label.setText(text)
        self.notice.setVisible(bool(text))

    def _default_dir(self) -> str:
        remembered = self._store.get_setting("last_pdf_dir", None, str)
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

    def save_word(self) -> None:
        """Write the report as an editable Word file (.docx), the same copy as the preview."""
        if self.final and self._errors:
            return
        suggested = str(Path(self._default_dir()) / pdf_file_name(self._title, self.final, ".docx"))
        path, _ = QFileDialog.getSaveFileName(self, "Lưu bản Word", suggested, "Tệp Word (*.docx)")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = self._render_word(self._snapshot(), self.final)
            atomic_write(target, data)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Không lưu được tệp Word",
                f"Không ghi được tệp “{target}” ({exc.strerror or exc}). Nếu tệp đang mở trong "
                "Word, hãy đóng nó; hoặc chọn thư mục khác, ví dụ thư mục Tài liệu (Documents).",
            )
            return
        except (FinalRefusedError, PrintRefusedError, LayoutError) as exc:  # said in Vietnamese
            QMessageBox.warning(self, "Không lưu được tệp Word", str(exc))
            return
        except Exception as exc:  # a fault of the program: logged, and said without jargon
            from dienchau_desktop.crashlog import write_crash_log

            write_crash_log(exc, self._data_dir)
            QMessageBox.warning(self, "Không lưu được tệp Word", word_failure_message())
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.last_saved_path = target
        self._store.set_setting("last_pdf_dir", str(target.parent))
        self.status_message.emit(f"Đã lưu bản Word vào “{target}”.")

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
