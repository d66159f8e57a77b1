"""The review page and the side navigation: problems grouped, counts, jumping to a field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from qt_helpers import find, type_text

from dienchau_desktop.gui import MainWindow
from dienchau_desktop.gui.review import PROBLEM_ROLE


def problem_item(review: Any, predicate: Any) -> Any:
    return next(i for i in review.problem_items() if predicate(i.data(0, PROBLEM_ROLE)))


def test_activating_a_problem_focuses_its_field(qtbot: Any, window: MainWindow) -> None:
    """Enter on a problem in the review opens its page and puts the cursor in its field."""
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("section:II")
    type_text(find(wizard, "figure:II.3:tong_kinh_phi"), "5 người")
    wizard.go_to_key("review")
    review = wizard.review_page
    tree = find(wizard, "problemList")
    item = problem_item(review, lambda p: p.figure == "tong_kinh_phi")
    assert "Mục II.3" in item.text(0) and "đơn vị tiền" in item.text(0)
    tree.setCurrentItem(item)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert wizard.current_key() == "section:II"
    assert QApplication.focusWidget() is find(wizard, "figure:II.3:tong_kinh_phi")


def test_meta_and_answer_problems_jump_too(qtbot: Any, window: MainWindow) -> None:
    """A general-information problem and a missing answer each lead to their own field."""
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("review")
    review = wizard.review_page
    item = problem_item(review, lambda p: p.meta_key == "report_date")
    review.tree.itemActivated.emit(item, 0)
    assert wizard.current_key() == "meta"
    assert QApplication.focusWidget() is find(wizard, "meta:report_date")
    wizard.go_to_key("review")
    item = problem_item(review, lambda p: p.question == "IV.2" and p.field == "text")
    review.tree.setCurrentItem(item)
    find(wizard, "goToProblemButton").click()
    assert wizard.current_key() == "section:IV"
    assert QApplication.focusWidget() is find(wizard, "answer:IV.2")


def test_errors_apart_from_warnings_with_counts(window: MainWindow) -> None:
    """Errors and warnings are listed apart, each grouped by section, with counts."""
    window.open_example()
    wizard = window.wizard
    wizard.go_to_key("section:II")
    type_text(find(wizard, "answer:II.1"), "")  # focus only
    find(wizard, "figure:II.4:ty_le_giai_quyet").selectAll()
    type_text(find(wizard, "figure:II.4:ty_le_giai_quyet"), "120%")
    find(wizard, "figure:II.3:tong_kinh_phi").selectAll()
    type_text(find(wizard, "figure:II.3:tong_kinh_phi"), "200.000.000 đồng")
    wizard.go_to_key("review")
    tree = find(wizard, "problemList")
    tops = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert tops == [
        "Lỗi — phải sửa trước khi in bản chính thức (1)",
        "Cảnh báo — nên xem lại (1)",
    ]
    assert tree.topLevelItem(0).child(0).text(0).startswith("Phần II.")
    assert "Còn 1 lỗi" in wizard.review_page.summary.text()
    nav = find(wizard, "sectionNav")
    assert "1 lỗi, 1 cảnh báo" in nav.item(wizard.page_keys.index("review")).text()


def test_first_error_button(window: MainWindow) -> None:
    """ "Đến lỗi đầu tiên" goes straight to the first thing to fix."""
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("review")
    find(wizard, "firstErrorButton").click()
    assert wizard.current_key() == "meta"
    assert QApplication.focusWidget() is find(wizard, "meta:superior_body")


def test_side_navigation_states_and_jumps(qtbot: Any, window: MainWindow) -> None:
    """The side list shows each section's state and jumps anywhere on a click."""
    window.open_example()
    wizard = window.wizard
    nav = find(wizard, "sectionNav")
    assert nav.count() == 9
    assert [nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(7)] == ["done"] * 7
    find(wizard, "answer:VI.2")  # not built yet is fine: found after the jump
    rect = nav.visualItemRect(nav.item(6))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wizard.current_key() == "section:VI"
    edit = find(wizard, "answer:VI.2")
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    wizard.revalidate()
    assert nav.item(6).data(Qt.ItemDataRole.UserRole) == "missing"
    assert find(wizard, "progressLabel").text() == "Đã trả lời 17/18 câu hỏi"
    find(wizard, "figure:II.4:ty_le_giai_quyet")  # building another page on demand
    wizard.go_to_key("section:II")
    field = find(wizard, "figure:II.4:ty_le_giai_quyet")
    field.selectAll()
    type_text(field, "120%")
    wizard.revalidate()
    assert nav.item(2).data(Qt.ItemDataRole.UserRole) == "error"


def test_back_and_next_move_in_order(qtbot: Any, window: MainWindow) -> None:
    """Back and Next (and Ctrl+Page Down / Up) step through the pages in order."""
    window.open_example()
    wizard = window.wizard
    assert not find(wizard, "backButton").isEnabled()
    qtbot.mouseClick(find(wizard, "nextButton"), Qt.MouseButton.LeftButton)
    assert wizard.current_key() == "section:I"
    qtbot.keyClick(wizard, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert wizard.current_key() == "section:II"
    qtbot.keyClick(wizard, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(find(wizard, "backButton"), Qt.MouseButton.LeftButton)
    assert wizard.current_key() == "meta"
    assert find(wizard, "stepLabel").text() == "Bước 1/9"
