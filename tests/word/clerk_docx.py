"""Word reports typed the way a commune clerk types one, built with python-docx for the tests.

:func:`clerk_report` lays out a draft's content as communes send it: the header as a borderless
two-column table, "BÁO CÁO" and the subject, the preamble as filled in, the five-column table
(section rows merged across, real Word bullets, soft line breaks, one question without its
number, one answer typed in the old TCVN3 font, one question spread over two rows with its
number and prompt merged down, one whose prompt runs on into a second row, section V as a
merged row of free text), the closing, and "Nơi nhận" beside the signature.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt
from docx.table import Table, _Cell

from dienchau_desktop.dates import parse_date
from dienchau_desktop.draft import Answer, Draft, fill_placeholders
from dienchau_desktop.printed import is_free_text
from dienchau_desktop.template import Question, Template
from dienchau_desktop.textclean import _TCVN3, VNI_TABLE, convert_tcvn3, convert_vni

HEADERS = (
    "TT",
    "Nội dung",
    "Nội dung trả lời (Tóm tắt kết quả/đánh giá)",
    "Số liệu minh chứng (Nếu có)",
    "Ghi chú",
)
SHORT_HEADERS = ("STT", "Nội dung câu hỏi", "Trả lời", "Số liệu")
GAP = "……"

_TO_TCVN3 = {letter: code for code, letter in _TCVN3.items()}
_TO_VNI = {letter: code for code, letter in VNI_TABLE.items()}


def to_tcvn3(text: str) -> str:
    """Unicode Vietnamese as TCVN3 text shows in a Unicode program (what a .VnTime run holds)."""
    text = unicodedata.normalize("NFC", text)
    legacy = "".join(_TO_TCVN3.get(ch, ch) for ch in text)
    if convert_tcvn3(legacy) != text:
        raise ValueError(f"not writable in TCVN3: {text[:40]!r}")
    return legacy


def to_vni(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    legacy = "".join(_TO_VNI.get(ch, ch) for ch in text)
    if convert_vni(legacy) != text:
        raise ValueError(f"not writable in VNI: {text[:40]!r}")
    return legacy


@dataclass
class Options:
    four_columns: bool = False
    tcvn3_question: str = "I.1"  # its answer typed in .VnTime
    soft_break_question: str = "II.3"  # its paragraphs joined by soft line breaks
    blank_number_question: str = "III.4"  # its TT cell left empty
    merged_question: str = "II.5"  # two rows, TT and prompt merged down
    split_prompt_question: str = "II.4"  # prompt and answer running on into a second row
    capital_font_issuing_body: bool = True  # typed in .VnTimeH, the TCVN3 capitals font
    figures: dict[str, str] = field(default_factory=dict)  # "qid/fid" -> typed instead
    notes: dict[str, str] = field(default_factory=dict)  # qid -> the Ghi chú cell
    stray_paragraph: str = ""  # typed between the preamble and the table
    stray_row: tuple[str, str, str] | None = None  # (TT, prompt, answer) after the last row
    document_number: str | None = None  # instead of the draft's


def _paragraph(where: DocxDocument | _Cell, text: str, *, first: bool, **style: bool) -> None:
    paragraph = where.paragraphs[0] if first else where.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = style.get("bold") or None
    run.italic = style.get("italic") or None


def _lines(cell: _Cell, lines: Sequence[str], *, bold: bool = False) -> None:
    for i, line in enumerate(lines):
        _paragraph(cell, line, first=i == 0, bold=bold)


def _answer(cell: _Cell, text: str, *, tcvn3: bool = False, soft_breaks: bool = False) -> None:
    """An answer as the clerk types it: "- " lines as Word bullets (style "List Bullet")."""
    lines = [line for line in text.split("\n") if line.strip()]
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        bullet = line.startswith("- ")
        if i and not (soft_breaks and not bullet):
            paragraph = cell.add_paragraph()
        elif i:
            paragraph.add_run().add_break()
        if bullet:
            paragraph.style = cell.part.document.styles["List Bullet"]
            line = line[2:]
        run = paragraph.add_run(to_tcvn3(line) if tcvn3 else line)
        if tcvn3:
            run.font.name = ".VnTime"


class _Clerk:
    def __init__(self, draft: Draft, template: Template, options: Options) -> None:
        self.draft, self.template, self.o = draft, template, options
        self.doc = Document()
        self.doc.styles["Normal"].font.name = "Times New Roman"
        self.doc.styles["Normal"].font.size = Pt(13)

    def meta(self, key: str) -> str:
        return self.draft.meta_text(key)

    def build(self) -> bytes:
        self.header()
        self.title()
        if self.o.stray_paragraph:
            self.doc.add_paragraph(self.o.stray_paragraph)
        self.table()
        self.doc.add_paragraph(fill_placeholders(self.template.closing, self.draft.meta))
        self.signature()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def header(self) -> None:
        table = self.doc.add_table(rows=4, cols=2)  # no style: no borders
        when = parse_date(self.meta("report_date"))
        assert when is not None
        number = self.o.document_number
        number = self.meta("document_number") if number is None else number
        left = [
            self.meta("superior_body"),
            "",
            "*",
            f"Số {number or '     '}-{self.meta('document_symbol')}",
        ]
        for row, text in enumerate(left):
            _paragraph(table.cell(row, 0), text, first=True)
        issuing = table.cell(1, 0).paragraphs[0]
        if self.o.capital_font_issuing_body:
            run = issuing.add_run(to_tcvn3(self.meta("issuing_body").lower()))
            run.font.name = ".VnTimeH"
        else:
            run = issuing.add_run(self.meta("issuing_body"))
        run.bold = True
        _paragraph(table.cell(0, 1), "ĐẢNG CỘNG SẢN VIỆT NAM", first=True, bold=True)
        date = f"{self.meta('place')}, ngày {when.day} tháng {when.month} năm {when.year}"
        _paragraph(table.cell(3, 1), date, first=True, italic=True)

    def title(self) -> None:
        self.doc.add_paragraph().add_run("BÁO CÁO").bold = True
        self.doc.add_paragraph().add_run(self.meta("subject")).bold = True
        self.doc.add_paragraph("-----")
        self.doc.add_paragraph(fill_placeholders(self.template.preamble, self.draft.meta))

    def table(self) -> None:
        headers = SHORT_HEADERS if self.o.four_columns else HEADERS
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _paragraph(cell, text, first=True, bold=True)
        for section in self.template.sections:
            row = self._merged_row(table, section.id, bold=True)
            _lines(row, [section.title], bold=True)
            if is_free_text(section):
                row = self._merged_row(table, "")
                _answer(row, self.draft.get_answer(section.questions[0].id).text)
                continue
            for question in section.questions:
                self.question(table, question)
        if self.o.stray_row is not None:
            cells = table.add_row().cells
            for cell, text in zip(cells, self.o.stray_row, strict=False):
                _paragraph(cell, text, first=True)

    def _merged_row(self, table: Table, tt: str, *, bold: bool = False) -> _Cell:
        cells = table.add_row().cells
        if tt:
            _paragraph(cells[0], tt, first=True, bold=bold)
        return cells[1].merge(cells[-1])

    def figure_lines(self, question: Question, answer: Answer) -> list[str]:
        lines = []
        for spec in question.figures:
            typed = self.o.figures.get(f"{question.id}/{spec.id}", answer.figures.get(spec.id, ""))
            lines.append(f"{spec.label}: {typed or GAP}")
        return lines

    def question(self, table: Table, question: Question) -> None:
        answer = self.draft.get_answer(question.id)
        figures = self.figure_lines(question, answer)
        note = self.o.notes.get(question.id, "")
        number = "" if question.id == self.o.blank_number_question else question.number
        if question.id in (self.o.merged_question, self.o.split_prompt_question):
            self.two_rows(table, question, answer.text, figures, number)
            return
        cells = table.add_row().cells
        _paragraph(cells[0], number, first=True)
        _paragraph(cells[1], question.prompt, first=True)
        _answer(
            cells[2],
            answer.text,
            tcvn3=question.id == self.o.tcvn3_question,
            soft_breaks=question.id == self.o.soft_break_question,
        )
        _lines(cells[3], figures)
        if note and len(cells) > 4:
            _paragraph(cells[4], note, first=True)

    def two_rows(
        self, table: Table, question: Question, text: str, figures: list[str], number: str
    ) -> None:
        """A question over two rows: merged down, or with its prompt running on."""
        lines = text.split("\n")
        half, fig_half = max(1, len(lines) // 2), max(1, len(figures) // 2)
        top, bottom = table.add_row().cells, table.add_row().cells
        _paragraph(top[0], number, first=True)
        words = question.prompt.split()
        if question.id == self.o.merged_question:
            _paragraph(top[1], question.prompt, first=True)
            top[0].merge(bottom[0])
            top[1].merge(bottom[1])
        else:
            cut = len(words) * 2 // 3
            _paragraph(top[1], " ".join(words[:cut]), first=True)
            _paragraph(bottom[1], " ".join(words[cut:]), first=True)
        _answer(top[2], "\n".join(lines[:half]))
        _answer(bottom[2], "\n".join(lines[half:]))
        _lines(top[3], figures[:fig_half])
        _lines(bottom[3], figures[fig_half:])

    def signature(self) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        left.paragraphs[0].add_run("Nơi nhận:").underline = True
        recipients = self.draft.meta_lines("recipients")
        for i, line in enumerate(recipients):
            end = "." if i == len(recipients) - 1 else ","
            _paragraph(left, f"- {line}{end}", first=False)
        _paragraph(right, self.meta("signer_authority"), first=True, bold=True)
        _paragraph(right, self.meta("signer_position"), first=False)
        _paragraph(right, "(đã ký)", first=False, italic=True)
        _paragraph(right, "", first=False)
        _paragraph(right, self.meta("signer_name"), first=False, bold=True)


def clerk_report(draft: Draft, template: Template, options: Options | None = None) -> bytes:
    """The report as .docx bytes, typed the way a clerk types one."""
    return _Clerk(draft, template, options or Options()).build()


# --- the seed: the real report of xã Diễn Châu as exported from Word ---------------------------

_TAG = re.compile(r"(<[^<>]*>)")
_SEED_ROMAN = re.compile(r"^(VI|IV|V|III|II|I)\b")
# Inside an exported list the items run on in one line: " - " before a capital or a digit
# starts the next one ("chính trị - xã hội" does not).
_ITEM = re.compile(r" - (?=[^\W_a-zà-ỹđ])")


def _seed_cell(text: str) -> list[str]:
    """A seed cell's lines: its markup taken out, each list item a "- " line."""
    lines: list[str] = []
    in_list = False
    for token in _TAG.split(text):
        if _TAG.fullmatch(token):
            name = token.lower()
            in_list = name.startswith("<ul") or (in_list and not name.startswith(("</ul", "<p")))
            continue
        chunks = _ITEM.split(" " + token) if in_list else [token]
        for i, chunk in enumerate(chunks):
            chunk = " ".join(chunk.split())
            if in_list and i:
                chunk = "- " + chunk.removeprefix("- ")
            if chunk and chunk != "-":
                lines.append(chunk)
    return lines


