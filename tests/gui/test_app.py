"""Starting the program: the command line, a second copy on the same data, unexpected errors."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from clirun import run_cli
from qt_helpers import find, open_window, type_text

from dienchau_desktop.cli import build_parser
from dienchau_desktop.gui import app as app_module
from dienchau_desktop.gui.app import CrashReporter, run_gui
from dienchau_desktop.gui.compat import needs_singleton_guard
from dienchau_desktop.store import DraftStore, StoreLockedError
from dienchau_desktop.workspace.summary import list_facts

ROOT = Path(__file__).resolve().parents[2]


def launch(*args: str, probe: str = "1", data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(
        *args,
        QT_QPA_PLATFORM="offscreen",
        DIENCHAU_EXIT_WHEN_SHOWN=probe,
        DIENCHAU_DATA_DIR=str(data_dir),
    )


def test_gui_command_line() -> None:
    """`gui` takes --data-dir and --example; no command at all means the window too."""
    args = build_parser().parse_args(["gui", "--data-dir", "D", "--example"])
    assert args.command == "gui" and args.data_dir == "D" and args.example
    assert build_parser().parse_args([]).command is None


def test_no_command_opens_the_window(tmp_path: Path) -> None:
    """`dienchau-desktop` with no arguments shows the window (and exits here when shown)."""
    result = launch(data_dir=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown ")
    assert (tmp_path / "d").is_dir()


def test_gui_example_opens_the_example(tmp_path: Path) -> None:
    """`gui --example --data-dir DIR` opens the example report in that data directory."""
    result = launch("gui", "--example", "--data-dir", str(tmp_path / "e"), data_dir=tmp_path / "x")
    assert result.returncode == 0, result.stderr
    store = DraftStore(tmp_path / "e", readonly=True, summarize=list_facts)
    try:
        assert [s.title for s in store.list()] == ["Báo cáo tổng kết KL62 – xã Diễn Châu (ví dụ)"]
    finally:
        store.close()


def test_second_copy_is_told_and_writes_nothing(qtbot: Any, data_dir: Path, dialogs: Any) -> None:
    """A second copy on the same data directory is refused with a Vietnamese message, exit 1."""
    first = open_window(qtbot, data_dir)
    with pytest.raises(StoreLockedError):
        DraftStore(data_dir, summarize=list_facts)
    code = run_gui(argparse.Namespace(data_dir=str(data_dir), example=False))
    assert code == 1
    kind, title, text = dialogs.shown[-1]
    assert kind == "warning" and "đang mở" in title and str(data_dir) in text
    first.close()


def test_unexpected_error_is_logged_and_the_draft_saved(
    qtbot: Any, data_dir: Path, dialogs: Any
) -> None:
    """An uncaught error saves the draft, goes to the log file and to a calm dialog."""
    window = open_window(qtbot, data_dir)
    window.new_draft()
    type_text(find(window.wizard, "meta:commune"), "xã Diễn Yên")
    reporter = CrashReporter(window, data_dir)
    try:
        raise RuntimeError("hỏng giữa chừng")
    except RuntimeError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    assert not window.wizard.autosaver.dirty  # saved before anything else
    qtbot.waitUntil(lambda: any(k == "critical" for k, _, _ in dialogs.shown))
    text = dialogs.shown[-1][2]
    assert "Bản nháp của bạn đã được lưu an toàn" in text
    log = data_dir / "logs" / "loi.log"
    assert "hỏng giữa chừng" in log.read_text("utf-8")
    assert str(log) in text
    window.close()


def test_errors_in_other_threads_reach_the_user(qtbot: Any, data_dir: Path, dialogs: Any) -> None:
    """An error in a background thread is logged and shown on the UI thread."""
    import threading

    reporter = CrashReporter(None, data_dir)
    old = threading.excepthook
    threading.excepthook = reporter.thread_hook
    try:
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
    finally:
        threading.excepthook = old
    qtbot.waitUntil(lambda: any(k == "critical" for k, _, _ in dialogs.shown))
    assert "ZeroDivisionError" in (data_dir / "logs" / "loi.log").read_text("utf-8")


def test_many_qt_calls_do_not_crash_the_interpreter() -> None:
    """Tens of thousands of Qt calls run to the end (guards a binding refcount bug on 3.11)."""
    code = (
        "import dienchau_desktop.gui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for i in range(100000):\n"
        "    label.setText('x')\n"
        "print('done')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "done"
    assert needs_singleton_guard() == (sys.version_info < (3, 12))


def test_start_up_reports_time_and_memory(tmp_path: Path) -> None:
    """The probe used by the start-up benchmark reports once the example is open."""
    result = launch(probe="example", data_dir=tmp_path / "p")
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    assert words[0] == "shown" and float(words[1]) > 0 and words[2] == "rss_mb"
    assert app_module.EXIT_WHEN_SHOWN_ENV == "DIENCHAU_EXIT_WHEN_SHOWN"
