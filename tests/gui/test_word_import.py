"""Bringing a Word report in from the home screen: a summary, then the new draft opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qt_helpers import find

from dienchau_desktop.draft import example_draft
from dienchau_desktop.gui import MainWindow
from dienchau_desktop.word import render_docx


def test_word_report_becomes_a_draft_shown_with_what_went_where(
    qtbot: Any, window: MainWindow, dialogs: Any, tmp_path: Path
) -> None:
    source = tmp_path / "Báo cáo năm trước.docx"
    source.write_bytes(render_docx(example_draft(), final=True))
    dialogs.open_path = str(source)
    before = len(window.workspace.summaries())
    find(window, "importWordButton").click()
    summary = [s for s in dialogs.shown if s[0] == "exec" and s[1] == "Đã nhập báo cáo Word"]
    assert summary and "18/18 câu có câu trả lời" in summary[0][2]
    assert "Báo cáo năm trước.docx" in summary[0][2]
    assert len(window.workspace.summaries()) == before + 1
    wizard = window.wizard
    assert wizard is not None and window.stack.currentWidget() is wizard
    expected = example_draft()
    assert wizard.draft.id != expected.id
    assert wizard.draft.answers["II.1"].figures == expected.answers["II.1"].figures
    assert wizard.draft.meta["issuing_body"] == "ĐẢNG ỦY XÃ DIỄN CHÂU"


def test_a_file_that_is_not_a_word_report_is_refused_and_nothing_is_added(
    qtbot: Any, window: MainWindow, dialogs: Any, tmp_path: Path
) -> None:
    old = tmp_path / "bao-cao-cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    dialogs.open_path = str(old)
    before = len(window.workspace.summaries())
    find(window, "importWordButton").click()
    warnings = [s for s in dialogs.shown if s[0] == "warning"]
    assert warnings and warnings[0][1] == "Không nhập được báo cáo Word"
    assert ".docx" in warnings[0][2]
    assert len(window.workspace.summaries()) == before
    assert window.wizard is None
