"""The report as printed: every string a copy carries, from a draft, its form and a layout profile.

Both writers lay out this and nothing else — the PDF (:mod:`dienchau_desktop.pdf`) and the Word
copy (:mod:`dienchau_desktop.word`) — so the two copies say the same thing, character for
character: the header, "BÁO CÁO" and the subject, the preamble with its placeholders filled, the
table's rows (each figure as "label: value unit", a missing required one as a gap to fill by
hand), the closing, the recipients with their punctuation and the signature block.

The rule for a final copy lives here too (:func:`check_final`): refused while the draft has
errors, whichever file it is written to.

Every string is :func:`~dienchau_desktop.textclean.printable`: NFC, without control or
invisible characters. Escaping and fonts belong to each writer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dienchau_desktop.dates import heading_date, parse_date
from dienchau_desktop.draft import Answer, Draft, fill_placeholders
from dienchau_desktop.figures import format_for_print
from dienchau_desktop.layout import Layout, load_layout
from dienchau_desktop.template import Question, Section, Template, load_template
from dienchau_desktop.textclean import paragraphs, printable
from dienchau_desktop.validation import Problem, errors, validate

GAP = "……"  # a blank left to fill in by hand (no place, no date yet)
_RECIPIENT_END = re.compile(r"[\s,.;]+$")
_NUMBER_PREFIX = re.compile(r"^\s*số\s*[:.]?\s*", re.IGNORECASE)

# The longest copy printed: printing takes about 25 ms a page whatever the report's length
# (benchmarks/bench_print_scaling.py), so 1,000 pages print in well under a minute. A real
# report is 10 to 30 pages.
MAX_PRINTED_PAGES = 1_000
_MM = 72 / 25.4
_AVERAGE_EM = 0.45  # the average width of a character of Vietnamese text, in ems (Times)


class FinalRefusedError(Exception):
    """The final copy was refused because the draft still has errors; ``problems`` lists them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        listed = "; ".join(f"({i}) {p.message.rstrip('.')}" for i, p in enumerate(self.problems, 1))
        return (
            f"Chưa in được bản chính thức vì báo cáo còn {count} lỗi phải sửa: {listed}. "
            "Hãy sửa các lỗi này, hoặc in bản dự thảo để xin ý kiến."
        )


class PrintRefusedError(ValueError):
    """A copy that cannot be made, for a reason the user can act on (a report too long to print,
    a part too big for any page); ``str()`` says so in Vietnamese, with what to do."""


def check_final(draft: Draft, template: Template) -> None:
    """Raise :class:`FinalRefusedError` while the draft has errors (a final copy's one rule)."""
    found = errors(validate(draft, template))
    if found:
        raise FinalRefusedError(found)


def prepare(
    draft: Draft, template: Template | None, layout: Layout | None, *, final: bool
) -> tuple[Template, Layout]:
    """The form and layout profile a copy is written with (the draft's own form and the Party's
    profile unless given), after the final copy's rule (:func:`check_final`)."""
    template = template or load_template(draft.template_id)
    if final:
        check_final(draft, template)
    return template, layout or load_layout()


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet of a cell or of the body text."""

    kind: str  # "para" | "bullet"
    text: str


@dataclass(frozen=True)
class PrintedQuestion:
    number: str
    prompt: str
    answer: tuple[Block, ...]
    figures: tuple[str, ...]  # one line each: "label: value unit"
    note: tuple[Block, ...]


@dataclass(frozen=True)
class PrintedSection:
    number: str
    title: str
    questions: tuple[PrintedQuestion, ...]
    free_text: tuple[Block, ...] | None  # a section printed as text under its heading (V)


@dataclass(frozen=True)
class PrintedReport:
    superior_body: str
    issuing_body: str
    party_name: str
    star: str
    number: str  # "Số 45-BC/ĐU", or "Số" and blank spaces to write the number by hand
    place_and_date: str  # "Diễn Châu, ngày 15 tháng 4 năm 2026"
    document_kind: str  # "BÁO CÁO"
    subject: str
    mark: str  # the line under the subject ("-----"), may be empty
    preamble: str
    column_titles: tuple[str, ...]
    sections: tuple[PrintedSection, ...]
    closing: str
    recipients_title: str
    recipients: tuple[str, ...]
    signer_authority: str
    signer_position: str
    signer_name: str
    draft_copy: bool
    draft_mark: str  # "DỰ THẢO" on every page of a draft copy

    @property
    def title(self) -> str:
        """The document's title in its file properties."""
        return printable(f"{self.document_kind.capitalize()} {self.subject}")


