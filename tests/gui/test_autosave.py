"""Autosave: every change reaches the disk within about a second, typing never waits for it, a
failed save keeps the draft, and reopening puts the user back where they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from qt_helpers import commit_text, find, open_window, type_text

from dienchau_desktop.gui import MainWindow
from dienchau_desktop.gui.autosave import DELAY_MS
from dienchau_desktop.store import DraftStore, StoreWriteError
from dienchau_desktop.workspace.summary import list_facts


def saved_copy(data_dir: Path, draft_id: str) -> Any:
    """What is on disk now, read as another program would (the window keeps running)."""
    store = DraftStore(data_dir, readonly=True, summarize=list_facts)
    try:
        return store.load(draft_id)
    finally:
        store.close()


def test_change_is_on_disk_within_a_second(qtbot: Any, window: MainWindow, data_dir: Path) -> None:
    """A typed change is saved by the timer alone, without closing or changing page."""
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("section:I")
    with qtbot.waitSignal(wizard.autosaver.saved, timeout=DELAY_MS + 1500):
        type_text(find(wizard, "answer:I.1"), "Đặc điểm nổi bật: xã ven biển")
    assert saved_copy(data_dir, wizard.draft.id).answers["I.1"].text == (
        "Đặc điểm nổi bật: xã ven biển"
    )
    assert find(window, "saveStatus").text().startswith("Đã lưu lúc")


def test_continuous_typing_is_saved_every_second(qtbot: Any, window: MainWindow) -> None:
    """The timer is not restarted by each key: steady typing is still saved about every second."""
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("section:I")
    edit = find(wizard, "answer:I.1")
    saves: list[str] = []
    wizard.autosaver.saved.connect(saves.append)
    for word in ["Xã", "Quỳnh", "Lưu", "có", "nhiều", "dân", "tộc", "cùng", "sinh", "sống"]:
        type_text(edit, word + " ")
        qtbot.wait(250)
    assert len(saves) >= 2


def test_saving_on_page_change_and_ctrl_s(qtbot: Any, window: MainWindow, data_dir: Path) -> None:
    """Changing page saves at once; Ctrl+S saves at once."""
    window.new_draft()
    wizard = window.wizard
    type_text(find(wizard, "meta:commune"), "xã Diễn Kim")
    wizard.go_to_key("section:I")
    assert not wizard.autosaver.dirty
    assert saved_copy(data_dir, wizard.draft.id).meta["commune"] == "xã Diễn Kim"
    type_text(find(wizard, "figure:I.2:so_nghi_quyet_chuyen_de"), "7")
    window.save_action.trigger()
    assert saved_copy(data_dir, wizard.draft.id).answers["I.2"].figures == {
        "so_nghi_quyet_chuyen_de": "7"
    }


def test_failed_save_keeps_the_draft_and_retries(
    qtbot: Any, window: MainWindow, data_dir: Path, monkeypatch: Any
) -> None:
    """A disk that refuses a save is reported in the status bar; nothing typed is lost."""
    window.new_draft()
    wizard = window.wizard
    real_save = window.store.save
    monkeypatch.setattr(
        window.store,
        "save",
        lambda *a, **k: (_ for _ in ()).throw(StoreWriteError("ổ đĩa đã đầy")),
    )
    with qtbot.waitSignal(wizard.autosaver.failed, timeout=3000):
        type_text(find(wizard, "meta:commune"), "xã Diễn Hải")
    assert "Chưa lưu được" in find(window, "saveStatus").text()
    assert wizard.draft.meta["commune"] == "xã Diễn Hải"
    assert wizard.autosaver.dirty
    monkeypatch.setattr(window.store, "save", real_save)
    with qtbot.waitSignal(wizard.autosaver.saved, timeout=3000):
        type_text(find(wizard, "meta:place"), "Diễn Hải")
    assert saved_copy(data_dir, wizard.draft.id).meta["commune"] == "xã Diễn Hải"


def test_reopening_restores_text_and_place(qtbot: Any, data_dir: Path) -> None:
    """After a save and a restart the draft is as typed and the cursor is where it was."""
    first = open_window(qtbot, data_dir)
    first.new_draft()
    wizard = first.wizard
    draft_id = wizard.draft.id
    wizard.go_to_key("section:III")
    edit = find(wizard, "answer:III.2")
    commit_text(edit, "Phát huy vai trò người có uy tín trong cộng đồng dân cư")
    type_text(find(wizard, "figure:III.2:so_nguoi_uy_tin"), "35")
    type_text(edit, "")  # back in the narrative, cursor at its end
    with qtbot.waitSignal(wizard.autosaver.saved, timeout=3000):
        type_text(edit, ".")
    first.close()

    second = open_window(qtbot, data_dir)
    resume = find(second, "resumeButton")
    assert resume.isVisible()
    resume.click()
    wizard = second.wizard
    assert wizard.draft.id == draft_id
    qtbot.waitUntil(lambda: wizard.current_key() == "section:III")
    edit = find(wizard, "answer:III.2")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    assert edit.toPlainText() == "Phát huy vai trò người có uy tín trong cộng đồng dân cư."
    assert edit.textCursor().position() == len(edit.toPlainText())
    assert find(wizard, "figure:III.2:so_nguoi_uy_tin").text() == "35"
    second.close()


def test_closing_saves_the_last_keystrokes(qtbot: Any, data_dir: Path) -> None:
    """Closing the window saves what was typed a moment ago, before the timer fired."""
    w = open_window(qtbot, data_dir)
    w.new_draft()
    draft_id = w.wizard.draft.id
    type_text(find(w.wizard, "meta:signer_name"), "Trần Văn Bình")
    w.close()
    assert saved_copy(data_dir, draft_id).meta["signer_name"] == "Trần Văn Bình"


KILLED_PROGRAM = """
import os, signal, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
import dienchau_desktop.gui
from dienchau_desktop.gui import create_main_window

app = QApplication([])
window = create_main_window(Path(sys.argv[1]))
window.show()
window.new_draft()
print(window.wizard.draft.id, flush=True)
edit = window.wizard.findChild(QWidget, "meta:commune")
edit.setFocus()
for ch in "xã Diễn Phong":
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(edit, event)
# One second and a little after the last key, the power goes.
QTimer.singleShot(1200, lambda: os.kill(os.getpid(), signal.SIGKILL))
app.exec()
"""


def test_killed_program_loses_at_most_a_second(data_dir: Path) -> None:
    """A program killed a second after the last keystroke has already saved it."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    result = subprocess.run(
        [sys.executable, "-c", KILLED_PROGRAM, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0  # it really was killed
    draft_id = result.stdout.split()[0]
    assert saved_copy(data_dir, draft_id).meta["commune"] == "xã Diễn Phong"
    # The dead program's lock does not keep the user out.
    DraftStore(data_dir, summarize=list_facts).close()
