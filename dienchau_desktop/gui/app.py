"""Starting the program's window: ``dienchau-desktop`` with no command, or ``gui``.

Sets up Qt (high-DPI rounding, icon, Vietnamese for Qt's own words), opens the store (a second
copy of the program on the same data is told so and stops without writing anything), installs
the handlers that turn any unexpected error into a log entry and a calm dialog, and runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from dienchau_desktop.paths import user_data_dir

# For benchmarks and smoke tests of a built program: print how long start-up took (and the
# memory in use) once the window is on screen, then quit. Values: "1", or "example" to open the
# example report first, or "print" to also build its print preview.
EXIT_WHEN_SHOWN_ENV = "DIENCHAU_EXIT_WHEN_SHOWN"

CRASH_TEXT = (
    "Đã xảy ra lỗi không mong đợi. Bản nháp của bạn đã được lưu an toàn; bạn có thể tiếp tục "
    "làm việc. Nếu lỗi lặp lại, hãy gửi tệp nhật ký lỗi dưới đây cho người hỗ trợ:\n\n{path}"
)
LOCKED_TEXT = (
    "Chương trình đang mở ở một cửa sổ khác và đang dùng thư mục dữ liệu này:\n{data_dir}\n\n"
    "Hãy dùng cửa sổ đang mở (tìm trên thanh tác vụ ở cuối màn hình). Cửa sổ này sẽ đóng lại, "
    "không thay đổi gì."
)


def rss_mb() -> float:
    """Resident memory of this process in MB (0 when unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    except (ImportError, OSError):
        return 0.0


class CrashReporter(QObject):
    """Turns an uncaught exception (any thread) into: save the draft, log it, tell the user."""

    report = Signal(str)

    def __init__(self, window: Any, data_dir: Path) -> None:
        super().__init__()
        self.window = window
        self.data_dir = data_dir
        self._showing = False
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        if threading.current_thread() is threading.main_thread() and self.window is not None:
            self.window.emergency_save()
        from dienchau_desktop.crashlog import write_crash_log

        path = write_crash_log(exc, self.data_dir)
        self.report.emit(str(path))

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, path: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            if self.window is not None:
                self.window.emergency_save()
            QMessageBox.critical(self.window, "Lỗi không mong đợi", CRASH_TEXT.format(path=path))
        finally:
            self._showing = False


def _create_app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("DienChauBaoCao")
    app.setApplicationDisplayName("Báo cáo Đảng ủy xã")
    app.setOrganizationName("DienChau")
    from dienchau_desktop.gui.i18n import QtStringsVi

    translator = QtStringsVi(app)
    app.installTranslator(translator)
    from dienchau_desktop.gui.main_window import app_icon

    app.setWindowIcon(app_icon())
    return app


def _fit_to_screen(window: Any) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 720)
        return
    avail = screen.availableGeometry()
    if avail.width() <= 1440 or avail.height() <= 820:
        window.resize(avail.width(), avail.height())
        window.showMaximized()
        return
    window.resize(min(1400, int(avail.width() * 0.85)), min(900, int(avail.height() * 0.9)))
    window.move(avail.center() - window.rect().center())
    window.show()


def run_gui(args: argparse.Namespace) -> int:
    """Open the window (on the example report with ``--example``) and run until it closes.

    The window is shown first and the drafts are read right after, so the user sees the program
    at once. A second copy on the same data is told so and stops (exit code 1) without writing.
    """
    started = time.perf_counter()
    data_dir = user_data_dir(getattr(args, "data_dir", None))
    app = _create_app()
    from dienchau_desktop.gui.main_window import MainWindow

    window = MainWindow(None, data_dir)
    # Windows is logging off or shutting down: save now, before the session ends.
    app.commitDataRequest.connect(lambda _manager: window.emergency_save())
    reporter = CrashReporter(window, data_dir)
    sys.excepthook = reporter.handle
    threading.excepthook = reporter.thread_hook
    probe = os.environ.get(EXIT_WHEN_SHOWN_ENV, "")
    timings: dict[str, float] = {}
    outcome = {"code": 0}

    def open_store() -> None:
        from dienchau_desktop.store import StoreError, StoreLockedError
        from dienchau_desktop.workspace import Workspace

        workspace = Workspace(data_dir)
        try:
            workspace.open_store()
        except StoreLockedError:
            window.hide()
            QMessageBox.warning(None, "Chương trình đang mở", LOCKED_TEXT.format(data_dir=data_dir))
            outcome["code"] = 1
            window.close()
            app.exit(1)
            return
        except StoreError as exc:
            window.hide()
            QMessageBox.critical(
                None,
                "Không mở được dữ liệu",
                f"Không mở được thư mục dữ liệu “{data_dir}”.\n\n{exc}",
            )
            outcome["code"] = 1
            window.close()
            app.exit(1)
            return
        window.attach_workspace(workspace)
        if getattr(args, "example", False) or probe in ("example", "print"):
            window.open_example()
        timings["ready"] = time.perf_counter() - started
        if probe:
            _probe_and_quit(app, window, started, probe, timings)
        quit_after = getattr(args, "quit_after", None)
        if quit_after is not None:
            # Smoke tests of the installed or frozen program: open, wait, close as a user would.
            QTimer.singleShot(max(0, int(quit_after)), window.close)

    def shown() -> None:
        # First pass of the event loop: the window has been drawn. Read the drafts next.
        timings["shown"] = time.perf_counter() - started
        QTimer.singleShot(0, open_store)

    _fit_to_screen(window)
    QTimer.singleShot(0, shown)
    try:
        code = int(app.exec())
    finally:
        window.close_store()
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__
    return outcome["code"] or code


def main(argv: list[str] | None = None) -> int:
    """The program's window straight away (the Windows shortcut's entry point)."""
    parser = argparse.ArgumentParser(prog="dienchau-desktop-gui", add_help=False)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--example", action="store_true")
    parser.add_argument("--quit-after", type=int, default=None)
    args, _unknown = parser.parse_known_args(argv)
    return run_gui(args)


def _probe_and_quit(
    app: QApplication, window: Any, started: float, mode: str, timings: dict[str, float]
) -> None:
    """Report start-up time and memory once the window is on screen, then quit.

    Prints ``shown <s> rss_mb <MB> ready <s>``: the window on screen, the memory in use, and the
    drafts list (and example, if asked) in place.
    """

    def report(extra: str = "") -> None:
        line = f"shown {timings['shown']:.4f} rss_mb {rss_mb():.1f} ready {timings['ready']:.4f}"
        print(line + extra, flush=True)
        window.close()
        app.quit()

    if mode == "print" and window.wizard is not None:
        wizard = window.wizard
        wizard.go_to_key("print")
        page = wizard.print_page

        def wait_for_pdf() -> None:
            if page.pdf is None:
                QTimer.singleShot(20, wait_for_pdf)
            else:
                QTimer.singleShot(0, lambda: report(f" pages {page.page_count()}"))

        QTimer.singleShot(0, wait_for_pdf)
        return
    QTimer.singleShot(0, report)
