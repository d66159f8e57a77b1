"""The print page: a preview of the real PDF, zoom and pages, a final copy refused while errors
remain, printing through the system dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from qt_helpers import find

from dienchau_desktop.gui import MainWindow
from dienchau_desktop.gui import preview as preview_module


def print_page(qtbot: Any, window: MainWindow) -> Any:
    window.open_example()
    window.wizard.go_to_key("print")
    page = window.wizard.print_page
    qtbot.waitUntil(lambda: page.pdf is not None and page.page_count() > 0, timeout=20000)
    return page


def test_preview_shows_the_pdf_pages(qtbot: Any, window: MainWindow) -> None:
    """Every page of the PDF is shown; the busy state goes away; page navigation works."""
    page = print_page(qtbot, window)
    doc = pdfium.PdfDocument(page.pdf)
    assert page.page_count() == len(doc) >= 2
    assert not find(window, "busyLabel").isVisible()
    assert find(window, "pageLabel").text() == f"Trang 1/{len(doc)}"
    page.go_to_page(2)
    qtbot.waitUntil(lambda: page.current_page() == 2)
    assert find(window, "pageLabel").text() == f"Trang 2/{len(doc)}"


def test_zoom_redraws_the_same_pdf(qtbot: Any, window: MainWindow) -> None:
    """Zooming draws the same PDF bigger; the document itself is not rebuilt."""
    page = print_page(qtbot, window)
    pdf = page.pdf
    width = find(window, "previewPage:1").pixmap().width()
    page.step_zoom(+1)
    qtbot.waitUntil(lambda: find(window, "previewPage:1").pixmap().width() > width, timeout=10000)
    assert page.pdf is pdf


def test_final_copy_blocked_with_reasons(qtbot: Any, window: MainWindow) -> None:
    """With errors the final copy is refused and every reason is listed."""
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("print")
    page = wizard.print_page
    find(window, "finalCopyRadio").setChecked(True)
    blocked = find(window, "finalBlocked")
    assert blocked.isVisible()
    reasons = find(window, "finalBlockedList")
    errors = [p for p in wizard.problems if p.is_error]
    assert reasons.count() == len(errors) > 0
    assert "Ngày báo cáo" in "\n".join(reasons.item(i).text() for i in range(reasons.count()))
    assert not find(window, "savePdfButton").isEnabled()
    assert not find(window, "printButton").isEnabled()
    find(window, "draftCopyRadio").setChecked(True)
    assert not blocked.isVisible()
    qtbot.waitUntil(lambda: page.pdf is not None, timeout=20000)
    assert find(window, "savePdfButton").isEnabled()


def test_draft_copy_is_marked(qtbot: Any, window: MainWindow, dialogs: Any, tmp_path: Path) -> None:
    """The draft copy saved as PDF carries the "DỰ THẢO" mark."""
    page = print_page(qtbot, window)
    dialogs.save_path = str(tmp_path / "du-thao")
    find(window, "savePdfButton").click()
    saved = tmp_path / "du-thao.pdf"
    assert saved.read_bytes() == page.pdf
    text = pdfium.PdfDocument(str(saved))[0].get_textpage().get_text_range()
    assert "DỰ THẢO" in text


@pytest.fixture
def fake_print_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The system print dialog, answered "Print" with a PDF printer writing to a file."""
    target = tmp_path / "may-in.pdf"

    class FakeDialog:
        def __init__(self, printer: QPrinter, _parent: Any) -> None:
            self.printer = printer

        def setWindowTitle(self, _title: str) -> None:
            pass

        def exec(self) -> int:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            return int(QPrintDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(preview_module, "QPrintDialog", FakeDialog)
    return target


def test_print_through_the_print_dialog(
    qtbot: Any, window: MainWindow, fake_print_dialog: Path
) -> None:
    """Printing paints every page of the previewed PDF onto the printer."""
    page = print_page(qtbot, window)
    qtbot.mouseClick(find(window, "printButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.pages_printed > 0, timeout=30000)
    assert page.pages_printed == page.page_count()
    assert len(pdfium.PdfDocument(str(fake_print_dialog))) == page.page_count()


def test_ctrl_p_prints_from_anywhere(
    qtbot: Any, window: MainWindow, fake_print_dialog: Path
) -> None:
    """Ctrl+P on a question page opens the print page and prints once the PDF is ready."""
    window.open_example()
    window.wizard.go_to_key("section:II")
    qtbot.keyClick(window.wizard, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard.current_key() == "print"
    page = window.wizard.print_page
    qtbot.waitUntil(lambda: page.pages_printed > 0, timeout=30000)
    assert fake_print_dialog.exists()
