"""Slow work off the UI thread: building the PDF, drawing its pages, printing.

A job gets a plain snapshot (``draft.copy()``, bytes) and reports back with queued signals; it
never touches a widget. One pool with a single thread runs the jobs in order, which also keeps
PDFium (not thread-safe) on one thread at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRect, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from dienchau_desktop.draft import Draft


class JobSignals(QObject):
    """Signals of one job. Created on the UI thread, so deliveries are queued to it."""

    pdf_ready = Signal(int, object, object)  # job id, PDF bytes, list of page QImages
    notice = Signal(int, str)  # job id, what the user should know about the copy ("" if none)
    printed = Signal(int, int)  # job id, pages sent to the printer
    failed = Signal(int, str, object)  # job id, Vietnamese message, blocking problems (or [])


def _render(doc: object, index: int, scale: float) -> QImage:
    page = doc[index]  # type: ignore[index]
    bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
    try:
        return QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        ).copy()
    finally:
        bitmap.close()
        page.close()


def render_pages(pdf: bytes, scale: float, pages: range | None = None) -> list[QImage]:
    """Pages of a PDF as images (all by default), ``scale`` pixels per PDF point."""
    import pypdfium2 as pdfium  # loaded only when printing is first used

    doc = pdfium.PdfDocument(pdf)
    try:
        return [_render(doc, i, scale) for i in (pages or range(len(doc)))]
    finally:
        doc.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in PDF points."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [tuple(doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]
    finally:
        doc.close()


def _failure_message(exc: BaseException) -> str:
    """For a fault of the program: what happened and that nothing is lost (details in the log)."""
    return (
        "Không tạo được bản in do một lỗi của chương trình. Bản nháp của bạn vẫn an toàn. "
        "Chi tiết kỹ thuật đã được ghi vào nhật ký lỗi; nếu lỗi lặp lại, hãy gửi tệp nhật ký "
        "đó cho người hỗ trợ."
    )


def layout_notice(data_dir: Any) -> str:
    """Why the data folder's own layout profile is not used for printing ("" when it is, or
    when there is none): the file, its mistakes, and that the bundled profile is used."""
    from dienchau_desktop.layout import LayoutError
    from dienchau_desktop.workspace import Workspace

    workspace = Workspace(data_dir, readonly=True)
    try:
        workspace.layout()
    except LayoutError as exc:
        return str(exc)
    return workspace.layout_notice


class PdfJob(QRunnable):
    """Build the PDF of a draft snapshot (unless given) and draw its pages at ``scale``."""

    def __init__(
        self,
        job_id: int,
        *,
        draft: Draft | None,
        final: bool,
        scale: float,
        pdf: bytes | None = None,
        render: Callable[[Draft, bool], bytes] | None = None,
        data_dir: Any = None,
    ) -> None:
        """``render(draft, final)`` builds the PDF (the workspace's, with its layout profile)."""
        super().__init__()
        self.setAutoDelete(True)
        self.signals = JobSignals()
        self._job_id = job_id
        self._draft = draft
        self._final = final
        self._scale = scale
        self._pdf = pdf
        self._render = render
        self._data_dir = data_dir

    def run(self) -> None:
        try:
            pdf = self._pdf
            if pdf is None:
                from dienchau_desktop.pdf import FinalRefusedError, LayoutError, PrintRefusedError

                assert self._draft is not None and self._render is not None
                try:
                    pdf = self._render(self._draft, self._final)
                except FinalRefusedError as exc:
                    problems = list(getattr(exc, "problems", []) or [])
                    self.signals.failed.emit(self._job_id, str(exc), problems)
                    return
                except (
                    PrintRefusedError,
                    LayoutError,
                ) as exc:  # said in Vietnamese, with what to do
                    self.signals.failed.emit(self._job_id, str(exc), [])
                    return
                self.signals.notice.emit(self._job_id, layout_notice(self._data_dir))
            images = render_pages(pdf, self._scale)
            self.signals.pdf_ready.emit(self._job_id, pdf, images)
        except Exception as exc:
            from dienchau_desktop.crashlog import write_crash_log

            write_crash_log(exc, self._data_dir)
            self.signals.failed.emit(self._job_id, _failure_message(exc), [])


class PrintJob(QRunnable):
    """Paint the pages of the very PDF shown in the preview onto a printer.

    QPainter may paint on a QPrinter outside the UI thread; the printer belongs to this job
    until it reports back.
    """

    def __init__(self, job_id: int, pdf: bytes, printer: QPrinter, data_dir: Any = None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.signals = JobSignals()
        self._job_id = job_id
        self._pdf = pdf
        self._printer = printer
        self._data_dir = data_dir

    def run(self) -> None:
        try:
            count = print_pdf(self._pdf, self._printer)
            self.signals.printed.emit(self._job_id, count)
        except Exception as exc:
            from dienchau_desktop.crashlog import write_crash_log

            write_crash_log(exc, self._data_dir)
            self.signals.failed.emit(
                self._job_id,
                "Không in được. Hãy kiểm tra máy in rồi thử lại; bản nháp của bạn vẫn an toàn.",
                [],
            )


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint each page (within the printer's page range) at the printer's resolution."""
    sizes = page_sizes(pdf)
    if not sizes:
        return 0
    first, last = 1, len(sizes)
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(len(sizes), max(first, printer.toPage() or len(sizes)))
    dpi = min(printer.resolution(), 300)
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("printer refused to start")
    try:
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            image = render_pages(pdf, dpi / 72.0, range(number - 1, number))[0]
            target = painter.viewport()
            w, h = sizes[number - 1]
            # Keep the page's proportions on the paper; PDF pages carry their own margins.
            ratio = min(target.width() / w, target.height() / h)
            tw, th = int(w * ratio), int(h * ratio)
            painter.drawImage(
                QRect(
                    target.x() + (target.width() - tw) // 2,
                    target.y() + (target.height() - th) // 2,
                    tw,
                    th,
                ),
                image,
            )
    finally:
        painter.end()
    return last - first + 1


def single_thread_pool(parent: QObject) -> QThreadPool:
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool
