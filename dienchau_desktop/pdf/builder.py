"""The printed report: a draft, its template and a layout profile in, A4 PDF bytes out.

The page follows the Party's layout guideline (HD 36-HD/VPTW), every value coming from the
layout profile (:mod:`dienchau_desktop.layout`): a two-column header, "BÁO CÁO" and the
summary, the preamble, the five-column table, the closing paragraph, then "Nơi nhận" and the
signature block kept together on one page; page numbers at the top centre from page 2; a draft
copy is marked "DỰ THẢO" on every page.

Long answers, printed in time linear in their length (``benchmarks/bench_print_scaling.py``):

- each answer is cut beforehand into pieces of a few lines (:mod:`dienchau_desktop.pdf.pieces`,
  every line where it would be in one paragraph), and the pieces after the first become rows of
  their own with no rule between them: the table still reads as one cell per answer, any page
  break falls between two pieces (or inside one, through ``splitInRow``);
- the table is handed to ReportLab a page's worth of rows at a time
  (:class:`~dienchau_desktop.pdf.rows.ReportTable`), never all the rows left;
- a cell of many pieces that sits whole in one row (a long note beside a long answer) is one
  :class:`~dienchau_desktop.pdf.rows.CellStack`, measured once.

A copy too long to print in reasonable time is refused before any of this
(:func:`dienchau_desktop.printed.check_length`); a part no page can hold, in Vietnamese
(:class:`~dienchau_desktop.printed.PrintRefusedError`).

Same draft, same bytes: the PDF is built in ReportLab's invariant mode and its date is the
draft's own ``meta.updated``.

Size: the whole printed page in one module; splitting the table from the header and signature
blocks is the next step when a second report layout arrives.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError as ReportLabLayoutError

from dienchau_desktop import __version__
from dienchau_desktop.dates import parse_date
from dienchau_desktop.draft import Draft
from dienchau_desktop.layout import Layout
from dienchau_desktop.pdf.fonts import Family, report_family
from dienchau_desktop.pdf.pieces import paragraph_parts
from dienchau_desktop.pdf.rows import STACK_MIN_ITEMS, CellStack, ReportTable, RowStore
from dienchau_desktop.pdf.text import markup
from dienchau_desktop.printed import (
    Block,
    PrintedQuestion,
    PrintedReport,
    PrintedSection,
    PrintRefusedError,
    printed_report,
)
from dienchau_desktop.template import Template

APP_NAME = "dienchau_desktop"
TOO_BIG_FOR_A_PAGE = (
    "Không dàn được trang in: một phần của báo cáo quá lớn, không vừa một trang giấy (thường "
    "là phần đầu, phần ký tên hoặc một bố cục trang in có cỡ chữ, khoảng cách quá lớn). Hãy "
    "rút ngắn phần đó hoặc dùng bố cục mặc định rồi in lại; bản nháp vẫn được giữ nguyên."
)
_BIG = 1e9


# --- styles ---------------------------------------------------------------------------------


@dataclass
class _Styles:
    layout: Layout
    family: Family
    cache: dict[tuple[Any, ...], ParagraphStyle] = field(default_factory=dict)

    def para(
        self,
        size: float,
        leading: float,
        *,
        bold: bool = False,
        italic: bool = False,
        align: int = TA_LEFT,
        first_indent: float = 0.0,
        left_indent: float = 0.0,
        right_indent: float = 0.0,
        space_before: float = 0.0,
        bullet_indent: float = 0.0,
    ) -> ParagraphStyle:
        key = (size, leading, bold, italic, align, first_indent, left_indent, right_indent,
               space_before, bullet_indent)  # fmt: skip
        style = self.cache.get(key)
        if style is None:
            style = ParagraphStyle(
                f"dc-{len(self.cache)}",
                fontName=self.family.face(bold=bold, italic=italic),
                fontSize=size,
                leading=leading,
                alignment=align,
                firstLineIndent=first_indent,
                leftIndent=left_indent,
                rightIndent=right_indent,
                spaceBefore=space_before,
                spaceAfter=0,
                bulletFontName=self.family.regular,
                bulletFontSize=size,
                bulletIndent=bullet_indent,
                splitLongWords=1,
                allowWidows=1,
                allowOrphans=0,
            )
            self.cache[key] = style
        return style

    def restyle(self, piece: Paragraph, *, space_before: float, justify_last: bool) -> None:
        """Set a piece's space before and whether its last line is justified (not the end)."""
        base = piece.style
        key = ("restyle", id(base), space_before, justify_last)
        style = self.cache.get(key)
        if style is None:
            style = ParagraphStyle(
                f"dc-{len(self.cache)}",
                parent=base,
                spaceBefore=space_before,
                justifyLastLine=1 if justify_last else 0,
            )
            self.cache[key] = style
            self.cache[("keep", id(base))] = base  # keep ``base`` alive so its id stays unique
        piece.style = style


