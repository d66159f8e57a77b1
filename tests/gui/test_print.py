"""The print page: a preview of the real PDF, zoom and pages, a final copy refused while errors
remain, printing through the system dialog."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from qt_helpers import find

from dienchau_desktop.gui import MainWindow
from dienchau_desktop.gui import preview_parts as preview_module


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


def test_the_data_folders_layout_profile_is_what_is_previewed_saved_and_printed(
    qtbot: Any,
    data_dir: Path,
    dialogs: Any,
    tmp_path: Path,
    fake_print_dialog: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A profile in ``<data>/layouts/`` drives the preview, Save as PDF and Print: one PDF."""
    import json

    from qt_helpers import open_window

    profile = json.loads(Path("resources/layouts/party-hd36.json").read_text("utf-8"))
    profile["draft_mark"]["text"] = "BẢN XIN Ý KIẾN"
    (data_dir / "layouts").mkdir(parents=True, exist_ok=True)
    (data_dir / "layouts" / "party-hd36.json").write_text(
        json.dumps(profile, ensure_ascii=False), "utf-8"
    )
    printed: list[bytes] = []
    real_job = preview_module.PrintJob

    def recording_job(job_id: int, pdf: bytes, *args: Any) -> Any:
        printed.append(pdf)
        return real_job(job_id, pdf, *args)

    monkeypatch.setattr(preview_module, "PrintJob", recording_job)
    window = open_window(qtbot, data_dir)
    page = print_page(qtbot, window)
    text = pdfium.PdfDocument(page.pdf)[0].get_textpage().get_text_range()
    assert "BẢN XIN Ý KIẾN" in text and "DỰ THẢO" not in text
    dialogs.save_path = str(tmp_path / "xin-y-kien.pdf")
    find(window, "savePdfButton").click()
    assert (tmp_path / "xin-y-kien.pdf").read_bytes() == page.pdf
    qtbot.mouseClick(find(window, "printButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.pages_printed > 0, timeout=30000)
    assert printed == [page.pdf]
    window.close()


def test_save_as_word_writes_the_chosen_copy(
    qtbot: Any, window: MainWindow, dialogs: Any, tmp_path: Path
) -> None:
    """ "Lưu thành tệp Word…" writes a .docx of the copy picked on the page: marked DỰ THẢO on a
    draft copy, unmarked on the final one; the name gets its extension."""
    print_page(qtbot, window)
    button = find(window, "saveWordButton")
    assert button.isEnabled() and button.text() == "Lưu thành tệp Word…"
    dialogs.save_path = str(tmp_path / "du-thao")
    button.click()
    draft_copy = tmp_path / "du-thao.docx"
    header = Document(io.BytesIO(draft_copy.read_bytes())).sections[0].header
    assert "DỰ THẢO" in header._element.xml
    find(window, "finalCopyRadio").setChecked(True)  # the example has no errors
    dialogs.save_path = str(tmp_path / "chinh-thuc.docx")
    button.click()
    doc = Document(io.BytesIO((tmp_path / "chinh-thuc.docx").read_bytes()))
    assert "DỰ THẢO" not in doc.sections[0].header._element.xml
    assert doc.tables[0].cell(1, 0).text == "ĐẢNG ỦY XÃ DIỄN CHÂU"


def test_save_as_word_is_refused_for_a_final_copy_with_errors(
    qtbot: Any, window: MainWindow
) -> None:
    window.new_draft()
    window.wizard.go_to_key("print")
    find(window, "finalCopyRadio").setChecked(True)
    assert not find(window, "saveWordButton").isEnabled()
    find(window, "draftCopyRadio").setChecked(True)
    assert find(window, "saveWordButton").isEnabled()