def bind_dashes(text: str) -> str:
    """A spaced dash bound to the word after it by a no-break space ("kinh tế -\u00a0xã hội").

    A line then never starts with the dash of a compound name, where it would read as a new
    list item, nor ends in a lone "-" that text extractors take for a hyphenated word.
    """
    return text.replace(" - ", " -\u00a0")


def is_free_text(section: Section) -> bool:
    """A section printed as text under its heading (V): one question with the section's id."""
    return (
        len(section.questions) == 1
        and section.questions[0].id == section.id
        and not section.questions[0].figures
    )


def recipient_lines(layout: Layout, recipients: Sequence[str]) -> list[str]:
    """Recipient lines as printed: "- " before each, "," after each but the last, "." last."""
    r = layout.recipients
    bare = []
    for line in recipients:
        text = printable(line).strip()
        if text.startswith(("- ", "+ ", "• ")):
            text = text[2:].strip()
        text = _RECIPIENT_END.sub("", text)
        if text:
            bare.append(text)
    return [
        f"{r.prefix}{text}{r.last if i == len(bare) - 1 else r.separator}"
        for i, text in enumerate(bare)
    ]


def figure_lines(layout: Layout, question: Question, answer: Answer) -> list[str]:
    """The evidence column: each figure on its own line, "label: value"."""
    sep = layout.table.figure_separator
    missing = layout.table.missing_value
    lines: list[str] = []
    for spec in question.figures:
        raw = answer.figures.get(spec.id, "")
        if raw.strip():
            value = format_for_print(printable(raw), spec.kind, spec.unit)
        elif spec.required:
            value = missing  # a gap to fill in by hand on a draft copy
        else:
            continue
        lines.append(printable(f"{spec.label}{sep}{value}"))
    for extra in answer.extra_figures:
        label, value = printable(extra.label).strip(), printable(extra.value).strip()
        if label and value:
            lines.append(f"{label}{sep}{value}")
        elif label or value:
            lines.append(label or value)
    return lines


def _blocks(text: str) -> tuple[Block, ...]:
    return tuple(Block(kind, line) for kind, line in paragraphs(printable(text)))


def _document_number(layout: Layout, draft: Draft) -> str:
    h = layout.header
    number = _NUMBER_PREFIX.sub("", printable(draft.meta_text("document_number"))).strip()
    symbol = printable(draft.meta_text("document_symbol")).strip()
    shown = number or "\u00a0" * h.blank_number_spaces
    text = f"{h.number_prefix} {shown}" if h.number_prefix else shown
    return f"{text}-{symbol}" if symbol else text


def _place_and_date(draft: Draft) -> str:
    place = printable(draft.meta_text("place")).strip()
    when = parse_date(draft.meta_text("report_date"))
    date_text = heading_date(when) if when else f"ngày {GAP} tháng {GAP} năm {GAP}"
    return f"{place or GAP}, {date_text}"


def _section(layout: Layout, section: Section, draft: Draft) -> PrintedSection:
    if is_free_text(section):
        text = _blocks(draft.get_answer(section.questions[0].id).text)
        return PrintedSection(printable(section.id), printable(section.title), (), text)
    questions = []
    for q in section.questions:
        answer = draft.get_answer(q.id)
        questions.append(
            PrintedQuestion(
                number=printable(q.number),
                prompt=printable(q.prompt),
                answer=_blocks(answer.text),
                figures=tuple(figure_lines(layout, q, answer)),
                note=_blocks(answer.note),
            )
        )
    return PrintedSection(printable(section.id), printable(section.title), tuple(questions), None)