# --- flowables ------------------------------------------------------------------------------


class RuledLine(Flowable):  # type: ignore[misc]
    """One centred line of text with a solid rule under it exactly as long as the text."""

    def __init__(self, text: str, font: str, size: float, rule_width: float, gap: float) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size
        self.rule_width = rule_width
        self.gap = gap
        self.text_width = stringWidth(text, font, size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail_width = avail_width
        self.height = self.size * 1.15 + self.gap + self.rule_width
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x = (self.avail_width - self.text_width) / 2
        baseline = self.height - self.size * 0.9
        canvas.setFont(self.font, self.size)
        canvas.drawString(x, baseline, self.text)
        canvas.setLineWidth(self.rule_width)
        y = baseline - self.size * 0.22 - self.gap
        canvas.line(x, y, x + self.text_width, y)


class SpanningCell(Flowable):  # type: ignore[misc]
    """A cell's content laid out across this column and the ones to its right.

    Used instead of ReportLab's ``SPAN`` for the section rows and a section's own text: with
    any ``SPAN`` in a table, ReportLab recomputes span maps over every cell of what is left of
    the table at each page break, which adds a cost that grows with the square of its length.
    The table leaves out the vertical rules inside these rows (see ``_TableBuilder.table``).
    """

    def __init__(self, inner: Any, span_width: float) -> None:
        super().__init__()
        self.inner = inner
        self.span_width = span_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, self.height = self.inner.wrap(self.span_width, avail_height)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts = self.inner.split(self.span_width, avail_height)
        return [SpanningCell(part, self.span_width) for part in parts]

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


# --- pieces of text -------------------------------------------------------------------------


@dataclass
class _Piece:
    flowable: Any
    height: float
    starts_block: bool  # the first piece of a paragraph, a bullet or a figure line


def _pieces(
    st: _Styles,
    blocks: Sequence[tuple[str, str]],
    width: float,
    style: ParagraphStyle,
    bullet_style: ParagraphStyle,
) -> list[_Piece]:
    """Paragraphs and bullets as small pieces, each measured at ``width``."""
    table = st.layout.table
    out: list[_Piece] = []
    for index, (kind, text) in enumerate(blocks):
        bullet = kind == "bullet"
        parts = paragraph_parts(
            text,
            bullet_style if bullet else style,
            st.family,
            width,
            table.max_piece_lines,
            bullet=table.bullet if bullet else None,
        )
        for i, (part, height) in enumerate(parts):
            last = i == len(parts) - 1
            space = table.paragraph_space_pt if i == 0 and index > 0 else 0.0
            st.restyle(part, space_before=space, justify_last=not last)
            out.append(_Piece(part, height, i == 0))
    return out


def _height(pieces: Sequence[_Piece]) -> float:
    return sum(p.height + (p.flowable.getSpaceBefore() if i else 0) for i, p in enumerate(pieces))


# --- the table ------------------------------------------------------------------------------


class _TableBuilder:
    """Rows and style commands of the report's five-column table, kept row by row.

    The cells' left and right padding is part of each paragraph's style (indents), not the
    cell's: ReportLab measures a paragraph it splits at a page end against the cell's full
    width, so with cell padding the first half would be set wider than the cell.
    """

    def __init__(self, st: _Styles, column_titles: Sequence[str]) -> None:
        self.st = st
        t = st.layout.table
        self.vpad = t.vertical_padding_pt
        self.widths = [c.width_mm * mm for c in t.columns]
        self.span_width = sum(self.widths[1:])
        header_leading = t.header_size * t.leading / t.size
        titles = [
            Paragraph(
                markup(title, st.family),
                st.para(
                    t.header_size,
                    header_leading,
                    align=TA_CENTER,
                    bold=True,
                    left_indent=c.padding_pt,
                    right_indent=c.padding_pt,
                ),
            )
            for c, title in zip(t.columns, column_titles, strict=True)
        ]
        self.store = RowStore(
            widths=self.widths,
            line_width=t.line_width_pt,
            # Split inside a row first (so pages are filled), never leaving less than two lines.
            split_in_row=int(2 * t.leading + 2 * self.vpad),
            header=list(titles),
            header_commands=[
                ("VALIGN", 0, -1, "MIDDLE"),
                ("LINEBELOW", 0, -1, t.line_width_pt, colors.black),
            ],
            common=[
                ("FONT", (0, 0), (-1, -1), st.family.regular, t.size, t.leading),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), self.vpad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), self.vpad),
            ],
        )

    def style(
        self, column: int, align: int, *, bold: bool = False, bullet: bool = False
    ) -> ParagraphStyle:
        """The paragraph style of a cell in ``column`` (its padding as indents)."""
        t = self.st.layout.table
        pad = t.columns[column].padding_pt
        hang = t.bullet_indent_mm * mm if bullet else 0.0
        return self.st.para(
            t.size,
            t.leading,
            align=align,
            bold=bold,
            left_indent=pad + hang,
            right_indent=pad,
            bullet_indent=pad,
        )

    def _rule_below(self, row: int) -> None:
        self.store.command(
            row, "LINEBELOW", 0, -1, self.st.layout.table.line_width_pt, colors.black
        )

    def section(self, section: PrintedSection) -> None:
        title = Paragraph(markup(section.title, self.st.family), self.style(1, TA_LEFT, bold=True))
        number = Paragraph(
            markup(section.number, self.st.family), self.style(0, TA_CENTER, bold=True)
        )
        estimate = max(title.wrap(self.span_width, _BIG)[1], number.wrap(self.widths[0], _BIG)[1])
        r = self.store.add(
            [number, SpanningCell(title, self.span_width), "", "", ""],
            estimate + 2 * self.vpad,
            spanned=True,
        )
        self._rule_below(r)

    def block(self, columns: list[list[_Piece]], *, spanning: bool = False) -> None:
        """One question (or a section's free text) as a first row plus continuation rows.

        The tallest column flows on in continuation rows, one piece per row; all other columns
        sit in the first row, which holds just enough of the tallest one to be at least as tall
        as they are, so the flowing column never shows a gap.
        """
        totals = [_height(c) for c in columns]
        flowing = max(range(len(columns)), key=lambda c: (totals[c], c == 2))
        others = max((h for c, h in enumerate(totals) if c != flowing), default=0.0)
        pieces = columns[flowing]
        take, acc = 0, 0.0
        while take < len(pieces) and (take == 0 or acc < others):
            acc += pieces[take].height + (pieces[take].flowable.getSpaceBefore() if take else 0)
            take += 1
        width = len(self.widths)
        first_row = [_cell(c) for c in columns]
        first_row[flowing] = _cell(pieces[:take])
        first_row += [""] * (width - len(first_row))
        rest = pieces[take:]
        # Continuation rows sit flush against each other: no rule, no padding between.
        last_pad = self.vpad
        first_pad = self.vpad if not rest else 0.0
        store = self.store
        start = store.add(first_row, max(acc, others) + self.vpad + first_pad, spanned=spanning)
        if rest:
            store.command(start, "BOTTOMPADDING", 0, -1, 0)
        for i, piece in enumerate(rest):
            row: list[Any] = [""] * width
            # The first flowable's space before is ignored in a cell: a spacer keeps the gap.
            gap = piece.flowable.getSpaceBefore() if piece.starts_block else 0.0
            if gap:
                paragraph = getattr(piece.flowable, "inner", piece.flowable)
                self.st.restyle(
                    paragraph,
                    space_before=0.0,
                    justify_last=bool(paragraph.style.justifyLastLine),
                )
                row[flowing] = [Spacer(1, gap), piece.flowable]
            else:
                row[flowing] = [piece.flowable]
            last = i == len(rest) - 1
            r = store.add(row, piece.height + gap + (last_pad if last else 0.0), spanned=spanning)
            store.command(r, "TOPPADDING", 0, -1, 0)
            if not last:
                store.command(r, "BOTTOMPADDING", 0, -1, 0)
        self._rule_below(len(store.rows) - 1)

    def table(self) -> ReportTable:
        return ReportTable(self.store)


