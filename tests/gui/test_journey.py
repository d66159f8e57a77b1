"""The whole journey, as a user does it: a new report, every page filled in Vietnamese, a clean
review, the final PDF saved and read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from qt_helpers import commit_text, find, type_text

from dienchau_desktop.gui import MainWindow
from dienchau_desktop.gui.review import PROBLEM_ROLE
from dienchau_desktop.template import load_template

META_VALUES = {
    "superior_body": "ĐẢNG BỘ TỈNH NGHỆ AN",
    "issuing_body": "ĐẢNG ỦY XÃ QUỲNH LƯU",
    "commune": "xã Quỳnh Lưu",
    "place": "Quỳnh Lưu",
    "report_date": "20/04/2026",
    "document_number": "127",
    "instruction_number": "538-CV/BTGDVTU",
    "instruction_date": "13/04/2026",
    "instruction_issuer": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "signer_position": "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "signer_name": "Nguyễn Thị Hằng",
}
RECIPIENTS = ["Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c)", "Lưu Văn phòng Đảng ủy"]
FIGURE_VALUES = {
    "count": "12",
    "percent": "85%",
    "money": "450.000.000 đồng",
    "ratio": "8/8",
    "range": "2 - 3",
    "text": "tốt",
}


def answer_text(qid: str) -> str:
    return (
        f"Đảng ủy xã Quỳnh Lưu đã lãnh đạo thực hiện nội dung mục {qid} một cách nghiêm túc.\n"
        f"- Cán bộ, đảng viên ở thôn, xóm tích cực hưởng ứng (mục {qid})\n"
        f"- Nhân dân đồng thuận, tin tưởng vào sự lãnh đạo của cấp ủy (mục {qid})"
    )


def fill_general_information(wizard: Any) -> None:
    for key, value in META_VALUES.items():
        edit = find(wizard, f"meta:{key}")
        edit.selectAll()
        type_text(edit, value)
    recipients = find(wizard, "meta:recipients")
    recipients.selectAll()
    type_text(recipients, "\n".join(RECIPIENTS))


def test_new_report_filled_reviewed_and_printed(
    qtbot: Any, window: MainWindow, dialogs: Any, tmp_path: Path
) -> None:
    """A new report filled on every page reaches a clean review and a final PDF with its text."""
    template = load_template()
    qtbot.mouseClick(find(window, "newDraftButton"), Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert wizard is not None and wizard.current_key() == "meta"

    fill_general_information(wizard)
    nav = find(window, "sectionNav")
    for section in template.sections:
        qtbot.mouseClick(find(wizard, "nextButton"), Qt.MouseButton.LeftButton)
        assert wizard.current_key() == f"section:{section.id}"
        for question in section.questions:
            first, _, rest = answer_text(question.id).partition("\n")
            type_text(find(wizard, f"answer:{question.id}"), first + "\n")
            commit_text(find(wizard, f"answer:{question.id}"), rest)  # as Unikey delivers text
            for spec in question.figures:
                type_text(find(wizard, f"figure:{question.id}:{spec.id}"), FIGURE_VALUES[spec.kind])
        # One note, typed: it is part of the report too.
        type_text(find(wizard, f"note:{section.questions[0].id}"), "Số liệu tính đến tháng 3/2026")
        wizard.revalidate()
        assert wizard.section_state(f"section:{section.id}") == "done", [
            p.message for p in wizard.problems if p.is_error
        ]
        assert nav.currentRow() == wizard.page_keys.index(f"section:{section.id}")

    draft = wizard.draft
    assert draft.answers["II.3"].text == answer_text("II.3")
    assert draft.answers["II.3"].figures["tong_kinh_phi"] == "450.000.000 đồng"
    assert draft.meta["report_date"] == "2026-04-20"
    assert draft.meta["recipients"] == RECIPIENTS
    assert draft.answers["I.1"].note == "Số liệu tính đến tháng 3/2026"

    qtbot.mouseClick(find(wizard, "nextButton"), Qt.MouseButton.LeftButton)
    assert wizard.current_key() == "review"
    review = wizard.review_page
    errors = [i for i in review.problem_items() if i.data(0, PROBLEM_ROLE).is_error]
    assert errors == [], [i.text(0) for i in errors]
    assert "Không còn lỗi" in review.summary.text()
    assert find(wizard, "progressLabel").text() == "Đã trả lời 18/18 câu hỏi"

    qtbot.mouseClick(find(wizard, "nextButton"), Qt.MouseButton.LeftButton)
    page = wizard.print_page
    page.final_radio.setChecked(True)
    qtbot.waitUntil(lambda: page.pdf is not None and page.page_count() > 0, timeout=20000)
    assert not find(wizard, "finalBlocked").isVisible()

    target = tmp_path / "bao-cao.pdf"
    dialogs.save_path = str(target)
    qtbot.mouseClick(find(wizard, "savePdfButton"), Qt.MouseButton.LeftButton)
    assert target.read_bytes() == page.pdf  # the very file previewed
    doc = pdfium.PdfDocument(str(target))
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    flat = " ".join(text.split())
    for needle in (
        "ĐẢNG ỦY XÃ QUỲNH LƯU",
        "Nguyễn Thị Hằng",
        "Đảng ủy xã Quỳnh Lưu đã lãnh đạo thực hiện nội dung mục II.3",
        "Nhân dân đồng thuận",
        "450.000.000 đồng",
    ):
        assert needle in flat, needle
    assert "DỰ THẢO" not in flat
    assert dialogs.shown == []
