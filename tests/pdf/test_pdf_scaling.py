"""Printing stays linear in the content, and a copy too long to print is refused (issue 16,
item 4).

Timing is left to ``benchmarks/bench_print_scaling.py``; these tests count what the cost is
made of instead, which is deterministic: the table rows handed to ReportLab and the paragraphs
it measures, per page printed, must not grow with the length of the answer (they grew with its
square before: every page end rebuilt the table from every row left), and no paragraph is given
to ReportLab whole when it is long (its line breaker is quadratic in a paragraph's words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pdf_helpers import bundled_layout, column_text, render, squeeze
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, tables
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError as ReportLabLayoutError

from dienchau_desktop.cli.app import main
from dienchau_desktop.draft import Draft, example_draft, write_draft_file
from dienchau_desktop.pdf import PrintRefusedError, pieces
from dienchau_desktop.pdf.fonts import report_family
from dienchau_desktop.pdf.text import markup
from dienchau_desktop.printed import MAX_PRINTED_PAGES, estimated_pages, printed_report
from dienchau_desktop.template import load_template
from dienchau_desktop.word import render_docx


@dataclass
class Counts:
    rows: int = 0  # rows of every ReportLab table built
    wraps: int = 0  # paragraphs measured
    longest: int = 0  # characters of the longest paragraph made


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    found = Counts()
    table_init = tables.Table.__init__
    wrap = Paragraph.wrap
    para_init = Paragraph.__init__

    def counting_table(self: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        found.rows += len(data)
        table_init(self, data, *args, **kwargs)

    def counting_wrap(self: Any, *args: Any) -> Any:
        found.wraps += 1
        return wrap(self, *args)

    def measuring_init(self: Any, text: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(text, str):
            found.longest = max(found.longest, len(text))
        para_init(self, text, *args, **kwargs)

    monkeypatch.setattr(tables.Table, "__init__", counting_table)
    monkeypatch.setattr(Paragraph, "wrap", counting_wrap)
    monkeypatch.setattr(Paragraph, "__init__", measuring_init)
    yield found


def _lines(n: int) -> str:
    return "\n".join(f"Dòng số {i} của câu trả lời, đã làm xong." for i in range(n))


def _per_page(counts: Counts, draft: Draft) -> tuple[float, float]:
    """Table rows built and paragraphs measured per page, printing ``draft``."""
    counts.rows = counts.wraps = 0
    pages = render(draft).count(b"/Type /Page\n")
    return counts.rows / pages, counts.wraps / pages


def test_table_rows_built_per_page_do_not_grow_with_the_answer(counts: Counts) -> None:
    """An answer four times longer builds about as many table rows per page (not four times as
    many): ReportLab is given a page's worth of rows at a time, never all that is left."""
    small, big = example_draft(), example_draft()
    small.answer("II.3").text = _lines(400)
    big.answer("II.3").text = _lines(1600)
    rows_small, _ = _per_page(counts, small)
    rows_big, _ = _per_page(counts, big)
    assert rows_big < 1.5 * rows_small, (rows_small, rows_big)


def test_two_long_columns_are_measured_once_a_page(counts: Counts) -> None:
    """A long note beside a long answer: the cell that sits whole in one row is not measured
    again paragraph by paragraph at every page end."""
    small, big = example_draft(), example_draft()
    for draft, n in ((small, 200), (big, 800)):
        draft.answer("II.3").text = _lines(n)
        draft.answer("II.3").note = _lines(n)
    _, wraps_small = _per_page(counts, small)
    _, wraps_big = _per_page(counts, big)
    assert wraps_big < 1.5 * wraps_small, (wraps_small, wraps_big)


def test_two_long_columns_print_whole_and_in_order() -> None:
    """Both long columns print every line once, in order, page after page."""
    draft = example_draft()
    draft.answer("II.3").text = "\n".join(f"Trả lời {i:04d}." for i in range(150))
    draft.answer("II.3").note = "\n".join(f"Ghi {i:04d}" for i in range(150))
    pdf = render(draft)
    answers = re.findall(r"Trảlời(\d{4})\.", squeeze(column_text(pdf, 2)))
    notes = re.findall(r"Ghi(\d{4})", squeeze(column_text(pdf, 4)))
    expected = [f"{i:04d}" for i in range(150)]
    assert answers == expected
    assert notes == expected