def _cell(pieces: Sequence[_Piece]) -> Any:
    """A cell's content: its flowables, or one CellStack when they are many (see CellStack)."""
    if not pieces:
        return ""
    if len(pieces) > STACK_MIN_ITEMS:
        return [CellStack([p.flowable for p in pieces], [p.height for p in pieces])]
    return [p.flowable for p in pieces]


def _column(
    st: _Styles, tb: _TableBuilder, column: int, blocks: Sequence[tuple[str, str]], align: int
) -> list[_Piece]:
    return _pieces(
        st,
        blocks,
        tb.widths[column],
        tb.style(column, align),
        tb.style(column, align, bullet=True),
    )


def _question_columns(st: _Styles, tb: _TableBuilder, q: PrintedQuestion) -> list[list[_Piece]]:
    number = Paragraph(markup(q.number, st.family), tb.style(0, TA_CENTER))
    return [
        [_Piece(number, number.wrap(tb.widths[0], _BIG)[1], True)],
        _column(st, tb, 1, [("para", q.prompt)], TA_LEFT),
        _column(st, tb, 2, _pairs(q.answer), TA_JUSTIFY),
        _column(st, tb, 3, [("para", line) for line in q.figures], TA_LEFT),
        _column(st, tb, 4, _pairs(q.note), TA_LEFT),
    ]


