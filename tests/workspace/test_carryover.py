"""Starting a report from an earlier one, and the general information remembered between reports."""

from __future__ import annotations

from dienchau_desktop.draft import ExtraFigure, draft_from_dict, example_draft, new_draft
from dienchau_desktop.template import load_template
from dienchau_desktop.workspace.carryover import (
    apply_remembered,
    carry_over,
    remembered_meta,
)

# The form says which fields belong to one report only (here, as the kl62 form file says them).
PER_REPORT_META = ("document_number", "report_date", "instruction_number", "instruction_date")


def test_answers_notes_and_extra_lines_are_copied() -> None:
    """The wording of every answer, its note and the user's own evidence lines carry over."""
    template = load_template()
    old = example_draft()
    old.answer("I.2").note = "Ghi chú kỳ trước"
    old.answer("I.2").extra_figures.append(ExtraFigure("Số buổi họp", "12 buổi"))
    new = carry_over(old, template)
    for qid, answer in old.answers.items():
        assert new.answers[qid].text == answer.text
    assert new.answers["I.2"].note == "Ghi chú kỳ trước"
    assert new.answers["I.2"].extra_figures == [ExtraFigure("Số buổi họp", "12 buổi")]


def test_figures_move_to_previous_and_are_cleared() -> None:
    """Each figure becomes last period's reference value and the field starts empty."""
    old = example_draft()
    new = carry_over(old, load_template())
    assert new.answers["II.3"].figures == {}
    assert new.answers["II.3"].previous_figures == {
        "tong_kinh_phi": "500.000.000 đồng",
        "binh_quan_ho_tro_thon": "5 – 6 triệu/năm",
    }


def test_blank_figures_are_not_carried_as_references() -> None:
    """An empty figure of last period gives no "last period" value."""
    old = example_draft()
    old.answer("II.3").figures["tong_kinh_phi"] = "  "
    new = carry_over(old, load_template())
    assert "tong_kinh_phi" not in new.answers["II.3"].previous_figures


def test_number_dates_and_identity_are_new() -> None:
    """Document number, report date and the instruction answered are cleared; id and title new."""
    old = example_draft()
    old.meta["document_number"] = "125"
    new = carry_over(old, load_template())
    for key in PER_REPORT_META:
        assert new.meta[key] == ""
    assert new.id != old.id and len(new.id) == 32
    assert new.title == "Báo cáo tổng kết Kết luận số 62-KL/TW – xã Diễn Châu"
    assert new.meta["created"] == new.meta["updated"]
    assert new.meta["signer_name"] == old.meta["signer_name"]
    assert new.meta["recipients"] == old.meta["recipients"]


def test_earlier_draft_is_not_changed() -> None:
    """Carrying over leaves the earlier report exactly as it was."""
    old = example_draft()
    before = old.to_dict()
    new = carry_over(old, load_template())
    new.meta["recipients"].append("Thêm")
    new.answers["I.1"].extra_figures.append(ExtraFigure("a", "b"))
    assert old.to_dict() == before


def test_questions_the_form_no_longer_asks_are_dropped() -> None:
    """An answer under a question id the template does not have is not carried."""
    data = example_draft().to_dict()
    data["answers"]["X.9"] = {"text": "cũ"}
    new = carry_over(draft_from_dict(data), load_template())
    assert "X.9" not in new.answers


def test_result_round_trips_as_a_draft_file() -> None:
    """The new draft is a valid draft document."""
    new = carry_over(example_draft(), load_template())
    assert draft_from_dict(new.to_dict()).to_dict() == new.to_dict()


def test_remembered_values_fill_a_new_draft() -> None:
    """Signer, bodies and recipients of the last report become a new report's defaults."""
    template = load_template()
    remembered = remembered_meta(example_draft(), load_template())
    assert "report_date" not in remembered and "document_number" not in remembered
    draft = apply_remembered(new_draft(template), remembered, template)
    assert draft.meta["signer_name"] == "Đặng Thị Thanh"
    assert draft.meta["recipients"][-1] == "Lưu Văn phòng Đảng uỷ"
    assert draft.meta["report_date"] == ""
    assert draft.title.endswith("– xã Diễn Châu")


def test_remembered_values_of_the_wrong_shape_are_ignored() -> None:
    """A damaged settings value never reaches a report."""
    template = load_template()
    draft = apply_remembered(
        new_draft(template),
        {"signer_name": ["not", "text"], "recipients": "not a list", "report_date": "2020-01-01"},
        template,
    )
    assert draft.meta["signer_name"] == ""
    assert draft.meta["recipients"] == []
    assert draft.meta["report_date"] == ""
    assert apply_remembered(new_draft(template), None, template).meta["signer_name"] == ""


def test_remembered_values_do_not_override_what_is_set() -> None:
    """A field already filled in is kept."""
    template = load_template()
    draft = new_draft(template, signer_name="Nguyễn Văn A")
    apply_remembered(draft, {"signer_name": "Đặng Thị Thanh"}, template)
    assert draft.meta["signer_name"] == "Nguyễn Văn A"