def test_no_long_paragraph_reaches_reportlab_whole(counts: Counts) -> None:
    """A 5,000-word paragraph and a 20,000-letter word are given to ReportLab in chunks: no
    paragraph it breaks into lines is longer than a chunk."""
    draft = example_draft()
    draft.answer("II.3").text = " ".join(f"từ{i:05d}" for i in range(5_000))
    draft.answer("III.1").text = "đường" * 4_000
    render(draft)
    assert counts.longest <= pieces.CHUNK_CHARS + 100


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["Đảng", "ủy", "xã", "Diễn", "Châu", "kinh tế - xã hội", "&", "<b>"] * 700),
        "đường" * 3_000,
        "mở đầu " + "đường" * 2_000 + " giữa " + "kết luận nghị quyết " * 400 + "k" * 9_000,
        " ".join(["ok 😀", "một", "hai", "ba"] * 1_500),
    ],
    ids=["words", "one-long-word", "long-words-among-words", "fallback-font"],
)
@pytest.mark.parametrize("bullet", [None, "-"])
def test_chunked_paragraph_breaks_its_lines_as_the_whole_one(text: str, bullet: str | None) -> None:
    """Cutting a long paragraph into chunks changes no line: every line holds what it would in
    the one paragraph, so the joins never show."""
    family = report_family(use_system=False)
    style = ParagraphStyle(
        "t",
        fontName=family.regular,
        fontSize=13,
        leading=15.5,
        splitLongWords=1,
        leftIndent=6.5 + (10 if bullet else 0),
        rightIndent=6.5,
        bulletIndent=6.5,
        bulletFontName=family.regular,
    )
    width = 65 * 72 / 25.4

    def lines(paragraph: Paragraph) -> list[str]:
        paragraph.wrap(width, 1e9)
        bl = paragraph.blPara
        if bl.kind == 0:
            return [" ".join(" ".join(line[1]).split()) for line in bl.lines]
        return [" ".join("".join(f.text for f in line.words).split()) for line in bl.lines]

    whole = lines(Paragraph(markup(text, family), style, bulletText=bullet))
    parts = pieces.paragraph_parts(text, style, family, width, 16, bullet=bullet)
    cut = [line for part, _ in parts for line in lines(part)]
    assert cut == whole
    assert all(len(lines(part)) <= 16 for part, _ in parts)


# --- too long to print ------------------------------------------------------------------------


def _too_long() -> Draft:
    """60,000 one-letter lines in the narrow notes column: well over the page limit."""
    draft = example_draft()
    draft.answer("II.3").note = "\n".join("a" for _ in range(60_000))
    return draft


def test_the_example_is_far_from_the_limit() -> None:
    """The estimate that guards printing says about ten pages for the ten-page example."""
    draft = example_draft()
    report = printed_report(
        draft, load_template(draft.template_id), bundled_layout(), draft_copy=False
    )
    pages, _ = estimated_pages(bundled_layout(), report)
    assert 7 <= pages <= 13


def test_a_copy_too_long_is_refused_before_layout_in_both_writers() -> None:
    """Over the limit, PDF and Word alike refuse at once, saying how long it is, which part is
    the longest and what to do; no page is laid out."""
    draft = _too_long()
    for write in (render, lambda d: render_docx(d, layout=bundled_layout())):
        with pytest.raises(PrintRefusedError) as caught:
            write(draft)
        message = str(caught.value)
        assert "Báo cáo quá dài để in" in message
        assert f"{MAX_PRINTED_PAGES:,}".replace(",", ".") in message
        assert "mục II, câu 3" in message and "rút gọn" in message


def test_render_refuses_a_copy_too_long_with_exit_1(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """``render`` exits 1 (refused, reason stated) and writes nothing."""
    path = tmp_path / "dai.json"
    write_draft_file(_too_long(), path)
    out = tmp_path / "dai.pdf"
    assert main(["render", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Báo cáo quá dài để in" in err and "Traceback" not in err
    assert not out.exists()


def test_a_part_no_page_can_hold_is_said_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """ReportLab's own "too large on page" becomes a refusal in Vietnamese with what to do,
    never the bare name of its exception."""

    def too_large(*_args: Any, **_kwargs: Any) -> None:
        raise ReportLabLayoutError("Flowable <Table> too large on page 3")

    monkeypatch.setattr(BaseDocTemplate, "build", too_large)
    with pytest.raises(PrintRefusedError) as caught:
        render(example_draft())
    message = str(caught.value)
    assert "không vừa một trang giấy" in message and "LayoutError" not in message