def _pairs(blocks: Sequence[Block]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks]


def _free_text_columns(
    st: _Styles, tb: _TableBuilder, blocks: Sequence[Block]
) -> list[list[_Piece]]:
    """A section's own text, in one cell spanning from the second column to the last."""
    t = st.layout.table
    pad = t.columns[1].padding_pt
    hang = t.bullet_indent_mm * mm

    def style(bullet: bool) -> ParagraphStyle:
        return st.para(
            t.size,
            t.leading,
            align=TA_JUSTIFY,
            left_indent=pad + (hang if bullet else 0.0),
            right_indent=t.columns[-1].padding_pt,
            bullet_indent=pad,
        )

    pieces = _pieces(st, _pairs(blocks), tb.span_width, style(False), style(True))
    for piece in pieces:
        piece.flowable = SpanningCell(piece.flowable, tb.span_width)
    return [[], pieces]


# --- header, title, closing -----------------------------------------------------------------


def _layout_grid(fam: Any) -> list[tuple[Any, ...]]:
    """Style of the borderless tables that place the header and the signature block."""
    return [
        ("FONT", (0, 0), (-1, -1), fam.regular, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]


def _header(st: _Styles, rep: PrintedReport) -> Table:
    h = st.layout.header
    left = st.para(h.size, h.leading, align=TA_CENTER)
    left_bold = st.para(h.size, h.leading, align=TA_CENTER, bold=True)
    date = st.para(h.size, h.leading, align=TA_CENTER, italic=True)
    fam = st.family
    party = RuledLine(
        rep.party_name, fam.bold, h.party_name_size, h.party_rule_width_pt, h.party_rule_gap_pt
    )
    rows = [
        [Paragraph(markup(rep.superior_body, fam), left), party],
        [Paragraph(markup(rep.issuing_body, fam), left_bold), ""],
        [Paragraph(markup(rep.star, fam), left), ""],
        [
            Paragraph(markup(rep.number, fam), left),
            Paragraph(markup(rep.place_and_date, fam), date),
        ],
    ]
    text_width = st.layout.text_width_mm * mm
    widths = [h.left_column_mm * mm, text_width - h.left_column_mm * mm]
    table = Table(rows, colWidths=widths, splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle([*_layout_grid(fam), ("BOTTOMPADDING", (0, 2), (0, 2), h.leading * 0.15)])
    )
    return table


def _title(st: _Styles, rep: PrintedReport) -> list[Any]:
    t = st.layout.title
    kind = Paragraph(
        markup(rep.document_kind, st.family),
        st.para(t.size, t.size * 1.25, bold=True, align=TA_CENTER, space_before=t.space_before_pt),
    )
    indent = t.summary_indent_mm * mm
    summary = Paragraph(
        markup(rep.subject, st.family),
        st.para(
            t.summary_size,
            t.summary_leading,
            bold=True,
            align=TA_CENTER,
            left_indent=indent,
            right_indent=indent,
        ),
    )
    out: list[Any] = [kind, summary]
    if rep.mark:
        out.append(
            Paragraph(
                markup(rep.mark, st.family),
                st.para(t.summary_size, t.summary_leading, align=TA_CENTER),
            )
        )
    out.append(Spacer(1, t.space_after_pt))
    return out


def _body_paragraph(st: _Styles, text: str) -> Paragraph:
    b = st.layout.body
    style = st.para(
        b.size,
        b.leading,
        align=TA_JUSTIFY,
        first_indent=b.first_line_indent_mm * mm,
        space_before=b.paragraph_space_pt,
    )
    return Paragraph(markup(text, st.family), style)


def _signature_block(st: _Styles, rep: PrintedReport) -> list[Any]:
    """ "Nơi nhận" and its list (left) beside the signature block (right), as one table.

    A list too long for half a page continues under the table as plain lines, so that even a
    list of thousands of lines flows on page after page.
    """
    r = st.layout.recipients
    s = st.layout.signature
    fam = st.family
    title_text = markup(rep.recipients_title, fam)
    if r.title_underline:
        title_text = f"<u>{title_text}</u>"
    title = Paragraph(
        title_text,
        st.para(r.title_size, r.title_size * 1.2, bold=r.title_bold, italic=r.title_italic),
    )
    hang = stringWidth(r.prefix, fam.regular, r.size)
    line_style = st.para(r.size, r.leading, left_indent=hang, first_indent=-hang)
    left_width = s.left_column_mm * mm
    left: list[Any] = [title]
    rest: list[Any] = []
    room = (st.layout.page_size_mm[1] - st.layout.page.margin_top_mm) * mm / 2
    used = title.wrap(left_width, _BIG)[1]
    for line in rep.recipients:
        paragraph = Paragraph(markup(line, fam), line_style)
        if not rest:
            used += paragraph.wrap(left_width, _BIG)[1]
        (left if not rest and used <= room else rest).append(paragraph)
    centre_bold = st.para(s.size, s.leading, align=TA_CENTER, bold=True)
    centre = st.para(s.size, s.leading, align=TA_CENTER)
    right: list[Any] = []
    authority, position, name = rep.signer_authority, rep.signer_position, rep.signer_name
    if authority:
        right.append(Paragraph(markup(authority, fam), centre_bold))
    if position:
        right.append(Paragraph(markup(position, fam), centre))
    right.append(Spacer(1, s.space_for_signature_mm * mm))
    right.append(Paragraph(markup(name, fam) if name else "", centre_bold))
    text_width = st.layout.text_width_mm * mm
    widths = [left_width, text_width - left_width]
    table = Table([[left, right]], colWidths=widths, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle(_layout_grid(fam)))
    return [table, *rest]


# --- the document ---------------------------------------------------------------------------


def _pdf_date(draft: Draft) -> str:
    """The PDF's date (D:YYYYMMDDHHmmSS+HH'mm'): when the draft was last changed."""
    for key in ("updated", "created"):
        try:
            stamp = datetime.fromisoformat(draft.meta_text(key).strip())
        except ValueError:
            continue
        offset = stamp.utcoffset()
        if offset is None:
            return stamp.strftime("D:%Y%m%d%H%M%S")
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        hh, mm_ = divmod(abs(minutes), 60)
        return stamp.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hh:02d}'{mm_:02d}'"
    report = parse_date(draft.meta_text("report_date"))
    return report.strftime("D:%Y%m%d000000") if report else "D:20000101000000Z"


