"""A question's fields: checks as you type under the field, pasted text cleaned, bullets, the
user's own evidence lines, last period's value."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from PySide6.QtCore import QDate, QMimeData, Qt
from PySide6.QtWidgets import QApplication
from qt_helpers import find, label_text, type_text

from dienchau_desktop.gui import MainWindow


def open_section(window: MainWindow, key: str = "section:II") -> Any:
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key(key)
    return wizard


def test_figure_checked_as_typed(window: MainWindow) -> None:
    """A figure's message under the field follows every keystroke (the core's rule)."""
    wizard = open_section(window)
    edit = find(wizard, "figure:II.4:ty_le_giai_quyet")
    message = find(wizard, "message:figure:II.4:ty_le_giai_quyet")
    type_text(edit, "120%")
    assert "phải từ 0 đến 100%" in label_text(message)
    assert message.property("role") == "error"
    edit.selectAll()
    type_text(edit, "95%")
    assert "100%" not in label_text(message)
    assert message.property("role") == "hint"
    assert wizard.draft.answers["II.4"].figures["ty_le_giai_quyet"] == "95%"


def test_empty_required_field_is_not_shouted_at(window: MainWindow) -> None:
    """A required field not yet filled shows its hint in grey, not a red error."""
    wizard = open_section(window)
    message = find(wizard, "message:figure:II.1:so_cuoc_kiem_tra_giam_sat")
    assert message.property("role") == "hint"
    assert "bắt buộc" in label_text(message)


def test_narrative_problems_shown_under_the_answer(qtbot: Any, window: MainWindow) -> None:
    """The draft-wide check (short answer) appears under the narrative after a pause."""
    wizard = open_section(window)
    type_text(find(wizard, "answer:II.1"), "Có kiểm tra.")
    message = find(wizard, "message:answer:II.1")
    qtbot.waitUntil(lambda: "rất ngắn" in label_text(message), timeout=2000)
    assert message.property("role") == "warning"


def test_pasted_html_is_cleaned(qtbot: Any, window: MainWindow) -> None:
    """HTML pasted from Word or a web page becomes plain paragraphs and "- " bullets, NFC."""
    wizard = open_section(window)
    edit = find(wizard, "answer:II.2")
    decomposed = unicodedata.normalize("NFD", "Đảng ủy lãnh đạo")
    mime = QMimeData()
    mime.setHtml(
        "<html><head><style>p{margin:0}</style></head><body>"
        f'<p class="MsoNormal"><span style="font-size:13pt">{decomposed}</span><o:p></o:p></p>'
        "<ul><li>Ý thứ nhất</li><li>Ý thứ <b>hai</b></li></ul></body></html>"
    )
    mime.setText("fallback")
    QApplication.clipboard().setMimeData(mime)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    expected = "Đảng ủy lãnh đạo\n- Ý thứ nhất\n- Ý thứ hai"
    assert edit.toPlainText() == expected
    assert wizard.draft.answers["II.2"].text == expected
    assert unicodedata.is_normalized("NFC", wizard.draft.answers["II.2"].text)


def test_pasted_plain_text_is_cleaned(qtbot: Any, window: MainWindow) -> None:
    """Plain text with Word bullets and stray spaces is tidied the same way."""
    wizard = open_section(window)
    edit = find(wizard, "answer:II.2")
    mime = QMimeData()
    mime.setText("Mở đầu   đoạn\n\n• ý một\n\uf0b7 ý hai")
    QApplication.clipboard().setMimeData(mime)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == "Mở đầu đoạn\n- ý một\n- ý hai"


def test_bullet_toggle_on_selected_lines(qtbot: Any, window: MainWindow) -> None:
    """Ctrl+Shift+L puts "- " before the selected lines, and takes it away again."""
    wizard = open_section(window)
    edit = find(wizard, "answer:II.5")
    type_text(edit, "Mở đầu\nthứ nhất\nthứ hai")
    cursor = edit.textCursor()
    cursor.setPosition(len("Mở đầu\n"))
    cursor.setPosition(len(edit.toPlainText()), cursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    qtbot.keyClick(
        edit,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert edit.toPlainText() == "Mở đầu\n- thứ nhất\n- thứ hai"
    assert wizard.draft.answers["II.5"].text == "Mở đầu\n- thứ nhất\n- thứ hai"
    wizard.section_body("II").questions["II.5"].bullet_button.click()
    assert edit.toPlainText() == "Mở đầu\nthứ nhất\nthứ hai"


def test_own_evidence_lines(qtbot: Any, window: MainWindow) -> None:
    """The user adds an evidence line of their own, fills it, and removes it."""
    wizard = open_section(window)
    qtbot.mouseClick(find(wizard, "addExtra:II.1"), Qt.MouseButton.LeftButton)
    label = find(wizard, "extra:II.1:0:label")
    assert QApplication.focusWidget() is label
    type_text(label, "Số buổi sinh hoạt chuyên đề")
    type_text(find(wizard, "extra:II.1:0:value"), "12 buổi")
    extras = wizard.draft.answers["II.1"].extra_figures
    assert [(e.label, e.value) for e in extras] == [("Số buổi sinh hoạt chuyên đề", "12 buổi")]
    qtbot.mouseClick(find(wizard, "removeExtra:II.1:0"), Qt.MouseButton.LeftButton)
    assert wizard.draft.answers["II.1"].extra_figures == []


def test_general_information_date_and_lines(window: MainWindow) -> None:
    """Dates typed as dd/mm/yyyy are stored ISO; a wrong date stays as typed and is flagged."""
    window.new_draft()
    wizard = window.wizard
    date_edit = find(wizard, "meta:report_date")
    type_text(date_edit, "15/4/2026")
    assert wizard.draft.meta["report_date"] == "2026-04-15"
    date_edit.selectAll()
    type_text(date_edit, "31/02/2026")
    assert wizard.draft.meta["report_date"] == "31/02/2026"
    wizard.revalidate()
    assert "không phải một ngày" in label_text(find(wizard, "message:meta:report_date"))
    number = find(wizard, "meta:document_number")
    assert number.text() == ""  # may stay blank: written in by hand
    type_text(find(wizard, "meta:recipients"), "Ban Tuyên giáo Tỉnh ủy\n\nLưu Văn phòng")
    assert wizard.draft.meta["recipients"] == ["Ban Tuyên giáo Tỉnh ủy", "Lưu Văn phòng"]


def test_date_picked_on_the_calendar(qtbot: Any, window: MainWindow) -> None:
    """Alt+Down on a date field opens a calendar; the day picked goes in as dd/mm/yyyy."""
    window.new_draft()
    wizard = window.wizard
    line = find(wizard, "meta:report_date")
    date_edit = line.parentWidget()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(date_edit.calendar_menu.isVisible)
    date_edit.calendar.clicked.emit(QDate(2026, 4, 20))
    assert line.text() == "20/04/2026"
    assert wizard.draft.meta["report_date"] == "2026-04-20"
    assert not date_edit.calendar_menu.isVisible()


def _paste(qtbot: Any, edit: Any, text: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


LEGACY = {
    "tcvn3": {
        "answer": "§¶ng ñy x· DiÔn Ch©u l·nh ®¹o c¸c ®oµn thÓ",
        "figure": "12 cuéc gi¸m s¸t",
        "extra": "Sè buæi häp chuyªn ®Ò",
        "commune": "x· DiÔn Ch©u",
    },
    "vni": {
        "answer": "Ñaûng uûy xaõ Dieãn Chaâu laõnh ñaïo caùc ñoaøn theå",
        "figure": "12 cuoäc giaùm saùt",
        "extra": "Soá buoåi hoïp chuyeân ñeà",
        "commune": "xaõ Dieãn Chaâu",
    },
}
UNICODE = "Đảng ủy xã Diễn Châu lãnh đạo các đoàn thể"


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_text_pasted_in_old_fonts_becomes_unicode_everywhere(
    qtbot: Any, window: MainWindow, encoding: str
) -> None:
    """TCVN3 (.VnTime) or VNI text pasted into an answer, a figure, an extra line, a note and a
    general-information field arrives as Unicode, in the field and in the draft; the check then
    finds no old-font text."""
    sample = LEGACY[encoding]
    wizard = open_section(window)
    answer = find(wizard, "answer:II.2")
    _paste(qtbot, answer, sample["answer"])
    assert answer.toPlainText() == UNICODE
    assert wizard.draft.answers["II.2"].text == UNICODE
    note = find(wizard, "note:II.2")
    _paste(qtbot, note, sample["answer"])
    assert wizard.draft.answers["II.2"].note == UNICODE
    figure = find(wizard, "figure:II.1:so_cuoc_kiem_tra_giam_sat")
    _paste(qtbot, figure, sample["figure"])
    assert figure.text() == "12 cuộc giám sát"
    assert wizard.draft.answers["II.1"].figures["so_cuoc_kiem_tra_giam_sat"] == "12 cuộc giám sát"
    find(wizard, "addExtra:II.1").click()
    extra = find(wizard, "extra:II.1:0:label")
    _paste(qtbot, extra, sample["extra"])
    assert wizard.draft.answers["II.1"].extra_figures[0].label == "Số buổi họp chuyên đề"
    wizard.go_to_key("meta")
    commune = find(wizard, "meta:commune")
    _paste(qtbot, commune, sample["commune"])
    assert commune.text() == "xã Diễn Châu"
    assert wizard.draft.meta["commune"] == "xã Diễn Châu"
    assert not any("bảng mã" in p.detail for p in wizard.session.problems())


def test_typed_text_is_kept_as_typed(qtbot: Any, window: MainWindow) -> None:
    """Only pastes are converted: a "×" typed by hand stays (e.g. "3×4 m")."""
    wizard = open_section(window)
    edit = find(wizard, "answer:II.2")
    type_text(edit, "Bảng tin 3×4 m")
    assert wizard.draft.answers["II.2"].text == "Bảng tin 3×4 m"


def test_cross_check_warning_stays_put_while_typing(qtbot: Any, window: MainWindow) -> None:
    """The answer says 9 cuộc, the figure another count: the warning under the figure is shown
    at every keystroke, not wiped by the figure's own check and brought back later."""
    wizard = open_section(window)
    answer = find(wizard, "answer:II.1")
    type_text(answer, "Năm qua tổ chức 9 cuộc kiểm tra, giám sát việc thực hiện quy chế.")
    edit = find(wizard, "figure:II.1:so_cuoc_kiem_tra_giam_sat")
    message = find(wizard, "message:figure:II.1:so_cuoc_kiem_tra_giam_sat")
    for typed in ("1", "2"):
        type_text(edit, typed)
        assert "Phần trả lời ghi" in label_text(message), typed
    wizard.revalidate()
    assert "Phần trả lời ghi" in label_text(message)
    edit.selectAll()
    type_text(edit, "9")
    assert "Phần trả lời ghi" not in label_text(message)
