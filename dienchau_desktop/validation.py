"""Checking a draft against its template: every rule lives here, once.

:func:`validate` returns problems. An **error** blocks the final print; a **warning** informs.
Each problem names the question and the figure in plain Vietnamese, and carries a short ``detail``
for showing right under the field it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from dienchau_desktop.dates import parse_date
from dienchau_desktop.draft import Answer, Draft
from dienchau_desktop.figures import (
    Figure,
    FigureSyntaxError,
    Shape,
    fold,
    format_figure,
    is_currency_unit,
    parse_figure,
    units_match,
)
from dienchau_desktop.template import FigureSpec, Question, Template
from dienchau_desktop.textclean import LegacyFinding, find_legacy, word_count

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"

KIND_NAMES = {
    "count": "một số đếm",
    "percent": "một tỷ lệ phần trăm",
    "money": "một số tiền",
    "ratio": "một tỷ lệ dạng a/b",
    "range": "một số hoặc một khoảng",
    "text": "chữ",
}
SHORT_ANSWER_WORDS = 8


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str  # the whole sentence: names the question (and figure)
    detail: str  # the short form shown next to the field
    question: str | None = None
    figure: str | None = None  # figure id, or "extra:<n>" for the user's own evidence lines
    field: str = "text"  # "text" | "figure" | "note" | "meta"
    meta_key: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in ("severity", "question", "figure", "field", "meta_key", "message")}


def _q(question: Question) -> str:
    return f"Mục {question.id}"


def _fig_where(question: Question, spec: FigureSpec) -> str:
    return f"{_q(question)}, số liệu “{spec.label}”"


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def figure(self, severity: Severity, question: Question, spec: FigureSpec, detail: str) -> None:
        self.problems.append(
            Problem(
                severity=severity,
                message=f"{_fig_where(question, spec)}: {detail}",
                detail=detail,
                question=question.id,
                figure=spec.id,
                field="figure",
            )
        )

    def answer(
        self, severity: Severity, question: Question, detail: str, fld: str = "text"
    ) -> None:
        part = "phần trả lời" if fld == "text" else "ghi chú"
        self.problems.append(
            Problem(
                severity=severity,
                message=f"{_q(question)}, {part}: {detail}",
                detail=detail,
                question=question.id,
                field=fld,
            )
        )

    def extra(self, severity: Severity, question: Question, index: int, detail: str) -> None:
        self.problems.append(
            Problem(
                severity=severity,
                message=f"{_q(question)}, dòng minh chứng thêm số {index + 1}: {detail}",
                detail=detail,
                question=question.id,
                figure=f"extra:{index}",
                field="figure",
            )
        )

    def meta(self, severity: Severity, key: str, label: str, detail: str) -> None:
        self.problems.append(
            Problem(
                severity=severity,
                message=f"Thông tin chung, “{label}”: {detail}",
                detail=detail,
                field="meta",
                meta_key=key,
            )
        )


# --- figures -------------------------------------------------------------------------------


def _is_whole(d: Decimal | None) -> bool:
    return d is None or d == d.to_integral_value()


def check_figure(raw: str, spec: FigureSpec) -> list[tuple[Severity, str]]:
    """Problems with one typed figure value, as (severity, short Vietnamese detail).

    This is the single rule for a figure: the GUI shows these under the field as the user types,
    and :func:`validate` puts them in the report-wide list.
    """
    value = raw.strip()
    if not value:
        if spec.required:
            return [(ERROR, "chưa nhập (bắt buộc).")]
        return []
    if spec.kind == "text":
        return []
    kind_name = KIND_NAMES.get(spec.kind, spec.kind)
    try:
        fig = parse_figure(value)
    except FigureSyntaxError as exc:
        return [(ERROR, f"không đọc được “{value}” là {kind_name}: {exc}.")]
    out: list[tuple[Severity, str]] = [(WARNING, note) for note in fig.notes]
    ends = [fig.value] + ([fig.high] if fig.high is not None else [])

    if spec.kind == "ratio":
        if fig.shape is not Shape.RATIO:
            out.append((ERROR, f"cần ghi dạng tỷ lệ “đạt/tổng số”, ví dụ 8/8 (đã ghi “{value}”)."))
            return out
        assert fig.whole is not None
        if fig.value < 0 or fig.whole < 0:
            out.append((ERROR, "không được là số âm."))
        elif fig.whole == 0:
            out.append((ERROR, "tổng số (số sau dấu /) phải lớn hơn 0."))
        elif fig.value > fig.whole:
            out.append(
                (
                    ERROR,
                    f"số đạt ({fig.value}) lớn hơn tổng số ({fig.whole}): “{value}” không hợp lý.",
                )
            )
        if not (_is_whole(fig.value) and _is_whole(fig.whole)):
            out.append((ERROR, "tỷ lệ a/b phải gồm các số nguyên."))
    else:
        if fig.shape is Shape.RATIO:
            out.append((ERROR, f"cần {kind_name}, không phải tỷ lệ dạng a/b (đã ghi “{value}”)."))
            return out
        if fig.shape is Shape.RANGE and fig.high is not None and fig.value > fig.high:
            out.append(
                (ERROR, f"khoảng “{value}” có số đầu lớn hơn số cuối; hãy ghi từ nhỏ đến lớn.")
            )
        if any(e < 0 for e in ends):
            out.append((ERROR, "không được là số âm."))
        if spec.kind == "percent":
            if any(e > 100 for e in ends):
                out.append((ERROR, f"tỷ lệ phần trăm phải từ 0 đến 100% (đã ghi “{value}”)."))
            elif fig.qualifier in ("trên", "hơn") and fig.value >= 100:
                out.append((ERROR, f"“{value}” vượt quá 100%."))
        elif fig.percent:
            out.append((ERROR, f"cần {kind_name} nhưng đã ghi tỷ lệ phần trăm “{value}”."))
        if spec.kind == "count" and not all(_is_whole(e) for e in ends):
            out.append((ERROR, f"số đếm phải là số nguyên (đã ghi “{value}”)."))

    # Units: a currency where none belongs (or none where one does) contradicts the form;
    # any other different word is worth a look.
    if spec.kind != "percent" and fig.unit:
        typed_currency = is_currency_unit(fig.unit)
        if spec.kind == "money" and not typed_currency and not fig.unit.startswith("/"):
            out.append((ERROR, f"đơn vị “{fig.unit}” không phải đơn vị tiền (cần “{spec.unit}”)."))
        elif spec.kind != "money" and typed_currency:
            out.append((ERROR, f"đơn vị “{fig.unit}” là đơn vị tiền, mục này cần “{spec.unit}”."))
        elif units_match(fig.unit, spec.unit, spec.kind) is False:
            out.append(
                (WARNING, f"đơn vị “{fig.unit}” khác đơn vị của mẫu (“{spec.unit}”); kiểm tra lại.")
            )
    return out


# --- narrative vs figures ------------------------------------------------------------------

_NUM = r"\d[\d.,]*"
_MENTION_TAIL = r"(?:\s*(?:-|–|—|đến|tới)\s*" + _NUM + r")?\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+)?"


def _mentions(text: str, unit: str) -> list[Figure]:
    """Figures the narrative writes with this unit, e.g. ``khoảng 120 ý kiến``."""
    base = unit.split("/")[0].strip()
    if not base or base == "%":
        return []
    pattern = re.compile(
        r"(?<![\d.,])(" + _NUM + _MENTION_TAIL + r")" + re.escape(base) + r"(?!\w)", re.I
    )
    found = []
    for m in pattern.finditer(text):
        try:
            found.append(parse_figure(m.group(1).strip() + " " + base))
        except FigureSyntaxError:
            continue
    return found


def _span(fig: Figure) -> tuple[Decimal, Decimal]:
    high = fig.high if fig.high is not None else fig.value
    return (min(fig.value, high), max(fig.value, high))


def _cross_check(c: _Collector, question: Question, answer: Answer) -> None:
    text = answer.text
    if not text:
        return
    for spec in question.figures:
        if spec.kind not in ("count", "money", "range"):
            continue
        raw = answer.figures.get(spec.id, "").strip()
        if not raw:
            continue
        try:
            fig = parse_figure(raw)
        except FigureSyntaxError:
            continue
        if fig.shape is Shape.RATIO or fig.percent:
            continue
        unit = "đồng" if spec.kind == "money" else spec.unit
        mentions = _mentions(text, unit)
        if not mentions:
            continue
        lo, hi = _span(fig)
        if any(m_lo <= hi and lo <= m_hi for m_lo, m_hi in map(_span, mentions)):
            continue
        said = ", ".join(f"“{format_figure(m)}”" for m in mentions[:3])
        c.figure(
            WARNING,
            question,
            spec,
            f"phần trả lời ghi {said} nhưng số liệu minh chứng là “{raw}”; kiểm tra lại cho khớp.",
        )


# --- the report ----------------------------------------------------------------------------


def legacy_detail(found: LegacyFinding) -> str:
    """The warning for text typed in an old encoding: which one, and a word of the text."""
    return (
        f"có chữ trông như gõ bằng bảng mã {found.name} (một trong hai bảng mã cũ TCVN3/VNI), "
        f"ví dụ “{found.words[0]}”; hãy dán lại để chương trình tự chuyển sang Unicode."
    )


def _check_answers(c: _Collector, draft: Draft, template: Template) -> None:
    seen_texts: dict[str, str] = {}
    for question in template.questions:
        _check_question(c, question, draft.get_answer(question.id), seen_texts)


def _check_question(
    c: _Collector, question: Question, answer: Answer, seen_texts: dict[str, str]
) -> None:
    text = answer.text.strip()
    if not text:
        if question.answer_required:
            c.answer(ERROR, question, "chưa viết (bắt buộc).")
    else:
        words = word_count(text)
        if words < SHORT_ANSWER_WORDS:
            c.answer(
                WARNING,
                question,
                f"phần trả lời rất ngắn ({words} từ); cấp trên cần nội dung cụ thể hơn.",
            )
        key = " ".join(fold(text).split())
        if words >= SHORT_ANSWER_WORDS and key in seen_texts:
            c.answer(
                WARNING,
                question,
                f"phần trả lời giống hệt mục {seen_texts[key]}; có phải dán nhầm không?",
            )
        seen_texts.setdefault(key, question.id)
        if found := find_legacy(text):
            c.answer(WARNING, question, legacy_detail(found))
    if answer.note and (found := find_legacy(answer.note)):
        c.answer(WARNING, question, legacy_detail(found), "note")
    for spec in question.figures:
        for severity, detail in check_figure(answer.figures.get(spec.id, ""), spec):
            c.figure(severity, question, spec, detail)
    for i, extra in enumerate(answer.extra_figures):
        if extra.value.strip() and not extra.label.strip():
            c.extra(WARNING, question, i, "chưa ghi tên số liệu.")
        elif extra.label.strip() and not extra.value.strip():
            c.extra(WARNING, question, i, f"“{extra.label}” chưa có giá trị.")
    _cross_check(c, question, answer)


def _check_meta(c: _Collector, draft: Draft, template: Template, today: date) -> None:
    dates: dict[str, date] = {}
    for mf in template.meta_fields:
        value = draft.meta.get(mf.key, [] if mf.kind == "lines" else "")
        if mf.kind == "lines":
            lines = (
                [x for x in value if isinstance(x, str) and x.strip()]
                if isinstance(value, list)
                else []
            )
            if mf.required and not lines:
                c.meta(ERROR, mf.key, mf.label, "chưa nhập (bắt buộc).")
            continue
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            if mf.required:
                c.meta(ERROR, mf.key, mf.label, "chưa nhập (bắt buộc).")
            continue
        if mf.kind == "date":
            parsed = parse_date(text)
            if parsed is None:
                c.meta(ERROR, mf.key, mf.label, f"“{text}” không phải một ngày (ngày/tháng/năm).")
            else:
                dates[mf.key] = parsed

    report = dates.get("report_date")
    instruction = dates.get("instruction_date")
    if report and report > today + timedelta(days=1):
        label = _label(template, "report_date")
        c.meta(WARNING, "report_date", label, "ngày báo cáo ở sau hôm nay; kiểm tra lại.")
    if report and instruction and report < instruction:
        label = _label(template, "report_date")
        c.meta(
            WARNING,
            "report_date",
            label,
            "ngày báo cáo ở trước ngày của văn bản chỉ đạo được trả lời; kiểm tra lại.",
        )
    number = draft.meta_text("document_number")
    if number and (fold(number).startswith("so") or "/" in number):
        c.meta(
            WARNING,
            "document_number",
            _label(template, "document_number"),
            f"chỉ ghi con số (ví dụ 123); “Số” và ký hiệu “-{draft.meta_text('document_symbol')}” "
            "được in tự động.",
        )
    authority = fold(draft.meta_text("signer_authority"))
    if authority and not re.match(r"^(t/m|k/t|t/l|tm\.|kt\.|tl\.|bi thu|pho bi thu)", authority):
        c.meta(
            WARNING,
            "signer_authority",
            _label(template, "signer_authority"),
            "thẩm quyền ký thường bắt đầu bằng T/M, K/T hoặc T/L (ví dụ “T/M BAN THƯỜNG VỤ”).",
        )
    recipients = draft.meta_lines("recipients")
    if recipients and not fold(recipients[-1]).startswith("luu"):
        c.meta(
            WARNING,
            "recipients",
            _label(template, "recipients"),
            "dòng cuối của “Nơi nhận” thường là “Lưu Văn phòng Đảng ủy”.",
        )


def _label(template: Template, key: str) -> str:
    mf = template.meta_field(key)
    return mf.label if mf else key


def validate(draft: Draft, template: Template, *, today: date | None = None) -> list[Problem]:
    """Every problem in a draft, in the order of the form (general information first)."""
    c = _Collector()
    if draft.template_id != template.id:
        c.problems.append(
            Problem(
                severity=ERROR,
                message=f"Bản nháp thuộc mẫu “{draft.template_id}”, không phải “{template.id}”.",
                detail="bản nháp thuộc mẫu báo cáo khác.",
                field="meta",
            )
        )
        return c.problems
    _check_meta(c, draft, template, today or date.today())
    _check_answers(c, draft, template)
    return c.problems


def validate_question(draft: Draft, template: Template, question_id: str) -> list[Problem]:
    """The problems of one question: the same as :func:`validate` gives for it, checked alone.

    Earlier questions are read only for the "same text as" warning, so this stays cheap while
    the user types.
    """
    if draft.template_id != template.id:
        return []
    c = _Collector()
    seen_texts: dict[str, str] = {}
    for question in template.questions:
        if question.id == question_id:
            _check_question(c, question, draft.get_answer(question.id), seen_texts)
            break
        text = draft.get_answer(question.id).text.strip()
        if text:
            seen_texts.setdefault(" ".join(fold(text).split()), question.id)
    return c.problems


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == WARNING]


def question_complete(draft: Draft, question: Question) -> bool:
    """A question counts as answered when its required text and figures are filled in."""
    answer = draft.get_answer(question.id)
    if question.answer_required and not answer.text.strip():
        return False
    return all(answer.figures.get(f.id, "").strip() for f in question.figures if f.required)


def progress(draft: Draft, template: Template) -> tuple[int, int]:
    """(answered questions, all questions)."""
    qs = template.questions
    return sum(1 for q in qs if question_complete(draft, q)), len(qs)