def _page_decorator(st: _Styles, *, draft_copy: bool, pdf_date: str) -> Callable[[Any, Any], None]:
    layout = st.layout
    width_mm, height_mm = layout.page_size_mm
    page_w, page_h = width_mm * mm, height_mm * mm
    pn = layout.page_number
    mark = layout.draft_mark

    def decorate(canvas: Any, doc: Any) -> None:
        page = canvas.getPageNumber()
        if page == 1:
            canvas.setDateFormatter(lambda *_: pdf_date)
        canvas.saveState()
        if draft_copy:
            if mark.watermark_size > 0:
                canvas.saveState()
                canvas.setFillGray(mark.watermark_gray)
                canvas.translate(page_w / 2, page_h / 2)
                canvas.rotate(mark.watermark_angle)
                canvas.setFont(st.family.bold, mark.watermark_size)
                canvas.drawCentredString(0, -mark.watermark_size * 0.35, mark.text)
                canvas.restoreState()
            canvas.setFont(st.family.bold, mark.size)
            text_w = stringWidth(mark.text, st.family.bold, mark.size)
            pad = mark.size * 0.45
            right = page_w - layout.page.margin_right_mm * mm
            top = page_h - 7 * mm
            box_h = mark.size + 2 * pad
            canvas.setLineWidth(1)
            canvas.rect(right - text_w - 2 * pad, top - box_h, text_w + 2 * pad, box_h)
            canvas.drawString(right - text_w - pad, top - pad - mark.size * 0.78, mark.text)
        if page >= pn.first_numbered_page:
            canvas.setFont(st.family.regular, pn.size)
            left = layout.page.margin_left_mm * mm
            centre = left + layout.text_width_mm * mm / 2
            canvas.drawCentredString(centre, page_h - pn.baseline_from_top_mm * mm, str(page))
        canvas.restoreState()

    return decorate


