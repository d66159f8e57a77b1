"""Validation: required figures, unreadable values, impossible numbers, meta, review warnings."""

from __future__ import annotations

from datetime import date

import pytest

from dienchau_desktop.draft import Draft, ExtraFigure, example_draft, new_draft
from dienchau_desktop.template import FigureSpec, load_template
from dienchau_desktop.validation import check_figure, errors, progress, validate, warnings

TEMPLATE = load_template()
TODAY = date(2026, 4, 20)
ALL_FIGURES = [(q.id, f) for q in TEMPLATE.questions for f in q.figures]


def _ex() -> Draft:
    return example_draft()


def test_example_has_no_errors() -> None:
    """The bundled example (the real Diễn Châu report) is ready for the final print."""
    problems = validate(_ex(), TEMPLATE, today=TODAY)
    assert errors(problems) == []


@pytest.mark.parametrize(("qid", "spec"), ALL_FIGURES, ids=[f"{q}-{f.id}" for q, f in ALL_FIGURES])
def test_blanking_any_required_figure_is_an_error(qid: str, spec: FigureSpec) -> None:
    """Every required figure, left empty, gives an error naming its question and label."""
    d = _ex()
    d.answers[qid].figures[spec.id] = ""
    errs = errors(validate(d, TEMPLATE, today=TODAY))
    assert len(errs) == 1
    e = errs[0]
    assert (e.question, e.figure, e.field) == (qid, spec.id, "figure")
    assert f"Mục {qid}" in e.message and spec.label in e.message and "bắt buộc" in e.message


def _figure_errors(qid: str, fid: str, value: str) -> list[str]:
    d = _ex()
    d.answers[qid].figures[fid] = value
    return [p.message for p in errors(validate(d, TEMPLATE, today=TODAY))]


@pytest.mark.parametrize(
    ("qid", "fid", "value", "words"),
    [
        ("I.2", "ty_le_chi_bo_lanh_dao_mttq", "150%", "từ 0 đến 100%"),
        ("II.5", "so_don_vi_co_quy_che", "9/8", "lớn hơn tổng số"),
        ("II.4", "so_buoi_doi_thoai", "3 - 2", "số đầu lớn hơn số cuối"),
        ("I.2", "so_nghi_quyet_chuyen_de", "-5", "số âm"),
        ("II.3", "tong_kinh_phi", "-5", "số âm"),
        ("I.2", "so_nghi_quyet_chuyen_de", "abc", "không đọc được"),
        ("I.2", "so_nghi_quyet_chuyen_de", "2,5 nghị quyết", "số nguyên"),
        ("I.2", "so_nghi_quyet_chuyen_de", "8 đồng", "đơn vị tiền"),
        ("II.3", "tong_kinh_phi", "8 người", "không phải đơn vị tiền"),
        ("I.2", "so_nghi_quyet_chuyen_de", "80%", "phần trăm"),
        ("II.5", "so_don_vi_co_quy_che", "8", "dạng tỷ lệ"),
        ("II.5", "so_don_vi_co_quy_che", "8/0", "lớn hơn 0"),
        ("I.2", "so_nghi_quyet_chuyen_de", "8/8", "không phải tỷ lệ"),
        ("III.1", "so_ho_tham_gia", "trên 100%", "100%"),
        ("I.2", "so_nghi_quyet_chuyen_de", "1.5", "dấu phẩy"),
    ],
)
def test_malformed_figures_are_errors_naming_the_question(
    qid: str, fid: str, value: str, words: str
) -> None:
    """Impossible or unreadable figures block the final print and say why, naming the question."""
    spec = TEMPLATE.question(qid).figure(fid)  # type: ignore[union-attr]
    assert spec is not None, f"{qid}/{fid} not in template"
    messages = _figure_errors(qid, fid, value)
    assert messages, f"{value!r} gave no error"
    assert any(words in m and f"Mục {qid}" in m and spec.label in m for m in messages), messages


def test_invalid_figure_kept_in_draft_after_validation() -> None:
    """Validation reads the draft and never changes it."""
    d = _ex()
    d.answers["I.2"].figures["so_nghi_quyet_chuyen_de"] = "150%"
    before = d.to_dict()
    validate(d, TEMPLATE, today=TODAY)
    assert d.to_dict() == before


def test_missing_answer_text_is_error_except_vi3() -> None:
    """A required narrative left empty is an error; VI.3 may stay empty."""
    d = _ex()
    d.answers["II.1"].text = ""
    d.answers["VI.3"].text = ""
    errs = errors(validate(d, TEMPLATE, today=TODAY))
    assert [(e.question, e.field) for e in errs] == [("II.1", "text")]