def seed_report(seed_text: str) -> bytes:
    """The seed as the Word file it came from: paragraphs, and the table with its rows as
    exported (a section row merged across, a row continued after a page break as its own)."""
    doc = Document()
    table: Table | None = None
    for raw in seed_text.split("\n"):
        if "\t" not in raw:
            text = raw.strip().strip("*")
            for line in text.split("\n") if text else []:
                doc.add_paragraph(line)
            continue
        cols = (raw.split("\t") + [""] * 5)[:5]
        if table is None:
            table = doc.add_table(rows=0, cols=5)
        cells = table.add_row().cells
        for cell, col in zip(cells, cols, strict=True):
            _answer(cell, "\n".join(_seed_cell(col)))
        last = max(i for i, col in enumerate(cols) if col.strip())
        if _SEED_ROMAN.match(cols[0].strip()) and last < 4:
            cells[last].merge(cells[4])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- small reports, for the tests of one particular thing --------------------------------------

CellContent = str | Callable[[_Cell], None]


def table_report(
    rows: Sequence[Sequence[CellContent]],
    *,
    before: Sequence[str] = (),
    after: Sequence[str] = (),
    headers: Sequence[str] = HEADERS,
) -> bytes:
    """A report of paragraphs ``before``, the table (its header row, then ``rows``: a cell's
    text with one paragraph a line, or a function filling the cell) and paragraphs ``after``."""
    doc = Document()
    for line in before:
        doc.add_paragraph(line)
    table = doc.add_table(rows=1, cols=len(headers))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _paragraph(cell, text, first=True, bold=True)
    for row in rows:
        for cell, content in zip(table.add_row().cells, row, strict=False):
            if callable(content):
                content(cell)
            else:
                _answer(cell, content)
    for line in after:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def legacy_run(text: str, font: str | None) -> Callable[[_Cell], None]:
    """A cell typed in an old font: ``text`` as it is stored (already in the old encoding)."""

    def fill(cell: _Cell) -> None:
        run = cell.paragraphs[0].add_run(text)
        if font:
            run.font.name = font

    return fill


def nested_table(rows: Sequence[Sequence[str]]) -> Callable[[_Cell], None]:
    """A cell holding a table of its own (a clerk's way of lining up figures)."""

    def fill(cell: _Cell) -> None:
        inner = cell.add_table(rows=len(rows), cols=len(rows[0]))
        for r, texts in enumerate(rows):
            for c, text in enumerate(texts):
                inner.cell(r, c).text = text

    return fill