def printed_report(
    draft: Draft, template: Template, layout: Layout, *, draft_copy: bool
) -> PrintedReport:
    """Everything a copy of ``draft`` says, in the order it is printed (no validation here).

    A copy too long to print in reasonable time is refused here, for both writers
    (:class:`PrintRefusedError`, see :func:`check_length`).
    """

    def meta(key: str) -> str:
        return printable(draft.meta_text(key)).strip()

    fill = fill_placeholders
    report = PrintedReport(
        superior_body=printable(draft.meta_text("superior_body")),
        issuing_body=printable(draft.meta_text("issuing_body")),
        party_name=printable(layout.header.party_name),
        star=printable(layout.header.star),
        number=_document_number(layout, draft),
        place_and_date=_place_and_date(draft),
        document_kind=printable(template.document_kind),
        subject=meta("subject") or printable(template.summary),
        mark=printable(layout.title.mark),
        preamble=printable(fill(template.preamble, draft.meta)) if template.preamble else "",
        column_titles=tuple(printable(c.title) for c in layout.table.columns),
        sections=tuple(_section(layout, s, draft) for s in template.sections),
        closing=printable(fill(template.closing, draft.meta)) if template.closing else "",
        recipients_title=printable(layout.recipients.title),
        recipients=tuple(recipient_lines(layout, draft.meta_lines("recipients"))),
        signer_authority=meta("signer_authority"),
        signer_position=meta("signer_position"),
        signer_name=meta("signer_name"),
        draft_copy=draft_copy,
        draft_mark=printable(layout.draft_mark.text),
    )
    check_length(layout, report)
    return report


# --- how long a copy is ---------------------------------------------------------------------


def _height(blocks: Sequence[str], size: float, leading: float, width: float, gap: float) -> float:
    """Points a column of paragraphs takes (estimated from its length; no layout)."""
    per_line = max(1, int(width / (_AVERAGE_EM * size)))  # characters on one line
    lines = sum(max(1, math.ceil(len(text) / per_line)) for text in blocks)
    return lines * leading + gap * max(0, len(blocks) - 1)


def estimated_pages(layout: Layout, report: PrintedReport) -> tuple[float, str]:
    """About how many pages a copy takes, and which part of it takes the most (its name)."""
    t, b = layout.table, layout.body
    widths = [c.width_mm * _MM - 2 * c.padding_pt for c in t.columns]
    span = sum(c.width_mm for c in t.columns[1:]) * _MM
    text_width = layout.text_width_mm * _MM
    page_height = (layout.page_size_mm[1] - layout.page.margin_top_mm) * _MM
    page_height -= layout.page.margin_bottom_mm * _MM

    def column(blocks: Sequence[str], index: int) -> float:
        return _height(blocks, t.size, t.leading, widths[index], t.paragraph_space_pt)

    body = [report.preamble, report.closing]
    parts = [(_height(body, b.size, b.leading, text_width, 0), "lời mở đầu và đoạn kết")]
    for section in report.sections:
        if section.free_text is not None:
            text = [x.text for x in section.free_text]
            height = _height(text, t.size, t.leading, span, t.paragraph_space_pt)
            parts.append((height, f"mục {section.number}"))
        for q in section.questions:
            height = max(
                column([q.prompt], 1),
                column([x.text for x in q.answer], 2),
                column(list(q.figures), 3),
                column([x.text for x in q.note], 4),
            )
            parts.append(
                (height + 2 * t.vertical_padding_pt, f"mục {section.number}, câu {q.number}")
            )
    h, r = layout.header, layout.recipients
    heading = [report.superior_body, report.issuing_body, report.place_and_date, report.subject]
    parts.append((_height(heading, h.size, h.leading, text_width / 2, 0), "phần đầu báo cáo"))
    parts.append((_height(report.recipients, r.size, r.leading, text_width / 2, 0), "nơi nhận"))
    total = sum(h for h, _ in parts) / page_height
    longest = max(parts)
    return total, longest[1]


def check_length(layout: Layout, report: PrintedReport) -> None:
    """Refuse a copy too long to print in reasonable time (:data:`MAX_PRINTED_PAGES`)."""
    pages, longest = estimated_pages(layout, report)
    if pages <= MAX_PRINTED_PAGES:
        return
    raise PrintRefusedError(
        f"Báo cáo quá dài để in: khoảng {_thousands(round(pages))} trang, chương trình in được "
        f"tối đa khoảng {_thousands(MAX_PRINTED_PAGES)} trang. Phần dài nhất là {longest}. "
        "Hãy rút gọn phần đó (ví dụ đưa bớt nội dung sang tài liệu gửi kèm) rồi in lại; bản "
        "nháp vẫn được giữ nguyên."
    )


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")