@pytest.mark.parametrize("key", ["signer_name", "issuing_body", "report_date", "recipients"])
def test_required_meta_missing_is_error(key: str) -> None:
    """Signer's name, issuing body, date and recipients are required."""
    d = _ex()
    d.meta[key] = [] if key == "recipients" else ""
    errs = errors(validate(d, TEMPLATE, today=TODAY))
    assert [(e.field, e.meta_key) for e in errs] == [("meta", key)]
    assert "Thông tin chung" in errs[0].message


def test_document_number_may_be_blank() -> None:
    """The number is often written in by hand: blank is fine."""
    d = _ex()
    d.meta["document_number"] = ""
    assert not [p for p in validate(d, TEMPLATE, today=TODAY) if p.meta_key == "document_number"]


def test_bad_date_is_error() -> None:
    """A date that is no date is an error."""
    d = _ex()
    d.meta["report_date"] = "31/2/2026"
    errs = errors(validate(d, TEMPLATE, today=TODAY))
    assert [e.meta_key for e in errs] == ["report_date"]


def test_reviewer_warnings() -> None:
    """What a careful reviewer at the province would catch comes out as warnings, not errors."""
    d = _ex()
    d.meta["report_date"] = "2026-04-01"  # before the instruction of 13/4/2026
    d.meta["document_number"] = "Số 12-BC/ĐU"
    d.meta["recipients"] = ["Ban Tuyên giáo và Dân vận Tỉnh uỷ (b/c)"]
    d.answers["II.4"].figures["so_y_kien_tiep_nhan"] = "150 ý kiến"  # text says khoảng 120
    d.answers["VI.2"].text = d.answers["VI.1"].text
    d.answers["I.1"].text = "Tốt."
    d.answers["IV.1"].text = "Ninh B×nh vµ ViÖt Nam cã nhiÒu"
    d.answers["I.2"].extra_figures = [ExtraFigure(label="Số buổi", value="")]
    problems = validate(d, TEMPLATE, today=TODAY)
    assert errors(problems) == []
    found = {(p.question or p.meta_key, p.figure) for p in warnings(problems)}
    assert ("report_date", None) in found
    assert ("document_number", None) in found
    assert ("recipients", None) in found
    assert ("II.4", "so_y_kien_tiep_nhan") in found
    assert ("VI.2", None) in found
    assert ("I.1", None) in found
    assert ("IV.1", None) in found
    assert ("I.2", "extra:0") in found


def test_future_report_date_warned() -> None:
    """A report dated well after today is probably a typo."""
    d = _ex()
    d.meta["report_date"] = "2027-04-15"
    assert [p.meta_key for p in warnings(validate(d, TEMPLATE, today=TODAY))] == ["report_date"]


def test_narrative_range_agrees_with_figure() -> None:
    """“25 – 30 lượt/năm” in the text agrees with 26 as evidence: no warning."""
    d = _ex()
    assert not [p for p in validate(d, TEMPLATE, today=TODAY) if p.question == "IV.2"]


def test_check_figure_is_the_single_rule() -> None:
    """The per-field check (used by the GUI beside the field) gives the same verdicts."""
    spec = FigureSpec("x", "Tỷ lệ", "percent", "%", True, "")
    assert check_figure("92,5%", spec) == []
    assert check_figure("", spec)[0][0] == "error"
    assert check_figure("150%", spec)[0][0] == "error"


def test_new_draft_progress_and_errors() -> None:
    """An empty draft has every required thing flagged and 1/18 questions complete (VI.3)."""
    d = new_draft(TEMPLATE)
    assert progress(d, TEMPLATE) == (1, 18)
    assert len(errors(validate(d, TEMPLATE, today=TODAY))) > 40
    assert progress(_ex(), TEMPLATE) == (18, 18)


def test_example_has_no_warnings_either() -> None:
    """Real Vietnamese text and the real figures raise no false alarms."""
    assert validate(_ex(), TEMPLATE, today=TODAY) == []


@pytest.mark.parametrize("garbled", ["Ninh B×nh vµ ViÖt Nam", "Xin chaøo Vieät Nam"])
def test_legacy_encodings_detected(garbled: str) -> None:
    """Text typed in TCVN3 or VNI fonts and pasted as Unicode is pointed out."""
    d = _ex()
    d.answers["I.1"].text = garbled + " " + d.answers["I.1"].text
    found = [p for p in warnings(validate(d, TEMPLATE, today=TODAY)) if p.question == "I.1"]
    assert found and "TCVN3/VNI" in found[0].message