def build_pdf(draft: Draft, template: Template, layout: Layout, *, draft_copy: bool) -> bytes:
    """The report as PDF bytes (no validation here: see :func:`dienchau_desktop.pdf.render_pdf`)."""
    family = report_family(use_system=layout.fonts.use_system_times_new_roman)
    st = _Styles(layout, family)
    p = layout.page
    width_mm, height_mm = layout.page_size_mm
    page_w, page_h = width_mm * mm, height_mm * mm

    rep = printed_report(draft, template, layout, draft_copy=draft_copy)
    story: list[Any] = [_header(st, rep), Spacer(1, layout.header.space_after_pt)]
    story += _title(st, rep)
    if rep.preamble:
        story.append(_body_paragraph(st, rep.preamble))
    story.append(Spacer(1, layout.table.space_before_pt))
    tb = _TableBuilder(st, rep.column_titles)
    for section in rep.sections:
        tb.section(section)
        if section.free_text is not None:
            tb.block(_free_text_columns(st, tb, section.free_text), spanning=True)
            continue
        for question in section.questions:
            tb.block(_question_columns(st, tb, question))
    story.append(tb.table())
    ending: list[Any] = [Spacer(1, layout.table.space_before_pt)]
    if rep.closing:
        ending.append(_body_paragraph(st, rep.closing))
    ending.append(Spacer(1, layout.signature.space_before_pt))
    ending += _signature_block(st, rep)
    story.append(KeepTogether(ending))

    copy_kind = "bản dự thảo" if draft_copy else "bản chính thức"
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_w, page_h),
        leftMargin=p.margin_left_mm * mm,
        rightMargin=p.margin_right_mm * mm,
        topMargin=p.margin_top_mm * mm,
        bottomMargin=p.margin_bottom_mm * mm,
        title=rep.title,
        author=rep.issuing_body,
        subject=rep.subject,
        creator=f"{APP_NAME} {__version__}",
        keywords=(
            f"{copy_kind}; phông chữ: {family.description}; "
            f"bố cục: {layout.id}; mẫu: {template.id} v{template.version}; "
            f"chương trình: {APP_NAME} {__version__}"
        ),
        lang="vi",
        initialFontName=family.regular,
        initialFontSize=layout.body.size,
        invariant=1,
        pageCompression=1,
        displayDocTitle=1,
    )
    frame = Frame(
        p.margin_left_mm * mm,
        p.margin_bottom_mm * mm,
        layout.text_width_mm * mm,
        page_h - (p.margin_top_mm + p.margin_bottom_mm) * mm,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    decorate = _page_decorator(st, draft_copy=draft_copy, pdf_date=_pdf_date(draft))
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    try:
        doc.build(story)
    except ReportLabLayoutError as exc:  # something no page can hold, however it is cut
        raise PrintRefusedError(TOO_BIG_FOR_A_PAGE) from exc
    return buffer.getvalue()
